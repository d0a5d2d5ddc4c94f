// The one reminder service: producers schedule (or re-schedule, or cancel) reminders inside their own transaction; the
// delivery job (reminder-delivery.ts) sends due ones in-app and by e-mail per the user's preference.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { reminders } from './reminders.table';

export type ReminderWrite = {
  userId: string;
  /** The notification kind the web app words (`reminder.task_due`, …). */
  kind: string;
  recordType: string;
  recordId: string;
  /** When it falls due; now (or earlier) for a reminder that should go out at the next delivery. */
  dueAt: Date;
  params?: Record<string, unknown>;
  link?: string | null;
  /** For producers that run repeatedly (daily jobs): a reminder with a key already written is not written again. */
  dedupeKey?: string;
};

/** Writes reminders; returns the ones written (a dedupe key seen before writes nothing). */
export async function scheduleReminders(tx: DbOrTx, entries: readonly ReminderWrite[]): Promise<ReminderWrite[]> {
  if (entries.length === 0) return [];
  const written = await tx
    .insert(reminders)
    .values(
      entries.map((entry) => ({
        userId: entry.userId,
        kind: entry.kind,
        recordType: entry.recordType,
        recordId: entry.recordId,
        dueAt: entry.dueAt,
        params: entry.params ?? {},
        link: entry.link ?? null,
        dedupeKey: entry.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ dedupeKey: reminders.dedupeKey, recordId: reminders.recordId, userId: reminders.userId, kind: reminders.kind });
  const keys = new Set(written.map((row) => `${row.kind}|${row.recordId}|${row.userId}|${row.dedupeKey ?? ''}`));
  return entries.filter((entry) => keys.has(`${entry.kind}|${entry.recordId}|${entry.userId}|${entry.dedupeKey ?? ''}`));
}

/**
 * Cancels the pending reminders of a record (of some kinds only, when given): a task done or deleted, an activity
 * cancelled, a date moved (cancel, then schedule the new one).
 */
export async function cancelReminders(tx: DbOrTx, recordType: string, recordIds: readonly string[], kinds?: readonly string[]): Promise<number> {
  if (recordIds.length === 0) return 0;
  const cancelled = await tx
    .update(reminders)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(reminders.recordType, recordType),
        inArray(reminders.recordId, [...recordIds]),
        sql`${reminders.status} = 'pending'`,
        kinds?.length ? inArray(reminders.kind, [...kinds]) : undefined,
      ),
    )
    .returning({ id: reminders.id });
  return cancelled.length;
}

/** Moves a record's pending reminder of one kind: cancels the old one and schedules the new (or none, for null). */
export async function rescheduleReminder(tx: DbOrTx, entry: Omit<ReminderWrite, 'dueAt'> & { dueAt: Date | null }): Promise<void> {
  await cancelReminders(tx, entry.recordType, [entry.recordId], [entry.kind]);
  if (entry.dueAt) await scheduleReminders(tx, [{ ...entry, dueAt: entry.dueAt }]);
}
