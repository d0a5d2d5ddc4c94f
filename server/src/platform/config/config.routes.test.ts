// Configuration through real HTTP: option lists, numbering rules, settings and custom fields on organisations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: string;
let rep: string;
const ids: Record<string, string> = {};

/** path → code of a problem response; each field is named once. */
function problems(body: any): Record<string, string> {
  const errors = (body.errors ?? []) as { path: string; code: string }[];
  expect(new Set(errors.map((error) => error.path)).size, JSON.stringify(errors)).toBe(errors.length);
  return Object.fromEntries(errors.map((error) => [error.path, error.code]));
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const department = await t.createDepartment('华南大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep' });
  ids.engineer = await t.createUser({ username: 'engineer', departmentId: department, role: 'presales_engineer' });
  rep = await t.login('rep');
});
afterAll(async () => t?.close());

describe('option lists', () => {
  it('adds, edits and retires an option; refuses a duplicate code, a stale version and a rep', async () => {
    const input = { listKey: 'industry', code: 'mining', labelZh: '矿业', labelEn: 'Mining', sort: 95 };
    const created = await t.call(admin, 'POST', '/api/v1/option-lists', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...input, active: true, version: 1 });
    const duplicate = await t.call(admin, 'POST', '/api/v1/option-lists', { ...input, labelZh: '采矿' });
    expect(duplicate.status).toBe(409);
    expect(problems(duplicate.body)).toEqual({ code: 'code_taken' });
    expect((await t.call(admin, 'POST', '/api/v1/option-lists', { ...input, listKey: 'source' })).status).toBe(201);
    const badCode = await t.call(admin, 'POST', '/api/v1/option-lists', { ...input, code: 'Has Space', listKey: 'colour' });
    expect(badCode.status).toBe(400);
    expect(problems(badCode.body)).toEqual({ code: 'code_format', listKey: 'invalid_value' });

    const edited = await t.call(admin, 'PATCH', `/api/v1/option-lists/${created.body.id}`, { labelZh: '矿山', active: false, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ labelZh: '矿山', active: false, version: 2 });
    expect((await t.call(admin, 'PATCH', `/api/v1/option-lists/${created.body.id}`, { labelZh: '旧', version: 1 })).status).toBe(409);
    const listed = await t.call(rep, 'GET', '/api/v1/option-lists');
    expect(listed.body.items.filter((item: any) => item.code === 'mining').map((item: any) => [item.listKey, item.labelZh, item.active])).toEqual([
      ['industry', '矿山', false],
      ['source', '矿业', true],
    ]);
    expect((await t.call(rep, 'POST', '/api/v1/option-lists', { ...input, code: 'oil' })).status).toBe(403);
    expect((await t.call(rep, 'PATCH', `/api/v1/option-lists/${created.body.id}`, { labelZh: 'x', version: 2 })).status).toBe(403);
  });
});

describe('numbering rules', () => {
  it('previews and applies a new pattern; refuses a pattern without {seq} or with an unknown token', async () => {
    expect((await t.call(rep, 'GET', '/api/v1/numbering-rules')).status).toBe(403);
    const rules = await t.call(admin, 'GET', '/api/v1/numbering-rules');
    const rule = rules.body.items.find((item: any) => item.recordType === 'organization');
    expect(rule.preview).toMatch(/^ORG-\d{4}-00001$/);

    const noSeq = await t.call(admin, 'PATCH', `/api/v1/numbering-rules/${rule.id}`, { pattern: 'KH-{yyyy}', version: rule.version });
    expect(noSeq.status).toBe(400);
    expect(problems(noSeq.body)).toEqual({ pattern: 'pattern_needs_seq' });
    const unknownToken = await t.call(admin, 'PATCH', `/api/v1/numbering-rules/${rule.id}`, { pattern: 'KH-{dd}-{seq:3}', version: rule.version });
    expect(problems(unknownToken.body)).toEqual({ pattern: 'pattern_unknown_token' });

    const changed = await t.call(admin, 'PATCH', `/api/v1/numbering-rules/${rule.id}`, { pattern: 'KH{yy}{mm}-{seq:4}', reset: 'monthly', version: rule.version });
    expect(changed.status).toBe(200);
    const now = new Date();
    const period = `${String(now.getFullYear()).slice(2)}${String(now.getMonth() + 1).padStart(2, '0')}`;
    expect(changed.body).toMatchObject({ pattern: 'KH{yy}{mm}-{seq:4}', reset: 'monthly', preview: `KH${period}-0001`, version: rule.version + 1 });
    const stale = await t.call(admin, 'PATCH', `/api/v1/numbering-rules/${rule.id}`, { pattern: 'X-{seq}', version: rule.version });
    expect(stale.status).toBe(409);
    const organization = await t.call(rep, 'POST', '/api/v1/organizations', { name: '广州港集团', type: 'owner' });
    expect(organization.body.number).toBe(`KH${period}-0001`);
  });
});

