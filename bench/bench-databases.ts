// Fresh databases for a benchmark run, shared by run.ts (lists, inbox) and customers.ts (issue 4).
import fs from 'node:fs';
import path from 'node:path';
import { openPostgres, type Database } from '../server/src/db/client';
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

