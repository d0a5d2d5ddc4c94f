// Delegation (工作代理) and bulk transfer (工作转移) of a user's records (PLAT-4).
import { authChanged } from '../auth/actor-cache';
import { and, desc, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
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
 * What a transfer moves of each owned record type, beyond "live and owned by the departing user": done activities stay
 * with who did the work (only planned ones move), and work reports are the author's own account — never moved.
 */
const transferCondition: Record<ScopedRecordType, SQL | null> = {
  organization: sql`true`,
  project: sql`true`,
  activity: sql`status = 'planned'`,
  work_report: null,
};

/**
 * Moves every live record a user owns to another user in one transaction, with a history entry per
 * record and one audit entry for the whole transfer. With activities, the user's open tasks move to the new assignee.
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
      const condition = transferCondition[recordType];
      if (!condition) continue;
      const owned = ownedRecordTables[recordType];
      // History first, from the same rows the update then moves: one statement each, whatever the count.
      await tx.execute(sql`
        insert into record_history (record_type, record_id, action, actor_id, changes)
        select ${recordType}, ${owned.id}, 'transfer', ${actor.userId}::uuid,
               jsonb_build_array(jsonb_build_object('field', 'ownerId', 'old', ${fromUserId}::text, 'new', ${toUserId}::text))
          from ${owned.table} where ${owned.ownerId} = ${fromUserId} and ${owned.deletedAt} is null and ${condition}`);
      // The owner column is named differently per table (owner_id, user_id): set through the table's own column.
      const moved = await tx.execute<{ id: string }>(sql`
        update ${owned.table} set ${sql.identifier(owned.ownerId.name)} = ${toUserId}, version = version + 1, updated_at = now()
         where ${owned.ownerId} = ${fromUserId} and ${owned.deletedAt} is null and ${condition}
         returning id`);
      transferred[recordType] = moved.rows.length;
      if (recordType === 'activity') {
        await moveReminders(tx, 'activity', moved.rows, fromUserId, toUserId);
        transferred.task = await transferOpenTasks(tx, actor, fromUserId, toUserId);
      }
    }
    await writeAudit(tx, { action: 'transfer', actorId: actor.userId, targetType: 'user', targetId: fromUserId, ip: actor.ip, details: { toUserId, transferred } });
    await notify(tx, [{ userId: toUserId, kind: 'records_transferred', params: { fromUserId, by: actor.displayName, transferred }, link: '/organizations?mine=true' }]);
    return { transferred };
  });
}

/** The departing user's open tasks go to the new assignee, with their pending reminders. */
async function transferOpenTasks(tx: DbOrTx, actor: Actor, fromUserId: string, toUserId: string): Promise<number> {
  await tx.execute(sql`
    insert into record_history (record_type, record_id, action, actor_id, changes)
    select 'task', id, 'transfer', ${actor.userId}::uuid,
           jsonb_build_array(jsonb_build_object('field', 'assigneeId', 'old', ${fromUserId}::text, 'new', ${toUserId}::text))
      from tasks where assignee_id = ${fromUserId} and status = 'open' and deleted_at is null`);
  const moved = await tx.execute<{ id: string }>(sql`
    update tasks set assignee_id = ${toUserId}, version = version + 1, updated_at = now()
     where assignee_id = ${fromUserId} and status = 'open' and deleted_at is null
     returning id`);
  await moveReminders(tx, 'task', moved.rows, fromUserId, toUserId);
  return moved.rows.length;
}

/** Pending reminders of moved records follow them to their new owner. */
async function moveReminders(tx: DbOrTx, recordType: string, records: { id: string }[], fromUserId: string, toUserId: string) {
  if (records.length === 0) return;
  await tx.execute(sql`update reminders set user_id = ${toUserId}
    where record_type = ${recordType} and user_id = ${fromUserId} and status = 'pending'
      and record_id = any(${`{${records.map((row) => row.id).join(',')}}`}::uuid[])`);
}