describe('settings', () => {
  it('edits with the version; refuses an unknown time zone, a stale version and a rep', async () => {
    const current = await t.call(rep, 'GET', '/api/v1/settings');
    expect(current.body).toMatchObject({ timeZone: 'Asia/Shanghai', currency: 'CNY' });
    const badZone = await t.call(admin, 'PATCH', '/api/v1/settings', { timeZone: 'Asia/Atlantis', version: current.body.version });
    expect(badZone.status).toBe(400);
    expect(problems(badZone.body)).toEqual({ timeZone: 'time_zone_unknown' });
    const edited = await t.call(admin, 'PATCH', '/api/v1/settings', { companyName: '华南机电设备有限公司', timeZone: 'Asia/Hong_Kong', version: current.body.version });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ companyName: '华南机电设备有限公司', timeZone: 'Asia/Hong_Kong', currency: 'CNY', version: current.body.version + 1 });
    const stale = await t.call(admin, 'PATCH', '/api/v1/settings', { companyName: '覆盖', version: current.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect((await t.call(rep, 'PATCH', '/api/v1/settings', { companyName: '越权', version: edited.body.version })).status).toBe(403);
    expect((await t.call(rep, 'GET', '/api/v1/settings')).body).toMatchObject({ companyName: '华南机电设备有限公司', timeZone: 'Asia/Hong_Kong' });
  });
});

