// Background jobs and schedules on pg-boss (PLAT-10). pg-boss locks in the database, so with several
// server instances on one PostgreSQL a scheduled job still runs once.
import { and, isNotNull, lt, or } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { AppConfig } from '../../config';
import type { Database, DbOrTx } from '../../db/client';
import { passwordResets, sessions } from '../auth/auth.table';
import { processApprovalDeadlines } from '../approvals/approval-deadlines';
import { processCustomerReminders } from '../../modules/contacts/customer-reminders';
import { processPoolReturns } from '../../modules/pool/pool-returns';
import { processLeadDeadlines } from '../../modules/pool/lead-handover.service';
import { gradeOrganizations } from '../../modules/grading/grading.service';
import { scoreOpenProjects } from '../../modules/project-insight/project-scores';
import { processStalledProjects } from '../../modules/pipeline/stalled-projects';
import type { PGlite } from '@electric-sql/pglite';
import type { ThreadClient } from '../../db/pglite-thread';
import { startImportJobs } from '../import/import.jobs';
import { deliverDueReminders } from '../reminders/reminder-delivery';
import { sendMorningDigests } from '../reminders/morning-digest';

export const PURGE_JOB = 'maintenance-purge-expired-sessions';
export const ANALYZE_JOB = 'maintenance-embedded-analyze';
export const VACUUM_JOB = 'maintenance-embedded-vacuum';
export const APPROVAL_DEADLINES_JOB = 'approvals-deadlines';
export const CUSTOMER_REMINDERS_JOB = 'customers-reminders';
/** Due reminders go out every minute (in-app and, per preference, by e-mail); the digest each morning. */
export const REMINDER_DELIVERY_JOB = 'reminders-delivery';
export const MORNING_DIGEST_JOB = 'reminders-morning-digest';
/** Public pool returns and grading run nightly; lead deadlines are in hours, so they are looked at every 15 minutes. */
export const CUSTOMER_DAILY_JOBS = [
  ['customers-pool-returns', '10 2 * * *', processPoolReturns],
  ['customers-grading', '40 2 * * *', gradeOrganizations],
  ['customers-lead-deadlines', '*/15 * * * *', processLeadDeadlines],
  // Deal health decays with time alone (PRJ-4), so open projects are re-scored nightly.
  ['projects-scores', '50 2 * * *', scoreOpenProjects],
  // Stalled projects (PRJ-11): N days without a stage change or follow-up tell the owner, once per stage — before the
  // 07:30 digest, which then lists them.
  ['projects-stalled', '10 7 * * *', processStalledProjects],
] as const;

/** Deletes sessions revoked or expired more than 30 days ago and reset links that can no longer be used. */
export async function purgeExpiredSessions(db: DbOrTx, now = new Date()): Promise<{ sessions: number; resets: number }> {
  const cutoff = new Date(now.getTime() - 30 * 86_400_000);
  const removedSessions = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, cutoff), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, cutoff))))
    .returning({ id: sessions.id });
  const removedResets = await db
    .delete(passwordResets)
    .where(or(lt(passwordResets.expiresAt, now), isNotNull(passwordResets.usedAt)))
    .returning({ id: passwordResets.id });
  return { sessions: removedSessions.length, resets: removedResets.length };
}

/** pg-boss talks to PGlite through this adapter; its multi-statement commands go through exec. */
function pgliteAdapter(client: PGlite | ThreadClient) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (values.length > 0) return client.query(text, values);
      const results = await client.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
  };
}

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };

const isDeadlock = (error: unknown) =>
  (error as { code?: string } | null)?.code === '40P01' || (error instanceof Error && error.message.includes('deadlock detected'));

/**
 * Several instances (or WORKERS) starting at once create the same queues and schedules, and PostgreSQL may
 * pick one of them as a deadlock victim. Each step is idempotent, so the victim waits a moment and tries again.
 */
