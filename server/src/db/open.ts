// Opens the configured database, migrated and with its baseline, ready for the app or a command.
import type { AppConfig } from '../config';
import { acquireDataDirLock, createPgliteClient, openPglite, openPostgres, type Database } from './client';
import { runMigrations } from './migrate';

export async function openDatabase(config: AppConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const release = acquireDataDirLock(config.dataDir);
  try {
    const database = openPglite(createPgliteClient(`${config.dataDir}/pgdata`));
    await database.query('select 1');
    const close = database.close;
    return { ...database, close: async () => { await close(); release(); } };
  } catch (error) {
    release();
    throw error;
  }
}

export { runMigrations };
