// The pipeline board (PRJ-11): one process's stages as columns with their count, amount and first cards, within the
// caller's data scope, and the filters a manager narrows it with. Stalled-project alerts have no API of their own.
import { z } from 'zod';
import { dateSchema, queryTextSchema, userRefSchema } from './common';

/** A money bound in a query string (a decimal string, as money always travels). */
const amountBound = z.string().trim().regex(/^\d{1,16}(\.\d{1,2})?$/, 'amount_format');

export const pipelineCardSorts = ['amount', 'expectedSignDate'] as const;
export const pipelineValueGrades = ['A', 'B', 'C'] as const;
/** Cards a column shows before its "more" page. */
export const PIPELINE_PAGE_SIZE = 20;

/** The filters the board and a column's "more" page share. */
const pipelineFilters = {
  /** Owner (a user id). */
  owner: z.uuid().optional(),
  /** Owners in this department or any of its sub-departments. */
  department: z.uuid().optional(),
  /** An option code of list 'product_line'. */
  productLine: queryTextSchema(60).optional(),
  amountMin: amountBound.optional(),
  amountMax: amountBound.optional(),
  expectedFrom: dateSchema.optional(),
  expectedTo: dateSchema.optional(),
  grade: z.enum(pipelineValueGrades).optional(),
  healthMin: z.coerce.number().int().min(0).max(100).optional(),
  /** amount (largest first, the default) or expectedSignDate (soonest first). */
  sort: z.enum(pipelineCardSorts).default('amount'),
};

type RangeFilters = { amountMin?: string; amountMax?: string; expectedFrom?: string; expectedTo?: string };
/** A range whose upper bound is below its lower one is refused, naming the upper bound. */
function checkRanges(value: RangeFilters, context: z.RefinementCtx) {
  if (value.amountMin && value.amountMax && Number(value.amountMin) > Number(value.amountMax)) {
    context.addIssue({ code: 'custom', path: ['amountMax'], message: 'range_reversed' });
  }
  if (value.expectedFrom && value.expectedTo && value.expectedFrom > value.expectedTo) {
    context.addIssue({ code: 'custom', path: ['expectedTo'], message: 'range_reversed' });
  }
}

export const pipelineBoardQuerySchema = z
  .object({
    /** The process whose stages are the columns; the default process when left out. */
    processId: z.uuid().optional(),
    ...pipelineFilters,
  })
  .superRefine(checkRanges);
export type PipelineBoardQuery = z.infer<typeof pipelineBoardQuerySchema>;
export type PipelineFilters = Omit<PipelineBoardQuery, 'processId'>;

export const pipelineColumnQuerySchema = z
  .object({
    stageId: z.uuid(),
    /** How many cards of the column the board already shows. */
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    ...pipelineFilters,
  })
  .superRefine(checkRanges);
export type PipelineColumnQuery = z.infer<typeof pipelineColumnQuerySchema>;

export const pipelineCardSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  stageId: z.uuid(),
  organizationName: z.string().nullable(),
  owner: userRefSchema,
  /** Decimal string, null when not yet estimated. */
  amount: z.string().nullable(),
  currency: z.string(),
  expectedSignDate: z.string().nullable(),
  daysInStage: z.number().int(),
  healthScore: z.number().int().nullable(),
  valueGrade: z.string().nullable(),
  probability: z.number().int(),
  /** The project's version: what a drag sends to the advance action. */
  version: z.number().int(),
  /** Whether the caller may move it (write access to the project). */
  canEdit: z.boolean(),
});
export type PipelineCard = z.infer<typeof pipelineCardSchema>;

export const pipelineStageSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
  probability: z.number().int(),
  kind: z.string(),
  /** An archived stage is shown only while projects in scope still stand in it. */
  archived: z.boolean(),
});

export const pipelineColumnSchema = z.object({
  stage: pipelineStageSchema,
  count: z.number().int(),
  /** Sum of the amounts, decimal string ("0.00" for an empty column). */
  amount: z.string(),
  /** Sum of amount × the project's probability / 100, decimal string. */
  weightedAmount: z.string(),
  cards: z.array(pipelineCardSchema),
});
export type PipelineColumn = z.infer<typeof pipelineColumnSchema>;

export const pipelineProcessRefSchema = z.object({ id: z.uuid(), code: z.string(), nameZh: z.string(), nameEn: z.string(), isDefault: z.boolean() });
export type PipelineProcessRef = z.infer<typeof pipelineProcessRefSchema>;

export const pipelineBoardSchema = z.object({
  /** The process shown; null when no process exists yet. */
  process: pipelineProcessRefSchema.nullable(),
  /** Every active process, for the picker. */
  processes: z.array(pipelineProcessRefSchema),
  columns: z.array(pipelineColumnSchema),
  totals: z.object({ count: z.number().int(), amount: z.string(), weightedAmount: z.string() }),
});
export type PipelineBoard = z.infer<typeof pipelineBoardSchema>;

export const pipelineColumnPageSchema = z.object({
  stageId: z.uuid(),
  offset: z.number().int(),
  items: z.array(pipelineCardSchema),
  hasMore: z.boolean(),
});
export type PipelineColumnPage = z.infer<typeof pipelineColumnPageSchema>;

/** The notification a project's owner gets when it stalls (params: projectId, number, name, days, stageNameZh/En). */
export const PROJECT_STALLED_NOTIFICATION = 'project_stalled';
/** Stalled days when settings row 3 sets none. */
export const DEFAULT_STALLED_DAYS = 30;
