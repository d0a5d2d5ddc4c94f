// Fresh databases for a benchmark run, shared by run.ts (lists, inbox) and customers.ts (issue 4).
import fs from 'node:fs';
import path from 'node:path';
import { openPostgres, type Database, type Engine } from '../server/src/db/client';
import { repositoryRoot } from './server-process';

/** BENCH_DATABASE names another database, to keep one benchmark's data on the server while another runs. */
const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'openpsm_bench';

/** A benchmark's PGlite folder: each benchmark has its own, so one's data survive another's run (for --reuse). */
export const benchDataDir = (name = 'pglite') => path.join(repositoryRoot, 'bench/.data', name);

export function freshDataDir(name = 'pglite'): string {
  const dataDir = benchDataDir(name);
  fs.rmSync(dataDir, { recursive: true, force: true });
  return dataDir;
}

/** The URL of openpsm_bench on the server of adminUrl, as a previous run left it (for --reuse). */
export function existingPostgresDatabase(adminUrl: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/** Drops and creates openpsm_bench on the given server with a UTF-8 locale (trigram search on Chinese needs it). */
export async function freshPostgresDatabase(adminUrl: string): Promise<string> {
  const admin = openPostgres(adminUrl, 1);
  try {
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await admin.query(`create database ${BENCH_DATABASE} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  } finally {
    await admin.close();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

export async function describeEngine(database: Database): Promise<string> {
  const [row] = await database.query<{ server_version: string }>('show server_version');
  if (database.engine === 'postgres') return `PostgreSQL ${row!.server_version}`;
  const pglite = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  return `PGlite ${pglite.version}, PostgreSQL ${row!.server_version}`;
}


/** The options every scenario benchmark takes (customers, projects, activities), for their parseArgs. */
export const scenarioBenchOptions = {
  engine: { type: 'string', default: 'pglite' },
  duration: { type: 'string', default: '15' },
  connections: { type: 'string', default: '16' },
  only: { type: 'string', default: '' },
} as const;

/**
 * The database a scenario benchmark's server runs on, from --engine: a PGlite folder of its own, or openpsm_bench (or
 * BENCH_DATABASE) on the PostgreSQL server of DATABASE_URL / TEST_DATABASE_URL — fresh, or as a previous run left it
 * (`reuse`). Throws naming what is wrong.
 */
export async function benchServerDatabase(engineOption: string, { reuse = false, pgliteFolder = 'pglite' }: { reuse?: boolean; pgliteFolder?: string } = {}): Promise<{
  engine: Engine;
  serverDatabase: { DATA_DIR: string } | { DATABASE_URL: string };
}> {
  const engine = engineOption as Engine;
  if (!['pglite', 'postgres'].includes(engine)) throw new Error('--engine must be pglite or postgres');
  if (engine === 'pglite') return { engine, serverDatabase: { DATA_DIR: reuse ? benchDataDir(pgliteFolder) : freshDataDir(pgliteFolder) } };
  const postgresUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!postgresUrl) throw new Error('The postgres engine needs DATABASE_URL or TEST_DATABASE_URL (scripts/test-postgres.sh sets it)');
  return { engine, serverDatabase: { DATABASE_URL: reuse ? existingPostgresDatabase(postgresUrl) : await freshPostgresDatabase(postgresUrl) } };
}
