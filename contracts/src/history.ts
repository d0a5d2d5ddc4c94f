// Field-level history of business records and the security audit log.
import { z } from 'zod';
import { listQueryBaseSchema } from './common';

export const fieldChangeSchema = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });
export const historyEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  changes: z.array(fieldChangeSchema),
  note: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export const historyResponseSchema = z.object({ items: z.array(historyEntrySchema) });

export const auditActions = [
  'login',
  'login_failed',
  'logout',
  'password_changed',
  'password_reset_requested',
  'password_reset',
  'account_locked',
  'export',
  'permission_change',
  'role_assignment',
  'user_created',
  'user_deactivated',
  'transfer',
  'share',
  'delegation',
  'api_token_created',
  'session_revoked',
] as const;
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const auditListQuerySchema = listQueryBaseSchema.extend({
  action: z.enum(auditActions).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const shareSchema = z.object({
  id: z.uuid(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  access: z.enum(['read', 'edit']),
  createdAt: z.string(),
});
export const shareInputSchema = z
  .object({ userId: z.uuid().optional(), departmentId: z.uuid().optional(), access: z.enum(['read', 'edit']) })
  .refine((value) => Boolean(value.userId) !== Boolean(value.departmentId), { path: ['userId'], message: 'user_or_department' });
