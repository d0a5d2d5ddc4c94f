// Sales projects (项目 / 商机, PRJ-1, PRJ-6, PRJ-9, PRJ-10): the project record, its related organisations, team,
// phases with roll-up, closing and reopening. Stage moves, stakeholders, competitors, plan and tenders have their own
// contracts (methodology.ts, project-insight.ts, pipeline.ts, tenders.ts, registration.ts).
import { z } from 'zod';
import { customFieldValuesSchema } from './config';
import { listQueryBaseSchema, queryTextSchema, textSchema, userRefSchema, versionSchema } from './common';

export const projectStatuses = ['open', 'won', 'lost', 'suspended'] as const;
export const projectStatusSchema = z.enum(projectStatuses);
export type ProjectStatus = z.infer<typeof projectStatusSchema>;
/** The statuses a close request may set (open comes back through reopen). */
export const projectCloseStatuses = ['won', 'lost', 'suspended'] as const;

/** Roles of a related organisation along the chain design institute → owner → contractor (PRJ-1). */
export const projectOrganizationRoles = ['general_contractor', 'design_institute', 'supplier', 'distributor', 'consultant', 'other'] as const;
export const projectOrganizationRoleSchema = z.enum(projectOrganizationRoles);
export type ProjectOrganizationRole = z.infer<typeof projectOrganizationRoleSchema>;

/** Team roles (分工, PRJ-6). */
export const projectMemberRoles = ['sales_lead', 'presales', 'service', 'manager', 'other'] as const;
export const projectMemberRoleSchema = z.enum(projectMemberRoles);
export type ProjectMemberRole = z.infer<typeof projectMemberRoleSchema>;
export const projectMemberAccesses = ['read', 'edit'] as const;

/** A non-negative amount as a decimal string (two decimals kept, like the column). */
export const projectAmountSchema = z.string().trim().regex(/^\d{1,16}(\.\d{1,2})?$/, 'amount_format');

const nullableText = (max: number) => textSchema(max).nullable().optional();
const refSchema = z.object({ id: z.uuid(), name: z.string() });

export const projectStageRefSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  probability: z.number().int(),
  kind: z.string(),
});
export type ProjectStageRef = z.infer<typeof projectStageRefSchema>;

export const projectRelatedOrganizationSchema = z.object({
  id: z.uuid(),
  organization: refSchema,
  role: projectOrganizationRoleSchema,
  influence: z.number().int().min(1).max(5).nullable(),
  notes: z.string().nullable(),
});
export type ProjectRelatedOrganization = z.infer<typeof projectRelatedOrganizationSchema>;

export const projectMemberSchema = z.object({
  user: z.object({ id: z.uuid(), displayName: z.string() }),
  role: projectMemberRoleSchema,
  access: z.enum(projectMemberAccesses),
  createdAt: z.string(),
});
export type ProjectMember = z.infer<typeof projectMemberSchema>;

/** A parent project's totals computed from its open and closed phases (PRJ-1 phases). */
export const projectRollupSchema = z.object({
  /** Number of live phases. */
  count: z.number().int(),
  /** Sum of the phases' amounts (decimal string). */
  amount: z.string(),
  /** Sum of amount × probability / 100 over the open phases; won phases count in full, lost/suspended not at all. */
  weightedAmount: z.string(),
  wonAmount: z.string(),
  openCount: z.number().int(),
});
export type ProjectRollup = z.infer<typeof projectRollupSchema>;

