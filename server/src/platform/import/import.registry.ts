// The importer registry: each record type that can be imported registers its fields, validation, duplicate check and writes.
import type { ImportRecordType, Permission } from '@openpsm/contracts';
import type { DbOrTx, Tx } from '../../db/client';
import type { Actor } from '../access/actor';
import { normaliseHeader } from './import.parse';

export type RowProblem = { field: string; code: string; message?: string };

export type ImportFieldDefinition = {
  key: string;
  labelZh: string;
  labelEn: string;
  required: boolean;
  /** Header names (Chinese and English) this field is recognised by; its labels and key count too. */
  aliases: string[];
};

/** One row on its way in: its text by field key, then the record it becomes or the problems that stop it. */
export type ImportCandidate<Record> = {
  rowNumber: number;
  values: { [field: string]: string };
  record?: Record;
  problems: RowProblem[];
  /** Problems that stop a new record but not the update of a matched one (a required field the record already has). */
  createProblems?: RowProblem[];
};

/** What a committed batch wrote: the records it created (with their new ids) and whether it updated existing ones. */
export type WrittenBatch<Record = unknown> = { created: { record: Record; id: string }[]; updatedAny: boolean };

export type Importer<Record = unknown, Context = unknown> = {
  recordType: ImportRecordType;
  permission: Permission;
  /** Updating a matched record needs this permission too. */
  editPermission: Permission;
  /** The fields of the record type; custom fields may be added from the database (`fieldsFor`). */
  fields: ImportFieldDefinition[];
  fieldsFor?: (db: DbOrTx) => Promise<ImportFieldDefinition[]>;
  /** Lookups loaded once per preview or run (owners by name, option labels, custom field definitions). */
  loadContext: (db: DbOrTx, actor: Actor) => Promise<Context>;
  /** Turns each candidate's text into a record, or names its problems. Queries per batch, never per row where avoidable. */
  validate: (db: DbOrTx, actor: Actor, context: Context, candidates: ImportCandidate<Record>[]) => Promise<void>;
  /** The duplicate check: the id of the existing record this one most likely is, or null. */
  findMatch: (db: DbOrTx, record: Record) => Promise<string | null>;
  /** The same for a whole batch in one round trip, when the module offers it; otherwise findMatch runs per row, several at once. */
  findMatches?: (db: DbOrTx, records: Record[], context: Context) => Promise<(string | null)[]>;
  /**
   * With findMatches, the runner prepares the next batch while the current one is written: this settles the matches
   * of records prepared that way against what the written batch committed (`written`: the records it created with
   * their ids, and whether it updated any), and returns the matches to use. An importer without it has each batch
   * prepared after the previous one committed.
   */
  settleMatches?: (db: DbOrTx, records: Record[], matches: (string | null)[], context: Context, written: WrittenBatch<Record>) => Promise<(string | null)[]>;
  /** Exact keys (credit code, normalised name …) that match rows of one batch to each other before either is saved. */
  fileKeys: (record: Record) => string[];
  /** Which of these records the actor may change (write scope). */
  writableIds: (db: DbOrTx, actor: Actor, ids: string[]) => Promise<Set<string>>;
  /** Creates the records through the module's rules (numbers, search keys, history with action 'import'); returns their ids in order. */
  createMany: (tx: Tx, actor: Actor, records: { record: Record; duplicateConfirmed: boolean }[]) => Promise<string[]>;
  /** Applies the row's filled fields to an existing record, with history; a problem when it cannot. */
  update: (tx: Tx, actor: Actor, id: string, record: Record) => Promise<'updated' | 'unchanged' | RowProblem>;
};

const importers = new Map<string, Importer>();

export function registerImporter<Record, Context>(importer: Importer<Record, Context>): void {
  importers.set(importer.recordType, importer as unknown as Importer);
}

export function registeredImporters(): Importer[] {
  return [...importers.values()];
}

export function importerFor(recordType: string): Importer | undefined {
  return importers.get(recordType);
}

export async function importFields(db: DbOrTx, importer: Importer): Promise<ImportFieldDefinition[]> {
  return [...importer.fields, ...(importer.fieldsFor ? await importer.fieldsFor(db) : [])];
}

/** A mapping guessed from header names: each header to the first field whose key, label or alias it matches. */
export function mappingByAliases(headers: string[], fields: ImportFieldDefinition[]): Record<string, string> {
  const byAlias = new Map<string, string>();
  for (const field of fields) {
    for (const name of [field.key, field.labelZh, field.labelEn, ...field.aliases]) {
      const key = normaliseHeader(name);
      if (!byAlias.has(key)) byAlias.set(key, field.key);
    }
  }
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const header of headers) {
    const field = byAlias.get(normaliseHeader(header));
    if (field && !used.has(field)) {
      mapping[header] = field;
      used.add(field);
    }
  }
  return mapping;
}

/** Runs `task` over `items` with at most `limit` at a time (a pool of connections on PostgreSQL; PGlite queues them). */
export async function mapConcurrent<Item, Result>(items: Item[], limit: number, task: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
