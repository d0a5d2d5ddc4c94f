// Public pool (公海, CUS-5) and lead hand-over (CUS-8): pools with their rules, the pool list, the moves, leads.
import { z } from 'zod';
import { listQueryBaseSchema, textSchema, userRefSchema, versionSchema } from './common';
import { organizationGrades, organizationStageSchema, organizationTypeSchema } from './organizations';

/** A rule value: a positive whole number of days (or customers), or null for "no such rule". */
const ruleValue = z.number().int().min(1, 'must_be_positive').max(3650).nullable();

export const poolRuleFields = ['maxOwnedPerRep', 'noFollowUpDays', 'noDealDays', 'warningDays', 'dailyClaimLimit', 'reclaimCooldownDays'] as const;
export type PoolRuleField = (typeof poolRuleFields)[number];

export const customerPoolSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Null: the company-wide pool. Otherwise the department whose members (sub-departments included) it serves. */
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  maxOwnedPerRep: z.number().int().nullable(),
  noFollowUpDays: z.number().int().nullable(),
  noDealDays: z.number().int().nullable(),
  warningDays: z.number().int().nullable(),
  dailyClaimLimit: z.number().int().nullable(),
  reclaimCooldownDays: z.number().int().nullable(),
  active: z.boolean(),
  /** Organisations waiting in it now. */
  organizationCount: z.number().int(),
  version: z.number().int(),
});
export type CustomerPool = z.infer<typeof customerPoolSchema>;

export const customerPoolInputSchema = z.object({
  name: textSchema(60).pipe(z.string().min(1, 'required')),
  departmentId: z.uuid().nullable(),
  maxOwnedPerRep: ruleValue.optional(),
  noFollowUpDays: ruleValue.optional(),
  noDealDays: ruleValue.optional(),
  warningDays: ruleValue.optional(),
  dailyClaimLimit: ruleValue.optional(),
  reclaimCooldownDays: ruleValue.optional(),
  active: z.boolean().optional(),
});
export type CustomerPoolInput = z.infer<typeof customerPoolInputSchema>;
export const customerPoolPatchSchema = customerPoolInputSchema.partial().extend({ version: versionSchema });
export type CustomerPoolPatch = z.infer<typeof customerPoolPatchSchema>;

/** What a pool list shows: enough to choose a customer, nothing the previous owner built up (contacts, notes, phone). */
export const poolOrganizationSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  type: organizationTypeSchema,
  industry: z.string().nullable(),
  region: z.string().nullable(),
  grade: z.enum(organizationGrades).nullable(),
  stage: organizationStageSchema,
  poolId: z.uuid(),
  poolName: z.string(),
  pooledAt: z.string().nullable(),
  /** Whole days since it entered the pool. */
  daysInPool: z.number().int(),
  /** The rep who had it last (released it or lost it by return). */
  lastOwner: userRefSchema,
});
export type PoolOrganization = z.infer<typeof poolOrganizationSchema>;

export const poolSortFields = ['pooledAt', 'name', 'grade'] as const;
export const poolListQuerySchema = listQueryBaseSchema.extend({
  poolId: z.uuid().optional(),
  type: organizationTypeSchema.optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${poolSortFields.join('|')})$`), 'sort_field')
    .optional(),
});
export type PoolListQuery = z.infer<typeof poolListQuerySchema>;

/** The pools the caller works with: where they claim from, and (managers) those they assign from. */
export const myPoolsSchema = z.object({
  /** The caller's own pool: the nearest department pool up their tree, else the company pool; null if none. */
  ownPoolId: z.uuid().nullable(),
  items: z.array(customerPoolSchema),
  /** The caller's counters under their own pool's rules. */
  owned: z.number().int(),
  claimedToday: z.number().int(),
});
export type MyPools = z.infer<typeof myPoolsSchema>;

export const poolReleaseSchema = z.object({
  reason: textSchema(500).pipe(z.string().min(1, 'required')),
  /** The organisation's version when the user decided (409 when stale); optional for scripts. */
  version: versionSchema.optional(),
});
export const poolAssignSchema = z
  .object({
    userId: z.uuid(),
    /** Assign even though the rep is at their maximum; needs a reason. */
    force: z.boolean().optional(),
    reason: textSchema(500).optional(),
  })
  .refine((value) => !value.force || Boolean(value.reason), { path: ['reason'], message: 'required' });
export const poolMoveResultSchema = z.object({
  organizationId: z.uuid(),
  ownerId: z.uuid().nullable(),
  poolId: z.uuid().nullable(),
  action: z.enum(['claim', 'release', 'assign', 'return']),
  at: z.string(),
});
export type PoolMoveResult = z.infer<typeof poolMoveResultSchema>;

// —— Lead hand-over (CUS-8) ——
export const leadStatuses = ['pending', 'accepted', 'declined', 'expired'] as const;
export const leadHandoverInputSchema = z.object({
  toUserId: z.uuid(),
  note: textSchema(500).nullable().optional(),
  /** Hours the receiver has to accept; the default comes from the lead rules (48). */
  hours: z.number().int().min(1).max(720).optional(),
});
export const leadDeclineSchema = z.object({ reason: textSchema(500).pipe(z.string().min(1, 'required')) });
export const leadSchema = z.object({
  id: z.uuid(),
  organization: z.object({ id: z.uuid(), number: z.string(), name: z.string() }),
  from: userRefSchema,
  to: userRefSchema,
  status: z.enum(leadStatuses),
  note: z.string().nullable(),
  dueAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type Lead = z.infer<typeof leadSchema>;
export const leadListQuerySchema = listQueryBaseSchema.extend({
  box: z.enum(['incoming', 'sent']).default('incoming'),
  status: z.enum(leadStatuses).optional(),
});
export type LeadListQuery = z.infer<typeof leadListQuerySchema>;
export const leadRulesSchema = z.object({ defaultHours: z.number().int().min(1).max(720), version: z.number().int() });
export const leadRulesPatchSchema = z.object({ defaultHours: z.number().int().min(1).max(720), version: versionSchema });
