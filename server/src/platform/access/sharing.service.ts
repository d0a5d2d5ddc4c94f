// Sharing (PLAT-4): a record shared with a user or a department, for reading or editing.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ScopedRecordType } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { writeAudit } from '../audit/audit-log.service';
import { authChanged } from '../auth/actor-cache';
import { writeHistory } from '../audit/history.service';
import { notify } from '../notify/notifications.service';
import { AppError, invalidField, notFound } from '../errors';
import { departments, users } from '../org-structure/org-structure.table';
import type { Actor } from './actor';
import { recordShares } from './access.table';
import { ownedRecordTables } from './owned-records';
import { recordCondition, type AccessMode } from './record-scope';

/** Loads the record's owner if the actor may reach it in this mode; otherwise a 404. */
export async function assertRecordAccess(db: DbOrTx, actor: Actor, recordType: ScopedRecordType, id: string, mode: AccessMode) {
  const owned = ownedRecordTables[recordType];
  const [row] = await db
    .select({ id: owned.id, ownerId: owned.ownerId })
    .from(owned.table)
    .where(and(recordCondition(actor, owned, id, mode), isNull(owned.deletedAt)));
  if (!row) throw notFound();
  return row as { id: string; ownerId: string | null };
}

export async function listShares(db: DbOrTx, actor: Actor, recordType: ScopedRecordType, recordId: string) {
  await assertRecordAccess(db, actor, recordType, recordId, 'read');
  const rows = await db
    .select({ share: recordShares, userName: users.displayName, departmentName: departments.name })
    .from(recordShares)
    .leftJoin(users, eq(users.id, recordShares.userId))
    .leftJoin(departments, eq(departments.id, recordShares.departmentId))
    .where(and(eq(recordShares.recordType, recordType), eq(recordShares.recordId, recordId)))
    .orderBy(asc(recordShares.createdAt));
  return rows.map(({ share, userName, departmentName }) => ({
    id: share.id,
    userId: share.userId,
    userName,
    departmentId: share.departmentId,
    departmentName,
    access: share.access as 'read' | 'edit',
    createdAt: share.createdAt.toISOString(),
  }));
}

export async function addShare(
  db: Db,
  actor: Actor,
  recordType: ScopedRecordType,
  recordId: string,
  input: { userId?: string | undefined; departmentId?: string | undefined; access: 'read' | 'edit' },
) {
  await db.transaction(async (tx) => {
    // Only someone who may edit the record may share it.
    await assertRecordAccess(tx, actor, recordType, recordId, 'write');
    if (input.userId) {
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
      if (!user) throw invalidField('userId', 'unknown_user');
    }
    if (input.departmentId) {
      const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
      if (!department) throw invalidField('departmentId', 'unknown_department');
    }
    const inserted = await tx
      .insert(recordShares)
      .values({ recordType, recordId, userId: input.userId ?? null, departmentId: input.departmentId ?? null, access: input.access, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning({ id: recordShares.id });
    if (inserted.length === 0) throw new AppError('already_exists', 'Already shared with this user or department');
    // Actors carry the records shared with them (see Actor.shared).
    await authChanged(tx);
    const target = input.userId ? { userId: input.userId } : { departmentId: input.departmentId };
    await writeHistory(tx, actor, { recordType, recordId, action: 'share', changes: [{ field: 'share', old: null, new: { ...target, access: input.access } }] });
    await writeAudit(tx, { action: 'share', actorId: actor.userId, targetType: recordType, targetId: recordId, ip: actor.ip, details: { ...target, access: input.access } });
    if (input.userId && input.userId !== actor.userId) {
      await notify(tx, [{ userId: input.userId, kind: 'record_shared', params: { recordType, recordId, by: actor.displayName, access: input.access }, link: `/${recordType}s/${recordId}` }]);
    }
  });
  return listShares(db, actor, recordType, recordId);
}

export async function removeShare(db: Db, actor: Actor, recordType: ScopedRecordType, recordId: string, shareId: string) {
  await db.transaction(async (tx) => {
    await assertRecordAccess(tx, actor, recordType, recordId, 'write');
    const removed = await tx
      .delete(recordShares)
      .where(and(eq(recordShares.id, shareId), eq(recordShares.recordType, recordType), eq(recordShares.recordId, recordId)))
      .returning();
    if (removed.length === 0) throw notFound();
    await authChanged(tx);
    const share = removed[0]!;
    await writeHistory(tx, actor, {
      recordType,
      recordId,
      action: 'unshare',
      changes: [{ field: 'share', old: { userId: share.userId, departmentId: share.departmentId, access: share.access }, new: null }],
    });
  });
}
