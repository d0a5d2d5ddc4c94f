// Runs the drizzle-kit migrations in code (drizzle-kit's own PGlite runner cannot load pg_trgm).
import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client';

export const migrationsFolder = path.join(import.meta.dirname, '../../drizzle');

export async function runMigrations(database: Database): Promise<void> {
  await database.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  if (database.engine === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(database.db, { migrationsFolder });
  }
}
