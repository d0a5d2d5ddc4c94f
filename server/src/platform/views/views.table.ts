// Saved list views (PLAT-9): a user's filters, columns and sort for one list, one of them the default.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org-structure/org-structure.table';

export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Which list: 'organizations', 'contacts', … */
    listKey: text('list_key').notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    columns: jsonb('columns').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    sort: text('sort'),
    isDefault: boolean('is_default').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('saved_views_user_idx').on(table.userId, table.listKey),
    uniqueIndex('saved_views_name_key').on(table.userId, table.listKey, table.name),
    uniqueIndex('saved_views_default_key').on(table.userId, table.listKey).where(sql`is_default`),
  ],
);
