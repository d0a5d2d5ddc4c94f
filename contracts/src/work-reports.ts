// Work reports (ACT-4), comment threads (ACT-3), the coaching view and team visibility (ACT-5).
import { z } from 'zod';
import { dateSchema, listQueryBaseSchema, textSchema, userRefSchema, versionSchema } from './common';
import { activitySchema } from './activities';

export const workReportKinds = ['daily', 'weekly'] as const;
export const workReportKindSchema = z.enum(workReportKinds);
export type WorkReportKind = z.infer<typeof workReportKindSchema>;

export const workReportSchema = z.object({
  id: z.uuid(),
  user: userRefSchema,
  kind: workReportKindSchema,
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(['draft', 'submitted']),
  summary: z.string(),
  problems: z.string().nullable(),
  plans: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** The period's activities of the author, as counted when read. */
  activityCount: z.number().int(),
  commentCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export type WorkReport = z.infer<typeof workReportSchema>;

/**
 * Opens the caller's report of the period containing `date` — the existing one, or a new draft whose summary lists the
 * period's activities (type, customer, project, subject, outcome) and whose plan lists the open tasks and planned
 * activities of the next period.
 */
export const workReportDraftInputSchema = z.object({ kind: workReportKindSchema, date: dateSchema });
export type WorkReportDraftInput = z.infer<typeof workReportDraftInputSchema>;

export const workReportPatchSchema = z.object({
  summary: textSchema(20_000).optional(),
  problems: textSchema(5000).nullable().optional(),
  plans: textSchema(5000).nullable().optional(),
  /** true: submit (a submitted report can no longer be edited). */
  submit: z.boolean().optional(),
  version: versionSchema,
});
export type WorkReportPatch = z.infer<typeof workReportPatchSchema>;

export const workReportListQuerySchema = listQueryBaseSchema.extend({
  kind: workReportKindSchema.optional(),
  userId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(['draft', 'submitted']).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});
export type WorkReportListQuery = z.infer<typeof workReportListQuerySchema>;

/** Who in the caller's scope has not submitted the report of a period (ACT-4). */
export const missingReportsQuerySchema = z.object({ kind: workReportKindSchema, date: dateSchema, departmentId: z.uuid().optional() });
export type MissingReportsQuery = z.infer<typeof missingReportsQuerySchema>;
export const missingReportsSchema = z.object({
  kind: workReportKindSchema,
  periodStart: z.string(),
  periodEnd: z.string(),
  expected: z.number().int(),
  submitted: z.number().int(),
  missing: z.array(z.object({ user: userRefSchema, departmentName: z.string().nullable(), status: z.enum(['none', 'draft']) })),
});
export type MissingReports = z.infer<typeof missingReportsSchema>;

// ---------------------------------------------------------------------------------------------------------------------
// Comments (点评)

export const commentableTypes = ['activity', 'work_report'] as const;
export const commentableTypeSchema = z.enum(commentableTypes);
export type CommentableType = z.infer<typeof commentableTypeSchema>;

export const commentSchema = z.object({
  id: z.uuid(),
  recordType: commentableTypeSchema,
  recordId: z.uuid(),
  author: userRefSchema,
  body: z.string(),
  createdAt: z.string(),
  canDelete: z.boolean(),
});
export type Comment = z.infer<typeof commentSchema>;
export const commentInputSchema = z.object({ body: textSchema(4000).pipe(z.string().min(1, 'required')) });
export type CommentInput = z.infer<typeof commentInputSchema>;
export const commentParamsSchema = z.object({ recordType: commentableTypeSchema, recordId: z.uuid() });

/** The coaching view (ACT-3): one rep's recent activities and reports, each with its comments. */
export const coachingQuerySchema = z.object({ userId: z.uuid(), days: z.coerce.number().int().min(1).max(92).default(14) });
export const coachingSchema = z.object({
  user: userRefSchema,
  activities: z.array(activitySchema.extend({ comments: z.array(commentSchema) })),
  reports: z.array(workReportSchema.extend({ comments: z.array(commentSchema) })),
});
export type Coaching = z.infer<typeof coachingSchema>;

// ---------------------------------------------------------------------------------------------------------------------
// Team visibility (ACT-5)

export const teamActivityQuerySchema = z.object({
  from: dateSchema,
  to: dateSchema,
  departmentId: z.uuid().optional(),
  /** Customers owned by the rep and not contacted for this many days are counted (and listed on drill-down). */
  idleDays: z.coerce.number().int().min(1).max(365).default(30),
});
export type TeamActivityQuery = z.infer<typeof teamActivityQuerySchema>;

export const teamActivityRowSchema = z.object({
  user: userRefSchema,
  departmentName: z.string().nullable(),
  /** Done activities by type code. */
  byType: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  planned: z.number().int(),
  organizationsTouched: z.number().int(),
  projectsTouched: z.number().int(),
  /** Minutes of done activities that have an end. */
  minutes: z.number().int(),
  checkins: z.number().int(),
  /** Customers the rep owns with no follow-up for `idleDays` (or never). */
  idleOrganizations: z.number().int(),
});
export type TeamActivityRow = z.infer<typeof teamActivityRowSchema>;
export const teamActivitySchema = z.object({
  from: z.string(),
  to: z.string(),
  idleDays: z.number().int(),
  rows: z.array(teamActivityRowSchema),
  totals: teamActivityRowSchema.omit({ user: true, departmentName: true }),
});
export type TeamActivity = z.infer<typeof teamActivitySchema>;

/** Drill-down: the customers of one rep not contacted for `idleDays`. */
export const idleOrganizationsQuerySchema = z.object({ userId: z.uuid(), idleDays: z.coerce.number().int().min(1).max(365).default(30) });
export const idleOrganizationSchema = z.object({ id: z.uuid(), name: z.string(), lastActivityAt: z.string().nullable(), grade: z.string().nullable() });
export type IdleOrganization = z.infer<typeof idleOrganizationSchema>;
/** The drill-down's answer: at most 200, the longest without follow-up (or never followed up) first; `total` counts all. */
export const idleOrganizationListSchema = z.object({ user: userRefSchema, idleDays: z.number().int(), items: z.array(idleOrganizationSchema), total: z.number().int() });
export type IdleOrganizationList = z.infer<typeof idleOrganizationListSchema>;

/** A thread, oldest first. */
export const commentListSchema = z.object({ items: z.array(commentSchema) });
export type CommentList = z.infer<typeof commentListSchema>;
