// Approval workflows (WF-1 … WF-3): flow definitions per document type, instances, the inbox.
import { z } from 'zod';
import { listQueryBaseSchema, queryTextSchema, textSchema, userRefSchema, versionSchema } from './common';

/**
 * A document type is registered by the module that owns the record (organisation deletion today; quotes,
 * contracts, expenses … later). Its key is validated against that registry by the server, not here.
 */
export const documentTypeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'document_type_format');

// ---------------------------------------------------------------------------------------------- conditions

/** The kinds of value a condition field holds; each allows its own operators. */
export const conditionFieldTypes = ['money', 'number', 'text', 'option', 'department', 'user', 'boolean'] as const;
export type ConditionFieldType = (typeof conditionFieldTypes)[number];

export const conditionOperators = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'in_tree'] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

/** Which operators each field type accepts: `in_tree` is "this department or one below it". */
export const operatorsByFieldType: Record<ConditionFieldType, readonly ConditionOperator[]> = {
  money: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'],
  text: ['eq', 'ne', 'in', 'not_in'],
  option: ['eq', 'ne', 'in', 'not_in'],
  department: ['eq', 'ne', 'in', 'not_in', 'in_tree'],
  user: ['eq', 'ne', 'in', 'not_in'],
  boolean: ['eq', 'ne'],
};

const conditionValueSchema = z.union([
  z.string().max(200),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(200)).min(1).max(100),
]);

/** One comparison: `<field> <op> <value>`. Money and numbers compare as decimals; lists for in / not_in / in_tree. */
export const conditionRuleSchema = z.object({
  field: z.string().min(1).max(60),
  op: z.enum(conditionOperators),
  value: conditionValueSchema,
});
export type ConditionRule = z.infer<typeof conditionRuleSchema>;

/** A structured condition: all (or any) of its rules hold. No code, no expressions: a builder edits it. */
export const conditionSchema = z.object({
  match: z.enum(['all', 'any']),
  rules: z.array(conditionRuleSchema).min(1).max(20),
});
export type Condition = z.infer<typeof conditionSchema>;

// -------------------------------------------------------------------------------------------------- flows

export const approverKinds = ['direct_manager', 'nth_manager', 'department_head', 'role', 'users', 'same_as_step'] as const;
export type ApproverKind = (typeof approverKinds)[number];

export const approverSchema = z.discriminatedUnion('kind', [
  /** The submitter's manager on the reporting line. */
  z.object({ kind: z.literal('direct_manager') }),
  /** The n-th manager up the reporting line (1 = direct); a shorter line ends at its top. */
  z.object({ kind: z.literal('nth_manager'), level: z.number().int().min(1).max(10) }),
  /** The head of a named department, or of the submitter's department (null) — optionally n levels up. */
  z.object({ kind: z.literal('department_head'), departmentId: z.uuid().nullable(), levelsUp: z.number().int().min(0).max(10) }),
  /** Holders of a role: in the nearest department up from the submitter's that has one, or anywhere in the company. */
  z.object({ kind: z.literal('role'), roleId: z.uuid(), within: z.enum(['department', 'company']) }),
  /** Named users. */
  z.object({ kind: z.literal('users'), userIds: z.array(z.uuid()).min(1).max(20) }),
  /** The same approvers as an earlier step (e.g. a final confirmation); a later or the same step is circular. */
  z.object({ kind: z.literal('same_as_step'), stepKey: z.string().min(1).max(30) }),
]);
export type Approver = z.infer<typeof approverSchema>;

export const approvalModes = ['any', 'all'] as const;

export const stepDefinitionSchema = z.object({
  /** Stable within the flow: steps refer to each other by key, so reordering keeps references. */
  key: z.string().regex(/^[A-Za-z0-9_-]{1,30}$/, 'step_key_format'),
  name: textSchema(60).pipe(z.string().min(1, 'required')),
  approver: approverSchema,
  /** any: one approval decides the step; all: every approver must approve. */
  mode: z.enum(approvalModes),
  /** The step applies only when this holds; otherwise it is skipped (null: always). */
  condition: conditionSchema.nullable(),
  /** Remind the approver after this many hours of waiting (null: never). */
  remindAfterHours: z.number().int().min(1).max(720).nullable(),
  /** Hand the step to the approver's manager after this many hours of waiting (null: never). */
  escalateAfterHours: z.number().int().min(1).max(720).nullable(),
});
export type StepDefinition = z.infer<typeof stepDefinitionSchema>;

