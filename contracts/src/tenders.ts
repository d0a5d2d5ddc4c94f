// Tenders (投标, PRJ-12) under a project: the bid / no-bid decision with its reason, the deadlines, our bid, every
// bidder with their price at the opening, the result; bidders' prices over time make the price history.
import { z } from 'zod';
import { dateSchema, dateTimeSchema, textSchema, userRefSchema, versionSchema, queryTextSchema } from './common';

export const tenderBidDecisions = ['pending', 'bid', 'no_bid'] as const;
export const tenderResults = ['pending', 'won', 'lost', 'cancelled'] as const;
export const tenderBidderResults = ['won', 'lost', 'disqualified'] as const;

/** A non-negative price with at most two decimals, as a decimal string. */
export const tenderPriceSchema = z.string().trim().regex(/^\d{1,16}(\.\d{1,2})?$/, 'amount_format');
const refSchema = z.object({ id: z.uuid(), name: z.string() });
const nullableText = (max: number) => textSchema(max).nullable().optional();

export const tenderBidderSchema = z.object({
  id: z.uuid(),
  organization: refSchema.nullable(),
  bidderName: z.string(),
  isUs: z.boolean(),
  price: z.string().nullable(),
  rank: z.number().int().nullable(),
  result: z.enum(tenderBidderResults).nullable(),
  notes: z.string().nullable(),
});
export type TenderBidder = z.infer<typeof tenderBidderSchema>;

export const tenderSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  projectId: z.uuid(),
  title: z.string(),
  tendererOrganization: refSchema.nullable(),
  bidDecision: z.enum(tenderBidDecisions),
  decisionReason: z.string().nullable(),
  decidedBy: userRefSchema,
  decidedAt: z.string().nullable(),
  noticeOn: z.string().nullable(),
  questionsDueAt: z.string().nullable(),
  submissionDueAt: z.string().nullable(),
  openingAt: z.string().nullable(),
  productLine: z.string().nullable(),
  region: z.string().nullable(),
  ourPrice: z.string().nullable(),
  currency: z.string(),
  result: z.enum(tenderResults),
  winnerOrganization: refSchema.nullable(),
  winningPrice: z.string().nullable(),
  notes: z.string().nullable(),
  bidders: z.array(tenderBidderSchema),
  documentCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Tender = z.infer<typeof tenderSchema>;

export const tenderInputSchema = z.object({
  title: textSchema(200).pipe(z.string().min(2, 'too_short')),
  tendererOrganizationId: z.uuid().nullable().optional(),
  noticeOn: dateSchema.nullable().optional(),
  questionsDueAt: dateTimeSchema.nullable().optional(),
  submissionDueAt: dateTimeSchema.nullable().optional(),
  openingAt: dateTimeSchema.nullable().optional(),
  /** Option code of list product_line; region of list region. */
  productLine: nullableText(40),
  region: nullableText(40),
  ourPrice: tenderPriceSchema.nullable().optional(),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, 'currency_format').optional(),
  notes: nullableText(4000),
});
export type TenderInput = z.infer<typeof tenderInputSchema>;
export const tenderEditableFields = [
  'title', 'tendererOrganizationId', 'noticeOn', 'questionsDueAt', 'submissionDueAt', 'openingAt', 'productLine', 'region', 'ourPrice', 'currency', 'notes',
] as const satisfies readonly (keyof TenderInput)[];
export const tenderPatchSchema = tenderInputSchema.partial().extend({ version: versionSchema });
export type TenderPatch = z.infer<typeof tenderPatchSchema>;

export const tenderParamsSchema = z.object({ id: z.uuid(), tenderId: z.uuid() });
export const tenderVersionSchema = z.object({ version: versionSchema });

/** Bid or not, and why (required): needs write access to the project. */
export const tenderDecisionInputSchema = z.object({
  decision: z.enum(['bid', 'no_bid']),
  reason: textSchema(1000).pipe(z.string().min(1, 'required')),
  version: versionSchema,
});
export type TenderDecisionInput = z.infer<typeof tenderDecisionInputSchema>;

export const tenderBidderInputSchema = z
  .object({
    organizationId: z.uuid().nullable().optional(),
    /** Required when no organisation is given; otherwise the organisation's name is used. */
    bidderName: nullableText(200),
    isUs: z.boolean().optional(),
    price: tenderPriceSchema.nullable().optional(),
    rank: z.number().int().min(1).max(999).nullable().optional(),
    result: z.enum(tenderBidderResults).nullable().optional(),
    notes: nullableText(500),
  })
  .refine((value) => Boolean(value.organizationId) || Boolean(value.bidderName), { path: ['bidderName'], message: 'required' });
export type TenderBidderInput = z.infer<typeof tenderBidderInputSchema>;
/** The full list of bidders (replaces the old one). */
export const tenderBiddersInputSchema = z.object({ bidders: z.array(tenderBidderInputSchema).max(100), version: versionSchema });
export type TenderBiddersInput = z.infer<typeof tenderBiddersInputSchema>;

/** The opening result. Lost does not close the project: its owner closes it (PRJ-9) with the reason and lessons. */
export const tenderResultInputSchema = z.object({
  result: z.enum(tenderResults),
  winnerOrganizationId: z.uuid().nullable().optional(),
  winningPrice: tenderPriceSchema.nullable().optional(),
  version: versionSchema,
});
export type TenderResultInput = z.infer<typeof tenderResultInputSchema>;

export const tenderPriceHistoryQuerySchema = z.object({
  productLine: queryTextSchema(40).optional(),
  region: queryTextSchema(40).optional(),
  from: z.iso.date('date_format').optional(),
  to: z.iso.date('date_format').optional(),
});
export type TenderPriceHistoryQuery = z.infer<typeof tenderPriceHistoryQuerySchema>;

/** One bidder's price at one opening (the tender's opening date, else its submission deadline, else its creation). */
export const tenderPricePointSchema = z.object({
  tenderId: z.uuid(),
  tenderNumber: z.string(),
  tenderTitle: z.string(),
  projectId: z.uuid(),
  date: z.string(),
  bidder: z.string(),
  organizationId: z.uuid().nullable(),
  isUs: z.boolean(),
  price: z.string(),
  rank: z.number().int().nullable(),
  result: z.string().nullable(),
  productLine: z.string().nullable(),
  region: z.string().nullable(),
});
export type TenderPricePoint = z.infer<typeof tenderPricePointSchema>;
export const tenderPriceHistorySchema = z.object({ items: z.array(tenderPricePointSchema), truncated: z.boolean() });
export type TenderPriceHistory = z.infer<typeof tenderPriceHistorySchema>;
