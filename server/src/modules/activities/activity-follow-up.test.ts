// What logging a follow-up sets off, with controllable clocks: the last-activity dates of organisation, project and
// contacts (never backwards, never in the future); the pool's no-follow-up clock (a customer that would have gone back
// to the pool stays); the project's stalled clock; the next step as a task with a reminder delivered at its time; the
// reminder of a planned activity, moved with it and cancelled with it.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../platform/notify/notify.table';
import { deliverDueReminders } from '../../platform/reminders/reminder-delivery';
import { createTestApp, type TestApp } from '../../test/test-app';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';
import { processStalledProjects } from '../pipeline/stalled-projects';
import { createTestOrganization, createTestProcess, createTestProject } from '../pipeline/test-fixtures';
import { processPoolReturns } from '../pool/pool-returns';
import { projects } from '../projects/projects.table';
import { activities, activityContacts } from './activities.table';
import { createContact, createTeam, hoursFromNow, remindersOf, type Team } from './activity-test-kit';

let t: TestApp;
let team: Team;
const DAY = 86_400_000;
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

const lastActivityOf = async (table: typeof organizations | typeof projects | typeof contacts, id: string) => {
  const [row] = await t.database.db.select({ at: table.lastActivityAt }).from(table).where(eq(table.id, id));
  return row!.at;
};

