// The organisation chart through real HTTP: departments (subtree moves change scopes), users, transfer, delegation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: string;
const roleIds: Record<string, string> = {};
const ids: Record<string, string> = {};

async function createDepartment(name: string, parentId: string | null) {
  const response = await t.call(admin, 'POST', '/api/v1/departments', { name, parentId });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number };
}

async function department(id: string) {
  const response = await t.call(admin, 'GET', '/api/v1/departments');
  return response.body.items.find((item: any) => item.id === id);
}

async function createOrganization(token: string, name: string) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function ownerOf(organizationId: string) {
  return (await t.call(admin, 'GET', `/api/v1/organizations/${organizationId}`)).body.owner?.id as string;
}

const visibleIds = async (token: string) =>
  ((await t.call(token, 'GET', '/api/v1/organizations?pageSize=200')).body.items as { id: string }[]).map((item) => item.id);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  for (const role of (await t.call(admin, 'GET', '/api/v1/roles')).body.items) roleIds[role.code] = role.id;
});
afterAll(async () => t?.close());

describe('departments', () => {
  it('creates, renames with the version, refuses a stale version, and keeps history', async () => {
    const root = await createDepartment('总公司', null);
    expect(root.version).toBe(1);
    const renamed = await t.call(admin, 'PATCH', `/api/v1/departments/${root.id}`, { name: '集团总部', version: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '集团总部', version: 2 });
    const stale = await t.call(admin, 'PATCH', `/api/v1/departments/${root.id}`, { name: '覆盖', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect((await department(root.id)).name).toBe('集团总部');
    const history = await t.call(admin, 'GET', `/api/v1/departments/${root.id}/history`);
    expect(history.body.items).toMatchObject([
      { action: 'create', changes: [{ field: 'name', old: null, new: '总公司' }] },
      { action: 'update', actorName: '系统管理员', changes: [{ field: 'name', old: '总公司', new: '集团总部' }] },
    ]);
    expect((await t.call(admin, 'GET', `/api/v1/departments/${crypto.randomUUID()}/history`)).status).toBe(404);
    const orphan = await t.call(admin, 'POST', '/api/v1/departments', { name: '无主部门', parentId: crypto.randomUUID() });
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors[0]).toMatchObject({ path: 'parentId', code: 'unknown_department' });
  });

  it('moves a whole subtree: a grandchild member enters the new ancestor manager’s department_tree scope', async () => {
    const root = await createDepartment('总部', null);
    const east = await createDepartment('华东大区', root.id);
    const north = await createDepartment('华北大区', root.id);
    const team = await createDepartment('上海组', east.id);
    const subteam = await createDepartment('浦东小组', team.id);
    ids.team = team.id;
    ids.subteam = subteam.id;
    ids.north = north.id;
    await t.createUser({ username: 'eastmgr', departmentId: east.id, role: 'sales_manager', position: 'manager' });
    await t.createUser({ username: 'northmgr', departmentId: north.id, role: 'sales_manager', position: 'manager' });
    ids.deep = await t.createUser({ username: 'deeprep', departmentId: subteam.id, role: 'sales_rep' });
    const [eastManager, northManager] = [await t.login('eastmgr'), await t.login('northmgr')];
    const deepOrganization = await createOrganization(await t.login('deeprep'), '浦东新区自来水公司');
    expect(await visibleIds(eastManager)).toContain(deepOrganization);
    expect(await visibleIds(northManager)).not.toContain(deepOrganization);
    expect((await t.call(northManager, 'GET', `/api/v1/organizations/${deepOrganization}`)).status).toBe(404);

    const moved = await t.call(admin, 'PATCH', `/api/v1/departments/${team.id}`, { parentId: north.id, version: team.version });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBe(north.id);
    const [path] = await t.database.query<{ path: string }>('select path from departments where id = $1', [subteam.id]);
    expect(path!.path).toBe(`/${root.id}/${north.id}/${team.id}/${subteam.id}/`);
    expect(await visibleIds(northManager)).toContain(deepOrganization);
    expect((await t.call(northManager, 'GET', `/api/v1/organizations/${deepOrganization}`)).status).toBe(200);
    expect(await visibleIds(eastManager)).not.toContain(deepOrganization);
    const history = await t.call(admin, 'GET', `/api/v1/departments/${team.id}/history`);
    expect(history.body.items.at(-1).changes).toEqual([{ field: 'parentId', old: east.id, new: north.id }]);
  });

  it('refuses to move a department under itself or its own descendant', async () => {
    const team = await department(ids.team!);
    for (const parentId of [ids.subteam, ids.team]) {
      const cycle = await t.call(admin, 'PATCH', `/api/v1/departments/${ids.team}`, { parentId, version: team.version });
      expect(cycle.status).toBe(422);
      expect(cycle.body.code).toBe('cycle_in_tree');
      expect(cycle.body.errors[0].path).toBe('parentId');
    }
    expect((await department(ids.team!)).parentId).toBe(ids.north);
  });

  it('refuses to disable a department whose subtree has active members; disables an empty one', async () => {
    const team = await department(ids.team!);
    const inUse = await t.call(admin, 'PATCH', `/api/v1/departments/${ids.team}`, { active: false, version: team.version });
    expect(inUse.status).toBe(422);
    expect(inUse.body.code).toBe('in_use');
    expect((await department(ids.team!)).active).toBe(true);
    const empty = await createDepartment('临时项目组', ids.north!);
    const disabled = await t.call(admin, 'PATCH', `/api/v1/departments/${empty.id}`, { active: false, version: empty.version });
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    const into = await t.call(admin, 'POST', '/api/v1/users', {
      username: 'latecomer', displayName: '迟到者', departmentId: empty.id, position: 'rep', roleIds: [roleIds.sales_rep], password: 'initial-pass-1',
    });
    expect(into.status).toBe(400);
    expect(into.body.errors[0]).toMatchObject({ path: 'departmentId', code: 'department_disabled' });
  });

  it('a rep may not manage departments', async () => {
    const rep = await t.login('deeprep');
    expect((await t.call(rep, 'POST', '/api/v1/departments', { name: '私设部门', parentId: null })).status).toBe(403);
    expect((await t.call(rep, 'PATCH', `/api/v1/departments/${ids.team}`, { name: '改名', version: 1 })).status).toBe(403);
  });
});

describe('users', () => {
  const input = () => ({ username: 'newhire', displayName: '新员工', departmentId: ids.north, position: 'rep', roleIds: [roleIds.sales_rep], password: 'initial-pass-1' });

  it('creates a user who can sign in; refuses a taken username and unknown references by field', async () => {
    const created = await t.call(admin, 'POST', '/api/v1/users', input());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'newhire', status: 'active', roleIds: [roleIds.sales_rep], departmentName: '华北大区' });
    ids.newhire = created.body.id;
    const signIn = await t.call(null, 'POST', '/api/v1/auth/login', { username: 'newhire', password: 'initial-pass-1' });
    expect(signIn.body.user.mustChangePassword).toBe(true);

    const taken = await t.call(admin, 'POST', '/api/v1/users', { ...input(), username: 'NEWHIRE' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('already_exists');
    expect(taken.body.errors).toEqual([expect.objectContaining({ path: 'username' })]);
    const unknownRole = await t.call(admin, 'POST', '/api/v1/users', { ...input(), username: 'other1', roleIds: [crypto.randomUUID()] });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.errors[0]).toMatchObject({ path: 'roleIds', code: 'unknown_role' });
    const unknownDepartment = await t.call(admin, 'POST', '/api/v1/users', { ...input(), username: 'other2', departmentId: crypto.randomUUID() });
    expect(unknownDepartment.status).toBe(400);
    expect(unknownDepartment.body.errors[0]).toMatchObject({ path: 'departmentId', code: 'unknown_department' });
    expect((await t.database.query(`select 1 from users where username in ('other1', 'other2')`)).length).toBe(0);
    expect((await t.call(await t.login('deeprep'), 'POST', '/api/v1/users', { ...input(), username: 'other3' })).status).toBe(403);
  });

  it('edits a user, refusing a reporting-line cycle and a stale version', async () => {
    const boss = await t.createUser({ username: 'boss', departmentId: ids.north!, role: 'supervisor', position: 'supervisor' });
    const worker = await t.createUser({ username: 'worker', departmentId: ids.north!, role: 'sales_rep', managerId: boss });
    const cycle = await t.call(admin, 'PATCH', `/api/v1/users/${boss}`, { managerId: worker, version: 1 });
    expect(cycle.status).toBe(400);
    expect(cycle.body.errors[0]).toMatchObject({ path: 'managerId', code: 'cycle_in_tree' });
    const self = await t.call(admin, 'PATCH', `/api/v1/users/${boss}`, { managerId: boss, version: 1 });
    expect(self.body.errors[0]).toMatchObject({ path: 'managerId', code: 'manager_self' });
    const edited = await t.call(admin, 'PATCH', `/api/v1/users/${worker}`, { displayName: '王工', version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ displayName: '王工', managerName: 'boss', version: 2 });
    expect((await t.call(admin, 'PATCH', `/api/v1/users/${worker}`, { displayName: '李工', version: 1 })).status).toBe(409);
    const history = await t.call(admin, 'GET', `/api/v1/users/${worker}/history`);
    expect(history.body.items.at(-1).changes).toEqual([{ field: 'displayName', old: 'worker', new: '王工' }]);
  });

  it('deactivation ends the sessions at once; reactivation lets the user sign in again', async () => {
    const session = await t.login('newhire', 'initial-pass-1');
    const deactivated = await t.call(admin, 'POST', `/api/v1/users/${ids.newhire}/deactivate`);
    expect(deactivated.body.status).toBe('departed');
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await t.call(null, 'POST', '/api/v1/auth/login', { username: 'newhire', password: 'initial-pass-1' })).status).toBe(403);
    const listed = await t.call(admin, 'GET', '/api/v1/users?status=departed');
    expect(listed.body.items.map((user: any) => user.id)).toEqual([ids.newhire]);
    const me = (await t.call(admin, 'GET', '/api/v1/auth/me')).body.id;
    expect((await t.call(admin, 'POST', `/api/v1/users/${me}/deactivate`)).status).toBe(422);
    expect((await t.call(admin, 'POST', `/api/v1/users/${ids.newhire}/reactivate`)).body.status).toBe('active');
    expect((await t.call(session, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect(await t.login('newhire', 'initial-pass-1')).toBeTruthy();
  });
});

describe('transfer of records', () => {
  const transferRows = async () => (await t.database.query(`select 1 from record_history where action = 'transfer'`)).length;
  const auditTransfers = async () => (await t.database.query(`select 1 from audit_log where action = 'transfer'`)).length;

  beforeAll(async () => {
    ids.mover = await t.createUser({ username: 'mover', departmentId: ids.north!, role: 'sales_rep' });
    ids.heir = await t.createUser({ username: 'heir', departmentId: ids.north!, role: 'sales_rep' });
    ids.gone = await t.createUser({ username: 'gone', departmentId: ids.north!, role: 'sales_rep' });
    await t.database.query(`update users set status = 'departed' where id = $1`, [ids.gone]);
    const mover = await t.login('mover');
    ids.orgA = await createOrganization(mover, '唐山钢铁集团');
    ids.orgB = await createOrganization(mover, '邯郸热电厂');
    ids.orgDeleted = await createOrganization(mover, '已注销单位');
    expect((await t.call(admin, 'DELETE', `/api/v1/organizations/${ids.orgDeleted}`)).status).toBe(204);
  });

  it('refuses a departed target and moves nothing', async () => {
    const refused = await t.call(admin, 'POST', `/api/v1/users/${ids.mover}/transfer`, { toUserId: ids.gone });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ path: 'toUserId', code: 'user_departed' });
    expect([await ownerOf(ids.orgA!), await ownerOf(ids.orgB!)]).toEqual([ids.mover, ids.mover]);
    expect(await transferRows()).toBe(0);
    expect((await t.call(await t.login('mover'), 'POST', `/api/v1/users/${ids.mover}/transfer`, { toUserId: ids.heir })).status).toBe(403);
  });

  it('is one transaction: when its audit row cannot be written, no owner and no history changes', async () => {
    await t.database.query(`create function refuse_transfer_audit() returns trigger language plpgsql as $$
      begin if new.action = 'transfer' then raise exception 'audit log unavailable'; end if; return new; end $$`);
    await t.database.query(`create trigger refuse_transfer_audit before insert on audit_log for each row execute function refuse_transfer_audit()`);
    try {
      const failed = await t.call(admin, 'POST', `/api/v1/users/${ids.mover}/transfer`, { toUserId: ids.heir });
      expect(failed.status).toBe(500);
    } finally {
      await t.database.query('drop trigger refuse_transfer_audit on audit_log');
      await t.database.query('drop function refuse_transfer_audit()');
    }
    expect([await ownerOf(ids.orgA!), await ownerOf(ids.orgB!)]).toEqual([ids.mover, ids.mover]);
    expect(await transferRows()).toBe(0);
  });

  it('moves every live organisation with a history entry each and one audit row', async () => {
    const manager = await t.login('northmgr');
    const done = await t.call(manager, 'POST', `/api/v1/users/${ids.mover}/transfer`, { toUserId: ids.heir });
    expect(done.status).toBe(200);
    expect(done.body.transferred).toEqual({ organization: 2, project: 0, activity: 0, task: 0 });
    expect([await ownerOf(ids.orgA!), await ownerOf(ids.orgB!)]).toEqual([ids.heir, ids.heir]);
    const [deleted] = await t.database.query<{ owner_id: string }>('select owner_id from organizations where id = $1', [ids.orgDeleted]);
    expect(deleted!.owner_id).toBe(ids.mover);
    for (const id of [ids.orgA, ids.orgB]) {
      const history = await t.call(admin, 'GET', `/api/v1/organizations/${id}/history`);
      expect(history.body.items.at(-1)).toMatchObject({ action: 'transfer', actorName: 'northmgr', changes: [{ field: 'ownerId', old: ids.mover, new: ids.heir }] });
    }
    expect(await transferRows()).toBe(2);
    expect(await auditTransfers()).toBe(1);
    const audit = await t.call(admin, 'GET', '/api/v1/audit-log?action=transfer');
    expect(audit.body.items[0]).toMatchObject({ targetId: ids.mover, details: { toUserId: ids.heir, transferred: { organization: 2, project: 0, activity: 0, task: 0 } } });
    expect(await visibleIds(await t.login('heir'))).toEqual(expect.arrayContaining([ids.orgA, ids.orgB]));
    expect(await visibleIds(await t.login('mover'))).toEqual([]);
  });
});

