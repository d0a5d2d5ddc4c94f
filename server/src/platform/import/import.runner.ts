// Runs an import in batches, each batch ONE transaction that also advances the job's counters: a crash loses at most the
// batch in flight (rolled back whole), and a resumed run starts after the last committed batch.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DuplicateAction } from '@openpsm/contracts';
import type { Db, Tx } from '../../db/client';
import type { Actor } from '../access/actor';
import { actorForUser } from '../auth/session-lookup';
import { uploadedRows } from './import.parse';
import { prepareRows, rowErrors, settleRows, valuesByHeader, type PreparedRow } from './import.pipeline';
import { importerFor, type Importer, type RowProblem, type WrittenBatch } from './import.registry';
import { importJobs, importRowProblems } from './import.table';

export const IMPORT_BATCH_SIZE = 500;

type ProblemInsert = typeof importRowProblems.$inferInsert;

/** How a queued import reaches a worker: pg-boss when jobs run (jobs.ts sets it); otherwise it waits to be run directly. */
let dispatcher: ((jobId: string) => Promise<void>) | null = null;

export function setImportDispatcher(dispatch: ((jobId: string) => Promise<void>) | null): void {
  dispatcher = dispatch;
}

export async function dispatchImport(jobId: string): Promise<void> {
  if (dispatcher) await dispatcher(jobId);
}

export type RunOptions = {
  batchSize?: number;
  /** Stop (as a crash would: nothing marked) after this many committed batches — tests of resume use it. */
  stopAfterBatches?: number;
  /** Called inside each batch's transaction after its writes: a throw there is a crash in mid-batch (tests). */
  beforeCommit?: (batch: number) => void;
};

export type RunResult = 'completed' | 'failed' | 'interrupted' | 'not_runnable';

/** Another runner committed this batch meanwhile (a re-queued job whose first runner was alive after all). */
class BatchTaken extends Error {}

async function failJob(db: Db, jobId: string, error: string) {
  await db.update(importJobs).set({ status: 'failed', error, updatedAt: new Date(), finishedAt: new Date() }).where(and(eq(importJobs.id, jobId), eq(importJobs.status, 'running')));
}

export async function runImport(db: Db, jobId: string, options: RunOptions = {}): Promise<RunResult> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const [job] = await db
    .update(importJobs)
    .set({ status: 'running', startedAt: sql`coalesce(${importJobs.startedAt}, now())`, updatedAt: new Date(), error: null })
    .where(and(eq(importJobs.id, jobId), inArray(importJobs.status, ['queued', 'running'])))
    .returning();
  if (!job) return 'not_runnable';
  const importer = importerFor(job.recordType);
  const actor = await actorForUser(db, job.userId);
  if (!importer || !actor || !actor.permissions.has(importer.permission)) {
    await failJob(db, jobId, 'import_not_allowed');
    return 'failed';
  }
  try {
    const parsed = await uploadedRows(job);
    const context = await importer.loadContext(db, actor);
    const canUpdate = actor.permissions.has(importer.editPermission);
    let batches = 0;
    // With settleMatches the next batch is prepared (validated, matched in memory) while this one is written — the
    // database inserts while this process matches — and its matches are settled once this one has committed.
    let ahead = null as { start: number; prepared: Promise<PreparedRow[]> } | null;
    let written: WrittenBatch = { created: [], updatedAny: false };
    const prepare = (start: number) => {
      // Validation and the duplicate check read committed data outside the batch's transaction; rows of one batch are
      // matched to each other by their keys.
      const prepared = prepareRows(db, importer, actor, context, parsed.headers, job.mapping, parsed.rows.slice(start, start + batchSize), new Map());
      prepared.catch(() => undefined); // awaited below; a failure then fails the run
      return prepared;
    };
    for (;;) {
      const [state] = await db.select({ processedRows: importJobs.processedRows, status: importJobs.status }).from(importJobs).where(eq(importJobs.id, jobId));
      if (!state || state.status !== 'running') return 'interrupted'; // cancelled meanwhile
      const start = state.processedRows;
      if (start >= parsed.rows.length) break;
      const rows = parsed.rows.slice(start, start + batchSize);
      let prepared: PreparedRow[];
      if (ahead?.start === start) {
        prepared = await ahead.prepared;
        await settleRows(db, importer, context, prepared, written);
      } else {
        prepared = await prepare(start);
      }
      ahead = importer.settleMatches && start + rows.length < parsed.rows.length ? { start: start + rows.length, prepared: prepare(start + rows.length) } : null;
      let batchWritten: WrittenBatch = { created: [], updatedAny: false };
      try {
        await db.transaction(async (tx) => {
          const [locked] = await tx.select({ processedRows: importJobs.processedRows, status: importJobs.status }).from(importJobs).where(eq(importJobs.id, jobId)).for('update');
          if (!locked || locked.status !== 'running' || locked.processedRows !== start) throw new BatchTaken();
          const outcome = await writeBatch(tx, jobId, importer, actor, job.duplicateAction as DuplicateAction, canUpdate, parsed.headers, prepared);
          batchWritten = { created: outcome.createdRecords, updatedAny: outcome.updated > 0 };
          if (outcome.problems.length > 0) await tx.insert(importRowProblems).values(outcome.problems).onConflictDoNothing();
          options.beforeCommit?.(batches);
          await tx
            .update(importJobs)
            .set({
              processedRows: start + rows.length,
              createdRows: sql`${importJobs.createdRows} + ${outcome.created}`,
              updatedRows: sql`${importJobs.updatedRows} + ${outcome.updated}`,
              skippedRows: sql`${importJobs.skippedRows} + ${outcome.skipped}`,
              errorRows: sql`${importJobs.errorRows} + ${outcome.errors}`,
              updatedAt: new Date(),
            })
            .where(eq(importJobs.id, jobId));
        });
      } catch (error) {
        if (error instanceof BatchTaken) {
          ahead = null;
          continue;
        }
        throw error;
      }
      written = batchWritten; // committed: what the batch prepared meanwhile is settled against
      batches += 1;
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) return 'interrupted';
    }
    await db
      .update(importJobs)
      .set({ status: 'completed', finishedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(importJobs.id, jobId), eq(importJobs.status, 'running')));
    return 'completed';
  } catch (error) {
    const code = (error as { code?: string }).code;
    await failJob(db, jobId, typeof code === 'string' && /^[a-z_]+$/.test(code) ? code : error instanceof Error ? error.message.slice(0, 500) : 'import_failed');
    return 'failed';
  }
}

