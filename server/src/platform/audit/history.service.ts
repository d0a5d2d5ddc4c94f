// Field-level history (PLAT-5): written in the caller's transaction, so a change and its history land together.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { HistoryEntry } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { users } from '../org-structure/org-structure.table';
import { recordHistory, type FieldChange } from './audit.table';

export type HistoryWrite = {
  recordType: string;
  recordId: string;
  action: string;
  changes?: FieldChange[];
  note?: string | null;
  /** When it happened, for records brought in with their past (demo data, imports); otherwise now. */
  at?: Date;
};

/** Compares the given fields of two versions of a record; values are compared as JSON. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (!(field in after)) continue;
    const oldValue = before[field] ?? null;
    const newValue = after[field] ?? null;
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) changes.push({ field, old: oldValue, new: newValue });
  }
  return changes;
}

/** Which delegator the actor acted for, when the record's owner delegated to them. */
export function onBehalfOf(actor: Actor, ownerId: string | null | undefined): string | null {
  return ownerId && ownerId !== actor.userId && actor.delegatorIds.includes(ownerId) ? ownerId : null;
}

export async function writeHistory(tx: DbOrTx, actor: Actor | null, entry: HistoryWrite & { onBehalfOf?: string | null }) {
  await tx.insert(recordHistory).values(historyRow(actor, entry));
}

/** The row a history entry is written as (also by a write that carries it in its own statement: createActivity). */
export function historyRow(actor: Actor | null, entry: HistoryWrite & { onBehalfOf?: string | null }) {
  return {
    recordType: entry.recordType,
    recordId: entry.recordId,
    action: entry.action,
    actorId: actor && actor.username !== 'system' ? actor.userId : null,
    onBehalfOf: entry.onBehalfOf ?? null,
    changes: entry.changes ?? [],
    note: entry.note ?? null,
    ...(entry.at ? { at: entry.at } : {}),
  };
}

export async function listHistory(db: DbOrTx, recordType: string, recordId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .select()
    .from(recordHistory)
    .where(and(eq(recordHistory.recordType, recordType), eq(recordHistory.recordId, recordId)))
    .orderBy(asc(recordHistory.id));
  const userIds = [...new Set(rows.flatMap((row) => [row.actorId, row.onBehalfOf]).filter((id): id is string => Boolean(id)))];
  const names = new Map<string, string>();
  if (userIds.length > 0) {
    const found = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds));
    for (const user of found) names.set(user.id, user.name);
  }
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at.toISOString(),
    action: row.action,
    actorId: row.actorId,
    actorName: row.actorId ? (names.get(row.actorId) ?? null) : null,
    onBehalfOfName: row.onBehalfOf ? (names.get(row.onBehalfOf) ?? null) : null,
    changes: row.changes,
    note: row.note,
  }));
}
