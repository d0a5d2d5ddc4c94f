// Organisations through real HTTP on a real database: scopes, versions, history, soft delete, bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};

async function createOrganization(token: string, name: string, extra: Record<string, unknown> = {}) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function visibleNames(token: string) {
  const response = await t.call(token, 'GET', '/api/v1/organizations?pageSize=200&sort=name');
  expect(response.status).toBe(200);
  return (response.body.items as { name: string }[]).map((item) => item.name).sort();
}

beforeAll(async () => {
  t = await createTestApp();
  // East region with two teams; the north region is another branch of the company.
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const teamA = await t.createDepartment('上海一组', east);
  const teamB = await t.createDepartment('南京二组', east);
  const north = await t.createDepartment('华北大区', company);
  ids.director = await t.createUser({ username: 'director', departmentId: company, role: 'sales_director', position: 'director' });
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager', managerId: ids.director });
  ids.supervisor = await t.createUser({ username: 'supervisor', departmentId: teamA, role: 'supervisor', position: 'supervisor', managerId: ids.manager });
  ids.rep = await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep', managerId: ids.supervisor });
  ids.peer = await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep', managerId: ids.manager });
  ids.northRep = await t.createUser({ username: 'northrep', departmentId: north, role: 'sales_rep' });
  for (const name of ['director', 'manager', 'supervisor', 'rep', 'peer', 'northrep']) tokens[name] = await t.login(name);
  orgs.rep = await createOrganization(tokens.rep!, '上海宝钢设备工程公司');
  orgs.supervisor = await createOrganization(tokens.supervisor!, '苏州工业园区水务集团');
  orgs.peer = await createOrganization(tokens.peer!, '南京化学工业园热电厂');
  orgs.northRep = await createOrganization(tokens.northrep!, '天津港务局机械处');
});
afterAll(async () => t?.close());

