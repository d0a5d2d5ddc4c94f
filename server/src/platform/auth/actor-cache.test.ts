// The actor cache under load: one user's concurrent requests share one load of their actor, and an entry near its end is
// reloaded in the background while it is still served — so a busy user's requests never all wait for a reload together.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/client';
import { createTestApp, type TestApp } from '../../test/test-app';
import { forgetActors } from './actor-cache';
import { actorFromToken } from './session-lookup';

let t: TestApp;
let token: string;
let statements = 0;
/** The database, counting the statements an actor load sends (actorFromToken only executes raw SQL). */
let counting: Db;

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser({ username: 'busyrep', departmentId: await t.createDepartment('上海分公司'), role: 'sales_rep' });
  token = await t.login('busyrep');
  counting = { execute: (...args: Parameters<Db['execute']>) => ((statements += 1), t.database.db.execute(...args)) } as unknown as Db;
  // Sign-in touched the session just now: the loads below send the actor statement only.
  forgetActors();
});
afterEach(() => {
  vi.useRealTimers();
  forgetActors();
});
afterAll(async () => t?.close());

describe('actor cache', () => {
  it('concurrent requests of one user share one load, each with its own address', async () => {
    statements = 0;
    const [first, second] = await Promise.all([actorFromToken(counting, token, '10.0.0.1'), actorFromToken(counting, token, '10.0.0.2')]);
    expect(statements).toBe(1);
    expect(first?.username).toBe('busyrep');
    expect(second?.userId).toBe(first?.userId);
    expect([first?.ip, second?.ip]).toEqual(['10.0.0.1', '10.0.0.2']);
    // Cached now: no statement at all.
    expect((await actorFromToken(counting, token, '10.0.0.3'))?.ip).toBe('10.0.0.3');
    expect(statements).toBe(1);
  });

  it('an entry near its end is served and reloaded in the background, once; a change of rights is never served from a load begun before it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    statements = 0;
    await actorFromToken(counting, token, null);
    expect(statements).toBe(1);
    vi.setSystemTime(start + 13_000); // 2 s before the end of the 15 s entry
    const served = await Promise.all([actorFromToken(counting, token, null), actorFromToken(counting, token, null)]);
    expect(served.every((actor) => actor?.username === 'busyrep')).toBe(true);
    await vi.waitFor(() => expect(statements).toBe(2)); // one background reload for both
    vi.setSystemTime(start + 20_000); // past the first entry's end: the reloaded one serves
    await actorFromToken(counting, token, null);
    expect(statements).toBe(2);
    // Revoked meanwhile (an auth change drops the cache): the next request loads again and is refused.
    await t.database.db.execute(sql`update sessions set revoked_at = now()`);
    forgetActors();
    expect(await actorFromToken(counting, token, null)).toBeNull();
    expect(statements).toBe(3);
  });

  it('a session that ended is not served on after a reload ahead of time finds it gone', async () => {
    const other = await t.login('busyrep');
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    expect((await actorFromToken(counting, other, null))?.username).toBe('busyrep');
    // It expires (no auth change announced: sessions simply end).
    await t.database.db.execute(sql`update sessions set expires_at = now() - interval '1 minute' where revoked_at is null`);
    vi.setSystemTime(start + 13_000);
    statements = 0;
    expect((await actorFromToken(counting, other, null))?.username).toBe('busyrep'); // served while the reload runs
    await vi.waitFor(() => expect(statements).toBe(1));
    await vi.waitFor(async () => expect(await actorFromToken(counting, other, null)).toBeNull());
  });
});
