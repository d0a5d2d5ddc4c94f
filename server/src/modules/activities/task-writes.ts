// Writing a task and its reminders, shared by the tasks API and an activity's next step: the due reminder goes through
// the reminder service at remindAt; a task given to someone else tells them at once.
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { writeHistory } from '../../platform/audit/history.service';
import { cancelReminders, rescheduleReminder, scheduleReminders } from '../../platform/reminders/reminders.service';
import type { TaskRow } from './activity-access';
import { tasks } from './activities.table';

export const TASK_DUE_REMINDER = 'reminder.task_due';
export const TASK_ASSIGNED_REMINDER = 'task_assigned';

type Names = { organizationName: string | null; projectName: string | null };

export const taskLink = (id: string) => `/tasks?open=${id}`;

/** The assignee's reminder at remindAt while the task is open; none otherwise (a moved time replaces the old one). */
export async function scheduleTaskReminder(db: DbOrTx, task: TaskRow, names: Names): Promise<void> {
  const due = task.status === 'open' && !task.deletedAt ? task.remindAt : null;
  await rescheduleReminder(db, {
    userId: task.assigneeId,
    kind: TASK_DUE_REMINDER,
    recordType: 'task',
    recordId: task.id,
    dueAt: due,
    params: { title: task.title, ...names, dueAt: task.dueAt?.toISOString() ?? null },
    link: taskLink(task.id),
  });
}

export async function cancelTaskReminders(db: DbOrTx, taskId: string): Promise<void> {
  await cancelReminders(db, 'task', [taskId]);
}

/** Tells an assignee who is not the caller that a task is theirs now (delivered at the next run of the reminder job). */
export async function tellAssignee(db: DbOrTx, actor: Actor, task: TaskRow, names: Names, now = new Date()): Promise<void> {
  if (task.assigneeId === actor.userId) return;
  await scheduleReminders(db, [
    {
      userId: task.assigneeId,
      kind: TASK_ASSIGNED_REMINDER,
      recordType: 'task',
      recordId: task.id,
      dueAt: now,
      params: { title: task.title, by: actor.displayName, ...names, dueAt: task.dueAt?.toISOString() ?? null },
      link: taskLink(task.id),
    },
  ]);
}

export type TaskValues = {
  title: string;
  description?: string | null;
  dueAt: Date | null;
  remindAt: Date | null;
  priority?: string;
  assigneeId: string;
  organizationId: string | null;
  projectId: string | null;
  contactId: string | null;
  activityId?: string | null;
};

/** Inserts a task with its history line, its reminder and the assignee's notice. */
export async function insertTask(db: DbOrTx, actor: Actor, values: TaskValues, names: Names, now = new Date()): Promise<TaskRow> {
  const [row] = await db
    .insert(tasks)
    .values({ ...values, priority: values.priority ?? 'normal', createdBy: actor.userId, createdAt: now, updatedAt: now })
    .returning();
  const task = row!;
  await writeHistory(db, actor, {
    recordType: 'task',
    recordId: task.id,
    action: 'create',
    changes: [
      { field: 'title', old: null, new: task.title },
      { field: 'assigneeId', old: null, new: task.assigneeId },
      ...(task.dueAt ? [{ field: 'dueAt', old: null, new: task.dueAt.toISOString() }] : []),
      ...(task.activityId ? [{ field: 'activityId', old: null, new: task.activityId }] : []),
    ],
  });
  await scheduleTaskReminder(db, task, names);
  await tellAssignee(db, actor, task, names, now);
  return task;
}
