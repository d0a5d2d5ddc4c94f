// Project insight (PRJ-4, PRJ-5, PRJ-8): the stakeholder map with its coverage gaps, the competitors on a project,
// the deal-health and value scores, and the project settings (value model, stalled days, protection days).
import { z } from 'zod';
import { buyingRoleSchema, contactAttitudeSchema } from './contacts';
import { textSchema, versionSchema } from './common';

const level = z.number().int().min(1, 'level_range').max(5, 'level_range');
const nullableText = (max: number) => textSchema(max).nullable().optional();
/** A non-negative price or cap as a decimal string (two decimals, like the columns). */
export const insightMoneySchema = z.string().trim().regex(/^\d{1,16}(\.\d{1,2})?$/, 'amount_format');

// ---- Stakeholder map (找对人) -------------------------------------------------------------------------------------

export const stakeholderSchema = z.object({
  id: z.uuid(),
  contact: z.object({
    id: z.uuid(),
    name: z.string(),
    title: z.string().nullable(),
    organization: z.object({ id: z.uuid(), name: z.string() }),
    /** False when the caller may not open the contact's organisation: the row stays named (it is the project's map). */
    readable: z.boolean(),
  }),
  buyingRole: buyingRoleSchema.nullable(),
  attitude: contactAttitudeSchema.nullable(),
  /** 1 … 5: weight in this decision. */
  influence: z.number().int().nullable(),
  /** 1 … 5: how close we are. */
  relationshipLevel: z.number().int().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Stakeholder = z.infer<typeof stakeholderSchema>;

const stakeholderFields = {
  buyingRole: buyingRoleSchema.nullable().optional(),
  attitude: contactAttitudeSchema.nullable().optional(),
  influence: level.nullable().optional(),
  relationshipLevel: level.nullable().optional(),
  notes: nullableText(1000),
};
/** Role, attitude and relationship level left out are taken from the contact's own record. */
export const stakeholderInputSchema = z.object({ contactId: z.uuid(), ...stakeholderFields });
export type StakeholderInput = z.infer<typeof stakeholderInputSchema>;
export const stakeholderPatchSchema = z.object({ ...stakeholderFields, version: versionSchema });
export type StakeholderPatch = z.infer<typeof stakeholderPatchSchema>;

/** Coverage gaps of the map (PRJ-4); the web app translates the code with its params. */
export const stakeholderGapCodes = [
  'no_stakeholders',
  'no_decision_maker',
  'decision_maker_not_supporter',
  'no_technical_evaluator',
  'no_procurement',
  'more_opponents_than_supporters',
  'no_coach',
] as const;
export const stakeholderGapSchema = z.object({
  code: z.enum(stakeholderGapCodes),
  severity: z.enum(['error', 'warning', 'info']),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type StakeholderGap = z.infer<typeof stakeholderGapSchema>;

export const stakeholderListSchema = z.object({ items: z.array(stakeholderSchema), gaps: z.array(stakeholderGapSchema) });
export type StakeholderList = z.infer<typeof stakeholderListSchema>;
export const stakeholderParamsSchema = z.object({ id: z.uuid(), stakeholderId: z.uuid() });

// ---- Competition ---------------------------------------------------------------------------------------------------

export const projectCompetitorSchema = z.object({
  id: z.uuid(),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  offer: z.string().nullable(),
  price: z.string().nullable(),
  strengths: z.string().nullable(),
  weaknesses: z.string().nullable(),
  /** 1 … 5: how dangerous they are on this project. */
  threat: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProjectCompetitor = z.infer<typeof projectCompetitorSchema>;

const competitorFields = {
  offer: nullableText(1000),
  price: insightMoneySchema.nullable().optional(),
  strengths: nullableText(1000),
  weaknesses: nullableText(1000),
  threat: level.nullable().optional(),
};
export const projectCompetitorInputSchema = z.object({ organizationId: z.uuid(), ...competitorFields });
export type ProjectCompetitorInput = z.infer<typeof projectCompetitorInputSchema>;
export const projectCompetitorPatchSchema = z.object({ ...competitorFields, version: versionSchema });
export type ProjectCompetitorPatch = z.infer<typeof projectCompetitorPatchSchema>;
export const projectCompetitorListSchema = z.object({ items: z.array(projectCompetitorSchema) });
export const competitorParamsSchema = z.object({ id: z.uuid(), competitorId: z.uuid() });

// ---- Scores --------------------------------------------------------------------------------------------------------

export const valueGrades = ['A', 'B', 'C'] as const;
export const valueGradeSchema = z.enum(valueGrades);
export type ValueGrade = z.infer<typeof valueGradeSchema>;

/** The score with its parts (each 0–1), so the badge can explain itself. Formula: docs/projects.md. */
export const projectScoresSchema = z.object({
  healthScore: z.number().int().nullable(),
  valueScore: z.string().nullable(),
  valueGrade: valueGradeSchema.nullable(),
  health: z.object({ gate: z.number(), coverage: z.number(), recency: z.number(), competition: z.number() }),
  value: z.object({ amount: z.number(), budgetConfirmed: z.number(), needClarity: z.number(), relationship: z.number(), competition: z.number() }),
});
export type ProjectScores = z.infer<typeof projectScoresSchema>;

// ---- Project settings (settings row 3) ---------------------------------------------------------------------------

export const valueIndicators = ['amount', 'budgetConfirmed', 'needClarity', 'relationship', 'competition'] as const;
export type ValueIndicator = (typeof valueIndicators)[number];
/** Integers checked by a refinement, not `.int()`: a failed `.int()` aborts the cross-field rules below, and then one
 * answer would not name every problem. */
const wholeNumber = (min: number, max: number) => z.number().min(min).max(max).refine(Number.isInteger, 'integer');
const weight = wholeNumber(0, 100);
const threshold = z.number().min(0).max(100);

const projectSettingsFields = z.object({
  valueModel: z.object({
    weights: z.object({ amount: weight, budgetConfirmed: weight, needClarity: weight, relationship: weight, competition: weight }),
    /** Score at or above `a` is grade A; at or above `b` grade B; below it C. */
    thresholds: z.object({ a: threshold, b: threshold }),
    /** The amount that counts as full marks; null: the largest amount of any open project. */
    amountCap: insightMoneySchema.nullable(),
  }),
  /** An open project without a stage change or activity for this many days is stalled (alert; health recency). */
  stalledDays: wholeNumber(1, 365),
  /** How long a registered project protects its holder (PRJ-13). */
  protectionDays: wholeNumber(1, 3650),
});

export const projectSettingsSchema = projectSettingsFields.extend({ version: z.number().int() });
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

type SettingsValue = z.infer<typeof projectSettingsFields>;
// `when`: the cross-field rules run even when another field is invalid too, so one answer names every problem.
const whenShaped = { when: (payload: { value: unknown }) => Boolean((payload.value as Partial<SettingsValue> | undefined)?.valueModel?.weights && (payload.value as Partial<SettingsValue>).valueModel?.thresholds) };
export const projectSettingsInputSchema = projectSettingsFields
  .extend({ version: versionSchema })
  .refine((input) => Object.values(input.valueModel.weights).some((value) => typeof value === 'number' && value > 0), {
    path: ['valueModel', 'weights'],
    message: 'weights_all_zero',
    ...whenShaped,
  })
  .refine((input) => !(typeof input.valueModel.thresholds.a === 'number' && typeof input.valueModel.thresholds.b === 'number') || input.valueModel.thresholds.a > input.valueModel.thresholds.b, {
    path: ['valueModel', 'thresholds', 'a'],
    message: 'threshold_order',
    ...whenShaped,
  });
export type ProjectSettingsInput = z.infer<typeof projectSettingsInputSchema>;
