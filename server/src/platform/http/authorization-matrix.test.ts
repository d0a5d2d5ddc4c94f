// Every operation of the OpenAPI document, checked against its declared x-permission: anonymous callers get
// 401, a signed-in user without any permission gets 403 on every permission-guarded operation.
import { allPermissions } from '@openpsm/contracts';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

type Operation = { method: string; path: string; url: string; permission: unknown };

let t: TestApp;
let operations: Operation[];
let powerless: string;
let admin: string;

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Path parameters become random UUIDs: the permission check runs before the record is looked up. */
function concreteUrl(path: string): string {
  return path.replace(/\{[^}]+\}/g, () => crypto.randomUUID());
}

async function statusOf(operation: Operation, token: string | null): Promise<number> {
  const response = await t.app.inject({
    method: operation.method as InjectOptions['method'],
    url: operation.url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    // The permission check runs in onRequest, before validation: an empty object is a plausible body.
    ...(writeMethods.has(operation.method) ? { payload: {} } : {}),
  });
  return response.statusCode;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const role = await t.call(admin, 'POST', '/api/v1/roles', { code: 'no_rights', name: '无权限', permissions: [], scopes: { organization: 'own' } });
  expect(role.status).toBe(201);
  const department = await t.createDepartment('测试部');
  await t.createUser({ username: 'powerless', departmentId: department, role: 'no_rights' });
  powerless = await t.login('powerless');

  const document = await t.call(null, 'GET', '/api/v1/openapi.json');
  expect(document.status).toBe(200);
  const paths = document.body.paths as Record<string, Record<string, Record<string, unknown>>>;
  operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      url: concreteUrl(path),
      permission: operation['x-permission'],
    })),
  );
});
afterAll(async () => t?.close());

describe('authorisation matrix from the OpenAPI document', () => {
  it('refuses at start-up a route without declared access, or hidden from the document but not public', async () => {
    const { default: Fastify } = await import('fastify');
    const { registerAuthentication } = await import('./authenticate');
    // The check runs as a route is added (onRoute): a bad route throws before the app is ever ready.
    const build = async (register: (app: ReturnType<typeof Fastify>) => void) => {
      const app = Fastify();
      try {
        registerAuthentication(app, t.database.db);
        register(app);
        await app.ready();
      } finally {
        await app.close();
      }
    };
    await expect(build((app) => app.get('/api/v1/undeclared', async () => ({})))).rejects.toThrow(/declares no access/);
    await expect(build((app) => app.get('/api/v1/secret', { config: { access: 'config.view' }, schema: { hide: true } }, async () => ({})))).rejects.toThrow(/hidden/);
    await expect(build((app) => app.get('/api/v1/open', { config: { access: 'public' }, schema: { hide: true } }, async () => ({})))).resolves.toBeUndefined();
  });

  it('documents enough operations that the matrix cannot pass vacuously', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(operations.filter((operation) => operation.permission === 'public').length).toBeGreaterThanOrEqual(1);
    expect(operations.filter((operation) => operation.permission === 'signed-in').length).toBeGreaterThanOrEqual(1);
    expect(operations.filter((operation) => typeof operation.permission === 'string' && operation.permission.includes('.')).length).toBeGreaterThanOrEqual(20);
  });

  it('every operation declares x-permission: public, signed-in or a known permission', () => {
    const known = new Set<unknown>(['public', 'signed-in', ...allPermissions]);
    const undeclared = operations.filter((operation) => !known.has(operation.permission)).map((operation) => `${operation.method} ${operation.path} → ${String(operation.permission)}`);
    expect(undeclared).toEqual([]);
  });

  it('anonymous callers get 401 everywhere except public operations', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const status = await statusOf(operation, null);
      const expected = operation.permission === 'public' ? status !== 401 : status === 401;
      if (!expected) wrong.push(`${operation.method} ${operation.path} (${String(operation.permission)}) → ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a signed-in user whose role grants no permission gets 403 on every permission-guarded operation', async () => {
    expect((await t.call(powerless, 'GET', '/api/v1/auth/me')).body.permissions).toEqual([]);
    const guarded = operations.filter((operation) => operation.permission !== 'public' && operation.permission !== 'signed-in');
    const wrong: string[] = [];
    for (const operation of guarded) {
      const status = await statusOf(operation, powerless);
      if (status !== 403) wrong.push(`${operation.method} ${operation.path} (${String(operation.permission)}) → ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the same requests pass the permission check for a user holding every permission', async () => {
    const guarded = operations.filter((operation) => operation.permission !== 'public' && operation.permission !== 'signed-in');
    const refused: string[] = [];
    for (const operation of guarded) {
      const status = await statusOf(operation, admin);
      if (status === 401 || status === 403 || status >= 500) refused.push(`${operation.method} ${operation.path} → ${status}`);
    }
    expect(refused).toEqual([]);
  });

  it('signed-in operations admit the user without permissions', async () => {
    // Sign-out would end the session the remaining checks use, so it is left out here.
    const open = operations.filter((operation) => operation.permission === 'signed-in' && operation.path !== '/api/v1/auth/logout' && !operation.path.endsWith('/stream'));
    const refused: string[] = [];
    for (const operation of open) {
      const status = await statusOf(operation, powerless);
      if (status === 401 || status === 403 || status >= 500) refused.push(`${operation.method} ${operation.path} → ${status}`);
    }
    expect(refused).toEqual([]);
  });
});
