// Where an import's time goes: generates organisations, then runs an import of new and repeated companies in this
// process (no HTTP), timing each importer step. A tool for working on import speed; the verdict is customers.ts (k).
//   PG_TEST_PORT=5490 bash scripts/test-postgres.sh npm run profile:import -w bench -- --engine postgres [--orgs 200000] [--rows 20000]
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { loadConfig } from '../server/src/config';
import type { Engine } from '../server/src/db/client';
import { openDatabase } from '../server/src/db/open';
import { actorForUser } from '../server/src/platform/auth/session-lookup';
import { parseImportFile } from '../server/src/platform/import/import.parse';
import { importerFor } from '../server/src/platform/import/import.registry';
import { runImport } from '../server/src/platform/import/import.runner';
import { setImportMapping, startImport, uploadImport } from '../server/src/platform/import/import.service';
import { registerImporters } from '../server/src/platform/import/importers';
import { OrganizationDuplicateIndex } from '../server/src/modules/organizations/duplicate-index';
import { existingPostgresDatabase, freshDataDir, freshPostgresDatabase } from './bench-databases';
import { generateData, prepareDatabase } from './generate';
import { importWorkbookRow } from './import-rows';
import { repositoryRoot } from './server-process';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'postgres' }, orgs: { type: 'string', default: '200000' }, rows: { type: 'string', default: '20000' }, reuse: { type: 'boolean', default: false }, offset: { type: 'string', default: '0' }, batch: { type: 'string', default: '' } } });
const engine = values.engine as Engine;
// --reuse: the database of the previous run as it is (its imports included), to try a change in seconds.
const benchUrl = () => existingPostgresDatabase(process.env.TEST_DATABASE_URL!);
const serverDatabase =
  engine === 'pglite'
    ? { DATA_DIR: values.reuse ? path.join(repositoryRoot, 'bench/.data/pglite') : freshDataDir() }
    : { DATABASE_URL: values.reuse ? benchUrl() : await freshPostgresDatabase(process.env.TEST_DATABASE_URL!) };
const database = await openDatabase(loadConfig(serverDatabase));
await prepareDatabase(database, 'profile-admin-password'); // migrations and baseline: a reused database catches up
if (!values.reuse) {
  await generateData(database, { organizations: Number(values.orgs), users: 500, approvals: 0, password: 'profile-user-password', analyze: false, log: console.log });
  await database.query('vacuum analyze');
}
const existingNames = (await database.query<{ name: string }>('select name from organizations where deleted_at is null order by number limit 2000')).map((row) => row.name);

const file = path.join(repositoryRoot, 'bench/.data/profile-import.xlsx');
const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
const sheet = workbook.addWorksheet('单位');
sheet.addRow(['单位名称', '类型', '行业', '地区', '电话', '备注']).commit();
for (let index = 0; index < Number(values.rows); index += 1) sheet.addRow(importWorkbookRow(index + Number(values.offset), existingNames)).commit();
await workbook.commit();

registerImporters();
const [admin] = await database.query<{ id: string }>(`select id from users where username = 'admin'`);
const actor = (await actorForUser(database.db, admin!.id))!;
const buffer = (await import('node:fs')).readFileSync(file);
let started = performance.now();
await parseImportFile('import.xlsx', buffer);
console.log(`parse: ${(performance.now() - started).toFixed(0)} ms`);
const uploaded = await uploadImport(database.db, actor, { recordType: 'organization', fileName: 'import.xlsx', buffer });
const mapped = await setImportMapping(database.db, actor, uploaded.id, { mapping: uploaded.mapping, duplicateAction: 'skip', version: uploaded.version });
await startImport(database.db, actor, mapped.id);

// Each importer step timed where the runner calls it.
const importer = importerFor('organization')! as unknown as Record<string, unknown>;
const spent = new Map<string, number>();
for (const step of ['loadContext', 'validate', 'findMatches', 'createMany', 'update', 'writableIds']) {
  const original = importer[step] as ((...args: unknown[]) => Promise<unknown>) | undefined;
  if (!original) continue;
  importer[step] = async (...args: unknown[]) => {
    const began = performance.now();
    try {
      return await original(...args);
    } finally {
      spent.set(step, (spent.get(step) ?? 0) + performance.now() - began);
    }
  };
}
for (const method of ['refresh', 'bestMatch'] as const) {
  const prototype = OrganizationDuplicateIndex.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = prototype[method]!;
  prototype[method] = function (this: unknown, ...args: unknown[]) {
    const began = performance.now();
    const result = original.apply(this, args);
    const done = () => {
      const name = method === 'refresh' && !spent.has('index.refresh (first)') ? 'index.refresh (first)' : `index.${method}`;
      spent.set(name, (spent.get(name) ?? 0) + performance.now() - began);
    };
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
  };
}
started = performance.now();
const result = await runImport(database.db, mapped.id, values.batch ? { batchSize: Number(values.batch) } : {});
const seconds = (performance.now() - started) / 1000;
console.log(`${result}: ${values.rows} rows in ${seconds.toFixed(1)} s = ${Math.round(Number(values.rows) / seconds)} rows/s`);
for (const [step, ms] of spent) console.log(`  ${step}: ${(ms / 1000).toFixed(2)} s`);
await database.close();
