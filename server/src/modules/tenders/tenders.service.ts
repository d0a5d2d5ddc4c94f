// Tenders under a project (PRJ-12): create, edit, soft delete, the bid / no-bid decision, the bidders at the opening
// and the result. Every read goes through the project's access (projectInScope); every write needs write access to
// the project, locks the tender, compares its version, writes history and tells the score hooks (projectChanged).
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  tenderEditableFields,
  type Tender,
  type TenderBiddersInput,
  type TenderDecisionInput,
  type TenderInput,
  type TenderPatch,
  type TenderResultInput,
} from '@openpsm/contracts';
import type { Db, DbOrTx, Tx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { nextNumber } from '../../platform/config/numbering.service';
import { unknownOptionValues } from '../../platform/config/options.service';
import { AppError, notFound, staleVersion, type FieldProblem } from '../../platform/errors';
import { countAttachments } from '../../platform/files/attachments.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';
import { projectInScope, writableProject } from '../projects/project-access';
import { projectChanged } from '../projects/project-hooks';
import { tenderBidders, tenders } from './tenders.table';

export const TENDER = 'tender';
type TenderRow = typeof tenders.$inferSelect;

async function organizationNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name]));
}

const ref = (id: string | null, names: Map<string, string>) => (id ? { id, name: names.get(id) ?? '' } : null);

/** Tenders with their bidders, organisation names, decider and document counts, in two or three statements. */
async function toTenders(db: DbOrTx, rows: TenderRow[]): Promise<Tender[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [bidders, documents, deciders] = await Promise.all([
    db.select().from(tenderBidders).where(inArray(tenderBidders.tenderId, ids)).orderBy(asc(sql`coalesce(${tenderBidders.rank}, 32767)`), asc(tenderBidders.createdAt), asc(tenderBidders.id)),
    countAttachments(db, TENDER, ids),
    (async () => {
      const deciderIds = [...new Set(rows.map((row) => row.decidedBy).filter((id): id is string => Boolean(id)))];
      if (deciderIds.length === 0) return new Map<string, string>();
      const found = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, deciderIds));
      return new Map(found.map((user) => [user.id, user.name]));
    })(),
  ]);
  const names = await organizationNames(db, [...rows.flatMap((row) => [row.tendererOrganizationId, row.winnerOrganizationId]), ...bidders.map((bidder) => bidder.organizationId)]);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    projectId: row.projectId,
    title: row.title,
    tendererOrganization: ref(row.tendererOrganizationId, names),
    bidDecision: row.bidDecision as Tender['bidDecision'],
    decisionReason: row.decisionReason,
    decidedBy: row.decidedBy ? { id: row.decidedBy, displayName: deciders.get(row.decidedBy) ?? '' } : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    noticeOn: row.noticeOn,
    questionsDueAt: row.questionsDueAt?.toISOString() ?? null,
    submissionDueAt: row.submissionDueAt?.toISOString() ?? null,
    openingAt: row.openingAt?.toISOString() ?? null,
    productLine: row.productLine,
    region: row.region,
    ourPrice: row.ourPrice,
    currency: row.currency,
    result: row.result as Tender['result'],
    winnerOrganization: ref(row.winnerOrganizationId, names),
    winningPrice: row.winningPrice,
    notes: row.notes,
    bidders: bidders
      .filter((bidder) => bidder.tenderId === row.id)
      .map((bidder) => ({
        id: bidder.id,
        organization: ref(bidder.organizationId, names),
        bidderName: bidder.bidderName,
        isUs: bidder.isUs,
        price: bidder.price,
        rank: bidder.rank,
        result: bidder.result as Tender['bidders'][number]['result'],
        notes: bidder.notes,
      })),
    documentCount: documents.get(row.id) ?? 0,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function listTenders(db: DbOrTx, actor: Actor, projectId: string): Promise<{ items: Tender[] }> {
  await projectInScope(db, actor, projectId);
  const rows = await db
    .select()
    .from(tenders)
    .where(and(eq(tenders.projectId, projectId), isNull(tenders.deletedAt)))
    .orderBy(asc(tenders.createdAt), asc(tenders.id));
  return { items: await toTenders(db, rows) };
}

async function tenderOf(db: DbOrTx, projectId: string, tenderId: string, lock = false): Promise<TenderRow> {
  const query = db.select().from(tenders).where(and(eq(tenders.id, tenderId), eq(tenders.projectId, projectId), isNull(tenders.deletedAt)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

export async function getTender(db: DbOrTx, actor: Actor, projectId: string, tenderId: string): Promise<Tender> {
  await projectInScope(db, actor, projectId);
  const [tender] = await toTenders(db, [await tenderOf(db, projectId, tenderId)]);
  return tender!;
}

/** The organisations referenced must exist (a bidder is often a competitor owned by someone else: no scope needed). */
async function unknownOrganizations(db: DbOrTx, fields: Record<string, string | null | undefined>): Promise<FieldProblem[]> {
  const given = Object.entries(fields).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (given.length === 0) return [];
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.id, [...new Set(given.map(([, id]) => id))]), isNull(organizations.deletedAt)));
  const known = new Set(rows.map((row) => row.id));
  return given.filter(([, id]) => !known.has(id)).map(([path]) => ({ path, code: 'unknown_organization', message: 'unknown_organization' }));
}

