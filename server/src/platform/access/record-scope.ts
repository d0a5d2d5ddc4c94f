// The one access layer for owned records: every list gets its scope filter in SQL, every single read
// or write its check. Routes never decide who may see a row.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import type { ScopedRecordType } from '@openpsm/contracts';
import type { Actor } from './actor';

export type AccessMode = 'read' | 'write';

export type ScopedTable = {
  recordType: ScopedRecordType;
  id: AnyPgColumn;
  ownerId: AnyPgColumn;
};

/**
 * Owners whose records the actor's scope reaches (their own and their delegators' included); null for all. Exported for
 * reports over people rather than rows (team visibility, missing work reports), which start from the same owners.
 */
export function ownersInScope(actor: Actor, recordType: ScopedRecordType): readonly string[] | null {
  const scope = actor.scopes[recordType];
  if (scope === 'all') return null;
  const reached = scope === 'own' ? [actor.userId] : actor.reach[scope];
  return actor.delegatorIds.length ? [...new Set([...reached, ...actor.delegatorIds])] : reached;
}

/**
 * Whether the actor's scope of a record type is a handful of owners — one or two: a rep, perhaps with a delegator's
 * records. Such a scope reads few rows whatever the plan, while the best plan for a wider one depends on how many
 * owners it holds; the statements that run prepared (db/prepared.ts) choose by it.
 */
export function smallScope(actor: Actor, recordType: ScopedRecordType): boolean {
  const owners = ownersInScope(actor, recordType);
  return owners !== null && owners.length <= 2;
}

/** A uuid[] literal: one parameter, whatever the number of ids, on both drivers. The ids come from the database. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The ids of the records of this type shared with the actor or their department (for edit, or at all). */
function sharedWithActor(actor: Actor, recordType: ScopedRecordType, mode: AccessMode): readonly string[] {
  const shared = actor.shared[recordType];
  return (mode === 'write' ? shared?.edit : shared?.read) ?? [];
}

/**
 * The condition a row of `table` must meet for the actor to read (or write) it: within the data scope,
 * owned by someone who delegates to the actor, or shared with the actor or their department.
 */
export function scopeCondition(actor: Actor, table: ScopedTable, mode: AccessMode = 'read'): SQL {
  return buildScopeCondition(actor, table, mode, (_name, ids) => uuidArray(ids));
}

/**
 * scopeCondition as part of a statement built once and run for many actors (db/prepared.ts, cachedPrepared): the
 * owners and shared ids are placeholders that `values` fills. Actors whose condition has the same form share a `shape`
 * (everything; owners; owners and shared records), and so one statement text.
 */
export function scopeTemplate(actor: Actor, table: ScopedTable, mode: AccessMode = 'read'): { shape: string; condition: SQL; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const condition = buildScopeCondition(actor, table, mode, (name, ids) => {
    values[name] = `{${ids.join(',')}}`;
    return sql`${sql.placeholder(name)}::uuid[]`;
  });
  return { shape: Object.keys(values).join('+') || 'all', condition, values };
}

function buildScopeCondition(actor: Actor, table: ScopedTable, mode: AccessMode, idArray: (name: string, ids: readonly string[]) => SQL): SQL {
  const owners = ownersInScope(actor, table.recordType);
  if (!owners) return sql`true`;
  // Constant arrays, so the planner knows how many rows each arm reaches; both arms use their index and
  // combine as a bitmap OR (`in (sub-select) or exists (…)` would force a scan of every row).
  const shared = sharedWithActor(actor, table.recordType, mode);
  const ownedInScope = sql`${table.ownerId} = any(${idArray('scopeOwners', owners)})`;
  return shared.length ? sql`(${ownedInScope} or ${table.id} = any(${idArray('scopeShared', shared)}))` : ownedInScope;
}

/**
 * The read scope as two disjoint arms: the rows of the owners in scope (null when the scope is everything) and the
 * rows shared with the actor that no owner in scope holds (null when nothing is shared). A statement that reads each
 * arm apart and puts them together with `union all` lets the owners' arm be answered from an index alone, which the
 * OR of scopeCondition prevents (the pipeline board's sums and cards, as scopedCount does for counts).
 */
