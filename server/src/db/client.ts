// Opens the database: embedded PGlite in DATA_DIR by default, a PostgreSQL server when DATABASE_URL is set.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { PgliteThread } from './pglite-thread';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers share this query surface; the node-postgres type stands for both. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Services accept either the database or an open transaction. */
export type DbOrTx = Db | Tx;
export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  engine: Engine;
  /** The connection string, for PostgreSQL clients of our own (pg-boss, LISTEN). */
  url?: string;
  /** Raw SQL with parameters, for migrations, backup and benchmarks. */
  query: <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;
  /** LISTEN on a channel; the PostgreSQL engine needs a dedicated connection for it. */
  listen: (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

/** The embedded database, in this thread (tests) or on a thread of its own (the server: see pglite-thread.ts). */
export function openPglite(client: PGlite | PgliteThread): Database {
  return {
    db: drizzlePglite({ client: client as PGlite, schema }) as unknown as Db,
    engine: 'pglite',
    query: async <Row,>(text: string, params: unknown[] = []) => (await client.query<Row>(text, params)).rows,
    listen: async (channel, onMessage) => {
      const unsubscribe = await client.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    close: () => client.close(),
  };
}

export function createPgliteClient(dataDir: string | undefined, loadDataDir?: Blob): PGlite {
  return new PGlite({ dataDir, loadDataDir, extensions: { pg_trgm } });
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection must not crash the server.
  pool.on('error', () => undefined);
  return {
    db: drizzlePostgres({ client: pool, schema }),
    engine: 'postgres',
    url,
    query: async <Row,>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as Row[],
    listen: async (channel, onMessage) => {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite allows one process per data folder. The lock file holds the pid of the process using it (and a
 * token of this start); a second process refuses to start with a clear message, and a lock left by a dead
 * process is taken over. Even when several processes start at once exactly one gets the folder: the lock
 * file only ever appears whole (hard-linked from a file already written, which fails when it exists), and
 * a stale lock is first renamed aside — which one process alone can do — and checked to be the lock it
 * saw before it is removed.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'openpsm.lock');
  const token = `${process.pid}\n${randomUUID()}\n`;
  const ourFile = `${lockPath}.${randomUUID()}`;
  fs.writeFileSync(ourFile, token);
  try {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      if (linkIfAbsent(ourFile, lockPath)) return () => releaseDataDirLock(lockPath, token);
      const seen = readLock(lockPath);
      if (seen === null) continue; // Released meanwhile: try again.
      // Our own pid is a lock left by an earlier run in a container, where the server is always pid 1.
      if (seen.pid > 0 && seen.pid !== process.pid && isProcessAlive(seen.pid)) throw dataDirInUse(dataDir, seen.pid);
      takeOverStaleLock(lockPath, seen.content);
    }
    throw dataDirInUse(dataDir, readLock(lockPath)?.pid ?? null);
  } finally {
    fs.rmSync(ourFile, { force: true });
  }
}

function dataDirInUse(dataDir: string, pid: number | null): Error {
  return new Error(
    `The data folder ${dataDir} is in use by another OpenPSM process${pid ? ` (pid ${pid})` : ''}. ` +
      'The embedded database allows one process at a time: stop the other one, use another DATA_DIR, ' +
      'or run several servers on PostgreSQL with DATABASE_URL.',
  );
}

function linkIfAbsent(source: string, target: string): boolean {
  try {
    fs.linkSync(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock's content and pid, or null when there is no lock. */
function readLock(lockPath: string): { content: string; pid: number } | null {
  try {
    const content = fs.readFileSync(lockPath, 'utf8');
    return { content, pid: Number(content.split('\n')[0]) || 0 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function takeOverStaleLock(lockPath: string, staleContent: string): void {
  const aside = `${lockPath}.${randomUUID()}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // Another process moved it first.
    throw error;
  }
  // Another process may have taken over between our read and the rename: then what we moved is its fresh
  // lock, which goes back (the next attempt then finds it alive).
  if (fs.readFileSync(aside, 'utf8') !== staleContent) linkIfAbsent(aside, lockPath);
  fs.rmSync(aside, { force: true });
}

function releaseDataDirLock(lockPath: string, token: string): void {
  try {
    if (fs.readFileSync(lockPath, 'utf8') === token) fs.unlinkSync(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
