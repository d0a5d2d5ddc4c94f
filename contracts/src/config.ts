// Configuration: option lists, numbering rules, company settings and custom field definitions.
import { z } from 'zod';
import { textSchema, versionSchema } from './common';

export const optionListKeys = ['industry', 'source', 'region', 'scale', 'credit_rating', 'product_line', 'project_win_reason', 'project_loss_reason', 'project_suspend_reason', 'activity_type'] as const;
export const optionListKeySchema = z.enum(optionListKeys);
export type OptionListKey = z.infer<typeof optionListKeySchema>;

export const optionSchema = z.object({
  id: z.uuid(),
  listKey: optionListKeySchema,
  code: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Option = z.infer<typeof optionSchema>;
export const optionInputSchema = z.object({
  listKey: optionListKeySchema,
  code: z.string().trim().min(1).max(40).regex(/^[a-z0-9_]+$/, 'code_format'),
  labelZh: textSchema(60).pipe(z.string().min(1)),
  labelEn: textSchema(60).pipe(z.string().min(1)),
  sort: z.number().int().min(0).max(9999).optional(),
});
export const optionPatchSchema = optionInputSchema.omit({ listKey: true, code: true }).partial().extend({ active: z.boolean().optional(), version: versionSchema });

export const numberingResets = ['never', 'yearly', 'monthly'] as const;
/** A pattern such as `ORG-{yyyy}-{seq:5}`; `{yyyy}`, `{yy}`, `{mm}` and `{seq:N}` are understood. */
export const numberingPatternSchema = z
  .string()
  .trim()
  .min(3)
  .max(60)
  .refine((pattern) => /\{seq(:\d)?\}/.test(pattern), 'pattern_needs_seq')
  .refine((pattern) => !/\{(?!yyyy\}|yy\}|mm\}|seq(:\d)?\})/.test(pattern), 'pattern_unknown_token');
export const numberingRuleSchema = z.object({
  id: z.uuid(),
  recordType: z.string(),
  pattern: z.string(),
  reset: z.enum(numberingResets),
  preview: z.string(),
  version: z.number().int(),
});
export const numberingRulePatchSchema = z.object({ pattern: numberingPatternSchema.optional(), reset: z.enum(numberingResets).optional(), version: versionSchema });

export const settingsSchema = z.object({
  companyName: z.string(),
  companyShortName: z.string(),
  companyAddress: z.string(),
  companyPhone: z.string(),
  currency: z.string().length(3),
  dateFormat: z.enum(['YYYY-MM-DD', 'YYYY/MM/DD', 'DD/MM/YYYY', 'MM/DD/YYYY']),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  timeZone: z.string(),
  defaultLocale: z.enum(['zh-CN', 'en']),
  version: z.number().int(),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatchSchema = z.object({
  companyName: textSchema(120).optional(),
  companyShortName: textSchema(60).optional(),
  companyAddress: textSchema(200).optional(),
  companyPhone: textSchema(40).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency_code').optional(),
  dateFormat: settingsSchema.shape.dateFormat.optional(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
  timeZone: z
    .string()
    .max(60)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'time_zone_unknown')
    .optional(),
  defaultLocale: z.enum(['zh-CN', 'en']).optional(),
  version: versionSchema,
});

export const customFieldTypes = ['text', 'long_text', 'number', 'money', 'date', 'select', 'multi_select', 'user'] as const;
export const customFieldTypeSchema = z.enum(customFieldTypes);
export type CustomFieldType = z.infer<typeof customFieldTypeSchema>;
export const customFieldRecordTypes = ['organization', 'contact'] as const;

export const customFieldSchema = z.object({
  id: z.uuid(),
  recordType: z.enum(customFieldRecordTypes),
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  type: customFieldTypeSchema,
  options: z.array(z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() })),
  required: z.boolean(),
  showInList: z.boolean(),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type CustomField = z.infer<typeof customFieldSchema>;
const customFieldOptionInput = z.object({
  code: z.string().trim().min(1).max(40).regex(/^[a-z0-9_]+$/, 'code_format'),
  labelZh: textSchema(60).pipe(z.string().min(1)),
  labelEn: textSchema(60).pipe(z.string().min(1)),
});
export const customFieldInputSchema = z
  .object({
    recordType: z.enum(customFieldRecordTypes),
    key: z.string().trim().min(2).max(40).regex(/^[a-z][a-zA-Z0-9]*$/, 'key_format'),
    labelZh: textSchema(60).pipe(z.string().min(1)),
    labelEn: textSchema(60).pipe(z.string().min(1)),
    type: customFieldTypeSchema,
    options: z.array(customFieldOptionInput).max(100).default([]),
    required: z.boolean().default(false),
    showInList: z.boolean().default(false),
    sort: z.number().int().min(0).max(9999).default(0),
  })
  .refine((field) => !['select', 'multi_select'].includes(field.type) || field.options.length > 0, {
    path: ['options'],
    message: 'options_required',
  });
export const customFieldPatchSchema = z.object({
  labelZh: textSchema(60).pipe(z.string().min(1)).optional(),
  labelEn: textSchema(60).pipe(z.string().min(1)).optional(),
  options: z.array(customFieldOptionInput).max(100).optional(),
  required: z.boolean().optional(),
  showInList: z.boolean().optional(),
  sort: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional(),
  version: versionSchema,
});
/** Values of custom fields on any record: validated per definition by the server. */
export const customFieldValuesSchema = z.record(z.string().max(40), z.unknown());
