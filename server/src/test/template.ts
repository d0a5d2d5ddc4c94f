// A migrated database template, built once per test run and copied for every test file:
// a fresh PGlite costs seconds and ~400 MB, a copy of a dump far less.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createPgliteClient, openPglite, openPostgres, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';
import { ensureBaseline } from '../seed/bootstrap';

export const templateFile = path.join(import.meta.dirname, '../../.tmp/pglite-template.tar.gz');
export const templateDatabaseName = 'openpsm_test_template';

export const testEngine = (): 'pglite' | 'postgres' => (process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite');

/** The maintenance connection of the PostgreSQL server the integration suite runs on. */
export function postgresAdminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_ENGINE=postgres needs TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5433/postgres)');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function buildTemplate(): Promise<void> {
  if (testEngine() === 'postgres') {
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`drop database if exists ${templateDatabaseName}`);
    // A UTF-8 locale, or trigram search on Chinese finds nothing.
    await admin.query(`create database ${templateDatabaseName} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
    const database = openPostgres(databaseUrl(templateDatabaseName), 2);
    await runMigrations(database);
    await ensureBaseline(database.db);
    await database.close();
    return;
  }
  const database = openPglite(createPgliteClient(undefined));
  await runMigrations(database);
  await ensureBaseline(database.db);
  const client = (database.db as unknown as { $client: { dumpDataDir: (compression: 'gzip') => Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(templateFile), { recursive: true });
  fs.writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}

/** A private database for one test file, copied from the template. */
export async function openTestDatabase(): Promise<Database> {
  if (testEngine() === 'postgres') {
    const name = `openpsm_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`create database ${name} template ${templateDatabaseName}`);
    await admin.end();
    const database = openPostgres(databaseUrl(name), 10);
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: postgresAdminUrl() });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const dump = fs.readFileSync(templateFile);
  return openPglite(createPgliteClient(undefined, new Blob([dump])));
}

/** A migrated database with no rows at all (no baseline), as a restore target. */
export async function openEmptyTestDatabase(): Promise<Database> {
  if (testEngine() === 'postgres') {
    const name = `openpsm_empty_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
    const database = openPostgres(databaseUrl(name), 2);
    await runMigrations(database);
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: postgresAdminUrl() });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const database = openPglite(createPgliteClient(undefined));
  await runMigrations(database);
  return database;
}
