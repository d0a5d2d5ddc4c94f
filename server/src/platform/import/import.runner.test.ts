// The acceptance of PLAT-11: a 10,000-row workbook with 5% bad rows and 10% duplicates, each duplicate action, a crash
// between and inside batches, resume, and a re-run that creates nothing twice.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../modules/organizations/organizations.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/template';
import { recordHistory } from '../audit/audit.table';
import { acceptanceFile, upload, workbook, type AcceptanceFile } from './import.fixtures';
import { resumeStalledImports, runImport } from './import.runner';
import { importJobs } from './import.table';

/**
 * 10,000 rows on PostgreSQL. On PGlite the same file at 2,000 rows: there every duplicate check of a small table is a
 * sequential scan in WebAssembly, and the suite has to stay within minutes on a two-core machine.
 */
const SIZE = testEngine() === 'postgres' ? 10_000 : 2_000;
const SMALL = testEngine() === 'postgres' ? 1_000 : 600;

let t: TestApp;
let director: string;
let directorId: string;

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.createDepartment('总部');
  directorId = await t.createUser({ username: 'zhao', departmentId: department, role: 'sales_director', position: 'director' });
  director = await t.login('zhao');
});
afterAll(async () => t?.close());

async function seedExisting(names: string[]) {
  await t.database.db.insert(organizations).values(names.map((name, index) => ({ name, number: `SEED-${name.slice(0, 4)}-${index}`, type: 'owner', ownerId: directorId, phone: '021-00000000' })));
}

async function prepareJob(file: AcceptanceFile, duplicateAction: 'create' | 'update' | 'skip') {
  await seedExisting(file.existingNames);
  const uploaded = await upload(t, director, 'organization', 'acceptance.xlsx', await workbook(file.headers, file.rows));
  expect(uploaded.status).toBe(201);
  const job = uploaded.body;
  const mapped = await t.call(director, 'PUT', `/api/v1/imports/${job.id}/mapping`, { mapping: job.mapping, duplicateAction, version: job.version });
  expect(mapped.status).toBe(200);
  return job.id as string;
}

const jobState = async (id: string) => (await t.database.db.select().from(importJobs).where(eq(importJobs.id, id)))[0]!;

/** Organisations bearing the file's names, and how many names occur more than once among them. */
async function importedNames(file: AcceptanceFile) {
  const names = [...new Set(file.rows.map((row) => row[0] as string).filter(Boolean))];
  const rows = await t.database.db
    .select({ name: organizations.name, count: sql<number>`count(*)::int` })
    .from(organizations)
    .where(inArray(organizations.name, names))
    .groupBy(organizations.name);
  return { total: rows.reduce((sum, row) => sum + Number(row.count), 0), repeated: rows.filter((row) => Number(row.count) > 1).length };
}

