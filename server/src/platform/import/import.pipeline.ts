// The steps a batch of rows goes through in a preview and in a run: map columns, validate, check for duplicates.
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import type { ParsedRow } from './import.parse';
import { mapConcurrent, type ImportCandidate, type Importer, type WrittenBatch } from './import.registry';

/** A row after validation and the duplicate check: matched to an existing record, to an earlier row, or to nothing. */
export type PreparedRow = ImportCandidate<unknown> & {
  cells: string[];
  matchedId: string | null;
  /** The earlier row of the same file (and batch, in a run) that this one repeats. */
  matchedRow: number | null;
};

/** How many duplicate checks run at once: the PostgreSQL pool has 10 connections and requests need some too. */
export const MATCH_CONCURRENCY = 6;

export async function prepareRows(
  db: DbOrTx,
  importer: Importer,
  actor: Actor,
  context: unknown,
  headers: string[],
  mapping: Record<string, string>,
  rows: ParsedRow[],
  /** Keys of earlier rows (key → row number): a preview keeps one for the whole file, a run one per batch. */
  seenKeys: Map<string, number>,
): Promise<PreparedRow[]> {
  const columns = headers.map((header, index) => ({ index, field: mapping[header] })).filter((column): column is { index: number; field: string } => Boolean(column.field));
  const prepared: PreparedRow[] = rows.map((row) => ({
    rowNumber: row.rowNumber,
    cells: row.cells,
    values: Object.fromEntries(columns.map(({ index, field }) => [field, row.cells[index] ?? ''])),
    problems: [],
    matchedId: null,
    matchedRow: null,
  }));
  await importer.validate(db, actor, context, prepared);
  const valid = prepared.filter((row) => row.record !== undefined && row.problems.length === 0);
  // Earlier rows of the file first: a repeat is matched to the row it repeats, not to what that row may become.
  const unmatched: PreparedRow[] = [];
  for (const row of valid) {
    const keys = importer.fileKeys(row.record);
    const earlier = keys.map((key) => seenKeys.get(key)).find((rowNumber) => rowNumber !== undefined);
    if (earlier !== undefined) row.matchedRow = earlier;
    else unmatched.push(row);
    for (const key of keys) if (!seenKeys.has(key)) seenKeys.set(key, row.rowNumber);
  }
  // The duplicate check against the database, several at once: it is the cost of an import.
  const matches = importer.findMatches
    ? await importer.findMatches(db, unmatched.map((row) => row.record), context)
    : await mapConcurrent(unmatched, MATCH_CONCURRENCY, (row) => importer.findMatch(db, row.record));
  unmatched.forEach((row, index) => {
    row.matchedId = matches[index] ?? null;
  });
  return prepared;
}

/**
 * Rows prepared while the previous batch was still being written get their duplicate matches settled against what that
 * batch committed (importer.settleMatches): a row repeating a row of the previous batch is matched to its record.
 */
export async function settleRows(db: DbOrTx, importer: Importer, context: unknown, prepared: PreparedRow[], written: WrittenBatch): Promise<void> {
  if (!importer.settleMatches) return;
  const rows = prepared.filter((row) => row.record !== undefined && row.problems.length === 0 && row.matchedRow === null);
  const matches = await importer.settleMatches(db, rows.map((row) => row.record), rows.map((row) => row.matchedId), context, written);
  rows.forEach((row, index) => {
    row.matchedId = matches[index] ?? null;
  });
}

/** The row's values by header, as the error report and the problem list show them. */
export function valuesByHeader(headers: string[], cells: string[]): Record<string, string> {
  return Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? '']));
}

/** A row's problems after the checks; an invalid row has at least one. */
export function rowErrors(row: PreparedRow) {
  return row.problems.length > 0 || row.record === undefined ? (row.problems.length ? row.problems : [{ field: 'row', code: 'invalid' }]) : [];
}
