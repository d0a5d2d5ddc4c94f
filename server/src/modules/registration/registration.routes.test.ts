// Registration conflict detection with name variants (PRJ-13) over HTTP: the check while typing (masked outside
// scope), the conflict a new project raises against another rep's protected one, the inbox, the decision and its
// refusals (403 without project.approve, 404 outside scope, 400 naming fields, 409 stale or decided).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../platform/access/access.table';
import { recordHistory } from '../../platform/audit/audit.table';
import { notifications } from '../../platform/notify/notify.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { ensureTestProcess } from '../projects/project-fixtures';
import { projects } from '../projects/projects.table';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const HOLDER_NAME = '上海浦东国际机场三期扩建工程给排水设备采购项目';

async function createOrganization(name: string) {
  const response = await t.call(tokens.admin!, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  for (const user of ['shRep', 'jsRep']) {
    const shared = await t.call(tokens.admin!, 'POST', `/api/v1/organizations/${response.body.id}/shares`, { userId: ids[user], access: 'read' });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
  }
  return response.body.id as string;
}

async function createProject(token: string, body: Record<string, unknown>) {
  const response = await t.call(token, 'POST', '/api/v1/projects', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const check = (token: string, params: Record<string, string>) => t.call(token, 'GET', `/api/v1/projects/registration-check?${new URLSearchParams(params)}`);
const stored = async (id: string) => (await t.database.db.select().from(projects).where(eq(projects.id, id)))[0]!;
const notificationsOf = (userId: string, kind: string) => t.database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

beforeAll(async () => {
  t = await createTestApp();
  await ensureTestProcess(t.database.db);
  const east = await t.createDepartment('华东大区');
  const shanghai = await t.createDepartment('上海销售部', east);
  const jiangsu = await t.createDepartment('江苏销售部', east);
  ids.eastManager = await t.createUser({ username: 'east_manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  ids.shManager = await t.createUser({ username: 'sh_manager', departmentId: shanghai, role: 'sales_manager', position: 'manager' });
  ids.jsManager = await t.createUser({ username: 'js_manager', departmentId: jiangsu, role: 'sales_manager', position: 'manager' });
  ids.shRep = await t.createUser({ username: 'sh_rep', departmentId: shanghai, role: 'sales_rep', managerId: ids.shManager });
  ids.jsRep = await t.createUser({ username: 'js_rep', departmentId: jiangsu, role: 'sales_rep', managerId: ids.jsManager });
  await t.database.db.insert(roles).values({ code: 'no_projects', name: '无项目', permissions: ['organization.view'], scopes: {} });
  ids.outsider = await t.createUser({ username: 'outsider', departmentId: east, role: 'no_projects' });
  for (const [key, username] of Object.entries({ admin: 'admin', eastManager: 'east_manager', shManager: 'sh_manager', jsManager: 'js_manager', shRep: 'sh_rep', jsRep: 'js_rep', outsider: 'outsider' })) {
    tokens[key] = await t.login(username);
  }
  ids.airport = await createOrganization('上海机场(集团)有限公司');
  ids.otherOwner = await createOrganization('上海申通地铁集团有限公司');
  const holder = await createProject(tokens.shRep!, { name: HOLDER_NAME, organizationId: ids.airport, site: '上海市浦东新区' });
  ids.holder = holder.id;
});

afterAll(async () => {
  await t.close();
});

describe('registration check', () => {
  it('stores the keys and the protection period of a new project', async () => {
    const row = await stored(ids.holder!);
    expect(row.nameKey).toBe('浦东机场3期扩建给排水设备');
    expect(row.siteKey).toBe('浦东新区');
    expect(row.registrationStatus).toBe('clear');
    const days = (row.protectedUntil!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);
  });

  it('finds the holder under name variants, masked outside the caller scope', async () => {
    for (const name of ['浦东机场三期扩建给排水设备', '（上海）浦东国际机场3期扩建-给排水设备招标', '浦东机场3期给排水设备']) {
      const response = await check(tokens.jsRep!, { organizationId: ids.airport!, name, site: '浦东新区' });
      expect(response.status).toBe(200);
      expect(response.body.items, name).toHaveLength(1);
      const [match] = response.body.items;
      expect(match).toMatchObject({ id: null, accessible: false, number: null, name: HOLDER_NAME, ownerName: 'sh_rep', site: null, status: null });
      expect(match.protectedUntil).toBeTruthy();
    }
    const own = await check(tokens.shRep!, { organizationId: ids.airport!, name: '浦东机场三期扩建给排水设备' });
    expect(own.body.items[0]).toMatchObject({ id: ids.holder, accessible: true, site: '上海市浦东新区', status: 'open' });
  });

  it('does not catch another phase, another airport, another owner or another site', async () => {
    const misses: Record<string, string>[] = [
      { organizationId: ids.airport!, name: '浦东机场二期扩建给排水设备' },
      { organizationId: ids.airport!, name: '虹桥机场给排水' },
      { organizationId: ids.otherOwner!, name: '浦东机场三期扩建给排水设备' },
      { organizationId: ids.airport!, name: '浦东机场三期扩建给排水设备', site: '北京市朝阳区' },
    ];
    for (const params of misses) {
      const response = await check(tokens.jsRep!, params);
      expect(response.status).toBe(200);
      expect(response.body.items, JSON.stringify(params)).toHaveLength(0);
    }
  });

  it('names every invalid field and refuses callers without project.view', async () => {
    const invalid = await t.call(tokens.jsRep!, 'GET', '/api/v1/projects/registration-check?organizationId=x');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: any) => error.path).sort()).toEqual(['name', 'organizationId']);
    const refused = await check(tokens.outsider!, { organizationId: ids.airport!, name: '浦东机场' });
    expect(refused.status).toBe(403);
  });
});

describe('conflicts and arbitration', () => {
  it('leaves a project of the same rep, another phase and another airport clear', async () => {
    const samePerson = await createProject(tokens.shRep!, { name: '浦东机场三期扩建给排水设备(补充)', organizationId: ids.airport });
    const otherPhase = await createProject(tokens.jsRep!, { name: '浦东机场二期扩建给排水设备', organizationId: ids.airport });
    const otherAirport = await createProject(tokens.jsRep!, { name: '虹桥机场给排水', organizationId: ids.airport });
    expect([samePerson.registrationStatus, otherPhase.registrationStatus, otherAirport.registrationStatus]).toEqual(['clear', 'clear', 'clear']);
  });

  it('makes a colliding newcomer pending and tells the managers of its department line', async () => {
    const newcomer = await createProject(tokens.jsRep!, { name: '（上海）浦东国际机场3期扩建-给排水设备招标', organizationId: ids.airport, site: '浦东新区' });
    ids.newcomer = newcomer.id;
    expect(newcomer.registrationStatus).toBe('pending');
    expect(await notificationsOf(ids.jsManager!, 'project_registration_conflict')).toHaveLength(1);
    expect(await notificationsOf(ids.eastManager!, 'project_registration_conflict')).toHaveLength(1);
    expect(await notificationsOf(ids.shManager!, 'project_registration_conflict')).toHaveLength(0);
  });

  it('lists the conflict in the inboxes of managers whose scope holds the newcomer', async () => {
    const js = await t.call(tokens.jsManager!, 'GET', '/api/v1/project-registrations?status=pending');
    expect(js.status).toBe(200);
    // Against the holder and the same rep's second registration of it: one conflict each.
    expect(js.body.total).toBe(2);
    const conflict = js.body.items.find((item: any) => item.holder.name === HOLDER_NAME);
    ids.registration = conflict.id;
    ids.secondRegistration = js.body.items.find((item: any) => item.id !== conflict.id).id;
    expect(conflict.project).toMatchObject({ id: ids.newcomer, accessible: true });
    expect(conflict.holder).toMatchObject({ id: null, accessible: false, name: HOLDER_NAME, ownerName: 'sh_rep' });
    const east = await t.call(tokens.eastManager!, 'GET', '/api/v1/project-registrations?status=pending');
    expect(east.body.items.find((item: any) => item.id === ids.registration).holder).toMatchObject({ id: ids.holder, accessible: true });
    const sh = await t.call(tokens.shManager!, 'GET', '/api/v1/project-registrations?status=pending');
    expect(sh.body.total).toBe(0);
    expect((await t.call(tokens.jsRep!, 'GET', '/api/v1/project-registrations')).status).toBe(403);
  });

  it('refuses a decision without the permission, outside scope, with bad input or a stale version', async () => {
    const url = `/api/v1/project-registrations/${ids.registration}/decide`;
    expect((await t.call(tokens.jsRep!, 'POST', url, { decision: 'granted_newcomer', reason: '先报备', version: 1 })).status).toBe(403);
    expect((await t.call(tokens.shManager!, 'POST', url, { decision: 'granted_newcomer', reason: '先报备', version: 1 })).status).toBe(404);
    const invalid = await t.call(tokens.jsManager!, 'POST', url, { decision: 'maybe', reason: ' ', version: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: any) => error.path).sort()).toEqual(['decision', 'reason']);
    expect((await t.call(tokens.jsManager!, 'POST', url, { decision: 'granted_newcomer', reason: '先报备', version: 2 })).status).toBe(409);
  });

  it('grants the newcomer: the holder loses its protection, both projects and owners hear of it', async () => {
    const url = `/api/v1/project-registrations/${ids.registration}/decide`;
    const decided = await t.call(tokens.eastManager!, 'POST', url, { decision: 'granted_newcomer', reason: '江苏先与设计院接触，业主确认', version: 1 });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'granted_newcomer', version: 2, decisionReason: '江苏先与设计院接触，业主确认' });
    const holder = await stored(ids.holder!);
    // The second conflict still waits: the newcomer stays pending until it is decided too.
    expect((await stored(ids.newcomer!)).registrationStatus).toBe('pending');
    const second = await t.call(tokens.jsManager!, 'POST', `/api/v1/project-registrations/${ids.secondRegistration}/decide`, { decision: 'both_allowed', reason: '补充部分另行采购', version: 1 });
    expect(second.status).toBe(200);
    expect((await stored(ids.newcomer!)).registrationStatus).toBe('granted');
    expect(holder.protectedUntil!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(holder.status).toBe('open');
    const decisionLines = async (id: string) =>
      (await t.database.db.select().from(recordHistory).where(and(eq(recordHistory.recordId, id), eq(recordHistory.action, 'registration_decision')))).length;
    expect([await decisionLines(ids.newcomer!), await decisionLines(ids.holder!)]).toEqual([2, 1]);
    // Each decision reaches both owners (the newcomer's and that conflict's holder's).
    expect(await notificationsOf(ids.jsRep!, 'project_registration_decided')).toHaveLength(2);
    expect(await notificationsOf(ids.shRep!, 'project_registration_decided')).toHaveLength(2);
    const again = await t.call(tokens.eastManager!, 'POST', url, { decision: 'kept_holder', reason: '改主意', version: 2 });
    expect(again.status).toBe(409);
    const now = await check(tokens.shRep!, { organizationId: ids.airport!, name: HOLDER_NAME });
    expect(now.body.items.map((item: any) => item.name).sort()).toEqual(['（上海）浦东国际机场3期扩建-给排水设备招标', '浦东机场三期扩建给排水设备(补充)'].sort());
  });

  it('keeps the holder: the newcomer is refused and unprotected but stays open for its owner to close', async () => {
    const holder = await createProject(tokens.shRep!, { name: '虹桥机场T2航站楼弱电智能化', organizationId: ids.otherOwner });
    const newcomer = await createProject(tokens.jsRep!, { name: '虹桥机场T2航站楼弱电智能化项目', organizationId: ids.otherOwner });
    expect(newcomer.registrationStatus).toBe('pending');
    const list = await t.call(tokens.jsManager!, 'GET', `/api/v1/project-registrations?status=pending&projectId=${newcomer.id}`);
    expect(list.body.items).toHaveLength(1);
    const decided = await t.call(tokens.jsManager!, 'POST', `/api/v1/project-registrations/${list.body.items[0].id}/decide`, { decision: 'kept_holder', reason: '上海已报备在先', version: 1 });
    expect(decided.status).toBe(200);
    const row = await stored(newcomer.id);
    expect(row).toMatchObject({ registrationStatus: 'refused', protectedUntil: null, status: 'open' });
    expect((await stored(holder.id)).protectedUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});
