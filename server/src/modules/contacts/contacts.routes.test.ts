// Contacts through real HTTP on a real database: access follows the organisation, versions, history, job changes,
// the duplicate check, validation and the export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};

async function createOrganization(token: string, name: string) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function createContact(token: string, organizationId: string, name: string, extra: Record<string, unknown> = {}) {
  const response = await t.call(token, 'POST', '/api/v1/contacts', { organizationId, name, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const teamA = await t.createDepartment('上海一组', east);
  const teamB = await t.createDepartment('南京二组', east);
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  ids.supervisor = await t.createUser({ username: 'supervisor', departmentId: teamA, role: 'supervisor', position: 'supervisor', managerId: ids.manager });
  ids.rep = await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep', managerId: ids.supervisor });
  ids.peer = await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep', managerId: ids.manager });
  ids.presales = await t.createUser({ username: 'presales', departmentId: teamA, role: 'presales_engineer' });
  for (const name of ['manager', 'supervisor', 'rep', 'peer', 'presales']) tokens[name] = await t.login(name);
  orgs.rep = await createOrganization(tokens.rep!, '上海宝钢设备工程公司');
  orgs.rep2 = await createOrganization(tokens.rep!, '上海振华港口机械公司');
  orgs.peer = await createOrganization(tokens.peer!, '南京化学工业园热电厂');
});
afterAll(async () => t?.close());

describe('create, read and list', () => {
  it('creates a contact under an organisation with a number, pinyin search and an open position', async () => {
    const contact = await createContact(tokens.rep!, orgs.rep!, '王建国', {
      title: '设备部部长',
      department: '设备部',
      mobile: '138 0013 8000',
      email: 'Wang.JG@baosteel.example.com',
      birthday: '1975-06-18',
      buyingRole: 'decision_maker',
      attitude: 'supporter',
      relationshipLevel: 4,
      hobbies: '钓鱼',
      tags: ['关键人'],
    });
    ids.wang = contact.id;
    expect(contact).toMatchObject({
      number: expect.stringMatching(/^CT-\d{4}-\d{5}$/),
      organization: { id: orgs.rep, name: '上海宝钢设备工程公司' },
      mobile: '13800138000',
      buyingRole: 'decision_maker',
      attitude: 'supporter',
      relationshipLevel: 4,
      version: 1,
      access: { edit: true, delete: true },
    });
    for (const q of ['王建', 'wangjianguo', 'wjg', '1380013', 'wang.jg@']) {
      const found = await t.call(tokens.rep!, 'GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.items.map((item: { id: string }) => item.id), q).toContain(contact.id);
    }
    const positions = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${contact.id}/positions`);
    expect(positions.body.items).toMatchObject([{ organization: { id: orgs.rep }, title: '设备部部长', endedAt: null, organizationReadable: true }]);
  });

  it('lists with filters, paging and a total', async () => {
    await createContact(tokens.rep!, orgs.rep!, '李明', { buyingRole: 'technical_evaluator', attitude: 'neutral' });
    await createContact(tokens.rep!, orgs.rep2!, '赵芳', { buyingRole: 'procurement', attitude: 'opponent' });
    const all = await t.call(tokens.rep!, 'GET', '/api/v1/contacts?pageSize=2&sort=name');
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    const ofOrganization = await t.call(tokens.rep!, 'GET', `/api/v1/contacts?organizationId=${orgs.rep}`);
    expect(ofOrganization.body.total).toBe(2);
    const opponents = await t.call(tokens.rep!, 'GET', '/api/v1/contacts?attitude=opponent');
    expect(opponents.body.items.map((item: { name: string }) => item.name)).toEqual(['赵芳']);
    const deciders = await t.call(tokens.rep!, 'GET', '/api/v1/contacts?buyingRole=decision_maker');
    expect(deciders.body.items.map((item: { name: string }) => item.name)).toEqual(['王建国']);
    const pastTheEnd = await t.call(tokens.rep!, 'GET', '/api/v1/contacts?page=5&pageSize=2');
    expect(pastTheEnd.body).toMatchObject({ items: [], total: 3 });
  });
});

describe('access follows the organisation', () => {
  it("a rep cannot read, list, edit or delete a peer's organisation's contacts (404), nor add one there", async () => {
    const peerContact = await createContact(tokens.peer!, orgs.peer!, '陈志强');
    ids.peerContact = peerContact.id;
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${peerContact.id}`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${peerContact.id}/history`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${peerContact.id}/positions`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'PATCH', `/api/v1/contacts/${peerContact.id}`, { title: '改', version: 1 })).status).toBe(404);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/contacts/${peerContact.id}`)).status).toBe(404);
    const listed = await t.call(tokens.rep!, 'GET', `/api/v1/contacts?organizationId=${orgs.peer}`);
    expect(listed.body).toMatchObject({ items: [], total: 0 });
    const intoPeer = await t.call(tokens.rep!, 'POST', '/api/v1/contacts', { organizationId: orgs.peer, name: '新人' });
    expect(intoPeer.status).toBe(400);
    expect(intoPeer.body.errors[0]).toMatchObject({ path: 'organizationId', code: 'organization_not_found' });
  });

  it("a supervisor reads their report's contacts; the manager reads the whole department's", async () => {
    const read = await t.call(tokens.supervisor!, 'GET', `/api/v1/contacts/${ids.wang}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('王建国');
    expect((await t.call(tokens.supervisor!, 'GET', `/api/v1/contacts/${ids.peerContact}`)).status).toBe(404);
    const managerList = await t.call(tokens.manager!, 'GET', '/api/v1/contacts?pageSize=200');
    expect(managerList.body.total).toBe(4);
  });

  it('refuses without the permission (403), and read-only sharing gives read but not edit', async () => {
    expect((await t.call(tokens.presales!, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '某人' })).status).toBe(403);
    expect((await t.call(tokens.presales!, 'DELETE', `/api/v1/contacts/${ids.wang}`)).status).toBe(403);
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/contacts/export')).status).toBe(403);
    const share = await t.call(tokens.peer!, 'POST', `/api/v1/organizations/${orgs.peer}/shares`, { userId: ids.rep, access: 'read' });
    expect(share.status).toBe(201);
    const read = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${ids.peerContact}`);
    expect(read.status).toBe(200);
    expect(read.body.access).toEqual({ edit: false, delete: false });
    expect((await t.call(tokens.rep!, 'PATCH', `/api/v1/contacts/${ids.peerContact}`, { title: '改', version: 1 })).status).toBe(403);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/contacts/${ids.peerContact}`)).status).toBe(403);
    await t.call(tokens.peer!, 'DELETE', `/api/v1/organizations/${orgs.peer}/shares/${share.body.items[0].id}`);
  });
});

