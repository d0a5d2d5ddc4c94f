// Merging two contacts (CUS-3): field by field into the one kept; ties and positions move; both histories kept.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { contactMergeFields, type ContactMergeInput, type MergeResult } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { scopeCondition } from '../../platform/access/record-scope';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { forbidden, invalidField, notFound, staleVersion } from '../../platform/errors';
import { activityContacts, tasks } from '../activities/activities.table';
import { nameSearchKeys } from '../organizations/organizations.service';
import { organizations } from '../organizations/organizations.table';
import { personTies } from '../relationships/relationships.table';
import { contactPositions, contacts } from './contacts.table';

const RECORD_TYPE = 'contact';
const organizationScope = ownedRecordTables.organization;
type ContactRow = typeof contacts.$inferSelect;

/**
 * Both contacts locked, in id order. A contact's access is its organisation's: writable organisation → writable
 * contact; readable only → 403; not readable (or no such contact) → 404.
 */
async function lockPair(tx: DbOrTx, actor: Actor, keepId: string, mergeId: string) {
  const rows = await tx
    .select({ contact: contacts, canWrite: sql<boolean>`${scopeCondition(actor, organizationScope, 'write')}` })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(inArray(contacts.id, [keepId, mergeId]), isNull(contacts.deletedAt), scopeCondition(actor, organizationScope, 'read')))
    .orderBy(contacts.id)
    .for('update', { of: contacts });
  const byId = new Map(rows.map((row) => [row.contact.id, row]));
  for (const id of [keepId, mergeId]) {
    const row = byId.get(id);
    if (!row) throw notFound();
    if (!row.canWrite) throw forbidden('Read-only access to this contact');
  }
  return { keep: byId.get(keepId)!.contact, merge: byId.get(mergeId)!.contact };
}

/** An organisation the kept contact moves to must be writable too; lockPair checked both contacts' organisations. */
function mergedValues(keep: ContactRow, merge: ContactRow, choices: ContactMergeInput['fields']) {
  const next: Record<string, unknown> = {};
  for (const field of contactMergeFields) {
    const choice = choices[field] ?? 'keep';
    if (field === 'customFields') {
      next.customFields = choice === 'merge' ? { ...keep.customFields, ...merge.customFields } : { ...merge.customFields, ...keep.customFields };
      continue;
    }
    next[field] = (choice === 'merge' ? merge : keep)[field];
  }
  return next as Partial<ContactRow>;
}

/** Person ties of the merged contact move to the kept one (both ends); ties between the two and repeats are dropped. */
async function movePersonTies(tx: DbOrTx, keep: ContactRow, merge: ContactRow) {
  await tx
    .delete(personTies)
    .where(
      or(
        and(eq(personTies.fromKind, RECORD_TYPE), eq(personTies.fromId, merge.id), eq(personTies.toKind, RECORD_TYPE), eq(personTies.toId, keep.id)),
        and(eq(personTies.fromKind, RECORD_TYPE), eq(personTies.fromId, keep.id), eq(personTies.toKind, RECORD_TYPE), eq(personTies.toId, merge.id)),
      ),
    );
  await tx.execute(sql`delete from person_ties t where t.from_kind = 'contact' and t.from_id = ${merge.id} and exists (
      select 1 from person_ties k where k.from_kind = 'contact' and k.from_id = ${keep.id}
         and k.to_kind = t.to_kind and k.to_id = t.to_id and k.type = t.type)`);
  await tx.execute(sql`delete from person_ties t where t.to_kind = 'contact' and t.to_id = ${merge.id} and exists (
      select 1 from person_ties k where k.to_kind = 'contact' and k.to_id = ${keep.id}
         and k.from_kind = t.from_kind and k.from_id = t.from_id and k.type = t.type)`);
  const from = await tx
    .update(personTies)
    .set({ fromId: keep.id })
    .where(and(eq(personTies.fromKind, RECORD_TYPE), eq(personTies.fromId, merge.id)))
    .returning({ id: personTies.id });
  const to = await tx
    .update(personTies)
    .set({ toId: keep.id })
    .where(and(eq(personTies.toKind, RECORD_TYPE), eq(personTies.toId, merge.id)))
    .returning({ id: personTies.id });
  return from.length + to.length;
}