describe('custom fields on organisations', () => {
  const option = (code: string, labelZh: string) => ({ code, labelZh, labelEn: code });
  const definitions = [
    { key: 'projectCode', type: 'text', required: true },
    { key: 'boilerCount', type: 'number' },
    { key: 'ownership', type: 'select', options: [option('state', '国企'), option('private', '民企')] },
    { key: 'products', type: 'multi_select', options: [option('valve', '阀门'), option('pump', '泵'), option('meter', '仪表')] },
    { key: 'firstContact', type: 'date' },
    { key: 'budget', type: 'money' },
    { key: 'engineer', type: 'user' },
  ];
  const valid = () => ({
    projectCode: 'GD-2025-07',
    boilerCount: 3,
    ownership: 'state',
    products: ['valve', 'meter'],
    firstContact: '2025-03-18',
    budget: '1250000.00',
    engineer: ids.engineer,
  });

  beforeAll(async () => {
    for (const definition of definitions) {
      const response = await t.call(admin, 'POST', '/api/v1/custom-fields', { recordType: 'organization', labelZh: definition.key, labelEn: definition.key, ...definition });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
  });

  it('defines fields; refuses a taken key, a select without options, and a rep', async () => {
    const listed = await t.call(rep, 'GET', '/api/v1/custom-fields?recordType=organization');
    expect(listed.body.items.map((field: any) => [field.key, field.type])).toEqual(definitions.map((definition) => [definition.key, definition.type]).sort());
    const base = { recordType: 'organization', labelZh: '重复', labelEn: 'Dup' };
    const taken = await t.call(admin, 'POST', '/api/v1/custom-fields', { ...base, key: 'budget', type: 'text' });
    expect(taken.status).toBe(409);
    expect(problems(taken.body)).toEqual({ key: 'key_taken' });
    const noOptions = await t.call(admin, 'POST', '/api/v1/custom-fields', { ...base, key: 'kind', type: 'select' });
    expect(noOptions.status).toBe(400);
    expect(problems(noOptions.body)).toEqual({ options: 'options_required' });
    expect((await t.call(rep, 'POST', '/api/v1/custom-fields', { ...base, key: 'mine', type: 'text' })).status).toBe(403);
  });

  it('names every wrong value by its path and code, and saves nothing', async () => {
    const before = (await t.database.query(`select 1 from organizations`)).length;
    const wrong = await t.call(rep, 'POST', '/api/v1/organizations', {
      name: '深圳能源集团',
      type: 'owner',
      customFields: { boilerCount: 'three', ownership: 'foreign', products: ['valve', 'robot'], firstContact: '2025-02-31x', budget: 1250000, engineer: crypto.randomUUID(), color: 'red' },
    });
    expect(wrong.status).toBe(400);
    expect(problems(wrong.body)).toEqual({
      'customFields.boilerCount': 'custom_field_type',
      'customFields.ownership': 'custom_field_option',
      'customFields.products': 'custom_field_option',
      'customFields.firstContact': 'custom_field_type',
      'customFields.budget': 'custom_field_type',
      'customFields.engineer': 'custom_field_user',
      'customFields.color': 'custom_field_unknown',
      'customFields.projectCode': 'custom_field_required',
    });
    const wrongTypes = await t.call(rep, 'POST', '/api/v1/organizations', {
      name: '深圳能源集团',
      type: 'owner',
      customFields: { ...valid(), projectCode: 42, ownership: ['state'], products: 'valve', engineer: 'somebody' },
    });
    expect(problems(wrongTypes.body)).toEqual({
      'customFields.projectCode': 'custom_field_type',
      'customFields.ownership': 'custom_field_type',
      'customFields.products': 'custom_field_type',
      'customFields.engineer': 'custom_field_type',
    });
    expect((await t.database.query(`select 1 from organizations`)).length).toBe(before);
  });

  it('stores valid values, shows them in GET and history, and filters the list by cf.<key>', async () => {
    const created = await t.call(rep, 'POST', '/api/v1/organizations', { name: '深圳能源集团', type: 'owner', customFields: valid() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const other = await t.call(rep, 'POST', '/api/v1/organizations', {
      name: '珠海水务环境控股',
      type: 'owner',
      customFields: { projectCode: 'ZH-01', boilerCount: 1, ownership: 'private', products: ['pump'] },
    });
    expect(other.status).toBe(201);
    expect((await t.call(rep, 'GET', `/api/v1/organizations/${created.body.id}`)).body.customFields).toEqual(valid());

    const filter = async (query: string) =>
      ((await t.call(rep, 'GET', `/api/v1/organizations?${query}`)).body.items as { id: string }[]).map((item) => item.id);
    expect(await filter('cf.ownership=state')).toEqual([created.body.id]);
    expect(await filter('cf.ownership=private')).toEqual([other.body.id]);
    expect(await filter('cf.products=meter')).toEqual([created.body.id]);
    expect(await filter('cf.boilerCount=1')).toEqual([other.body.id]);
    expect(await filter('cf.projectCode=gd-2025')).toEqual([created.body.id]);
    expect(await filter(`cf.engineer=${ids.engineer}`)).toEqual([created.body.id]);
    expect(await filter('cf.firstContact=2025-03-18&cf.budget=1250000.00')).toEqual([created.body.id]);
    expect(await filter('cf.ownership=state&cf.products=pump')).toEqual([]);
    const badNumber = await t.call(rep, 'GET', '/api/v1/organizations?cf.boilerCount=many');
    expect(badNumber.status).toBe(400);
    expect(problems(badNumber.body)).toEqual({ 'cf.boilerCount': 'custom_field_type' });

    const current = (await t.call(rep, 'GET', `/api/v1/organizations/${created.body.id}`)).body;
    const updated = await t.call(rep, 'PATCH', `/api/v1/organizations/${created.body.id}`, { customFields: { boilerCount: 4, budget: null }, version: current.version });
    expect(updated.status).toBe(200);
    const { budget: _budget, ...withoutBudget } = valid();
    expect(updated.body.customFields).toEqual({ ...withoutBudget, boilerCount: 4 });
    const history = (await t.call(rep, 'GET', `/api/v1/organizations/${created.body.id}/history`)).body.items;
    expect(history[0].changes).toContainEqual({ field: 'customFields', old: null, new: valid() });
    expect(history.at(-1)).toMatchObject({ action: 'update', changes: [{ field: 'customFields', old: valid(), new: { ...withoutBudget, boilerCount: 4 } }] });
    const clearRequired = await t.call(rep, 'PATCH', `/api/v1/organizations/${created.body.id}`, { customFields: { projectCode: null }, version: updated.body.version });
    expect(problems(clearRequired.body)).toEqual({ 'customFields.projectCode': 'custom_field_required' });
  });

  it('a retired field is no longer required or accepted', async () => {
    const field = (await t.call(admin, 'GET', '/api/v1/custom-fields')).body.items.find((item: any) => item.key === 'projectCode');
    const retired = await t.call(admin, 'PATCH', `/api/v1/custom-fields/${field.id}`, { active: false, version: field.version });
    expect(retired.body).toMatchObject({ active: false, version: field.version + 1 });
    expect((await t.call(admin, 'PATCH', `/api/v1/custom-fields/${field.id}`, { active: true, version: field.version })).status).toBe(409);
    expect((await t.call(rep, 'POST', '/api/v1/organizations', { name: '东莞电子元件厂', type: 'terminal' })).status).toBe(201);
    const refused = await t.call(rep, 'POST', '/api/v1/organizations', { name: '佛山陶瓷机械厂', type: 'terminal', customFields: { projectCode: 'FS-1' } });
    expect(problems(refused.body)).toEqual({ 'customFields.projectCode': 'custom_field_unknown' });
  });
});
