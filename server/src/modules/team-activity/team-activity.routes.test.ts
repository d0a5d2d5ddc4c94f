// Team visibility (ACT-5) through real HTTP: counts checked against numbers worked out by hand for a few reps over a
// quarter (company days in Asia/Shanghai), the scope of each viewer, the department filter, the drill-down to idle
// customers and the refusals of a bad period.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../platform/org-structure/org-structure.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { organizations } from '../organizations/organizations.table';
import { createTestOrganization, createTestProcess, createTestProject } from '../pipeline/test-fixtures';
import { insertActivity } from '../work-reports/activity-fixtures';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const DAY = 86_400_000;
const quarter = 'from=2025-10-01&to=2025-12-31';
const view = (who: string, query = quarter) => t.call(tokens[who]!, 'GET', `/api/v1/team-activity?${query}`);
type Row = { user: { id: string; displayName: string }; departmentName: string | null; [key: string]: unknown };
const names = (rows: Row[]) => rows.map((row) => row.user.displayName).sort();
const rowOf = (rows: Row[], who: string) => rows.find((row) => row.user.id === ids[who]);

async function organization(owner: string, name: string, lastActivityAt: Date | null, deleted = false) {
  const id = await createTestOrganization(t.database.db, owner, name);
  await t.database.db.update(organizations).set({ lastActivityAt, deletedAt: deleted ? new Date() : null }).where(eq(organizations.id, id));
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const sales = await t.createDepartment('销售中心');
  const east = await t.createDepartment('华东大区', sales);
  const eastOne = await t.createDepartment('华东一部', east);
  const north = await t.createDepartment('华北大区', sales);
  Object.assign(ids, { east, eastOne });
  ids.director = await t.createUser({ username: 'director', departmentId: sales, role: 'sales_manager', position: 'manager' });
  ids.supervisor = await t.createUser({ username: 'supervisor', departmentId: east, role: 'supervisor', position: 'manager', managerId: ids.director });
  ids.repA = await t.createUser({ username: 'repA', departmentId: east, role: 'sales_rep', managerId: ids.supervisor });
  ids.repB = await t.createUser({ username: 'repB', departmentId: eastOne, role: 'sales_rep', managerId: ids.supervisor });
  ids.repC = await t.createUser({ username: 'repC', departmentId: north, role: 'sales_rep', managerId: ids.director });
  ids.departed = await t.createUser({ username: 'departed', departmentId: east, role: 'sales_rep', managerId: ids.supervisor });
  ids.chief = await t.createUser({ username: 'chief', departmentId: sales, role: 'sales_director', position: 'manager' });
  ids.finance = await t.createUser({ username: 'finance', departmentId: sales, role: 'finance' });
  for (const name of ['director', 'supervisor', 'repA', 'repB', 'repC', 'chief', 'finance']) tokens[name] = await t.login(name);
  await db.update(users).set({ status: 'departed' }).where(eq(users.id, ids.departed));

  const now = Date.now();
  const o1 = await organization(ids.repA, '华东机械', new Date(now - 5 * DAY));
  const o2 = await organization(ids.repA, '申城水务', null);
  ids.o4 = await organization(ids.repA, '浦江电力', new Date(now - 40 * DAY));
  await organization(ids.repA, '已删除单位', null, true);
  const o3 = await organization(ids.repB, '苏州轨交', new Date(now - 31 * DAY));
  Object.assign(ids, { o2 });
  const process = await createTestProcess(db);
  const p1 = await createTestProject(db, { process, organizationId: o1, ownerId: ids.repA });
  const p2 = await createTestProject(db, { process, organizationId: o3, ownerId: ids.repB });

  const a = ids.repA;
  await insertActivity(db, { ownerId: a, type: 'visit', startsAt: '2025-10-05T10:00:00+08:00', endsAt: '2025-10-05T11:30:00+08:00', organizationId: o1, projectId: p1, checkinAt: '2025-10-05T10:01:00+08:00' });
  // 27 hours: counted as one day (1440 minutes).
  await insertActivity(db, { ownerId: a, type: 'visit', startsAt: '2025-11-01T09:00:00+08:00', endsAt: '2025-11-02T12:00:00+08:00', organizationId: o1 });
  // The last evening of the quarter in Shanghai (15:30 UTC) counts; ten past midnight on 1 January (still 31 December in UTC) does not.
  await insertActivity(db, { ownerId: a, type: 'call', startsAt: '2025-12-31T23:30:00+08:00', organizationId: o2 });
  await insertActivity(db, { ownerId: a, type: 'call', startsAt: '2026-01-01T00:10:00+08:00', organizationId: o2 });
  await insertActivity(db, { ownerId: a, type: 'visit', startsAt: '2025-09-30T23:59:00+08:00', organizationId: o2 });
  // An end before the start counts no time.
  await insertActivity(db, { ownerId: a, type: 'email', startsAt: '2025-10-20T10:00:00+08:00', endsAt: '2025-10-20T09:00:00+08:00' });
  await insertActivity(db, { ownerId: a, type: 'meeting', status: 'planned', startsAt: '2025-12-20T10:00:00+08:00', organizationId: o2 });
  await insertActivity(db, { ownerId: a, type: 'visit', status: 'cancelled', startsAt: '2025-12-21T10:00:00+08:00', organizationId: ids.o4, checkinAt: '2025-12-21T10:00:00+08:00' });
  await insertActivity(db, { ownerId: a, type: 'visit', startsAt: '2025-12-22T10:00:00+08:00', organizationId: ids.o4, deletedAt: new Date() });

  const b = ids.repB;
  await insertActivity(db, { ownerId: b, type: 'visit', startsAt: '2025-10-10T14:00:00+08:00', endsAt: '2025-10-10T15:00:00+08:00', organizationId: o2, projectId: p2, checkinAt: '2025-10-10T14:00:00+08:00' });
  await insertActivity(db, { ownerId: b, type: 'demo', startsAt: '2025-10-11T14:00:00+08:00', endsAt: '2025-10-11T14:30:00+08:00', organizationId: o3, projectId: p2 });
  // Checked in, not completed yet: a check-in, and a planned activity.
  await insertActivity(db, { ownerId: b, type: 'call', status: 'planned', startsAt: '2025-10-12T09:00:00+08:00', checkinAt: '2025-10-12T09:00:00+08:00' });

  await insertActivity(db, { ownerId: ids.repC, type: 'visit', startsAt: '2025-11-15T09:00:00+08:00', organizationId: o1 });
  await insertActivity(db, { ownerId: ids.departed, type: 'visit', startsAt: '2025-11-16T09:00:00+08:00', organizationId: o1 });
});

