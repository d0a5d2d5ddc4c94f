// npm run backup -- <file>: writes a gzip'd JSON backup of the configured database (PGlite or PostgreSQL).
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../config';
import { openDatabase, runMigrations } from '../db/open';
import { createBackup } from '../platform/backup/backup.service';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run backup -- <file.json.gz>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(config).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
try {
  await runMigrations(database);
  const backup = await createBackup(database);
  fs.writeFileSync(file, gzipSync(JSON.stringify(backup)));
  const total = Object.values(backup.tables).reduce((sum, rows) => sum + rows.length, 0);
  console.log(`Backup written to ${file}: ${total} rows from ${Object.keys(backup.tables).length} tables (${database.engine}).`);
} finally {
  await database.close();
}
