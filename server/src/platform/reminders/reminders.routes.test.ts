// My reminder settings, my reminders and my agenda over HTTP: signed-in only, each user sees only their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, tasks } from '../../modules/activities/activities.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { companyDay } from './reminder-agenda';
import { deliverDueReminders } from './reminder-delivery';
import { scheduleReminders, type ReminderWrite } from './reminders.service';

let t: TestApp;
let rep: string;
let peer: string;
const ids: Record<string, string> = {};
const HOUR = 3_600_000;

const schedule = (entries: ReminderWrite[]) => t.database.db.transaction((tx) => scheduleReminders(tx, entries));
const entry = (userId: string, dueAt: Date, title: string): ReminderWrite => ({
  userId,
  kind: 'reminder.task_due',
  recordType: 'task',
  recordId: crypto.randomUUID(),
  dueAt,
  params: { title },
  link: '/tasks',
});

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.createDepartment('华东大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep', email: 'rep@example.cn' });
  ids.peer = await t.createUser({ username: 'peer', departmentId: department, role: 'sales_rep' });
  rep = await t.login('rep');
  peer = await t.login('peer');
});
afterAll(async () => t?.close());

describe('reminder settings', () => {
  it('are a morning digest by default; PUT sets another mode, GET reads it back, per user', async () => {
    expect(await t.call(rep, 'GET', '/api/v1/me/reminder-settings')).toMatchObject({ status: 200, body: { email: 'digest' } });
    expect(await t.call(rep, 'PUT', '/api/v1/me/reminder-settings', { email: 'immediate' })).toMatchObject({ status: 200, body: { email: 'immediate' } });
    expect(await t.call(rep, 'PUT', '/api/v1/me/reminder-settings', { email: 'off' })).toMatchObject({ status: 200, body: { email: 'off' } });
    expect((await t.call(rep, 'GET', '/api/v1/me/reminder-settings')).body).toEqual({ email: 'off' });
    expect((await t.call(peer, 'GET', '/api/v1/me/reminder-settings')).body).toEqual({ email: 'digest' });
  });

  it('refuse an unknown mode or none with 400 naming the field', async () => {
    for (const body of [{ email: 'weekly' }, {}]) {
      const response = await t.call(rep, 'PUT', '/api/v1/me/reminder-settings', body);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
    }
    expect((await t.call(rep, 'GET', '/api/v1/me/reminder-settings')).body).toEqual({ email: 'off' });
  });

  it('every route of mine is 401 without signing in', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/v1/me/reminder-settings'],
      ['PUT', '/api/v1/me/reminder-settings', { email: 'off' }],
      ['GET', '/api/v1/me/reminders'],
      ['GET', '/api/v1/me/agenda'],
    ] as const) {
      expect((await t.call(null, method, url, body)).status).toBe(401);
    }
  });
});

describe('my reminders', () => {
  it('lists my pending ones soonest first and the last 20 sent latest first; not cancelled ones, not a peer’s', async () => {
    const base = new Date('2031-06-01T01:00:00Z');
    await schedule([entry(ids.rep!, new Date(base.getTime() + 3 * HOUR), '第三'), entry(ids.rep!, new Date(base.getTime() + HOUR), '第一'), entry(ids.rep!, new Date(base.getTime() + 2 * HOUR), '第二')]);
    await schedule([entry(ids.peer!, new Date(base.getTime() + HOUR), '同事的')]);
    const cancelled = entry(ids.rep!, new Date(base.getTime() + HOUR), '已取消');
    await schedule([cancelled]);
    await t.database.query(`update reminders set status = 'cancelled' where record_id = $1`, [cancelled.recordId]);
    // 22 sent, one hour apart: the list keeps the last 20.
    const past = new Date('2031-05-01T01:00:00Z');
    await schedule(Array.from({ length: 22 }, (_, index) => entry(ids.rep!, new Date(past.getTime() + index * HOUR), `已发送${index}`)));
    for (let index = 0; index < 22; index += 1) await deliverDueReminders(t.database.db, t.config, new Date(past.getTime() + index * HOUR));

    const response = await t.call(rep, 'GET', '/api/v1/me/reminders');
    expect(response.status).toBe(200);
    expect(response.body.pending.map((item: any) => item.params.title)).toEqual(['第一', '第二', '第三']);
    expect(response.body.pending[0]).toMatchObject({ kind: 'reminder.task_due', recordType: 'task', status: 'pending', link: '/tasks', dueAt: new Date(base.getTime() + HOUR).toISOString() });
    expect(response.body.sent).toHaveLength(20);
    expect(response.body.sent[0]).toMatchObject({ status: 'sent', params: { title: '已发送21' } });
    expect(response.body.sent.at(-1).params.title).toBe('已发送2');
    const peerList = await t.call(peer, 'GET', '/api/v1/me/reminders');
    expect(peerList.body).toMatchObject({ pending: [expect.objectContaining({ params: { title: '同事的' } })], sent: [] });
  });
});

