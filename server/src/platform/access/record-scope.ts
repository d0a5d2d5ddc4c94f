// The one access layer for owned records: every list gets its scope filter in SQL, every single read
// or write its check. Routes never decide who may see a row.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ScopedRecordType } from '@openpsm/contracts';
import type { Actor } from './actor';

export type AccessMode = 'read' | 'write';

export type ScopedTable = {
  recordType: ScopedRecordType;
  id: AnyPgColumn;
  ownerId: AnyPgColumn;
};

/** Owners whose records the actor's scope reaches (their own included), as a SQL sub-select. */
function ownersInScope(actor: Actor, recordType: ScopedRecordType): SQL | null {
  const me = sql`${actor.userId}::uuid`;
  switch (actor.scopes[recordType]) {
    case 'all':
      return null;
    case 'own':
      return sql`select ${me}`;
    case 'own_subordinates':
      return sql`with recursive reports(id) as (select ${me} union select u.id from users u join reports r on u.manager_id = r.id) select id from reports`;
    case 'department':
      return actor.departmentId
        ? sql`select ${me} union select id from users where department_id = ${actor.departmentId}::uuid`
        : sql`select ${me}`;
    case 'department_tree':
      return actor.departmentPath
        ? sql`select ${me} union select u.id from users u join departments d on d.id = u.department_id where d.path like ${`${actor.departmentPath}%`}`
        : sql`select ${me}`;
  }
}

/**
 * The condition a row of `table` must meet for the actor to read (or write) it: within the data scope,
 * owned by someone who delegates to the actor, or shared with the actor or their department.
 */
export function scopeCondition(actor: Actor, table: ScopedTable, mode: AccessMode = 'read'): SQL {
  const owners = ownersInScope(actor, table.recordType);
  if (!owners) return sql`true`;
  const delegators = actor.delegatorIds.map((id) => sql` union select ${id}::uuid`);
  const shareTarget = actor.departmentId
    ? sql`(s.user_id = ${actor.userId}::uuid or s.department_id = ${actor.departmentId}::uuid)`
    : sql`s.user_id = ${actor.userId}::uuid`;
  const shareAccess = mode === 'write' ? sql` and s.access = 'edit'` : sql``;
  // `= any(array(sub-select))` runs each sub-select once (an init plan), so both arms can use their index
  // and combine as a bitmap OR; `in (sub-select) or exists (…)` would force a scan of every row.
  return sql`(${table.ownerId} = any(array(${owners}${sql.join(delegators, sql``)})) or ${table.id} = any(array(select s.record_id from record_shares s where s.record_type = ${table.recordType} and ${shareTarget}${shareAccess})))`;
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
