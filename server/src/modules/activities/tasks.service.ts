// Tasks (ACT-2): to-dos with a due time and a reminder, assigned to someone by someone. Readable by the assignee, the
// creator and whoever has the assignee within their activity scope (activity-access.ts); lists by view (mine, assigned
// by me, overdue, my team's). Writing a task and its reminders is in task-writes.ts (an activity's next step uses it).
import { and, asc, desc, eq, getTableColumns, ilike, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Task, TaskInput, TaskListQuery, TaskPatch } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { scopeCondition } from '../../platform/access/record-scope';
import { diffFields, listHistory, writeHistory } from '../../platform/audit/history.service';
import { AppError, forbidden, notFound, staleVersion, type FieldProblem } from '../../platform/errors';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';
import { projectInScope } from '../projects/project-access';
import { assignableUserProblem, mayEditTask, ownerInScope, taskInScope, taskReadable, type TaskRow } from './activity-access';
import { recordNames } from './activity-effects';
import { tasks } from './activities.table';
import { cancelTaskReminders, insertTask, scheduleTaskReminder, tellAssignee } from './task-writes';
import { containsPattern } from '../../platform/search/search-text';

export const TASK = 'task';

/** The task's own column, qualified (drizzle leaves the only table's columns unqualified; see activity-read.ts). */
const own = (column: string) => sql.raw(`"tasks"."${column}"`);

function taskColumns(now: Date) {
  return {
    task: getTableColumns(tasks),
    assigneeName: sql<string | null>`(select u.display_name from users u where u.id = ${own('assignee_id')})`,
    createdByName: sql<string | null>`(select u.display_name from users u where u.id = ${own('created_by')})`,
    organizationName: sql<string | null>`(select o.name from organizations o where o.id = ${own('organization_id')})`,
    projectName: sql<string | null>`(select p.name from projects p where p.id = ${own('project_id')})`,
    contactName: sql<string | null>`(select c.name from contacts c where c.id = ${own('contact_id')})`,
    overdue: sql<boolean>`(${tasks.status} = 'open' and ${tasks.dueAt} < ${now.toISOString()}::timestamptz)`,
  };
}
type TaskReadRow = {
  task: TaskRow;
  assigneeName: string | null;
  createdByName: string | null;
  organizationName: string | null;
  projectName: string | null;
  contactName: string | null;
  overdue: boolean;
};

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function toTask(actor: Actor, row: TaskReadRow): Task {
  const t = row.task;
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    dueAt: t.dueAt?.toISOString() ?? null,
    remindAt: t.remindAt?.toISOString() ?? null,
    priority: t.priority as Task['priority'],
    status: t.status as Task['status'],
    doneAt: t.doneAt?.toISOString() ?? null,
    overdue: Boolean(row.overdue),
    assignee: { id: t.assigneeId, displayName: row.assigneeName ?? '' },
    createdBy: { id: t.createdBy, displayName: row.createdByName ?? '' },
    organization: ref(t.organizationId, row.organizationName),
    project: ref(t.projectId, row.projectName),
    contact: ref(t.contactId, row.contactName),
    activityId: t.activityId,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    canEdit: mayEditTask(actor, t),
  };
}

const sortColumns = { dueAt: tasks.dueAt, createdAt: tasks.createdAt, title: tasks.title, priority: tasks.priority } as const;

