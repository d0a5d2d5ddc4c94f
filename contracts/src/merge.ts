// Duplicate check while typing, merging two organisations or two contacts (CUS-3), competitor profiles (CUS-10).
import { z } from 'zod';
import { duplicateCandidateSchema, organizationEditableFields } from './organizations';
import { queryTextSchema, textSchema, versionSchema } from './common';

export const organizationDuplicateQuerySchema = z.object({
  name: queryTextSchema(120).optional(),
  creditCode: queryTextSchema(40).optional(),
  phone: queryTextSchema(40).optional(),
  /** The organisation being edited, which is not its own duplicate. */
  excludeId: z.uuid().optional(),
});
export type OrganizationDuplicateQuery = z.infer<typeof organizationDuplicateQuerySchema>;
export const organizationDuplicatesResponseSchema = z.object({ items: z.array(duplicateCandidateSchema) });

/** Organisation fields a merge chooses one by one: 'keep' takes the kept record's value, 'merge' the other's. */
export const organizationMergeFields = organizationEditableFields;
export type OrganizationMergeField = (typeof organizationMergeFields)[number];

/** Contact fields a merge chooses one by one (the organisation included: the kept contact may move). */
export const contactMergeFields = [
  'name',
  'organizationId',
  'gender',
  'title',
  'department',
  'mobile',
  'phone',
  'email',
  'wechat',
  'birthday',
  'buyingRole',
  'attitude',
  'relationshipLevel',
  'hobbies',
  'familyNotes',
  'personalNotes',
  'revisitOn',
  'tags',
  'customFields',
] as const;
export type ContactMergeField = (typeof contactMergeFields)[number];

const mergeChoiceSchema = z.enum(['keep', 'merge']);
export type MergeChoice = z.infer<typeof mergeChoiceSchema>;

const mergeInputSchema = <T extends readonly [string, ...string[]]>(fields: T) =>
  z
    .object({
      keepId: z.uuid(),
      mergeId: z.uuid(),
      /** Fields not named keep the kept record's value. */
      fields: z.partialRecord(z.enum(fields), mergeChoiceSchema).default({}),
      /** The versions both records were read at: a change meanwhile is a 409. */
      keepVersion: versionSchema,
      mergeVersion: versionSchema,
    })
    .refine((input) => input.keepId !== input.mergeId, { path: ['mergeId'], message: 'same_record' });

export const organizationMergeInputSchema = mergeInputSchema(organizationMergeFields);
export type OrganizationMergeInput = z.infer<typeof organizationMergeInputSchema>;
export const contactMergeInputSchema = mergeInputSchema(contactMergeFields);
export type ContactMergeInput = z.infer<typeof contactMergeInputSchema>;

/** What a merge moved, by kind of related record: the merge page reports it. */
export const mergeResultSchema = z.object({
  keptId: z.uuid(),
  mergedId: z.uuid(),
  moved: z.record(z.string(), z.number().int()),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;

export const priceLevels = ['low', 'medium', 'high'] as const;
const optionalText = (max: number) => textSchema(max).nullable().optional();

export const competitorProfileSchema = z.object({
  organizationId: z.uuid(),
  category: z.string().nullable(),
  products: z.string().nullable(),
  strengths: z.string().nullable(),
  weaknesses: z.string().nullable(),
  /** Relative to our prices. */
  priceLevel: z.enum(priceLevels).nullable(),
  notes: z.string().nullable(),
  /** 0 while no profile was saved yet: the first PUT sends 0. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
});
export type CompetitorProfile = z.infer<typeof competitorProfileSchema>;

export const competitorProfileInputSchema = z.object({
  category: optionalText(80),
  products: optionalText(2000),
  strengths: optionalText(2000),
  weaknesses: optionalText(2000),
  priceLevel: z.enum(priceLevels).nullable().optional(),
  notes: optionalText(2000),
  version: z.number().int().min(0),
});
export type CompetitorProfileInput = z.infer<typeof competitorProfileInputSchema>;
