// Killing the process mid-import for real (SIGKILL, PostgreSQL): no partial batch is left, and the import resumes
// after its last committed batch without creating anything twice.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../modules/organizations/organizations.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { acceptanceFile, upload, workbook } from './import.fixtures';
import { resumeStalledImports, runImport } from './import.runner';
import { importJobs } from './import.table';

let t: TestApp;

// PostgreSQL only (*.pg-test.ts files run in the PostgreSQL suite, see vitest.config.ts): PGlite allows one process per
// database, so there the same guarantees are tested with a failure injected between and inside batches
// (import.runner.test.ts).
describe('a server killed mid-import (PostgreSQL, child process, SIGKILL)', () => {
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('leaves whole batches only; resuming finishes the import without duplicates', async () => {
    const department = await t.createDepartment('总部');
    await t.createUser({ username: 'zhao', departmentId: department, role: 'sales_director', position: 'director' });
    const token = await t.login('zhao');
    const file = acceptanceFile(10_000, 77);
    const uploaded = (await upload(t, token, 'organization', 'kill.xlsx', await workbook(file.headers, file.rows))).body;
    await t.call(token, 'POST', `/api/v1/imports/${uploaded.id}/run`);
    const state = async () => (await t.database.db.select().from(importJobs).where(eq(importJobs.id, uploaded.id)))[0]!;
    const names = [...new Set(file.rows.map((row) => row[0] as string).filter(Boolean))];
    const imported = async () => {
      const rows = await t.database.db
        .select({ count: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct ${organizations.name})::int` })
        .from(organizations)
        .where(inArray(organizations.name, names));
      return { count: Number(rows[0]!.count), distinct: Number(rows[0]!.distinct) };
    };

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'run-import.script.ts'), t.database.url!, uploaded.id, '250'], {
      cwd: path.join(import.meta.dirname, '../../..'),
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // Kill it once a few batches are in, while it is working on the next.
    const deadline = Date.now() + 240_000;
    while ((await state()).processedRows < 1_000) {
      if (Date.now() > deadline) throw new Error('the child made no progress');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const killed = await state();
    expect(killed.status).toBe('running');
    expect(killed.processedRows).toBeLessThan(10_000);
    expect(killed.processedRows % 250).toBe(0); // whole batches only
    // What the counters say was committed is exactly what is in the table.
    expect((await imported()).count).toBe(killed.createdRows);

    // The restarted server's sweep finds it (no committed batch for a while) and resumes it.
    expect(await resumeStalledImports(t.database.db, new Date(Date.now() + 10 * 60_000))).toEqual([uploaded.id]);
    expect(await runImport(t.database.db, uploaded.id, { batchSize: 250 })).toBe('completed');
    const done = await state();
    expect(done).toMatchObject({ status: 'completed', processedRows: 10_000, createdRows: file.unique + 500, skippedRows: file.duplicates - 500, errorRows: file.bad });
    // The 500 duplicates of existing records found nothing to match (none were seeded here): they are created.
    expect(await imported()).toEqual({ count: file.unique + 500, distinct: file.unique + 500 });
  }, 900_000);
});