const at = (value: string | Date | null | undefined) => (value ? new Date(value).getTime() : null);

/** Every problem of a tender's fields at once: organisations, option codes, deadline order. */
async function tenderProblems(tx: DbOrTx, input: Partial<TenderInput>, current?: TenderRow): Promise<FieldProblem[]> {
  const problems = await unknownOrganizations(tx, { tendererOrganizationId: input.tendererOrganizationId });
  problems.push(
    ...(await unknownOptionValues(
      tx,
      { productLine: { listKey: 'product_line', value: input.productLine }, region: { listKey: 'region', value: input.region } },
      (current ?? {}) as Record<string, unknown>,
    )),
  );
  const questions = at(input.questionsDueAt !== undefined ? input.questionsDueAt : current?.questionsDueAt);
  const submission = at(input.submissionDueAt !== undefined ? input.submissionDueAt : current?.submissionDueAt);
  const opening = at(input.openingAt !== undefined ? input.openingAt : current?.openingAt);
  if (questions !== null && submission !== null && questions > submission) problems.push({ path: 'questionsDueAt', code: 'after_submission', message: 'after_submission' });
  if (submission !== null && opening !== null && submission > opening) problems.push({ path: 'submissionDueAt', code: 'after_opening', message: 'after_opening' });
  return problems;
}

function throwProblems(problems: FieldProblem[]) {
  if (problems.length > 0) throw new AppError('invalid_input', 'Invalid input', problems);
}

/** Column values of the date-time inputs (strings in JSON, Date in the table). */
function columnValues(input: Partial<TenderInput>) {
  const { questionsDueAt, submissionDueAt, openingAt, ...rest } = input;
  const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));
  return {
    ...rest,
    ...(questionsDueAt !== undefined ? { questionsDueAt: toDate(questionsDueAt) } : {}),
    ...(submissionDueAt !== undefined ? { submissionDueAt: toDate(submissionDueAt) } : {}),
    ...(openingAt !== undefined ? { openingAt: toDate(openingAt) } : {}),
  };
}

/** The history view of a row: dates as ISO strings, so the diff compares like with like. */
function historyView(row: Partial<TenderRow>): Record<string, unknown> {
  const view: Record<string, unknown> = { ...row };
  for (const field of ['questionsDueAt', 'submissionDueAt', 'openingAt'] as const) {
    if (field in row) view[field] = row[field] ? row[field].toISOString() : null;
  }
  return view;
}

export async function createTender(db: Db, actor: Actor, projectId: string, input: TenderInput): Promise<Tender> {
  const id = await db.transaction(async (tx) => {
    const project = await writableProject(tx, actor, projectId);
    throwProblems(await tenderProblems(tx, input));
    const [row] = await tx
      .insert(tenders)
      .values({
        ...columnValues(input),
        title: input.title,
        productLine: input.productLine ?? project.productLines[0] ?? null,
        region: input.region ?? project.region,
        number: await nextNumber(tx, TENDER),
        projectId,
        createdBy: actor.userId,
      })
      .returning();
    const created = row!;
    const changes = diffFields({} as Record<string, unknown>, historyView(created), tenderEditableFields).filter((change) => change.new !== null);
    await writeHistory(tx, actor, { recordType: TENDER, recordId: created.id, action: 'create', changes });
    await writeHistory(tx, actor, { recordType: 'project', recordId: projectId, action: 'tender_create', note: `${created.number} ${created.title}` });
    await projectChanged({ tx, actor, projectId });
    return created.id;
  });
  return getTender(db, actor, projectId, id);
}

/** The tender locked for a change of a writable project, at the version the caller saw. */
async function lockTender(tx: DbOrTx, actor: Actor, projectId: string, tenderId: string, version: number): Promise<TenderRow> {
  await writableProject(tx, actor, projectId);
  const current = await tenderOf(tx, projectId, tenderId, true);
  if (current.version !== version) throw staleVersion();
  return current;
}

async function saveTender(tx: Tx, actor: Actor, current: TenderRow, values: Partial<typeof tenders.$inferInsert>, action: string, fields: readonly string[], note?: string) {
  const changes = diffFields(historyView(current), historyView(values as Partial<TenderRow>), fields as (keyof TenderRow & string)[]);
  const updated = await tx
    .update(tenders)
    .set({ ...values, version: current.version + 1, updatedAt: new Date() })
    .where(and(eq(tenders.id, current.id), eq(tenders.version, current.version)))
    .returning({ id: tenders.id });
  if (updated.length === 0) throw staleVersion();
  await writeHistory(tx, actor, { recordType: TENDER, recordId: current.id, action, changes, note: note ?? null });
  await projectChanged({ tx, actor, projectId: current.projectId });
}

