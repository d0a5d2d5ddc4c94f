// The demo loads contacts at every organisation, with positions, history and two job changes, and reminders fire.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { processCustomerReminders } from '../modules/contacts/customer-reminders';
import { loadDemoData } from './demo-data';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction(async (tx) => loadDemoData(tx));
});
afterAll(async () => t?.close());

describe('demo contacts', () => {
  it('gives each demo organisation (loaded before it) two to five contacts with an open position and a history', async () => {
    // Other demo loaders (the pool) add organisations later: count the organisations that have contacts.
    const [counts] = await t.database.query<{ min: number; max: number; organizations: number; contacts: number; open: number; history: number }>(`
      select min(n)::int as min, max(n)::int as max, count(*)::int as organizations,
        (select count(*)::int from contacts) as contacts,
        (select count(*)::int from contact_positions where ended_at is null) as open,
        (select count(distinct record_id)::int from record_history where record_type = 'contact') as history
      from (select count(*) as n from contacts group by organization_id) per_org`);
    expect(counts!.organizations).toBeGreaterThanOrEqual(50);
    expect(counts!.min).toBeGreaterThanOrEqual(2);
    expect(counts!.max).toBeLessThanOrEqual(5);
    expect(counts!.open).toBe(counts!.contacts);
    expect(counts!.history).toBe(counts!.contacts);
    const moved = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from contact_positions where ended_at is not null`);
    expect(Number(moved.rows[0]!.n)).toBe(2);
  });

  it('a rep reads the contacts of their customers, and today has a birthday to remind of', async () => {
    const token = await t.login('liming', 'openpsm-demo');
    const list = await t.call(token, 'GET', '/api/v1/contacts?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    const { sent } = await processCustomerReminders(t.database.db, new Date());
    expect(sent).toBeGreaterThanOrEqual(1);
  });
});
