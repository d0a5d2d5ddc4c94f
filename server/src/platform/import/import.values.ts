// Cell text to typed values, shared by importers: lists, dates, custom-field values, zod issues as row problems.
import type { CustomField } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { listCustomFields, validateCustomFieldValues } from '../config/custom-fields.service';
import { AppError } from '../errors';
import { mapConcurrent, type ImportCandidate, type ImportFieldDefinition, type RowProblem } from './import.registry';

export const splitList = (text: string) => text.split(/[,，;；、|\n]/).map((part) => part.trim()).filter(Boolean);

export const importField = (key: string, labelZh: string, labelEn: string, aliases: string[], required = false): ImportFieldDefinition => ({ key, labelZh, labelEn, aliases, required });

const pad = (value: string) => value.padStart(2, '0');

/**
 * A date as people type it into a spreadsheet — 1975-06-18, 1975/6/18, 1975.6.18, 1975年6月18日, 19750618 — as
 * YYYY-MM-DD; anything else is returned unchanged, so the schema names it (date_format).
 */
export function importDate(text: string): string {
  const value = text.normalize('NFKC').trim();
  const parts = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return parts ? `${parts[1]}-${pad(parts[2]!)}-${pad(parts[3]!)}` : value;
}

/** A custom field's text as the typed value the custom-field service expects; it names what cannot be one. */
export function customValue(definition: CustomField, text: string): unknown {
  const optionCode = (value: string) =>
    definition.options.find((option) => [option.code, option.labelZh, option.labelEn].some((label) => label.toLowerCase() === value.toLowerCase()))?.code ?? value;
  switch (definition.type) {
    case 'number': {
      const value = Number(text.replace(/,/g, ''));
      return Number.isFinite(value) ? value : text;
    }
    case 'money':
      return text.replace(/[,，¥￥\s]/g, '');
    case 'select':
      return optionCode(text);
    case 'multi_select':
      return splitList(text).map(optionCode);
    case 'date':
      return importDate(text);
    default:
      return text;
  }
}

/** The active custom fields of a record type as import fields `cf.<key>` (a user field cannot be typed into a cell). */
export async function customImportFields(db: DbOrTx, recordType: string): Promise<ImportFieldDefinition[]> {
  return (await listCustomFields(db, recordType))
    .filter((definition) => definition.active && definition.type !== 'user')
    .map((definition) => importField(`cf.${definition.key}`, definition.labelZh, definition.labelEn, [definition.key], definition.required));
}

/** The row's `cf.<key>` cells as custom-field input, or undefined when the row has none. */
export function customInput(definitions: CustomField[], text: (key: string) => string | undefined): Record<string, unknown> | undefined {
  const custom: Record<string, unknown> = {};
  for (const definition of definitions) {
    const given = text(`cf.${definition.key}`);
    if (given !== undefined) custom[definition.key] = customValue(definition, given);
  }
  return Object.keys(custom).length > 0 ? custom : undefined;
}

/** Zod issues as row problems: the field and the stable code (the schema's own message when it is one). */
export function zodProblems(issues: { path: PropertyKey[]; message: string; code: string }[]): RowProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || 'row';
    const code = /^[a-z_]+$/.test(issue.message) ? issue.message : issue.code === 'invalid_value' ? 'invalid_option' : issue.code;
    return { field: path.startsWith('tags') ? 'tags' : path, code };
  });
}

/**
 * Custom-field values of valid candidates through the custom-field service. A required custom field left empty stops
 * a new record (createProblems), not the update of one that has it.
 */
export async function validateCustomFieldsOf<Record extends { customFields?: { [key: string]: unknown } | undefined }>(
  db: DbOrTx,
  recordType: string,
  candidates: ImportCandidate<Record>[],
): Promise<void> {
  await mapConcurrent(candidates, 4, async (candidate) => {
    try {
      candidate.record!.customFields = await validateCustomFieldValues(db, recordType, candidate.record!.customFields, null);
    } catch (error) {
      if (!(error instanceof AppError) || !error.errors) throw error;
      const asField = (path: string) => path.replace('customFields.', 'cf.');
      const refused = error.errors.filter((problem) => problem.code !== 'custom_field_required');
      const missing = error.errors.filter((problem) => problem.code === 'custom_field_required');
      candidate.problems.push(...refused.map((problem) => ({ field: asField(problem.path), code: problem.code })));
      if (missing.length > 0) candidate.createProblems = [...(candidate.createProblems ?? []), ...missing.map((problem) => ({ field: asField(problem.path), code: problem.code }))];
    }
  });
}
