// Merging two organisations (CUS-3): field by field into the one kept, every related record moved, both histories kept.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { organizationMergeFields, protectedFields, type MergeResult, type OrganizationMergeInput } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { recordShares } from '../../platform/access/access.table';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { canSeeField, recordCondition, scopeCondition } from '../../platform/access/record-scope';
import { assertNotLocked } from '../../platform/approvals/approval-chain';
import { recordHistory } from '../../platform/audit/audit.table';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { authChanged } from '../../platform/auth/actor-cache';
import { AppError, forbidden, invalidField, notFound, staleVersion } from '../../platform/errors';
import { activities, tasks } from '../activities/activities.table';
import { contactPositions, contacts } from '../contacts/contacts.table';
import { leadHandovers, poolMoves } from '../pool/pool.table';
import { organizationTies } from '../relationships/relationships.table';
import { competitorProfiles, organizations } from './organizations.table';
import { nameSearchKeys } from './organizations.service';

const RECORD_TYPE = 'organization';
const scoped = ownedRecordTables.organization;
type OrganizationRow = typeof organizations.$inferSelect;

/**
 * Both rows locked for writing, in id order (two merges of the same pair cannot deadlock). Not writable but readable
 * is a 403, not even readable a 404 — for each of the two.
 */
async function lockPair(tx: DbOrTx, actor: Actor, keepId: string, mergeId: string) {
  const rows = await tx
    .select()
    .from(organizations)
    .where(and(inArray(organizations.id, [keepId, mergeId]), isNull(organizations.deletedAt), scopeCondition(actor, scoped, 'write')))
    .orderBy(organizations.id)
    .for('update');
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const id of [keepId, mergeId]) {
    if (byId.has(id)) continue;
    const [readable] = await tx.select({ id: organizations.id }).from(organizations).where(and(recordCondition(actor, scoped, id, 'read'), isNull(organizations.deletedAt)));
    throw readable ? forbidden('Read-only access to this record') : notFound();
  }
  return { keep: byId.get(keepId)!, merge: byId.get(mergeId)! };
}

/** The kept record's new values: each field from the side chosen; custom fields combined, the chosen side winning. */
function mergedValues(actor: Actor, keep: OrganizationRow, merge: OrganizationRow, choices: OrganizationMergeInput['fields']) {
  const next: Record<string, unknown> = {};
  for (const field of organizationMergeFields) {
    const choice = choices[field] ?? 'keep';
    if (field === 'customFields') {
      next.customFields = choice === 'merge' ? { ...keep.customFields, ...merge.customFields } : { ...merge.customFields, ...keep.customFields };
      continue;
    }
    if (choice === 'merge' && (protectedFields.organization as readonly string[]).includes(field) && !canSeeField(actor, RECORD_TYPE, field)) {
      throw invalidField(`fields.${field}`, 'field_protected');
    }
    next[field] = (choice === 'merge' ? merge : keep)[field];
  }
  return next as Partial<OrganizationRow>;
}

