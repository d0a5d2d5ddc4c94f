import { z } from 'zod';
import { textSchema, versionSchema } from './common';
import { dataScopeSchema, permissionSchema } from './permissions';

export const roleSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  builtin: z.boolean(),
  permissions: z.array(permissionSchema),
  scopes: z.record(z.string(), dataScopeSchema),
  visibleProtectedFields: z.array(z.string()),
  userCount: z.number().int(),
  version: z.number().int(),
});
export type Role = z.infer<typeof roleSchema>;

export const roleInputSchema = z.object({
  code: z.string().trim().min(2).max(40).regex(/^[a-z][a-z0-9_]*$/, 'code_format'),
  name: textSchema(60).pipe(z.string().min(1)),
  description: textSchema(300).nullable().optional(),
  permissions: z.array(permissionSchema).max(200),
  /**
   * The customer scope, and optionally one per other record type; a role without one reaches projects, activities and
   * work reports as far as customers (roles.service.ts).
   */
  scopes: z.object({
    organization: dataScopeSchema,
    project: dataScopeSchema.optional(),
    activity: dataScopeSchema.optional(),
    work_report: dataScopeSchema.optional(),
  }),
  visibleProtectedFields: z.array(z.string().max(80)).max(100).default([]),
});
export const rolePatchSchema = roleInputSchema.omit({ code: true }).partial().extend({ version: versionSchema });
