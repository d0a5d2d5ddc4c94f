import { z } from 'zod';
import { localeSchema } from './common';
import { permissionSchema, dataScopeSchema } from './permissions';

export const loginInputSchema = z.object({
  username: z.string().trim().min(1).max(120),
  password: z.string().min(1).max(200),
});

export const passwordSchema = z.string().min(8, 'password_too_short').max(200);

export const currentUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: localeSchema,
  departmentId: z.uuid().nullable(),
  departmentName: z.string().nullable(),
  position: z.string(),
  roles: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  permissions: z.array(permissionSchema),
  scopes: z.record(z.string(), dataScopeSchema),
  visibleProtectedFields: z.array(z.string()),
  mustChangePassword: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const loginResponseSchema = z.object({ user: currentUserSchema, token: z.string() });

export const changePasswordInputSchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema });
export const forgotPasswordInputSchema = z.object({ login: z.string().trim().min(1).max(120) });
export const resetPasswordInputSchema = z.object({ token: z.string().min(20).max(200), newPassword: passwordSchema });
export const updateProfileInputSchema = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  email: z.email().max(120).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  locale: localeSchema.optional(),
});

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const createApiTokenInputSchema = z.object({ name: z.string().trim().min(1).max(60), expiresInDays: z.number().int().min(1).max(3650).optional() });
export const sessionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['session', 'api_token']),
  name: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  current: z.boolean(),
});