export const approvalFlowInputSchema = z.object({
  documentType: documentTypeSchema,
  name: textSchema(60).pipe(z.string().min(1, 'required')),
  description: textSchema(500).nullable().optional(),
  /** Flows of one document type are tried in priority order (lowest first); the first whose condition holds is used. */
  priority: z.number().int().min(0).max(9999),
  condition: conditionSchema.nullable(),
  steps: z.array(stepDefinitionSchema).min(1, 'chain_empty').max(20),
  active: z.boolean(),
});
export type ApprovalFlowInput = z.infer<typeof approvalFlowInputSchema>;
export const approvalFlowPatchSchema = approvalFlowInputSchema.omit({ documentType: true }).partial().extend({ version: versionSchema });
export type ApprovalFlowPatch = z.infer<typeof approvalFlowPatchSchema>;

export const approvalFlowSchema = z.object({
  id: z.uuid(),
  documentType: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  priority: z.number().int(),
  condition: conditionSchema.nullable(),
  steps: z.array(stepDefinitionSchema),
  active: z.boolean(),
  /** Every saved edit is a new definition version; instances keep the version they started with. */
  definitionVersion: z.number().int(),
  instancesInFlight: z.number().int(),
  updatedAt: z.string(),
  updatedBy: userRefSchema,
  version: z.number().int(),
});
export type ApprovalFlow = z.infer<typeof approvalFlowSchema>;

export const conditionFieldSchema = z.object({
  key: z.string(),
  type: z.enum(conditionFieldTypes),
  /** Fixed choices (option fields with a closed set). */
  options: z.array(z.string()).optional(),
  /** Option fields whose choices come from an option list (PLAT-7). */
  optionList: z.string().optional(),
});
export type ConditionField = z.infer<typeof conditionFieldSchema>;

/** What the flow editor may build conditions on, per document type. */
export const documentTypeInfoSchema = z.object({
  key: z.string(),
  recordType: z.string(),
  fields: z.array(conditionFieldSchema),
  /** Must every record of this type pass an approval (no applicable flow → refused)? */
  required: z.boolean(),
});
export type DocumentTypeInfo = z.infer<typeof documentTypeInfoSchema>;

export const approvalFlowListQuerySchema = z.object({ documentType: documentTypeSchema.optional() });

// -------------------------------------------------------------------------------------------- instances

export const approvalStatuses = ['pending', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];
export const stepStates = ['waiting', 'pending', 'approved', 'rejected', 'returned', 'skipped', 'cancelled'] as const;
export type StepState = (typeof stepStates)[number];
export const taskStates = ['pending', 'approved', 'rejected', 'returned', 'cancelled', 'escalated'] as const;
export type TaskState = (typeof taskStates)[number];
export const approvalEventKinds = [
  'submitted',
  'resubmitted',
  'approved',
  'rejected',
  'returned',
  'withdrawn',
  'commented',
  'skipped',
  'self_approved',
  'no_approver',
  'reminded',
  'escalated',
  'completed',
] as const;
export type ApprovalEventKind = (typeof approvalEventKinds)[number];

export const approvalSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  documentType: z.string(),
  recordType: z.string(),
  recordId: z.uuid(),
  title: z.string(),
  status: z.enum(approvalStatuses),
  submitter: userRefSchema,
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** The step waiting for a decision (null when the instance has ended or was returned to the submitter). */
  currentStep: z.object({ index: z.number().int(), name: z.string() }).nullable(),
  waitingFor: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  /** The comment of the final rejection or of the return to the submitter. */
  reason: z.string().nullable(),
  version: z.number().int(),
});
export type ApprovalSummary = z.infer<typeof approvalSummarySchema>;

