// Shared building blocks of every request and response schema.
import { z } from 'zod';

export const idSchema = z.uuid();
export const idParamsSchema = z.object({ id: z.uuid() });

/** ISO date without time, as API.md prescribes. */
export const dateSchema = z.iso.date();
export const dateTimeSchema = z.iso.datetime({ offset: true });

/** Money travels as a decimal string, never a float. */
export const moneySchema = z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'money_format');

/** Free text: trimmed, bounded; control characters other than newline and tab are refused. */
export const textSchema = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(value), 'control_characters');

export const versionSchema = z.number().int().min(1);

/** A text filter in a query string: bounded, and without control characters (the database refuses NUL). */
export const queryTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !/[\u0000-\u001F\u007F]/.test(value), 'control_characters');

export const listQueryBaseSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.string().max(60).optional(),
  q: queryTextSchema(100).optional(),
});
export type ListQueryBase = z.infer<typeof listQueryBaseSchema>;

export const listResponseSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type ListResponse<T> = { items: T[]; total: number; page: number; pageSize: number };

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  candidates: z.array(z.unknown()).optional(),
  /** With `account_locked`: when sign-in opens again. */
  lockedUntil: z.string().optional(),
  /** The numbers behind a business-rule refusal (a limit, a date), for the translated message. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** With `stage_gate_unmet`: every unmet criterion of every stage passed (see methodology.ts gateCriterionStatusSchema). */
  unmet: z.array(z.unknown()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const userRefSchema = z.object({ id: z.uuid(), displayName: z.string() }).nullable();
export type UserRef = z.infer<typeof userRefSchema>;

export const localeSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof localeSchema>;
