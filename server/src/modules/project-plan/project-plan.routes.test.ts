// The plan of a project (PRJ-7) through real HTTP: milestones, tasks and notes with their refusals — 404 outside the
// scope, 403 read-only, 400 naming fields, 409 stale version — history lines on the project, the assignee's rights.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../platform/audit/audit.table';
import { notifications } from '../../platform/notify/notify.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { addTestMember, createTestOrganization, createTestProcess, createTestProject } from '../pipeline/test-fixtures';
import { projects } from '../projects/projects.table';

let t: TestApp;
let projectId: string;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const url = (path = '') => `/api/v1/projects/${projectId}${path}`;

async function historyActions() {
  const rows = await t.database.db
    .select({ action: recordHistory.action })
    .from(recordHistory)
    .where(and(eq(recordHistory.recordType, 'project'), eq(recordHistory.recordId, projectId)));
  // Other modules (scores) write their own lines on a project change: only the plan's are looked at.
  return rows.map((row) => row.action).filter((action) => action.startsWith('plan.'));
}
const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path).sort();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const east = await t.createDepartment('华东大区');
  const north = await t.createDepartment('华北大区');
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: east, role: 'sales_rep', managerId: ids.manager });
  ids.presales = await t.createUser({ username: 'presales', departmentId: east, role: 'presales_engineer' });
  ids.outsider = await t.createUser({ username: 'outsider', departmentId: north, role: 'sales_rep' });
  const process = await createTestProcess(db);
  projectId = await createTestProject(db, { process, organizationId: await createTestOrganization(db, ids.rep), ownerId: ids.rep, name: '地铁信号系统' });
  await addTestMember(db, projectId, ids.presales, 'read');
  for (const name of ['manager', 'rep', 'presales', 'outsider']) tokens[name] = await t.login(name);
});

afterAll(async () => {
  await t.close();
});

