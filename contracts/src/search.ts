// Global search (PLAT-9): one box across record types; results grouped by type, each within the caller's scope.
import { z } from 'zod';
import { queryTextSchema } from './common';

/** Record types the search knows. A later module adds its type here and registers a provider on the server. */
export const searchTypes = ['organization', 'contact', 'project', 'activity'] as const;
export type SearchType = (typeof searchTypes)[number];
export const searchTypeSchema = z.enum(searchTypes);

/** Which field a result matched on, so the box can say why it is there. */
export const searchMatchFields = ['name', 'shortName', 'pinyin', 'initials', 'phone', 'mobile', 'email', 'creditCode', 'number'] as const;
export type SearchMatchField = (typeof searchMatchFields)[number];

export const searchQuerySchema = z.object({
  q: queryTextSchema(100),
  /** Comma-separated types to search (`organization,contact`); all the caller may see when absent. */
  types: z
    .string()
    .max(200)
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      const parts = value.split(',').map((part) => part.trim()).filter(Boolean);
      const unknown = parts.filter((part) => !(searchTypes as readonly string[]).includes(part));
      if (unknown.length > 0) {
        context.addIssue({ code: 'custom', message: 'unknown_search_type' });
        return z.NEVER;
      }
      return parts as SearchType[];
    }),
  /** Results per type. */
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchItemSchema = z.object({
  id: z.uuid(),
  type: searchTypeSchema,
  title: z.string(),
  subtitle: z.string().nullable(),
  /** The web app's path of the record. */
  link: z.string(),
  matchedOn: z.enum(searchMatchFields),
});
export type SearchItem = z.infer<typeof searchItemSchema>;

export const searchGroupSchema = z.object({ type: searchTypeSchema, items: z.array(searchItemSchema) });
export type SearchGroup = z.infer<typeof searchGroupSchema>;

/** `groups` for the box; `items` is the same results in one flat list (API.md's shape for scripts). */
export const searchResponseSchema = z.object({ q: z.string(), groups: z.array(searchGroupSchema), items: z.array(searchItemSchema) });
export type SearchResponse = z.infer<typeof searchResponseSchema>;
