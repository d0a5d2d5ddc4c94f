// What an activity sets off beyond its own row, inside its transaction: a follow-up (a done activity) moves the
// last-activity dates the pool rules (pool-returns.ts) and the stalled-project alert (stalled-projects.ts) read; its next
// step becomes a task with a reminder; a planned activity reminds its owner shortly before it starts.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { uuidArray } from '../../platform/access/record-scope';
import { cancelReminders, rescheduleReminder } from '../../platform/reminders/reminders.service';
import type { ActivityRow } from './activity-access';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';
import { projects } from '../projects/projects.table';
import { activities, tasks } from './activities.table';
import { cancelTaskReminders, insertTask, scheduleTaskReminder } from './task-writes';

export const ACTIVITY_PLANNED_REMINDER = 'reminder.activity_planned';
/** How long before a planned activity its owner is reminded (all-day ones: at their start). */
const PLANNED_LEAD_MS = 15 * 60_000;

export type RecordNames = { organizationName: string | null; projectName: string | null };

/** The organisation's and project's names for reminder texts. */
export async function recordNames(db: DbOrTx, organizationId: string | null, projectId: string | null): Promise<RecordNames> {
  const result = await db.execute<{ organization_name: string | null; project_name: string | null }>(sql`select
      (select o.name from organizations o where o.id = ${organizationId}::uuid) as organization_name,
      (select p.name from projects p where p.id = ${projectId}::uuid) as project_name`);
  const row = result.rows[0];
  return { organizationName: row?.organization_name ?? null, projectName: row?.project_name ?? null };
}

/**
 * A follow-up happened at `startsAt`: the organisation, project and contacts get it as their last activity — never in the
 * future (least with now), never backwards (greatest with what they had). Where the organisation's clock moves, its pool
 * warning is cleared: the no-follow-up clock starts again, and a later return warns again.
 */
export async function recordFollowUp(
  db: DbOrTx,
  activity: Pick<ActivityRow, 'organizationId' | 'projectId' | 'startsAt'>,
  contactIds: readonly string[],
  now: Date,
): Promise<void> {
  const targets = { organizationId: activity.organizationId, projectId: activity.projectId, contactIds: contactIds.length > 0 ? uuidArray(contactIds) : null };
  for (const update of followUpUpdates(db, targets, followUpAt(activity.startsAt, now))) await update;
}

/** The time a follow-up moves the dates to: when it happened, but never in the future. */
export const followUpAt = (startsAt: Date, now: Date) => new Date(Math.min(startsAt.getTime(), now.getTime())).toISOString();

type Id = string | SQL;

/**
 * recordFollowUp's updates, not yet sent: for a write that carries them in its own statement (see createActivity). The
 * ids and the time may be placeholders of a statement built once (db/prepared.ts, cachedPrepared).
 */
export function followUpUpdates(
  db: DbOrTx,
  targets: { organizationId: Id | null; projectId: Id | null; contactIds: SQL | null },
  at: string | SQL,
) {
  const updates = [];
  if (targets.organizationId) {
    updates.push(
      db
        .update(organizations)
        .set({
          poolWarnedAt: sql`case when ${organizations.lastActivityAt} is null or ${organizations.lastActivityAt} < ${at}::timestamptz then null else ${organizations.poolWarnedAt} end`,
          lastActivityAt: sql`greatest(${organizations.lastActivityAt}, ${at}::timestamptz)`,
        })
        .where(sql`${organizations.id} = ${targets.organizationId}::uuid`),
    );
  }
  if (targets.projectId) {
    updates.push(db.update(projects).set({ lastActivityAt: sql`greatest(${projects.lastActivityAt}, ${at}::timestamptz)` }).where(sql`${projects.id} = ${targets.projectId}::uuid`));
  }
  if (targets.contactIds) {
    updates.push(db.update(contacts).set({ lastActivityAt: sql`greatest(${contacts.lastActivityAt}, ${at}::timestamptz)` }).where(sql`${contacts.id} = any(${targets.contactIds})`));
  }
  return updates;
}

/** The owner's reminder of a planned activity: 15 minutes before (at the start when all-day); none once it has begun. */
export async function schedulePlannedReminder(db: DbOrTx, activity: ActivityRow, names: RecordNames, now: Date): Promise<void> {
  const remindAt = activity.allDay ? activity.startsAt : new Date(activity.startsAt.getTime() - PLANNED_LEAD_MS);
  const due = activity.status === 'planned' && !activity.deletedAt && activity.startsAt > now;
  await rescheduleReminder(db, {
    userId: activity.ownerId,
    kind: ACTIVITY_PLANNED_REMINDER,
    recordType: 'activity',
    recordId: activity.id,
    dueAt: due ? remindAt : null,
    params: { subject: activity.subject, type: activity.type, startsAt: activity.startsAt.toISOString(), allDay: activity.allDay, ...names },
    link: `/activities/${activity.id}`,
  });
}

/** Cancels the owner's reminder of a planned activity (other modules' reminders about the activity stay). */
export async function cancelActivityReminders(db: DbOrTx, activityId: string): Promise<void> {
  await cancelReminders(db, 'activity', [activityId], [ACTIVITY_PLANNED_REMINDER]);
}

/**
 * The next step of a done activity as a task of its owner, due (and reminded) at `nextAt`. The task the activity already
 * made follows an edit of the next step while it is open; clearing the date cancels it.
 */
export async function syncNextStepTask(db: DbOrTx, actor: Actor, activity: ActivityRow, contactIds: readonly string[], names: RecordNames): Promise<void> {
  if (activity.status !== 'done') return;
  const title = activity.nextStep?.trim() || `跟进：${activity.subject}`;
  const [existing] = activity.nextTaskId
    ? await db
        .select()
        .from(tasks)
        .where(and(eq(tasks.id, activity.nextTaskId), sql`${tasks.deletedAt} is null`))
    : [];
  if (existing && existing.status === 'open') {
    if (!activity.nextAt) {
      await db.update(tasks).set({ status: 'cancelled', version: existing.version + 1, updatedAt: new Date() }).where(eq(tasks.id, existing.id));
      await cancelTaskReminders(db, existing.id);
      return;
    }
    const moved = existing.dueAt?.getTime() !== activity.nextAt.getTime() || existing.title !== title;
    if (!moved) return;
    const [updated] = await db
      .update(tasks)
      .set({ title, dueAt: activity.nextAt, remindAt: activity.nextAt, version: existing.version + 1, updatedAt: new Date() })
      .where(eq(tasks.id, existing.id))
      .returning();
    await scheduleTaskReminder(db, updated!, names);
    return;
  }
  if (!activity.nextAt || existing) return;
  const task = await insertTask(db, actor, {
    title,
    dueAt: activity.nextAt,
    remindAt: activity.nextAt,
    assigneeId: activity.ownerId,
    organizationId: activity.organizationId,
    projectId: activity.projectId,
    contactId: contactIds[0] ?? null,
    activityId: activity.id,
  }, names);
  await db.update(activities).set({ nextTaskId: task.id }).where(eq(activities.id, activity.id));
  activity.nextTaskId = task.id;
}