/** Moves what hangs on the merged organisation to the kept one; returns how many of each kind moved. */
async function moveRelatedRecords(tx: DbOrTx, actor: Actor, keep: OrganizationRow, merge: OrganizationRow, now: Date) {
  const moved: Record<string, number> = {};

  const movedContacts = await tx
    .update(contacts)
    .set({ organizationId: keep.id, version: sql`${contacts.version} + 1`, updatedAt: now })
    .where(eq(contacts.organizationId, merge.id))
    .returning({ id: contacts.id });
  moved.contacts = movedContacts.length;
  if (movedContacts.length > 0) {
    // Each contact's own history says where it went and why (one statement, however many contacts).
    await tx.insert(recordHistory).values(
      movedContacts.map((contact) => ({
        recordType: 'contact',
        recordId: contact.id,
        action: 'move',
        actorId: actor.userId,
        changes: [
          { field: 'organization', old: merge.name, new: keep.name },
          { field: 'organizationId', old: merge.id, new: keep.id },
        ],
        note: `merged_into:${keep.number}`,
        at: now,
      })),
    );
  }
  moved.contactPositions = (
    await tx.update(contactPositions).set({ organizationId: keep.id }).where(eq(contactPositions.organizationId, merge.id)).returning({ id: contactPositions.id })
  ).length;

  // Ties between the two would become self-ties; a tie the kept one already has (same other end, same type) is dropped.
  const between = or(
    and(eq(organizationTies.fromOrganizationId, merge.id), eq(organizationTies.toOrganizationId, keep.id)),
    and(eq(organizationTies.fromOrganizationId, keep.id), eq(organizationTies.toOrganizationId, merge.id)),
  );
  await tx.delete(organizationTies).where(between);
  await tx.execute(sql`delete from organization_ties t where t.from_organization_id = ${merge.id} and exists (
      select 1 from organization_ties k where k.from_organization_id = ${keep.id} and k.to_organization_id = t.to_organization_id and k.type = t.type)`);
  await tx.execute(sql`delete from organization_ties t where t.to_organization_id = ${merge.id} and exists (
      select 1 from organization_ties k where k.to_organization_id = ${keep.id} and k.from_organization_id = t.from_organization_id and k.type = t.type)`);
  const tiesFrom = await tx.update(organizationTies).set({ fromOrganizationId: keep.id }).where(eq(organizationTies.fromOrganizationId, merge.id)).returning({ id: organizationTies.id });
  const tiesTo = await tx.update(organizationTies).set({ toOrganizationId: keep.id }).where(eq(organizationTies.toOrganizationId, merge.id)).returning({ id: organizationTies.id });
  moved.organizationTies = tiesFrom.length + tiesTo.length;

  // Shares: whoever could see the merged record can see the kept one; a target shared both ways keeps the wider access.
  await tx.execute(sql`update record_shares k set access = 'edit' where k.record_type = ${RECORD_TYPE} and k.record_id = ${keep.id} and exists (
      select 1 from record_shares m where m.record_type = ${RECORD_TYPE} and m.record_id = ${merge.id} and m.access = 'edit'
         and coalesce(m.user_id, m.department_id) = coalesce(k.user_id, k.department_id))`);
  await tx.execute(sql`delete from record_shares m where m.record_type = ${RECORD_TYPE} and m.record_id = ${merge.id} and exists (
      select 1 from record_shares k where k.record_type = ${RECORD_TYPE} and k.record_id = ${keep.id}
         and coalesce(m.user_id, m.department_id) = coalesce(k.user_id, k.department_id))`);
  moved.shares = (
    await tx
      .update(recordShares)
      .set({ recordId: keep.id })
      .where(and(eq(recordShares.recordType, RECORD_TYPE), eq(recordShares.recordId, merge.id)))
      .returning({ id: recordShares.id })
  ).length;
  // Sharing is part of every actor's cached reach: drop the caches at commit.
  await authChanged(tx);

  moved.poolMoves = (await tx.update(poolMoves).set({ organizationId: keep.id }).where(eq(poolMoves.organizationId, merge.id)).returning({ id: poolMoves.id })).length;
  // One pending hand-over per organisation: when both wait, the kept one's stands and the other ends.
  await tx.execute(sql`update lead_handovers set status = 'expired', decided_at = ${now}, decision_note = 'merged'
      where organization_id = ${merge.id} and status = 'pending'
        and exists (select 1 from lead_handovers k where k.organization_id = ${keep.id} and k.status = 'pending')`);
  moved.leadHandovers = (
    await tx.update(leadHandovers).set({ organizationId: keep.id }).where(eq(leadHandovers.organizationId, merge.id)).returning({ id: leadHandovers.id })
  ).length;

  moved.projects = await moveProjectLinks(tx, actor, keep, merge, now);
  // Follow-ups and tasks about the merged customer are about the kept one now (their owners and dates stay).
  moved.activities = (
    await tx.update(activities).set({ organizationId: keep.id, version: sql`${activities.version} + 1`, updatedAt: now }).where(eq(activities.organizationId, merge.id)).returning({ id: activities.id })
  ).length;
  moved.tasks = (await tx.update(tasks).set({ organizationId: keep.id, version: sql`${tasks.version} + 1`, updatedAt: now }).where(eq(tasks.organizationId, merge.id)).returning({ id: tasks.id })).length;

  // One competitor profile per organisation: the kept one's stays; the merged one's moves only when the kept has none.
  const [keptProfile] = await tx.select({ id: competitorProfiles.organizationId }).from(competitorProfiles).where(eq(competitorProfiles.organizationId, keep.id));
  if (keptProfile) {
    await tx.delete(competitorProfiles).where(eq(competitorProfiles.organizationId, merge.id));
    moved.competitorProfiles = 0;
  } else {
    moved.competitorProfiles = (
      await tx.update(competitorProfiles).set({ organizationId: keep.id }).where(eq(competitorProfiles.organizationId, merge.id)).returning({ id: competitorProfiles.organizationId })
    ).length;
  }
  return moved;
}

/**
 * Projects (PRJ-1, 5, 12) name organisations as owner, related party, competitor, winner, tenderer and bidder: all of
 * them follow to the kept one. A project whose owner organisation changes gets a history line. Where the project
 * already names the kept organisation in the same role (related, competitor), the merged one's row goes.
 */
