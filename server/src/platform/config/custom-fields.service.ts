// Custom fields (PLAT-6): definitions per record type, and validation / filtering of their values.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { CustomField, customFieldInputSchema, customFieldPatchSchema } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { diffFields, writeHistory } from '../audit/history.service';
import { AppError, notFound, staleVersion, type FieldProblem } from '../errors';
import { users } from '../org-structure/org-structure.table';
import { customFields } from './config.table';

type CustomFieldRow = typeof customFields.$inferSelect;

const toCustomField = (row: CustomFieldRow): CustomField => ({
  id: row.id,
  recordType: row.recordType as CustomField['recordType'],
  key: row.key,
  labelZh: row.labelZh,
  labelEn: row.labelEn,
  type: row.type as CustomField['type'],
  options: row.options,
  required: row.required,
  showInList: row.showInList,
  sort: row.sort,
  active: row.active,
  version: row.version,
});

export async function listCustomFields(db: DbOrTx, recordType?: string): Promise<CustomField[]> {
  const rows = await db
    .select()
    .from(customFields)
    .where(recordType ? eq(customFields.recordType, recordType) : undefined)
    .orderBy(asc(customFields.recordType), asc(customFields.sort), asc(customFields.key));
  return rows.map(toCustomField);
}

export async function createCustomField(db: Db, actor: Actor, input: z.infer<typeof customFieldInputSchema>) {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: customFields.id })
      .from(customFields)
      .where(and(eq(customFields.recordType, input.recordType), eq(customFields.key, input.key)));
    if (taken) throw new AppError('already_exists', 'Key in use', [{ path: 'key', code: 'key_taken', message: 'Key in use' }]);
    const [row] = await tx.insert(customFields).values(input).returning();
    await writeHistory(tx, actor, { recordType: 'custom_field', recordId: row!.id, action: 'create' });
    return toCustomField(row!);
  });
}

export async function updateCustomField(db: Db, actor: Actor, id: string, patch: z.infer<typeof customFieldPatchSchema>) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(customFields).where(eq(customFields.id, id)).for('update');
    if (!current) throw notFound();
    if (current.version !== patch.version) throw staleVersion();
    const { version: _version, ...fields } = patch;
    if (['select', 'multi_select'].includes(current.type) && fields.options?.length === 0) {
      throw new AppError('invalid_input', 'Options required', [{ path: 'options', code: 'options_required', message: 'Options required' }]);
    }
    const changes = diffFields(current as unknown as Record<string, unknown>, fields, ['labelZh', 'labelEn', 'options', 'required', 'showInList', 'sort', 'active']);
    const [row] = await tx.update(customFields).set({ ...fields, version: current.version + 1 }).where(eq(customFields.id, id)).returning();
    if (changes.length) await writeHistory(tx, actor, { recordType: 'custom_field', recordId: id, action: 'update', changes });
    return toCustomField(row!);
  });
}

const moneyPattern = /^-?\d{1,15}(\.\d{1,4})?$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks values against the active definitions and returns them cleaned. `existing` is the record's
 * stored values on an update (a required field already filled need not be sent again).
 */
export async function validateCustomFieldValues(
  db: DbOrTx,
  recordType: string,
  values: Record<string, unknown> | undefined,
  existing: Record<string, unknown> | null,
): Promise<Record<string, unknown>> {
  const definitions = (await listCustomFields(db, recordType)).filter((field) => field.active);
  const byKey = new Map(definitions.map((field) => [field.key, field]));
  const problems: FieldProblem[] = [];
  const result: Record<string, unknown> = { ...(existing ?? {}) };
  const problem = (key: string, code: string) => problems.push({ path: `customFields.${key}`, code, message: code });
  const userIds: { key: string; id: string }[] = [];

  for (const [key, value] of Object.entries(values ?? {})) {
    const field = byKey.get(key);
    if (!field) {
      problem(key, 'custom_field_unknown');
      continue;
    }
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      delete result[key];
      continue;
    }
    const optionCodes = new Set(field.options.map((option) => option.code));
    const valid = (() => {
      switch (field.type) {
        case 'text':
          return typeof value === 'string' && value.length <= 200;
        case 'long_text':
          return typeof value === 'string' && value.length <= 5000;
        case 'number':
          return typeof value === 'number' && Number.isFinite(value);
        case 'money':
          return typeof value === 'string' && moneyPattern.test(value);
        case 'date':
          return typeof value === 'string' && datePattern.test(value) && !Number.isNaN(Date.parse(value));
        case 'select':
          if (typeof value !== 'string') return false;
          if (!optionCodes.has(value)) return problem(key, 'custom_field_option'), true;
          return true;
        case 'multi_select':
          if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return false;
          if (!value.every((item) => optionCodes.has(item))) return problem(key, 'custom_field_option'), true;
          return true;
        case 'user':
          if (typeof value !== 'string' || !/^[0-9a-f-]{36}$/i.test(value)) return false;
          userIds.push({ key, id: value });
          return true;
      }
    })();
    if (!valid) problem(key, 'custom_field_type');
    else result[key] = value;
  }
  if (userIds.length > 0) {
    const found = new Set((await db.select({ id: users.id }).from(users).where(inArray(users.id, userIds.map((entry) => entry.id)))).map((row) => row.id));
    for (const entry of userIds) if (!found.has(entry.id)) problem(entry.key, 'custom_field_user');
  }
  // A value that was sent but refused already has its problem; "required" would misname it.
  const refused = new Set(problems.map((entry) => entry.path));
  for (const field of definitions) {
    const missing = result[field.key] === undefined || result[field.key] === null;
    if (field.required && missing && !refused.has(`customFields.${field.key}`)) problem(field.key, 'custom_field_required');
  }
  if (problems.length > 0) throw new AppError('invalid_input', 'Invalid custom field values', problems);
  return result;
}

/** Filters `cf.<key>=<value>` from a list query into SQL conditions on the record's jsonb column. */
export async function customFieldFilters(db: DbOrTx, recordType: string, query: Record<string, unknown>, column: AnyPgColumn): Promise<SQL[]> {
  const entries = Object.entries(query).filter(([name]) => name.startsWith('cf.'));
  if (entries.length === 0) return [];
  const definitions = new Map((await listCustomFields(db, recordType)).map((field) => [field.key, field]));
  const conditions: SQL[] = [];
  const problems: FieldProblem[] = [];
  for (const [name, raw] of entries) {
    const key = name.slice(3);
    const field = definitions.get(key);
    const value = String(raw);
    if (!field) {
      problems.push({ path: name, code: 'custom_field_unknown', message: 'custom_field_unknown' });
      continue;
    }
    if (field.type === "multi_select") conditions.push(sql`${column} -> ${key} @> ${JSON.stringify([value])}::jsonb`);
    else if (field.type === 'number') {
      if (!Number.isFinite(Number(value))) problems.push({ path: name, code: 'custom_field_type', message: 'custom_field_type' });
      else conditions.push(sql`${column} @> ${JSON.stringify({ [key]: Number(value) })}::jsonb`);
    } else if (field.type === 'text' || field.type === 'long_text') {
      conditions.push(sql`${column} ->> ${key} ilike ${`%${value}%`}`);
    } else conditions.push(sql`${column} @> ${JSON.stringify({ [key]: value })}::jsonb`);
  }
  if (problems.length > 0) throw new AppError('invalid_input', 'Invalid filter', problems);
  return conditions;
}
