// Opens the configured database, migrated and with its baseline, ready for the app or a command.
import type { AppConfig } from '../config';
import { acquireDataDirLock, openPglite, openPostgres, type Database } from './client';
import { PgliteThread } from './pglite-thread';
import { runMigrations } from './migrate';

export async function openDatabase(config: AppConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const release = acquireDataDirLock(config.dataDir);
  try {
    const database = openPglite(await PgliteThread.open(`${config.dataDir}/pgdata`));
    const close = database.close;
    return { ...database, close: async () => { await close(); release(); } };
  } catch (error) {
    release();
    throw error;
  }
}

export { runMigrations };
