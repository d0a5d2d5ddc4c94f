// Follow-up records, planned activities and tasks (ACT-1, ACT-2, ACT-6). An activity belongs to the rep who did (or
// will do) it: `owner_id` is what the data scope reads, so a rep sees their own and a supervisor their reports'.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/org-structure/org-structure.table';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';
import { projects } from '../projects/projects.table';

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A code of the option list `activity_type` (call, visit, email, wechat, meeting, demo, dinner, other, …). */
    type: text('type').notNull(),
    /** planned (on the calendar, not done yet), done (a follow-up record), cancelled. */
    status: text('status').notNull().default('done'),
    subject: text('subject').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    allDay: boolean('all_day').notNull().default(false),
    organizationId: uuid('organization_id').references(() => organizations.id),
    projectId: uuid('project_id').references(() => projects.id),
    content: text('content'),
    outcome: text('outcome'),
    nextStep: text('next_step'),
    /** When the next step is due: logging the activity creates a task (next_task_id) with a reminder at that time. */
    nextAt: timestamp('next_at', { withTimezone: true }),
    nextTaskId: uuid('next_task_id'),
    /** The rep the activity belongs to (the data scope's owner). */
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    /** When it was completed as a follow-up record (status done). */
    doneAt: timestamp('done_at', { withTimezone: true }),
    /**
     * Field check-in and check-out (ACT-6): the time always, the browser's position only when the user consented —
     * the columns stay null otherwise. Accuracy in metres as the browser reports it.
     */
    checkinAt: timestamp('checkin_at', { withTimezone: true }),
    checkinLatitude: numeric('checkin_latitude', { precision: 9, scale: 6 }),
    checkinLongitude: numeric('checkin_longitude', { precision: 9, scale: 6 }),
    checkinAccuracy: real('checkin_accuracy'),
    checkoutAt: timestamp('checkout_at', { withTimezone: true }),
    checkoutLatitude: numeric('checkout_latitude', { precision: 9, scale: 6 }),
    checkoutLongitude: numeric('checkout_longitude', { precision: 9, scale: 6 }),
    checkoutAccuracy: real('checkout_accuracy'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    // Calendars and team visibility read a set of owners over a period: one range per owner, answered from the index.
    index('activities_owner_time_idx')
      .on(table.ownerId, table.startsAt)
      .where(sql`deleted_at is null`),
    index('activities_organization_idx')
      .on(table.organizationId, table.startsAt)
      .where(sql`deleted_at is null`),
    index('activities_project_idx')
      .on(table.projectId, table.startsAt)
      .where(sql`deleted_at is null`),
    index('activities_subject_trgm_idx').using('gin', sql`${table.subject} gin_trgm_ops`),
  ],
);

/** The contacts met or called (ACT-1); an activity may name several. */
export const activityContacts = pgTable(
  'activity_contacts',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
  },
  (table) => [primaryKey({ columns: [table.activityId, table.contactId] }), index('activity_contacts_contact_idx').on(table.contactId)],
);

/**
 * Tasks (ACT-2): to-dos with a due time and an optional reminder, assigned to someone (the scope's owner) by someone
 * (who keeps seeing it in "assigned by me"). A next step of an activity becomes one (activity_id).
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** When the assignee is reminded (through the reminder service); null for no reminder. */
    remindAt: timestamp('remind_at', { withTimezone: true }),
    /** high, normal, low. */
    priority: text('priority').notNull().default('normal'),
    /** open, done, cancelled. */
    status: text('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id')
      .notNull()
      .references(() => users.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    projectId: uuid('project_id').references(() => projects.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    activityId: uuid('activity_id').references(() => activities.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    index('tasks_assignee_idx')
      .on(table.assigneeId, table.status, table.dueAt)
      .where(sql`deleted_at is null`),
    index('tasks_created_by_idx')
      .on(table.createdBy, table.status, table.dueAt)
      .where(sql`deleted_at is null`),
    index('tasks_organization_idx').on(table.organizationId).where(sql`deleted_at is null`),
    index('tasks_project_idx').on(table.projectId).where(sql`deleted_at is null`),
    index('tasks_contact_idx').on(table.contactId).where(sql`deleted_at is null`),
  ],
);
