// Saved list views (PLAT-9): each user's own filters, columns and sort per list, with at most one default per list.
// Another user's view is a 404 like any record out of reach. Views are personal settings, not business records,
// so they carry no record history.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { SavedView, SavedViewInput, SavedViewPatch, ViewListKey } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound, staleVersion } from '../errors';
import { savedViews } from './views.table';
import { databaseError } from '../../db/database-error';

/** A user keeps a handful of views per list; the cap stops a script from filling the table. */
const MAX_VIEWS_PER_LIST = 50;

type SavedViewRow = typeof savedViews.$inferSelect;

const sqlIncrement = () => sql`${savedViews.version} + 1`;
/**
 * Serialises one user's view changes for the transaction: two concurrent "make this the default" (or two creates
 * of the same name) then meet the checks one after the other instead of one of them hitting a unique index.
 */
const sqlLockUser = (userId: string) => sql`select pg_advisory_xact_lock(hashtext(${`saved_views:${userId}`}))`;

function toSavedView(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    listKey: row.listKey as ViewListKey,
    name: row.name,
    filters: row.filters,
    columns: row.columns,
    sort: row.sort,
    isDefault: row.isDefault,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const nameTaken = () => new AppError('already_exists', 'A view with this name exists for this list', [{ path: 'name', code: 'view_name_taken', message: 'view_name_taken' }]);

export async function listViews(db: DbOrTx, actor: Actor, listKey: ViewListKey) {
  const rows = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.userId, actor.userId), eq(savedViews.listKey, listKey)))
    .orderBy(asc(savedViews.name));
  return { items: rows.map(toSavedView) };
}

/** The user's other views of the list lose their default; called before a view becomes the default, in its transaction. */
async function clearOtherDefaults(tx: DbOrTx, actor: Actor, listKey: string, keepId: string | null) {
  await tx
    .update(savedViews)
    .set({ isDefault: false, version: sqlIncrement(), updatedAt: new Date() })
    .where(and(eq(savedViews.userId, actor.userId), eq(savedViews.listKey, listKey), eq(savedViews.isDefault, true), keepId ? ne(savedViews.id, keepId) : undefined));
}

async function assertNameFree(tx: DbOrTx, actor: Actor, listKey: string, name: string, exceptId: string | null) {
  const [clash] = await tx
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(and(eq(savedViews.userId, actor.userId), eq(savedViews.listKey, listKey), eq(savedViews.name, name), exceptId ? ne(savedViews.id, exceptId) : undefined));
  if (clash) throw nameTaken();
}

/** A concurrent insert can still win the unique index; it answers with the same 409 as the check above. */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  const failure = databaseError(error);
  return failure?.code === '23505' && (failure.constraint === undefined || failure.constraint === constraint);
}

export async function createView(db: Db, actor: Actor, input: SavedViewInput): Promise<SavedView> {
  try {
    return await db.transaction(async (tx) => {
      // Lock the user's row: two creates of the same user serialise, so the count and the default stay exact.
      await tx.execute(sqlLockUser(actor.userId));
      const existing = await tx.select({ id: savedViews.id }).from(savedViews).where(and(eq(savedViews.userId, actor.userId), eq(savedViews.listKey, input.listKey)));
      if (existing.length >= MAX_VIEWS_PER_LIST) throw new AppError('business_rule', 'Too many saved views for this list', [{ path: 'listKey', code: 'too_many_views', message: 'too_many_views' }]);
      await assertNameFree(tx, actor, input.listKey, input.name, null);
      if (input.isDefault) await clearOtherDefaults(tx, actor, input.listKey, null);
      const [row] = await tx
        .insert(savedViews)
        .values({ userId: actor.userId, listKey: input.listKey, name: input.name, filters: input.filters, columns: input.columns, sort: input.sort ?? null, isDefault: input.isDefault })
        .returning();
      return toSavedView(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'saved_views_name_key')) throw nameTaken();
    throw error;
  }
}

export async function updateView(db: Db, actor: Actor, id: string, patch: SavedViewPatch): Promise<SavedView> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sqlLockUser(actor.userId));
      const [current] = await tx
        .select()
        .from(savedViews)
        .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.userId)))
        .for('update');
      if (!current) throw notFound();
      if (current.version !== patch.version) throw staleVersion();
      if (patch.name !== undefined && patch.name !== current.name) await assertNameFree(tx, actor, current.listKey, patch.name, id);
      if (patch.isDefault) await clearOtherDefaults(tx, actor, current.listKey, id);
      const { version, ...fields } = patch;
      const [row] = await tx
        .update(savedViews)
        .set({ ...fields, version: version + 1, updatedAt: new Date() })
        .where(and(eq(savedViews.id, id), eq(savedViews.version, version)))
        .returning();
      if (!row) throw staleVersion();
      return toSavedView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'saved_views_name_key')) throw nameTaken();
    throw error;
  }
}

export async function deleteView(db: DbOrTx, actor: Actor, id: string) {
  // A view is a personal setting: deleting it removes it (no soft delete, nothing refers to it).
  const deleted = await db.delete(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.userId))).returning({ id: savedViews.id });
  if (deleted.length === 0) throw notFound();
}
