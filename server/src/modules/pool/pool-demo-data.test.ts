// The demo pool: two pools with rules, twenty customers waiting, two leads pending, and a return job that starts
// from a lived-in state (one warning, no mass return of the demo customers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { DEMO_PASSWORD, loadDemoData } from '../../seed/demo-data';
import { processPoolReturns } from './pool-returns';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction(async (tx) => loadDemoData(tx));
});
afterAll(async () => t?.close());

describe('demo pool', () => {
  it('gives 李明 the East pool with its waiting customers and a lead to answer', async () => {
    const token = await t.login('liming', DEMO_PASSWORD);
    const mine = await t.call(token, 'GET', '/api/v1/pool/mine');
    expect(mine.body.items).toEqual([expect.objectContaining({ name: '华东大区公海', organizationCount: 12 })]);
    const list = await t.call(token, 'GET', '/api/v1/pool/organizations?pageSize=50');
    expect(list.body.total).toBe(12);
    expect(list.body.items.some((item: { lastOwner: unknown }) => item.lastOwner !== null)).toBe(true);
    const leads = await t.call(token, 'GET', '/api/v1/leads?box=incoming');
    expect(leads.body.items).toEqual([expect.objectContaining({ status: 'pending', organization: expect.objectContaining({ name: '宁波市轨道交通集团有限公司' }) })]);
  });
  it('tonight’s return job warns the one neglected customer and returns none', async () => {
    const result = await processPoolReturns(t.database.db, new Date());
    expect(result).toEqual({ returned: 0, warned: 1 });
  });
});
