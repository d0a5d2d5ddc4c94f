// Organisations (CUS-1). Names carry pinyin columns so "hdjx" finds 华东机械.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/org-structure/org-structure.table';

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
    index('organizations_short_name_trgm_idx').using('gin', sql`${table.shortName} gin_trgm_ops`),
    index('organizations_pinyin_trgm_idx').using('gin', sql`${table.namePinyin} gin_trgm_ops`),
    index('organizations_initials_trgm_idx').using('gin', sql`${table.nameInitials} gin_trgm_ops`),
    index('organizations_search_bigrams_idx').using('gin', table.searchBigrams),
    index('organizations_phone_trgm_idx').using('gin', sql`${table.phone} gin_trgm_ops`),
    index('organizations_credit_code_idx').on(table.creditCode),
    index('organizations_custom_fields_idx').using('gin', table.customFields),
  ],
);
