// Departments, positions and users: the organisation chart the data scopes are computed from.
import { z } from 'zod';
import { listQueryBaseSchema, localeSchema, textSchema, versionSchema } from './common';

export const positions = ['director', 'manager', 'supervisor', 'rep', 'engineer', 'clerk', 'other'] as const;
export const positionSchema = z.enum(positions);
export type Position = z.infer<typeof positionSchema>;

export const userStatusSchema = z.enum(['active', 'departed']);

export const departmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  headUserId: z.uuid().nullable(),
  sort: z.number().int(),
  active: z.boolean(),
  memberCount: z.number().int(),
  version: z.number().int(),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentInputSchema = z.object({
  name: textSchema(60).pipe(z.string().min(1)),
  parentId: z.uuid().nullable(),
  headUserId: z.uuid().nullable().optional(),
  sort: z.number().int().min(0).max(9999).optional(),
});
export const departmentPatchSchema = departmentInputSchema.partial().extend({ active: z.boolean().optional(), version: versionSchema });

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  position: positionSchema,
  managerId: z.uuid().nullable(),
  managerName: z.string().nullable(),
  status: userStatusSchema,
  locale: localeSchema,
  roleIds: z.array(z.uuid()),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-zA-Z0-9._-]+$/, 'username_format');

export const userInputSchema = z.object({
  username: usernameSchema,
  displayName: textSchema(60).pipe(z.string().min(1)),
  email: z.email().max(120).nullable().optional(),
  phone: textSchema(40).nullable().optional(),
  departmentId: z.uuid(),
  position: positionSchema,
  managerId: z.uuid().nullable().optional(),
  roleIds: z.array(z.uuid()).min(1).max(20),
  locale: localeSchema.optional(),
  /** Initial password; when absent a one-time reset link is e-mailed instead. */
  password: z.string().min(8, 'password_too_short').max(200).optional(),
});
export const userPatchSchema = userInputSchema.omit({ username: true, password: true }).partial().extend({ version: versionSchema });

export const userListQuerySchema = listQueryBaseSchema.extend({
  departmentId: z.uuid().optional(),
  status: userStatusSchema.optional(),
  roleId: z.uuid().optional(),
});

export const transferInputSchema = z.object({
  toUserId: z.uuid(),
  recordTypes: z.array(z.enum(['organization'])).min(1).optional(),
});
export const transferResultSchema = z.object({ transferred: z.record(z.string(), z.number().int()) });

/** all: the delegator's records and approvals; approvals: only their approval steps (an approver away). */
export const delegationScopeSchema = z.enum(['all', 'approvals']);
export const delegationSchema = z.object({
  id: z.uuid(),
  fromUserId: z.uuid(),
  fromUserName: z.string(),
  toUserId: z.uuid(),
  toUserName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string().nullable(),
  scope: delegationScopeSchema,
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const delegationInputSchema = z
  .object({
    fromUserId: z.uuid(),
    toUserId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: textSchema(200).nullable().optional(),
    scope: delegationScopeSchema.optional(),
  })
  .refine((value) => value.endsAt > value.startsAt, { path: ['endsAt'], message: 'ends_before_start' })
  .refine((value) => value.fromUserId !== value.toUserId, { path: ['toUserId'], message: 'same_user' });
