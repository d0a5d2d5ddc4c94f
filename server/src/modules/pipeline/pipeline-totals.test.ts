// pipeline_totals (migration 0012) against the projects themselves: after every kind of write — create, stage move,
// owner change, amount and probability edits, closing, reopening, soft and hard delete — the kept sums per process,
// owner and stage equal a fresh count of the open, live projects; and two moves in opposite directions by one owner
// at once both commit.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { projects } from '../projects/projects.table';
import { createTestOrganization, createTestProcess, createTestProject, type TestProcess } from './test-fixtures';

let t: TestApp;
let process: TestProcess;
const ids: Record<string, string> = {};

type Sums = { process_id: string; owner_id: string; stage_id: string; count: string; amount: string; weighted: string };
const key = (row: Sums) => `${row.process_id}|${row.owner_id}|${row.stage_id}`;
const normal = (rows: Sums[]) =>
  rows.map((row) => ({ key: key(row), count: Number(row.count), amount: Number(row.amount).toFixed(2), weighted: Number(row.weighted).toFixed(2) })).sort((left, right) => left.key.localeCompare(right.key));

async function kept() {
  const result = await t.database.db.execute<Sums>(sql`select process_id, owner_id, stage_id, open_count as count, amount, weighted
    from pipeline_totals where open_count <> 0 or amount <> 0 or weighted <> 0`);
  return normal(result.rows);
}
async function counted() {
  const result = await t.database.db.execute<Sums>(sql`select process_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000') as owner_id,
      stage_id, count(*) as count, sum(coalesce(amount, 0)) as amount, sum(coalesce(amount, 0) * probability) as weighted
    from projects where status = 'open' and deleted_at is null group by 1, 2, 3`);
  return normal(result.rows);
}
async function expectInStep() {
  expect(await kept()).toEqual(await counted());
}

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.createDepartment('华东大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep' });
  ids.peer = await t.createUser({ username: 'peer', departmentId: department, role: 'sales_rep' });
  process = await createTestProcess(t.database.db);
  ids.organization = await createTestOrganization(t.database.db, ids.rep);
});

afterAll(async () => {
  await t.close();
});

describe('pipeline_totals', () => {
  it('follows creates, moves, owner changes, edits, closing, reopening and deletes', async () => {
    const db = t.database.db;
    const base = { process, organizationId: ids.organization! };
    const first = await createTestProject(db, { ...base, ownerId: ids.rep!, amount: '100000.00' });
    const second = await createTestProject(db, { ...base, ownerId: ids.rep!, stage: 1, amount: '250000.50' });
    const noAmount = await createTestProject(db, { ...base, ownerId: ids.peer!, amount: null });
    const unowned = await createTestProject(db, { ...base, ownerId: null as unknown as string, amount: '70000.00' });
    await expectInStep();

    const update = (id: string, values: Partial<typeof projects.$inferInsert>) => db.update(projects).set(values).where(eq(projects.id, id));
    await update(first, { stageId: process.stageIds[2]!, probability: 50 });
    await expectInStep();
    await update(second, { ownerId: ids.peer! });
    await expectInStep();
    await update(noAmount, { amount: '12345.67' });
    await expectInStep();
    await update(unowned, { ownerId: ids.rep! });
    await expectInStep();
    await update(first, { status: 'won' });
    await expectInStep();
    await update(first, { status: 'open' });
    await expectInStep();
    await update(second, { deletedAt: new Date() });
    await expectInStep();
    // Writes that leave the board's fields alone change nothing (and the trigger does not fire for them at all).
    await update(noAmount, { name: '改名', healthScore: 40 });
    await expectInStep();
    // A move and an owner change and an amount change in one statement.
    await update(noAmount, { stageId: process.stageIds[3]!, probability: 90, ownerId: ids.rep!, amount: '99.99' });
    await expectInStep();
    await db.execute(sql`delete from project_stage_history where project_id = ${unowned}`);
    await db.execute(sql`delete from projects where id = ${unowned}`);
    await expectInStep();
    expect((await kept()).length).toBeGreaterThan(0);
  });

  it('keeps up with a set-based write of many projects, as a transfer makes', async () => {
    const db = t.database.db;
    for (let index = 0; index < 30; index += 1) {
      await createTestProject(db, { process, organizationId: ids.organization!, ownerId: ids.rep!, stage: index % 4, amount: `${1000 + index}.25` });
    }
    await db.update(projects).set({ ownerId: ids.peer! }).where(eq(projects.ownerId, ids.rep!));
    await expectInStep();
  });

  it('lets two moves in opposite directions by one owner commit side by side', async () => {
    const db = t.database.db;
    const base = { process, organizationId: ids.organization!, ownerId: ids.rep! };
    const up = await createTestProject(db, { ...base, stage: 0, amount: '10.00', name: `上行${randomUUID().slice(0, 4)}` });
    const down = await createTestProject(db, { ...base, stage: 1, amount: '20.00', name: `下行${randomUUID().slice(0, 4)}` });
    await Promise.all([
      db.update(projects).set({ stageId: process.stageIds[1]!, probability: 25 }).where(eq(projects.id, up)),
      db.update(projects).set({ stageId: process.stageIds[0]!, probability: 10 }).where(eq(projects.id, down)),
    ]);
    await expectInStep();
  });
});
