// Public pool (公海, CUS-5) and lead hand-over (CUS-8).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { departments, users } from '../../platform/org-structure/org-structure.table';

/** A pool with its rules: for one department (and its children) or, without a department, the whole company. */
export const customerPools = pgTable(
  'customer_pools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    /** A rep owns at most this many customers (null: no limit). */
    maxOwnedPerRep: integer('max_owned_per_rep'),
    /** Back to the pool after this many days without a follow-up / without a deal (null: never). */
    noFollowUpDays: integer('no_follow_up_days'),
    noDealDays: integer('no_deal_days'),
    /** The owner is warned this many days before the return. */
    warningDays: integer('warning_days'),
    dailyClaimLimit: integer('daily_claim_limit'),
    /** Days before a rep may claim again a customer they released or lost to the pool. */
    reclaimCooldownDays: integer('reclaim_cooldown_days'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('customer_pools_department_key').on(sql`coalesce(${table.departmentId}, '00000000-0000-0000-0000-000000000000'::uuid)`)],
);

/** Every move in or out of a pool: claim, release, assign, return. Claim limits and cool-downs count from here. */
export const poolMoves = pgTable(
  'pool_moves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    poolId: uuid('pool_id')
      .notNull()
      .references(() => customerPools.id),
    /** claim, release, assign, return. */
    action: text('action').notNull(),
    /** The rep who got (claim, assign) or lost (release, return) the customer. */
    userId: uuid('user_id').references(() => users.id),
    actorId: uuid('actor_id').references(() => users.id),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('pool_moves_user_idx').on(table.userId, table.action, table.at),
    index('pool_moves_organization_idx').on(table.organizationId, table.at),
  ],
);

/** A lead handed to a rep (CUS-8): accepted within the deadline, or back to the sender's queue. */
export const leadHandovers = pgTable(
  'lead_handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id),
    /** pending, accepted, declined, expired. */
    status: text('status').notNull().default('pending'),
    note: text('note'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('lead_handovers_to_idx').on(table.toUserId, table.status),
    index('lead_handovers_from_idx').on(table.fromUserId, table.status),
    index('lead_handovers_due_idx').on(table.dueAt).where(sql`status = 'pending'`),
    uniqueIndex('lead_handovers_open_key').on(table.organizationId).where(sql`status = 'pending'`),
  ],
);