describe('my agenda', () => {
  it("lists today's open tasks (and overdue ones), planned activities and reminders of mine", async () => {
    const now = new Date();
    const day = companyDay(now, 'Asia/Shanghai');
    const inToday = new Date(day.start.getTime() + 11 * HOUR);
    const [today] = await t.database.db.insert(tasks).values({ title: '今天的任务', dueAt: inToday, assigneeId: ids.rep!, createdBy: ids.rep! }).returning();
    await t.database.db.insert(tasks).values({ title: '逾期的任务', dueAt: new Date(day.start.getTime() - 30 * HOUR), assigneeId: ids.rep!, createdBy: ids.rep!, priority: 'high' });
    await t.database.db.insert(tasks).values({ title: '同事的任务', dueAt: inToday, assigneeId: ids.peer!, createdBy: ids.peer! });
    await t.database.db.insert(activities).values({ type: 'visit', status: 'planned', subject: '拜访宝钢', startsAt: inToday, ownerId: ids.rep! });
    await t.database.db.insert(activities).values({ type: 'call', status: 'planned', subject: '明天的电话', startsAt: day.end, ownerId: ids.rep! });
    await schedule([entry(ids.rep!, new Date(day.start.getTime() + 10 * HOUR), '今天的提醒')]);

    const response = await t.call(rep, 'GET', '/api/v1/me/agenda');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ date: day.date, timeZone: 'Asia/Shanghai', moreTasks: 0 });
    expect(response.body.tasks).toEqual([
      expect.objectContaining({ title: '逾期的任务', overdue: true, priority: 'high' }),
      { id: today!.id, title: '今天的任务', dueAt: inToday.toISOString(), overdue: false, priority: 'normal', organization: null, project: null },
    ]);
    expect(response.body.activities).toEqual([expect.objectContaining({ subject: '拜访宝钢', type: 'visit', startsAt: inToday.toISOString(), allDay: false })]);
    expect(response.body.reminders.map((item: any) => item.params.title)).toEqual(['今天的提醒']);
    const peerAgenda = await t.call(peer, 'GET', '/api/v1/me/agenda');
    expect(peerAgenda.body.tasks.map((item: any) => item.title)).toEqual(['同事的任务']);
    expect(peerAgenda.body.activities).toEqual([]);
  });

  it("keeps a long overdue backlog to the 50 latest tasks, today's always among them, and counts the rest", async () => {
    const day = companyDay(new Date(), 'Asia/Shanghai');
    await t.database.db.insert(tasks).values(
      Array.from({ length: 55 }, (_, index) => ({
        title: `积压${index}`,
        dueAt: new Date(day.start.getTime() - (index + 1) * 24 * HOUR),
        assigneeId: ids.peer!,
        createdBy: ids.peer!,
      })),
    );
    const agenda = (await t.call(peer, 'GET', '/api/v1/me/agenda')).body;
    expect(agenda.tasks).toHaveLength(50);
    expect(agenda.moreTasks).toBe(6);
    expect(agenda.tasks.at(-1).title).toBe('同事的任务');
    expect(agenda.tasks[0].title).toBe('积压48');
  });
});