export async function listTasks(db: DbOrTx, actor: Actor, query: TaskListQuery, now = new Date()) {
  const at = now.toISOString();
  const filters: SQL[] = [isNull(tasks.deletedAt)];
  if (query.view === 'mine') filters.push(eq(tasks.assigneeId, actor.userId));
  if (query.view === 'assigned') filters.push(eq(tasks.createdBy, actor.userId), ne(tasks.assigneeId, actor.userId));
  if (query.view === 'overdue') filters.push(eq(tasks.assigneeId, actor.userId), eq(tasks.status, 'open'), sql`${tasks.dueAt} < ${at}::timestamptz`);
  if (query.view === 'team') filters.push(ownerInScope(actor, tasks.assigneeId));
  if (query.status) filters.push(eq(tasks.status, query.status));
  if (query.organizationId) filters.push(eq(tasks.organizationId, query.organizationId));
  if (query.projectId) filters.push(eq(tasks.projectId, query.projectId));
  if (query.contactId) filters.push(eq(tasks.contactId, query.contactId));
  if (query.q?.trim()) filters.push(ilike(tasks.title, containsPattern(query.q.trim())));
  filters.push(taskReadable(actor));

  const sort = query.sort ?? 'dueAt';
  const column = sortColumns[sort.replace(/^-/, '') as keyof typeof sortColumns] ?? tasks.dueAt;
  const order = sort.startsWith('-') ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  const rows = await db
    .select({ ...taskColumns(now), total: sql<number>`count(*) over ()` })
    .from(tasks)
    .where(and(...filters))
    // Open before done within the same sort, so today's work comes first.
    .orderBy(sql`${tasks.status} <> 'open'`, order, desc(tasks.createdAt), asc(tasks.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && query.page > 1) {
    const [counted] = await db.select({ total: sql<number>`count(*)` }).from(tasks).where(and(...filters));
    total = Number(counted?.total ?? 0);
  }
  return { items: rows.map((row) => toTask(actor, row as TaskReadRow)), total, page: query.page, pageSize: query.pageSize };
}

export async function getTask(db: DbOrTx, actor: Actor, id: string, now = new Date()): Promise<Task> {
  const [row] = await db
    .select(taskColumns(now))
    .from(tasks)
    .where(and(eq(tasks.id, id), isNull(tasks.deletedAt), taskReadable(actor)));
  if (!row) throw notFound();
  return toTask(actor, row as TaskReadRow);
}

type TaskLinks = { organizationId: string | null; projectId: string | null; contactId: string | null };

/** The assignee and what the task is about, every problem at once; the project's organisation when only it is given. */
async function checkTaskInput(db: DbOrTx, actor: Actor, input: Partial<TaskInput>, current: TaskRow | null): Promise<TaskLinks> {
  const problems: FieldProblem[] = [];
  const problem = (path: string, code: string) => problems.push({ path, code, message: code });
  if (input.assigneeId !== undefined && input.assigneeId !== current?.assigneeId) {
    const assigneeProblem = await assignableUserProblem(db, actor, input.assigneeId);
    if (assigneeProblem) problem('assigneeId', assigneeProblem);
  }
  let organizationId = input.organizationId !== undefined ? input.organizationId : (current?.organizationId ?? null);
  const projectId = input.projectId !== undefined ? input.projectId : (current?.projectId ?? null);
  const contactId = input.contactId !== undefined ? input.contactId : (current?.contactId ?? null);
  const readableOrganization = (id: string) =>
    db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, id), isNull(organizations.deletedAt), scopeCondition(actor, ownedRecordTables.organization)));
  if (organizationId && input.organizationId !== undefined && input.organizationId !== current?.organizationId) {
    if ((await readableOrganization(organizationId)).length === 0) problem('organizationId', 'organization_not_found');
  }
  if (projectId && input.projectId !== undefined && input.projectId !== current?.projectId) {
    const project = await projectInScope(db, actor, projectId).catch(() => null);
    if (!project) problem('projectId', 'project_not_found');
    else if (!organizationId) organizationId = project.organizationId;
  }
  if (contactId && input.contactId !== undefined && input.contactId !== current?.contactId) {
    const [contact] = await db
      .select({ organizationId: contacts.organizationId })
      .from(contacts)
      .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
      .where(and(eq(contacts.id, contactId), isNull(contacts.deletedAt), scopeCondition(actor, ownedRecordTables.organization)));
    if (!contact) problem('contactId', 'contact_not_found');
    else if (!organizationId) organizationId = contact.organizationId;
  }
  if (problems.length > 0) throw new AppError('invalid_input', 'Invalid input', problems);
  return { organizationId, projectId, contactId };
}

const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

export async function createTask(db: Db, actor: Actor, input: TaskInput, now = new Date()): Promise<Task> {
  const id = await db.transaction(async (tx) => {
    const links = await checkTaskInput(tx, actor, input, null);
    const dueAt = dateOrNull(input.dueAt);
    const remindAt = input.remindAt !== undefined ? dateOrNull(input.remindAt) : dueAt;
    const names = await recordNames(tx, links.organizationId, links.projectId);
    const task = await insertTask(
      tx,
      actor,
      { title: input.title, description: input.description ?? null, dueAt, remindAt, priority: input.priority ?? 'normal', assigneeId: input.assigneeId ?? actor.userId, ...links },
      names,
      now,
    );
    return task.id;
  });
  return getTask(db, actor, id, now);
}

