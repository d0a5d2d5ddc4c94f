// The import queue on pg-boss: POST …/run sends a job; a worker runs it; a sweep every minute (and one at start-up)
// re-queues imports whose process died, and they resume after their last committed batch.
import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client';
import { registerImporters } from './importers';
import { resumeStalledImports, runImport, setImportDispatcher } from './import.runner';

export const IMPORT_RUN_JOB = 'imports-run';
export const IMPORT_SWEEP_JOB = 'imports-sweep';
/** A running import commits a batch every second or so; two minutes without one means its process is gone. */
export const IMPORT_STALE_MS = 120_000;

export async function startImportJobs(boss: PgBoss, database: Database, { work, setUp }: { work: boolean; setUp: (step: () => Promise<unknown>) => Promise<void> }) {
  await setUp(() => boss.createQueue(IMPORT_RUN_JOB, { name: IMPORT_RUN_JOB, policy: 'standard' }));
  await setUp(() => boss.createQueue(IMPORT_SWEEP_JOB, { name: IMPORT_SWEEP_JOB, policy: 'singleton' }));
  await setUp(() => boss.schedule(IMPORT_SWEEP_JOB, '* * * * *', {}, { tz: 'Asia/Shanghai' }));
  // This instance's worker, woken as soon as it queues a run: the user is waiting for it to start, while a poll every
  // second cost a statement a second — on PGlite ~20 ms of the one database thread each (pg-boss's partitioned job
  // table). Runs queued by another instance are found by the poll.
  let workerId: string | null = null;
  setImportDispatcher(async (jobId) => {
    // Large imports on the embedded engine take minutes: the lease is generous, and a resumed run is safe anyway.
    await boss.send(IMPORT_RUN_JOB, { jobId }, { singletonKey: jobId, expireInSeconds: 4 * 3600, retryLimit: 2 });
    if (workerId) boss.notifyWorker(workerId);
  });
  if (!work) return;
  registerImporters();
  workerId = await boss.work<{ jobId: string }>(IMPORT_RUN_JOB, { pollingIntervalSeconds: 10 }, async (jobs) => {
    for (const job of jobs) await runImport(database.db, job.data.jobId);
  });
  await boss.work(IMPORT_SWEEP_JOB, { pollingIntervalSeconds: 30 }, async () => {
    await resumeStalledImports(database.db, new Date(), IMPORT_STALE_MS);
  });
  // The embedded engine has one process: whatever it left 'running' died with it. PostgreSQL may have other live
  // instances, so there only imports without a committed batch for a while count as stalled.
  await resumeStalledImports(database.db, new Date(), database.engine === 'pglite' ? 0 : IMPORT_STALE_MS);
}