export const approvalTaskSchema = z.object({
  id: z.uuid(),
  approver: z.object({ id: z.uuid(), displayName: z.string() }),
  state: z.enum(taskStates),
  actedBy: userRefSchema,
  /** Set when a delegate acted for the approver. */
  onBehalfOf: userRefSchema,
  comment: z.string().nullable(),
  actedAt: z.string().nullable(),
  escalatedFrom: userRefSchema,
});

export const approvalStepSchema = z.object({
  index: z.number().int(),
  key: z.string(),
  name: z.string(),
  mode: z.enum(approvalModes),
  state: z.enum(stepStates),
  /** Why a skipped step was skipped: its condition did not hold, or the submitter was its only approver. */
  skippedBecause: z.enum(['condition', 'self']).nullable(),
  activatedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  tasks: z.array(approvalTaskSchema),
});

export const approvalEventSchema = z.object({
  id: z.string(),
  kind: z.enum(approvalEventKinds),
  stepIndex: z.number().int().nullable(),
  actor: userRefSchema,
  onBehalfOf: userRefSchema,
  comment: z.string().nullable(),
  at: z.string(),
});
export type ApprovalEvent = z.infer<typeof approvalEventSchema>;

export const approvalDetailSchema = approvalSummarySchema.extend({
  /** What the record looked like when submitted: field → value, for the drawer. */
  fields: z.array(z.object({ field: z.string(), value: z.unknown() })),
  flow: z.object({ id: z.uuid(), name: z.string(), definitionVersion: z.number().int() }),
  steps: z.array(approvalStepSchema),
  events: z.array(approvalEventSchema),
  /** What the caller may do now, so the UI never offers a refused action. */
  actions: z.object({
    approve: z.boolean(),
    reject: z.boolean(),
    return: z.boolean(),
    withdraw: z.boolean(),
    resubmit: z.boolean(),
    comment: z.boolean(),
  }),
  /** Earlier steps the current one may return to (besides the submitter). */
  returnTargets: z.array(z.object({ index: z.number().int(), name: z.string() })),
});
export type ApprovalDetail = z.infer<typeof approvalDetailSchema>;

export const approvalBoxes = ['waiting', 'submitted', 'done', 'record'] as const;
export const approvalListQuerySchema = listQueryBaseSchema.extend({
  /** waiting: for my decision; submitted: by me; done: decided by me; record: every instance of one record. */
  box: z.enum(approvalBoxes).default('waiting'),
  status: z.enum(approvalStatuses).optional(),
  documentType: documentTypeSchema.optional(),
  recordType: queryTextSchema(40).optional(),
  recordId: z.uuid().optional(),
  sort: z.enum(['submittedAt', '-submittedAt']).optional(),
});
export type ApprovalListQuery = z.infer<typeof approvalListQuerySchema>;

export const approvalCountsSchema = z.object({
  /** Steps waiting for my decision (mine or of those who delegate to me). */
  waiting: z.number().int(),
  /** My submissions still pending. */
  submittedPending: z.number().int(),
  /** My submissions returned to me for changes. */
  returned: z.number().int(),
});

const commentSchema = textSchema(1000);
/** `version` (optional) makes the action fail with 409 when the instance moved on since the caller read it. */
export const approvalActionSchema = z.object({ comment: commentSchema.optional(), version: versionSchema.optional() });
export const approvalRejectSchema = z.object({ comment: commentSchema.pipe(z.string().min(1, 'comment_required')), version: versionSchema.optional() });
export const approvalReturnSchema = z.object({
  comment: commentSchema.pipe(z.string().min(1, 'comment_required')),
  /** The earlier step to return to; null or absent: back to the submitter for changes. */
  toStep: z.number().int().min(0).nullable().optional(),
  version: versionSchema.optional(),
});
export const approvalCommentSchema = z.object({ comment: commentSchema.pipe(z.string().min(1, 'comment_required')) });

/** A request that goes to approval may say why; the reason is the submission's comment, seen by every approver. */
export const approvalRequestSchema = z.object({ reason: textSchema(1000).optional() });

/** What DELETE answers when the deletion went to approval instead of happening (202). */
export const approvalSubmittedSchema = z.object({ approval: approvalSummarySchema });