describe('milestones', () => {
  let milestoneId: string;

  it('are added, edited with their version, marked done and removed, each a line in the project history', async () => {
    const created = await t.call(tokens.rep!, 'POST', url('/milestones'), { title: '完成技术交流', dueOn: '2025-03-01' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    milestoneId = created.body.id;
    expect(created.body).toMatchObject({ title: '完成技术交流', dueOn: '2025-03-01', done: false, version: 1 });
    const done = await t.call(tokens.manager!, 'PATCH', url(`/milestones/${milestoneId}`), { done: true, version: 1 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ done: true, version: 2, doneBy: { id: ids.manager } });
    const stale = await t.call(tokens.rep!, 'PATCH', url(`/milestones/${milestoneId}`), { title: '改名', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const list = await t.call(tokens.presales!, 'GET', url('/milestones'));
    expect(list.body.items.map((item: { title: string }) => item.title)).toEqual(['完成技术交流']);
    expect(await historyActions()).toEqual(['plan.milestone_add', 'plan.milestone_done']);
  });

  it('refuses bad input naming every field, readers with 403 and outsiders with 404', async () => {
    const bad = await t.call(tokens.rep!, 'POST', url('/milestones'), { title: '  ', dueOn: '2025-13-40' });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['dueOn', 'title']);
    expect((await t.call(tokens.presales!, 'POST', url('/milestones'), { title: '售前想加' })).status).toBe(403);
    expect((await t.call(tokens.outsider!, 'GET', url('/milestones'))).status).toBe(404);
    expect((await t.call(tokens.outsider!, 'POST', url('/milestones'), { title: '外人' })).status).toBe(404);
    expect((await t.call(tokens.rep!, 'PATCH', url(`/milestones/${crypto.randomUUID()}`), { title: '无', version: 1 })).status).toBe(404);
  });

  it('leaves its tasks in place when removed', async () => {
    const task = await t.call(tokens.rep!, 'POST', url('/tasks'), { title: '准备交流材料', milestoneId });
    expect(task.status).toBe(201);
    expect((await t.call(tokens.rep!, 'DELETE', url(`/milestones/${milestoneId}`))).status).toBe(204);
    const tasks = await t.call(tokens.rep!, 'GET', url('/tasks'));
    expect(tasks.body.items.find((item: { id: string }) => item.id === task.body.id).milestoneId).toBeNull();
  });
});

describe('tasks', () => {
  let taskId: string;

  it('notify their assignee, who may complete the task with read access but change nothing else', async () => {
    const created = await t.call(tokens.rep!, 'POST', url('/tasks'), { title: '技术方案评审', assigneeId: ids.presales, dueOn: '2025-04-01' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    taskId = created.body.id;
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, ids.presales!), eq(notifications.kind, 'project_task_assigned')));
    expect(told.map((row) => row.params)).toEqual([expect.objectContaining({ projectId, taskTitle: '技术方案评审', projectName: '地铁信号系统' })]);

    const rename = await t.call(tokens.presales!, 'PATCH', url(`/tasks/${taskId}`), { title: '改个名', version: 1 });
    expect(rename.status).toBe(403);
    const mine = await t.call(tokens.presales!, 'GET', url('/tasks'));
    expect(mine.body.items.find((item: { id: string }) => item.id === taskId)).toMatchObject({ canEdit: false, canComplete: true });
    const complete = await t.call(tokens.presales!, 'PATCH', url(`/tasks/${taskId}`), { status: 'done', version: 1 });
    expect(complete.status, JSON.stringify(complete.body)).toBe(200);
    expect(complete.body).toMatchObject({ status: 'done', version: 2 });
    expect(complete.body.doneAt).not.toBeNull();
    const stale = await t.call(tokens.presales!, 'PATCH', url(`/tasks/${taskId}`), { status: 'open', version: 1 });
    expect(stale.status).toBe(409);
    expect(await historyActions()).toContain('plan.task_done');
  });

  it('refuses an assignee who cannot open the project and a milestone of another project, naming both', async () => {
    const bad = await t.call(tokens.rep!, 'POST', url('/tasks'), { title: '外人任务', assigneeId: ids.outsider, milestoneId: crypto.randomUUID() });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['assigneeId', 'milestoneId']);
    expect(bad.body.errors.find((error: { path: string }) => error.path === 'assigneeId').code).toBe('assignee_no_access');
    const missingTitle = await t.call(tokens.rep!, 'POST', url('/tasks'), { assigneeId: 'nope' });
    expect(missingTitle.status).toBe(400);
    expect(paths(missingTitle.body)).toEqual(['assigneeId', 'title']);
  });

  it('is not reachable outside the scope, and a non-assignee reader may not complete it', async () => {
    expect((await t.call(tokens.outsider!, 'PATCH', url(`/tasks/${taskId}`), { status: 'open', version: 2 })).status).toBe(404);
    const other = await t.call(tokens.rep!, 'POST', url('/tasks'), { title: '商务报价', assigneeId: ids.rep });
    expect((await t.call(tokens.presales!, 'PATCH', url(`/tasks/${other.body.id}`), { status: 'done', version: 1 })).status).toBe(403);
    expect((await t.call(tokens.presales!, 'DELETE', url(`/tasks/${other.body.id}`))).status).toBe(403);
    expect((await t.call(tokens.rep!, 'DELETE', url(`/tasks/${other.body.id}`))).status).toBe(204);
  });
});

describe('tracking notes', () => {
  it('are added by writers, move the last activity, and are deleted by their author only', async () => {
    const note = await t.call(tokens.rep!, 'POST', url('/notes'), { body: '客户信息中心主任确认预算已批复' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ author: { id: ids.rep }, canDelete: true });
    const [project] = await t.database.db.select({ lastActivityAt: projects.lastActivityAt }).from(projects).where(eq(projects.id, projectId));
    expect(project!.lastActivityAt).not.toBeNull();
    expect((await t.call(tokens.presales!, 'POST', url('/notes'), { body: '读者不能写' })).status).toBe(403);
    expect((await t.call(tokens.rep!, 'POST', url('/notes'), { body: '' })).status).toBe(400);
    expect((await t.call(tokens.manager!, 'DELETE', url(`/notes/${note.body.id}`))).status).toBe(403);
    const plan = await t.call(tokens.presales!, 'GET', url('/plan'));
    expect(plan.status).toBe(200);
    expect(plan.body.canEdit).toBe(false);
    expect(plan.body.notes.map((item: { body: string }) => item.body)).toEqual(['客户信息中心主任确认预算已批复']);
    expect((await t.call(tokens.outsider!, 'GET', url('/plan'))).status).toBe(404);
    expect((await t.call(tokens.rep!, 'DELETE', url(`/notes/${note.body.id}`))).status).toBe(204);
    expect(await historyActions()).toEqual(expect.arrayContaining(['plan.note_add', 'plan.note_delete']));
  });
});
