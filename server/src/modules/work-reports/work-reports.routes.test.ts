// Work reports (ACT-4) through real HTTP: drafted from the period's activities in the company's time zone, edited with
// their version, submitted (read-only, the manager told), private while drafts, and who has not submitted.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../platform/audit/audit.table';
import { notifications } from '../../platform/notify/notify.table';
import { users } from '../../platform/org-structure/org-structure.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createTestOrganization, createTestProcess, createTestProject } from '../pipeline/test-fixtures';
import { insertActivity, insertTask } from './activity-fixtures';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const draft = (who: string, kind: 'daily' | 'weekly', date: string) => t.call(tokens[who]!, 'POST', '/api/v1/work-reports/draft', { kind, date });

async function historyActions(id: string) {
  const rows = await t.database.db
    .select({ action: recordHistory.action })
    .from(recordHistory)
    .where(and(eq(recordHistory.recordType, 'work_report'), eq(recordHistory.recordId, id)))
    .orderBy(recordHistory.id);
  return rows.map((row) => row.action);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const sales = await t.createDepartment('销售中心');
  const east = await t.createDepartment('华东大区', sales);
  const north = await t.createDepartment('华北大区', sales);
  ids.director = await t.createUser({ username: 'director', departmentId: sales, role: 'sales_manager', position: 'manager' });
  ids.supervisor = await t.createUser({ username: 'supervisor', departmentId: east, role: 'supervisor', position: 'manager', managerId: ids.director });
  ids.rep = await t.createUser({ username: 'rep', departmentId: east, role: 'sales_rep', managerId: ids.supervisor });
  ids.peer = await t.createUser({ username: 'peer', departmentId: east, role: 'sales_rep', managerId: ids.supervisor });
  ids.quiet = await t.createUser({ username: 'quiet', departmentId: east, role: 'sales_rep', managerId: ids.supervisor });
  ids.english = await t.createUser({ username: 'english', departmentId: north, role: 'sales_rep', managerId: ids.director });
  ids.finance = await t.createUser({ username: 'finance', departmentId: north, role: 'finance' });
  await db.update(users).set({ locale: 'en' }).where(eq(users.id, ids.english));
  for (const name of ['director', 'supervisor', 'rep', 'peer', 'quiet', 'english']) tokens[name] = await t.login(name);

  const process = await createTestProcess(db);
  const organizationId = await createTestOrganization(db, ids.rep, '上海华东机械设备有限公司');
  const projectId = await createTestProject(db, { process, organizationId, ownerId: ids.rep, name: '地铁泵站项目' });
  ids.organization = organizationId;
  // The week of Monday 2025-12-01 to Sunday 2025-12-07 in Asia/Shanghai (the default company zone, UTC+8).
  const rep = ids.rep;
  await insertActivity(db, { ownerId: rep, startsAt: '2025-11-30T23:59:00+08:00', subject: '上周日的拜访' });
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-01T00:10:00+08:00', type: 'visit', organizationId, projectId, subject: '技术交流', outcome: '客户认可方案' });
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-03T10:00:00+08:00', type: 'call', organizationId, subject: '确认报价', outcome: '下周\n回复' });
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-03T09:00:00+08:00', type: 'wechat', subject: '发送资料' });
  // Sunday 23:30 local is still this week, although it is Sunday 15:30 in UTC as well; Monday 00:30 local (Sunday in UTC) is not.
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-07T23:30:00+08:00', type: 'dinner', organizationId, subject: '宴请客户' });
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-08T00:30:00+08:00', type: 'call', subject: '下周一的电话' });
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-04T10:00:00+08:00', status: 'planned', subject: '计划中未完成' });
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-04T11:00:00+08:00', status: 'cancelled', subject: '已取消' });
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-04T12:00:00+08:00', subject: '已删除', deletedAt: new Date() });
  await insertActivity(db, { ownerId: ids.peer, startsAt: '2025-12-02T10:00:00+08:00', subject: '同事的拜访' });
  // The next week's plan: a planned visit and an open task; a done task, a later task and a peer's task stay out.
  await insertActivity(db, { ownerId: rep, startsAt: '2025-12-09T14:00:00+08:00', status: 'planned', type: 'demo', organizationId, projectId, subject: '产品演示' });
  await insertTask(db, { assigneeId: rep, title: '准备投标文件', dueAt: '2025-12-10T18:00:00+08:00', projectId });
  await insertTask(db, { assigneeId: rep, title: '已完成的任务', dueAt: '2025-12-09T18:00:00+08:00', status: 'done' });
  await insertTask(db, { assigneeId: rep, title: '再下周的任务', dueAt: '2025-12-15T09:00:00+08:00' });
  await insertTask(db, { assigneeId: ids.peer, title: '同事的任务', dueAt: '2025-12-09T09:00:00+08:00' });
  await insertActivity(db, { ownerId: ids.english, startsAt: '2025-12-03T15:00:00+08:00', type: 'visit', organizationId, subject: 'Site survey', outcome: 'Positive' });
});

