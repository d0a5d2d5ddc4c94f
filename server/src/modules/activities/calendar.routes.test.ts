// The calendar through real HTTP: mine and my team's (one user, one department), within the scope (404 outside), the
// period's bounds (62 days at most, naming `to`), cancelled and deleted left out, the cap with `truncated`, and the plan
// of the team week on a few thousand rows: the owners' index, no scan of the table.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createTeam, paths, type Team } from './activity-test-kit';
import { activityEntriesSql, CALENDAR_MAX_ENTRIES, taskEntriesSql } from './calendar.service';

let t: TestApp;
let team: Team;
// A week far from today, so the rows other tests write never fall into it.
const week = { from: '2030-03-04T00:00:00+08:00', to: '2030-03-11T00:00:00+08:00' };
const at = (day: number, hour: number) => new Date(Date.UTC(2030, 2, 3 + day, hour - 8)).toISOString();
const calendar = (token: string, query: string) => t.call(token, 'GET', `/api/v1/calendar?from=${encodeURIComponent(week.from)}&to=${encodeURIComponent(week.to)}${query}`);
const titles = (body: { entries: { title: string }[] }) => body.entries.map((entry) => entry.title);

async function plan(token: string, fields: Record<string, unknown>) {
  const response = await t.call(token, 'POST', '/api/v1/activities', { type: 'visit', status: 'planned', organizationId: team.orgRep, ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

beforeAll(async () => {
  t = await createTestApp();
  team = await createTeam(t);
  await plan(team.tokens.rep, { subject: '周一拜访', startsAt: at(1, 9), endsAt: at(1, 11) });
  await plan(team.tokens.rep, { subject: '周三演示', type: 'demo', startsAt: at(3, 14) });
  const cancelled = await plan(team.tokens.rep, { subject: '取消的拜访', startsAt: at(2, 9) });
  await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${cancelled.id}`, { status: 'cancelled', version: 1 });
  const deleted = await plan(team.tokens.rep, { subject: '删除的拜访', startsAt: at(2, 10) });
  await t.call(team.tokens.rep, 'DELETE', `/api/v1/activities/${deleted.id}`);
  await plan(team.tokens.rep, { subject: '下周的拜访', startsAt: at(8, 9) });
  await plan(team.tokens.peer, { subject: '同事的宴请', type: 'dinner', organizationId: team.orgPeer, startsAt: at(2, 18) });
  const task = await t.call(team.tokens.rep, 'POST', '/api/v1/tasks', { title: '提交报价', dueAt: at(4, 17), organizationId: team.orgRep });
  expect(task.status).toBe(201);
  await t.call(team.tokens.outsider, 'POST', '/api/v1/tasks', { title: '华北的任务', dueAt: at(4, 10) });
});
afterAll(async () => t?.close());

describe('calendar', () => {
  it('mine: my activities and tasks in the period, by start, without cancelled and deleted ones', async () => {
    const mine = await calendar(team.tokens.rep, '');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(titles(mine.body)).toEqual(['周一拜访', '周三演示', '提交报价']);
    expect(mine.body.truncated).toBe(false);
    expect(mine.body.entries[0]).toEqual({
      kind: 'activity',
      id: expect.any(String),
      title: '周一拜访',
      type: 'visit',
      status: 'planned',
      start: at(1, 9),
      end: at(1, 11),
      allDay: false,
      owner: { id: team.ids.rep, displayName: 'rep' },
      organizationName: '上海宝钢测试客户',
      projectName: null,
      overdue: false,
    });
    expect(mine.body.entries[2]).toMatchObject({ kind: 'task', type: 'task', status: 'open', organizationName: '上海宝钢测试客户', overdue: false });
    expect(titles((await calendar(team.tokens.rep, `&q=${encodeURIComponent('演示')}`)).body)).toEqual(['周三演示']);
  });

  it('team: the scope’s people (one user, one department); 404 for a user or department outside it', async () => {
    expect(titles((await calendar(team.tokens.supervisor, '&view=team')).body)).toEqual(['周一拜访', '同事的宴请', '周三演示', '提交报价']);
    expect(titles((await calendar(team.tokens.supervisor, `&view=team&userId=${team.ids.peer}`)).body)).toEqual(['同事的宴请']);
    expect(titles((await calendar(team.tokens.rep, '&view=team')).body)).toEqual(['周一拜访', '周三演示', '提交报价']);
    expect((await calendar(team.tokens.rep, `&view=team&userId=${team.ids.peer}`)).status).toBe(404);
    expect((await calendar(team.tokens.supervisor, `&view=team&userId=${team.ids.outsider}`)).status).toBe(404);
    expect((await calendar(team.tokens.manager, `&view=team&departmentId=${crypto.randomUUID()}`)).status).toBe(404);
    expect(titles((await calendar(team.tokens.manager, `&view=team&departmentId=${team.departments.shanghai}`)).body)).toHaveLength(4);
    expect(titles((await calendar(team.tokens.manager, `&view=team&departmentId=${team.departments.north}`)).body)).toEqual([]);
    const admin = await t.login('admin');
    expect(titles((await calendar(admin, `&view=team&departmentId=${team.departments.north}`)).body)).toEqual(['华北的任务']);
    expect((await calendar(team.tokens.viewer, '')).status).toBe(403);
  });

  it('refuses a period longer than 62 days or empty, naming `to`', async () => {
    const long = await t.call(team.tokens.rep, 'GET', `/api/v1/calendar?from=${encodeURIComponent('2030-01-01T00:00:00Z')}&to=${encodeURIComponent('2030-03-05T00:00:00Z')}`);
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ path: 'to', code: 'range_too_long' })]);
    const empty = await t.call(team.tokens.rep, 'GET', `/api/v1/calendar?from=${encodeURIComponent(week.to)}&to=${encodeURIComponent(week.from)}`);
    expect(paths(empty.body)).toEqual(['to']);
    const bad = await t.call(team.tokens.rep, 'GET', '/api/v1/calendar?from=monday&to=friday');
    expect(paths(bad.body)).toEqual(['from', 'to']);
  });

  it('caps the entries and says so; the team week reads the owners’ index on a few thousand rows', async () => {
    const db = t.database.db;
    // Another month, so the cap is reached there only: 2,010 done activities of the rep and 3,000 of others.
    await db.execute(sql`insert into activities (type, status, subject, starts_at, owner_id, organization_id, done_at)
      select 'call', 'done', '批量电话' || n, timestamptz '2030-06-01 00:00+08' + n * interval '10 minutes', ${team.ids.rep}, ${team.orgRep}, now()
        from generate_series(1, 2010) n`);
    await db.execute(sql`insert into activities (type, status, subject, starts_at, owner_id, organization_id, done_at)
      select 'call', 'done', '别人的电话' || n, timestamptz '2030-01-01 00:00+08' + n * interval '1 hour', ${team.ids.outsider}, ${team.orgPeer}, now()
        from generate_series(1, 3000) n`);
    await db.execute(sql`analyze activities`);
    const capped = await t.call(team.tokens.rep, 'GET', `/api/v1/calendar?from=${encodeURIComponent('2030-06-01T00:00:00+08:00')}&to=${encodeURIComponent('2030-07-01T00:00:00+08:00')}`);
    expect(capped.status).toBe(200);
    expect(capped.body.entries).toHaveLength(CALENDAR_MAX_ENTRIES);
    expect(capped.body.truncated).toBe(true);

    // The statements the calendar runs, as they run (a manager's team week: several owners, one week).
    const owners = [team.ids.rep, team.ids.peer, team.ids.supervisor];
    const period = { from: new Date(week.from).toISOString(), to: new Date(week.to).toISOString(), q: null };
    const explain = async (statement: ReturnType<typeof activityEntriesSql>) =>
      ((await db.execute<{ 'QUERY PLAN': string }>(sql`explain ${statement}`)).rows.map((row) => row['QUERY PLAN']).join('\n'));
    const text = await explain(activityEntriesSql(owners, period, CALENDAR_MAX_ENTRIES + 1));
    const taskPlan = await explain(taskEntriesSql(owners, period, CALENDAR_MAX_ENTRIES + 1, new Date()));
    expect(taskPlan).not.toMatch(/Seq Scan on tasks/);
    expect(text).toContain('activities_owner_time_idx');
    expect(text).not.toMatch(/Seq Scan on activities/);
  });
});
