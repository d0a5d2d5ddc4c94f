// Delegation (工作代理) and bulk transfer (工作转移) of a user's records (PLAT-4).
import { authChanged } from '../auth/actor-cache';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { scopedRecordTypes, type ScopedRecordType } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { writeAudit } from '../audit/audit-log.service';
import { notify } from '../notify/notifications.service';
import { AppError, invalidField, notFound } from '../errors';
import { users } from '../org-structure/org-structure.table';
import type { Actor } from './actor';
import { delegations } from './access.table';
import { ownedRecordTables } from './owned-records';

const fromUsers = alias(users, 'from_users');
const toUsers = alias(users, 'to_users');

export async function listDelegations(db: DbOrTx, actor: Actor) {
  const seesAll = actor.permissions.has('user.assign');
  const rows = await db
    .select({ delegation: delegations, fromName: fromUsers.displayName, toName: toUsers.displayName })
    .from(delegations)
    .innerJoin(fromUsers, eq(fromUsers.id, delegations.fromUserId))
    .innerJoin(toUsers, eq(toUsers.id, delegations.toUserId))
    .where(seesAll ? undefined : or(eq(delegations.fromUserId, actor.userId), eq(delegations.toUserId, actor.userId)))
    .orderBy(desc(delegations.createdAt))
    .limit(500);
  return rows.map(({ delegation, fromName, toName }) => ({
    id: delegation.id,
    fromUserId: delegation.fromUserId,
    fromUserName: fromName,
    toUserId: delegation.toUserId,
    toUserName: toName,
    startsAt: delegation.startsAt.toISOString(),
    endsAt: delegation.endsAt.toISOString(),
    reason: delegation.reason,
    scope: delegation.scope as 'all' | 'approvals',
    revokedAt: delegation.revokedAt?.toISOString() ?? null,
    createdAt: delegation.createdAt.toISOString(),
  }));
}

/** A user delegates their own work; someone with `user.assign` may set it up for anyone. */
export async function createDelegation(
  db: Db,
  actor: Actor,
  input: { fromUserId: string; toUserId: string; startsAt: string; endsAt: string; reason?: string | null | undefined; scope?: 'all' | 'approvals' | undefined },
) {
  if (input.fromUserId !== actor.userId && !actor.permissions.has('user.assign')) throw new AppError('forbidden', 'You may only delegate your own work');
  const id = await db.transaction(async (tx) => {
    const found = await tx.select({ id: users.id, status: users.status }).from(users).where(or(eq(users.id, input.fromUserId), eq(users.id, input.toUserId)));
    if (!found.some((user) => user.id === input.fromUserId)) throw invalidField('fromUserId', 'unknown_user');
    const target = found.find((user) => user.id === input.toUserId);
    if (!target) throw invalidField('toUserId', 'unknown_user');
    if (target.status !== 'active') throw invalidField('toUserId', 'user_departed');
    const [row] = await tx
      .insert(delegations)
      .values({ ...input, scope: input.scope ?? 'all', startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), reason: input.reason ?? null, createdBy: actor.userId })
      .returning({ id: delegations.id });
    await authChanged(tx);
    await writeAudit(tx, { action: 'delegation', actorId: actor.userId, targetType: 'user', targetId: input.fromUserId, ip: actor.ip, details: { ...input } });
    await notify(tx, [{ userId: input.toUserId, kind: 'delegation_received', params: { fromUserId: input.fromUserId, startsAt: input.startsAt, endsAt: input.endsAt }, link: '/admin/delegations' }]);
    return row!.id;
  });
  return (await listDelegations(db, { ...actor, permissions: new Set(['user.assign']) })).find((row) => row.id === id)!;
}

export async function revokeDelegation(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(delegations).where(and(eq(delegations.id, id), isNull(delegations.revokedAt), gt(delegations.endsAt, new Date())));
    if (!row) throw notFound();
    const involved = row.fromUserId === actor.userId || row.createdBy === actor.userId;
    if (!involved && !actor.permissions.has('user.assign')) throw notFound();
    await tx.update(delegations).set({ revokedAt: new Date() }).where(eq(delegations.id, id));
    await authChanged(tx);
    await writeAudit(tx, { action: 'delegation', actorId: actor.userId, targetType: 'user', targetId: row.fromUserId, ip: actor.ip, details: { revoked: id } });
  });
}

/**
 * Moves every live record a user owns to another user in one transaction, with a history entry per
 * record and one audit entry for the whole transfer.
 */
export async function transferRecords(db: Db, actor: Actor, fromUserId: string, toUserId: string, recordTypes: readonly ScopedRecordType[] = scopedRecordTypes) {
  if (fromUserId === toUserId) throw invalidField('toUserId', 'same_user');
  return db.transaction(async (tx) => {
    const found = await tx.select({ id: users.id, status: users.status }).from(users).where(or(eq(users.id, fromUserId), eq(users.id, toUserId)));
    if (!found.some((user) => user.id === fromUserId)) throw notFound();
    const target = found.find((user) => user.id === toUserId);
    if (!target) throw invalidField('toUserId', 'unknown_user');
    if (target.status !== 'active') throw invalidField('toUserId', 'user_departed');
    const transferred: Record<string, number> = {};
    for (const recordType of recordTypes) {
      const owned = ownedRecordTables[recordType];
      // History first, from the same rows the update then moves: one statement each, whatever the count.
      await tx.execute(sql`
        insert into record_history (record_type, record_id, action, actor_id, changes)
        select ${recordType}, ${owned.id}, 'transfer', ${actor.userId}::uuid,
               jsonb_build_array(jsonb_build_object('field', 'ownerId', 'old', ${fromUserId}::text, 'new', ${toUserId}::text))
          from ${owned.table} where ${owned.ownerId} = ${fromUserId} and ${owned.deletedAt} is null`);
      const moved = await tx
        .update(owned.table)
        .set({ ownerId: toUserId, version: sql`${owned.table.version} + 1`, updatedAt: new Date() })
        .where(and(eq(owned.ownerId, fromUserId), isNull(owned.deletedAt)))
        .returning({ id: owned.id });
      transferred[recordType] = moved.length;
    }
    await writeAudit(tx, { action: 'transfer', actorId: actor.userId, targetType: 'user', targetId: fromUserId, ip: actor.ip, details: { toUserId, transferred } });
    await notify(tx, [{ userId: toUserId, kind: 'records_transferred', params: { fromUserId, by: actor.displayName, transferred }, link: '/organizations?mine=true' }]);
    return { transferred };
  });
}