afterAll(async () => {
  await t.close();
});

describe('drafting', () => {
  let weeklyId: string;

  it('drafts a weekly report from the period’s done activities of the author, Monday to Sunday in the company zone, grouped by day', async () => {
    const response = await draft('rep', 'weekly', '2025-12-03');
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    weeklyId = response.body.id;
    expect(response.body).toMatchObject({ kind: 'weekly', periodStart: '2025-12-01', periodEnd: '2025-12-07', status: 'draft', version: 1, canEdit: true, activityCount: 4, commentCount: 0 });
    expect(response.body.summary).toBe(
      [
        '12-01 拜访 · 上海华东机械设备有限公司 · 地铁泵站项目：技术交流 — 客户认可方案',
        '',
        '12-03 微信：发送资料',
        '12-03 电话 · 上海华东机械设备有限公司：确认报价 — 下周 回复',
        '',
        '12-07 宴请 · 上海华东机械设备有限公司：宴请客户',
      ].join('\n'),
    );
    expect(response.body.plans).toBe(['12-09 演示 · 上海华东机械设备有限公司 · 地铁泵站项目：产品演示', '', '12-10 任务 · 地铁泵站项目：准备投标文件'].join('\n'));
    expect(await historyActions(weeklyId)).toEqual(['create']);
  });

  it('opens the same report again for any day of the period, and two drafts at once give one report', async () => {
    const again = await draft('rep', 'weekly', '2025-12-07');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(weeklyId);
    const [first, second] = await Promise.all([draft('rep', 'daily', '2025-12-03'), draft('rep', 'daily', '2025-12-03')]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.id).toBe(second.body.id);
    expect(first.body).toMatchObject({ kind: 'daily', periodStart: '2025-12-03', periodEnd: '2025-12-03', activityCount: 2 });
    expect(first.body.summary).toBe('12-03 微信：发送资料\n12-03 电话 · 上海华东机械设备有限公司：确认报价 — 下周 回复');
    // The next day's plan: the activity planned for it (cancelled and deleted ones stay out).
    expect(first.body.plans).toBe('12-04 拜访：计划中未完成');
    const empty = await draft('rep', 'daily', '2025-12-01');
    expect(empty.body.plans).toBeNull();
  });

  it('writes the type labels in the author’s language', async () => {
    const response = await draft('english', 'daily', '2025-12-03');
    expect(response.status).toBe(201);
    expect(response.body.summary).toBe('12-03 Visit · 上海华东机械设备有限公司: Site survey — Positive');
  });

  it('refuses a bad kind and date naming both, and a caller without the permission', async () => {
    const bad = await t.call(tokens.rep!, 'POST', '/api/v1/work-reports/draft', { kind: 'monthly', date: '2025-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['date', 'kind']);
    const finance = await t.login('finance');
    expect((await t.call(finance, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: '2025-12-03' })).status).toBe(403);
  });
});

describe('editing and submitting', () => {
  let id: string;

  it('edits a draft with its version (409 when stale), then submits it: read-only from then on, the manager told', async () => {
    id = (await draft('rep', 'weekly', '2025-12-10')).body.id;
    const edited = await t.call(tokens.rep!, 'PATCH', `/api/v1/work-reports/${id}`, { summary: '本周完成两次拜访', problems: '报价偏高', version: 1 });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ summary: '本周完成两次拜访', problems: '报价偏高', version: 2, status: 'draft' });
    const stale = await t.call(tokens.rep!, 'PATCH', `/api/v1/work-reports/${id}`, { summary: '旧版本', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');

    const submitted = await t.call(tokens.rep!, 'PATCH', `/api/v1/work-reports/${id}`, { plans: '下周跟进报价', submit: true, version: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', plans: '下周跟进报价', version: 3, canEdit: false });
    expect(submitted.body.submittedAt).not.toBeNull();
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, ids.supervisor!), eq(notifications.kind, 'report_submitted')));
    expect(told.map((row) => ({ params: row.params, link: row.link }))).toEqual([{ params: { name: 'rep', kind: 'weekly', periodStart: '2025-12-08' }, link: `/work-reports/${id}` }]);

    const frozen = await t.call(tokens.rep!, 'PATCH', `/api/v1/work-reports/${id}`, { summary: '改一下', version: 3 });
    expect(frozen.status).toBe(422);
    expect(frozen.body.code).toBe('business_rule');
    expect(frozen.body.errors[0].code).toBe('report_submitted');
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/work-reports/${id}`)).status).toBe(422);
    expect(await historyActions(id)).toEqual(['create', 'update', 'update', 'submit']);
    const history = await t.call(tokens.supervisor!, 'GET', `/api/v1/work-reports/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.at(-1).changes).toEqual([{ field: 'status', old: 'draft', new: 'submitted' }]);
  });

  it('refuses to submit an empty report, naming the summary', async () => {
    const daily = await draft('quiet', 'daily', '2025-12-03');
    expect(daily.body.summary).toBe('');
    const refused = await t.call(tokens.quiet!, 'PATCH', `/api/v1/work-reports/${daily.body.id}`, { submit: true, version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['summary']);
  });

  it('tells nobody when the author’s manager has left', async () => {
    // A department of its own, outside everyone else's scope, so the other tests' counts stay as they are.
    const elsewhere = await t.createDepartment('西南办事处');
    const formerBoss = await t.createUser({ username: 'former_boss', departmentId: elsewhere, role: 'supervisor', position: 'manager' });
    await t.createUser({ username: 'orphan', departmentId: elsewhere, role: 'sales_rep', managerId: formerBoss });
    await t.database.db.update(users).set({ status: 'departed' }).where(eq(users.id, formerBoss));
    const orphan = await t.login('orphan');
    const report = await t.call(orphan, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: '2025-12-04' });
    const submitted = await t.call(orphan, 'PATCH', `/api/v1/work-reports/${report.body.id}`, { summary: '整理客户资料', submit: true, version: 1 });
    expect(submitted.body.status).toBe('submitted');
    expect(await t.database.db.select().from(notifications).where(eq(notifications.userId, formerBoss))).toEqual([]);
  });

  it('lets only the author change it: the manager reading it gets 403, a peer 404', async () => {
    expect((await t.call(tokens.supervisor!, 'PATCH', `/api/v1/work-reports/${id}`, { summary: '经理改', version: 3 })).status).toBe(403);
    expect((await t.call(tokens.peer!, 'PATCH', `/api/v1/work-reports/${id}`, { summary: '同事改', version: 3 })).status).toBe(404);
  });

  it('discards a draft (soft), after which the period can be drafted anew', async () => {
    const daily = await draft('rep', 'daily', '2025-12-05');
    expect((await t.call(tokens.supervisor!, 'DELETE', `/api/v1/work-reports/${daily.body.id}`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/work-reports/${daily.body.id}`)).status).toBe(204);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/work-reports/${daily.body.id}`)).status).toBe(404);
    expect(await historyActions(daily.body.id)).toEqual(['create', 'delete']);
    const fresh = await draft('rep', 'daily', '2025-12-05');
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(daily.body.id);
  });
});

