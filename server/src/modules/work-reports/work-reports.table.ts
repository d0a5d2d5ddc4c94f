// Work reports (ACT-4) and manager comments (ACT-3, 点评) on activities and reports.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/org-structure/org-structure.table';

/**
 * A daily or weekly report of one user for one period, drafted from the period's activities, edited and submitted by
 * its author (`user_id`, the data scope's owner), then read and commented by the manager. One per user, kind and period.
 */
export const workReports = pgTable(
  'work_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** daily, weekly. */
    kind: text('kind').notNull(),
    /** The period: one day, or Monday to Sunday. */
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    /** draft, submitted. */
    status: text('status').notNull().default('draft'),
    /** What was done (drafted from the activities), problems met, the plan for the next period. */
    summary: text('summary').notNull().default(''),
    problems: text('problems'),
    plans: text('plans'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** A draft its author discarded; submitted reports stay. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('work_reports_period_idx')
      .on(table.userId, table.kind, table.periodStart)
      .where(sql`deleted_at is null`),
    index('work_reports_kind_period_idx').on(table.kind, table.periodStart, table.status),
  ],
);

/**
 * Comment threads (ACT-3) on a record of a commentable type (`activity`, `work_report`). Whoever can read the record
 * may comment; its author is notified. Soft-deleted by their author.
 */
export const recordComments = pgTable(
  'record_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [index('record_comments_record_idx').on(table.recordType, table.recordId, table.createdAt), index('record_comments_author_idx').on(table.authorId, table.createdAt)],
);
