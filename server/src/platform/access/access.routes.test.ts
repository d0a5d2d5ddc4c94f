// Roles through real HTTP: create, edit (audited), delete rules, a custom data scope and field protection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let admin: string;
const roleIds: Record<string, string> = {};
const ids: Record<string, string> = {};
const orgs: Record<string, string> = {};

const roleInput = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `角色 ${code}`,
  permissions: ['organization.view', 'organization.edit'],
  scopes: { organization: 'department' },
  ...extra,
});

async function permissionChanges(roleId: string) {
  return t.database.query<{ details: Record<string, any> }>(`select details from audit_log where action = 'permission_change' and target_id = $1 order by id`, [roleId]);
}

async function createOrganization(username: string, name: string, creditRating?: string) {
  const token = await t.login(username);
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  if (creditRating) await t.database.query('update organizations set credit_rating = $1 where id = $2', [creditRating, response.body.id]);
  return response.body.id as string;
}

const visibleIds = async (token: string) => {
  const response = await t.call(token, 'GET', '/api/v1/organizations?pageSize=200');
  expect(response.status).toBe(200);
  return (response.body.items as { id: string }[]).map((item) => item.id).sort();
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  for (const role of (await t.call(admin, 'GET', '/api/v1/roles')).body.items) roleIds[role.code] = role.id;
  const region = await t.createDepartment('西南大区');
  const team = await t.createDepartment('成都组', region);
  const other = await t.createDepartment('西北大区');
  ids.region = region;
  ids.analyst = await t.createUser({ username: 'analyst', departmentId: region, role: 'sales_rep' });
  ids.colleague = await t.createUser({ username: 'colleague', departmentId: region, role: 'sales_rep' });
  ids.teamRep = await t.createUser({ username: 'teamrep', departmentId: team, role: 'sales_rep' });
  ids.outsider = await t.createUser({ username: 'outsider', departmentId: other, role: 'sales_rep' });
  orgs.analyst = await createOrganization('analyst', '重庆钢铁股份公司', 'aa');
  orgs.colleague = await createOrganization('colleague', '四川电力设计院', 'b');
  orgs.teamRep = await createOrganization('teamrep', '成都地铁运营公司');
  orgs.outsider = await createOrganization('outsider', '西安热工研究院');
});
afterAll(async () => t?.close());

