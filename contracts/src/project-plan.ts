// A project's plan (PRJ-7): milestones, sub-tasks (optionally under a milestone, with an assignee) and tracking notes.
import { z } from 'zod';
import { dateSchema, textSchema, userRefSchema, versionSchema } from './common';

export const projectTaskStatuses = ['open', 'done'] as const;
export const projectTaskStatusSchema = z.enum(projectTaskStatuses);

const title = textSchema(200).pipe(z.string().min(1, 'required'));

export const projectMilestoneSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  title: z.string(),
  dueOn: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneBy: userRefSchema,
  sort: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type ProjectMilestone = z.infer<typeof projectMilestoneSchema>;

export const projectMilestoneInputSchema = z.object({
  title,
  dueOn: dateSchema.nullable().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
});
export type ProjectMilestoneInput = z.infer<typeof projectMilestoneInputSchema>;

export const projectMilestonePatchSchema = projectMilestoneInputSchema.partial().extend({ done: z.boolean().optional(), version: versionSchema });
export type ProjectMilestonePatch = z.infer<typeof projectMilestonePatchSchema>;

export const projectTaskSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  milestoneId: z.uuid().nullable(),
  title: z.string(),
  assignee: userRefSchema,
  dueOn: z.string().nullable(),
  status: projectTaskStatusSchema,
  doneAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  /** Whether the caller may change it all (project write access) or only tick it off (its assignee). */
  canEdit: z.boolean(),
  canComplete: z.boolean(),
});
export type ProjectTask = z.infer<typeof projectTaskSchema>;

export const projectTaskInputSchema = z.object({
  title,
  milestoneId: z.uuid().nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  dueOn: dateSchema.nullable().optional(),
});
export type ProjectTaskInput = z.infer<typeof projectTaskInputSchema>;

export const projectTaskPatchSchema = projectTaskInputSchema.partial().extend({ status: projectTaskStatusSchema.optional(), version: versionSchema });
export type ProjectTaskPatch = z.infer<typeof projectTaskPatchSchema>;

export const projectNoteSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  body: z.string(),
  author: userRefSchema,
  createdAt: z.string(),
  canDelete: z.boolean(),
});
export type ProjectNote = z.infer<typeof projectNoteSchema>;

export const projectNoteInputSchema = z.object({ body: textSchema(4000).pipe(z.string().min(1, 'required')) });
export type ProjectNoteInput = z.infer<typeof projectNoteInputSchema>;

export const projectPlanItemParamsSchema = z.object({ id: z.uuid(), itemId: z.uuid() });

/** The plan tab in one read. */
export const projectPlanSchema = z.object({
  milestones: z.array(projectMilestoneSchema),
  tasks: z.array(projectTaskSchema),
  notes: z.array(projectNoteSchema),
  /** Whether the caller may add and change plan items (project write access and project.edit). */
  canEdit: z.boolean(),
});
export type ProjectPlan = z.infer<typeof projectPlanSchema>;

/** The notification an assignee gets (params: projectId, projectNumber, projectName, taskTitle, by). */
export const PROJECT_TASK_ASSIGNED_NOTIFICATION = 'project_task_assigned';
