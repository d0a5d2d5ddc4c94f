// Tenders (PRJ-12, 投标): under a project — the bid / no-bid decision, the notice and deadlines, documents (attachments
// of record type 'tender'), our bid, every bidder with their price, and the opening result. Bidders' prices by product
// line and region make the price history.
import { boolean, date, index, integer, numeric, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';
import { projects } from '../projects/projects.table';

export const tenders = pgTable(
  'tenders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    title: text('title').notNull(),
    /** The tendering party when not the project's owner (a contractor, a tender agency). */
    tendererOrganizationId: uuid('tenderer_organization_id').references(() => organizations.id),
    /** pending, bid, no_bid. */
    bidDecision: text('bid_decision').notNull().default('pending'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    noticeOn: date('notice_on'),
    questionsDueAt: timestamp('questions_due_at', { withTimezone: true }),
    submissionDueAt: timestamp('submission_due_at', { withTimezone: true }),
    openingAt: timestamp('opening_at', { withTimezone: true }),
    /** For the price history: the product line and region the prices are for. */
    productLine: text('product_line'),
    region: text('region'),
    ourPrice: numeric('our_price', { precision: 18, scale: 2 }),
    currency: text('currency').notNull().default('CNY'),
    /** pending, won, lost, cancelled. */
    result: text('result').notNull().default('pending'),
    winnerOrganizationId: uuid('winner_organization_id').references(() => organizations.id),
    winningPrice: numeric('winning_price', { precision: 18, scale: 2 }),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('tenders_number_key').on(table.number),
    index('tenders_project_idx').on(table.projectId),
    index('tenders_submission_idx').on(table.submissionDueAt),
    index('tenders_price_history_idx').on(table.productLine, table.region, table.openingAt),
  ],
);

/** Every bidder at the opening with their price; `isUs` marks our own bid. */
export const tenderBidders = pgTable(
  'tender_bidders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tenders.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** The bidder as written on the opening record when not (yet) an organisation of ours. */
    bidderName: text('bidder_name').notNull(),
    isUs: boolean('is_us').notNull().default(false),
    price: numeric('price', { precision: 18, scale: 2 }),
    /** Rank at the opening (1 = lowest / winner per the tender's rule). */
    rank: smallint('rank'),
    /** won, lost, disqualified, or null before the result. */
    result: text('result'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('tender_bidders_tender_idx').on(table.tenderId), index('tender_bidders_organization_idx').on(table.organizationId)],
);