describe('roles', () => {
  it('takes a scope per record type; the ones a role leaves out follow its customer scope, and an edit keeps the ones it does not name', async () => {
    const created = await t.call(admin, 'POST', '/api/v1/roles', roleInput('coach', { scopes: { organization: 'own', activity: 'department_tree' } }));
    expect(created.status).toBe(201);
    expect(created.body.scopes).toEqual({ organization: 'own', project: 'own', activity: 'department_tree', work_report: 'own' });
    const edited = await t.call(admin, 'PATCH', `/api/v1/roles/${created.body.id}`, { scopes: { organization: 'department', work_report: 'all' }, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body.scopes).toEqual({ organization: 'department', project: 'own', activity: 'department_tree', work_report: 'all' });
    const badScope = await t.call(admin, 'PATCH', `/api/v1/roles/${created.body.id}`, { scopes: { organization: 'own', activity: 'galaxy' }, version: 2 });
    expect(badScope.status).toBe(400);
    expect(badScope.body.errors[0].path).toBe('scopes.activity');
    expect((await t.call(admin, 'DELETE', `/api/v1/roles/${created.body.id}`)).status).toBe(204);
  });

  it('creates a custom role, audited, and refuses a taken code or unknown vocabulary', async () => {
    const created = await t.call(admin, 'POST', '/api/v1/roles', roleInput('regional_analyst', { description: '区域分析' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'regional_analyst', builtin: false, scopes: { organization: 'department' }, visibleProtectedFields: [], userCount: 0, version: 1 });
    expect(created.body.permissions).toEqual(['organization.view', 'organization.edit']);
    roleIds.regional_analyst = created.body.id;
    expect((await permissionChanges(created.body.id)).map((row) => row.details.created.code)).toEqual(['regional_analyst']);

    const taken = await t.call(admin, 'POST', '/api/v1/roles', roleInput('regional_analyst'));
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0]).toMatchObject({ path: 'code', code: 'code_taken' });
    const unknownPermission = await t.call(admin, 'POST', '/api/v1/roles', roleInput('bad_one', { permissions: ['organization.view', 'organization.fly'] }));
    expect(unknownPermission.status).toBe(400);
    expect(unknownPermission.body.errors.map((error: any) => error.path)).toEqual(['permissions.1']);
    const unknownScope = await t.call(admin, 'POST', '/api/v1/roles', roleInput('bad_two', { scopes: { organization: 'planet' } }));
    expect(unknownScope.status).toBe(400);
    expect(unknownScope.body.errors[0].path).toBe('scopes.organization');
    const unknownField = await t.call(admin, 'POST', '/api/v1/roles', roleInput('bad_three', { visibleProtectedFields: ['organization.salary'] }));
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0]).toMatchObject({ path: 'visibleProtectedFields', code: 'unknown_field' });
    expect((await t.database.query(`select 1 from roles where code like 'bad_%'`)).length).toBe(0);
    expect((await t.call(await t.login('colleague'), 'POST', '/api/v1/roles', roleInput('sneaky'))).status).toBe(403);
  });

  it('edits permissions with the version; the change is audited and in history; a stale version is 409', async () => {
    const id = roleIds.regional_analyst!;
    const edited = await t.call(admin, 'PATCH', `/api/v1/roles/${id}`, { permissions: ['organization.view', 'organization.edit', 'organization.export'], version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.permissions).toContain('organization.export');
    const [, change] = await permissionChanges(id);
    expect(change!.details.changes).toEqual([
      { field: 'permissions', old: ['organization.view', 'organization.edit'], new: ['organization.view', 'organization.edit', 'organization.export'] },
    ]);
    const stale = await t.call(admin, 'PATCH', `/api/v1/roles/${id}`, { permissions: [], version: 1 });
    expect(stale.status).toBe(409);
    expect((await t.call(admin, 'GET', `/api/v1/roles/${id}`)).body.permissions).toHaveLength(3);
    const history = await t.call(admin, 'GET', `/api/v1/roles/${id}/history`);
    expect(history.body.items.map((entry: any) => entry.action)).toEqual(['create', 'update']);
    const badEdit = await t.call(admin, 'PATCH', `/api/v1/roles/${id}`, { permissions: ['role.destroy'], version: 2 });
    expect(badEdit.status).toBe(400);
  });

  it('refuses to delete a built-in role or a role someone holds; deletes an unused one', async () => {
    const builtin = await t.call(admin, 'DELETE', `/api/v1/roles/${roleIds.sales_rep}`);
    expect(builtin.status).toBe(422);
    expect(builtin.body.code).toBe('builtin_protected');
    const held = await t.call(admin, 'POST', '/api/v1/roles', roleInput('held_role'));
    await t.createUser({ username: 'holder', departmentId: ids.region!, role: 'held_role' });
    const inUse = await t.call(admin, 'DELETE', `/api/v1/roles/${held.body.id}`);
    expect(inUse.status).toBe(422);
    expect(inUse.body.code).toBe('in_use');
    expect((await t.call(admin, 'GET', `/api/v1/roles/${held.body.id}`)).body.userCount).toBe(1);

    const unused = await t.call(admin, 'POST', '/api/v1/roles', roleInput('short_lived'));
    expect((await t.call(admin, 'DELETE', `/api/v1/roles/${unused.body.id}`)).status).toBe(204);
    expect((await t.call(admin, 'GET', `/api/v1/roles/${unused.body.id}`)).status).toBe(404);
    expect((await t.call(admin, 'DELETE', `/api/v1/roles/${unused.body.id}`)).status).toBe(404);
    expect((await permissionChanges(unused.body.id)).at(-1)!.details).toEqual({ deleted: 'short_lived' });
  });
});