describe('data scopes', () => {
  it('a rep lists only their own organisations', async () => {
    expect(await visibleNames(tokens.rep!)).toEqual(['上海宝钢设备工程公司']);
  });
  it("a supervisor lists their own and their reports' organisations", async () => {
    expect(await visibleNames(tokens.supervisor!)).toEqual(['上海宝钢设备工程公司', '苏州工业园区水务集团'].sort());
  });
  it("a manager lists the department's (with sub-departments), not another region's", async () => {
    expect(await visibleNames(tokens.manager!)).toEqual(['上海宝钢设备工程公司', '南京化学工业园热电厂', '苏州工业园区水务集团'].sort());
  });
  it('a director lists all', async () => {
    const names = await visibleNames(tokens.director!);
    expect(names).toEqual(expect.arrayContaining(['上海宝钢设备工程公司', '南京化学工业园热电厂', '苏州工业园区水务集团', '天津港务局机械处']));
  });
  it("another user's organisation read by a rep is a 404, for read, edit, delete and history", async () => {
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.peer}`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${orgs.peer}`, { name: '改名', version: 1 })).status).toBe(404);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/organizations/${orgs.peer}`)).status).toBe(404);
    expect((await t.call(tokens.manager!, 'DELETE', `/api/v1/organizations/${orgs.northRep}`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.peer}/history`)).status).toBe(404);
  });
  it('sharing opens one record to a user, read-only unless edit is granted', async () => {
    const share = await t.call(tokens.peer!, 'POST', `/api/v1/organizations/${orgs.peer}/shares`, { userId: ids.rep, access: 'read' });
    expect(share.status).toBe(201);
    const read = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.peer}`);
    expect(read.status).toBe(200);
    expect(read.body.access.edit).toBe(false);
    const edit = await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${orgs.peer}`, { notes: '共享后修改', version: read.body.version });
    expect(edit.status).toBe(403);
    // The total counts a shared record once, beside the rep's own; a filter applies to both.
    const listed = await t.call(tokens.rep!, 'GET', '/api/v1/organizations?pageSize=200');
    expect(listed.body.total).toBe(2);
    expect(listed.body.items).toHaveLength(2);
    const filtered = await t.call(tokens.rep!, 'GET', `/api/v1/organizations?q=${encodeURIComponent('热电')}`);
    expect(filtered.body).toMatchObject({ total: 1, items: [{ id: orgs.peer }] });
    // The manager sees it through the scope and through nothing else: counted once.
    const managerShare = await t.call(tokens.peer!, 'POST', `/api/v1/organizations/${orgs.peer}/shares`, { userId: ids.manager, access: 'read' });
    expect(managerShare.status).toBe(201);
    const managerList = await t.call(tokens.manager!, 'GET', '/api/v1/organizations?pageSize=200');
    expect(managerList.body.total).toBe(managerList.body.items.length);
    const shareId = share.body.items[0].id;
    expect((await t.call(tokens.peer!, 'DELETE', `/api/v1/organizations/${orgs.peer}/shares/${shareId}`)).status).toBe(204);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.peer}`)).status).toBe(404);
  });
  it('sharing with a department opens the record to its members, for editing when granted, and ends with the share', async () => {
    const northDepartment = (await t.call(tokens.director!, 'GET', `/api/v1/users/${ids.northRep}`)).body.departmentId as string;
    const share = await t.call(tokens.peer!, 'POST', `/api/v1/organizations/${orgs.peer}/shares`, { departmentId: northDepartment, access: 'edit' });
    expect(share.status).toBe(201);
    const read = await t.call(tokens.northrep!, 'GET', `/api/v1/organizations/${orgs.peer}`);
    expect(read.status).toBe(200);
    expect(read.body.access.edit).toBe(true);
    const edited = await t.call(tokens.northrep!, 'PATCH', `/api/v1/organizations/${orgs.peer}`, { notes: '华北协助跟进', version: read.body.version });
    expect(edited.status).toBe(200);
    expect((await t.call(tokens.northrep!, 'GET', '/api/v1/organizations?pageSize=200')).body.items.map((item: { id: string }) => item.id)).toContain(orgs.peer);
    // Not a member of that department: nothing changes for the rep.
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.peer}`)).status).toBe(404);
    const shareId = share.body.items.find((item: { departmentId: string | null }) => item.departmentId === northDepartment).id;
    expect((await t.call(tokens.peer!, 'DELETE', `/api/v1/organizations/${orgs.peer}/shares/${shareId}`)).status).toBe(204);
    expect((await t.call(tokens.northrep!, 'GET', `/api/v1/organizations/${orgs.peer}`)).status).toBe(404);
  });
  it('field protection hides the credit rating from reps but not from managers', async () => {
    const update = await t.call(tokens.manager!, 'GET', `/api/v1/organizations/${orgs.rep}`);
    expect(update.body).toHaveProperty('creditRating');
    const asRep = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}`);
    expect(asRep.body).not.toHaveProperty('creditRating');
    const write = await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${orgs.rep}`, { creditRating: 'aaa', version: asRep.body.version });
    expect(write.status).toBe(400);
    expect(write.body.errors[0]).toMatchObject({ path: 'creditRating', code: 'field_protected' });
  });
});

describe('editing, history and deletion', () => {
  it('a stale version is a 409 and nothing is overwritten', async () => {
    const before = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}`);
    const first = await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${orgs.rep}`, { address: '上海市宝山区富锦路885号', version: before.body.version });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(before.body.version + 1);
    const stale = await t.call(tokens.supervisor!, 'PATCH', `/api/v1/organizations/${orgs.rep}`, { address: '覆盖', version: before.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const after = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}`);
    expect(after.body.address).toBe('上海市宝山区富锦路885号');
  });
  it('concurrent edits with the same version: exactly one wins', async () => {
    const current = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}`);
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((notes) => t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${orgs.rep}`, { notes, version: current.body.version })),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409, 409]);
  });
  it('history shows every field change with its author, old and new value', async () => {
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}/history`);
    expect(history.status).toBe(200);
    const [created, ...updates] = history.body.items;
    expect(created).toMatchObject({ action: 'create', actorName: 'rep' });
    expect(updates[0]).toMatchObject({ action: 'update', actorName: 'rep', changes: [{ field: 'address', old: null, new: '上海市宝山区富锦路885号' }] });
  });
  it('a deleted organisation (approved by the manager above) disappears from lists and stays in history', async () => {
    const id = await createOrganization(tokens.manager!, '无锡临时测试单位');
    const asked = await t.call(tokens.manager!, 'DELETE', `/api/v1/organizations/${id}`);
    expect(asked.status).toBe(202);
    expect(asked.body.approval).toMatchObject({ status: 'pending', title: '无锡临时测试单位', waitingFor: [{ id: ids.director }] });
    expect(await visibleNames(tokens.manager!)).toContain('无锡临时测试单位');
    expect((await t.call(tokens.director!, 'POST', `/api/v1/approvals/${asked.body.approval.id}/approve`, { comment: '同意删除' })).status).toBe(200);
    expect(await visibleNames(tokens.manager!)).not.toContain('无锡临时测试单位');
    expect((await t.call(tokens.manager!, 'GET', `/api/v1/organizations/${id}`)).status).toBe(404);
    const history = await t.call(tokens.manager!, 'GET', `/api/v1/organizations/${id}/history`);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['create', 'approval.submitted', 'approval.approved', 'approval.completed', 'delete']);
    expect(history.body.items[2]).toMatchObject({ actorName: 'director', note: '同意删除' });
    expect(history.body.items[4]).toMatchObject({ actorName: 'director', note: `approval:${asked.body.approval.number}` });
  });
  it('numbers are unique under concurrent creates', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, index) => t.call(tokens.director!, 'POST', `/api/v1/organizations`, { name: `并发编号测试${'甲乙丙丁戊己庚辛'[index]}号厂`, type: 'supplier', confirmDuplicate: true })),
    );
    const numbers = created.map((response) => response.body.number);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.every((number: string) => /^ORG-\d{4}-\d{5}$/.test(number))).toBe(true);
  });
});