async function setUp(step: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await step();
      return;
    } catch (error) {
      if (attempt >= 6 || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
}

type JobOptions = {
  /** How often idle maintenance workers look for work (tests look often). */
  maintenancePollingSeconds?: number;
  /** false: create the queues and schedules only (the primary of several workers, before it forks). */
  work?: boolean;
};

/** `config` is for the mail that reminders and digests send (SMTP_URL, MAIL_FROM, PUBLIC_URL). */
export async function startJobs(database: Database, config: AppConfig, { maintenancePollingSeconds = 30, work = true }: JobOptions = {}): Promise<Jobs> {
  const boss =
    database.engine === 'postgres' && database.url
      ? new PgBoss({ connectionString: database.url, max: 3, supervise: work, schedule: work })
      : new PgBoss({ db: pgliteAdapter((database.db as unknown as { $client: PGlite }).$client) });
  boss.on('error', (error) => console.error('job error', error));
  await setUp(() => boss.start());
  const stop = () => boss.stop({ graceful: true, wait: true, timeout: 5000 });
  await setUp(() => boss.createQueue(PURGE_JOB, { name: PURGE_JOB, policy: 'singleton' }));
  await setUp(() => boss.schedule(PURGE_JOB, '30 3 * * *', {}, { tz: 'Asia/Shanghai' }));
  // Approval reminders and escalations (WF-2): limits are in hours, so a look every five minutes is on time.
  await setUp(() => boss.createQueue(APPROVAL_DEADLINES_JOB, { name: APPROVAL_DEADLINES_JOB, policy: 'singleton' }));
  await setUp(() => boss.schedule(APPROVAL_DEADLINES_JOB, '*/5 * * * *', {}, { tz: 'Asia/Shanghai' }));
  // Birthdays and revisits (CUS-9): once a day at 07:00, before the 07:30 digest that lists them; their dedupe keys keep
  // a re-run from repeating one.
  await setUp(() => boss.createQueue(CUSTOMER_REMINDERS_JOB, { name: CUSTOMER_REMINDERS_JOB, policy: 'singleton' }));
  await setUp(() => boss.schedule(CUSTOMER_REMINDERS_JOB, '0 7 * * *', {}, { tz: 'Asia/Shanghai' }));
  for (const [queue, cron] of CUSTOMER_DAILY_JOBS) {
    await setUp(() => boss.createQueue(queue, { name: queue, policy: 'singleton' }));
    await setUp(() => boss.schedule(queue, cron, {}, { tz: 'Asia/Shanghai' }));
  }
  await setUp(() => boss.createQueue(REMINDER_DELIVERY_JOB, { name: REMINDER_DELIVERY_JOB, policy: 'singleton' }));
  await setUp(() => boss.schedule(REMINDER_DELIVERY_JOB, '* * * * *', {}, { tz: 'Asia/Shanghai' }));
  // 07:30 in Shanghai; which day "today" is comes from the company time zone setting when it runs.
  await setUp(() => boss.createQueue(MORNING_DIGEST_JOB, { name: MORNING_DIGEST_JOB, policy: 'singleton' }));
  await setUp(() => boss.schedule(MORNING_DIGEST_JOB, '30 7 * * *', {}, { tz: 'Asia/Shanghai' }));
  await startImportJobs(boss, database, { work, setUp }); // PLAT-11: the import queue, its worker and the resume sweep
  if (!work) return { boss, stop };
  // Maintenance runs nightly or hourly: a look every 30 s is plenty, and on PGlite each look shares the
  // one database thread with the requests.
  const maintenancePolling = { pollingIntervalSeconds: maintenancePollingSeconds };
  await boss.work(PURGE_JOB, maintenancePolling, async () => {
    await purgeExpiredSessions(database.db);
  });
  await boss.work(APPROVAL_DEADLINES_JOB, maintenancePolling, async () => {
    await processApprovalDeadlines(database.db);
  });
  // Jobs that schedule reminders (birthdays, pool warnings, stalled projects) deliver them at once rather than at the
  // next minute; after a job that scheduled none, the delivery is one look at an index.
  await boss.work(CUSTOMER_REMINDERS_JOB, maintenancePolling, async () => {
    await processCustomerReminders(database.db);
    await deliverDueReminders(database.db, config);
  });
  for (const [queue, , run] of CUSTOMER_DAILY_JOBS) {
    await boss.work(queue, maintenancePolling, async () => {
      await run(database.db);
      await deliverDueReminders(database.db, config);
    });
  }
  // A minute's schedule is only as prompt as the worker's look for it: this queue is looked at more often.
  await boss.work(REMINDER_DELIVERY_JOB, { pollingIntervalSeconds: Math.min(maintenancePollingSeconds, 10) }, async () => {
    await deliverDueReminders(database.db, config);
  });
  await boss.work(MORNING_DIGEST_JOB, maintenancePolling, async () => {
    await sendMorningDigests(database.db, config);
  });
  if (database.engine === 'pglite') {
    // PGlite has no autovacuum: without these, statistics go stale (and plans with them) and index-only
    // scans stop paying off as the visibility map fills with changed pages. PostgreSQL does this by itself.
    for (const [queue, cron, command] of [
      [ANALYZE_JOB, '17 * * * *', 'ANALYZE'],
      [VACUUM_JOB, '40 3 * * *', 'VACUUM (ANALYZE)'],
    ] as const) {
      await setUp(() => boss.createQueue(queue, { name: queue, policy: 'singleton' }));
      await setUp(() => boss.schedule(queue, cron, {}, { tz: 'Asia/Shanghai' }));
      await boss.work(queue, maintenancePolling, async () => {
        await database.query(command);
      });
    }
  }
  return { boss, stop };
}