describe('reading', () => {
  it('shows a supervisor their report’s submitted reports but not the drafts; a rep gets 404 for a peer’s report', async () => {
    const list = await t.call(tokens.supervisor!, 'GET', `/api/v1/work-reports?userId=${ids.rep}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { periodStart: string; status: string }) => [item.periodStart, item.status])).toEqual([['2025-12-08', 'submitted']]);
    expect(list.body.total).toBe(1);
    const submittedId = list.body.items[0].id;
    expect((await t.call(tokens.supervisor!, 'GET', `/api/v1/work-reports/${submittedId}`)).body).toMatchObject({ status: 'submitted', canEdit: false, user: { id: ids.rep } });

    const mine = await t.call(tokens.rep!, 'GET', '/api/v1/work-reports?kind=weekly&sort=periodStart');
    expect(mine.body.items.map((item: { periodStart: string }) => item.periodStart)).toEqual(['2025-12-01', '2025-12-08']);
    const drafts = await t.call(tokens.rep!, 'GET', '/api/v1/work-reports?status=draft&kind=weekly');
    const draftId = drafts.body.items[0].id;
    expect((await t.call(tokens.supervisor!, 'GET', `/api/v1/work-reports/${draftId}`)).status).toBe(404);
    expect((await t.call(tokens.supervisor!, 'GET', `/api/v1/work-reports/${draftId}/history`)).status).toBe(404);
    expect((await t.call(tokens.peer!, 'GET', `/api/v1/work-reports/${submittedId}`)).status).toBe(404);
    expect((await t.call(tokens.peer!, 'GET', `/api/v1/work-reports?userId=${ids.rep}`)).body.total).toBe(0);
  });

  it('filters by period, department and text', async () => {
    const inRange = await t.call(tokens.director!, 'GET', '/api/v1/work-reports?from=2025-12-08&to=2025-12-14');
    expect(inRange.body.items.map((item: { user: { id: string } }) => item.user.id)).toEqual([ids.rep]);
    const north = await t.call(tokens.director!, 'GET', `/api/v1/work-reports?departmentId=${(await departmentOf(ids.english!))}`);
    expect(north.body.total).toBe(0);
    const text = await t.call(tokens.director!, 'GET', `/api/v1/work-reports?q=${encodeURIComponent('报价偏高')}`);
    expect(text.body.total).toBe(1);
    const bad = await t.call(tokens.director!, 'GET', '/api/v1/work-reports?from=yesterday&status=open');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['from', 'status']);
  });
});

async function departmentOf(userId: string) {
  const [row] = await t.database.db.select({ departmentId: users.departmentId }).from(users).where(eq(users.id, userId));
  return row!.departmentId!;
}

describe('who has not submitted', () => {
  it('lists the people in scope who write reports and have nothing or only a draft for the period', async () => {
    await draft('peer', 'weekly', '2025-12-09');
    const missing = await t.call(tokens.supervisor!, 'GET', '/api/v1/work-reports/missing?kind=weekly&date=2025-12-12');
    expect(missing.status, JSON.stringify(missing.body)).toBe(200);
    expect(missing.body).toMatchObject({ kind: 'weekly', periodStart: '2025-12-08', periodEnd: '2025-12-14', expected: 3, submitted: 1 });
    expect(missing.body.missing.map((entry: { user: { displayName: string }; status: string }) => [entry.user.displayName, entry.status])).toEqual([
      ['peer', 'draft'],
      ['quiet', 'none'],
    ]);
  });

  it('limits to a department tree, leaves out people without the permission and the caller, and sees only the scope', async () => {
    const all = await t.call(tokens.director!, 'GET', '/api/v1/work-reports/missing?kind=weekly&date=2025-12-08');
    // supervisor, rep, peer, quiet, english — not finance (no work_report.create), not the director.
    expect(all.body.expected).toBe(5);
    const east = await departmentOf(ids.rep!);
    const inEast = await t.call(tokens.director!, 'GET', `/api/v1/work-reports/missing?kind=weekly&date=2025-12-08&departmentId=${east}`);
    expect(inEast.body).toMatchObject({ expected: 4, submitted: 1 });
    expect(inEast.body.missing.map((entry: { departmentName: string }) => entry.departmentName)).toEqual(['华东大区', '华东大区', '华东大区']);
    const own = await t.call(tokens.rep!, 'GET', '/api/v1/work-reports/missing?kind=daily&date=2025-12-08');
    expect(own.body).toMatchObject({ expected: 0, submitted: 0, missing: [] });
    const unknown = await t.call(tokens.director!, 'GET', `/api/v1/work-reports/missing?kind=daily&date=2025-12-08&departmentId=${crypto.randomUUID()}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('departmentId');
  });
});
