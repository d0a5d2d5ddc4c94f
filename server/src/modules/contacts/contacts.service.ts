// Contacts (CUS-2): people at organisations. A contact has no owner: reading it needs read access to its organisation,
// changing it write access — both decided by the one access layer on the organisation's row.
import { and, asc, desc, eq, getTableColumns, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Contact, ContactInput, ContactListQuery, ContactPatch, ContactPosition } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { recordColumns } from '../../db/json-rows';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition, scopeCondition } from '../../platform/access/record-scope';
import { diffFields, listHistory, writeHistory } from '../../platform/audit/history.service';
import { customFieldFilters, validateCustomFieldValues } from '../../platform/config/custom-fields.service';
import { nextNumber } from '../../platform/config/numbering.service';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { nameSearchKeys } from '../organizations/organizations.service';
import { organizations } from '../organizations/organizations.table';
import { findDuplicateContacts, normalizeMobile } from './contact-duplicates';
import { contactPointConditions } from './contact-search';
import { contactPositions, contacts } from './contacts.table';
import { mergedContactIds } from './contact-merge';

/** The duplicate check lives beside the service; merge and import ask it too. */
export { findDuplicateContacts } from './contact-duplicates';

const RECORD_TYPE = 'contact';
const organizationScope = ownedRecordTables.organization;
const { namePinyin: _namePinyin, nameInitials: _nameInitials, searchBigrams: _searchBigrams, ...readColumns } = getTableColumns(contacts);
type ContactRow = Omit<typeof contacts.$inferSelect, 'namePinyin' | 'nameInitials' | 'searchBigrams'>;

