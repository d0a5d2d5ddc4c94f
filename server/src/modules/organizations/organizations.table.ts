// Organisations (CUS-1). Names carry pinyin columns so "hdjx" finds 华东机械.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../../platform/org-structure/org-structure.table';
import { customerPools } from '../pool/pool.table';

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    namePinyin: text('name_pinyin').notNull().default(''),
    nameInitials: text('name_initials').notNull().default(''),
    /** Two-character fragments of name and short name (migration 0001 defines psm_bigrams), kept by the database. */
    searchBigrams: text('search_bigrams')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`psm_bigrams(name || ' ' || coalesce(short_name, ''))`),
    /**
     * The name without region, legal form, brackets, width and punctuation (psm_company_name_key, migration 0007):
     * what the duplicate check compares (CUS-3). Kept by the database, so every write path has it without code.
     */
    nameKey: text('name_key')
      .notNull()
      .generatedAlwaysAs(sql`psm_company_name_key(name)`),
    type: text('type').notNull(),
    creditCode: text('credit_code'),
    industry: text('industry'),
    region: text('region'),
    address: text('address'),
    phone: text('phone'),
    website: text('website'),
    scale: text('scale'),
    source: text('source'),
    grade: text('grade'),
    creditRating: text('credit_rating'),
    tags: jsonb('tags').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    notes: text('notes'),
    ownerId: uuid('owner_id').references(() => users.id),
    /** Lifecycle stage (CUS-4): identified, new, intentional, purchasing, complete_info, dormant, lost. */
    stage: text('stage').notNull().default('new'),
    /** Computed by the grading job (CUS-4): the weighted score behind `grade`, and when it was computed. */
    gradeScore: numeric('grade_score', { precision: 7, scale: 2 }),
    gradedAt: timestamp('graded_at', { withTimezone: true }),
    /** Public pool (CUS-5): the pool the record sits in (then owner_id is null) or returns to. */
    poolId: uuid('pool_id').references(() => customerPools.id),
    pooledAt: timestamp('pooled_at', { withTimezone: true }),
    /** When the current owner got it (claim, assignment, creation): the "no deal for Y days" clock starts here. */
    ownedSince: timestamp('owned_since', { withTimezone: true }),
    /** Last follow-up (activities, ACT-1, move it) and last won deal: the pool's return clocks. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    lastDealAt: timestamp('last_deal_at', { withTimezone: true }),
    /** When the owner was warned of the coming return to the pool; cleared by a follow-up or a new owner. */
    poolWarnedAt: timestamp('pool_warned_at', { withTimezone: true }),
    /** Next planned revisit (CUS-9): a reminder to the owner on the day. */
    revisitOn: date('revisit_on'),
    /** Set on the organisation merged away (CUS-3): it is soft-deleted and points at the one kept. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => organizations.id),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('organizations_number_key').on(table.number),
    index('organizations_owner_idx').on(table.ownerId, table.updatedAt),
    // Counting a scoped list by type answers from this index alone (see countInScope).
    index('organizations_live_owner_type_idx').on(table.ownerId, table.type).where(sql`deleted_at is null`),
    index('organizations_updated_idx').on(table.updatedAt),
    index('organizations_type_idx').on(table.type),
    index('organizations_name_trgm_idx').using('gin', sql`${table.name} gin_trgm_ops`),
    index('organizations_name_key_trgm_idx').using('gin', sql`${table.nameKey} gin_trgm_ops`),
    index('organizations_short_name_trgm_idx').using('gin', sql`${table.shortName} gin_trgm_ops`),
    index('organizations_pinyin_trgm_idx').using('gin', sql`${table.namePinyin} gin_trgm_ops`),
    index('organizations_initials_trgm_idx').using('gin', sql`${table.nameInitials} gin_trgm_ops`),
    index('organizations_search_bigrams_idx').using('gin', table.searchBigrams),
    index('organizations_phone_trgm_idx').using('gin', sql`${table.phone} gin_trgm_ops`),
    index('organizations_credit_code_idx').on(table.creditCode),
    index('organizations_custom_fields_idx').using('gin', table.customFields),
    index('organizations_pool_idx').on(table.poolId, table.pooledAt).where(sql`owner_id is null and deleted_at is null`),
    index('organizations_stage_idx').on(table.stage),
    index('organizations_revisit_idx').on(table.revisitOn).where(sql`revisit_on is not null`),
    // Project registration (PRJ-13) counts the organisations merged into an owner as the same owner.
    index('organizations_merged_into_idx').on(table.mergedIntoId).where(sql`merged_into_id is not null`),
  ],
);

/**
 * The number of live organisations per owner and type, kept by triggers in the same transaction as every write of
 * organizations (migration 0016). A list without other filters than the type counts its total from here: a
 * manager's scope adds up a row or two per owner instead of counting thousands of index entries on every page.
 * Organisations without an owner (in a pool) are not counted here; no foreign key, so the trigger never fails a write.
 */
export const organizationTotals = pgTable(
  'organization_totals',
  {
    ownerId: uuid('owner_id').notNull(),
    type: text('type').notNull(),
    liveCount: integer('live_count').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.ownerId, table.type] })],
);

/** Competitor profile (CUS-10): one per organisation of type competitor. */
export const competitorProfiles = pgTable('competitor_profiles', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id),
  category: text('category'),
  products: text('products'),
  strengths: text('strengths'),
  weaknesses: text('weaknesses'),
  /** low, medium, high (relative to our prices). */
  priceLevel: text('price_level'),
  notes: text('notes'),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
