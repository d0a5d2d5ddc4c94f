// Follow-up records and planned activities (ACT-1), field check-in (ACT-6), tasks and the calendar (ACT-2).
import { z } from 'zod';
import { dateTimeSchema, listQueryBaseSchema, queryTextSchema, textSchema, userRefSchema, versionSchema } from './common';

export const activityStatuses = ['planned', 'done', 'cancelled'] as const;
export const activityStatusSchema = z.enum(activityStatuses);
export type ActivityStatus = z.infer<typeof activityStatusSchema>;

/** The option list the activity type is a code of (call, visit, email, wechat, meeting, demo, dinner, other). */
export const ACTIVITY_TYPE_LIST = 'activity_type';

const refSchema = z.object({ id: z.uuid(), name: z.string() }).nullable();

/** A position the browser reported, with the user's consent (ACT-6); absent without it. */
export const geoPointSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** Metres, as the browser reports it. */
  accuracy: z.number().min(0).max(100_000).nullable().optional(),
});
export type GeoPoint = z.infer<typeof geoPointSchema>;

export const checkPointSchema = z.object({ at: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable(), accuracy: z.number().nullable() }).nullable();

export const activitySchema = z.object({
  id: z.uuid(),
  type: z.string(),
  status: activityStatusSchema,
  subject: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  allDay: z.boolean(),
  organization: refSchema,
  project: refSchema,
  contacts: z.array(z.object({ id: z.uuid(), name: z.string() })),
  content: z.string().nullable(),
  outcome: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextAt: z.string().nullable(),
  /** The task the next step became. */
  nextTaskId: z.uuid().nullable(),
  owner: userRefSchema,
  createdBy: userRefSchema,
  doneAt: z.string().nullable(),
  checkin: checkPointSchema,
  checkout: checkPointSchema,
  commentCount: z.number().int(),
  attachmentCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export type Activity = z.infer<typeof activitySchema>;

const optionalText = (max: number) => textSchema(max).nullable().optional();

/**
 * Logging a follow-up (status done, the default) or planning one (status planned). At least one of organisation and
 * project; the project's owner organisation is taken when only the project is given. `ownerId` (someone else's
 * activity) needs the owner to be within the caller's write scope; it defaults to the caller.
 */
export const activityInputSchema = z.object({
  type: z.string().trim().min(1, 'required').max(40),
  status: z.enum(['planned', 'done']).optional(),
  subject: textSchema(200).pipe(z.string().min(1, 'required')),
  startsAt: dateTimeSchema,
  endsAt: dateTimeSchema.nullable().optional(),
  allDay: z.boolean().optional(),
  organizationId: z.uuid().nullable().optional(),
  projectId: z.uuid().nullable().optional(),
  contactIds: z.array(z.uuid()).max(30).optional(),
  content: optionalText(10_000),
  outcome: optionalText(2000),
  nextStep: optionalText(500),
  nextAt: dateTimeSchema.nullable().optional(),
  ownerId: z.uuid().optional(),
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

/** An edit; `status: 'done'` completes a planned activity as a follow-up record (ACT-2), `cancelled` cancels it. */
export const activityPatchSchema = activityInputSchema.omit({ ownerId: true }).partial().extend({ status: activityStatusSchema.optional(), version: versionSchema });
export type ActivityPatch = z.infer<typeof activityPatchSchema>;

/** Check in or out (ACT-6): the time is the server's; the position only with `consent: true`. */
export const checkInputSchema = z
  .object({ consent: z.boolean(), position: geoPointSchema.nullable().optional(), version: versionSchema })
  .refine((value) => value.consent || !value.position, { message: 'position_without_consent', path: ['position'] });
export type CheckInput = z.infer<typeof checkInputSchema>;

export const activityListQuerySchema = listQueryBaseSchema.extend({
  /** Owners to show (within the scope); none: everyone in scope. */
  ownerId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  type: z.string().max(40).optional(),
  status: activityStatusSchema.optional(),
  organizationId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  from: dateTimeSchema.optional(),
  to: dateTimeSchema.optional(),
  /** Only activities with a check-in. */
  checkedIn: z.enum(['true', 'false']).optional(),
});
export type ActivityListQuery = z.infer<typeof activityListQuerySchema>;

// ---------------------------------------------------------------------------------------------------------------------
// Tasks

export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export const taskPriorities = ['high', 'normal', 'low'] as const;
export const taskPrioritySchema = z.enum(taskPriorities);

export const taskSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  dueAt: z.string().nullable(),
  remindAt: z.string().nullable(),
  priority: taskPrioritySchema,
  status: taskStatusSchema,
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
  assignee: userRefSchema,
  createdBy: userRefSchema,
  organization: refSchema,
  project: refSchema,
  contact: refSchema,
  activityId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  canEdit: z.boolean(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskInputSchema = z.object({
  title: textSchema(200).pipe(z.string().min(1, 'required')),
  description: optionalText(4000),
  dueAt: dateTimeSchema.nullable().optional(),
  remindAt: dateTimeSchema.nullable().optional(),
  priority: taskPrioritySchema.optional(),
  /** Defaults to the caller; someone else must be within the caller's scope. */
  assigneeId: z.uuid().optional(),
  organizationId: z.uuid().nullable().optional(),
  projectId: z.uuid().nullable().optional(),
  contactId: z.uuid().nullable().optional(),
});
export type TaskInput = z.infer<typeof taskInputSchema>;

export const taskPatchSchema = taskInputSchema.partial().extend({ status: taskStatusSchema.optional(), version: versionSchema });
export type TaskPatch = z.infer<typeof taskPatchSchema>;

/** mine: assigned to me; assigned: created by me for others; overdue: mine and past due; team: my scope's. */
export const taskViews = ['mine', 'assigned', 'overdue', 'team'] as const;
export const taskListQuerySchema = listQueryBaseSchema.extend({
  view: z.enum(taskViews).default('mine'),
  status: taskStatusSchema.optional(),
  organizationId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  contactId: z.uuid().optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

// ---------------------------------------------------------------------------------------------------------------------
// Calendar

/** mine: my activities and tasks; team: everyone's in my scope (or one user's, or one department's). */
export const calendarQuerySchema = z.object({
  from: dateTimeSchema,
  to: dateTimeSchema,
  view: z.enum(['mine', 'team']).default('mine'),
  userId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  q: queryTextSchema(100).optional(),
});
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export const calendarEntrySchema = z.object({
  kind: z.enum(['activity', 'task']),
  id: z.uuid(),
  title: z.string(),
  /** The activity type code; `task` for tasks. */
  type: z.string(),
  status: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  allDay: z.boolean(),
  owner: userRefSchema,
  organizationName: z.string().nullable(),
  projectName: z.string().nullable(),
  overdue: z.boolean(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

/** Entries are capped (a month of a large team); `truncated` says some were left out. */
export const calendarSchema = z.object({ entries: z.array(calendarEntrySchema), truncated: z.boolean() });
export type Calendar = z.infer<typeof calendarSchema>;