/**
 * Activities that met the merged contact met the kept one (an activity naming both keeps one pair); its tasks follow.
 */
async function moveActivityLinks(tx: DbOrTx, keep: ContactRow, merge: ContactRow, now: Date) {
  await tx.execute(sql`delete from activity_contacts m where m.contact_id = ${merge.id} and exists (
      select 1 from activity_contacts k where k.activity_id = m.activity_id and k.contact_id = ${keep.id})`);
  const links = await tx.update(activityContacts).set({ contactId: keep.id }).where(eq(activityContacts.contactId, merge.id)).returning({ id: activityContacts.activityId });
  const moved = await tx.update(tasks).set({ contactId: keep.id, version: sql`${tasks.version} + 1`, updatedAt: now }).where(eq(tasks.contactId, merge.id)).returning({ id: tasks.id });
  return { activities: links.length, tasks: moved.length };
}

/**
 * Merges contact `mergeId` into `keepId` in one transaction: needs contact.edit and contact.delete, write access to
 * both contacts' organisations (and to the organisation chosen, which is one of them), both at the versions read.
 */
export async function mergeContacts(db: Db, actor: Actor, input: ContactMergeInput, now = new Date()): Promise<MergeResult> {
  if (!actor.permissions.has('contact.edit') || !actor.permissions.has('contact.delete')) throw forbidden('Merging needs the edit and delete permissions');
  if (input.keepId === input.mergeId) throw invalidField('mergeId', 'same_record');
  return db.transaction(async (tx) => {
    const { keep, merge } = await lockPair(tx, actor, input.keepId, input.mergeId);
    if (keep.version !== input.keepVersion || merge.version !== input.mergeVersion) throw staleVersion();
    const next = mergedValues(keep, merge, input.fields);
    const changes = diffFields(keep as unknown as Record<string, unknown>, next as Record<string, unknown>, contactMergeFields);
    await tx
      .update(contacts)
      .set({ ...next, ...nameSearchKeys(next.name ?? keep.name), lastActivityAt: latest(keep.lastActivityAt, merge.lastActivityAt), version: keep.version + 1, updatedAt: now })
      .where(eq(contacts.id, keep.id));

    // The merged contact's job history becomes the kept one's; if the kept contact changes organisation, its open
    // position closes and the merged one's (at the chosen organisation) stays open.
    const moving = next.organizationId !== keep.organizationId;
    if (moving) await tx.update(contactPositions).set({ endedAt: now }).where(and(eq(contactPositions.contactId, keep.id), isNull(contactPositions.endedAt)));
    else await tx.update(contactPositions).set({ endedAt: now }).where(and(eq(contactPositions.contactId, merge.id), isNull(contactPositions.endedAt)));
    const positions = await tx.update(contactPositions).set({ contactId: keep.id }).where(eq(contactPositions.contactId, merge.id)).returning({ id: contactPositions.id });
    const ties = await movePersonTies(tx, keep, merge);
    const followUps = await moveActivityLinks(tx, keep, merge, now);

    await tx.update(contacts).set({ deletedAt: now, mergedIntoId: keep.id, version: merge.version + 1, updatedAt: now }).where(eq(contacts.id, merge.id));
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: keep.id, action: 'merge', changes, note: `merged_from:${merge.number}`, at: now });
    await writeHistory(tx, actor, {
      recordType: RECORD_TYPE,
      recordId: merge.id,
      action: 'merge',
      changes: [{ field: 'mergedIntoId', old: null, new: keep.id }],
      note: `merged_into:${keep.number}`,
      at: now,
    });
    return { keptId: keep.id, mergedId: merge.id, moved: { contactPositions: positions.length, personTies: ties, ...followUps } };
  });
}

const latest = (left: Date | null, right: Date | null) => (!left ? right : !right ? left : left > right ? left : right);

/** The contacts merged into this one, directly or through earlier merges: the contact history includes theirs. */
export async function mergedContactIds(db: DbOrTx, id: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`with recursive merged(id) as (
      select c.id from contacts c where c.merged_into_id = ${id}
      union
      select c.id from contacts c join merged m on c.merged_into_id = m.id)
    select id from merged`);
  return result.rows.map((row) => row.id);
}