describe('deletion needs approval (PLAT-5)', () => {
  it('a pending deletion locks the record; a rejection leaves it, with the reason on the approval', async () => {
    const id = await createOrganization(tokens.rep!, '常州锅炉辅机厂');
    const asked = await t.call(tokens.rep!, 'DELETE', `/api/v1/organizations/${id}`, { reason: '客户已注销' });
    expect(asked.status).toBe(202);
    const approvalId = asked.body.approval.id;
    const submitted = (await t.call(tokens.supervisor!, 'GET', `/api/v1/approvals/${approvalId}`)).body.events[0];
    expect(submitted).toMatchObject({ kind: 'submitted', comment: '客户已注销', actor: { id: ids.rep } });
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/organizations/${id}`, { reason: 'x'.repeat(1001) })).status).toBe(400);
    const read = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}`);
    expect(read.body.lockedBy).toEqual({ approvalId, documentType: 'organization_deletion' });
    expect(read.body.access.edit).toBe(false);
    const locked = await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${id}`, { notes: '改', version: read.body.version });
    expect(locked.status).toBe(422);
    expect(locked.body.code).toBe('record_locked');
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/organizations/${id}`)).body.code).toBe('record_locked');
    expect((await t.call(tokens.supervisor!, 'POST', `/api/v1/approvals/${approvalId}/reject`, { comment: '该客户仍有在谈项目' })).status).toBe(200);
    const after = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}`);
    expect(after.status).toBe(200);
    expect(after.body.lockedBy).toBeNull();
    const approvals = await t.call(tokens.rep!, 'GET', `/api/v1/approvals?box=record&recordType=organization&recordId=${id}`);
    expect(approvals.body.items).toEqual([expect.objectContaining({ id: approvalId, status: 'rejected', reason: '该客户仍有在谈项目' })]);
    expect((await t.call(tokens.northrep!, 'GET', `/api/v1/approvals?box=record&recordType=organization&recordId=${id}`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${id}`, { notes: '继续跟进', version: after.body.version })).status).toBe(200);
    const history = (await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}/history`)).body.items.map((entry: { action: string; note: string | null }) => [entry.action, entry.note]);
    expect(history).toContainEqual(['approval.rejected', '该客户仍有在谈项目']);
  });
  it('a grade-A customer also needs the sales director (the default flow)', async () => {
    const id = await createOrganization(tokens.rep!, '上海电气集团重点客户');
    const current = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}`);
    await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${id}`, { grade: 'A', version: current.body.version });
    const asked = await t.call(tokens.rep!, 'DELETE', `/api/v1/organizations/${id}`);
    const approvalId = asked.body.approval.id;
    expect((await t.call(tokens.supervisor!, 'POST', `/api/v1/approvals/${approvalId}/approve`, {})).status).toBe(200);
    const state = await t.call(tokens.rep!, 'GET', `/api/v1/approvals/${approvalId}`);
    expect(state.body.waitingFor).toEqual([{ id: ids.director, displayName: 'director' }]);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}`)).status).toBe(200);
  });
  it('with nobody but the submitter to approve, the deletion happens at once (204)', async () => {
    const admin = await t.login('admin');
    const id = await createOrganization(admin, '临时录入错误单位');
    expect((await t.call(admin, 'DELETE', `/api/v1/organizations/${id}`)).status).toBe(204);
    expect((await t.call(admin, 'GET', `/api/v1/organizations/${id}`)).status).toBe(404);
  });
});

