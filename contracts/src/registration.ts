// Project registration (报备, PRJ-13): the check while a project is typed, the conflicts a new project raises against
// protected ones (same owner organisation, similar site and name), and the arbitration by a manager.
import { z } from 'zod';
import { listQueryBaseSchema, queryTextSchema, textSchema, userRefSchema, versionSchema } from './common';

export const registrationStatuses = ['clear', 'pending', 'granted', 'refused'] as const;
export const registrationDecisions = ['kept_holder', 'granted_newcomer', 'both_allowed'] as const;
export const registrationDecisionSchema = z.enum(registrationDecisions);
export type RegistrationDecision = z.infer<typeof registrationDecisionSchema>;
export const registrationConflictStatuses = ['pending', ...registrationDecisions] as const;

export const registrationCheckQuerySchema = z.object({
  organizationId: z.uuid(),
  name: queryTextSchema(200),
  site: queryTextSchema(200).optional(),
  /** The project being edited, left out of its own matches. */
  excludeId: z.uuid().optional(),
});
export type RegistrationCheckQuery = z.infer<typeof registrationCheckQuerySchema>;

/**
 * A protected project the name matches. Outside the caller's scope only name, owner, protection end and score are
 * given (`accessible: false`, id null): enough to know whose deal it is, nothing of its content.
 */
export const registrationMatchSchema = z.object({
  id: z.uuid().nullable(),
  accessible: z.boolean(),
  number: z.string().nullable(),
  name: z.string(),
  ownerName: z.string().nullable(),
  site: z.string().nullable(),
  status: z.string().nullable(),
  registrationStatus: z.string().nullable(),
  protectedUntil: z.string().nullable(),
  /** Trigram similarity of the name keys, 0–1. */
  score: z.number(),
});
export type RegistrationMatch = z.infer<typeof registrationMatchSchema>;
export const registrationCheckResponseSchema = z.object({ nameKey: z.string(), items: z.array(registrationMatchSchema) });
export type RegistrationCheckResponse = z.infer<typeof registrationCheckResponseSchema>;

/** One side of a conflict; the holder may be out of the arbitrator's scope (then masked as in the check). */
export const registrationProjectSchema = z.object({
  id: z.uuid().nullable(),
  accessible: z.boolean(),
  number: z.string().nullable(),
  name: z.string(),
  ownerName: z.string().nullable(),
  organizationName: z.string().nullable(),
  site: z.string().nullable(),
  status: z.string().nullable(),
  registrationStatus: z.string().nullable(),
  protectedUntil: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type RegistrationProject = z.infer<typeof registrationProjectSchema>;

export const projectRegistrationSchema = z.object({
  id: z.uuid(),
  status: z.enum(registrationConflictStatuses),
  score: z.number(),
  project: registrationProjectSchema,
  holder: registrationProjectSchema,
  requestedBy: userRefSchema,
  decidedBy: userRefSchema,
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ProjectRegistration = z.infer<typeof projectRegistrationSchema>;

export const projectRegistrationListQuerySchema = listQueryBaseSchema.extend({
  status: z.enum(registrationConflictStatuses).optional(),
  projectId: z.uuid().optional(),
});
export type ProjectRegistrationListQuery = z.infer<typeof projectRegistrationListQuerySchema>;

export const registrationDecisionInputSchema = z.object({
  decision: registrationDecisionSchema,
  reason: textSchema(1000).min(1),
  version: versionSchema,
});
export type RegistrationDecisionInput = z.infer<typeof registrationDecisionInputSchema>;