afterAll(async () => {
  await t.close();
});

const zero = { byType: {}, total: 0, planned: 0, organizationsTouched: 0, projectsTouched: 0, minutes: 0, checkins: 0, idleOrganizations: 0 };

describe('team visibility', () => {
  it('counts each rep’s quarter as worked out by hand, and the totals across the team', async () => {
    const response = await view('director');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const rows = response.body.rows as Row[];
    // Everyone in the director's department tree who logs activities: not finance (no activity.create), not the departed.
    expect(names(rows)).toEqual(['chief', 'director', 'repA', 'repB', 'repC', 'supervisor']);
    expect(rowOf(rows, 'repA')).toEqual({
      user: { id: ids.repA, displayName: 'repA' },
      departmentName: '华东大区',
      byType: { visit: 2, call: 1, email: 1 },
      total: 4,
      planned: 1,
      organizationsTouched: 2,
      projectsTouched: 1,
      minutes: 90 + 1440,
      checkins: 1,
      idleOrganizations: 2,
    });
    expect(rowOf(rows, 'repB')).toEqual({
      user: { id: ids.repB, displayName: 'repB' },
      departmentName: '华东一部',
      byType: { visit: 1, demo: 1 },
      total: 2,
      planned: 1,
      organizationsTouched: 2,
      projectsTouched: 1,
      minutes: 90,
      checkins: 2,
      idleOrganizations: 1,
    });
    expect(rowOf(rows, 'repC')).toMatchObject({ byType: { visit: 1 }, total: 1, organizationsTouched: 1, projectsTouched: 0, minutes: 0, idleOrganizations: 0 });
    expect(rowOf(rows, 'supervisor')).toMatchObject(zero);
    // Organisations o1, o2, o3 and projects p1, p2 once each, although several reps touched o1 and o2.
    expect(response.body.totals).toEqual({
      byType: { visit: 4, call: 1, email: 1, demo: 1 },
      total: 7,
      planned: 2,
      organizationsTouched: 3,
      projectsTouched: 2,
      minutes: 1620,
      checkins: 3,
      idleOrganizations: 3,
    });
    expect(response.body).toMatchObject({ from: '2025-10-01', to: '2025-12-31', idleDays: 30 });
  });

  it('counts idle customers against idleDays', async () => {
    const response = await view('director', `${quarter}&idleDays=60`);
    expect(rowOf(response.body.rows, 'repA')!.idleOrganizations).toBe(1);
    expect(rowOf(response.body.rows, 'repB')!.idleOrganizations).toBe(0);
  });

  it('shows a rep only themselves, a supervisor their reports, a department filter its tree', async () => {
    const own = await view('repA');
    expect(names(own.body.rows)).toEqual(['repA']);
    expect(own.body.totals.total).toBe(4);
    expect(names((await view('supervisor')).body.rows)).toEqual(['repA', 'repB', 'supervisor']);
    expect(names((await view('director', `${quarter}&departmentId=${ids.east}`)).body.rows)).toEqual(['repA', 'repB', 'supervisor']);
    const eastOne = await view('director', `${quarter}&departmentId=${ids.eastOne}`);
    expect(names(eastOne.body.rows)).toEqual(['repB']);
    expect(eastOne.body.totals).toMatchObject({ total: 2, organizationsTouched: 2, minutes: 90 });
    // A department outside a rep's scope leaves nobody.
    expect((await view('repA', `${quarter}&departmentId=${ids.eastOne}`)).body).toMatchObject({ rows: [], totals: zero });
  });

  it('with the whole company in scope, lists the active people who log activities (not finance, not the departed)', async () => {
    const rows = (await view('chief')).body.rows as Row[];
    expect(names(rows)).toEqual(expect.arrayContaining(['chief', 'director', 'repA', 'repB', 'repC', 'supervisor']));
    expect(names(rows)).not.toContain('finance');
    expect(names(rows)).not.toContain('departed');
    expect((await view('finance')).status).toBe(403);
  });

  it('refuses a period ending before it starts or longer than 366 days, naming `to`', async () => {
    const backwards = await view('director', 'from=2025-12-31&to=2025-10-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ path: 'to', code: 'before_from' })]);
    const tooLong = await view('director', 'from=2024-01-01&to=2025-01-01');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'to', code: 'range_too_long' })]);
    expect((await view('director', 'from=2024-01-01&to=2024-12-31')).status).toBe(200);
    expect((await view('director', 'from=2025-10-01&to=2025-10-01')).status).toBe(200);
    const bad = await view('director', 'from=2025-10-01&idleDays=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['idleDays', 'to']);
  });
});