describe('delegation', () => {
  it('lets the delegate see and edit during the period, as the delegator; revoking ends it', async () => {
    const ownerId = await t.createUser({ username: 'holiday', departmentId: ids.north!, role: 'sales_rep' });
    const peerId = await t.createUser({ username: 'standin', departmentId: ids.north!, role: 'sales_rep' });
    const [owner, peer] = [await t.login('holiday'), await t.login('standin')];
    const organization = await createOrganization(owner, '保定电力修造厂');
    expect((await t.call(peer, 'GET', `/api/v1/organizations/${organization}`)).status).toBe(404);
    const period = { startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() };

    const forSomeoneElse = await t.call(peer, 'POST', '/api/v1/delegations', { fromUserId: ownerId, toUserId: peerId, ...period });
    expect(forSomeoneElse.status).toBe(403);
    const future = await t.call(owner, 'POST', '/api/v1/delegations', {
      fromUserId: ownerId, toUserId: peerId, startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(future.status).toBe(201);
    expect((await t.call(peer, 'GET', `/api/v1/organizations/${organization}`)).status).toBe(404);

    const delegation = await t.call(owner, 'POST', '/api/v1/delegations', { fromUserId: ownerId, toUserId: peerId, reason: '休假', ...period });
    expect(delegation.status).toBe(201);
    expect(delegation.body).toMatchObject({ fromUserName: 'holiday', toUserName: 'standin', revokedAt: null });
    expect(await visibleIds(peer)).toEqual([organization]);
    const read = await t.call(peer, 'GET', `/api/v1/organizations/${organization}`);
    expect(read.body.access.edit).toBe(true);
    const edit = await t.call(peer, 'PATCH', `/api/v1/organizations/${organization}`, { notes: '代理期间跟进', version: read.body.version });
    expect(edit.status).toBe(200);
    const history = await t.call(owner, 'GET', `/api/v1/organizations/${organization}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ action: 'update', actorName: 'standin', onBehalfOfName: 'holiday' });

    const stranger = await t.call(await t.login('heir'), 'POST', `/api/v1/delegations/${delegation.body.id}/revoke`);
    expect(stranger.status).toBe(404);
    expect((await t.call(owner, 'POST', `/api/v1/delegations/${delegation.body.id}/revoke`)).status).toBe(204);
    expect((await t.call(peer, 'GET', `/api/v1/organizations/${organization}`)).status).toBe(404);
    expect(await visibleIds(peer)).toEqual([]);
  });
});

