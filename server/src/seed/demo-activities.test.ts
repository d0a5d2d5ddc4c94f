// The demo follow-ups: three months of done activities by the owners of the customers and projects, plans for the next
// two weeks, tasks in every state, check-ins near the customer's city, last-activity dates that agree with the records,
// the pool demo's one neglected customer still neglected, and a loader fast enough to run at every first start.
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { processPoolReturns } from '../modules/pool/pool-returns';
import { loadDemoActivities } from './demo-activities';
import { DEMO_PASSWORD, loadDemoData } from './demo-data';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction(async (tx) => loadDemoData(tx));
}, 120_000);
afterAll(async () => t?.close());

const count = async (query: string) => Number((await t.database.query<{ n: number }>(query))[0]!.n);

describe('demo activities', () => {
  it('three months of done follow-ups of every type by the owners of the customers and projects, in Chinese', async () => {
    expect(await count(`select count(*)::int as n from activities where status = 'done' and starts_at > now() - interval '92 days'`)).toBeGreaterThan(400);
    expect(await count(`select count(distinct type)::int as n from activities where status = 'done'`)).toBe(7);
    expect(await count(`select count(distinct owner_id)::int as n from activities`)).toBeGreaterThanOrEqual(12);
    // Every activity belongs to the owner of its project, or of its customer when it has none.
    expect(await count(`select count(*)::int as n from activities a left join projects p on p.id = a.project_id join organizations o on o.id = a.organization_id
                         where a.owner_id <> coalesce(p.owner_id, o.owner_id) or (p.id is not null and p.organization_id <> a.organization_id)`)).toBe(0);
    expect(await count(`select count(*)::int as n from activities where subject !~ '[\\u4e00-\\u9fff]' or (status = 'done' and (content is null or outcome is null))`)).toBe(0);
    expect(await count(`select count(*)::int as n from activities a where not exists (select 1 from options o where o.list_key = 'activity_type' and o.code = a.type and o.active)`)).toBe(0);
    // Contacts met are the customer's.
    expect(await count(`select count(*)::int as n from activity_contacts ac join activities a on a.id = ac.activity_id join contacts c on c.id = ac.contact_id
                         where c.organization_id <> a.organization_id`)).toBe(0);
    expect(await count(`select count(*)::int as n from activities where status = 'done' and (starts_at > now() or ends_at < starts_at)`)).toBe(0);
    expect(await count(`select count(distinct record_id)::int as n from record_history where record_type = 'activity'`)).toBe(await count('select count(*)::int as n from activities'));
  });

  it('check-ins in the field, with a position near the customer’s city only where the rep consented', async () => {
    const [row] = await t.database.query<{ checked: number; positioned: number; far: number }>(`
      select count(*)::int as checked, count(checkin_latitude)::int as positioned,
             count(*) filter (where checkin_latitude is not null and not exists (
               select 1 from (values (31.23, 121.47), (31.40, 121.49), (32.06, 118.80), (32.24, 118.74), (32.28, 118.83), (31.49, 120.31), (31.30, 120.59),
                 (30.27, 120.16), (29.87, 121.54), (39.90, 116.41), (39.73, 115.97), (40.02, 118.70), (39.34, 117.36), (39.63, 118.18), (37.87, 112.55),
                 (41.81, 123.43), (39.61, 109.78), (23.13, 113.26), (21.66, 110.93), (22.54, 114.06), (23.02, 113.75), (22.84, 113.25), (29.56, 106.55),
                 (30.57, 104.07), (30.59, 114.31), (27.83, 112.94), (34.34, 108.94), (44.31, 86.08), (45.80, 126.54)) city(lat, lon)
               where abs(checkin_latitude - city.lat) < 0.1 and abs(checkin_longitude - city.lon) < 0.1))::int as far
        from activities where checkin_at is not null`);
    expect(row!.checked).toBeGreaterThan(20);
    expect(row!.positioned).toBeGreaterThan(0);
    expect(row!.positioned).toBeLessThan(row!.checked);
    expect(row!.far).toBe(0);
    expect(await count(`select count(*)::int as n from activities where checkin_at is not null and (checkout_at is null or checkout_at < checkin_at or type not in ('visit', 'demo', 'dinner', 'meeting'))`)).toBe(0);
  });

  it('plans in the next two weeks with their reminders; tasks open, overdue and done, the open ones reminded', async () => {
    expect(await count(`select count(*)::int as n from activities where status = 'planned' and starts_at > now() and starts_at < now() + interval '15 days'`)).toBeGreaterThan(20);
    expect(await count(`select count(*)::int as n from activities where status = 'planned' and starts_at <= now()`)).toBe(0);
    expect(await count(`select count(*)::int as n from activities a where a.status = 'planned'
                         and not exists (select 1 from reminders r where r.record_id = a.id and r.kind = 'reminder.activity_planned' and r.status = 'pending')`)).toBe(0);
    expect(await count(`select count(*)::int as n from tasks where status = 'open' and due_at > now()`)).toBeGreaterThan(5);
    expect(await count(`select count(*)::int as n from tasks where status = 'open' and due_at < now()`)).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from tasks where status = 'done' and done_at is not null`)).toBeGreaterThan(5);
    expect(await count(`select count(*)::int as n from tasks where assignee_id <> created_by`)).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from tasks t where t.status = 'open' and t.remind_at > now()
                         and not exists (select 1 from reminders r where r.record_id = t.id and r.kind = 'reminder.task_due' and r.status = 'pending')`)).toBe(0);
    expect(await count(`select count(*)::int as n from activities a join tasks t on t.id = a.next_task_id where t.activity_id <> a.id or t.title <> a.next_step`)).toBe(0);
  });

  it('the last-activity dates agree with the follow-ups; the pool demo still has its one neglected customer', async () => {
    expect(await count(`select count(*)::int as n from organizations o where o.last_activity_at is distinct from
                         (select max(a.starts_at) from activities a where a.organization_id = o.id and a.status = 'done')
                         and exists (select 1 from activities a where a.organization_id = o.id and a.status = 'done')`)).toBe(0);
    expect(await count(`select count(*)::int as n from organizations o where o.owner_id is not null and o.deleted_at is null
                         and not exists (select 1 from activities a where a.organization_id = o.id)`)).toBe(0);
    expect(await count(`select count(*)::int as n from projects p where p.last_activity_at is distinct from
                         (select max(a.starts_at) from activities a where a.project_id = p.id and a.status = 'done')`)).toBe(0);
    expect(await count(`select count(*)::int as n from contacts c join activity_contacts ac on ac.contact_id = c.id
                         where c.last_activity_at is null`)).toBe(0);
    expect(await processPoolReturns(t.database.db, new Date())).toEqual({ returned: 0, warned: 1 });
  });

  it('a rep lists their follow-ups and the supervisor sees the team’s next two weeks', async () => {
    const rep = await t.login('liming', DEMO_PASSWORD);
    const list = await t.call(rep, 'GET', '/api/v1/activities?pageSize=20');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(20);
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const supervisor = await t.login('liuyang', DEMO_PASSWORD);
    const week = await t.call(supervisor, 'GET', `/api/v1/calendar?view=team&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(week.status).toBe(200);
    expect(new Set(week.body.entries.map((entry: { owner: { id: string } }) => entry.owner.id)).size).toBeGreaterThanOrEqual(2);
  });

  it('loads in under two seconds', async () => {
    // On what the other loaders left, in a transaction rolled back afterwards.
    let elapsed = Number.POSITIVE_INFINITY;
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`delete from reminders`);
        await tx.execute(sql`delete from record_history where record_type in ('activity', 'task')`);
        await tx.execute(sql`update activities set next_task_id = null`);
        await tx.execute(sql`delete from tasks`);
        await tx.execute(sql`delete from activity_contacts`);
        await tx.execute(sql`delete from activities`);
        const started = performance.now();
        await loadDemoActivities(tx);
        elapsed = performance.now() - started;
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(await count('select count(*)::int as n from activities')).toBeGreaterThan(400);
    expect(elapsed).toBeLessThan(2000);
  });
});
