// Automatic return to the pool with a controlled clock: the warning first (once), the return after the set days,
// a follow-up starting the clock again, the no-deal rule, a late job still giving full notice, batches.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../platform/notify/notify.table';
import { withReminderDelivery } from '../../platform/reminders/reminder-delivery';
import { createTestApp, type TestApp } from '../../test/test-app';
import { organizations } from '../organizations/organizations.table';
import { claimOrganization } from './pool-moves.service';
import { processPoolReturns } from './pool-returns';
import { poolMoves } from './pool.table';
import { actorOf, addDays, insertOrganization, organizationRow } from './pool-test-kit';

let t: TestApp;
const ids: Record<string, string> = {};
let token: string;
let eastPool: string;
// Far from the real clock, so rows the harness wrote "now" never fall due by accident.
const T0 = new Date('2031-03-01T02:00:00Z');

/** The job as its worker runs it: returns and warnings, then the delivery of the warnings (reminders). */
const runJob = (now: Date) => withReminderDelivery(processPoolReturns)(t.database.db, t.config, now);

const owned = (name: string, fields: Partial<typeof organizations.$inferInsert> = {}) =>
  insertOrganization(t, name, { ownerId: ids.rep, ownedSince: T0, createdAt: T0, ...fields });

async function noticesFor(name: string, kind: string) {
  return t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, ids.rep!), eq(notifications.kind, kind), sql`${notifications.params}->>'organizationName' = ${name}`));
}

beforeAll(async () => {
  t = await createTestApp();
  const east = await t.createDepartment('华东大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: east, role: 'sales_rep' });
  token = await t.login('rep');
  const admin = await t.login('admin');
  const pool = await t.call(admin, 'POST', '/api/v1/pools', {
    name: '华东公海',
    departmentId: east,
    noFollowUpDays: 30,
    noDealDays: 90,
    warningDays: 5,
    reclaimCooldownDays: 7,
  });
  expect(pool.status, JSON.stringify(pool.body)).toBe(201);
  eastPool = pool.body.id;
});
afterAll(async () => t?.close());

describe('processPoolReturns', () => {
  it('warns once warningDays before the follow-up deadline, then returns on the day, with move, history and notice', async () => {
    const name = '上海临港新片区水务有限公司';
    const id = await owned(name);
    await runJob(addDays(T0, 24.9));
    expect((await organizationRow(t, id)).poolWarnedAt).toBeNull();

    await runJob(addDays(T0, 25.1));
    expect((await organizationRow(t, id)).poolWarnedAt).toEqual(addDays(T0, 25.1));
    // Due at day 30; warned a little after day 25, the owner keeps the full five days' notice.
    const [warning] = await noticesFor(name, 'pool.return_warning');
    expect(warning?.params).toMatchObject({ reason: 'no_follow_up', returnAt: addDays(T0, 30.1).toISOString().replace('.000', '') });

    // One warning, however often the job runs; no return before the day.
    await runJob(addDays(T0, 26));
    await runJob(addDays(T0, 30.05));
    expect(await noticesFor(name, 'pool.return_warning')).toHaveLength(1);
    expect((await organizationRow(t, id)).ownerId).toBe(ids.rep);

    const returnedAt = addDays(T0, 30.15);
    await runJob(returnedAt);
    const row = await organizationRow(t, id);
    expect(row).toMatchObject({ ownerId: null, poolId: eastPool, pooledAt: returnedAt, ownedSince: null, poolWarnedAt: null, version: 2 });
    expect(await t.database.db.select().from(poolMoves).where(eq(poolMoves.organizationId, id))).toMatchObject([
      { action: 'return', userId: ids.rep, reason: 'no_follow_up', poolId: eastPool },
    ]);
    expect(await noticesFor(name, 'pool.returned')).toHaveLength(1);
    const history = await t.call(await t.login('admin'), 'GET', `/api/v1/organizations/${id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ action: 'pool.return', actorId: null, note: 'no_follow_up', changes: [{ field: 'ownerId', old: ids.rep, new: null }] });

    // Lost by return counts for the cool-down like a release.
    const actor = await actorOf(t, token);
    await expect(claimOrganization(t.database.db, actor, id, addDays(returnedAt, 6.9))).rejects.toMatchObject({ code: 'claim_cooldown' });
    expect((await claimOrganization(t.database.db, actor, id, addDays(returnedAt, 7.1))).ownerId).toBe(ids.rep);
  });

  it('a follow-up after the warning starts the clock again, and the next return is warned of afresh', async () => {
    const name = '苏州高新区热力有限公司';
    const id = await owned(name);
    await runJob(addDays(T0, 26));
    expect((await organizationRow(t, id)).poolWarnedAt).not.toBeNull();
    await t.database.db.update(organizations).set({ lastActivityAt: addDays(T0, 27) }).where(eq(organizations.id, id));
    await runJob(addDays(T0, 31));
    expect((await organizationRow(t, id)).ownerId).toBe(ids.rep);
    // Due now at day 57: the old warning does not count, a new one goes out at day 52 and the return follows.
    await runJob(addDays(T0, 57.5));
    expect((await organizationRow(t, id)).ownerId).toBe(ids.rep);
    expect(await noticesFor(name, 'pool.return_warning')).toHaveLength(2);
  });

  it('returns a customer followed up but without a deal for noDealDays, naming that rule', async () => {
    const name = '南京江北新区管网公司';
    const id = await owned(name, { lastActivityAt: addDays(T0, 80) });
    await runJob(addDays(T0, 84.9));
    expect(await noticesFor(name, 'pool.return_warning')).toHaveLength(0);
    await runJob(addDays(T0, 85.1));
    expect((await noticesFor(name, 'pool.return_warning'))[0]?.params).toMatchObject({ reason: 'no_deal' });
    await runJob(addDays(T0, 90.1));
    expect((await organizationRow(t, id)).ownerId).toBeNull();
    expect((await t.database.db.select().from(poolMoves).where(eq(poolMoves.organizationId, id)))[0]?.reason).toBe('no_deal');
  });

  it('a job that missed the warning day still gives the full warning period before returning', async () => {
    const name = '无锡新吴区供水公司';
    const id = await owned(name, { ownedSince: addDays(T0, 100), createdAt: addDays(T0, 100) });
    // Due at day 130; the job first looks at day 140: it warns and gives five more days.
    await runJob(addDays(T0, 140));
    expect((await organizationRow(t, id)).ownerId).toBe(ids.rep);
    expect((await noticesFor(name, 'pool.return_warning'))[0]?.params).toMatchObject({ returnAt: addDays(T0, 145).toISOString().replace('.000', '') });
    await runJob(addDays(T0, 144.9));
    expect((await organizationRow(t, id)).ownerId).toBe(ids.rep);
    await runJob(addDays(T0, 145.1));
    expect((await organizationRow(t, id)).ownerId).toBeNull();
  });

  it('works through more organisations than one batch, in set-based statements', async () => {
    const start = addDays(T0, 300);
    await t.database.query(
      `insert into organizations (number, name, type, owner_id, owned_since, created_at)
       select 'BULK-' || n, '批量客户' || n, 'owner', $1, $2, $2 from generate_series(1, 2300) n`,
      [ids.rep, start.toISOString()],
    );
    const warned = await runJob(addDays(start, 26));
    expect(warned.warned).toBe(2300);
    const returned = await runJob(addDays(start, 31));
    expect(returned.returned).toBe(2300);
    const [left] = await t.database.query<{ n: string }>(`select count(*) as n from organizations where name like '批量客户%' and owner_id is not null`);
    expect(Number(left!.n)).toBe(0);
  });
});
