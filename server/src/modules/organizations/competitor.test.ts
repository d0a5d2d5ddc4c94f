// Competitor profiles (CUS-10) through HTTP: only for competitors, versioned, in the organisation's history, scoped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  await t.createUser({ username: 'rep', departmentId: company, role: 'sales_rep' });
  await t.createUser({ username: 'other', departmentId: company, role: 'sales_rep' });
  await t.createUser({ username: 'finance', departmentId: company, role: 'finance' });
  for (const name of ['rep', 'other', 'finance']) tokens[name] = await t.login(name);
  for (const [key, name, type] of [
    ['competitor', '三一重工', 'competitor'],
    ['owner', '上海城投', 'owner'],
  ] as const) {
    const response = await t.call(tokens.rep!, 'POST', '/api/v1/organizations', { name, type });
    expect(response.status).toBe(201);
    orgs[key] = response.body.id;
  }
});
afterAll(async () => t?.close());

const url = (id: string) => `/api/v1/organizations/${id}/competitor-profile`;

describe('competitor profile', () => {
  it('is empty at version 0 before the first save; saves, reads back, and writes history lines', async () => {
    const empty = await t.call(tokens.rep!, 'GET', url(orgs.competitor!));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ version: 0, products: null, priceLevel: null, updatedBy: null });

    const saved = await t.call(tokens.rep!, 'PUT', url(orgs.competitor!), { category: '工程机械', products: '泵车、挖掘机', strengths: '渠道广', weaknesses: '售后慢', priceLevel: 'low', version: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ category: '工程机械', priceLevel: 'low', version: 1, updatedBy: { displayName: 'rep' } });

    const edited = await t.call(tokens.rep!, 'PUT', url(orgs.competitor!), { priceLevel: 'medium', version: 1 });
    expect(edited.body).toMatchObject({ priceLevel: 'medium', products: '泵车、挖掘机', version: 2 });

    const history = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.competitor}/history`);
    const lines = history.body.items.filter((item: { action: string }) => item.action === 'competitor_profile');
    expect(lines).toHaveLength(2);
    expect(lines[1].changes).toEqual([{ field: 'competitor.priceLevel', old: 'low', new: 'medium' }]);
  });

  it('answers 409 for a stale version and 422 for an organisation that is not a competitor', async () => {
    const stale = await t.call(tokens.rep!, 'PUT', url(orgs.competitor!), { notes: '迟到的修改', version: 1 });
    expect(stale.status).toBe(409);
    const notCompetitor = await t.call(tokens.rep!, 'GET', url(orgs.owner!));
    expect(notCompetitor.status).toBe(422);
    expect(notCompetitor.body.errors[0]).toMatchObject({ path: 'type', code: 'not_competitor' });
    expect((await t.call(tokens.rep!, 'PUT', url(orgs.owner!), { notes: 'x', version: 0 })).status).toBe(422);
  });

  it('validates the input naming every field', async () => {
    const response = await t.call(tokens.rep!, 'PUT', url(orgs.competitor!), { priceLevel: 'cheap', products: 5 });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((problem: { path: string }) => problem.path).sort()).toEqual(['priceLevel', 'products', 'version']);
  });

  it('is 404 outside the scope, 403 without the edit permission', async () => {
    expect((await t.call(tokens.other!, 'GET', url(orgs.competitor!))).status).toBe(404);
    expect((await t.call(tokens.other!, 'PUT', url(orgs.competitor!), { notes: 'x', version: 2 })).status).toBe(404);
    expect((await t.call(tokens.finance!, 'GET', url(orgs.competitor!))).status).toBe(200);
    expect((await t.call(tokens.finance!, 'PUT', url(orgs.competitor!), { notes: 'x', version: 2 })).status).toBe(403);
  });
});
