// Tasks through real HTTP: the views (mine, assigned by me, overdue, my team's), who may read and edit a task, the
// refusals, assigning (in scope only; the assignee told at once) and the reminder following the task's life.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createTeam, hoursFromNow, paths, remindersOf, type Team } from './activity-test-kit';

let t: TestApp;
let team: Team;
const ids: Record<string, string> = {};

async function createTask(token: string, body: Record<string, unknown>) {
  const response = await t.call(token, 'POST', '/api/v1/tasks', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}
const titles = (body: { items: { title: string }[] }) => body.items.map((item) => item.title).sort();

beforeAll(async () => {
  t = await createTestApp();
  team = await createTeam(t);
  ids.own = (await createTask(team.tokens.rep, { title: '准备报价单', dueAt: hoursFromNow(24), organizationId: team.orgRep })).id;
  ids.overdue = (await createTask(team.tokens.rep, { title: '回复技术澄清', dueAt: hoursFromNow(-5), priority: 'high' })).id;
  ids.forRep = (await createTask(team.tokens.supervisor, { title: '整理宝钢拜访纪要', assigneeId: team.ids.rep, dueAt: hoursFromNow(48) })).id;
  ids.peer = (await createTask(team.tokens.peer, { title: '同事的私事', dueAt: hoursFromNow(10) })).id;
});
afterAll(async () => t?.close());

describe('views', () => {
  it('mine, assigned by me, overdue and team', async () => {
    const mine = await t.call(team.tokens.rep, 'GET', '/api/v1/tasks');
    expect(mine.status).toBe(200);
    expect(titles(mine.body)).toEqual(['准备报价单', '回复技术澄清', '整理宝钢拜访纪要'].sort());
    // Sorted by due time, the overdue one first, and flagged.
    expect(mine.body.items[0]).toMatchObject({ title: '回复技术澄清', overdue: true, priority: 'high' });
    expect(mine.body.total).toBe(3);
    expect(titles((await t.call(team.tokens.rep, 'GET', '/api/v1/tasks?view=overdue')).body)).toEqual(['回复技术澄清']);
    expect(titles((await t.call(team.tokens.supervisor, 'GET', '/api/v1/tasks?view=assigned')).body)).toEqual(['整理宝钢拜访纪要']);
    expect(titles((await t.call(team.tokens.rep, 'GET', '/api/v1/tasks?view=assigned')).body)).toEqual([]);
    const teamView = await t.call(team.tokens.supervisor, 'GET', '/api/v1/tasks?view=team');
    expect(titles(teamView.body)).toEqual(['准备报价单', '回复技术澄清', '整理宝钢拜访纪要', '同事的私事'].sort());
    expect(titles((await t.call(team.tokens.rep, 'GET', '/api/v1/tasks?view=team')).body)).toEqual(['准备报价单', '回复技术澄清', '整理宝钢拜访纪要'].sort());
    expect(titles((await t.call(team.tokens.rep, 'GET', `/api/v1/tasks?organizationId=${team.orgRep}`)).body)).toEqual(['准备报价单']);
    expect((await t.call(team.tokens.rep, 'GET', '/api/v1/tasks?view=everything')).status).toBe(400);
  });
});

describe('access', () => {
  it('readable by the assignee, the creator and the assignee’s managers; anyone else gets a 404', async () => {
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/tasks/${ids.forRep}`)).status).toBe(200);
    expect((await t.call(team.tokens.supervisor, 'GET', `/api/v1/tasks/${ids.own}`)).status).toBe(200);
    expect((await t.call(team.tokens.manager, 'GET', `/api/v1/tasks/${ids.own}`)).status).toBe(200);
    expect((await t.call(team.tokens.peer, 'GET', `/api/v1/tasks/${ids.own}`)).status).toBe(404);
    expect((await t.call(team.tokens.outsider, 'GET', `/api/v1/tasks/${ids.own}`)).status).toBe(404);
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/tasks/${ids.peer}`)).status).toBe(404);
    expect((await t.call(team.tokens.rep, 'PATCH', `/api/v1/tasks/${ids.peer}`, { title: '改', version: 1 })).status).toBe(404);
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/tasks/${ids.peer}/history`)).status).toBe(404);
    expect((await t.call(team.tokens.viewer, 'GET', '/api/v1/tasks')).status).toBe(403);
  });

  it('assigns only to active users within the caller’s scope, naming assigneeId; refuses unreadable links', async () => {
    const outside = await t.call(team.tokens.rep, 'POST', '/api/v1/tasks', { title: '给同事', assigneeId: team.ids.peer, organizationId: team.orgPeer, projectId: team.projectRep });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'assigneeId', code: 'user_out_of_scope' }),
        expect.objectContaining({ path: 'organizationId', code: 'organization_not_found' }),
      ]),
    );
    const bad = await t.call(team.tokens.rep, 'POST', '/api/v1/tasks', { title: '', dueAt: 'tomorrow' });
    expect(paths(bad.body)).toEqual(['dueAt', 'title']);
    await t.database.query(`update users set status = 'departed' where id = $1`, [team.ids.outsider]);
    const admin = await t.login('admin');
    const departed = await t.call(admin, 'POST', '/api/v1/tasks', { title: '给离职的人', assigneeId: team.ids.outsider });
    expect(departed.body.errors).toEqual([expect.objectContaining({ path: 'assigneeId', code: 'user_departed' })]);
    await t.database.query(`update users set status = 'active' where id = $1`, [team.ids.outsider]);
  });
});

describe('the life of a task', () => {
  it('a task given to someone else tells them at once; its reminder defaults to the due time and follows it', async () => {
    const dueAt = new Date(Date.now() + 4 * 86_400_000);
    const task = await createTask(team.tokens.supervisor, { title: '约见设备部部长', assigneeId: team.ids.peer, dueAt: dueAt.toISOString(), projectId: team.projectRep });
    expect(task).toMatchObject({ remindAt: dueAt.toISOString(), organization: { id: team.orgRep }, project: { id: team.projectRep }, canEdit: true });
    const reminders = await remindersOf(t, task.id);
    expect(reminders.map((row) => [row.kind, row.userId, row.status]).sort()).toEqual(
      [
        ['reminder.task_due', team.ids.peer, 'pending'],
        ['task_assigned', team.ids.peer, 'pending'],
      ].sort(),
    );
    expect(reminders.find((row) => row.kind === 'task_assigned')!.dueAt.getTime()).toBeLessThanOrEqual(Date.now());

    const newDue = new Date(dueAt.getTime() + 86_400_000);
    const moved = await t.call(team.tokens.peer, 'PATCH', `/api/v1/tasks/${task.id}`, { dueAt: newDue.toISOString(), version: 1 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ dueAt: newDue.toISOString(), remindAt: newDue.toISOString(), version: 2 });
    const pendingDue = (await remindersOf(t, task.id)).filter((row) => row.kind === 'reminder.task_due' && row.status === 'pending');
    expect(pendingDue.map((row) => row.dueAt)).toEqual([newDue]);

    const stale = await t.call(team.tokens.peer, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'done', version: 1 });
    expect(stale.status).toBe(409);
    const done = await t.call(team.tokens.peer, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'done', version: 2 });
    expect(done.body).toMatchObject({ status: 'done', overdue: false });
    expect(done.body.doneAt).not.toBeNull();
    expect((await remindersOf(t, task.id)).filter((row) => row.status === 'pending')).toEqual([]);
    const reopened = await t.call(team.tokens.peer, 'PATCH', `/api/v1/tasks/${task.id}`, { status: 'open', version: 3 });
    expect(reopened.body).toMatchObject({ status: 'open', doneAt: null });
    expect((await remindersOf(t, task.id)).filter((row) => row.status === 'pending' && row.kind === 'reminder.task_due')).toHaveLength(1);
    const history = await t.call(team.tokens.supervisor, 'GET', `/api/v1/tasks/${task.id}/history`);
    expect(history.body.items.map((item: { action: string }) => item.action)).toEqual(['create', 'update', 'complete', 'reopen']);
  });

  it('a reminder without a due date is fine; no reminder when none is asked for', async () => {
    const remindAt = new Date(Date.now() + 86_400_000);
    const onlyReminder = await createTask(team.tokens.rep, { title: '想着给客户寄样品', remindAt: remindAt.toISOString() });
    expect(onlyReminder).toMatchObject({ dueAt: null, remindAt: remindAt.toISOString(), overdue: false });
    expect((await remindersOf(t, onlyReminder.id)).map((row) => row.dueAt)).toEqual([remindAt]);
    const silent = await createTask(team.tokens.rep, { title: '无提醒', dueAt: hoursFromNow(30), remindAt: null });
    expect(await remindersOf(t, silent.id)).toEqual([]);
    // Giving one's own task is silent: nobody else to tell.
    expect((await remindersOf(t, onlyReminder.id)).some((row) => row.kind === 'task_assigned')).toBe(false);
  });

  it('edits by the assignee’s peer are refused; reassigning within the scope tells the new assignee; deleting cancels reminders', async () => {
    const task = await createTask(team.tokens.supervisor, { title: '跟进招标文件', assigneeId: team.ids.rep, dueAt: hoursFromNow(20) });
    // The manager reads and edits it (the rep is within their scope).
    const reassigned = await t.call(team.tokens.manager, 'PATCH', `/api/v1/tasks/${task.id}`, { assigneeId: team.ids.peer, version: 1 });
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200);
    expect(reassigned.body.assignee.id).toBe(team.ids.peer);
    const pending = (await remindersOf(t, task.id)).filter((row) => row.status === 'pending');
    expect(pending.filter((row) => row.kind === 'reminder.task_due').map((row) => row.userId)).toEqual([team.ids.peer]);
    expect(pending.some((row) => row.kind === 'task_assigned' && row.userId === team.ids.peer)).toBe(true);
    // Now the rep is neither assignee nor creator, and peers are outside a rep's scope.
    expect((await t.call(team.tokens.rep, 'PATCH', `/api/v1/tasks/${task.id}`, { title: '改', version: 2 })).status).toBe(404);
    const toOutsider = await t.call(team.tokens.supervisor, 'PATCH', `/api/v1/tasks/${task.id}`, { assigneeId: team.ids.outsider, version: 2 });
    expect(toOutsider.status).toBe(400);
    expect(paths(toOutsider.body)).toEqual(['assigneeId']);
    expect((await t.call(team.tokens.peer, 'DELETE', `/api/v1/tasks/${task.id}?version=1`)).status).toBe(409);
    expect((await t.call(team.tokens.peer, 'DELETE', `/api/v1/tasks/${task.id}`)).status).toBe(204);
    expect((await t.call(team.tokens.supervisor, 'GET', `/api/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await remindersOf(t, task.id)).filter((row) => row.status === 'pending')).toEqual([]);
  });

  it('a supervisor edits a report’s own task; a peer of the assignee does not even see it', async () => {
    const own = await createTask(team.tokens.peer, { title: '自己的任务' });
    expect((await t.call(team.tokens.supervisor, 'PATCH', `/api/v1/tasks/${own.id}`, { priority: 'low', version: 1 })).body.priority).toBe('low');
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/tasks/${own.id}`)).status).toBe(404);
  });
});
