// Imports (PLAT-11): upload a workbook, map its columns, preview its problems, run it in the background.
import { z } from 'zod';

export const importRecordTypes = ['organization', 'contact'] as const;
export const importRecordTypeSchema = z.enum(importRecordTypes);
export type ImportRecordType = z.infer<typeof importRecordTypeSchema>;

/** What to do with a row the duplicate check matches to an existing record (or to an earlier row of the file). */
export const duplicateActions = ['create', 'update', 'skip'] as const;
export const duplicateActionSchema = z.enum(duplicateActions);
export type DuplicateAction = z.infer<typeof duplicateActionSchema>;

export const importStatuses = ['uploaded', 'previewed', 'queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** A field a column can be mapped to. */
export const importFieldSchema = z.object({
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  required: z.boolean(),
});
export type ImportField = z.infer<typeof importFieldSchema>;

export const importCountsSchema = z.object({
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdRows: z.number().int(),
  updatedRows: z.number().int(),
  skippedRows: z.number().int(),
  errorRows: z.number().int(),
});

export const importJobSchema = importCountsSchema.extend({
  id: z.uuid(),
  recordType: importRecordTypeSchema,
  fileName: z.string(),
  status: z.enum(importStatuses),
  headers: z.array(z.string()),
  /** header → field key; a header left out is not imported. */
  mapping: z.record(z.string(), z.string()),
  /** Where the mapping came from: remembered for this file shape, guessed from the header names, or set by the user. */
  mappingSource: z.enum(['remembered', 'aliases', 'user']).optional(),
  duplicateAction: duplicateActionSchema,
  fields: z.array(importFieldSchema),
  /** Counts of the last preview (null before one ran). */
  preview: z
    .object({ validRows: z.number().int(), errorRows: z.number().int(), duplicateRows: z.number().int() })
    .nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobSummarySchema = importCountsSchema.extend({
  id: z.uuid(),
  recordType: importRecordTypeSchema,
  fileName: z.string(),
  status: z.enum(importStatuses),
  duplicateAction: duplicateActionSchema,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobSummary = z.infer<typeof importJobSummarySchema>;

export const importMappingInputSchema = z.object({
  mapping: z.record(z.string().max(200), z.string().max(80)),
  duplicateAction: duplicateActionSchema,
  version: z.number().int().min(1),
});
export type ImportMappingInput = z.infer<typeof importMappingInputSchema>;

export const importRowProblemSchema = z.object({
  rowNumber: z.number().int(),
  kind: z.enum(['error', 'duplicate']),
  problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string().optional() })),
  values: z.record(z.string(), z.unknown()),
  matchedId: z.uuid().nullable(),
});
export type ImportRowProblem = z.infer<typeof importRowProblemSchema>;

export const importProblemsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  kind: z.enum(['error', 'duplicate']).optional(),
});

export const importListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  recordType: importRecordTypeSchema.optional(),
});

/** Export of a list view: the columns of the saved view (comma-separated keys), in that order. */
export const exportColumnsSchema = z
  .string()
  .max(2000)
  .regex(/^[A-Za-z0-9_.,-]*$/, 'columns_format')
  .optional();
