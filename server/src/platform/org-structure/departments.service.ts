// The department tree (PLAT-2): create, rename, move (with the whole subtree) and disable.
import { authChanged } from '../auth/actor-cache';
import { and, asc, count, eq, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Department, departmentInputSchema, departmentPatchSchema } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { diffFields, writeHistory } from '../audit/history.service';
import { AppError, invalidField, notFound, staleVersion } from '../errors';
import { departments, users } from './org-structure.table';

type DepartmentRow = typeof departments.$inferSelect;

function toDepartment(row: DepartmentRow, memberCount: number): Department {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parentId,
    headUserId: row.headUserId,
    sort: row.sort,
    active: row.active,
    memberCount,
    version: row.version,
  };
}

export async function listDepartments(db: DbOrTx): Promise<Department[]> {
  const [rows, members] = await Promise.all([
    db.select().from(departments).orderBy(asc(departments.sort), asc(departments.name)),
    db.select({ departmentId: users.departmentId, value: count() }).from(users).where(eq(users.status, 'active')).groupBy(users.departmentId),
  ]);
  const memberCounts = new Map(members.map((row) => [row.departmentId, row.value]));
  return rows.map((row) => toDepartment(row, memberCounts.get(row.id) ?? 0));
}

async function getDepartmentRow(db: DbOrTx, id: string): Promise<DepartmentRow> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id));
  if (!row) throw notFound();
  return row;
}

async function assertUserExists(db: DbOrTx, userId: string | null | undefined, path: string) {
  if (!userId) return;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw invalidField(path, 'unknown_user');
}

export async function createDepartment(db: Db, actor: Actor, input: z.infer<typeof departmentInputSchema>): Promise<Department> {
  return db.transaction(async (tx) => {
    const parent = input.parentId ? await getDepartmentRow(tx, input.parentId).catch(() => null) : null;
    if (input.parentId && !parent) throw invalidField('parentId', 'unknown_department');
    await assertUserExists(tx, input.headUserId, 'headUserId');
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(departments)
      .values({
        id,
        name: input.name,
        parentId: input.parentId,
        path: `${parent?.path ?? '/'}${id}/`,
        headUserId: input.headUserId ?? null,
        sort: input.sort ?? 0,
      })
      .returning();
    await writeHistory(tx, actor, { recordType: 'department', recordId: id, action: 'create', changes: [{ field: 'name', old: null, new: input.name }] });
    return toDepartment(row!, 0);
  });
}

export async function updateDepartment(db: Db, actor: Actor, id: string, patch: z.infer<typeof departmentPatchSchema>): Promise<Department> {
  return db.transaction(async (tx) => {
    const current = await getDepartmentRow(tx, id);
    if (current.version !== patch.version) throw staleVersion();
    await assertUserExists(tx, patch.headUserId, 'headUserId');
    let path = current.path;
    if (patch.parentId !== undefined && patch.parentId !== current.parentId) {
      const parent = patch.parentId ? await getDepartmentRow(tx, patch.parentId).catch(() => null) : null;
      if (patch.parentId && !parent) throw invalidField('parentId', 'unknown_department');
      if (parent && parent.path.startsWith(current.path)) {
        throw new AppError('cycle_in_tree', 'A department cannot move under itself or its children', [
          { path: 'parentId', code: 'cycle_in_tree', message: 'A department cannot move under itself or its children' },
        ]);
      }
      path = `${parent?.path ?? '/'}${id}/`;
      // The whole subtree moves with it: one statement rewrites every descendant's path prefix.
      await tx
        .update(departments)
        .set({ path: sql`${path} || substr(${departments.path}, ${current.path.length + 1})` })
        .where(like(departments.path, `${current.path}%`));
    }
    if (patch.active === false && current.active) {
      const [members] = await tx
        .select({ value: count() })
        .from(users)
        .innerJoin(departments, eq(departments.id, users.departmentId))
        .where(and(like(departments.path, `${current.path}%`), eq(users.status, 'active')));
      if ((members?.value ?? 0) > 0) throw new AppError('in_use', 'Move the active members out before disabling the department');
    }
    const values = {
      name: patch.name ?? current.name,
      parentId: patch.parentId === undefined ? current.parentId : patch.parentId,
      headUserId: patch.headUserId === undefined ? current.headUserId : patch.headUserId,
      sort: patch.sort ?? current.sort,
      active: patch.active ?? current.active,
    };
    const changes = diffFields(current, values, ['name', 'parentId', 'headUserId', 'sort', 'active']);
    const [row] = await tx
      .update(departments)
      .set({ ...values, path, version: current.version + 1, updatedAt: new Date() })
      .where(and(eq(departments.id, id), eq(departments.version, patch.version)))
      .returning();
    if (!row) throw staleVersion();
    if (changes.length > 0) await writeHistory(tx, actor, { recordType: 'department', recordId: id, action: 'update', changes });
    if (path !== current.path) await authChanged(tx);
    const [members] = await tx.select({ value: count() }).from(users).where(and(eq(users.departmentId, id), eq(users.status, 'active')));
    return toDepartment(row, members?.value ?? 0);
  });
}

export async function assertDepartmentExists(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  if (!row) throw notFound();
}