describe(`a ${SIZE}-row workbook, 5% bad, 10% duplicates, action skip`, () => {
  const file = acceptanceFile(SIZE, 11);
  let id: string;

  it('the preview counts every bad row and every duplicate before anything is written', async () => {
    id = await prepareJob(file, 'skip');
    const preview = await t.call(director, 'POST', `/api/v1/imports/${id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.preview).toEqual({ validRows: SIZE - file.bad, errorRows: file.bad, duplicateRows: file.duplicates });
    expect((await importedNames(file)).total).toBe(file.existingNames.length); // the seeded ones only
  }, 900_000);

  it('a crash between batches leaves whole batches; the sweep re-queues the import and it resumes after the last one', async () => {
    await t.call(director, 'POST', `/api/v1/imports/${id}/run`);
    expect(await runImport(t.database.db, id, { stopAfterBatches: 3 })).toBe('interrupted');
    const stopped = await jobState(id);
    expect(stopped).toMatchObject({ status: 'running', processedRows: 1_500 });
    // Every committed row is counted, and nothing else was written.
    expect((await importedNames(file)).total).toBe(file.existingNames.length + stopped.createdRows);

    expect(await resumeStalledImports(t.database.db, new Date(Date.now() + 1000), 0)).toEqual([id]);
    expect((await jobState(id)).status).toBe('queued');
    expect(await runImport(t.database.db, id)).toBe('completed');
    const done = await jobState(id);
    expect(done).toMatchObject({ status: 'completed', processedRows: SIZE, createdRows: file.unique, skippedRows: file.duplicates, errorRows: file.bad, updatedRows: 0 });
    const names = await importedNames(file);
    expect(names).toEqual({ total: file.existingNames.length + file.unique, repeated: 0 });
  }, 900_000);

  it('reports each bad row with its reason', async () => {
    const errors = await t.call(director, 'GET', `/api/v1/imports/${id}/problems?kind=error&pageSize=200`);
    expect(errors.body.total).toBe(file.bad);
    const codes = new Set(errors.body.items.map((item: { problems: { code: string }[] }) => item.problems.map((problem) => problem.code).join()));
    expect(codes).toEqual(new Set(['too_short', 'invalid_option', 'credit_code_format', 'phone_format', 'unknown_user']));
    // Row numbers are the spreadsheet's: data row i is row i + 2, and bad rows are every 20th from the 8th.
    expect(errors.body.items.slice(0, 3).map((item: { rowNumber: number }) => item.rowNumber)).toEqual([9, 29, 49]);
  });

  it('a re-run of the completed import with skip creates nothing new', async () => {
    const rerun = await t.call(director, 'POST', `/api/v1/imports/${id}/run`);
    expect(rerun.status).toBe(202);
    expect(await runImport(t.database.db, id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ processedRows: SIZE, createdRows: 0, skippedRows: SIZE - file.bad, errorRows: file.bad });
    expect(await importedNames(file)).toEqual({ total: file.existingNames.length + file.unique, repeated: 0 });
  }, 900_000);
});

describe('the other duplicate actions', () => {
  it('update: matched records take the row’s values, repeats update the record the file created, with history', async () => {
    const file = acceptanceFile(SMALL, 23);
    const id = await prepareJob(file, 'update');
    await t.call(director, 'POST', `/api/v1/imports/${id}/run`);
    expect(await runImport(t.database.db, id, { batchSize: 200 })).toBe('completed');
    expect(await jobState(id)).toMatchObject({ createdRows: file.unique, updatedRows: file.duplicates, skippedRows: 0, errorRows: file.bad });
    expect(await importedNames(file)).toEqual({ total: file.existingNames.length + file.unique, repeated: 0 });
    const [updated] = await t.database.db.select().from(organizations).where(eq(organizations.name, file.existingNames[0]!));
    expect(updated).toMatchObject({ phone: `021-${70000000 + 3}`, version: 2 });
    const history = await t.database.db.select().from(recordHistory).where(and(eq(recordHistory.recordId, updated!.id), eq(recordHistory.action, 'import')));
    expect(history[0]!.changes).toEqual([{ field: 'phone', old: '021-00000000', new: '021-70000003' }]);
  }, 600_000);

  it('create: duplicates are created anyway, and say so in their history', async () => {
    const file = acceptanceFile(SMALL, 37);
    const id = await prepareJob(file, 'create');
    await t.call(director, 'POST', `/api/v1/imports/${id}/run`);
    expect(await runImport(t.database.db, id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ createdRows: file.unique + file.duplicates, updatedRows: 0, skippedRows: 0, errorRows: file.bad });
    const [copy] = await t.database.db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.name, file.existingNames[0]!), eq(organizations.createdBy, directorId)));
    const [line] = await t.database.db.select().from(recordHistory).where(eq(recordHistory.recordId, copy!.id));
    expect(line).toMatchObject({ action: 'import', note: 'duplicate_confirmed' });
  }, 600_000);

  it('a failure inside a batch rolls the whole batch back; running again resumes without duplicates', async () => {
    const file = acceptanceFile(SMALL, 51);
    const id = await prepareJob(file, 'skip');
    await t.call(director, 'POST', `/api/v1/imports/${id}/run`);
    const crash = (batch: number) => {
      if (batch === 1) throw new Error('disk on fire');
    };
    expect(await runImport(t.database.db, id, { batchSize: 300, beforeCommit: crash })).toBe('failed');
    const failed = await jobState(id);
    expect(failed).toMatchObject({ status: 'failed', processedRows: 300, error: 'disk on fire' });
    expect((await importedNames(file)).total).toBe(file.existingNames.length + failed.createdRows);
    const resumed = await t.call(director, 'POST', `/api/v1/imports/${id}/run`);
    expect(resumed.body).toMatchObject({ status: 'queued', processedRows: 300 });
    expect(await runImport(t.database.db, id, { batchSize: 300 })).toBe('completed');
    expect(await jobState(id)).toMatchObject({ createdRows: file.unique, skippedRows: file.duplicates, errorRows: file.bad });
    expect(await importedNames(file)).toEqual({ total: file.existingNames.length + file.unique, repeated: 0 });
  }, 600_000);
});

describe('the rows parsed at upload', () => {
  it('are kept with the upload, and a preview and a run read them instead of the file', async () => {
    const file = acceptanceFile(200, 61);
    const id = await prepareJob(file, 'skip');
    const stored = await jobState(id);
    expect(stored.rows).toHaveLength(200);
    expect(stored.rows![0]).toEqual({ rowNumber: 2, cells: file.rows[0]!.map((cell) => String(cell ?? '')) });
    // With the file gone, only the kept rows can give the preview and the run their rows.
    await t.database.db.update(importJobs).set({ file: Buffer.from('not a workbook') }).where(eq(importJobs.id, id));
    const preview = await t.call(director, 'POST', `/api/v1/imports/${id}/preview`);
    expect(preview.body.preview).toEqual({ validRows: 200 - file.bad, errorRows: file.bad, duplicateRows: file.duplicates });
    await t.call(director, 'POST', `/api/v1/imports/${id}/run`);
    expect(await runImport(t.database.db, id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ createdRows: file.unique, skippedRows: file.duplicates, errorRows: file.bad });
  }, 600_000);

  it('an upload from before rows were kept is read from its file', async () => {
    const file = acceptanceFile(100, 67);
    const id = await prepareJob(file, 'skip');
    await t.database.db.update(importJobs).set({ rows: null }).where(eq(importJobs.id, id));
    await t.call(director, 'POST', `/api/v1/imports/${id}/run`);
    expect(await runImport(t.database.db, id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ processedRows: 100, createdRows: file.unique, skippedRows: file.duplicates, errorRows: file.bad });
  }, 600_000);
});