async function moveProjectLinks(tx: DbOrTx, actor: Actor, keep: OrganizationRow, merge: OrganizationRow, now: Date): Promise<number> {
  await tx.execute(sql`insert into record_history (record_type, record_id, action, actor_id, changes, note, at)
      select 'project', p.id, 'update', ${actor.userId},
             jsonb_build_array(jsonb_build_object('field', 'organizationId', 'old', ${merge.id}::text, 'new', ${keep.id}::text)),
             ${`merged_into:${keep.number}`}, ${now}
        from projects p where p.organization_id = ${merge.id}`);
  const owned = await tx.execute(sql`update projects set organization_id = ${keep.id}, updated_at = ${now}, version = version + 1
      where organization_id = ${merge.id} returning id`);
  await tx.execute(sql`update projects set winner_organization_id = ${keep.id} where winner_organization_id = ${merge.id}`);
  await tx.execute(sql`delete from project_organizations m where m.organization_id = ${merge.id} and exists (
      select 1 from project_organizations k where k.project_id = m.project_id and k.organization_id = ${keep.id} and k.role = m.role)`);
  await tx.execute(sql`update project_organizations set organization_id = ${keep.id} where organization_id = ${merge.id}`);
  await tx.execute(sql`delete from project_competitors m where m.organization_id = ${merge.id} and exists (
      select 1 from project_competitors k where k.project_id = m.project_id and k.organization_id = ${keep.id})`);
  await tx.execute(sql`update project_competitors set organization_id = ${keep.id} where organization_id = ${merge.id}`);
  await tx.execute(sql`update tenders set tenderer_organization_id = ${keep.id} where tenderer_organization_id = ${merge.id}`);
  await tx.execute(sql`update tenders set winner_organization_id = ${keep.id} where winner_organization_id = ${merge.id}`);
  await tx.execute(sql`update tender_bidders set organization_id = ${keep.id} where organization_id = ${merge.id}`);
  return owned.rows.length;
}

/**
 * Merges `mergeId` into `keepId` in one transaction. Needs edit on the kept record and delete (the merged one goes
 * away), write access to both, neither locked by a pending approval, both at the versions the caller read.
 */
export async function mergeOrganizations(db: Db, actor: Actor, input: OrganizationMergeInput, now = new Date()): Promise<MergeResult> {
  if (!actor.permissions.has('organization.edit') || !actor.permissions.has('organization.delete')) {
    throw forbidden('Merging needs the edit and delete permissions');
  }
  if (input.keepId === input.mergeId) throw invalidField('mergeId', 'same_record');
  return db.transaction(async (tx) => {
    const { keep, merge } = await lockPair(tx, actor, input.keepId, input.mergeId);
    if (keep.version !== input.keepVersion || merge.version !== input.mergeVersion) throw staleVersion();
    await assertNotLocked(tx, RECORD_TYPE, keep.id);
    await assertNotLocked(tx, RECORD_TYPE, merge.id);

    const next = mergedValues(actor, keep, merge, input.fields);
    const ownerFromMerged = next.ownerId !== keep.ownerId;
    if (ownerFromMerged && !actor.permissions.has('organization.assign')) throw new AppError('forbidden', 'Changing the owner needs the assign permission');
    const changes = diffFields(keep as unknown as Record<string, unknown>, next as Record<string, unknown>, organizationMergeFields);
    await tx
      .update(organizations)
      .set({
        ...next,
        ...nameSearchKeys(next.name ?? keep.name),
        // The owner comes with its pool clocks: who holds it since when, or the pool it waits in.
        ...(ownerFromMerged ? { poolId: merge.poolId, pooledAt: merge.pooledAt, ownedSince: merge.ownedSince, poolWarnedAt: merge.poolWarnedAt } : {}),
        lastActivityAt: latest(keep.lastActivityAt, merge.lastActivityAt),
        lastDealAt: latest(keep.lastDealAt, merge.lastDealAt),
        version: keep.version + 1,
        updatedAt: now,
      })
      .where(eq(organizations.id, keep.id));
    const moved = await moveRelatedRecords(tx, actor, keep, merge, now);
    await tx
      .update(organizations)
      .set({ deletedAt: now, mergedIntoId: keep.id, version: merge.version + 1, updatedAt: now })
      .where(eq(organizations.id, merge.id));

    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: keep.id, action: 'merge', changes, note: `merged_from:${merge.number}`, at: now });
    await writeHistory(tx, actor, {
      recordType: RECORD_TYPE,
      recordId: merge.id,
      action: 'merge',
      changes: [{ field: 'mergedIntoId', old: null, new: keep.id }],
      note: `merged_into:${keep.number}`,
      at: now,
    });
    return { keptId: keep.id, mergedId: merge.id, moved };
  });
}

const latest = (left: Date | null, right: Date | null) => (!left ? right : !right ? left : left > right ? left : right);

/** The organisations merged into this one, directly or through earlier merges: their histories belong to it too. */
export async function mergedIntoIds(db: DbOrTx, id: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`with recursive merged(id) as (
      select o.id from organizations o where o.merged_into_id = ${id}
      union
      select o.id from organizations o join merged m on o.merged_into_id = m.id)
    select id from merged`);
  return result.rows.map((row) => row.id);
}
