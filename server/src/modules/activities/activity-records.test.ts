// Activities where other modules meet them: merging organisations and contacts moves them (no duplicate pairs), a
// hand-over moves planned activities and open tasks only (never done records or work reports), global search finds
// them within the scope, and photos attach to them with the activity's own access.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';
import { createTestOrganization } from '../pipeline/test-fixtures';
import { recordComments, workReports } from '../work-reports/work-reports.table';
import { activities, activityContacts, tasks } from './activities.table';
import { createContact, createTeam, hoursFromNow, remindersOf, type Team } from './activity-test-kit';

let t: TestApp;
let team: Team;

async function log(token: string, fields: Record<string, unknown>) {
  const response = await t.call(token, 'POST', '/api/v1/activities', { type: 'visit', subject: '拜访', startsAt: hoursFromNow(-2), ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; nextTaskId: string | null };
}
async function task(token: string, fields: Record<string, unknown>) {
  const response = await t.call(token, 'POST', '/api/v1/tasks', { title: '待办', ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string };
}
const versionOf = async (table: typeof organizations | typeof contacts, id: string) => (await t.database.db.select({ version: table.version }).from(table).where(eq(table.id, id)))[0]!.version;

beforeAll(async () => {
  t = await createTestApp();
  team = await createTeam(t);
});
afterAll(async () => t?.close());

describe('merges', () => {
  it('merging organisations moves their activities and tasks to the kept one', async () => {
    const keep = await createTestOrganization(t.database.db, team.ids.rep, '无锡华光环保能源集团股份有限公司');
    const gone = await createTestOrganization(t.database.db, team.ids.rep, '华光环能（无锡）');
    const onGone = await log(team.tokens.rep, { organizationId: gone, nextAt: hoursFromNow(30) });
    await log(team.tokens.rep, { organizationId: keep });
    const looseTask = await task(team.tokens.rep, { organizationId: gone });
    const response = await t.call(team.tokens.rep, 'POST', '/api/v1/organizations/merge', {
      keepId: keep,
      mergeId: gone,
      fields: {},
      keepVersion: await versionOf(organizations, keep),
      mergeVersion: await versionOf(organizations, gone),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.moved).toMatchObject({ activities: 1, tasks: 2 });
    const [moved] = await t.database.db.select().from(activities).where(eq(activities.id, onGone.id));
    expect(moved).toMatchObject({ organizationId: keep, version: 2 });
    const movedTasks = await t.database.db.select({ organizationId: tasks.organizationId }).from(tasks).where(sql`${tasks.id} in (${onGone.nextTaskId}, ${looseTask.id})`);
    expect(movedTasks.map((row) => row.organizationId)).toEqual([keep, keep]);
    const list = await t.call(team.tokens.rep, 'GET', `/api/v1/activities?organizationId=${keep}`);
    expect(list.body.total).toBe(2);
  });

  it('merging contacts moves their activities without duplicate pairs, and their tasks', async () => {
    const keep = await createContact(t, team.orgRep, '周建国');
    const gone = await createContact(t, team.orgRep, '周建国（重复）');
    const both = await log(team.tokens.rep, { organizationId: team.orgRep, contactIds: [keep, gone] });
    const onlyGone = await log(team.tokens.rep, { organizationId: team.orgRep, contactIds: [gone] });
    const contactTask = await task(team.tokens.rep, { contactId: gone });
    const response = await t.call(team.tokens.rep, 'POST', '/api/v1/contacts/merge', {
      keepId: keep,
      mergeId: gone,
      fields: {},
      keepVersion: await versionOf(contacts, keep),
      mergeVersion: await versionOf(contacts, gone),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.moved).toMatchObject({ activities: 1, tasks: 1 });
    const pairs = await t.database.db.select().from(activityContacts).where(sql`${activityContacts.activityId} in (${both.id}, ${onlyGone.id})`);
    expect(pairs.map((pair) => [pair.activityId, pair.contactId]).sort()).toEqual([[both.id, keep], [onlyGone.id, keep]].sort());
    const [movedTask] = await t.database.db.select().from(tasks).where(eq(tasks.id, contactTask.id));
    expect(movedTask!.contactId).toBe(keep);
  });
});

describe('hand-over of a departing rep', () => {
  it('moves planned activities (with their reminders) and open tasks; done records, done tasks and work reports stay', async () => {
    const db = t.database.db;
    const leaver = await t.createUser({ username: 'leaver', departmentId: team.departments.shanghai, role: 'sales_rep', managerId: team.ids.supervisor });
    const heir = await t.createUser({ username: 'heir', departmentId: team.departments.shanghai, role: 'sales_rep', managerId: team.ids.supervisor });
    const token = await t.login('leaver');
    const customer = await createTestOrganization(db, leaver, '离职代表的客户');
    const done = await log(token, { organizationId: customer });
    const planned = await t.call(token, 'POST', '/api/v1/activities', { type: 'visit', status: 'planned', subject: '下周拜访', startsAt: hoursFromNow(100), organizationId: customer });
    const open = await task(token, { dueAt: hoursFromNow(50) });
    const closed = await task(token, {});
    await t.call(token, 'PATCH', `/api/v1/tasks/${closed.id}`, { status: 'done', version: 1 });
    const [report] = await db.insert(workReports).values({ userId: leaver, kind: 'daily', periodStart: '2030-01-02', periodEnd: '2030-01-02' }).returning();

    const admin = await t.login('admin');
    const response = await t.call(admin, 'POST', `/api/v1/users/${leaver}/transfer`, { toUserId: heir });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.transferred).toEqual({ organization: 1, project: 0, activity: 1, task: 1 });
    const ownerOf = async (id: string) => (await db.select({ ownerId: activities.ownerId }).from(activities).where(eq(activities.id, id)))[0]!.ownerId;
    expect(await ownerOf(planned.body.id)).toBe(heir);
    expect(await ownerOf(done.id)).toBe(leaver);
    const assigneeOf = async (id: string) => (await db.select({ assigneeId: tasks.assigneeId }).from(tasks).where(eq(tasks.id, id)))[0]!.assigneeId;
    expect(await assigneeOf(open.id)).toBe(heir);
    expect(await assigneeOf(closed.id)).toBe(leaver);
    expect((await db.select({ userId: workReports.userId }).from(workReports).where(eq(workReports.id, report!.id)))[0]!.userId).toBe(leaver);
    const pending = [...(await remindersOf(t, planned.body.id)), ...(await remindersOf(t, open.id))].filter((row) => row.status === 'pending' && row.kind.startsWith('reminder.'));
    expect(pending.map((row) => row.userId)).toEqual([heir, heir]);
    const history = await t.call(admin, 'GET', `/api/v1/tasks/${open.id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ action: 'transfer', changes: [{ field: 'assigneeId', old: leaver, new: heir }] });
  });
});

describe('search, attachments and comments', () => {
  it('global search finds activities by subject within the scope', async () => {
    const mine = await log(team.tokens.rep, { organizationId: team.orgRep, subject: '宝钢冷轧厂技术交流会' });
    await log(team.tokens.peer, { organizationId: team.orgPeer, subject: '城投冷轧厂参观' });
    const found = await t.call(team.tokens.rep, 'GET', `/api/v1/search?q=${encodeURIComponent('冷轧厂')}&types=activity`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.items).toEqual([expect.objectContaining({ id: mine.id, type: 'activity', title: '宝钢冷轧厂技术交流会', link: `/activities/${mine.id}` })]);
    const supervisor = await t.call(team.tokens.supervisor, 'GET', `/api/v1/search?q=${encodeURIComponent('冷轧厂')}&types=activity`);
    expect(supervisor.body.items).toHaveLength(2);
    expect((await t.call(team.tokens.viewer, 'GET', `/api/v1/search?q=${encodeURIComponent('冷轧厂')}`)).body.items).toEqual([]);
  });

  it('photos attach with write access to the activity, are read with it, and count on it', async () => {
    const activity = await log(team.tokens.rep, { organizationId: team.orgRep });
    const upload = async (token: string) => {
      const boundary = `----openpsm${Math.random().toString(16).slice(2)}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场照片.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/attachments?recordType=activity&recordId=${activity.id}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      return response.statusCode;
    };
    expect(await upload(team.tokens.rep)).toBe(201);
    expect(await upload(team.tokens.peer)).toBe(404);
    const listed = await t.call(team.tokens.supervisor, 'GET', `/api/v1/attachments?recordType=activity&recordId=${activity.id}`);
    expect(listed.body.items).toMatchObject([{ fileName: '现场照片.jpg', contentType: 'image/jpeg' }]);
    expect((await t.call(team.tokens.peer, 'GET', `/api/v1/attachments?recordType=activity&recordId=${activity.id}`)).status).toBe(404);
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${activity.id}`)).body.attachmentCount).toBe(1);
  });

  it('counts the comments on an activity (a deleted one not)', async () => {
    const activity = await log(team.tokens.rep, { organizationId: team.orgRep });
    await t.database.db.insert(recordComments).values([
      { recordType: 'activity', recordId: activity.id, authorId: team.ids.supervisor, body: '客户关系要继续加强' },
      { recordType: 'activity', recordId: activity.id, authorId: team.ids.supervisor, body: '已删除', deletedAt: new Date() },
    ]);
    const read = await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${activity.id}`);
    expect(read.body).toMatchObject({ commentCount: 1, attachmentCount: 0 });
    const listed = await t.call(team.tokens.supervisor, 'GET', `/api/v1/activities?ownerId=${team.ids.rep}&pageSize=200`);
    expect(listed.body.items.find((item: { id: string }) => item.id === activity.id).commentCount).toBe(1);
  });
});