describe('idle customers drill-down', () => {
  it('lists a rep’s customers without follow-up, never-followed-up first, within the caller’s scope only', async () => {
    const response = await t.call(tokens.supervisor!, 'GET', `/api/v1/team-activity/idle-organizations?userId=${ids.repA}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ user: { id: ids.repA, displayName: 'repA' }, idleDays: 30, total: 2 });
    expect(response.body.items.map((item: { id: string; lastActivityAt: string | null }) => [item.id, item.lastActivityAt === null])).toEqual([
      [ids.o2, true],
      [ids.o4, false],
    ]);
    const longer = await t.call(tokens.supervisor!, 'GET', `/api/v1/team-activity/idle-organizations?userId=${ids.repA}&idleDays=60`);
    expect(longer.body.items.map((item: { name: string }) => item.name)).toEqual(['申城水务']);
    expect((await t.call(tokens.supervisor!, 'GET', `/api/v1/team-activity/idle-organizations?userId=${ids.repC}`)).status).toBe(404);
    expect((await t.call(tokens.repB!, 'GET', `/api/v1/team-activity/idle-organizations?userId=${ids.repA}`)).status).toBe(404);
    expect((await t.call(tokens.repA!, 'GET', `/api/v1/team-activity/idle-organizations?userId=${ids.repA}`)).body.total).toBe(2);
  });
});
