// In-app notifications: rows, unread count, read / read-all, and live delivery over SSE — across two
// server instances on PostgreSQL (LISTEN / NOTIFY), within one instance on PGlite.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Notification } from '@openpsm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { openPostgres } from '../../db/client';
import { createTestApp, type TestApp } from '../../test/test-app';
import { notify } from './notifications.service';

type Stream = { events: Notification[]; close: () => void };

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Opens the browser's event stream and resolves once the server has subscribed it. */
function openStream(baseUrl: string, token: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const events: Notification[] = [];
    const request = http.get(`${baseUrl}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200 || response.headers['content-type'] !== 'text/event-stream') {
        response.resume();
        reject(new Error(`stream answered ${response.statusCode} ${response.headers['content-type']}`));
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(': connected')) resolve({ events, close: () => request.destroy() });
          else if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)) as Notification);
        }
      });
    });
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}

const inTransaction = (write: (tx: any) => Promise<void>) => t.database.db.transaction(write);

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.createDepartment('华东大区');
  for (const name of ['alice', 'bob']) {
    ids[name] = await t.createUser({ username: name, departmentId: department, role: 'sales_rep' });
    tokens[name] = await t.login(name);
  }
});
afterAll(async () => t?.close());

describe('notifications', () => {
  it('notify() inserts rows that the owner lists with an unread count; nobody else sees them', async () => {
    await notify(t.database.db, [
      { userId: ids.alice!, kind: 'record_shared', params: { recordType: 'organization', by: 'bob' }, link: '/organizations/1' },
      { userId: ids.alice!, kind: 'records_transferred', params: { transferred: { organization: 2 } } },
      { userId: ids.bob!, kind: 'delegation_received' },
    ]);
    const rows = await t.database.query<{ user_id: string; kind: string }>('select user_id, kind from notifications order by kind');
    expect(rows).toEqual([
      { user_id: ids.bob, kind: 'delegation_received' },
      { user_id: ids.alice, kind: 'record_shared' },
      { user_id: ids.alice, kind: 'records_transferred' },
    ]);
    const alice = await t.call(tokens.alice!, 'GET', '/api/v1/notifications');
    expect(alice.status).toBe(200);
    expect(alice.body.unread).toBe(2);
    expect(alice.body.items.map((item: any) => item.kind).sort()).toEqual(['record_shared', 'records_transferred']);
    expect(alice.body.items.find((item: any) => item.kind === 'record_shared')).toMatchObject({ params: { by: 'bob' }, link: '/organizations/1', readAt: null });
    const bob = await t.call(tokens.bob!, 'GET', '/api/v1/notifications');
    expect(bob.body).toMatchObject({ unread: 1, items: [{ kind: 'delegation_received', params: {}, link: null }] });
    expect(await notify(t.database.db, [])).toBeUndefined();
    expect((await t.call(null, 'GET', '/api/v1/notifications')).status).toBe(401);
  });

  it('marks one as read (only one’s own) and then all', async () => {
    const list = (await t.call(tokens.alice!, 'GET', '/api/v1/notifications')).body;
    const [first, second] = list.items;
    const foreign = await t.call(tokens.bob!, 'POST', `/api/v1/notifications/${first.id}/read`);
    expect(foreign.status).toBe(404);
    expect((await t.call(tokens.alice!, 'GET', '/api/v1/notifications')).body.unread).toBe(2);
    expect((await t.call(tokens.alice!, 'POST', `/api/v1/notifications/${first.id}/read`)).status).toBe(204);
    const afterOne = (await t.call(tokens.alice!, 'GET', '/api/v1/notifications')).body;
    expect(afterOne.unread).toBe(1);
    expect(afterOne.items.find((item: any) => item.id === first.id).readAt).not.toBeNull();
    expect(afterOne.items.find((item: any) => item.id === second.id).readAt).toBeNull();
    expect((await t.call(tokens.alice!, 'POST', `/api/v1/notifications/${crypto.randomUUID()}/read`)).status).toBe(404);
    expect((await t.call(tokens.alice!, 'POST', '/api/v1/notifications/read-all')).status).toBe(204);
    expect((await t.call(tokens.alice!, 'GET', '/api/v1/notifications')).body.unread).toBe(0);
    expect((await t.call(tokens.bob!, 'GET', '/api/v1/notifications')).body.unread).toBe(1);
  });
});

describe('live delivery over server-sent events', () => {
  let writer: TestApp['app'];
  let reader: FastifyInstance;
  let readerUrl: string;
  let closeReader: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    writer = t.app;
    if (t.database.engine === 'postgres') {
      // A second server instance on its own connection pool to the same database, as behind a load balancer.
      const second = openPostgres(t.database.url!, 2);
      reader = await buildApp({ database: second, config: t.config, logger: false });
      readerUrl = await listen(reader);
      closeReader = async () => {
        await reader.close();
        await second.close();
      };
    } else {
      reader = t.app;
      readerUrl = await listen(t.app);
    }
  });
  afterAll(async () => closeReader());

  it('a notification committed through one instance reaches the browser stream on the other', async () => {
    expect(reader === writer).toBe(t.database.engine === 'pglite');
    const stream = await openStream(readerUrl, tokens.alice!);
    try {
      // Neither another user's notification nor one whose transaction rolls back may arrive.
      await inTransaction((tx) => notify(tx, [{ userId: ids.bob!, kind: 'not_for_alice' }]));
      await expect(
        inTransaction(async (tx) => {
          await notify(tx, [{ userId: ids.alice!, kind: 'rolled_back' }]);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await inTransaction((tx) => notify(tx, [{ userId: ids.alice!, kind: 'record_shared', params: { by: 'bob' }, link: '/organizations/2' }]));
      await expect.poll(() => stream.events.length, { timeout: 5000 }).toBe(1);
      expect(stream.events[0]).toMatchObject({ kind: 'record_shared', params: { by: 'bob' }, link: '/organizations/2', readAt: null });
      const stored = (await t.call(tokens.alice!, 'GET', '/api/v1/notifications')).body.items;
      expect(stored.map((item: any) => item.id)).toContain(stream.events[0]!.id);
      expect(stored.map((item: any) => item.kind)).not.toContain('rolled_back');

      // A notification written by an ordinary request on the writing instance arrives too.
      const delegation = await writer.inject({
        method: 'POST',
        url: '/api/v1/delegations',
        headers: { authorization: `Bearer ${tokens.bob}` },
        payload: { fromUserId: ids.bob, toUserId: ids.alice, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() },
      });
      expect(delegation.statusCode).toBe(201);
      await expect.poll(() => stream.events.map((event) => event.kind), { timeout: 5000 }).toEqual(['record_shared', 'delegation_received']);
      expect(stream.events[1]!.params).toMatchObject({ fromUserId: ids.bob });
    } finally {
      stream.close();
    }
  });

  it('two browsers of the same user both receive it; a revoked session cannot open a stream', async () => {
    const token = await t.login('bob');
    const [first, second] = [await openStream(readerUrl, tokens.bob!), await openStream(readerUrl, token)];
    try {
      await inTransaction((tx) => notify(tx, [{ userId: ids.bob!, kind: 'approval_requested' }]));
      await expect.poll(() => [first.events.length, second.events.length], { timeout: 5000 }).toEqual([1, 1]);
      expect(first.events[0]!.id).toBe(second.events[0]!.id);
    } finally {
      first.close();
      second.close();
    }
    expect((await t.call(token, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    await expect(openStream(readerUrl, token)).rejects.toThrow(/^stream answered 401 application\/problem\+json/);
  });
});
