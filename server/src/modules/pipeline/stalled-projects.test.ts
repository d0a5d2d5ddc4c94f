// Stalled-project alerts with a controllable clock: due after N days without a stage change or follow-up, once per
// stage, again after the project moved on and stalled anew.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../platform/config/config.table';
import { notifications } from '../../platform/notify/notify.table';
import { withReminderDelivery } from '../../platform/reminders/reminder-delivery';
import { createTestApp, type TestApp } from '../../test/test-app';
import { projects } from '../projects/projects.table';
import { PROJECT_SETTINGS_ROW } from '../project-insight/project-settings.service';
import { processStalledProjects, stalledDays } from './stalled-projects';
import { createTestOrganization, createTestProcess, createTestProject } from './test-fixtures';

let t: TestApp;
let owner: string;
let other: string;
const ids: Record<string, string> = {};
const day = (date: string) => new Date(`${date}T09:00:00+08:00`);
/** The job as its worker runs it: the alerts are scheduled as reminders, then delivered as notifications. */
const runJob = (db: typeof t.database.db, now: Date) => withReminderDelivery(processStalledProjects)(db, t.config, now);

async function alertsFor(userId: string) {
  const rows = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'project_stalled')));
  return rows.map((row) => row.params as { projectId: string; days: number; name: string });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const department = await t.createDepartment('华东大区');
  owner = await t.createUser({ username: 'owner', departmentId: department, role: 'sales_rep' });
  other = await t.createUser({ username: 'other', departmentId: department, role: 'sales_rep' });
  const process = await createTestProcess(db);
  const organizationId = await createTestOrganization(db, owner);
  ids.quiet = await createTestProject(db, { process, organizationId, ownerId: owner, name: '沉睡项目', stageEnteredAt: day('2025-01-01') });
  ids.followed = await createTestProject(db, {
    process,
    organizationId,
    ownerId: other,
    name: '有跟进项目',
    stageEnteredAt: day('2025-01-01'),
    lastActivityAt: day('2025-01-08'),
  });
  await createTestProject(db, { process, organizationId, ownerId: owner, name: '已输项目', status: 'lost', stageEnteredAt: day('2024-06-01') });
});

afterAll(async () => {
  await t.close();
});

describe('stalled-project alerts', () => {
  it('uses 30 days when the settings set none, else their stalledDays', async () => {
    const db = t.database.db;
    await db.delete(settings).where(eq(settings.id, PROJECT_SETTINGS_ROW));
    expect(await stalledDays(db)).toBe(30);
    await db
      .insert(settings)
      .values({ id: PROJECT_SETTINGS_ROW, values: { stalledDays: 10 } })
      .onConflictDoUpdate({ target: settings.id, set: { values: { stalledDays: 10 } } });
    expect(await stalledDays(db)).toBe(10);
  });

  it('alerts the owner after N days without a stage change or activity, and not twice', async () => {
    const db = t.database.db;
    expect((await runJob(db, day('2025-01-10'))).alerted).toBe(0);
    expect((await runJob(db, day('2025-01-12'))).alerted).toBe(1);
    const alerts = await alertsFor(owner);
    expect(alerts).toEqual([expect.objectContaining({ projectId: ids.quiet, name: '沉睡项目', days: 11 })]);
    // The project with a follow-up on 8 January is not stalled yet; a closed one never is.
    expect(await alertsFor(other)).toEqual([]);
    expect((await runJob(db, day('2025-01-13'))).alerted).toBe(0);
    expect(await alertsFor(owner)).toHaveLength(1);
  });

  it('counts from the last activity when it is later than the stage change', async () => {
    const db = t.database.db;
    expect((await runJob(db, day('2025-01-17'))).alerted).toBe(0);
    expect((await runJob(db, day('2025-01-19'))).alerted).toBe(1);
    expect(await alertsFor(other)).toEqual([expect.objectContaining({ projectId: ids.followed, days: 11 })]);
  });

  it('alerts again once the project changed stage and stalled in the new one', async () => {
    const db = t.database.db;
    // What an advance does: the stage and the time it was entered change; nobody resets the alert mark.
    await db.update(projects).set({ stageEnteredAt: day('2025-01-20') }).where(eq(projects.id, ids.quiet!));
    expect((await runJob(db, day('2025-01-25'))).alerted).toBe(0);
    expect((await runJob(db, day('2025-01-31'))).alerted).toBe(1);
    expect(await alertsFor(owner)).toHaveLength(2);
    expect((await runJob(db, day('2025-02-10'))).alerted).toBe(0);
  });
});
