// The one reminder service (CUS-9, PRJ-11, ACT-1/2): every module that wants to remind someone of something writes a
// reminder here — now or at a future time — and one delivery job turns due ones into an in-app notification (pushed in
// real time) and, per the user's preference, an e-mail; a morning digest mails each user's items of the day.
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org-structure/org-structure.table';

export const reminders = pgTable(
  'reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The notification kind (`reminder.task_due`, `reminder.contact_birthday`, …): the web app words it. */
    kind: text('kind').notNull(),
    /** What it is about, to cancel or move it when the record changes (task, activity, contact, organization, project). */
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    link: text('link'),
    /** pending, sent, cancelled. */
    status: text('status').notNull().default('pending'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** When it went out by e-mail on its own (preference `immediate`); digests do not set it. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    /** Producers that run repeatedly (daily jobs) set one, so a re-run never reminds twice. */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('reminders_due_idx')
      .on(table.dueAt)
      .where(sql`status = 'pending'`),
    index('reminders_record_idx').on(table.recordType, table.recordId),
    index('reminders_user_idx').on(table.userId, table.dueAt),
    uniqueIndex('reminders_dedupe_idx').on(table.dedupeKey),
  ],
);

/**
 * How a user wants reminders by e-mail: `off`, `immediate` (each one as it falls due) or `digest` (one mail each
 * morning with the day's items). In-app delivery is always on. A user without a row gets the default, `digest`.
 */
export const reminderSettings = pgTable('reminder_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  email: text('email').notNull().default('digest'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Digests already mailed: one per user and day, so a re-run job or a second instance never mails twice. */
export const reminderDigests = pgTable(
  'reminder_digests',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    forDate: text('for_date').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('reminder_digests_user_day_idx').on(table.userId, table.forDate)],
);
