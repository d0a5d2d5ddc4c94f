// Relationship ties and graphs (CUS-7): organisation ↔ organisation, person ↔ person (a person is a contact or one
// of our users), the graph around one record and the shortest chain of person ties between two people.
import { z } from 'zod';
import { textSchema } from './common';

/** parent_of: from is the parent, to the subsidiary. design_institute_of / supplier_to: from serves to. */
export const organizationTieTypes = ['parent_of', 'partner', 'design_institute_of', 'supplier_to', 'competitor_of', 'custom'] as const;
export const organizationTieTypeSchema = z.enum(organizationTieTypes);
export type OrganizationTieType = z.infer<typeof organizationTieTypeSchema>;

/** reports_to: from reports to to. knows is what one of our users says of a contact. */
export const personTieTypes = ['reports_to', 'friend', 'former_colleague', 'relative', 'knows', 'custom'] as const;
export const personTieTypeSchema = z.enum(personTieTypes);
export type PersonTieType = z.infer<typeof personTieTypeSchema>;

/** The ties whose direction means something; the others read the same both ways (and are unique either way round). */
export const directedTieTypes: readonly string[] = ['parent_of', 'design_institute_of', 'supplier_to', 'reports_to', 'custom'];
/** A contact works at an organisation: the graph's edge between the two kinds (not a tie anyone enters). */
export const EMPLOYMENT_EDGE = 'employment';

export const personKinds = ['contact', 'user'] as const;
export const personKindSchema = z.enum(personKinds);
export type PersonKind = z.infer<typeof personKindSchema>;

/** outgoing: the page's record is the tie's `from`; incoming: its `to` (e.g. adding a parent from the subsidiary's page). */
export const tieDirectionSchema = z.enum(['outgoing', 'incoming']);
export type TieDirection = z.infer<typeof tieDirectionSchema>;

const customLabelRequired = (value: { type: string; label?: string | null | undefined }, context: z.RefinementCtx) => {
  if (value.type === 'custom' && !value.label?.trim()) context.addIssue({ code: 'custom', path: ['label'], message: 'required' });
};

export const organizationTieInputSchema = z
  .object({
    organizationId: z.uuid(),
    type: organizationTieTypeSchema,
    label: textSchema(40).nullish(),
    note: textSchema(500).nullish(),
    direction: tieDirectionSchema.default('outgoing'),
  })
  .superRefine(customLabelRequired);
export type OrganizationTieInput = z.input<typeof organizationTieInputSchema>;

export const tieRemovalSchema = z.object({ note: textSchema(500).nullish() });

/** One end of a tie as the caller may see it: an organisation out of scope is a name only. */
export const tieEndSchema = z.object({
  kind: z.enum(['organization', 'contact', 'user']),
  id: z.uuid(),
  name: z.string(),
  subtitle: z.string().nullable(),
  readable: z.boolean(),
});
export type TieEnd = z.infer<typeof tieEndSchema>;

export const organizationTieSchema = z.object({
  id: z.uuid(),
  type: organizationTieTypeSchema,
  label: z.string().nullable(),
  note: z.string().nullable(),
  direction: tieDirectionSchema,
  other: tieEndSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type OrganizationTie = z.infer<typeof organizationTieSchema>;

export const personTieInputSchema = z
  .object({
    person: z.object({ kind: personKindSchema, id: z.uuid() }),
    type: personTieTypeSchema,
    label: textSchema(40).nullish(),
    strength: z.number().int().min(1).max(5).nullish(),
    note: textSchema(500).nullish(),
    direction: tieDirectionSchema.default('outgoing'),
  })
  .superRefine(customLabelRequired);
export type PersonTieInput = z.input<typeof personTieInputSchema>;

export const personTieSchema = z.object({
  id: z.uuid(),
  type: personTieTypeSchema,
  label: z.string().nullable(),
  strength: z.number().int().nullable(),
  note: z.string().nullable(),
  direction: tieDirectionSchema,
  other: tieEndSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PersonTie = z.infer<typeof personTieSchema>;

export const graphNodeKinds = ['organization', 'contact', 'user'] as const;
export type GraphNodeKind = (typeof graphNodeKinds)[number];

export const graphNodeSchema = z.object({
  /** `<kind>:<uuid>`, so an organisation and a contact never collide. */
  id: z.string(),
  kind: z.enum(graphNodeKinds),
  recordId: z.uuid(),
  name: z.string(),
  /** Organisation: its type code; contact: title · organisation; user: department. */
  subtitle: z.string().nullable(),
  /** Whether the caller may open the record; an organisation outside the scope is a name only. */
  readable: z.boolean(),
  /** Hops from the centre. */
  depth: z.number().int(),
});
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const graphEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** A tie type, or `employment` (contact → organisation). */
  type: z.string(),
  label: z.string().nullable(),
  strength: z.number().int().nullable().optional(),
});
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const graphSchema = z.object({
  centre: z.string(),
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  /** The walk stopped at the node cap: some nodes of the requested depth are not shown. */
  truncated: z.boolean(),
  nodeLimit: z.number().int(),
});
export type Graph = z.infer<typeof graphSchema>;

const tieTypeList = z
  .string()
  .max(300)
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(z.enum([...new Set([...organizationTieTypes, ...personTieTypes])] as [string, ...string[]])));

export const graphQuerySchema = z.object({
  depth: z.coerce.number().int().min(1).max(3).default(2),
  /** Comma-separated tie types to walk; employment edges are always walked. Empty: every type. */
  types: tieTypeList.optional(),
});
export type GraphQuery = z.input<typeof graphQuerySchema>;

const personRefPattern = /^(user|contact):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const personRefSchema = z
  .string()
  .regex(personRefPattern, 'person_ref')
  .transform((value) => {
    const [kind, id] = value.split(':') as [PersonKind, string];
    return { kind, id: id.toLowerCase() };
  });

export const pathQuerySchema = z.object({
  from: personRefSchema,
  to: z
    .string()
    .regex(/^contact:/, 'contact_ref')
    .pipe(personRefSchema),
  maxDepth: z.coerce.number().int().min(1).max(6).default(6),
});

export const pathSchema = z.object({
  found: z.boolean(),
  /** The chain in order, from → to (empty when none within maxDepth). */
  nodes: z.array(graphNodeSchema),
  /** edges[i] joins nodes[i] and nodes[i + 1]; `from` / `to` keep the tie's own direction. */
  edges: z.array(graphEdgeSchema),
});
export type PersonPath = z.infer<typeof pathSchema>;
