// Option lists, numbering rules and counters, company settings and custom field definitions.
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const options = pgTable(
  'options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listKey: text('list_key').notNull(),
    code: text('code').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
  },
  (table) => [uniqueIndex('options_list_code_key').on(table.listKey, table.code)],
);

export const numberingRules = pgTable('numbering_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  recordType: text('record_type').notNull().unique(),
  pattern: text('pattern').notNull(),
  reset: text('reset').notNull().default('yearly'),
  version: integer('version').notNull().default(1),
});

/** One row per rule and period; incremented with a single upsert so concurrent creates never share a number. */
export const numberingCounters = pgTable(
  'numbering_counters',
  {
    recordType: text('record_type').notNull(),
    periodKey: text('period_key').notNull(),
    value: integer('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.recordType, table.periodKey] })],
);

export const settings = pgTable('settings', {
  id: integer('id').primaryKey().default(1),
  values: jsonb('values').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  version: integer('version').notNull().default(1),
});

export type CustomFieldOption = { code: string; labelZh: string; labelEn: string };
export const customFields = pgTable(
  'custom_fields',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordType: text('record_type').notNull(),
    key: text('key').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    type: text('type').notNull(),
    options: jsonb('options').$type<CustomFieldOption[]>().notNull().default(sql`'[]'::jsonb`),
    required: boolean('required').notNull().default(false),
    showInList: boolean('show_in_list').notNull().default(false),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('custom_fields_key').on(table.recordType, table.key)],
);