const trackedFields = ['title', 'description', 'dueAt', 'remindAt', 'priority', 'status', 'assigneeId', 'organizationId', 'projectId', 'contactId'] as const;
const tracked = (row: TaskRow) => ({
  title: row.title,
  description: row.description,
  dueAt: row.dueAt?.toISOString() ?? null,
  remindAt: row.remindAt?.toISOString() ?? null,
  priority: row.priority,
  status: row.status,
  assigneeId: row.assigneeId,
  organizationId: row.organizationId,
  projectId: row.projectId,
  contactId: row.contactId,
});

/** The task locked for a change: 404 when unreadable, 403 when readable but not the caller's to edit, 409 when stale. */
async function writableTask(tx: DbOrTx, actor: Actor, id: string, version?: number): Promise<TaskRow> {
  const current = await taskInScope(tx, actor, id, true);
  if (!mayEditTask(actor, current)) throw forbidden('Only the assignee, the creator or their managers edit a task');
  if (version !== undefined && current.version !== version) throw staleVersion();
  return current;
}

export async function updateTask(db: Db, actor: Actor, id: string, patch: TaskPatch, now = new Date()): Promise<Task> {
  await db.transaction(async (tx) => {
    const current = await writableTask(tx, actor, id, patch.version);
    const links = await checkTaskInput(tx, actor, patch, current);
    const next: Partial<TaskRow> = { ...links };
    if (patch.title !== undefined) next.title = patch.title;
    if (patch.description !== undefined) next.description = patch.description;
    if (patch.priority !== undefined) next.priority = patch.priority;
    if (patch.assigneeId !== undefined) next.assigneeId = patch.assigneeId;
    if (patch.dueAt !== undefined) {
      next.dueAt = dateOrNull(patch.dueAt);
      // A reminder that was at the due time moves with it, unless the edit sets one of its own.
      if (patch.remindAt === undefined && current.remindAt?.getTime() === current.dueAt?.getTime()) next.remindAt = next.dueAt;
    }
    if (patch.remindAt !== undefined) next.remindAt = dateOrNull(patch.remindAt);
    if (patch.status !== undefined && patch.status !== current.status) {
      next.status = patch.status;
      next.doneAt = patch.status === 'done' ? now : null;
    }
    const after = { ...current, ...next };
    const changes = diffFields(tracked(current), tracked(after), trackedFields);
    if (changes.length === 0) return;
    const [updated] = await tx
      .update(tasks)
      .set({ ...next, version: current.version + 1, updatedAt: now })
      .where(eq(tasks.id, id))
      .returning();
    const action = next.status === 'done' ? 'complete' : next.status === 'cancelled' ? 'cancel' : next.status === 'open' ? 'reopen' : 'update';
    await writeHistory(tx, actor, { recordType: TASK, recordId: id, action, changes, at: now });
    const names = await recordNames(tx, updated!.organizationId, updated!.projectId);
    if (updated!.status === 'open') {
      const reminderMoved = ['remindAt', 'assigneeId', 'status', 'title'].some((field) => changes.some((change) => change.field === field));
      if (reminderMoved) await scheduleTaskReminder(tx, updated!, names);
    } else {
      await cancelTaskReminders(tx, id);
    }
    if (next.assigneeId && next.assigneeId !== current.assigneeId) await tellAssignee(tx, actor, updated!, names, now);
  });
  return getTask(db, actor, id, now);
}

export async function deleteTask(db: Db, actor: Actor, id: string, version?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await writableTask(tx, actor, id, version);
    const now = new Date();
    await tx.update(tasks).set({ deletedAt: now, version: current.version + 1, updatedAt: now }).where(eq(tasks.id, id));
    await cancelTaskReminders(tx, id);
    await writeHistory(tx, actor, { recordType: TASK, recordId: id, action: 'delete' });
  });
}

export async function taskHistory(db: DbOrTx, actor: Actor, id: string) {
  await taskInScope(db, actor, id);
  return { items: await listHistory(db, TASK, id) };
}