export const projectSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  organization: refSchema,
  site: z.string().nullable(),
  region: z.string().nullable(),
  description: z.string().nullable(),
  amount: z.string().nullable(),
  currency: z.string(),
  expectedSignDate: z.string().nullable(),
  source: z.string().nullable(),
  productLines: z.array(z.string()),
  budgetConfirmed: z.boolean().nullable(),
  needClarity: z.number().int().nullable(),
  processId: z.uuid(),
  stage: projectStageRefSchema,
  stageEnteredAt: z.string(),
  probability: z.number().int(),
  status: projectStatusSchema,
  owner: userRefSchema,
  parent: z.object({ id: z.uuid(), name: z.string(), number: z.string() }).nullable(),
  phaseLabel: z.string().nullable(),
  valueScore: z.string().nullable(),
  valueGrade: z.string().nullable(),
  healthScore: z.number().int().nullable(),
  closeReason: z.string().nullable(),
  lessonsLearned: z.string().nullable(),
  closedAt: z.string().nullable(),
  winnerOrganization: refSchema.nullable(),
  winningPrice: z.string().nullable(),
  registrationStatus: z.string(),
  protectedUntil: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: customFieldValuesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  access: z.object({ edit: z.boolean(), delete: z.boolean(), share: z.boolean() }),
  /** Single reads only: related organisations, team, phases and the roll-up of a parent. */
  organizations: z.array(projectRelatedOrganizationSchema).optional(),
  members: z.array(projectMemberSchema).optional(),
  phases: z
    .array(z.object({ id: z.uuid(), number: z.string(), name: z.string(), phaseLabel: z.string().nullable(), amount: z.string().nullable(), status: projectStatusSchema, probability: z.number().int() }))
    .optional(),
  rollup: projectRollupSchema.nullable().optional(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectRelatedOrganizationInputSchema = z.object({
  organizationId: z.uuid(),
  role: projectOrganizationRoleSchema,
  influence: z.number().int().min(1).max(5).nullable().optional(),
  notes: nullableText(500),
});
export type ProjectRelatedOrganizationInput = z.infer<typeof projectRelatedOrganizationInputSchema>;

export const projectInputSchema = z.object({
  name: textSchema(200).pipe(z.string().min(2, 'too_short')),
  /** The owner organisation (业主): must be readable by the caller. */
  organizationId: z.uuid(),
  site: nullableText(200),
  region: nullableText(40),
  description: nullableText(4000),
  amount: projectAmountSchema.nullable().optional(),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, 'currency_format').optional(),
  expectedSignDate: z.iso.date('date_format').nullable().optional(),
  source: nullableText(40),
  productLines: z.array(textSchema(40).pipe(z.string().min(1))).max(20).optional(),
  budgetConfirmed: z.boolean().nullable().optional(),
  needClarity: z.number().int().min(1).max(5).nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  phaseLabel: nullableText(40),
  tags: z.array(textSchema(20).pipe(z.string().min(1))).max(20).optional(),
  customFields: customFieldValuesSchema.optional(),
  /** Related organisations with their role; on update, the full new list (replaces the old one). */
  organizations: z.array(projectRelatedOrganizationInputSchema).max(30).optional(),
});
export type ProjectInput = z.infer<typeof projectInputSchema>;
/** Fields whose change is a history line. */
export const projectEditableFields = [
  'name', 'organizationId', 'site', 'region', 'description', 'amount', 'currency', 'expectedSignDate', 'source',
  'productLines', 'budgetConfirmed', 'needClarity', 'ownerId', 'parentId', 'phaseLabel', 'tags', 'customFields',
] as const satisfies readonly (keyof ProjectInput)[];
export const projectPatchSchema = projectInputSchema.partial().extend({ version: versionSchema });
export type ProjectPatch = z.infer<typeof projectPatchSchema>;

export const projectCloseSchema = z.object({
  status: z.enum(projectCloseStatuses),
  /** Option code of project_win_reason / project_loss_reason / project_suspend_reason. */
  closeReason: textSchema(40).nullable().optional(),
  lessonsLearned: nullableText(4000),
  /** Lost: who won and at what price. */
  winnerOrganizationId: z.uuid().nullable().optional(),
  winningPrice: projectAmountSchema.nullable().optional(),
  version: versionSchema,
});
export type ProjectCloseInput = z.infer<typeof projectCloseSchema>;
export const projectReopenSchema = z.object({ version: versionSchema, reason: nullableText(500) });

export const projectAssignSchema = z.object({ ownerId: z.uuid(), version: versionSchema });
export const projectClaimSchema = z.object({ version: versionSchema });

export const projectMemberInputSchema = z.object({
  userId: z.uuid(),
  role: projectMemberRoleSchema,
  access: z.enum(projectMemberAccesses).default('read'),
});
export type ProjectMemberInput = z.infer<typeof projectMemberInputSchema>;
export const projectMemberPatchSchema = z.object({ role: projectMemberRoleSchema.optional(), access: z.enum(projectMemberAccesses).optional() });
export const projectMemberParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() });

export const projectSortFields = ['name', 'number', 'createdAt', 'updatedAt', 'amount', 'expectedSignDate', 'probability'] as const;
export const projectListQuerySchema = listQueryBaseSchema
  .extend({
    status: projectStatusSchema.optional(),
    stageId: z.uuid().optional(),
    processId: z.uuid().optional(),
    organizationId: z.uuid().optional(),
    /** With organizationId: also projects where the organisation is a related one (the organisation page tab). */
    includeRelated: z.enum(['true', 'false']).optional(),
    ownerId: z.uuid().optional(),
    productLine: queryTextSchema(40).optional(),
    region: queryTextSchema(40).optional(),
    source: queryTextSchema(40).optional(),
    parentId: z.uuid().optional(),
    mine: z.enum(['true', 'false']).optional(),
    amountMin: projectAmountSchema.optional(),
    amountMax: projectAmountSchema.optional(),
    expectedFrom: z.iso.date('date_format').optional(),
    expectedTo: z.iso.date('date_format').optional(),
    sort: z
      .string()
      .regex(new RegExp(`^-?(${projectSortFields.join('|')})$`), 'sort_field')
      .optional(),
  })
  .catchall(queryTextSchema(100));
export type ProjectListQuery = z.infer<typeof projectListQuerySchema>;
