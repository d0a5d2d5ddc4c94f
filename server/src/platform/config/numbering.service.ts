// Document numbering (PLAT-7): `ORG-{yyyy}-{seq:5}`. One upsert per number, so concurrent creates never collide.
// Years and months are the company's (settings time zone), not the server clock's: a number made at 07:00 on
// 1 January in Shanghai belongs to the new year even on a server running in UTC.
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { numberingRulePatchSchema } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { diffFields, writeHistory } from '../audit/history.service';
import { notFound, staleVersion } from '../errors';
import { numberingRules } from './config.table';
import { companyTimeZone, zonedDateTime } from './settings.service';

type Reset = 'never' | 'yearly' | 'monthly';

function periodKey(reset: Reset, now: Date, timeZone: string): string {
  const { year, month } = zonedDateTime(now, timeZone);
  if (reset === 'yearly') return String(year);
  if (reset === 'monthly') return `${year}-${String(month).padStart(2, '0')}`;
  return 'all';
}

export function formatNumber(pattern: string, sequence: number, now: Date, timeZone: string): string {
  const { year, month } = zonedDateTime(now, timeZone);
  return pattern
    .replaceAll('{yyyy}', String(year))
    .replaceAll('{yy}', String(year).slice(2))
    .replaceAll('{mm}', String(month).padStart(2, '0'))
    .replace(/\{seq(?::(\d))?\}/g, (_match, width: string | undefined) => String(sequence).padStart(Number(width ?? 1), '0'));
}

export async function nextNumber(tx: DbOrTx, recordType: string, now = new Date()): Promise<string> {
  const [rule] = await tx.select().from(numberingRules).where(eq(numberingRules.recordType, recordType));
  if (!rule) throw new Error(`No numbering rule for ${recordType}`);
  const timeZone = await companyTimeZone(tx);
  const key = periodKey(rule.reset as Reset, now, timeZone);
  const result = await tx.execute<{ value: number }>(sql`
    insert into numbering_counters (record_type, period_key, value) values (${recordType}, ${key}, 1)
    on conflict (record_type, period_key) do update set value = numbering_counters.value + 1
    returning value`);
  return formatNumber(rule.pattern, Number(result.rows[0]!.value), now, timeZone);
}

/** `count` consecutive numbers in one upsert (imports create hundreds of records per transaction). */
export async function nextNumbers(tx: DbOrTx, recordType: string, count: number, now = new Date()): Promise<string[]> {
  if (count <= 0) return [];
  const [rule] = await tx.select().from(numberingRules).where(eq(numberingRules.recordType, recordType));
  if (!rule) throw new Error(`No numbering rule for ${recordType}`);
  const timeZone = await companyTimeZone(tx);
  const key = periodKey(rule.reset as Reset, now, timeZone);
  const result = await tx.execute<{ value: number }>(sql`
    insert into numbering_counters (record_type, period_key, value) values (${recordType}, ${key}, ${count})
    on conflict (record_type, period_key) do update set value = numbering_counters.value + ${count}
    returning value`);
  const last = Number(result.rows[0]!.value);
  return Array.from({ length: count }, (_, index) => formatNumber(rule.pattern, last - count + 1 + index, now, timeZone));
}

function toRule(row: typeof numberingRules.$inferSelect, timeZone: string) {
  const preview = formatNumber(row.pattern, 1, new Date(), timeZone);
  return { id: row.id, recordType: row.recordType, pattern: row.pattern, reset: row.reset as Reset, preview, version: row.version };
}

export async function listNumberingRules(db: DbOrTx) {
  const timeZone = await companyTimeZone(db);
  return (await db.select().from(numberingRules).orderBy(asc(numberingRules.recordType))).map((row) => toRule(row, timeZone));
}

export async function updateNumberingRule(db: Db, actor: Actor, id: string, patch: z.infer<typeof numberingRulePatchSchema>) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(numberingRules).where(eq(numberingRules.id, id)).for('update');
    if (!current) throw notFound();
    if (current.version !== patch.version) throw staleVersion();
    const values = { pattern: patch.pattern ?? current.pattern, reset: patch.reset ?? current.reset };
    const changes = diffFields(current, values, ['pattern', 'reset']);
    const [row] = await tx.update(numberingRules).set({ ...values, version: current.version + 1 }).where(eq(numberingRules.id, id)).returning();
    if (changes.length) await writeHistory(tx, actor, { recordType: 'numbering_rule', recordId: id, action: 'update', changes });
    return toRule(row!, await companyTimeZone(tx));
  });
}