export function scopeArms(actor: Actor, table: ScopedTable): { owned: SQL | null; shared: SQL | null } {
  const owners = ownersInScope(actor, table.recordType);
  if (!owners) return { owned: null, shared: null };
  const shared = sharedWithActor(actor, table.recordType, 'read');
  return {
    owned: sql`${table.ownerId} = any(${uuidArray(owners)})`,
    shared: shared.length ? sql`${table.id} = any(${uuidArray(shared)}) and not coalesce(${table.ownerId} = any(${uuidArray(owners)}), false)` : null,
  };
}

/**
 * A scalar sub-select counting the rows that meet `filters` within the actor's read scope. It counts the
 * rows of the owners in scope and the shared rows owned by anyone else apart, because a count over the OR of
 * both has to visit every matching row, while the owners' part alone can often be answered from an index
 * (owner, filtered column) without touching the table. Put in a list's select, it runs once (an init plan)
 * and the page and its total come back in one round trip.
 */
export function scopedCount(
  actor: Actor,
  table: ScopedTable & { table: PgTable },
  filters: SQL | undefined,
  /** The owned records' count kept by the module (a totals table its triggers keep), given the owners in scope. */
  keptOwnedCount?: (owners: SQL) => SQL<number>,
): SQL<number> {
  const where = filters ?? sql`true`;
  const owners = ownersInScope(actor, table.recordType);
  if (!owners) return sql<number>`(select count(*) from ${table.table} where ${where})`;
  const owned = keptOwnedCount
    ? keptOwnedCount(uuidArray(owners))
    : sql<number>`(select count(*) from ${table.table} where ${table.ownerId} = any(${uuidArray(owners)}) and ${where})`;
  const shared = sharedWithActor(actor, table.recordType, 'read');
  if (!shared.length) return owned;
  return sql<number>`(${owned} + (select count(*) from ${table.table} where ${table.id} = any(${uuidArray(shared)})
         and not coalesce(${table.ownerId} = any(${uuidArray(owners)}), false) and ${where}))`;
}

export async function countInScope(db: DbOrTx, actor: Actor, table: ScopedTable & { table: PgTable }, filters: SQL | undefined): Promise<number> {
  const result = await db.execute<{ total: string | number }>(sql`select ${scopedCount(actor, table, filters)} as total`);
  return Number(result.rows[0]?.total ?? 0);
}

/**
 * scopeCondition for one record whose id and owner are already in hand (one the caller has just written), decided here
 * instead of in a statement: the same rule — an owner in scope, a delegator's, or a share.
 */
export function recordAllowed(actor: Actor, recordType: ScopedRecordType, record: { id: string; ownerId: string | null }, mode: AccessMode = 'read'): boolean {
  const owners = ownersInScope(actor, recordType);
  if (!owners) return true;
  if (record.ownerId !== null && owners.includes(record.ownerId)) return true;
  return sharedWithActor(actor, recordType, mode).includes(record.id);
}

/** The condition for one record: its id and the scope. A miss is a 404, never a hint that it exists. */
export function recordCondition(actor: Actor, table: ScopedTable, id: string, mode: AccessMode = 'read'): SQL {
  return and(eq(table.id, id), scopeCondition(actor, table, mode)) as SQL;
}

/** Drops protected fields the actor's roles are not granted (field protection, PLAT-3). */
export function protectFields<T extends Record<string, unknown>>(
  actor: Actor,
  recordType: ScopedRecordType,
  fields: readonly string[],
  record: T,
): T {
  if (actor.visibleProtectedFields.has('*')) return record;
  const copy: Record<string, unknown> = { ...record };
  for (const field of fields) {
    if (!actor.visibleProtectedFields.has(`${recordType}.${field}`)) delete copy[field];
  }
  return copy as T;
}

export function canSeeField(actor: Actor, recordType: ScopedRecordType, field: string): boolean {
  return actor.visibleProtectedFields.has('*') || actor.visibleProtectedFields.has(`${recordType}.${field}`);
}
