// Sales methodologies and stage gates (PRJ-2, PRJ-3): the vocabulary of gate criteria and stage checklists.
import { z } from 'zod';
import { buyingRoles, contactAttitudes } from './contacts';

/** Project fields a gate may require to be filled. */
export const projectGateFields = ['amount', 'expectedSignDate', 'productLines', 'source', 'site', 'region', 'budgetConfirmed', 'description'] as const;
export const projectGateFieldSchema = z.enum(projectGateFields);

/**
 * Records a gate may require on the project (at least `minCount`). Later modules add theirs here (a quote, an
 * activity) together with the check that counts them (server/src/modules/methodology/gate-criteria.ts).
 */
export const gateRecordKinds = ['competitor', 'team_member', 'related_organization', 'tender', 'bid_decision', 'milestone_done', 'tracking_note'] as const;
export const gateRecordKindSchema = z.enum(gateRecordKinds);

export const stageKinds = ['open', 'won'] as const;
export const stageKindSchema = z.enum(stageKinds);

const stageCode = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_]+$/, 'code_format');
const itemKey = z.string().trim().min(1).max(40).regex(/^[a-z0-9_]+$/, 'code_format');

export const gateCriterionSchema = z.discriminatedUnion('type', [
  /** A project field must be filled. */
  z.object({ type: z.literal('field'), field: projectGateFieldSchema }),
  /** A checklist item of a stage of the same process must be done. */
  z.object({ type: z.literal('checklist'), stage: stageCode, item: itemKey }),
  /**
   * The stakeholder map must hold at least `minCount` contacts with this buying role (or any of `buyingRoles`) and/or
   * attitude; neither given: any contact.
   */
  z.object({
    type: z.literal('stakeholder'),
    buyingRole: z.enum(buyingRoles).optional(),
    buyingRoles: z.array(z.enum(buyingRoles)).min(1).max(6).optional(),
    attitude: z.enum(contactAttitudes).optional(),
    minCount: z.number().int().min(1).max(20).default(1),
  }),
  /** At least `minCount` related records of a kind (a competitor, a pre-sales engineer on the team, a tender …). */
  z.object({ type: z.literal('record'), record: gateRecordKindSchema, minCount: z.number().int().min(1).max(20).default(1) }),
]);
export type GateCriterion = z.infer<typeof gateCriterionSchema>;

export const checklistItemSchema = z.object({
  key: itemKey,
  labelZh: z.string().trim().min(1).max(200),
  labelEn: z.string().trim().min(1).max(200),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

// ---------------------------------------------------------------------------------------------------------------
// API: processes and stages (admin), the stage panel of a project, advancing through the gates.

const nullableLongText = z.string().trim().max(2000).nullable().optional();

export const salesStageSchema = z.object({
  id: z.uuid(),
  processId: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
  probability: z.number().int(),
  kind: stageKindSchema,
  criteria: z.array(gateCriterionSchema),
  checklist: z.array(checklistItemSchema),
  inputsZh: z.string().nullable(),
  inputsEn: z.string().nullable(),
  successZh: z.string().nullable(),
  successEn: z.string().nullable(),
  milestoneZh: z.string().nullable(),
  milestoneEn: z.string().nullable(),
  outputsZh: z.string().nullable(),
  outputsEn: z.string().nullable(),
  archivedAt: z.string().nullable(),
  /** Projects standing in the stage now (open or closed); a used stage is archived, not deleted. */
  projectCount: z.number().int(),
});
export type SalesStage = z.infer<typeof salesStageSchema>;

export const salesProcessSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  builtin: z.boolean(),
  active: z.boolean(),
  isDefault: z.boolean(),
  productLines: z.array(z.string()),
  departmentIds: z.array(z.uuid()),
  version: z.number().int(),
  /** Stages by sort, archived ones included (flagged by archivedAt). */
  stages: z.array(salesStageSchema),
  updatedAt: z.string(),
});
export type SalesProcess = z.infer<typeof salesProcessSchema>;

export const salesStageInputSchema = z.object({
  code: stageCode,
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(60),
  probability: z.number().int().min(0).max(100),
  kind: stageKindSchema.default('open'),
  criteria: z.array(gateCriterionSchema).max(40).default([]),
  checklist: z.array(checklistItemSchema).max(40).default([]),
  inputsZh: nullableLongText,
  inputsEn: nullableLongText,
  successZh: nullableLongText,
  successEn: nullableLongText,
  milestoneZh: nullableLongText,
  milestoneEn: nullableLongText,
  outputsZh: nullableLongText,
  outputsEn: nullableLongText,
});
export type SalesStageInput = z.infer<typeof salesStageInputSchema>;

/** A stage edit carries the process's version: stages are edited under their process's lock. */
export const salesStagePatchSchema = salesStageInputSchema
  .partial()
  .extend({ version: z.number().int().min(1), archived: z.boolean().optional() });
export type SalesStagePatch = z.infer<typeof salesStagePatchSchema>;

