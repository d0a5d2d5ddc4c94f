// Custom fields on contacts (PLAT-6) through real HTTP: defined by an administrator, validated and stored on create
// and edit, in the history, filterable in the list, kept field by field on merge, exported, in the OpenAPI document.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: string;
let rep: string;
let peer: string;
const orgs: Record<string, string> = {};

const problems = (body: any): Record<string, string> => Object.fromEntries((body.errors ?? []).map((error: { path: string; code: string }) => [error.path, error.code]));
const option = (code: string, labelZh: string, labelEn: string) => ({ code, labelZh, labelEn });

async function createOrganization(token: string, name: string) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

const listIds = async (token: string, query: string) => {
  const response = await t.call(token, 'GET', `/api/v1/contacts?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.items as { id: string }[]).map((item) => item.id).sort();
};

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const teamA = await t.createDepartment('上海一组', company);
  const teamB = await t.createDepartment('南京二组', company);
  await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep' });
  await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep' });
  admin = await t.login('admin');
  rep = await t.login('rep');
  peer = await t.login('peer');
  orgs.rep = await createOrganization(rep, '上海宝钢设备工程公司');
  orgs.peer = await createOrganization(peer, '南京化学工业园热电厂');
  const definitions = [
    { key: 'wechatGroup', labelZh: '微信群', labelEn: 'WeChat group', type: 'text', required: true, showInList: true },
    { key: 'influence', labelZh: '影响力', labelEn: 'Influence', type: 'select', options: [option('high', '高', 'High'), option('low', '低', 'Low')], showInList: true },
    { key: 'interests', labelZh: '关注点', labelEn: 'Interests', type: 'multi_select', options: [option('price', '价格', 'Price'), option('service', '服务', 'Service')] },
    { key: 'yearsInRole', labelZh: '任职年限', labelEn: 'Years in role', type: 'number' },
  ];
  for (const definition of definitions) {
    const response = await t.call(admin, 'POST', '/api/v1/custom-fields', { recordType: 'contact', ...definition });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  }
});
afterAll(async () => t?.close());

describe('custom fields on contacts', () => {
  it('are defined per record type by an administrator only; a rep gets 403', async () => {
    const contactFields = (await t.call(rep, 'GET', '/api/v1/custom-fields?recordType=contact')).body.items as { key: string; recordType: string }[];
    expect(contactFields.map((field) => field.key)).toEqual(['influence', 'interests', 'wechatGroup', 'yearsInRole']);
    expect((await t.call(rep, 'GET', '/api/v1/custom-fields?recordType=organization')).body.items).toEqual([]);
    const refused = await t.call(rep, 'POST', '/api/v1/custom-fields', { recordType: 'contact', key: 'mine', labelZh: '我的', labelEn: 'Mine', type: 'text' });
    expect(refused.status).toBe(403);
    // The same key may exist on organisations: keys are unique per record type.
    expect((await t.call(admin, 'POST', '/api/v1/custom-fields', { recordType: 'organization', key: 'influence', labelZh: '影响力', labelEn: 'Influence', type: 'text' })).status).toBe(201);
  });

  it('are validated on create: a missing required field and every bad value are named (400)', async () => {
    const missing = await t.call(rep, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '王建国' });
    expect(missing.status).toBe(400);
    expect(problems(missing.body)).toEqual({ 'customFields.wechatGroup': 'custom_field_required' });
    const bad = await t.call(rep, 'POST', '/api/v1/contacts', {
      organizationId: orgs.rep,
      name: '王建国',
      customFields: { influence: 'huge', interests: 'price', yearsInRole: 'ten', colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(problems(bad.body)).toEqual({
      'customFields.wechatGroup': 'custom_field_required',
      'customFields.influence': 'custom_field_option',
      'customFields.interests': 'custom_field_type',
      'customFields.yearsInRole': 'custom_field_type',
      'customFields.colour': 'custom_field_unknown',
    });
  });

  it('are stored, returned, filterable in the list (scope kept), in the history and kept through an edit', async () => {
    const values = { wechatGroup: '宝钢设备部群', influence: 'high', interests: ['price', 'service'], yearsInRole: 6 };
    const wang = await t.call(rep, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '王建国', customFields: values });
    expect(wang.status, JSON.stringify(wang.body)).toBe(201);
    expect(wang.body.customFields).toEqual(values);
    const li = await t.call(rep, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '李明', customFields: { wechatGroup: '宝钢采购群', influence: 'low', yearsInRole: 2 } });
    const zhou = await t.call(peer, 'POST', '/api/v1/contacts', { organizationId: orgs.peer, name: '周强', customFields: { wechatGroup: '南化群', influence: 'high' } });
    expect([li.status, zhou.status]).toEqual([201, 201]);
    expect((await t.call(rep, 'GET', `/api/v1/contacts/${wang.body.id}`)).body.customFields).toEqual(values);

    expect(await listIds(rep, 'cf.influence=high')).toEqual([wang.body.id]);
    expect(await listIds(peer, 'cf.influence=high')).toEqual([zhou.body.id]);
    expect(await listIds(rep, 'cf.interests=service')).toEqual([wang.body.id]);
    expect(await listIds(rep, 'cf.yearsInRole=2')).toEqual([li.body.id]);
    expect(await listIds(rep, `cf.wechatGroup=${encodeURIComponent('采购')}`)).toEqual([li.body.id]);
    expect(await listIds(rep, `cf.influence=high&organizationId=${orgs.rep}`)).toEqual([wang.body.id]);
    const unknown = await t.call(rep, 'GET', '/api/v1/contacts?cf.nothing=1&cf.yearsInRole=many');
    expect(unknown.status).toBe(400);
    expect(problems(unknown.body)).toEqual({ 'cf.nothing': 'custom_field_unknown', 'cf.yearsInRole': 'custom_field_type' });

    const edited = await t.call(rep, 'PATCH', `/api/v1/contacts/${wang.body.id}`, { customFields: { influence: 'low', interests: null }, version: wang.body.version });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.customFields).toEqual({ wechatGroup: '宝钢设备部群', influence: 'low', yearsInRole: 6 });
    const clearRequired = await t.call(rep, 'PATCH', `/api/v1/contacts/${wang.body.id}`, { customFields: { wechatGroup: '' }, version: edited.body.version });
    expect(clearRequired.status).toBe(400);
    expect(problems(clearRequired.body)).toEqual({ 'customFields.wechatGroup': 'custom_field_required' });
    const history = (await t.call(rep, 'GET', `/api/v1/contacts/${wang.body.id}/history`)).body.items;
    expect(history[0].changes).toContainEqual({ field: 'customFields', old: null, new: values });
    expect(history.at(-1)).toMatchObject({ action: 'update', changes: [{ field: 'customFields', old: values, new: edited.body.customFields }] });
    // A change of other fields leaves the values alone.
    const titled = await t.call(rep, 'PATCH', `/api/v1/contacts/${wang.body.id}`, { title: '设备部部长', version: edited.body.version });
    expect(titled.body.customFields).toEqual(edited.body.customFields);
  });

  it('are kept field by field on merge: the kept contact wins unless the merged one is chosen', async () => {
    const create = async (name: string, customFields: Record<string, unknown>) => {
      const response = await t.call(rep, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name, customFields, confirmDuplicate: true });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body as { id: string; version: number };
    };
    const keep = await create('赵芳', { wechatGroup: '旧群', influence: 'low' });
    const gone = await create('赵 芳', { wechatGroup: '新群', yearsInRole: 9 });
    const merged = await t.call(rep, 'POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeId: gone.id, fields: {}, keepVersion: keep.version, mergeVersion: gone.version });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect((await t.call(rep, 'GET', `/api/v1/contacts/${keep.id}`)).body.customFields).toEqual({ wechatGroup: '旧群', influence: 'low', yearsInRole: 9 });
  });

  it('are columns of the xlsx export', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export?cf.yearsInRole=6', headers: { authorization: `Bearer ${admin}` } });
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    const cell = (label: string) => row[header.indexOf(label)];
    expect([cell('姓名'), cell('微信群'), cell('影响力'), cell('关注点'), cell('任职年限')]).toEqual(['王建国', '宝钢设备部群', 'low', '', 6]);
  });

  it('appear in the OpenAPI document under contact operations only', async () => {
    const document = (await t.call(null, 'GET', '/api/v1/openapi.json')).body;
    const contactPaths = JSON.stringify(document.paths['/api/v1/contacts/'] ?? document.paths['/api/v1/contacts']);
    expect(contactPaths).toContain('"influence":{"type":"string","enum":["high","low"]');
    expect(contactPaths).toContain('"wechatGroup":{"type":"string","maxLength":200,"description":"微信群 / WeChat group (required)"}');
    expect(JSON.stringify(document.paths['/api/v1/organizations/'] ?? document.paths['/api/v1/organizations'])).not.toContain('wechatGroup');
  });
});