describe('search, filters and duplicates', () => {
  it('finds by Chinese characters, full pinyin and initials', async () => {
    for (const q of ['宝钢', 'baogang', 'bgsb']) {
      const response = await t.call(tokens.rep!, 'GET', `/api/v1/organizations?q=${encodeURIComponent(q)}`);
      expect(response.body.items.map((item: { id: string }) => item.id), q).toEqual([orgs.rep]);
    }
  });
  it('finds by one, two or more characters of the name or short name, case-insensitively, never outside scope', async () => {
    const named = await createOrganization(tokens.rep!, '无锡Hongda电力设备有限公司', { shortName: '鸿达电力', creditCode: '91320200MA1XKQ7B3E' });
    const search = async (token: string, q: string) => {
      const response = await t.call(token, 'GET', `/api/v1/organizations?pageSize=200&q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
      expect(response.body.total, q).toBe(response.body.items.length);
      return (response.body.items as { id: string }[]).map((item) => item.id);
    };
    for (const q of ['锡', '无锡', '鸿达', '鸿达电力', 'HONGDA', 'hongda电力', '电力设备有限', '91320200MA1XKQ7B3E', '91320200ma1xkq7b3e']) expect(await search(tokens.rep!, q), q).toContain(named);
    for (const q of ['锡无', '鸿 达', '电力公司']) expect(await search(tokens.rep!, q), q).not.toContain(named);
    expect(await search(tokens.northrep!, '鸿达')).toEqual([]);
    // LIKE wildcards are literal text.
    expect(await search(tokens.rep!, '%')).toEqual([]);
    expect(await search(tokens.rep!, '无_')).toEqual([]);
  });
  it('a likely duplicate answers 409 with candidates, and saves when confirmed', async () => {
    const duplicate = await t.call(tokens.peer!, 'POST', '/api/v1/organizations', { name: '上海宝钢设备工程公司', type: 'owner' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('duplicate_organization');
    expect(duplicate.body.candidates[0]).toMatchObject({ id: orgs.rep, ownerName: 'rep' });
    const confirmed = await t.call(tokens.peer!, 'POST', '/api/v1/organizations', { name: '上海宝钢设备工程公司', type: 'owner', confirmDuplicate: true });
    expect(confirmed.status).toBe(201);
  });
});

describe('bad input', () => {
  it('names every invalid field', async () => {
    const response = await t.call(tokens.rep!, 'POST', '/api/v1/organizations', { name: 5, type: 'castle', creditCode: 'abc', phone: 'call me' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const paths = response.body.errors.map((error: { path: string }) => error.path).sort();
    expect(paths).toEqual(['creditCode', 'name', 'phone', 'type']);
  });
  it('reports a missing required field', async () => {
    const response = await t.call(tokens.rep!, 'POST', '/api/v1/organizations', { type: 'owner' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
  });
  it('refuses malformed JSON and a 10 MB body without a 5xx', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { authorization: `Bearer ${tokens.rep}`, 'content-type': 'application/json' }, payload: '{"name": "x",' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(malformed.body).code).toBe('invalid_json');
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { authorization: `Bearer ${tokens.rep}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024), type: 'owner' }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(huge.body).code).toBe('payload_too_large');
    // The same on an edit.
    const read = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}`);
    const hugeEdit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${orgs.rep}`,
      headers: { authorization: `Bearer ${tokens.rep}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ notes: 'x'.repeat(10 * 1024 * 1024), version: read.body.version }),
    });
    expect(hugeEdit.statusCode).toBe(413);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}`)).body.version).toBe(read.body.version);
  });
  it('names wrong types, unknown enum values and unknown option codes on create and edit', async () => {
    const created = await t.call(tokens.rep!, 'POST', '/api/v1/organizations', { name: '无锡测试选项单位', type: 'owner', industry: 'castle', region: 'mars', source: 'exhibition' });
    expect(created.status).toBe(400);
    expect(created.body.code).toBe('invalid_input');
    expect(created.body.errors.map((error: { path: string; code: string }) => `${error.path}:${error.code}`).sort()).toEqual(['industry:option_unknown', 'region:option_unknown']);
    const read = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}`);
    const edit = await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${orgs.rep}`, { scale: 'galactic', grade: 'Z', tags: 'vip', version: read.body.version });
    expect(edit.status).toBe(400);
    expect(edit.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['grade', 'tags']);
    const editOption = await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${orgs.rep}`, { scale: 'galactic', version: read.body.version });
    expect(editOption.status).toBe(400);
    expect(editOption.body.errors).toEqual([expect.objectContaining({ path: 'scale', code: 'option_unknown' })]);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.rep}`)).body.version).toBe(read.body.version);
  });
  it('refuses control characters in text and in every query filter with a 400, never a 5xx', async () => {
    for (const parameter of ['q', 'industry', 'region', 'source', 'tag', 'cf.anything']) {
      const response = await t.call(tokens.rep!, 'GET', `/api/v1/organizations?${parameter}=a%00b`);
      expect(response.status, parameter).toBe(400);
      expect(response.body.code, parameter).toBe('invalid_input');
      expect(response.body.errors[0].path, parameter).toBe(parameter);
    }
    const created = await t.call(tokens.rep!, 'POST', '/api/v1/organizations', { name: '控制\u0000字符', type: 'owner' });
    expect(created.status).toBe(400);
    expect(created.body.errors[0].path).toBe('name');
    // Anywhere else a NUL reaches the database, it is still the caller's mistake.
    const login = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'rep\u0000', password: 'whatever-password' });
    expect(login.status).toBeGreaterThanOrEqual(400);
    expect(login.status).toBeLessThan(500);
  });
  it('stores SQL and script fragments as plain text', async () => {
    const name = "Robert'); DROP TABLE organizations;-- <script>alert(1)</script>";
    const id = await createOrganization(tokens.rep!, name);
    const read = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}`);
    expect(read.body.name).toBe(name);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations?q=${encodeURIComponent("'; DROP")}`)).status).toBe(200);
  });
  it('rejects an unknown sort field and a bad custom field filter', async () => {
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/organizations?sort=password')).status).toBe(400);
    const filter = await t.call(tokens.rep!, 'GET', '/api/v1/organizations?cf.nothing=1');
    expect(filter.status).toBe(400);
    expect(filter.body.errors[0].code).toBe('custom_field_unknown');
  });
  it('a failed write leaves nothing behind', async () => {
    const before = (await t.call(tokens.rep!, 'GET', '/api/v1/organizations')).body.total;
    const failed = await t.call(tokens.rep!, 'POST', '/api/v1/organizations', { name: '半截单位', type: 'owner', customFields: { nothing: 1 } });
    expect(failed.status).toBe(400);
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/organizations')).body.total).toBe(before);
  });
});