export const salesProcessInputSchema = z.object({
  code: stageCode,
  nameZh: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80),
  descriptionZh: nullableLongText,
  descriptionEn: nullableLongText,
  active: z.boolean().default(true),
  isDefault: z.boolean().default(false),
  productLines: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  departmentIds: z.array(z.uuid()).max(100).default([]),
  stages: z.array(salesStageInputSchema).min(1).max(30),
});
export type SalesProcessInput = z.infer<typeof salesProcessInputSchema>;

export const salesProcessPatchSchema = salesProcessInputSchema
  .omit({ stages: true, code: true })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type SalesProcessPatch = z.infer<typeof salesProcessPatchSchema>;

export const salesStageOrderSchema = z.object({ version: z.number().int().min(1), stageIds: z.array(z.uuid()).min(1).max(60) });
export const salesStageParamsSchema = z.object({ id: z.uuid(), stageId: z.uuid() });
export const salesStageDeleteQuerySchema = z.object({ version: z.coerce.number().int().min(1) });
export const salesStageDeleteResultSchema = z.object({ outcome: z.enum(['deleted', 'archived']), process: salesProcessSchema });

/** Why a gate criterion is unmet (or met), with what the web app needs to say it in either language. */
export const gateCriterionCodes = ['field_missing', 'checklist_item_open', 'stakeholder_missing', 'record_missing'] as const;
export const gateCriterionStatusSchema = z.object({
  /** The stage whose gate holds the criterion. */
  stageId: z.uuid(),
  stageCode: z.string(),
  criterion: gateCriterionSchema,
  met: z.boolean(),
  code: z.enum(gateCriterionCodes),
  /**
   * The criterion's parameters plus what was found: field; stage, item, labelZh, labelEn; buyingRole, attitude,
   * minCount, actual; record, minCount, actual.
   */
  params: z.record(z.string(), z.unknown()),
});
export type GateCriterionStatus = z.infer<typeof gateCriterionStatusSchema>;

export const advanceInputSchema = z.object({
  toStageId: z.uuid(),
  version: z.number().int().min(1),
  /** A manager's override of unmet criteria (project.approve); the reason is required. */
  override: z.object({ reason: z.string().trim().max(1000).optional() }).optional(),
});
export type AdvanceInput = z.infer<typeof advanceInputSchema>;

export const stageMoveKinds = ['create', 'advance', 'back', 'override', 'close', 'reopen', 'process_change'] as const;

export const advanceResultSchema = z.object({
  /** moved: the project stands in the target stage; pending_approval: an override waits in the approval engine. */
  outcome: z.enum(['moved', 'pending_approval']),
  projectId: z.uuid(),
  stageId: z.uuid(),
  version: z.number().int(),
  approvalId: z.uuid().nullable(),
  /** The criteria that were overridden (empty for a plain advance or a move back). */
  overridden: z.array(gateCriterionStatusSchema),
});
export type AdvanceResult = z.infer<typeof advanceResultSchema>;

export const stageHistoryEntrySchema = z.object({
  id: z.uuid(),
  kind: z.enum(stageMoveKinds),
  fromStageId: z.uuid().nullable(),
  toStageId: z.uuid(),
  reason: z.string().nullable(),
  approvalId: z.uuid().nullable(),
  movedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  movedAt: z.string(),
});
export type StageHistoryEntry = z.infer<typeof stageHistoryEntrySchema>;

export const projectStageStatusSchema = z.object({
  stage: salesStageSchema.omit({ projectCount: true }),
  current: z.boolean(),
  /** Every stay in the stage (moving back and forth gives several). */
  visits: z.array(z.object({ enteredAt: z.string(), leftAt: z.string().nullable() })),
  /** Whole days spent in the stage over all visits, up to now for the current one. */
  days: z.number().int(),
  checklist: z.array(checklistItemSchema.extend({ done: z.boolean(), doneAt: z.string().nullable(), doneBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable() })),
  /** The stage's own gate criteria, evaluated against the project as it is now. */
  criteria: z.array(gateCriterionStatusSchema),
});
export type ProjectStageStatus = z.infer<typeof projectStageStatusSchema>;

export const projectStagesSchema = z.object({
  projectId: z.uuid(),
  processId: z.uuid(),
  process: z.object({ id: z.uuid(), code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  currentStageId: z.uuid(),
  status: z.string(),
  version: z.number().int(),
  /** Live stages by sort, plus an archived stage the project stands in or stood in. */
  stages: z.array(projectStageStatusSchema),
  history: z.array(stageHistoryEntrySchema),
  access: z.object({ edit: z.boolean(), override: z.boolean() }),
});
export type ProjectStages = z.infer<typeof projectStagesSchema>;

export const checklistParamsSchema = z.object({ id: z.uuid(), stageId: z.uuid(), itemKey: z.string().max(40) });
export const checklistToggleSchema = z.object({ done: z.boolean() });
export const checklistToggleResultSchema = z.object({ stageId: z.uuid(), itemKey: z.string(), done: z.boolean(), doneAt: z.string().nullable() });
