// npm run restore -- <file>: loads a backup into an empty database (a fresh DATA_DIR or an empty PostgreSQL).
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../config';
import { openDatabase, runMigrations } from '../db/open';
import { restoreBackup, type Backup } from '../platform/backup/backup.service';

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error('Usage: npm run restore -- <file.json.gz>  (the file must exist)');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
try {
  await runMigrations(database);
  const backup = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as Backup;
  const counts = await restoreBackup(database, backup);
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  console.log(`Restored ${total} rows into ${database.engine} from ${file}.`);
} catch (error) {
  console.error(`Restore failed, nothing was written: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
