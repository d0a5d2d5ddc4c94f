// The one reminder service: producers schedule (or re-schedule, or cancel) reminders inside their own transaction; the
// delivery job (reminder-delivery.ts) sends due ones in-app and by e-mail per the user's preference. Users read their
// reminders and set that preference here too.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { MyReminders, Reminder, ReminderSettings } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { reminderSettings, reminders } from './reminders.table';

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

export const toReminder = (row: typeof reminders.$inferSelect): Reminder => ({
  id: row.id,
  kind: row.kind,
  recordType: row.recordType,
  recordId: row.recordId,
  dueAt: row.dueAt.toISOString(),
  params: row.params,
  link: row.link,
  status: row.status as Reminder['status'],
});

/** A user without a settings row gets a morning digest: the mail that helps most and bothers least. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { email: 'digest' };

export async function getReminderSettings(db: DbOrTx, userId: string): Promise<ReminderSettings> {
  const [row] = await db.select({ email: reminderSettings.email }).from(reminderSettings).where(eq(reminderSettings.userId, userId));
  return row ? { email: row.email as ReminderSettings['email'] } : DEFAULT_REMINDER_SETTINGS;
}

/** A personal preference, not a business record: last write wins, no version and no history. */
export async function updateReminderSettings(db: DbOrTx, userId: string, input: ReminderSettings): Promise<ReminderSettings> {
  await db
    .insert(reminderSettings)
    .values({ userId, email: input.email })
    .onConflictDoUpdate({ target: reminderSettings.userId, set: { email: input.email, updatedAt: new Date() } });
  return { email: input.email };
}

/** Pending reminders shown at most; a user with more has a backlog the task list shows better. */
const PENDING_LIMIT = 200;
const RECENT_SENT = 20;

/** The caller's reminders still to come (soonest first) and the last ones sent (latest first). */
export async function listMyReminders(db: DbOrTx, userId: string): Promise<MyReminders> {
  const [pending, sent] = await Promise.all([
    db
      .select()
      .from(reminders)
      .where(and(eq(reminders.userId, userId), eq(reminders.status, 'pending')))
      .orderBy(asc(reminders.dueAt), asc(reminders.id))
      .limit(PENDING_LIMIT),
    db
      .select()
      .from(reminders)
      .where(and(eq(reminders.userId, userId), eq(reminders.status, 'sent')))
      .orderBy(desc(reminders.sentAt), desc(reminders.id))
      .limit(RECENT_SENT),
  ]);
  return { pending: pending.map(toReminder), sent: sent.map(toReminder) };
}