describe('validation', () => {
  it('names every invalid field with a 400', async () => {
    const response = await t.call(tokens.rep!, 'POST', '/api/v1/contacts', {
      organizationId: orgs.rep,
      name: '',
      buyingRole: 'boss',
      attitude: 'hostile',
      relationshipLevel: 7,
      email: 'not-an-email',
      mobile: 'abc',
      birthday: '2999-01-01',
    });
    expect(response.status).toBe(400);
    const paths = response.body.errors.map((problem: { path: string }) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'buyingRole', 'attitude', 'relationshipLevel', 'email', 'mobile', 'birthday']));
    const notADate = await t.call(tokens.rep!, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '甲', birthday: '1980-02-30' });
    expect(notADate.status).toBe(400);
    expect(notADate.body.errors[0].path).toBe('birthday');
  });
});

describe('editing, history and job changes', () => {
  it('a stale version is a 409; an edit is a history line', async () => {
    const first = await t.call(tokens.rep!, 'PATCH', `/api/v1/contacts/${ids.wang}`, { attitude: 'neutral', title: '副总经理', version: 1 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ attitude: 'neutral', title: '副总经理', version: 2 });
    const stale = await t.call(tokens.rep!, 'PATCH', `/api/v1/contacts/${ids.wang}`, { attitude: 'opponent', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${ids.wang}/history`);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update']);
    expect(history.body.items[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'attitude', old: 'supporter', new: 'neutral' },
        { field: 'title', old: '设备部部长', new: '副总经理' },
      ]),
    );
    // The current position follows the title.
    const positions = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${ids.wang}/positions`);
    expect(positions.body.items[0].title).toBe('副总经理');
  });

  it('moving to another organisation closes the old position, opens a new one and says so in the history', async () => {
    const moved = await t.call(tokens.rep!, 'PATCH', `/api/v1/contacts/${ids.wang}`, { organizationId: orgs.rep2, title: '总经理', version: 2 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.organization).toEqual({ id: orgs.rep2, name: '上海振华港口机械公司' });
    const positions = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${ids.wang}/positions`);
    expect(positions.body.items).toMatchObject([
      { organization: { id: orgs.rep2 }, title: '总经理', endedAt: null },
      { organization: { id: orgs.rep, name: '上海宝钢设备工程公司' }, title: '副总经理', endedAt: expect.any(String) },
    ]);
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${ids.wang}/history`);
    const move = history.body.items.at(-1);
    expect(move.action).toBe('move');
    expect(move.changes).toEqual(expect.arrayContaining([{ field: 'organization', old: '上海宝钢设备工程公司', new: '上海振华港口机械公司' }]));
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/contacts?organizationId=${orgs.rep}`)).body.items.map((item: { id: string }) => item.id)).not.toContain(ids.wang);
  });

  it('refuses a move to an organisation the caller cannot write', async () => {
    const current = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${ids.wang}`);
    const response = await t.call(tokens.rep!, 'PATCH', `/api/v1/contacts/${ids.wang}`, { organizationId: orgs.peer, version: current.body.version });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('organizationId');
  });
});

