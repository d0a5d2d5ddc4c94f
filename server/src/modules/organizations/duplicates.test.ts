// The duplicate check (CUS-3) on a real database: the acceptance names, credit code and phone, the endpoint while
// typing (with what a caller outside the scope may see), and the 409 on create and edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { findDuplicateOrganizations } from './duplicates';

let t: TestApp;
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};
const CREDIT_CODE = '91310000MA1FL0XX3K';

async function create(token: string, name: string, extra: Record<string, unknown> = {}) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number };
}

const namesOf = (candidates: { name: string }[]) => candidates.map((candidate) => candidate.name).sort();

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const north = await t.createDepartment('华北大区', company);
  await t.createUser({ username: 'rep', departmentId: east, role: 'sales_rep' });
  await t.createUser({ username: 'northrep', departmentId: north, role: 'sales_rep' });
  for (const name of ['rep', 'northrep']) tokens[name] = await t.login(name);
  orgs.base = (await create(tokens.rep!, '上海华东机械设备有限公司', { phone: '021-58880001' })).id;
  orgs.electric = (await create(tokens.rep!, '华东电气')).id;
  orgs.south = (await create(tokens.rep!, '华南机械')).id;
});
afterAll(async () => t?.close());

describe('findDuplicateOrganizations (acceptance names)', () => {
  const family = ['上海华东机械设备有限公司', '华东机械设备(上海)有限公司', '上海市华东机械设备股份有限公司', 'ＨＤ华东机械', 'ＨＤ华东机械有限公司'];

  it.each(family)('%s is caught against 上海华东机械设备有限公司', async (name) => {
    const candidates = await findDuplicateOrganizations(t.database.db, { name });
    const base = candidates.find((candidate) => candidate.id === orgs.base);
    expect(base, JSON.stringify(candidates)).toMatchObject({ reason: 'name', ownerName: 'rep' });
    expect(base!.score).toBeGreaterThanOrEqual(0.45);
  });

  it('catches every name of the family against each other', async () => {
    const database = t.database.db;
    const { organizations } = await import('./organizations.table');
    const inserted: string[] = [];
    // Each variant saved alone (the others removed) must catch each other variant.
    for (const saved of family) {
      const [row] = await database.insert(organizations).values({ number: `DUP-${inserted.length}`, name: saved, type: 'owner' }).returning({ id: organizations.id });
      inserted.push(row!.id);
      for (const typed of family) {
        const candidates = await findDuplicateOrganizations(database, { name: typed });
        expect(candidates.map((candidate) => candidate.id), `${typed} against ${saved}`).toContain(row!.id);
      }
      const { eq } = await import('drizzle-orm');
      await database.update(organizations).set({ deletedAt: new Date() }).where(eq(organizations.id, row!.id));
    }
  });

  it('does not flag 华东电气 and 华南机械 as the same as 华东机械设备, nor each other', async () => {
    const forElectric = await findDuplicateOrganizations(t.database.db, { name: '华东电气' }, orgs.electric);
    expect(forElectric).toEqual([]);
    const forSouth = await findDuplicateOrganizations(t.database.db, { name: '华南机械有限公司' }, orgs.south);
    expect(forSouth).toEqual([]);
    const forBase = await findDuplicateOrganizations(t.database.db, { name: '上海华东机械设备有限公司' }, orgs.base);
    expect(namesOf(forBase)).not.toContain('华东电气');
    expect(namesOf(forBase)).not.toContain('华南机械');
  });

  it('a credit-code match always wins: score 1, first, whatever the name', async () => {
    const withCode = await create(tokens.northrep!, '北方重工完全不同的名字', { creditCode: CREDIT_CODE });
    const candidates = await findDuplicateOrganizations(t.database.db, { name: '上海华东机械设备有限公司', creditCode: CREDIT_CODE.toLowerCase() });
    expect(candidates[0]).toMatchObject({ id: withCode.id, reason: 'credit_code', score: 1 });
    expect(candidates.map((candidate) => candidate.id)).toContain(orgs.base);
  });

  it('the same phone is a candidate (score 0.9), an unrelated name with another phone is not', async () => {
    const candidates = await findDuplicateOrganizations(t.database.db, { name: '完全无关的单位名称', phone: '021-58880001' });
    expect(candidates).toEqual([expect.objectContaining({ id: orgs.base, reason: 'phone', score: 0.9 })]);
    expect(await findDuplicateOrganizations(t.database.db, { name: '完全无关的单位名称', phone: '021-58880009' })).toEqual([]);
  });

  it('ignores what cannot match yet: one character, a partial credit code, a short phone', async () => {
    expect(await findDuplicateOrganizations(t.database.db, { name: '华', creditCode: '9131', phone: '021' })).toEqual([]);
  });
});

