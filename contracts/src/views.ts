// Saved list views (PLAT-9): a user's filters, columns and sort for one list, one of them the default.
import { z } from 'zod';
import { dateTimeSchema, textSchema, versionSchema } from './common';

/** The lists that can have saved views; a new list adds its key here. */
export const viewListKeys = ['organizations', 'contacts', 'projects'] as const;
export type ViewListKey = (typeof viewListKeys)[number];
export const viewListKeySchema = z.enum(viewListKeys);

/** Filter values as the list keeps them in its URL: parameter name → text. Paging is not part of a view. */
const viewFiltersSchema = z
  .record(z.string().max(60).regex(/^[A-Za-z][\w.]*$/, 'filter_key'), z.string().max(200))
  .refine((filters) => Object.keys(filters).length <= 40, 'too_many_filters')
  .refine((filters) => !('page' in filters) && !('pageSize' in filters) && !('sort' in filters), 'reserved_filter_key');
const viewColumnsSchema = z.array(z.string().min(1).max(60)).max(100);
const viewSortSchema = z.string().max(60).regex(/^-?[A-Za-z][\w.]*$/, 'sort_field').nullable();

export const savedViewSchema = z.object({
  id: z.uuid(),
  listKey: viewListKeySchema,
  name: z.string(),
  filters: z.record(z.string(), z.string()),
  columns: z.array(z.string()),
  sort: z.string().nullable(),
  isDefault: z.boolean(),
  version: z.number().int(),
  createdAt: dateTimeSchema,
  updatedAt: dateTimeSchema,
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewInputSchema = z.object({
  listKey: viewListKeySchema,
  name: textSchema(60).pipe(z.string().min(1)),
  filters: viewFiltersSchema.default({}),
  columns: viewColumnsSchema.default([]),
  sort: viewSortSchema.optional(),
  isDefault: z.boolean().default(false),
});
export type SavedViewInput = z.infer<typeof savedViewInputSchema>;

export const savedViewPatchSchema = z.object({
  name: textSchema(60).pipe(z.string().min(1)).optional(),
  filters: viewFiltersSchema.optional(),
  columns: viewColumnsSchema.optional(),
  sort: viewSortSchema.optional(),
  isDefault: z.boolean().optional(),
  version: versionSchema,
});
export type SavedViewPatch = z.infer<typeof savedViewPatchSchema>;

export const savedViewListQuerySchema = z.object({ listKey: viewListKeySchema });
