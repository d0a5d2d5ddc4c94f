/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests */
// A real app on a real database for one test file, plus fixtures that build an organisation chart.
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { BuiltinRoleCode, Position } from '@openpsm/contracts';
import { buildApp } from '../app';
import { loadConfig, type AppConfig } from '../config';
import type { Database } from '../db/client';
import { roles, userRoles } from '../platform/access/access.table';
import { hashPassword } from '../platform/auth/passwords';
import { departments, users } from '../platform/org-structure/org-structure.table';
import { ensureAdmin } from '../seed/bootstrap';
import { openTestDatabase } from './template';

export const TEST_PASSWORD = 'correct-horse-9';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  /** Signs in and returns a bearer token. */
  login: (username: string, password?: string) => Promise<string>;
  /** An HTTP call with a bearer token; JSON body. */
  call: (token: string | null, method: InjectOptions['method'], url: string, body?: unknown) => Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  createDepartment: (name: string, parentId?: string | null) => Promise<string>;
  createUser: (input: { username: string; departmentId: string; role: BuiltinRoleCode | string; position?: Position; managerId?: string | null; email?: string }) => Promise<string>;
  close: () => Promise<void>;
};

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = loadConfig({ DATA_DIR: '/nonexistent', ADMIN_PASSWORD: TEST_PASSWORD, LOGIN_RATE_LIMIT: '1000', WEB_DIST: '/nonexistent', JOBS: '0', ...env });
  await ensureAdmin(database.db, TEST_PASSWORD);
  const app = await buildApp({ database, config, logger: false });
  await app.ready();
  const passwordHash = await hashPassword(TEST_PASSWORD);

  const call: TestApp['call'] = async (token, method, url, body) => {
    const response = await app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    const text = response.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.statusCode, body: parsed, headers: response.headers };
  };

  return {
    app,
    database,
    config,
    call,
    login: async (username, password = TEST_PASSWORD) => {
      const response = await call(null, 'POST', '/api/v1/auth/login', { username, password });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    createDepartment: async (name, parentId = null) => {
      const id = crypto.randomUUID();
      let path = `/${id}/`;
      if (parentId) {
        const [parent] = await database.db.select().from(departments).where(eq(departments.id, parentId));
        path = `${parent!.path}${id}/`;
      }
      await database.db.insert(departments).values({ id, name, parentId, path });
      return id;
    },
    createUser: async ({ username, departmentId, role, position = 'rep', managerId = null, email }) => {
      const [roleRow] = await database.db.select().from(roles).where(eq(roles.code, role));
      if (!roleRow) throw new Error(`unknown role ${role}`);
      const [user] = await database.db
        .insert(users)
        .values({ username, displayName: username, departmentId, position, managerId, passwordHash, email: email ?? null })
        .returning();
      await database.db.insert(userRoles).values({ userId: user!.id, roleId: roleRow.id });
      return user!.id;
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
