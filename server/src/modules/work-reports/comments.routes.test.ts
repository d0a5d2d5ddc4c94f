// Comment threads (ACT-3) and the coaching view through real HTTP: only readable records take comments (404
// otherwise), the owner and earlier participants are told, a comment is removed by its author only; coaching lists a
// rep's recent records with their comments within the caller's scope.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../platform/notify/notify.table';
import { attachments } from '../../platform/files/files.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { activityContacts } from '../activities/activities.table';
import { contacts } from '../contacts/contacts.table';
import { createTestOrganization } from '../pipeline/test-fixtures';
import { insertActivity } from './activity-fixtures';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const DAY = 86_400_000;
const thread = (type: string, id: string) => `/api/v1/comments/${type}/${id}`;

async function toldOf(userId: string, kind: string) {
  const rows = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))
    .orderBy(notifications.createdAt);
  return rows.map((row) => ({ params: row.params, link: row.link }));
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
  ids.outsider = await t.createUser({ username: 'outsider', departmentId: north, role: 'sales_rep' });
  ids.logistics = await t.createUser({ username: 'logistics', departmentId: north, role: 'logistics' });
  for (const name of ['director', 'supervisor', 'rep', 'peer', 'outsider', 'logistics']) tokens[name] = await t.login(name);

  const now = Date.now();
  ids.organization = await createTestOrganization(db, ids.rep, '上海华东机械设备有限公司');
  ids.activity = await insertActivity(db, { ownerId: ids.rep, startsAt: new Date(now - 2 * DAY), endsAt: new Date(now - 2 * DAY + 3_600_000), organizationId: ids.organization, subject: '技术交流' });
  ids.older = await insertActivity(db, { ownerId: ids.rep, startsAt: new Date(now - 20 * DAY), subject: '三周前的拜访' });
  ids.planned = await insertActivity(db, { ownerId: ids.rep, startsAt: new Date(now - DAY), status: 'planned', subject: '计划拜访' });
  ids.cancelled = await insertActivity(db, { ownerId: ids.rep, startsAt: new Date(now - DAY), status: 'cancelled', subject: '取消的拜访' });
  ids.deleted = await insertActivity(db, { ownerId: ids.rep, startsAt: new Date(now - DAY), subject: '删除的拜访', deletedAt: new Date() });
  ids.peerActivity = await insertActivity(db, { ownerId: ids.peer, startsAt: new Date(now - DAY), subject: '同事的拜访' });
  const [contact] = await db.insert(contacts).values({ number: 'CON-T-1', organizationId: ids.organization, name: '王工' }).returning();
  await db.insert(activityContacts).values({ activityId: ids.activity, contactId: contact!.id });
  await db.insert(attachments).values({ recordType: 'activity', recordId: ids.activity, fileName: '现场.jpg', contentType: 'image/jpeg', size: 3, content: Buffer.from('abc') });

  const today = new Date(now).toISOString().slice(0, 10);
  const submitted = await t.call(tokens.rep!, 'POST', '/api/v1/work-reports/draft', { kind: 'daily', date: today });
  ids.report = submitted.body.id;
  await t.call(tokens.rep!, 'PATCH', `/api/v1/work-reports/${ids.report}`, { summary: '今天拜访了客户', submit: true, version: 1 });
  const draft = await t.call(tokens.rep!, 'POST', '/api/v1/work-reports/draft', { kind: 'weekly', date: today });
  ids.draft = draft.body.id;
});

afterAll(async () => {
  await t.close();
});