describe('a role with the department scope', () => {
  beforeAll(async () => {
    const analyst = (await t.call(admin, 'GET', `/api/v1/users/${ids.analyst}`)).body;
    const assigned = await t.call(admin, 'PATCH', `/api/v1/users/${ids.analyst}`, { roleIds: [roleIds.regional_analyst], version: analyst.version });
    expect(assigned.status).toBe(200);
  });

  it('audits the role assignment', async () => {
    const audit = await t.call(admin, 'GET', '/api/v1/audit-log?action=role_assignment');
    expect(audit.body.items[0]).toMatchObject({ targetId: ids.analyst, details: { from: [roleIds.sales_rep], to: [roleIds.regional_analyst] } });
  });

  it('sees exactly the own department’s records: not a sub-department’s, not another department’s', async () => {
    const analyst = await t.login('analyst');
    expect((await t.call(analyst, 'GET', '/api/v1/auth/me')).body.scopes).toEqual({ organization: 'department', project: 'department', activity: 'department', work_report: 'department' });
    expect(await visibleIds(analyst)).toEqual([orgs.analyst, orgs.colleague].sort());
    expect((await t.call(analyst, 'GET', `/api/v1/organizations/${orgs.colleague}`)).status).toBe(200);
    for (const hidden of [orgs.teamRep, orgs.outsider]) {
      expect((await t.call(analyst, 'GET', `/api/v1/organizations/${hidden}`)).status).toBe(404);
      expect((await t.call(analyst, 'PATCH', `/api/v1/organizations/${hidden}`, { notes: 'x', version: 1 })).status).toBe(404);
    }
    // The colleague, a plain rep in the same department, still sees only their own.
    expect(await visibleIds(await t.login('colleague'))).toEqual([orgs.colleague]);
  });

  it('a permission taken from the role is refused at the next request', async () => {
    const analyst = await t.login('analyst');
    const edit = await t.call(analyst, 'PATCH', `/api/v1/organizations/${orgs.colleague}`, { notes: '区域复核', version: 1 });
    expect(edit.status).toBe(200);
    const role = (await t.call(admin, 'GET', `/api/v1/roles/${roleIds.regional_analyst}`)).body;
    await t.call(admin, 'PATCH', `/api/v1/roles/${role.id}`, { permissions: ['organization.view'], version: role.version });
    const refused = await t.call(analyst, 'PATCH', `/api/v1/organizations/${orgs.colleague}`, { notes: '再改', version: 2 });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await t.call(analyst, 'GET', `/api/v1/organizations/${orgs.colleague}`)).body.notes).toBe('区域复核');
  });
});

describe('field protection', () => {
  it('shows the credit rating only to roles granted it, in reads, lists and history', async () => {
    const analyst = await t.login('analyst');
    const hidden = await t.call(analyst, 'GET', `/api/v1/organizations/${orgs.analyst}`);
    expect(hidden.body).not.toHaveProperty('creditRating');
    expect((await t.call(analyst, 'GET', '/api/v1/organizations')).body.items.some((item: any) => 'creditRating' in item)).toBe(false);
    expect((await t.call(analyst, 'GET', '/api/v1/auth/me')).body.visibleProtectedFields).toEqual([]);

    const role = (await t.call(admin, 'GET', `/api/v1/roles/${roleIds.regional_analyst}`)).body;
    const granted = await t.call(admin, 'PATCH', `/api/v1/roles/${role.id}`, {
      permissions: ['organization.view', 'organization.edit'],
      visibleProtectedFields: ['organization.creditRating'],
      version: role.version,
    });
    expect(granted.status).toBe(200);
    expect((await t.call(analyst, 'GET', `/api/v1/organizations/${orgs.analyst}`)).body.creditRating).toBe('aa');
    const list = await t.call(analyst, 'GET', '/api/v1/organizations?sort=name');
    expect(Object.fromEntries(list.body.items.map((item: any) => [item.id, item.creditRating]))).toEqual({ [orgs.analyst!]: 'aa', [orgs.colleague!]: 'b' });

    const current = (await t.call(analyst, 'GET', `/api/v1/organizations/${orgs.analyst}`)).body;
    expect((await t.call(analyst, 'PATCH', `/api/v1/organizations/${orgs.analyst}`, { creditRating: 'a', version: current.version })).status).toBe(200);
    const seen = await t.call(analyst, 'GET', `/api/v1/organizations/${orgs.analyst}/history`);
    expect(seen.body.items.at(-1).changes).toEqual([{ field: 'creditRating', old: 'aa', new: 'a' }]);
    // A supervisor of the analyst's records without the grant sees neither the value nor its history line.
    const boss = await t.createUser({ username: 'regionboss', departmentId: ids.region!, role: 'supervisor', position: 'supervisor' });
    await t.database.query('update users set manager_id = $1 where id = $2', [boss, ids.analyst]);
    const supervisor = await t.login('regionboss');
    const asSupervisor = await t.call(supervisor, 'GET', `/api/v1/organizations/${orgs.analyst}`);
    expect(asSupervisor.status).toBe(200);
    expect(asSupervisor.body).not.toHaveProperty('creditRating');
    const history = await t.call(supervisor, 'GET', `/api/v1/organizations/${orgs.analyst}/history`);
    expect(history.body.items.at(-1).changes).toEqual([]);
    const write = await t.call(supervisor, 'PATCH', `/api/v1/organizations/${orgs.analyst}`, { creditRating: 'c', version: current.version + 1 });
    expect(write.status).toBe(400);
    expect(write.body.errors[0]).toMatchObject({ path: 'creditRating', code: 'field_protected' });
  });
});
