// Contacts (联系人, CUS-2): people at organisations, their buying role, attitude, relationship level and job history.
import { z } from 'zod';
import { customFieldValuesSchema } from './config';
import { listQueryBaseSchema, queryTextSchema, textSchema, versionSchema } from './common';

/** 决策者, 技术评估, 使用者, 采购, 财务, 教练 / 内线 (000 #2). */
export const buyingRoles = ['decision_maker', 'technical_evaluator', 'user', 'procurement', 'finance', 'coach'] as const;
export const buyingRoleSchema = z.enum(buyingRoles);
export type BuyingRole = z.infer<typeof buyingRoleSchema>;
/** 支持, 中立, 反对. */
export const contactAttitudes = ['supporter', 'neutral', 'opponent'] as const;
export const contactAttitudeSchema = z.enum(contactAttitudes);
export type ContactAttitude = z.infer<typeof contactAttitudeSchema>;
export const contactGenders = ['male', 'female'] as const;

export const contactOrganizationRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const contactSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  organization: contactOrganizationRefSchema,
  name: z.string(),
  gender: z.enum(contactGenders).nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  /** YYYY-MM-DD. */
  birthday: z.string().nullable(),
  buyingRole: buyingRoleSchema.nullable(),
  attitude: contactAttitudeSchema.nullable(),
  /** 1 (just met) … 5 (trusted). */
  relationshipLevel: z.number().int().min(1).max(5).nullable(),
  hobbies: z.string().nullable(),
  familyNotes: z.string().nullable(),
  personalNotes: z.string().nullable(),
  /** Next planned revisit (YYYY-MM-DD): a reminder to the organisation's owner on the day (CUS-9). */
  revisitOn: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: customFieldValuesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** What the caller may do with this contact: follows the write access to its organisation. */
  access: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type Contact = z.infer<typeof contactSchema>;

const nullableText = (max: number) => textSchema(max).nullable().optional();
const phoneText = textSchema(40).regex(/^[0-9+\-() ]*$/, 'phone_format').nullable().optional();

/** A birthday is a real date, not in the future (the server checks "future" against its clock as well). */
const birthdaySchema = z.iso
  .date('date_format')
  .refine((value) => value <= new Date().toISOString().slice(0, 10), 'birthday_in_future')
  .refine((value) => value >= '1900-01-01', 'date_format');

export const contactInputSchema = z.object({
  organizationId: z.uuid(),
  name: textSchema(60).pipe(z.string().min(1, 'required')),
  gender: z.enum(contactGenders).nullable().optional(),
  title: nullableText(60),
  department: nullableText(60),
  mobile: phoneText,
  phone: phoneText,
  email: textSchema(120).pipe(z.email('email_format')).nullable().optional(),
  wechat: nullableText(60),
  birthday: birthdaySchema.nullable().optional(),
  buyingRole: buyingRoleSchema.nullable().optional(),
  attitude: contactAttitudeSchema.nullable().optional(),
  relationshipLevel: z.number().int().min(1).max(5).nullable().optional(),
  hobbies: nullableText(500),
  familyNotes: nullableText(2000),
  personalNotes: nullableText(2000),
  revisitOn: z.iso.date('date_format').nullable().optional(),
  tags: z.array(textSchema(20).pipe(z.string().min(1))).max(20).optional(),
  customFields: customFieldValuesSchema.optional(),
  /** Save even though the duplicate check found likely matches (API.md). */
  confirmDuplicate: z.boolean().optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;
/** A new organizationId is a job change: the old position is closed and kept (CUS-2). */
export const contactPatchSchema = contactInputSchema.partial().extend({ version: versionSchema });
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export const contactSortFields = ['name', 'createdAt', 'updatedAt', 'number', 'relationshipLevel', 'birthday'] as const;
export const contactListQuerySchema = listQueryBaseSchema.extend({
  organizationId: z.uuid().optional(),
  buyingRole: buyingRoleSchema.optional(),
  attitude: contactAttitudeSchema.optional(),
  relationshipLevel: z.coerce.number().int().min(1).max(5).optional(),
  tag: queryTextSchema(20).optional(),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${contactSortFields.join('|')})$`), 'sort_field')
    .optional(),
  /** Custom field filters arrive as `cf.<key>=<value>`; the service validates them against definitions. */
}).catchall(queryTextSchema(100));
export type ContactListQuery = z.infer<typeof contactListQuerySchema>;

export const contactDuplicateCandidateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  score: z.number(),
  reason: z.enum(['mobile', 'email', 'name']),
});
export type ContactDuplicateCandidate = z.infer<typeof contactDuplicateCandidateSchema>;

/** One job: where the contact worked and as what; `endedAt` null is the current position. */
export const contactPositionSchema = z.object({
  id: z.uuid(),
  organization: contactOrganizationRefSchema,
  /** False when the caller may not open that organisation (it stays named: it is the contact's own history). */
  organizationReadable: z.boolean(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type ContactPosition = z.infer<typeof contactPositionSchema>;
export const contactPositionsResponseSchema = z.object({ items: z.array(contactPositionSchema) });
