// The public pool through real HTTP on a real database (and the service with a clock where days matter): pool
// rules, who sees which pool, claim with its maximum, daily limit and cool-down, release, assignment, races.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { claimOrganization } from './pool-moves.service';
import { poolMoves } from './pool.table';
import { actorOf, addDays, insertOrganization, organizationRow, shanghaiEarlyMorning } from './pool-test-kit';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const pools: Record<string, string> = {};

const inPool = (name: string, pool = pools.east!, pooledAt = new Date(Date.now() - 3 * 86_400_000)) => insertOrganization(t, name, { poolId: pool, pooledAt });

async function poolNames(token: string, query = '') {
  const response = await t.call(token, 'GET', `/api/v1/pool/organizations?pageSize=200${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.items as { name: string }[]).map((item) => item.name).sort();
}

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const teamA = await t.createDepartment('上海一组', east);
  const north = await t.createDepartment('华北大区', company);
  ids.east = east;
  ids.director = await t.createUser({ username: 'director', departmentId: company, role: 'sales_director', position: 'director' });
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager', managerId: ids.director });
  for (const name of ['rep', 'limits', 'cool', 'racer1', 'racer2', 'full']) {
    ids[name] = await t.createUser({ username: name, departmentId: teamA, role: 'sales_rep', managerId: ids.manager });
  }
  ids.northRep = await t.createUser({ username: 'northrep', departmentId: north, role: 'sales_rep' });
  for (const name of ['admin', 'director', 'manager', 'rep', 'limits', 'cool', 'racer1', 'racer2', 'full', 'northrep']) tokens[name] = await t.login(name);

  const companyPool = await t.call(tokens.admin!, 'POST', '/api/v1/pools', { name: '公司公海', departmentId: null, noFollowUpDays: 60 });
  expect(companyPool.status, JSON.stringify(companyPool.body)).toBe(201);
  pools.company = companyPool.body.id;
  const eastPool = await t.call(tokens.admin!, 'POST', '/api/v1/pools', {
    name: '华东公海',
    departmentId: east,
    maxOwnedPerRep: 4,
    noFollowUpDays: 30,
    noDealDays: 90,
    warningDays: 5,
    dailyClaimLimit: 2,
    reclaimCooldownDays: 7,
  });
  expect(eastPool.status, JSON.stringify(eastPool.body)).toBe(201);
  pools.east = eastPool.body.id;
});
afterAll(async () => t?.close());

describe('pool rules', () => {
  it('refuses inconsistent or out-of-range rules, naming each field', async () => {
    const response = await t.call(tokens.admin!, 'POST', '/api/v1/pools', { name: '华北公海', departmentId: null, maxOwnedPerRep: 0, dailyClaimLimit: 2.5 });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['dailyClaimLimit', 'maxOwnedPerRep']);
    const warning = await t.call(tokens.admin!, 'PATCH', `/api/v1/pools/${pools.east}`, { warningDays: 30, version: 1 });
    expect(warning.status).toBe(400);
    expect(warning.body.errors).toEqual([expect.objectContaining({ path: 'warningDays', code: 'warning_not_before_return' })]);
    expect(warning.body.errors[0].message).toContain('30');
  });
  it('allows one pool per department and one company pool', async () => {
    const response = await t.call(tokens.admin!, 'POST', '/api/v1/pools', { name: '又一个', departmentId: null });
    expect(response.status).toBe(409);
  });
  it('needs pool.configure to write and a current version to edit', async () => {
    expect((await t.call(tokens.manager!, 'POST', '/api/v1/pools', { name: 'x', departmentId: null })).status).toBe(403);
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/pools')).status).toBe(200);
    const changed = await t.call(tokens.admin!, 'PATCH', `/api/v1/pools/${pools.company}`, { noDealDays: 180, version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ noDealDays: 180, version: 2 });
    expect((await t.call(tokens.admin!, 'PATCH', `/api/v1/pools/${pools.company}`, { noDealDays: 200, version: 1 })).status).toBe(409);
  });
});

describe('who sees which pool', () => {
  beforeAll(async () => {
    await inPool('上海华东机械设备有限公司');
    await inPool('南京长江水务有限公司');
    await insertOrganization(t, '天津港口机械有限公司', { poolId: pools.company, pooledAt: new Date() });
  });
  it('a rep works the pool of the nearest department up their tree; elsewhere the company pool', async () => {
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/pool/mine')).body.ownPoolId).toBe(pools.east);
    expect((await t.call(tokens.northrep!, 'GET', '/api/v1/pool/mine')).body.ownPoolId).toBe(pools.company);
    expect(await poolNames(tokens.rep!)).toEqual(['上海华东机械设备有限公司', '南京长江水务有限公司'].sort());
    expect(await poolNames(tokens.northrep!)).toEqual(['天津港口机械有限公司']);
  });
  it('a director (scope all, pool.assign) sees every pool; the list searches by two characters and by pinyin', async () => {
    expect(await poolNames(tokens.director!)).toEqual(expect.arrayContaining(['上海华东机械设备有限公司', '天津港口机械有限公司']));
    expect(await poolNames(tokens.rep!, `&q=${encodeURIComponent('华东')}`)).toEqual(['上海华东机械设备有限公司']);
    expect(await poolNames(tokens.rep!, '&q=njcj')).toEqual(['南京长江水务有限公司']);
  });
  it('shows limited fields with days in pool', async () => {
    const response = await t.call(tokens.rep!, 'GET', `/api/v1/pool/organizations?q=${encodeURIComponent('长江')}`);
    const [item] = response.body.items;
    expect(item).toMatchObject({ poolName: '华东公海', daysInPool: 3, lastOwner: null, stage: 'new' });
    expect(item).not.toHaveProperty('phone');
    expect(item).not.toHaveProperty('notes');
  });
});

describe('claim', () => {
  it('makes the rep the owner, writes the move and a history line, and shows it in their organisations', async () => {
    const id = await inPool('苏州工业园区热电有限公司');
    const response = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${id}/claim`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ ownerId: ids.rep, action: 'claim' });
    const mine = await t.call(tokens.rep!, 'GET', '/api/v1/organizations?pageSize=200');
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(id);
    const row = await organizationRow(t, id);
    expect(row).toMatchObject({ ownerId: ids.rep, pooledAt: null, poolId: pools.east, version: 2 });
    expect(row.ownedSince).not.toBeNull();
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ action: 'pool.claim', changes: [{ field: 'ownerId', old: null, new: ids.rep }] });
    const moves = await t.database.db.select().from(poolMoves).where(eq(poolMoves.organizationId, id));
    expect(moves).toMatchObject([{ action: 'claim', userId: ids.rep, poolId: pools.east }]);
    // Taken: another claim is a conflict, not a second owner.
    expect((await t.call(tokens.cool!, 'POST', `/api/v1/organizations/${id}/claim`)).body.code).toBe('not_in_pool');
  });
  it('is a 404 outside the caller’s pools', async () => {
    const id = await inPool('杭州钱江水利开发有限公司');
    expect((await t.call(tokens.northrep!, 'POST', `/api/v1/organizations/${id}/claim`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${crypto.randomUUID()}/claim`)).status).toBe(404);
  });
  it('two reps claiming the same customer at once: exactly one wins, the other gets 409', async () => {
    const id = await inPool('无锡太湖水务集团有限公司');
    const results = await Promise.all([
      t.call(tokens.racer1!, 'POST', `/api/v1/organizations/${id}/claim`),
      t.call(tokens.racer2!, 'POST', `/api/v1/organizations/${id}/claim`),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const winner = results.find((result) => result.status === 200)!.body.ownerId;
    expect((await organizationRow(t, id)).ownerId).toBe(winner);
    expect(await t.database.db.$count(poolMoves, and(eq(poolMoves.organizationId, id), eq(poolMoves.action, 'claim')))).toBe(1);
  });
  it('stops at the daily claim limit (counted from local midnight) and at the maximum owned', async () => {
    const actor = await actorOf(t, tokens.limits!);
    const day1 = shanghaiEarlyMorning(new Date(), 10);
    const names = ['常州一号', '常州二号', '常州三号', '常州四号', '常州五号'].map((name) => `${name}机械有限公司`);
    const [a, b, c, d, e] = await Promise.all(names.map((name) => inPool(name)));
    await claimOrganization(t.database.db, actor, a!, day1);
    await claimOrganization(t.database.db, actor, b!, addDays(day1, 0.5));
    const refused = claimOrganization(t.database.db, actor, c!, addDays(day1, 0.9));
    await expect(refused).rejects.toMatchObject({ code: 'claim_limit_reached', status: 422, extra: { params: { limit: 2, claimed: 2 } } });
    // Past midnight in Shanghai the count starts again.
    const day2 = shanghaiEarlyMorning(day1, 1);
    await claimOrganization(t.database.db, actor, c!, day2);
    // Owning three of at most four: one more, then the maximum refuses.
    await claimOrganization(t.database.db, actor, d!, addDays(day2, 0.1));
    const over = claimOrganization(t.database.db, actor, e!, shanghaiEarlyMorning(day2, 1));
    await expect(over).rejects.toMatchObject({ code: 'pool_limit_reached', extra: { params: { limit: 4, owned: 4 } } });
    // Through HTTP the same rule answers 422 with its numbers.
    const http = await t.call(tokens.limits!, 'POST', `/api/v1/organizations/${e}/claim`);
    expect(http.status).toBe(422);
    expect(http.body).toMatchObject({ code: 'pool_limit_reached', params: { limit: 4, owned: 4 } });
    expect(http.body.detail).toContain('4');
  });
  it('refuses a customer the rep gave up within the cool-down, naming the day it becomes claimable', async () => {
    const id = await inPool('镇江港务集团有限公司');
    expect((await t.call(tokens.cool!, 'POST', `/api/v1/organizations/${id}/claim`)).status).toBe(200);
    const released = await t.call(tokens.cool!, 'POST', `/api/v1/organizations/${id}/release`, { reason: '客户已无采购计划' });
    expect(released.status).toBe(200);
    const again = await t.call(tokens.cool!, 'POST', `/api/v1/organizations/${id}/claim`);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('claim_cooldown');
    const claimableAt = new Date(again.body.params.claimableAt);
    expect(again.body.params.days).toBe(7);
    expect(Math.round((claimableAt.getTime() - Date.now()) / 86_400_000)).toBe(7);
    // Another rep is not held back by someone else's cool-down.
    const actor = await actorOf(t, tokens.cool!);
    await expect(claimOrganization(t.database.db, actor, id, addDays(claimableAt, -0.01))).rejects.toMatchObject({ code: 'claim_cooldown' });
    const later = await claimOrganization(t.database.db, actor, id, addDays(claimableAt, 0.01));
    expect(later.ownerId).toBe(ids.cool);
  });
});

describe('release and assign', () => {
  it('needs a reason, the owner or a manager in scope; puts it back with pooled_at and history', async () => {
    const id = await inPool('扬州化工园区管委会');
    await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${id}/claim`);
    const noReason = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${id}/release`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    expect((await t.call(tokens.northrep!, 'POST', `/api/v1/organizations/${id}/release`, { reason: '不是我的' })).status).toBe(404);
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${id}/release`, { reason: '过期版本', version: 1 })).status).toBe(409);
    const released = await t.call(tokens.manager!, 'POST', `/api/v1/organizations/${id}/release`, { reason: '调整客户分配' });
    expect(released.status).toBe(200);
    const row = await organizationRow(t, id);
    expect(row).toMatchObject({ ownerId: null, poolId: pools.east, ownedSince: null });
    expect(row.pooledAt).not.toBeNull();
    const listed = await t.call(tokens.rep!, 'GET', `/api/v1/pool/organizations?q=${encodeURIComponent('扬州化工')}`);
    expect(listed.body.items[0].lastOwner).toMatchObject({ id: ids.rep });
    const history = await t.call(tokens.director!, 'GET', `/api/v1/organizations/${id}/history`);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['pool.claim', 'pool.release']);
    expect(history.body.items[1]).toMatchObject({ note: '调整客户分配', changes: [{ field: 'ownerId', old: ids.rep, new: null }] });
  });
  it('lets a manager assign a pool customer to a rep they reach, within the rep’s maximum unless forced with a reason', async () => {
    const id = await inPool('宁波舟山港股份有限公司');
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${id}/assign`, { userId: ids.rep })).status).toBe(403);
    const outside = await t.call(tokens.manager!, 'POST', `/api/v1/organizations/${id}/assign`, { userId: ids.northRep });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0]).toMatchObject({ path: 'userId', code: 'unknown_user' });
    // `limits` owns four, the maximum.
    const full = await t.call(tokens.manager!, 'POST', `/api/v1/organizations/${id}/assign`, { userId: ids.limits });
    expect(full.body).toMatchObject({ code: 'pool_limit_reached' });
    const noReason = await t.call(tokens.manager!, 'POST', `/api/v1/organizations/${id}/assign`, { userId: ids.limits, force: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    const forced = await t.call(tokens.manager!, 'POST', `/api/v1/organizations/${id}/assign`, { userId: ids.limits, force: true, reason: '老客户关系' });
    expect(forced.status).toBe(200);
    const history = await t.call(tokens.manager!, 'GET', `/api/v1/organizations/${id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ action: 'pool.assign', note: 'force: 老客户关系', changes: [{ field: 'ownerId', old: null, new: ids.limits }] });
  });
  it('a manager cannot reach into another department’s pool', async () => {
    const id = await insertOrganization(t, '天津滨海新区水务集团', { poolId: pools.company, pooledAt: new Date() });
    expect((await t.call(tokens.manager!, 'POST', `/api/v1/organizations/${id}/assign`, { userId: ids.rep })).status).toBe(404);
    expect((await t.call(tokens.director!, 'POST', `/api/v1/organizations/${id}/assign`, { userId: ids.northRep })).status).toBe(200);
  });
  it('releasing with no pool anywhere is refused', async () => {
    const other = await createTestApp();
    try {
      const department = await other.createDepartment('独立部门');
      await other.createUser({ username: 'solo', departmentId: department, role: 'sales_rep' });
      const token = await other.login('solo');
      const created = await other.call(token, 'POST', '/api/v1/organizations', { name: '孤立客户有限公司', type: 'owner' });
      const response = await other.call(token, 'POST', `/api/v1/organizations/${created.body.id}/release`, { reason: '无' });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('no_pool');
    } finally {
      await other.close();
    }
  });
});