export async function updateTender(db: Db, actor: Actor, projectId: string, tenderId: string, patch: TenderPatch): Promise<Tender> {
  await db.transaction(async (tx) => {
    const { version, ...fields } = patch;
    const current = await lockTender(tx, actor, projectId, tenderId, version);
    throwProblems(await tenderProblems(tx, fields, current));
    await saveTender(tx, actor, current, columnValues(fields), 'update', tenderEditableFields);
  });
  return getTender(db, actor, projectId, tenderId);
}

export async function deleteTender(db: Db, actor: Actor, projectId: string, tenderId: string, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockTender(tx, actor, projectId, tenderId, version);
    await tx.update(tenders).set({ deletedAt: new Date(), version: current.version + 1, updatedAt: new Date() }).where(eq(tenders.id, tenderId));
    await writeHistory(tx, actor, { recordType: TENDER, recordId: tenderId, action: 'delete' });
    await writeHistory(tx, actor, { recordType: 'project', recordId: projectId, action: 'tender_delete', note: `${current.number} ${current.title}` });
    await projectChanged({ tx, actor, projectId });
  });
}

export async function decideTender(db: Db, actor: Actor, projectId: string, tenderId: string, input: TenderDecisionInput): Promise<Tender> {
  await db.transaction(async (tx) => {
    const current = await lockTender(tx, actor, projectId, tenderId, input.version);
    const values = { bidDecision: input.decision, decisionReason: input.reason, decidedBy: actor.userId, decidedAt: new Date() };
    await saveTender(tx, actor, current, values, 'decide', ['bidDecision', 'decisionReason'], input.reason);
  });
  return getTender(db, actor, projectId, tenderId);
}

/** Replaces the bidders; at most one is us, and our bid's price becomes the tender's own price when it has none. */
export async function replaceBidders(db: Db, actor: Actor, projectId: string, tenderId: string, input: TenderBiddersInput): Promise<Tender> {
  await db.transaction(async (tx) => {
    const current = await lockTender(tx, actor, projectId, tenderId, input.version);
    const problems = await unknownOrganizations(tx, Object.fromEntries(input.bidders.map((bidder, index) => [`bidders.${index}.organizationId`, bidder.organizationId])));
    const ours = input.bidders.flatMap((bidder, index) => (bidder.isUs ? [index] : []));
    for (const index of ours.slice(1)) problems.push({ path: `bidders.${index}.isUs`, code: 'one_of_us', message: 'one_of_us' });
    throwProblems(problems);
    const names = await organizationNames(tx, input.bidders.map((bidder) => bidder.organizationId ?? null));
    await tx.delete(tenderBidders).where(eq(tenderBidders.tenderId, tenderId));
    if (input.bidders.length > 0) {
      await tx.insert(tenderBidders).values(
        input.bidders.map((bidder) => ({
          tenderId,
          organizationId: bidder.organizationId ?? null,
          bidderName: bidder.bidderName || (bidder.organizationId ? names.get(bidder.organizationId) : '') || '',
          isUs: bidder.isUs ?? false,
          price: bidder.price ?? null,
          rank: bidder.rank ?? null,
          result: bidder.result ?? null,
          notes: bidder.notes ?? null,
        })),
      );
    }
    const ourPrice = ours.length ? input.bidders[ours[0]!]!.price : undefined;
    const values = ourPrice && !current.ourPrice ? { ourPrice } : {};
    const summary = input.bidders.map((bidder) => `${bidder.bidderName || names.get(bidder.organizationId ?? '') || ''}${bidder.price ? ` ${bidder.price}` : ''}`).join('; ');
    await saveTender(tx, actor, current, values, 'bidders', ['ourPrice'], summary);
  });
  return getTender(db, actor, projectId, tenderId);
}

/**
 * The opening result. A lost tender does not close the project: one project may have several tenders, and closing
 * asks for the reason and lessons (PRJ-9) that only its owner can give.
 */
export async function setTenderResult(db: Db, actor: Actor, projectId: string, tenderId: string, input: TenderResultInput): Promise<Tender> {
  await db.transaction(async (tx) => {
    const current = await lockTender(tx, actor, projectId, tenderId, input.version);
    throwProblems(await unknownOrganizations(tx, { winnerOrganizationId: input.winnerOrganizationId }));
    const decided = input.result === 'won' || input.result === 'lost';
    const values = {
      result: input.result,
      winnerOrganizationId: decided ? (input.winnerOrganizationId ?? null) : null,
      winningPrice: decided ? (input.winningPrice ?? null) : null,
    };
    await saveTender(tx, actor, current, values, 'result', ['result', 'winnerOrganizationId', 'winningPrice']);
  });
  return getTender(db, actor, projectId, tenderId);
}
