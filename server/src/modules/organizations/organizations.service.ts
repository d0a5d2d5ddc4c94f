// Organisations (CUS-1): the first business module and the model the others copy.
import { and, asc, desc, eq, getTableColumns, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import {
  organizationEditableFields,
  protectedFields,
  type ApprovalSummary,
  type OrganizationDuplicateQuery,
  type Organization,
  type OrganizationInput,
  type OrganizationListQuery,
} from '@openpsm/contracts';
import type { z } from 'zod';
import type { organizationPatchSchema } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { canSeeField, countInScope, protectFields, recordCondition, scopeCondition, scopedCount, smallScope } from '../../platform/access/record-scope';
import { recordColumns } from '../../db/json-rows';
import { runPrepared } from '../../db/prepared';
import { diffFields, listHistory, onBehalfOf, writeHistory } from '../../platform/audit/history.service';
import { customFieldFilters, validateCustomFieldValues } from '../../platform/config/custom-fields.service';
import { nextNumber } from '../../platform/config/numbering.service';
import { unknownOptionValues } from '../../platform/config/options.service';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { totalCarried } from '../../platform/http/paging';
import { users } from '../../platform/org-structure/org-structure.table';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { assertNotLocked, pendingApprovalOf, submitApproval } from '../../platform/approvals/approval-chain';
import { summaryOf } from '../../platform/approvals/approval-inbox';
import { ORGANIZATION_DELETION } from './organization-deletion';
import { organizations, organizationTotals } from './organizations.table';
import { candidatesForActor, findDuplicateOrganizations } from './duplicates';
import { mergedIntoIds } from './merge';

/** The import helper and others call the duplicate check from here as well. */
export { findDuplicateOrganizations } from './duplicates';

const RECORD_TYPE = 'organization';
const scoped = ownedRecordTables.organization;
/** What a read returns: the search keys (pinyin, initials, bigrams) stay in the database. */
const { namePinyin: _namePinyin, nameInitials: _nameInitials, searchBigrams: _searchBigrams, nameKey: _nameKey, ...readColumns } = getTableColumns(organizations);
type OrganizationRow = Omit<typeof organizations.$inferSelect, 'namePinyin' | 'nameInitials' | 'searchBigrams' | 'nameKey'>;

/** Fields a user edits; each change of one of them is a line in the history. */
const trackedFields = organizationEditableFields;

export function nameSearchKeys(name: string) {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  return {
    namePinyin: syllables.join('').toLowerCase().replace(/\s+/g, ''),
    nameInitials: syllables.map((syllable) => syllable[0] ?? '').join('').toLowerCase(),
  };
}

function toOrganization(actor: Actor, row: OrganizationRow, ownerName: string | null, canWrite: boolean): Organization {
  const record: Organization = {
    id: row.id,
    number: row.number,
    name: row.name,
    shortName: row.shortName,
    type: row.type as Organization['type'],
    creditCode: row.creditCode,
    industry: row.industry,
    region: row.region,
    address: row.address,
    phone: row.phone,
    website: row.website,
    scale: row.scale,
    source: row.source,
    grade: row.grade as Organization['grade'],
    stage: row.stage as Organization['stage'],
    gradeScore: row.gradeScore,
    gradedAt: row.gradedAt?.toISOString() ?? null,
    poolId: row.poolId,
    lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
    revisitOn: row.revisitOn,
    creditRating: row.creditRating,
    tags: row.tags,
    notes: row.notes,
    owner: row.ownerId ? { id: row.ownerId, displayName: ownerName ?? '' } : null,
    customFields: row.customFields,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    access: {
      edit: canWrite && actor.permissions.has('organization.edit'),
      delete: canWrite && actor.permissions.has('organization.delete'),
      share: canWrite,
    },
  };
  return protectFields(actor, RECORD_TYPE, protectedFields.organization, record);
}

const sortColumns = {
  name: organizations.name,
  createdAt: organizations.createdAt,
  updatedAt: organizations.updatedAt,
  number: organizations.number,
  type: organizations.type,
  grade: organizations.grade,
} as const;

/** The condition for the list's `q`: name or short name (by bigrams, so two Chinese characters are indexed), pinyin, initials, credit code, phone. */
export function searchCondition(q: string): SQL {
  const text = q.trim();
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const lower = text.toLowerCase();
  const nameMatch = or(ilike(organizations.name, pattern), ilike(organizations.shortName, pattern)) as SQL;
  const matches: SQL[] = [
    // One character has no bigram: then ILIKE alone (it reads every row in scope, which one character asks for anyway).
    [...text.replace(/\s/g, '')].length >= 2
      ? sql`(${organizations.searchBigrams} @> psm_bigrams(${text}) and ${nameMatch})`
      : nameMatch,
  ];
  // A unified social credit code is 18 digits or capital letters; anything else cannot be one.
  if (/^[0-9A-Za-z]{18}$/.test(text)) matches.push(eq(organizations.creditCode, text.toUpperCase()));
  if (/^[a-z]+$/.test(lower)) {
    // Latin letters may be pinyin: "huadong" or the initials "hdjx" find 华东机械.
    matches.push(ilike(organizations.namePinyin, `%${lower}%`), ilike(organizations.nameInitials, `%${lower}%`));
  }
  if (/^[0-9+\-() ]{5,}$/.test(text)) matches.push(ilike(organizations.phone, pattern));
  return or(...matches) as SQL;
}

/**
 * Whether a list runs prepared (db/prepared.ts: on PostgreSQL planned once per connection, then on its generic plan):
 * a small scope (one or two owners) without a search text. Their rows are few and any plan reads them fast, so planning
 * was half the statement (a rep's page 1.4 → 0.7 ms). Not for larger scopes: there the right plan depends on how many
 * owners the array holds, which a generic plan cannot see (a manager's page 1.8 → 14 ms); nor for a search, whose
 * generic plan scanned where the planned one used the trigram indexes.
 */
const preparedList = (actor: Actor, query: OrganizationListQuery) => !query.q?.trim() && smallScope(actor, scoped.recordType);

/**
 * A list filtered by nothing but its type (the list as it opens, or a type tab) counts the organisations its scope owns
 * from organization_totals, which triggers keep in step with every write (migration 0016): a manager's hundred owners
 * add up a hundred rows instead of counting thousands of index entries on every page. Any other filter — a search,
 * a grade, a custom field — counts the organisations themselves.
 */
function keptCount(type: string | undefined): (owners: SQL) => SQL<number> {
  return (owners) => sql<number>`(select coalesce(sum(${organizationTotals.liveCount}), 0) from ${organizationTotals}
    where ${organizationTotals.ownerId} = any(${owners})${type ? sql` and ${organizationTotals.type} = ${type}` : sql``})`;
}

export async function listOrganizations(db: DbOrTx, actor: Actor, query: OrganizationListQuery) {
  // "Not deleted" and the type first; whatever else narrows the list follows (keptCount tells them apart).
  const filters: SQL[] = [isNull(organizations.deletedAt)];
  if (query.type) filters.push(eq(organizations.type, query.type));
  const typeFilters = filters.length;
  if (query.q?.trim()) filters.push(searchCondition(query.q));
  if (query.grade) filters.push(eq(organizations.grade, query.grade));
  if (query.stage) filters.push(eq(organizations.stage, query.stage));
  if (query.industry) filters.push(eq(organizations.industry, query.industry));
  if (query.region) filters.push(eq(organizations.region, query.region));
  if (query.source) filters.push(eq(organizations.source, query.source));
  if (query.ownerId) filters.push(eq(organizations.ownerId, query.ownerId));
  if (query.mine === 'true') filters.push(eq(organizations.ownerId, actor.userId));
  if (query.tag) filters.push(sql`${organizations.tags} @> ${JSON.stringify([query.tag])}::jsonb`);
  filters.push(...(await customFieldFilters(db, RECORD_TYPE, query, organizations.customFields)));

  const sortKey = (query.sort ?? '-updatedAt').replace(/^-/, '') as keyof typeof sortColumns;
  const column = sortColumns[sortKey] ?? organizations.updatedAt;
  const direction = query.sort?.startsWith('-') ?? true ? desc : asc;
  const record = recordColumns<OrganizationRow>(db, readColumns);
  const statement = db
    .select({
      // On PGlite one JSON text per row rather than a field per column (db/json-rows.ts).
      organization: record.selection,
      // A sub-select rather than a join: evaluated for the page's rows only, after the sort and limit.
      ownerName: sql<string | null>`(select u.display_name from users u where u.id = ${organizations.ownerId})`,
      canWrite: sql<boolean>`${scopeCondition(actor, scoped, 'write')}`,
      // The total rides along: one round trip for the page and its count.
      total: scopedCount(actor, scoped, and(...filters), filters.length === typeFilters ? keptCount(query.type) : undefined).as('total'),
    })
    .from(organizations)
    .where(and(...filters, scopeCondition(actor, scoped)))
    .orderBy(direction(column), asc(organizations.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const rows = await (preparedList(actor, query) ? runPrepared(statement) : statement);
  const total = await totalCarried(rows, query, () => countInScope(db, actor, scoped, and(...filters)));
  return {
    items: rows.map((row) => toOrganization(actor, record.read(row.organization), row.ownerName, Boolean(row.canWrite))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function loadForActor(db: DbOrTx, actor: Actor, id: string, mode: 'read' | 'write') {
  const [row] = await db
    .select({ organization: readColumns, ownerName: users.displayName, canWrite: sql<boolean>`${scopeCondition(actor, scoped, 'write')}` })
    .from(organizations)
    .leftJoin(users, eq(users.id, organizations.ownerId))
    .where(and(recordCondition(actor, scoped, id, mode), isNull(organizations.deletedAt)));
  if (!row) throw notFound();
  return row;
}

export async function getOrganization(db: DbOrTx, actor: Actor, id: string): Promise<Organization> {
  const row = await loadForActor(db, actor, id, 'read');
  const lock = await pendingApprovalOf(db, RECORD_TYPE, id);
  const record = toOrganization(actor, row.organization, row.ownerName, Boolean(row.canWrite) && !lock);
  return { ...record, lockedBy: lock ? { approvalId: lock.id, documentType: lock.documentType } : null };
}

/** 409 duplicate_organization with the candidates (as much as the caller may see of them), unless there are none. */
async function refuseLikelyDuplicates(tx: DbOrTx, actor: Actor, input: Parameters<typeof findDuplicateOrganizations>[1], excludeId?: string) {
  const candidates = await findDuplicateOrganizations(tx, input, excludeId);
  if (candidates.length === 0) return;
  throw new AppError('duplicate_organization', 'Likely duplicates exist', undefined, { candidates: await candidatesForActor(tx, actor, candidates) });
}

/** The duplicate check while typing (the form's candidates): the same check as on save, nothing is refused. */
export async function checkOrganizationDuplicates(db: DbOrTx, actor: Actor, query: OrganizationDuplicateQuery) {
  const candidates = await findDuplicateOrganizations(db, query, query.excludeId);
  return { items: await candidatesForActor(db, actor, candidates) };
}

function assertMayAssign(actor: Actor, ownerId: string | null | undefined, currentOwnerId: string | null) {
  if (ownerId === undefined || ownerId === currentOwnerId) return;
  if (!actor.permissions.has('organization.assign')) throw new AppError('forbidden', 'Changing the owner needs the assign permission');
}

async function assertActiveUser(db: DbOrTx, userId: string | null | undefined) {
  if (!userId) return;
  const [user] = await db.select({ status: users.status }).from(users).where(eq(users.id, userId));
  if (!user) throw invalidField('ownerId', 'unknown_user');
  if (user.status !== 'active') throw invalidField('ownerId', 'user_departed');
}

/** The organisation fields whose values come from option lists (PLAT-7). */
const optionFields = { industry: 'industry', region: 'region', scale: 'scale', source: 'source', creditRating: 'credit_rating' } as const;

async function assertKnownOptions(db: DbOrTx, input: Partial<OrganizationInput>, current: Record<string, unknown> = {}) {
  const values = Object.fromEntries(
    Object.entries(optionFields).map(([field, listKey]) => [field, { listKey, value: input[field as keyof typeof optionFields] }]),
  );
  const problems = await unknownOptionValues(db, values, current);
  if (problems.length > 0) throw new AppError('invalid_input', 'Unknown option values', problems);
}

function assertProtectedFieldsWritable(actor: Actor, input: Partial<OrganizationInput>) {
  for (const field of protectedFields.organization) {
    if (input[field] !== undefined && !canSeeField(actor, RECORD_TYPE, field)) throw invalidField(field, 'field_protected');
  }
}

export async function createOrganization(db: Db, actor: Actor, input: OrganizationInput): Promise<Organization> {
  assertMayAssign(actor, input.ownerId, actor.userId);
  assertProtectedFieldsWritable(actor, input);
  const id = await db.transaction(async (tx) => {
    await assertActiveUser(tx, input.ownerId);
    await assertKnownOptions(tx, input);
    const customFieldValues = await validateCustomFieldValues(tx, RECORD_TYPE, input.customFields, null);
    if (!input.confirmDuplicate) await refuseLikelyDuplicates(tx, actor, input);
    const { confirmDuplicate, customFields: _customFields, ...fields } = input;
    const [row] = await tx
      .insert(organizations)
      .values({
        ...fields,
        ...nameSearchKeys(input.name),
        number: await nextNumber(tx, RECORD_TYPE),
        ownerId: input.ownerId === undefined ? actor.userId : input.ownerId,
        tags: input.tags ?? [],
        customFields: customFieldValues,
        createdBy: actor.userId,
      })
      .returning();
    const created = row!;
    await writeHistory(tx, actor, {
      recordType: RECORD_TYPE,
      recordId: created.id,
      action: 'create',
      changes: diffFields({} as Record<string, unknown>, created as unknown as Record<string, unknown>, trackedFields).filter((change) => change.new !== null),
      note: confirmDuplicate ? 'duplicate_confirmed' : null,
    });
    return created.id;
  });
  return getOrganization(db, actor, id);
}

export async function updateOrganization(db: Db, actor: Actor, id: string, patch: z.infer<typeof organizationPatchSchema>): Promise<Organization> {
  assertProtectedFieldsWritable(actor, patch);
  await db.transaction(async (tx) => {
    // Lock the row inside the scope check: a concurrent edit waits, then sees the new version and gets 409.
    const [current] = await tx
      .select()
      .from(organizations)
      .where(and(recordCondition(actor, scoped, id, 'write'), isNull(organizations.deletedAt)))
      .for('update');
    if (!current) {
      // Readable but not writable is a 403; not even readable is a 404.
      const [readable] = await tx.select({ id: organizations.id }).from(organizations).where(and(recordCondition(actor, scoped, id, 'read'), isNull(organizations.deletedAt)));
      throw readable ? new AppError('forbidden', 'Read-only access to this record') : notFound();
    }
    if (current.version !== patch.version) throw staleVersion();
    await assertNotLocked(tx, RECORD_TYPE, id);
    assertMayAssign(actor, patch.ownerId, current.ownerId);
    await assertActiveUser(tx, patch.ownerId);
    await assertKnownOptions(tx, patch, current);
    const { version, confirmDuplicate, customFields: customFieldInput, ...fields } = patch;
    const customFieldValues = customFieldInput === undefined ? current.customFields : await validateCustomFieldValues(tx, RECORD_TYPE, customFieldInput, current.customFields);
    // Only what changes is checked: an organisation saved as a confirmed duplicate is not asked again on every edit.
    const changedKeys = {
      name: fields.name && fields.name !== current.name ? fields.name : undefined,
      creditCode: fields.creditCode && fields.creditCode !== current.creditCode ? fields.creditCode : undefined,
      phone: fields.phone && fields.phone !== current.phone ? fields.phone : undefined,
    };
    if (!confirmDuplicate && (changedKeys.name || changedKeys.creditCode || changedKeys.phone)) await refuseLikelyDuplicates(tx, actor, changedKeys, id);
    const next = { ...fields, customFields: customFieldValues, ...(fields.name ? nameSearchKeys(fields.name) : {}) };
    const changes = diffFields(current as unknown as Record<string, unknown>, next, trackedFields);
    if (changes.length === 0) return;
    const updated = await tx
      .update(organizations)
      .set({ ...next, version: version + 1, updatedAt: new Date() })
      .where(and(eq(organizations.id, id), eq(organizations.version, version)))
      .returning({ id: organizations.id });
    if (updated.length === 0) throw staleVersion();
    await writeHistory(tx, actor, {
      recordType: RECORD_TYPE,
      recordId: id,
      action: 'update',
      changes,
      onBehalfOf: onBehalfOf(actor, current.ownerId),
      note: confirmDuplicate ? 'duplicate_confirmed' : null,
    });
  });
  return getOrganization(db, actor, id);
}

/**
 * Deleting a customer needs approval (PLAT-5): this submits one. Returns the approval while it waits, or null when
 * it was granted at once (nobody but the submitter could approve) and the organisation is already deleted.
 */
export async function deleteOrganization(db: Db, actor: Actor, id: string, reason?: string): Promise<ApprovalSummary | null> {
  const instance = await db.transaction(async (tx) => submitApproval(tx, actor, ORGANIZATION_DELETION, id, { reason }));
  if (!instance || instance.status === 'approved') return null;
  return summaryOf(db, instance.id);
}

/**
 * History stays readable after a soft delete by anyone who could read the record's scope. The history of a record
 * merged into this one is part of it (CUS-3: both histories kept), in order of time.
 */
export async function organizationHistory(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(recordCondition(actor, scoped, id, 'read'));
  if (!row) throw notFound();
  const merged = await mergedIntoIds(db, id);
  const histories = await Promise.all([id, ...merged].map((recordId) => listHistory(db, RECORD_TYPE, recordId)));
  const items = histories.flat().sort((left, right) => Number(left.id) - Number(right.id));
  const hidden = protectedFields.organization.filter((field) => !canSeeField(actor, RECORD_TYPE, field));
  return { items: items.map((entry) => ({ ...entry, changes: entry.changes.filter((change) => !(hidden as string[]).includes(change.field)) })) };
}
