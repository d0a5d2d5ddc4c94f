// Jobs run on both engines through pg-boss; the purge job removes only what can no longer be used.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { sessions } from '../auth/auth.table';
import { ANALYZE_JOB, PURGE_JOB, VACUUM_JOB, purgeExpiredSessions, startJobs, type Jobs } from './jobs';

let t: TestApp;
let jobs: Jobs;
beforeAll(async () => {
  t = await createTestApp();
  jobs = await startJobs(t.database, t.config, { maintenancePollingSeconds: 0.5 });
});
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

describe('jobs', () => {
  it('purges long-expired sessions and keeps live ones', async () => {
    const live = await t.login('admin');
    const old = await t.login('admin');
    const all = await t.database.db.select().from(sessions);
    expect(all.length).toBeGreaterThanOrEqual(2);
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 40 * 86_400_000) }).where(eq(sessions.id, all[all.length - 1]!.id));
    const removed = await purgeExpiredSessions(t.database.db);
    expect(removed.sessions).toBe(1);
    expect((await t.call(live, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect(old).not.toBe(live);
  });

  it('pg-boss accepts the schedule and runs a sent job exactly once', async () => {
    const schedules = await jobs.boss.getSchedules();
    expect(schedules.map((schedule) => schedule.name)).toContain(PURGE_JOB);
    const queue = 'test-once';
    await jobs.boss.createQueue(queue);
    let runs = 0;
    const work = async () => {
      runs += 1;
    };
    await jobs.boss.work(queue, { pollingIntervalSeconds: 0.5 }, work);
    // On PostgreSQL a second instance competes for the same job: still exactly one run.
    const second = t.database.engine === 'postgres' ? await startJobs(t.database, t.config) : null;
    await second?.boss.work(queue, { pollingIntervalSeconds: 0.5 }, work);
    const id = await jobs.boss.send(queue, { hello: 'world' });
    expect(id).toBeTruthy();
    await expect.poll(() => runs, { timeout: 10_000, interval: 200 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs).toBe(1);
    await second?.stop();
  });

  it('schedules ANALYZE and VACUUM on the embedded engine only, and a run of them completes', async () => {
    const names = (await jobs.boss.getSchedules()).map((schedule) => schedule.name);
    if (t.database.engine === 'pglite') {
      expect(names).toEqual(expect.arrayContaining([ANALYZE_JOB, VACUUM_JOB]));
      const id = await jobs.boss.send(VACUUM_JOB, {});
      await expect.poll(async () => (await jobs.boss.getJobById(VACUUM_JOB, id!))?.state, { timeout: 15_000, interval: 250 }).toBe('completed');
    } else {
      expect(names).not.toContain(ANALYZE_JOB);
      expect(names).not.toContain(VACUUM_JOB);
    }
  });

  it('several instances starting at once all come up (queue and schedule set-up survives deadlocks)', async () => {
    if (t.database.engine !== 'postgres') {
      expect(t.database.engine).toBe('pglite'); // one process per embedded database: nothing to race
      return;
    }
    const started = await Promise.all([startJobs(t.database, t.config), startJobs(t.database, t.config), startJobs(t.database, t.config, { work: false })]);
    expect(started).toHaveLength(3);
    expect((await started[0]!.boss.getSchedules()).map((schedule) => schedule.name)).toContain(PURGE_JOB);
    await Promise.all(started.map((instance) => instance.stop()));
  }, 60_000);
});
