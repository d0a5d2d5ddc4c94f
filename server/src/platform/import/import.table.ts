// Imports (PLAT-11): an uploaded file, its column mapping, its preview, and a run in batches of one transaction each.
import { sql } from 'drizzle-orm';
import { customType, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../org-structure/org-structure.table';
import type { ParsedRow } from './import.parse';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** What the rows become: 'organization', 'contact', … */
    recordType: text('record_type').notNull(),
    fileName: text('file_name').notNull(),
    /** The uploaded file: a run (or a resumed run) reads its rows from here. */
    file: bytea('file').notNull(),
    /**
     * The file's data rows as the upload parsed them: a preview or a run (or a resumed run) reads them instead of parsing
     * the workbook again (seconds for 100,000 rows). Null for an upload from before they were kept: its file is parsed.
     */
    rows: json('rows').$type<ParsedRow[]>(),
    /** The header row, normalised: the key a remembered mapping is found by. */
    shape: text('shape').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** header → field. */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** What to do with a row the duplicate check matches: create, update, skip. */
    duplicateAction: text('duplicate_action').notNull().default('skip'),
    /** uploaded, queued, running, completed, failed, cancelled. */
    status: text('status').notNull().default('uploaded'),
    totalRows: integer('total_rows').notNull().default(0),
    /** Rows handled by committed batches: a resumed run starts after them. */
    processedRows: integer('processed_rows').notNull().default(0),
    createdRows: integer('created_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    skippedRows: integer('skipped_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    error: text('error'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [index('import_jobs_user_idx').on(table.userId, table.createdAt), index('import_jobs_status_idx').on(table.status)],
);

/** One problem row of an import (preview or run): the error report is built from these. */
export const importRowProblems = pgTable(
  'import_row_problems',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    /** error (row not imported) or duplicate (matched an existing record). */
    kind: text('kind').notNull(),
    problems: jsonb('problems').$type<{ field: string; code: string; message?: string }[]>().notNull(),
    values: jsonb('values').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    matchedId: uuid('matched_id'),
  },
  (table) => [primaryKey({ columns: [table.jobId, table.rowNumber, table.kind] })],
);

/** Column mappings remembered per user, record type and file shape. */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    recordType: text('record_type').notNull(),
    shape: text('shape').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('import_mappings_key').on(table.userId, table.recordType, table.shape)],
);