describe('GET /organizations/duplicates', () => {
  it('lists candidates with owner, score and reason while typing', async () => {
    const response = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/duplicates?name=${encodeURIComponent('华东机械设备（上海）有限公司')}`);
    expect(response.status).toBe(200);
    expect(response.body.items[0]).toMatchObject({ id: orgs.base, name: '上海华东机械设备有限公司', owner: { displayName: 'rep' }, reason: 'name', score: 1, accessible: true });
  });

  it('excludes the organisation being edited', async () => {
    const response = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/duplicates?name=${encodeURIComponent('上海华东机械设备有限公司')}&excludeId=${orgs.base}`);
    expect(response.body.items.map((item: { id: string }) => item.id)).not.toContain(orgs.base);
  });

  it('outside the scope shows name, owner and score only', async () => {
    const response = await t.call(tokens.northrep!, 'GET', `/api/v1/organizations/duplicates?name=${encodeURIComponent('上海华东机械设备有限公司')}&creditCode=${CREDIT_CODE}`);
    expect(response.status).toBe(200);
    const outside = response.body.items.find((item: { id: string }) => item.id === orgs.base);
    expect(outside).toMatchObject({ name: '上海华东机械设备有限公司', ownerName: 'rep', creditCode: null, accessible: false });
    const own = response.body.items.find((item: { reason: string }) => item.reason === 'credit_code');
    expect(own).toMatchObject({ creditCode: CREDIT_CODE, accessible: true });
  });

  it('refuses bad input naming the field, and needs sign-in', async () => {
    const bad = await t.call(tokens.rep!, 'GET', '/api/v1/organizations/duplicates?excludeId=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((problem: { path: string }) => problem.path)).toEqual(['excludeId']);
    expect((await t.call(null, 'GET', '/api/v1/organizations/duplicates?name=x')).status).toBe(401);
  });
});

describe('saving a likely duplicate', () => {
  it('create answers 409 with the masked candidates; confirming saves and notes it in the history', async () => {
    const refused = await t.call(tokens.northrep!, 'POST', '/api/v1/organizations', { name: '上海市华东机械设备股份有限公司', type: 'owner' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('duplicate_organization');
    expect(refused.body.candidates[0]).toMatchObject({ id: orgs.base, ownerName: 'rep', accessible: false, creditCode: null });
    const saved = await t.call(tokens.northrep!, 'POST', '/api/v1/organizations', { name: '上海市华东机械设备股份有限公司', type: 'owner', confirmDuplicate: true });
    expect(saved.status).toBe(201);
    const history = await t.call(tokens.northrep!, 'GET', `/api/v1/organizations/${saved.body.id}/history`);
    expect(history.body.items[0]).toMatchObject({ action: 'create', note: 'duplicate_confirmed' });
  });

  it('an edit is checked on what changes only (name, credit code, phone)', async () => {
    const other = await create(tokens.rep!, '杭州西湖水泥厂');
    const unchanged = await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${other.id}`, { notes: '备注', version: other.version });
    expect(unchanged.status).toBe(200);
    const renamed = await t.call(tokens.rep!, 'PATCH', `/api/v1/organizations/${other.id}`, { phone: '021-58880001', version: unchanged.body.version });
    expect(renamed.status).toBe(409);
    expect(renamed.body.candidates[0]).toMatchObject({ id: orgs.base, reason: 'phone' });
  });
});