describe('comment threads', () => {
  it('tell the record’s owner, then the earlier participants, never the commenter', async () => {
    const first = await t.call(tokens.supervisor!, 'POST', thread('activity', ids.activity!), { body: '交流要点记得整理成纪要' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ recordType: 'activity', recordId: ids.activity, author: { id: ids.supervisor, displayName: 'supervisor' }, canDelete: true });
    expect(await toldOf(ids.rep!, 'activity_commented')).toEqual([
      { params: { by: 'supervisor', subject: '技术交流', excerpt: '交流要点记得整理成纪要' }, link: `/activities?open=${ids.activity}` },
    ]);

    const reply = await t.call(tokens.rep!, 'POST', thread('activity', ids.activity!), { body: '好的，已整理' });
    expect(reply.status).toBe(201);
    expect((await toldOf(ids.supervisor!, 'activity_commented')).map((entry) => entry.params.by)).toEqual(['rep']);
    expect(await toldOf(ids.rep!, 'activity_commented')).toHaveLength(1);

    const long = '很'.repeat(100);
    expect((await t.call(tokens.director!, 'POST', thread('activity', ids.activity!), { body: long })).status).toBe(201);
    const repTold = await toldOf(ids.rep!, 'activity_commented');
    expect(repTold).toHaveLength(2);
    expect(repTold[1]!.params.excerpt).toBe('很'.repeat(80));
    expect((await toldOf(ids.supervisor!, 'activity_commented')).map((entry) => entry.params.by)).toEqual(['rep', 'director']);
    expect(await toldOf(ids.director!, 'activity_commented')).toEqual([]);

    const list = await t.call(tokens.rep!, 'GET', thread('activity', ids.activity!));
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { author: { displayName: string }; canDelete: boolean }) => [item.author.displayName, item.canDelete])).toEqual([
      ['supervisor', false],
      ['rep', true],
      ['director', false],
    ]);
  });

  it('take a submitted report (the author told with the period), not someone else’s draft', async () => {
    const comment = await t.call(tokens.supervisor!, 'POST', thread('work_report', ids.report!), { body: '客户跟进及时，很好' });
    expect(comment.status).toBe(201);
    const told = await toldOf(ids.rep!, 'report_commented');
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/work-reports/${ids.report}`);
    expect(told[0]!.params).toMatchObject({ by: 'supervisor', excerpt: '客户跟进及时，很好', reportKind: 'daily' });
    expect(told[0]!.params.period).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await t.call(tokens.supervisor!, 'POST', thread('work_report', ids.draft!), { body: '草稿' })).status).toBe(404);
    expect((await t.call(tokens.supervisor!, 'GET', thread('work_report', ids.draft!))).status).toBe(404);
    // The author may keep notes on their own draft.
    expect((await t.call(tokens.rep!, 'POST', thread('work_report', ids.draft!), { body: '周五补充' })).status).toBe(201);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/work-reports/${ids.report}`)).body.commentCount).toBe(1);
  });

  it('answer 404 for records the caller cannot read: a peer’s activity, a deleted one, one that does not exist', async () => {
    expect((await t.call(tokens.peer!, 'GET', thread('activity', ids.activity!))).status).toBe(404);
    expect((await t.call(tokens.peer!, 'POST', thread('activity', ids.activity!), { body: '看看' })).status).toBe(404);
    expect((await t.call(tokens.outsider!, 'POST', thread('work_report', ids.report!), { body: '看看' })).status).toBe(404);
    expect((await t.call(tokens.rep!, 'POST', thread('activity', ids.deleted!), { body: '已删' })).status).toBe(404);
    expect((await t.call(tokens.rep!, 'GET', thread('activity', crypto.randomUUID()))).status).toBe(404);
  });

  it('refuse callers without the thread’s permission, an empty body and an unknown record type', async () => {
    expect((await t.call(tokens.logistics!, 'GET', thread('activity', ids.activity!))).status).toBe(403);
    expect((await t.call(tokens.logistics!, 'POST', thread('work_report', ids.report!), { body: '物流' })).status).toBe(403);
    const empty = await t.call(tokens.rep!, 'POST', thread('activity', ids.activity!), { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((error: { path: string }) => error.path)).toEqual(['body']);
    expect((await t.call(tokens.rep!, 'GET', thread('project', ids.activity!))).status).toBe(404);
  });

  it('are removed by their author only: 403 for a reader of the thread, 404 for someone who cannot read it', async () => {
    const comment = await t.call(tokens.supervisor!, 'POST', thread('activity', ids.activity!), { body: '待删除的点评' });
    const url = `/api/v1/comments/${comment.body.id}`;
    expect((await t.call(tokens.rep!, 'DELETE', url)).status).toBe(403);
    expect((await t.call(tokens.peer!, 'DELETE', url)).status).toBe(404);
    expect((await t.call(tokens.supervisor!, 'DELETE', url)).status).toBe(204);
    expect((await t.call(tokens.supervisor!, 'DELETE', url)).status).toBe(404);
    const list = await t.call(tokens.rep!, 'GET', thread('activity', ids.activity!));
    expect(list.body.items.map((item: { body: string }) => item.body)).not.toContain('待删除的点评');
  });
});

describe('coaching view', () => {
  it('lists a rep’s recent activities, newest first, and submitted reports, each with its comments', async () => {
    const view = await t.call(tokens.supervisor!, 'GET', `/api/v1/coaching?userId=${ids.rep}&days=14`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.user).toEqual({ id: ids.rep, displayName: 'rep' });
    expect(view.body.activities.map((activity: { subject: string }) => activity.subject)).toEqual(['计划拜访', '技术交流']);
    const visit = view.body.activities[1];
    expect(visit).toMatchObject({
      organization: { id: ids.organization, name: '上海华东机械设备有限公司' },
      contacts: [{ name: '王工' }],
      commentCount: 3,
      attachmentCount: 1,
      owner: { id: ids.rep, displayName: 'rep' },
      status: 'done',
      checkin: null,
    });
    expect(visit.comments.map((comment: { author: { displayName: string } }) => comment.author.displayName)).toEqual(['supervisor', 'rep', 'director']);
    expect(view.body.reports.map((report: { id: string }) => report.id)).toEqual([ids.report]);
    expect(view.body.reports[0].comments.map((comment: { body: string }) => comment.body)).toEqual(['客户跟进及时，很好']);

    const longer = await t.call(tokens.supervisor!, 'GET', `/api/v1/coaching?userId=${ids.rep}&days=30`);
    expect(longer.body.activities.map((activity: { subject: string }) => activity.subject)).toEqual(['计划拜访', '技术交流', '三周前的拜访']);
  });

  it('is limited to the caller’s activity scope: the rep sees themselves, not a peer; an outsider gets 404', async () => {
    const self = await t.call(tokens.rep!, 'GET', `/api/v1/coaching?userId=${ids.rep}`);
    expect(self.status).toBe(200);
    // Their own draft is not part of the view: it lists submitted reports.
    expect(self.body.reports.map((report: { id: string }) => report.id)).toEqual([ids.report]);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/coaching?userId=${ids.peer}`)).status).toBe(404);
    expect((await t.call(tokens.outsider!, 'GET', `/api/v1/coaching?userId=${ids.rep}`)).status).toBe(404);
    expect((await t.call(tokens.director!, 'GET', `/api/v1/coaching?userId=${crypto.randomUUID()}`)).status).toBe(404);
    const bad = await t.call(tokens.director!, 'GET', `/api/v1/coaching?userId=x&days=100`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['days', 'userId']);
  });
});