type BatchOutcome = { created: number; updated: number; skipped: number; errors: number; problems: ProblemInsert[]; createdRecords: { record: unknown; id: string }[] };

/** Writes one batch inside its transaction: creates in one insert, updates one by one, every problem recorded. */
async function writeBatch(
  tx: Tx,
  jobId: string,
  importer: Importer,
  actor: Actor,
  action: DuplicateAction,
  canUpdate: boolean,
  headers: string[],
  prepared: PreparedRow[],
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, skipped: 0, errors: 0, problems: [], createdRecords: [] };
  const jobProblem = (row: PreparedRow, kind: 'error' | 'duplicate', problems: RowProblem[], matchedId: string | null = null) =>
    outcome.problems.push({ jobId, rowNumber: row.rowNumber, kind, problems, values: valuesByHeader(headers, row.cells), matchedId });
  const byRowNumber = new Map(prepared.map((row) => [row.rowNumber, row]));
  const creates: PreparedRow[] = [];
  const updates: PreparedRow[] = [];
  /** Row number → the id it was saved as (or matched to): later rows repeating it follow it. */
  const targetOf = new Map<number, string | null>();

  for (const row of prepared) {
    const errors = rowErrors(row);
    if (errors.length > 0) {
      outcome.errors += 1;
      jobProblem(row, 'error', errors);
      continue;
    }
    const matched = row.matchedId !== null || row.matchedRow !== null;
    const createProblems = row.createProblems ?? [];
    if (!matched || action === 'create') {
      if (createProblems.length > 0) {
        outcome.errors += 1;
        jobProblem(row, 'error', createProblems);
        continue;
      }
      creates.push(row);
      continue;
    }
    if (action === 'skip') {
      outcome.skipped += 1;
      jobProblem(row, 'duplicate', [{ field: 'row', code: row.matchedRow !== null ? 'duplicate_in_file_skipped' : 'duplicate_skipped', message: row.matchedRow !== null ? String(row.matchedRow) : undefined }], row.matchedId);
      continue;
    }
    if (!canUpdate) {
      outcome.errors += 1;
      jobProblem(row, 'error', [{ field: 'row', code: 'edit_not_allowed' }], row.matchedId);
      continue;
    }
    updates.push(row);
  }

  const ids = await importer.createMany(tx, actor, creates.map((row) => ({ record: row.record, duplicateConfirmed: row.matchedId !== null || row.matchedRow !== null })));
  creates.forEach((row, index) => {
    targetOf.set(row.rowNumber, ids[index]!);
    outcome.created += 1;
    outcome.createdRecords.push({ record: row.record, id: ids[index]! });
    if (row.matchedId !== null || row.matchedRow !== null) jobProblem(row, 'duplicate', [{ field: 'row', code: 'duplicate_created' }], row.matchedId);
  });

  for (const row of updates) {
    // A repeat of an earlier row of this batch updates whatever that row became (a new record or its match).
    let target = row.matchedId;
    if (target === null && row.matchedRow !== null) {
      const earlier = byRowNumber.get(row.matchedRow);
      target = targetOf.get(row.matchedRow) ?? earlier?.matchedId ?? null;
    }
    if (!target) {
      outcome.errors += 1;
      jobProblem(row, 'error', [{ field: 'row', code: 'duplicate_of_invalid_row', message: String(row.matchedRow) }]);
      continue;
    }
    targetOf.set(row.rowNumber, target);
    const result = await importer.update(tx, actor, target, row.record);
    if (result === 'updated') outcome.updated += 1;
    else if (result === 'unchanged') {
      outcome.skipped += 1;
      jobProblem(row, 'duplicate', [{ field: 'row', code: 'duplicate_unchanged' }], target);
    } else {
      outcome.errors += 1;
      jobProblem(row, 'error', [result], target);
    }
  }
  return outcome;
}

/**
 * Imports left behind: 'running' with no committed batch for `staleAfterMs` (their process died) and 'queued' ones
 * whose dispatch was lost. Each goes back to the queue and resumes after its last committed batch.
 */
export async function resumeStalledImports(db: Db, now = new Date(), staleAfterMs = 120_000): Promise<string[]> {
  const cutoff = new Date(now.getTime() - staleAfterMs);
  const stalled = await db
    .update(importJobs)
    .set({ status: 'queued', updatedAt: now })
    .where(and(inArray(importJobs.status, ['running', 'queued']), lte(importJobs.updatedAt, cutoff)))
    .returning({ id: importJobs.id });
  for (const { id } of stalled) await dispatchImport(id);
  return stalled.map((row) => row.id);
}
