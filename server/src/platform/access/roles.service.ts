// Roles (PLAT-3): function permissions, a data scope per record type and visible protected fields.
import { authChanged } from '../auth/actor-cache';
import { asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { protectedFields, scopedRecordTypes, type DataScope, type Role, type roleInputSchema, type rolePatchSchema } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { writeAudit } from '../audit/audit-log.service';
import { diffFields, writeHistory } from '../audit/history.service';
import { AppError, invalidField, notFound, staleVersion } from '../errors';
import type { Actor } from './actor';
import { roles, userRoles } from './access.table';

type RoleRow = typeof roles.$inferSelect;

const knownProtectedFields = new Set(Object.entries(protectedFields).flatMap(([type, fields]) => fields.map((field) => `${type}.${field}`)));

function toRole(row: RoleRow, userCount: number): Role {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    builtin: row.builtin,
    permissions: row.permissions as Role['permissions'],
    scopes: row.scopes as Role['scopes'],
    visibleProtectedFields: row.visibleProtectedFields,
    userCount,
    version: row.version,
  };
}

type ScopesInput = z.infer<typeof roleInputSchema>['scopes'];

/** The scopes a role names, without the ones it leaves out. */
const namedScopes = (scopes: ScopesInput): Record<string, DataScope> =>
  Object.fromEntries(Object.entries(scopes).filter((entry): entry is [string, DataScope] => entry[1] !== undefined));

/** Projects, activities and work reports are reached as far as customers unless the role says otherwise. */
function withDefaultScopes(scopes: ScopesInput): Record<string, DataScope> {
  const fallback = Object.fromEntries(scopedRecordTypes.map((recordType) => [recordType, scopes.organization]));
  return { ...fallback, ...namedScopes(scopes) };
}

function assertKnownProtectedFields(fields: string[] | undefined) {
  const unknown = fields?.find((field) => !knownProtectedFields.has(field) && !field.includes('.custom.'));
  if (unknown) throw invalidField('visibleProtectedFields', 'unknown_field', `Unknown protected field ${unknown}`);
}

export async function listRoles(db: DbOrTx): Promise<Role[]> {
  const [rows, counts] = await Promise.all([
    db.select().from(roles).orderBy(asc(roles.builtin), asc(roles.name)),
    db.select({ roleId: userRoles.roleId, value: count() }).from(userRoles).groupBy(userRoles.roleId),
  ]);
  const byRole = new Map(counts.map((row) => [row.roleId, row.value]));
  return rows.map((row) => toRole(row, byRole.get(row.id) ?? 0));
}

export async function getRole(db: DbOrTx, id: string): Promise<Role> {
  const [row] = await db.select().from(roles).where(eq(roles.id, id));
  if (!row) throw notFound();
  const [users] = await db.select({ value: count() }).from(userRoles).where(eq(userRoles.roleId, id));
  return toRole(row, users?.value ?? 0);
}

export async function createRole(db: Db, actor: Actor, input: z.infer<typeof roleInputSchema>): Promise<Role> {
  assertKnownProtectedFields(input.visibleProtectedFields);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.code, input.code));
    if (taken) throw new AppError('already_exists', 'Role code in use', [{ path: 'code', code: 'code_taken', message: 'Role code in use' }]);
    const [row] = await tx.insert(roles).values({ ...input, scopes: withDefaultScopes(input.scopes), description: input.description ?? null }).returning();
    await writeHistory(tx, actor, { recordType: 'role', recordId: row!.id, action: 'create' });
    await writeAudit(tx, { action: 'permission_change', actorId: actor.userId, targetType: 'role', targetId: row!.id, ip: actor.ip, details: { created: input } });
    return toRole(row!, 0);
  });
}

export async function updateRole(db: Db, actor: Actor, id: string, patch: z.infer<typeof rolePatchSchema>): Promise<Role> {
  assertKnownProtectedFields(patch.visibleProtectedFields);
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
    if (!current) throw notFound();
    if (current.version !== patch.version) throw staleVersion();
    const { version: _version, scopes, ...rest } = patch;
    // The scopes an edit does not name stay what they were (an edit naming only the customer scope keeps the others).
    const fields = scopes ? { ...rest, scopes: { ...current.scopes, ...namedScopes(scopes) } } : rest;
    const changes = diffFields(current as unknown as Record<string, unknown>, fields, ['name', 'description', 'permissions', 'scopes', 'visibleProtectedFields']);
    if (changes.length === 0) return;
    await tx.update(roles).set({ ...fields, version: current.version + 1, updatedAt: new Date() }).where(eq(roles.id, id));
    await writeHistory(tx, actor, { recordType: 'role', recordId: id, action: 'update', changes });
    await writeAudit(tx, { action: 'permission_change', actorId: actor.userId, targetType: 'role', targetId: id, ip: actor.ip, details: { changes } });
    await authChanged(tx);
  });
  return getRole(db, id);
}

export async function deleteRole(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(roles).where(eq(roles.id, id)).for('update');
    if (!current) throw notFound();
    if (current.builtin) throw new AppError('builtin_protected', 'Built-in roles cannot be deleted');
    const [holders] = await tx.select({ value: count() }).from(userRoles).where(eq(userRoles.roleId, id));
    if ((holders?.value ?? 0) > 0) throw new AppError('in_use', 'Users still hold this role');
    await tx.delete(roles).where(eq(roles.id, id));
    await authChanged(tx);
    await writeHistory(tx, actor, { recordType: 'role', recordId: id, action: 'delete' });
    await writeAudit(tx, { action: 'permission_change', actorId: actor.userId, targetType: 'role', targetId: id, ip: actor.ip, details: { deleted: current.code } });
  });
}
