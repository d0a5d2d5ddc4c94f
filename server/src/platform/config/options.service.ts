// Option lists (industries, sources, regions …) and company settings (PLAT-7).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Option, optionInputSchema, optionPatchSchema, Settings, settingsPatchSchema } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { diffFields, writeHistory } from '../audit/history.service';
import { AppError, notFound, staleVersion, type FieldProblem } from '../errors';
import { options, settings } from './config.table';

const toOption = (row: typeof options.$inferSelect): Option => ({ ...row, listKey: row.listKey as Option['listKey'] });

export async function listOptions(db: DbOrTx): Promise<Option[]> {
  return (await db.select().from(options).orderBy(asc(options.listKey), asc(options.sort), asc(options.code))).map(toOption);
}

/**
 * The fields whose values are not an active code of their option list. `values` maps a field to its list and
 * the value given; `current` holds the record's stored values, which stay valid even after their option was
 * retired (a record is not invalidated by a change of the list). Null and absent values are not checked.
 */
export async function unknownOptionValues(
  db: DbOrTx,
  values: Record<string, { listKey: string; value: string | null | undefined }>,
  current: Record<string, unknown> = {},
): Promise<FieldProblem[]> {
  const given = Object.entries(values).filter(([field, { value }]) => value != null && value !== current[field]);
  if (given.length === 0) return [];
  const active = await db
    .select({ listKey: options.listKey, code: options.code })
    .from(options)
    .where(and(eq(options.active, true), inArray(options.listKey, [...new Set(given.map(([, entry]) => entry.listKey))])));
  const known = new Set(active.map((option) => `${option.listKey}\u0000${option.code}`));
  return given
    .filter(([, { listKey, value }]) => !known.has(`${listKey}\u0000${value}`))
    .map(([field]) => unknownOptionProblem(field));
}

/** The problem unknownOptionValues reports for a field whose value is not an active code of its list. */
export const unknownOptionProblem = (field: string): FieldProblem => ({ path: field, code: 'option_unknown', message: 'option_unknown' });

/**
 * unknownOptionValues' rule for one given value as a boolean expression, for a caller that folds the check into a
 * statement it makes anyway (one round trip less on a hot path such as logging an activity).
 */
export const optionIsActive = (listKey: string, value: string | SQL): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${options} where ${options.listKey} = ${listKey} and ${options.code} = ${value} and ${options.active})`;

export async function createOption(db: Db, actor: Actor, input: z.infer<typeof optionInputSchema>): Promise<Option> {
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: options.id }).from(options).where(and(eq(options.listKey, input.listKey), eq(options.code, input.code)));
    if (taken) throw new AppError('already_exists', 'Code in use', [{ path: 'code', code: 'code_taken', message: 'Code in use' }]);
    const [row] = await tx.insert(options).values(input).returning();
    await writeHistory(tx, actor, { recordType: 'option', recordId: row!.id, action: 'create' });
    return toOption(row!);
  });
}

export async function updateOption(db: Db, actor: Actor, id: string, patch: z.infer<typeof optionPatchSchema>): Promise<Option> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(options).where(eq(options.id, id)).for('update');
    if (!current) throw notFound();
    if (current.version !== patch.version) throw staleVersion();
    const { version: _version, ...fields } = patch;
    const changes = diffFields(current, fields, ['labelZh', 'labelEn', 'sort', 'active']);
    const [row] = await tx.update(options).set({ ...fields, version: current.version + 1 }).where(eq(options.id, id)).returning();
    if (changes.length) await writeHistory(tx, actor, { recordType: 'option', recordId: id, action: 'update', changes });
    return toOption(row!);
  });
}

export const defaultSettings: Omit<Settings, 'version'> = {
  companyName: '',
  companyShortName: '',
  companyAddress: '',
  companyPhone: '',
  currency: 'CNY',
  dateFormat: 'YYYY-MM-DD',
  fiscalYearStartMonth: 1,
  timeZone: 'Asia/Shanghai',
  defaultLocale: 'zh-CN',
};

export async function getSettings(db: DbOrTx): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  return { ...defaultSettings, ...(row?.values ?? {}), version: row?.version ?? 1 } as Settings;
}

/** Writes settings values without a version check: for start-up and demo data only. */
export async function updateSettingsValues(db: DbOrTx, values: Partial<Omit<Settings, 'version'>>): Promise<void> {
  const current = await getSettings(db);
  const { version, ...rest } = current;
  await db
    .insert(settings)
    .values({ id: 1, values: { ...rest, ...values }, version: version + 1 })
    .onConflictDoUpdate({ target: settings.id, set: { values: { ...rest, ...values }, version: version + 1 } });
}

export async function updateSettings(db: Db, actor: Actor, patch: z.infer<typeof settingsPatchSchema>): Promise<Settings> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(settings).where(eq(settings.id, 1)).for('update');
    const currentVersion = current?.version ?? 1;
    if (currentVersion !== patch.version) throw staleVersion();
    const { version: _version, ...fields } = patch;
    const before = { ...defaultSettings, ...(current?.values ?? {}) };
    const values = { ...before, ...fields };
    const changes = diffFields(before as Record<string, unknown>, fields, Object.keys(defaultSettings) as (keyof typeof before & string)[]);
    await tx
      .insert(settings)
      .values({ id: 1, values, version: currentVersion + 1 })
      .onConflictDoUpdate({ target: settings.id, set: { values, version: currentVersion + 1 } });
    if (changes.length) await writeHistory(tx, actor, { recordType: 'settings', recordId: '00000000-0000-0000-0000-000000000001', action: 'update', changes });
    return { ...values, version: currentVersion + 1 } as Settings;
  });
}
