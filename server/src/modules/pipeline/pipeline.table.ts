// The board's column sums kept ahead (PRJ-11): open, live projects counted and summed per process, stage and owner by a
// trigger on projects (migration 0012), so a manager's board adds up a few hundred rows instead of every project in
// scope. Every write path (forms, stage moves, closing, transfer, merge, import, restore) goes through the trigger.
import { bigint, integer, numeric, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

/** The nil uuid stands for "no owner" (pool or unassigned projects), so the key needs no nullable column. */
export const NO_OWNER = '00000000-0000-0000-0000-000000000000';

export const pipelineTotals = pgTable(
  'pipeline_totals',
  {
    processId: uuid('process_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    /** The owner, or NO_OWNER. No foreign key: the trigger must never fail a project write. */
    ownerId: uuid('owner_id').notNull(),
    openCount: integer('open_count').notNull().default(0),
    amount: numeric('amount', { precision: 20, scale: 2 }).notNull().default('0'),
    /** Σ amount × probability (percent), exact; the board divides by 100 and rounds once. */
    weighted: numeric('weighted', { precision: 24, scale: 2 }).notNull().default('0'),
  },
  (table) => [primaryKey({ columns: [table.processId, table.ownerId, table.stageId] })],
);

/**
 * One counter that any change to sales processes or stages moves (statement triggers, migration 0014): the board keeps
 * the processes and stages in memory and learns from this number, read with its sums, whether they are still current —
 * in every instance, whatever wrote the change (a form, a restore, a test fixture).
 */
export const salesCatalogVersion = pgTable('sales_catalog_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});
