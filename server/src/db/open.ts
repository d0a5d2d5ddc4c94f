// Opens the configured database, migrated and with its baseline, ready for the app or a command.
import type { AppConfig } from '../config';
import { acquireDataDirLock, openPglite, openPostgres, type Database } from './client';
import { PgliteThread } from './pglite-thread';
import { runMigrations } from './migrate';

export async function openDatabase(config: AppConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  const release = acquireDataDirLock(config.dataDir);
  try {
    const thread = await PgliteThread.open(`${config.dataDir}/pgdata`, {
      // Without its database a process can only fail every request: it stops, and a supervisor starts it again.
      onFailure: (error) => {
        console.error(`The embedded database's thread stopped: ${error.message}. OpenPSM stops.`);
        process.exit(1);
      },
    });
    const database = openPglite(thread);
    const close = database.close;
    return { ...database, close: async () => { await close(); release(); } };
  } catch (error) {
    release();
    throw error;
  }
}

export { runMigrations };