async function logVisit(token: string, fields: Record<string, unknown>) {
  const response = await t.call(token, 'POST', '/api/v1/activities', { type: 'visit', subject: '拜访客户', ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

beforeAll(async () => {
  t = await createTestApp();
  team = await createTeam(t);
});
afterAll(async () => t?.close());

describe('last-activity dates', () => {
  it('moves the organisation, project and contacts to the activity’s time — never backwards, never into the future', async () => {
    const startsAt = new Date(Date.now() - 3 * 3_600_000);
    await logVisit(team.tokens.rep, { startsAt: startsAt.toISOString(), organizationId: team.orgRep, projectId: team.projectRep, contactIds: [team.contactRep] });
    expect(await lastActivityOf(organizations, team.orgRep)).toEqual(startsAt);
    expect(await lastActivityOf(projects, team.projectRep)).toEqual(startsAt);
    expect(await lastActivityOf(contacts, team.contactRep)).toEqual(startsAt);
    expect(await lastActivityOf(contacts, team.contactRep2)).toBeNull();

    // An older record logged late does not move the dates back.
    await logVisit(team.tokens.rep, { startsAt: hoursFromNow(-48), organizationId: team.orgRep, projectId: team.projectRep, contactIds: [team.contactRep] });
    expect(await lastActivityOf(organizations, team.orgRep)).toEqual(startsAt);

    // A "done" activity dated in the future counts as now, not as the future.
    const before = Date.now();
    await logVisit(team.tokens.rep, { startsAt: hoursFromNow(24), organizationId: team.orgRep });
    const moved = (await lastActivityOf(organizations, team.orgRep))!.getTime();
    expect(moved).toBeGreaterThanOrEqual(before - 1000);
    expect(moved).toBeLessThanOrEqual(Date.now() + 1000);

    // A planned activity is not a follow-up; completing it is.
    const project = await createTestProject(t.database.db, { process: await createTestProcess(t.database.db), organizationId: team.orgRep, ownerId: team.ids.rep });
    const planned = await logVisit(team.tokens.rep, { status: 'planned', startsAt: hoursFromNow(5), projectId: project });
    expect(await lastActivityOf(projects, project)).toBeNull();
    const completedAt = new Date(Date.now() - 600_000);
    const done = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${planned.id}`, { status: 'done', startsAt: completedAt.toISOString(), version: 1 });
    expect(done.status).toBe(200);
    expect(await lastActivityOf(projects, project)).toEqual(completedAt);
  });
});

describe('one statement', () => {
  it('a log is all or nothing: when its history cannot be written, no activity, no contacts and no moved dates remain', async () => {
    const organizationId = await createTestOrganization(t.database.db, team.ids.rep, '原子性测试单位');
    const contactId = await createContact(t, organizationId, '原子性联系人');
    const db = t.database.db;
    // A failure of the statement's last part: the history insert refuses this subject.
    await db.execute(sql`create function refuse_history_for_test() returns trigger language plpgsql as $$
      begin if new.changes::text like '%全有或全无%' then raise exception 'history refused for the test'; end if; return new; end $$`);
    await db.execute(sql`create trigger refuse_history_for_test before insert on record_history for each row execute function refuse_history_for_test()`);
    try {
      const response = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', {
        type: 'visit', subject: '全有或全无', startsAt: hoursFromNow(-1), organizationId, contactIds: [contactId],
      });
      expect(response.status).toBe(500);
    } finally {
      await db.execute(sql`drop trigger refuse_history_for_test on record_history`);
      await db.execute(sql`drop function refuse_history_for_test()`);
    }
    expect(await db.select().from(activities).where(eq(activities.subject, '全有或全无'))).toEqual([]);
    expect(await db.select().from(activityContacts).where(eq(activityContacts.contactId, contactId))).toEqual([]);
    expect(await lastActivityOf(organizations, organizationId)).toBeNull();
    expect(await lastActivityOf(contacts, contactId)).toBeNull();

    // The same log without the refusal lands whole.
    const logged = await logVisit(team.tokens.rep, { subject: '全有或全无', startsAt: hoursFromNow(-1), organizationId, contactIds: [contactId] });
    expect(await db.select({ id: activityContacts.activityId }).from(activityContacts).where(eq(activityContacts.contactId, contactId))).toEqual([{ id: logged.id }]);
    expect(await lastActivityOf(organizations, organizationId)).not.toBeNull();
    expect(await lastActivityOf(contacts, contactId)).not.toBeNull();
    const history = await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${logged.id}/history`);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['create']);
    expect(history.body.items[0].changes.find((change: { field: string }) => change.field === 'contactIds').new).toEqual([contactId]);
  });
});

describe('the clocks that read the last activity', () => {
  it('a follow-up resets the pool’s no-follow-up clock: the warned customer is not returned, the other one is', async () => {
    const admin = await t.login('admin');
    const pool = await t.call(admin, 'POST', '/api/v1/pools', { name: '华东公海', departmentId: team.departments.east, noFollowUpDays: 30, warningDays: 5, reclaimCooldownDays: 7 });
    expect(pool.status, JSON.stringify(pool.body)).toBe(201);
    const now = new Date();
    const since = addDays(now, -28);
    const followed = await createTestOrganization(t.database.db, team.ids.peer, '苏州跟进过的客户');
    const forgotten = await createTestOrganization(t.database.db, team.ids.peer, '苏州被遗忘的客户');
    await t.database.db.update(organizations).set({ ownedSince: since, createdAt: since }).where(eq(organizations.ownerId, team.ids.peer));

    // Due in two days: both are warned now.
    await processPoolReturns(t.database.db, now);
    const warned = await t.database.db.select({ id: organizations.id, warnedAt: organizations.poolWarnedAt }).from(organizations).where(eq(organizations.ownerId, team.ids.peer));
    expect(warned.filter((row) => [followed, forgotten].includes(row.id)).every((row) => row.warnedAt !== null)).toBe(true);

    await logVisit(team.tokens.peer, { startsAt: hoursFromNow(-1), organizationId: followed });
    const [afterFollowUp] = await t.database.db.select().from(organizations).where(eq(organizations.id, followed));
    expect(afterFollowUp!.poolWarnedAt).toBeNull();

    const later = addDays(now, 8);
    await processPoolReturns(t.database.db, later);
    const [kept] = await t.database.db.select().from(organizations).where(eq(organizations.id, followed));
    const [returned] = await t.database.db.select().from(organizations).where(eq(organizations.id, forgotten));
    expect(kept!.ownerId).toBe(team.ids.peer);
    expect(returned!.ownerId).toBeNull();
  });

  it('a follow-up resets the project’s stalled clock: the followed project is not alerted, the quiet one is', async () => {
    const db = t.database.db;
    const process = await createTestProcess(db);
    const stageEnteredAt = addDays(new Date(), -60);
    const followed = await createTestProject(db, { process, organizationId: team.orgRep, ownerId: team.ids.rep, name: '跟进中的项目', stageEnteredAt });
    const quiet = await createTestProject(db, { process, organizationId: team.orgRep, ownerId: team.ids.rep, name: '无人跟进的项目', stageEnteredAt });
    await logVisit(team.tokens.rep, { type: 'demo', startsAt: hoursFromNow(-2), projectId: followed });
    await processStalledProjects(db, addDays(new Date(), 1));
    const alerted = await db.select({ id: projects.id, at: projects.stalledAlertedAt }).from(projects);
    expect(alerted.find((row) => row.id === followed)!.at).toBeNull();
    expect(alerted.find((row) => row.id === quiet)!.at).not.toBeNull();
  });
});

describe('next step and reminders', () => {
  it('a next date becomes a task of the owner with a pending reminder at that time, delivered then and not before', async () => {
    const nextAt = new Date(Date.now() + 3 * DAY);
    const logged = await logVisit(team.tokens.supervisor, {
      startsAt: hoursFromNow(-2),
      organizationId: team.orgRep,
      projectId: team.projectRep,
      contactIds: [team.contactRep2],
      ownerId: team.ids.rep,
      nextStep: '发送技术方案',
      nextAt: nextAt.toISOString(),
    });
    expect(logged.nextTaskId).toBeTruthy();
    const task = await t.call(team.tokens.rep, 'GET', `/api/v1/tasks/${logged.nextTaskId}`);
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({
      title: '发送技术方案',
      dueAt: nextAt.toISOString(),
      remindAt: nextAt.toISOString(),
      status: 'open',
      assignee: { id: team.ids.rep },
      createdBy: { id: team.ids.supervisor },
      organization: { id: team.orgRep },
      project: { id: team.projectRep },
      contact: { id: team.contactRep2, name: '李春梅' },
      activityId: logged.id,
    });
    const reminders = await remindersOf(t, logged.nextTaskId);
    const due = reminders.find((row) => row.kind === 'reminder.task_due')!;
    expect(due).toMatchObject({ userId: team.ids.rep, recordType: 'task', status: 'pending', link: `/tasks?open=${logged.nextTaskId}` });
    expect(due.dueAt).toEqual(nextAt);
    expect(due.params).toMatchObject({ title: '发送技术方案', organizationName: '上海宝钢测试客户', projectName: '宝钢冷轧泵组项目', dueAt: nextAt.toISOString() });
    // The supervisor gave the rep the task: the rep is told at once.
    expect(reminders.find((row) => row.kind === 'task_assigned')).toMatchObject({ userId: team.ids.rep });

    const dueNotices = () =>
      t.database.db.select().from(notifications).where(and(eq(notifications.userId, team.ids.rep), eq(notifications.kind, 'reminder.task_due')));
    await deliverDueReminders(t.database.db, t.config, new Date(nextAt.getTime() - 60_000));
    expect(await dueNotices()).toHaveLength(0);
    await deliverDueReminders(t.database.db, t.config, new Date(nextAt.getTime() + 60_000));
    expect((await dueNotices()).map((row) => row.link)).toEqual([`/tasks?open=${logged.nextTaskId}`]);
  });

  it('without a next step the task is called after the subject; editing the date moves the task and its reminder', async () => {
    const first = new Date(Date.now() + 2 * DAY);
    const logged = await logVisit(team.tokens.rep, { subject: '电话回访', type: 'call', startsAt: hoursFromNow(-1), organizationId: team.orgRep, nextAt: first.toISOString() });
    const taskId = logged.nextTaskId;
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/tasks/${taskId}`)).body.title).toBe('跟进：电话回访');
    const second = new Date(Date.now() + 5 * DAY);
    const moved = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${logged.id}`, { nextAt: second.toISOString(), nextStep: '上门演示', version: 1 });
    expect(moved.body.nextTaskId).toBe(taskId);
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/tasks/${taskId}`)).body).toMatchObject({ title: '上门演示', dueAt: second.toISOString() });
    const pending = (await remindersOf(t, taskId)).filter((row) => row.status === 'pending');
    expect(pending.map((row) => row.dueAt)).toEqual([second]);
    const cleared = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${logged.id}`, { nextAt: null, version: 2 });
    expect(cleared.status).toBe(200);
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/tasks/${taskId}`)).body.status).toBe('cancelled');
    expect((await remindersOf(t, taskId)).filter((row) => row.status === 'pending')).toEqual([]);
  });

  it('a planned activity reminds its owner 15 minutes before (all-day: at the start), follows a new time, and stops when done or cancelled', async () => {
    const startsAt = new Date(Date.now() + 2 * DAY);
    const planned = await logVisit(team.tokens.rep, { status: 'planned', startsAt: startsAt.toISOString(), organizationId: team.orgRep });
    const pendingOf = async (id: string) => (await remindersOf(t, id)).filter((row) => row.status === 'pending');
    expect(await pendingOf(planned.id)).toMatchObject([{ kind: 'reminder.activity_planned', recordType: 'activity', userId: team.ids.rep, dueAt: new Date(startsAt.getTime() - 15 * 60_000) }]);
    const later = new Date(startsAt.getTime() + DAY);
    await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${planned.id}`, { startsAt: later.toISOString(), allDay: true, version: 1 });
    expect((await pendingOf(planned.id)).map((row) => row.dueAt)).toEqual([later]);
    await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${planned.id}`, { status: 'cancelled', version: 2 });
    expect(await pendingOf(planned.id)).toEqual([]);

    const another = await logVisit(team.tokens.rep, { status: 'planned', startsAt: startsAt.toISOString(), organizationId: team.orgRep });
    expect(await pendingOf(another.id)).toHaveLength(1);
    await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${another.id}`, { status: 'done', startsAt: hoursFromNow(-1), version: 1 });
    expect(await pendingOf(another.id)).toEqual([]);

    const deleted = await logVisit(team.tokens.rep, { status: 'planned', startsAt: startsAt.toISOString(), organizationId: team.orgRep });
    expect((await t.call(team.tokens.rep, 'DELETE', `/api/v1/activities/${deleted.id}`)).status).toBe(204);
    expect(await pendingOf(deleted.id)).toEqual([]);
  });
});
