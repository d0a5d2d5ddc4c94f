// Organisations (单位): owners, contractors, design institutes, suppliers, competitors … (CUS-1).
import { z } from 'zod';
import { customFieldValuesSchema } from './config';
import { listQueryBaseSchema, queryTextSchema, textSchema, userRefSchema, versionSchema } from './common';

export const organizationTypes = [
  'owner',
  'general_contractor',
  'supplier',
  'design_institute',
  'distributor',
  'terminal',
  'competitor',
  'partner',
] as const;
export const organizationTypeSchema = z.enum(organizationTypes);
export type OrganizationType = z.infer<typeof organizationTypeSchema>;
export const organizationGrades = ['A', 'B', 'C'] as const;
/** Lifecycle (CUS-4): identified, new, intentional, purchasing, complete-info, dormant, lost. */
export const organizationStages = ['identified', 'new', 'intentional', 'purchasing', 'complete_info', 'dormant', 'lost'] as const;
export const organizationStageSchema = z.enum(organizationStages);
export type OrganizationStage = z.infer<typeof organizationStageSchema>;

/** 统一社会信用代码: 18 characters of digits and upper-case letters without I, O, S, V, Z. */
export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'credit_code_format');

export const organizationSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: organizationTypeSchema,
  creditCode: z.string().nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  scale: z.string().nullable(),
  source: z.string().nullable(),
  grade: z.enum(organizationGrades).nullable(),
  stage: organizationStageSchema,
  /** The grading job's weighted score (0–100, a decimal string) behind `grade`, and when it was computed (CUS-4). */
  gradeScore: z.string().nullable(),
  gradedAt: z.string().nullable(),
  /** The public pool it sits in (then it has no owner) or returns to. */
  poolId: z.uuid().nullable(),
  lastActivityAt: z.string().nullable(),
  /** Next planned revisit (YYYY-MM-DD): a reminder to the owner on the day (CUS-9). */
  revisitOn: z.string().nullable(),
  /** Protected field: present only for roles granted `organization.creditRating`. */
  creditRating: z.string().nullable().optional(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  owner: userRefSchema,
  customFields: customFieldValuesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** What the caller may do with this record, so the UI never offers a refused action. */
  access: z.object({ edit: z.boolean(), delete: z.boolean(), share: z.boolean() }),
  /** On single reads: the pending approval that locks the record against edits (WF-2), if any. */
  lockedBy: z.object({ approvalId: z.uuid(), documentType: z.string() }).nullable().optional(),
});
export type Organization = z.infer<typeof organizationSchema>;

const nullableText = (max: number) => textSchema(max).nullable().optional();

export const organizationInputSchema = z.object({
  name: textSchema(120).pipe(z.string().min(2, 'too_short')),
  shortName: nullableText(40),
  type: organizationTypeSchema,
  creditCode: creditCodeSchema.nullable().optional(),
  industry: nullableText(40),
  region: nullableText(40),
  address: nullableText(200),
  phone: textSchema(40).regex(/^[0-9+\-() ]*$/, 'phone_format').nullable().optional(),
  website: nullableText(200),
  scale: nullableText(40),
  source: nullableText(40),
  grade: z.enum(organizationGrades).nullable().optional(),
  stage: organizationStageSchema.optional(),
  revisitOn: z.iso.date('date_format').nullable().optional(),
  creditRating: nullableText(40),
  tags: z.array(textSchema(20).pipe(z.string().min(1))).max(20).optional(),
  notes: nullableText(2000),
  ownerId: z.uuid().nullable().optional(),
  customFields: customFieldValuesSchema.optional(),
  /** Save even though the duplicate check found likely matches (API.md). */
  confirmDuplicate: z.boolean().optional(),
});
export type OrganizationInput = z.infer<typeof organizationInputSchema>;
/** The fields a user edits: each change of one is a history line; a merge chooses them one by one; an import writes them. */
export const organizationEditableFields = [
  'name', 'shortName', 'type', 'creditCode', 'industry', 'region', 'address', 'phone', 'website', 'scale', 'source',
  'grade', 'stage', 'revisitOn', 'creditRating', 'tags', 'notes', 'ownerId', 'customFields',
] as const satisfies readonly (keyof OrganizationInput)[];
export const organizationPatchSchema = organizationInputSchema.partial().extend({ version: versionSchema });

export const organizationSortFields = ['name', 'createdAt', 'updatedAt', 'number', 'type', 'grade'] as const;
/**
 * A likely duplicate (CUS-3). Outside the caller's data scope only name, owner, score and reason are filled
 * (`accessible: false`, `creditCode` null unless it is the matching reason): 查重 must tell the rep that a colleague
 * already owns the customer, and nothing more (docs/customers.md).
 */
export const duplicateCandidateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string().nullable(),
  ownerName: z.string().nullable(),
  owner: userRefSchema.optional(),
  /** 1 for the same credit code; the name similarity (0 … 1) of the normalised names; 0.9 for the same phone. */
  score: z.number(),
  reason: z.enum(['credit_code', 'name', 'phone']),
  /** Whether the caller may open the candidate (within their scope); absent on service-internal uses. */
  accessible: z.boolean().optional(),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const organizationListQuerySchema = listQueryBaseSchema.extend({
  type: organizationTypeSchema.optional(),
  grade: z.enum(organizationGrades).optional(),
  stage: organizationStageSchema.optional(),
  industry: queryTextSchema(40).optional(),
  region: queryTextSchema(40).optional(),
  source: queryTextSchema(40).optional(),
  ownerId: z.uuid().optional(),
  tag: queryTextSchema(20).optional(),
  mine: z.enum(['true', 'false']).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${organizationSortFields.join('|')})$`), 'sort_field')
    .optional(),
  /** Custom field filters arrive as `cf.<key>=<value>`; the service validates them against definitions. */
}).catchall(queryTextSchema(100));
export type OrganizationListQuery = z.infer<typeof organizationListQuerySchema>;