describe('duplicate check', () => {
  it('the same mobile anywhere, the same e-mail in any case, or the same name at the organisation are refused until confirmed', async () => {
    const byMobile = await t.call(tokens.rep!, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '王二', mobile: '138-0013-8000' });
    expect(byMobile.status).toBe(409);
    expect(byMobile.body.code).toBe('duplicate_contact');
    expect(byMobile.body.candidates[0]).toMatchObject({ id: ids.wang, name: '王建国', organizationName: '上海振华港口机械公司', reason: 'mobile', score: 1 });
    const byEmail = await t.call(tokens.rep!, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '王三', email: 'wang.jg@BAOSTEEL.example.com' });
    expect(byEmail.body.candidates[0]).toMatchObject({ id: ids.wang, reason: 'email' });
    const byName = await t.call(tokens.rep!, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '李 明' });
    expect(byName.status).toBe(409);
    expect(byName.body.candidates[0]).toMatchObject({ name: '李明', reason: 'name' });
    // The same name at another organisation is another person.
    await createContact(tokens.rep!, orgs.rep2!, '李明');
    const confirmed = await t.call(tokens.rep!, 'POST', '/api/v1/contacts', { organizationId: orgs.rep, name: '李 明', confirmDuplicate: true });
    expect(confirmed.status).toBe(201);
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${confirmed.body.id}/history`);
    expect(history.body.items[0].note).toBe('duplicate_confirmed');
  });

  it('an edit that makes a contact a duplicate is refused too', async () => {
    const zhao = (await t.call(tokens.rep!, 'GET', `/api/v1/contacts?q=${encodeURIComponent('赵芳')}`)).body.items[0];
    const response = await t.call(tokens.rep!, 'PATCH', `/api/v1/contacts/${zhao.id}`, { mobile: '13800138000', version: zhao.version });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('duplicate_contact');
    const confirmed = await t.call(tokens.rep!, 'PATCH', `/api/v1/contacts/${zhao.id}`, { mobile: '13800138000', version: zhao.version, confirmDuplicate: true });
    expect(confirmed.status).toBe(200);
  });
});

describe('deletion and export', () => {
  it('a soft delete hides the contact and keeps its history', async () => {
    const contact = await createContact(tokens.rep!, orgs.rep!, '临时联系人');
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/contacts/${contact.id}`)).status).toBe(204);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${contact.id}`)).status).toBe(404);
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${contact.id}/history`);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['create', 'delete']);
  });

  it('exports the list view as xlsx for those allowed, and audits it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export?attitude=opponent', headers: { authorization: `Bearer ${tokens.manager}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await t.database.query<{ details: { rows: number } }>("select details from audit_log where action = 'export' and target_type = 'contact'");
    expect(audit.at(-1)?.details.rows).toBe(1);
  });
});

describe('list items', () => {
  it('carry what the contact read alone carries (on PGlite the list reads records as JSON: db/json-rows.ts)', async () => {
    const organization = await createOrganization(tokens.rep!, '上海列表对照设备公司');
    const created = (await createContact(tokens.rep!, organization, '列表对照', { title: '采购经理', mobile: '13800000001', birthday: '1980-02-29', tags: ['决策人'] })) as { id: string };
    const list = await t.call(tokens.rep!, 'GET', `/api/v1/contacts?pageSize=200&organizationId=${organization}`);
    expect(list.status).toBe(200);
    const item = (list.body.items as { id: string }[]).find((contact) => contact.id === created.id);
    const alone = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${created.id}`);
    expect(item).toBeDefined();
    expect(item).toEqual(alone.body);
  });
});