describe('export', () => {
  it('exports the caller-scoped list as xlsx and audits it; reps lack the permission', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/organizations/export?sort=name', headers: { authorization: `Bearer ${tokens.manager}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const names = workbook.worksheets[0]!.getColumn(2).values.slice(2);
    expect(names).toContain('南京化学工业园热电厂');
    expect(names).not.toContain('天津港务局机械处');
    const audit = await t.call(await t.login('admin'), 'GET', '/api/v1/audit-log?action=export');
    expect(audit.body.items[0]).toMatchObject({ action: 'export', actorId: ids.manager });
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/organizations/export')).status).toBe(403);
  });
});

describe('list items', () => {
  it('carry what the organisation read alone carries (on PGlite the list reads records as JSON: db/json-rows.ts)', async () => {
    const id = await createOrganization(tokens.rep!, '上海列表对照机械有限公司', { tags: ['重点', 'vip'], phone: '021-55550000', website: 'https://example.com', notes: '年度 "框架" \\ 协议' });
    const list = await t.call(tokens.rep!, 'GET', `/api/v1/organizations?pageSize=200&q=${encodeURIComponent('列表对照')}`);
    expect(list.status).toBe(200);
    const item = (list.body.items as { id: string }[]).find((organization) => organization.id === id);
    const alone = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}`);
    expect(item).toBeDefined();
    // The record alone also says who holds an approval lock on it; every field of the list item is the same.
    expect(alone.body).toMatchObject(item!);
    expect(Object.keys(alone.body).filter((key) => !(key in item!))).toEqual(['lockedBy']);
    expect(item).toMatchObject({ tags: ['重点', 'vip'], notes: '年度 "框架" \\ 协议' });
  });
});
