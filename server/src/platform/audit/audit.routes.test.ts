// The audit log browser: filters by action, actor and date (whole days, inclusive), and who may read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { updateSettingsValues } from '../config/options.service';

let t: TestApp;
let admin: string;
const ids: Record<string, string> = {};

const entries = async (query: string) => {
  const response = await t.call(admin, 'GET', `/api/v1/audit-log?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { items: any[]; total: number };
};

beforeAll(async () => {
  t = await createTestApp();
  // Audit days follow the company time zone; these tests reason in UTC days.
  await updateSettingsValues(t.database.db, { timeZone: 'UTC' });
  const department = await t.createDepartment('华中大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep' });
  await t.createUser({ username: 'director', departmentId: department, role: 'sales_director', position: 'director' });
  admin = await t.login('admin');
  ids.admin = (await t.call(admin, 'GET', '/api/v1/auth/me')).body.id;
  await t.login('rep');
  await t.call(null, 'POST', '/api/v1/auth/login', { username: 'rep', password: 'wrong-password' });
  // Older entries at known instants, for the date filter: 23:59:59 UTC still belongs to its day.
  const old = [
    ['export', ids.rep, '2024-01-09T23:59:59Z'],
    ['export', ids.admin, '2024-01-10T00:00:00Z'],
    ['login', ids.rep, '2024-01-10T23:59:59Z'],
    ['export', ids.rep, '2024-01-11T00:00:00Z'],
  ];
  for (const [action, actorId, at] of old) {
    await t.database.query(`insert into audit_log (action, actor_id, at, details) values ($1, $2, $3, '{"seeded": true}'::jsonb)`, [action, actorId, at]);
  }
});
afterAll(async () => t?.close());

describe('audit log', () => {
  it('filters by action, newest first, with the actor’s name', async () => {
    expect((await entries('action=login')).total).toBe(3);
    const logins = await entries('action=login&from=2025-01-01');
    expect(logins.items.map((item) => item.actorName)).toEqual(['rep', '系统管理员']);
    expect(logins.items.every((item) => item.action === 'login')).toBe(true);
    expect(logins.items[0]).toMatchObject({ actorId: ids.rep, ip: '127.0.0.1' });
    expect(Date.parse(logins.items[0].at)).toBeGreaterThanOrEqual(Date.parse(logins.items[1].at));
    const failed = await entries('action=login_failed');
    expect(failed.total).toBe(1);
    expect(failed.items[0]).toMatchObject({ actorId: ids.rep, details: { login: 'rep' } });
  });

  it('filters by date: from and to are whole days, both inclusive', async () => {
    const day = await entries('from=2024-01-10&to=2024-01-10');
    expect(day.items.map((item) => [item.action, item.at])).toEqual([
      ['login', '2024-01-10T23:59:59.000Z'],
      ['export', '2024-01-10T00:00:00.000Z'],
    ]);
    expect((await entries('to=2024-01-10')).total).toBe(3);
    const since = await entries('from=2024-01-11&action=export');
    expect(since.items.map((item) => item.at)).toEqual(['2024-01-11T00:00:00.000Z']);
    const combined = await entries(`action=export&actorId=${ids.rep}&to=2024-01-31`);
    expect(combined.items.map((item) => item.at)).toEqual(['2024-01-11T00:00:00.000Z', '2024-01-09T23:59:59.000Z']);
    expect((await entries('from=2030-01-01')).items).toEqual([]);
  });

  it('pages the result', async () => {
    const all = await entries('to=2024-12-31');
    const second = await entries('to=2024-12-31&page=2&pageSize=3');
    expect(second).toMatchObject({ total: all.total, page: 2, pageSize: 3 });
    expect(second.items.map((item) => item.id)).toEqual(all.items.slice(3, 6).map((item) => item.id));
  });

  it('refuses an unknown action or a malformed date', async () => {
    const action = await t.call(admin, 'GET', '/api/v1/audit-log?action=coffee_break');
    expect(action.status).toBe(400);
    expect(action.body.errors[0].path).toBe('action');
    const date = await t.call(admin, 'GET', '/api/v1/audit-log?from=10.01.2024');
    expect(date.status).toBe(400);
    expect(date.body.errors[0].path).toBe('from');
  });

  it('needs audit.view: a director reads it, a rep gets 403, nobody signed in gets 401', async () => {
    expect((await t.call(await t.login('director'), 'GET', '/api/v1/audit-log')).status).toBe(200);
    const rep = await t.call(await t.login('rep'), 'GET', '/api/v1/audit-log');
    expect(rep.status).toBe(403);
    expect(rep.body.code).toBe('forbidden');
    expect((await t.call(null, 'GET', '/api/v1/audit-log')).status).toBe(401);
  });
});
