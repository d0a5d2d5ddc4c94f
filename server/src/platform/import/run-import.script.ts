// Runs one import in a process of its own: `node --import tsx run-import.script.ts <postgres url> <import id>`.
// The crash test starts it and kills it mid-run (SIGKILL), as a server dying would.
import { openPostgres } from '../../db/client';
import { registerImporters } from './importers';
import { runImport } from './import.runner';

const [url, jobId, batchSize] = process.argv.slice(2);
if (!url || !jobId) {
  console.error('usage: run-import.script.ts <postgres url> <import id> [batch size]');
  process.exit(2);
}
const database = openPostgres(url, 8);
registerImporters();
const result = await runImport(database.db, jobId, batchSize ? { batchSize: Number(batchSize) } : {});
console.log(result);
await database.close();
