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
  /** The stakeholder map must hold at least `minCount` contacts with this buying role and/or attitude. */
  z.object({
    type: z.literal('stakeholder'),
    buyingRole: z.enum(buyingRoles).optional(),
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