/** Fields a user edits; each change of one of them is a line in the history (the importer's too). */
export const trackedFields = [
  'name',
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

function toContact(actor: Actor, row: ContactRow, organizationName: string, canWrite: boolean): Contact {
  return {
    id: row.id,
    number: row.number,
    organization: { id: row.organizationId, name: organizationName },
    name: row.name,
    gender: row.gender as Contact['gender'],
    title: row.title,
    department: row.department,
    mobile: row.mobile,
    phone: row.phone,
    email: row.email,
    wechat: row.wechat,
    birthday: row.birthday,
    buyingRole: row.buyingRole as Contact['buyingRole'],
    attitude: row.attitude as Contact['attitude'],
    relationshipLevel: row.relationshipLevel,
    hobbies: row.hobbies,
    familyNotes: row.familyNotes,
    personalNotes: row.personalNotes,
    revisitOn: row.revisitOn,
    lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
    tags: row.tags,
    customFields: row.customFields,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    access: { edit: canWrite && actor.permissions.has('contact.edit'), delete: canWrite && actor.permissions.has('contact.delete') },
  };
}

const sortColumns = {
  name: contacts.name,
  createdAt: contacts.createdAt,
  updatedAt: contacts.updatedAt,
  number: contacts.number,
  relationshipLevel: contacts.relationshipLevel,
  birthday: contacts.birthday,
} as const;

/** The list's `q`: name (by bigrams, so two Chinese characters use the index), pinyin, initials, fragments of mobile, phone, e-mail. */
export function searchCondition(q: string): SQL {
  const text = q.trim();
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const lower = text.toLowerCase();
  const nameMatch = ilike(contacts.name, pattern);
  const matches: SQL[] = [[...text.replace(/\s/g, '')].length >= 2 ? sql`(${contacts.searchBigrams} @> psm_bigrams(${text}) and ${nameMatch})` : nameMatch];
  if (/^[a-z]+$/.test(lower)) matches.push(ilike(contacts.namePinyin, `%${lower}%`), ilike(contacts.nameInitials, `%${lower}%`));
  matches.push(...contactPointConditions(text));
  return or(...matches) as SQL;
}

export async function listContacts(db: DbOrTx, actor: Actor, query: ContactListQuery) {
  const filters: SQL[] = [isNull(contacts.deletedAt), isNull(organizations.deletedAt), scopeCondition(actor, organizationScope)];
  if (query.q?.trim()) filters.push(searchCondition(query.q));
  if (query.organizationId) filters.push(eq(contacts.organizationId, query.organizationId));
  if (query.buyingRole) filters.push(eq(contacts.buyingRole, query.buyingRole));
  if (query.attitude) filters.push(eq(contacts.attitude, query.attitude));
  if (query.relationshipLevel) filters.push(eq(contacts.relationshipLevel, query.relationshipLevel));
  if (query.tag) filters.push(sql`${contacts.tags} @> ${JSON.stringify([query.tag])}::jsonb`);
  filters.push(...(await customFieldFilters(db, RECORD_TYPE, query, contacts.customFields)));

  const sortKey = (query.sort ?? '-updatedAt').replace(/^-/, '') as keyof typeof sortColumns;
  const column = sortColumns[sortKey] ?? contacts.updatedAt;
  const direction = (query.sort?.startsWith('-') ?? true) ? desc : asc;
  const record = recordColumns<ContactRow>(db, readColumns);
  const page = () =>
    db
      .select({
        // On PGlite one JSON text per row rather than a field per column (db/json-rows.ts).
        contact: record.selection,
        organizationName: organizations.name,
        canWrite: sql<boolean>`${scopeCondition(actor, organizationScope, 'write')}`,
        // The total rides along with the page: one round trip.
        total: sql<number>`count(*) over ()`,
      })
      .from(contacts)
      .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
      .where(and(...filters))
      .orderBy(direction(column), asc(contacts.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
  const rows = await page();
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && query.page > 1) {
    const [counted] = await db
      .select({ total: sql<number>`count(*)` })
      .from(contacts)
      .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
      .where(and(...filters));
    total = Number(counted?.total ?? 0);
  }
  return {
    items: rows.map((row) => toContact(actor, record.read(row.contact), row.organizationName, Boolean(row.canWrite))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The contact with its organisation, when the actor may read (or write) that organisation; else null. */
async function loadContact(db: DbOrTx, actor: Actor, id: string, mode: 'read' | 'write', { deleted = false, lock = false } = {}) {
  const statement = db
    .select({ contact: readColumns, organizationName: organizations.name, ownerId: organizations.ownerId, canWrite: sql<boolean>`${scopeCondition(actor, organizationScope, 'write')}` })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(contacts.id, id), deleted ? undefined : isNull(contacts.deletedAt), scopeCondition(actor, organizationScope, mode)));
  const [row] = lock ? await statement.for('update', { of: contacts }) : await statement;
  return row ?? null;
}

export async function getContact(db: DbOrTx, actor: Actor, id: string): Promise<Contact> {
  const row = await loadContact(db, actor, id, 'read');
  if (!row) throw notFound();
  return toContact(actor, row.contact, row.organizationName, Boolean(row.canWrite));
}

/**
 * The organisation a contact is put under: it must exist, and the actor must be able to write it. One answer for
 * "does not exist" and "outside your scope", so the check reveals nothing.
 */
async function writableOrganization(tx: DbOrTx, actor: Actor, organizationId: string) {
  const [row] = await tx
    .select({ id: organizations.id, name: organizations.name, canWrite: sql<boolean>`${scopeCondition(actor, organizationScope, 'write')}` })
    .from(organizations)
    .where(and(recordCondition(actor, organizationScope, organizationId, 'read'), isNull(organizations.deletedAt)));
  if (!row) throw invalidField('organizationId', 'organization_not_found');
  if (!row.canWrite) throw new AppError('forbidden', 'Read-only access to this organisation');
  return row;
}

function assertBirthdayNotFuture(birthday: string | null | undefined, now = new Date()) {
  if (birthday && birthday > now.toISOString().slice(0, 10)) throw invalidField('birthday', 'birthday_in_future');
}

const cleanMobile = (mobile: string | null | undefined) => (mobile ? normalizeMobile(mobile) : mobile);

export async function createContact(db: Db, actor: Actor, input: ContactInput): Promise<Contact> {
  assertBirthdayNotFuture(input.birthday);
  const id = await db.transaction(async (tx) => {
    const organization = await writableOrganization(tx, actor, input.organizationId);
    const customFieldValues = await validateCustomFieldValues(tx, RECORD_TYPE, input.customFields, null);
    const { confirmDuplicate, customFields: _customFields, ...fields } = input;
    const mobile = cleanMobile(fields.mobile);
    if (!confirmDuplicate) {
      const candidates = await findDuplicateContacts(tx, { ...fields, mobile });
      if (candidates.length > 0) throw new AppError('duplicate_contact', 'Likely duplicates exist', undefined, { candidates });
    }
    const [created] = await tx
      .insert(contacts)
      .values({
        ...fields,
        mobile,
        ...nameSearchKeys(fields.name),
        number: await nextNumber(tx, RECORD_TYPE),
        tags: fields.tags ?? [],
        customFields: customFieldValues,
        createdBy: actor.userId,
      })
      .returning();
    await tx.insert(contactPositions).values({ contactId: created!.id, organizationId: organization.id, title: created!.title, department: created!.department });
    const changes = diffFields({} as Record<string, unknown>, created as unknown as Record<string, unknown>, trackedFields).filter((change) => change.new !== null);
    await writeHistory(tx, actor, {
      recordType: RECORD_TYPE,
      recordId: created!.id,
      action: 'create',
      changes: [{ field: 'organization', old: null, new: organization.name }, ...changes],
      note: confirmDuplicate ? 'duplicate_confirmed' : null,
    });
    return created!.id;
  });
  return getContact(db, actor, id);
}

/**
 * Edits a contact. A new `organizationId` is a job change: the open position closes (kept in the timeline) and a
 * new one opens; the caller must be able to write both organisations.
 */
export async function updateContact(db: Db, actor: Actor, id: string, patch: ContactPatch, now = new Date()): Promise<Contact> {
  assertBirthdayNotFuture(patch.birthday, now);
  await db.transaction(async (tx) => {
    // Lock the row inside the scope check: a concurrent edit waits, then sees the new version and gets 409.
    const current = await loadContact(tx, actor, id, 'write', { lock: true });
    if (!current) throw (await loadContact(tx, actor, id, 'read')) ? new AppError('forbidden', 'Read-only access to this contact') : notFound();
    const row = current.contact;
    if (row.version !== patch.version) throw staleVersion();
    const { version, confirmDuplicate, customFields: customFieldInput, organizationId, ...fields } = patch;
    const moving = organizationId !== undefined && organizationId !== row.organizationId;
    const target = moving ? await writableOrganization(tx, actor, organizationId) : null;
    const customFieldValues = customFieldInput === undefined ? row.customFields : await validateCustomFieldValues(tx, RECORD_TYPE, customFieldInput, row.customFields);
    const next = {
      ...fields,
      ...(fields.mobile !== undefined ? { mobile: cleanMobile(fields.mobile) } : {}),
      customFields: customFieldValues,
      ...(fields.name ? nameSearchKeys(fields.name) : {}),
    };
    const changes = diffFields(row as unknown as Record<string, unknown>, next, trackedFields);
    if (changes.length === 0 && !moving) return;
    const identityChanged = moving || ['name', 'mobile', 'email'].some((field) => changes.some((change) => change.field === field));
    if (!confirmDuplicate && identityChanged) {
      const candidates = await findDuplicateContacts(
        tx,
        { name: next.name ?? row.name, organizationId: target?.id ?? row.organizationId, mobile: next.mobile === undefined ? row.mobile : next.mobile, email: next.email === undefined ? row.email : next.email },
        id,
      );
      if (candidates.length > 0) throw new AppError('duplicate_contact', 'Likely duplicates exist', undefined, { candidates });
    }
    const updated = await tx
      .update(contacts)
      .set({ ...next, ...(target ? { organizationId: target.id } : {}), version: version + 1, updatedAt: now })
      .where(and(eq(contacts.id, id), eq(contacts.version, version)))
      .returning();
    if (updated.length === 0) throw staleVersion();
    const saved = updated[0]!;
    await syncContactPosition(tx, id, saved, target?.id ?? null, now);
    const moveChanges = target
      ? [
          { field: 'organization', old: current.organizationName, new: target.name },
          { field: 'organizationId', old: row.organizationId, new: target.id },
        ]
      : [];
    await writeHistory(tx, actor, {
      recordType: RECORD_TYPE,
      recordId: id,
      action: target ? 'move' : 'update',
      changes: [...moveChanges, ...changes],
      note: confirmDuplicate ? 'duplicate_confirmed' : null,
    });
  });
  return getContact(db, actor, id);
}

/**
 * The job history after an edit (CUS-2): a move closes the open position (kept in the timeline) and opens one at the
 * new organisation; otherwise the open position follows the contact's title and department. The importer uses it too.
 */
export async function syncContactPosition(tx: DbOrTx, contactId: string, saved: { title: string | null; department: string | null }, movedTo: string | null, now: Date) {
  const [openPosition] = await tx.select().from(contactPositions).where(and(eq(contactPositions.contactId, contactId), isNull(contactPositions.endedAt))).for('update');
  if (movedTo) {
    if (openPosition) await tx.update(contactPositions).set({ endedAt: now }).where(eq(contactPositions.id, openPosition.id));
    await tx.insert(contactPositions).values({ contactId, organizationId: movedTo, title: saved.title, department: saved.department, startedAt: now });
  } else if (openPosition && (openPosition.title !== saved.title || openPosition.department !== saved.department)) {
    // Closed positions keep what they were.
    await tx.update(contactPositions).set({ title: saved.title, department: saved.department }).where(eq(contactPositions.id, openPosition.id));
  }
}

/** Soft delete: the contact leaves lists and searches; its history and positions stay. */
export async function deleteContact(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await loadContact(tx, actor, id, 'write', { lock: true });
    if (!current) throw (await loadContact(tx, actor, id, 'read')) ? new AppError('forbidden', 'Read-only access to this contact') : notFound();
    await tx.update(contacts).set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${contacts.version} + 1` }).where(eq(contacts.id, id));
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'delete' });
  });
}

/** History stays readable after a soft delete by anyone who can read the contact's organisation. */
export async function contactHistory(db: DbOrTx, actor: Actor, id: string) {
  if (!(await loadContact(db, actor, id, 'read', { deleted: true }))) throw notFound();
  // The history of a contact merged into this one is part of it (CUS-3: both histories kept), in order of time.
  const merged = await mergedContactIds(db, id);
  const histories = await Promise.all([id, ...merged].map((recordId) => listHistory(db, RECORD_TYPE, recordId)));
  return { items: histories.flat().sort((left, right) => Number(left.id) - Number(right.id)) };
}

/** The job history, newest first: every organisation the contact worked at, the current one open-ended. */
export async function contactPositionsOf(db: DbOrTx, actor: Actor, id: string): Promise<{ items: ContactPosition[] }> {
  if (!(await loadContact(db, actor, id, 'read', { deleted: true }))) throw notFound();
  const rows = await db
    .select({
      position: contactPositions,
      organizationName: organizations.name,
      readable: sql<boolean>`(${scopeCondition(actor, organizationScope)} and ${organizations.deletedAt} is null)`,
    })
    .from(contactPositions)
    .innerJoin(organizations, eq(organizations.id, contactPositions.organizationId))
    .where(eq(contactPositions.contactId, id))
    .orderBy(desc(contactPositions.startedAt), desc(contactPositions.id));
  return {
    items: rows.map(({ position, organizationName, readable }) => ({
      id: position.id,
      organization: { id: position.organizationId, name: organizationName },
      organizationReadable: Boolean(readable),
      title: position.title,
      department: position.department,
      startedAt: position.startedAt.toISOString(),
      endedAt: position.endedAt?.toISOString() ?? null,
    })),
  };
}
