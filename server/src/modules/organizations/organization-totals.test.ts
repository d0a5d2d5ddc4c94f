// organization_totals (migration 0016) against the organisations themselves: after every kind of write — a create, many
// rows inserted by one statement (an import), owner and type changes, a release to the pool (no owner), soft delete,
// restore and hard delete — the kept counts per owner and type equal a fresh count of the live, owned organisations;
// and the list's total, which counts from them when it is filtered by type at most, agrees with its rows.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

type Count = { owner_id: string; type: string; count: string | number };
const normal = (rows: Count[]) => rows.map((row) => `${row.owner_id}|${row.type}|${Number(row.count)}`).sort();

async function kept() {
  const result = await t.database.db.execute<Count>(sql`select owner_id, type, live_count as count from organization_totals where live_count <> 0`);
  return normal(result.rows);
}
async function counted() {
  const result = await t.database.db.execute<Count>(sql`select owner_id, type, count(*) as count from organizations
    where owner_id is not null and deleted_at is null group by owner_id, type`);
  return normal(result.rows);
}
async function expectInStep() {
  expect(await kept()).toEqual(await counted());
}

async function create(token: string, name: string, type = 'owner') {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function listTotal(token: string, query: string) {
  const response = await t.call(token, 'GET', `/api/v1/organizations?pageSize=200&${query}`);
  expect(response.status).toBe(200);
  return { total: response.body.total as number, rows: (response.body.items as unknown[]).length };
}

beforeAll(async () => {
  t = await createTestApp();
  const east = await t.createDepartment('华东大区');
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: east, role: 'sales_rep', managerId: ids.manager });
  ids.peer = await t.createUser({ username: 'peer', departmentId: east, role: 'sales_rep', managerId: ids.manager });
  for (const name of ['manager', 'rep', 'peer']) tokens[name] = await t.login(name);
});
afterAll(async () => t?.close());

describe('organization_totals', () => {
  it('follows creates, statements of many rows, owner and type changes, the pool, soft and hard deletes', async () => {
    const db = t.database.db;
    const first = await create(tokens.rep!, '上海宝钢设备工程公司');
    await create(tokens.rep!, '苏州工业园区水务集团', 'supplier');
    const peers = await create(tokens.peer!, '南京化学工业园热电厂');
    await expectInStep();

    // One statement inserting many rows, as an import does: counted once per owner and type.
    await db.execute(sql`insert into organizations (number, name, type, owner_id)
      select 'T-' || g, '批量导入客户' || g, case when g % 3 = 0 then 'supplier' else 'owner' end,
             case when g % 2 = 0 then ${ids.rep}::uuid else ${ids.peer}::uuid end
      from generate_series(1, 40) g`);
    await expectInStep();

    const update = (id: string, set: ReturnType<typeof sql>) => db.execute(sql`update organizations set ${set} where id = ${id}`);
    await update(first, sql`type = 'supplier'`);
    await expectInStep();
    await update(first, sql`owner_id = ${ids.peer}`);
    await expectInStep();
    await update(first, sql`owner_id = ${ids.rep}, type = 'owner'`);
    await expectInStep();
    // Released to the pool (no owner), then claimed again.
    await update(peers, sql`owner_id = null`);
    await expectInStep();
    await update(peers, sql`owner_id = ${ids.rep}`);
    await expectInStep();
    // Soft delete, a second edit of the deleted row, restore, then a bulk transfer of one owner's rows to another.
    await update(first, sql`deleted_at = now()`);
    await update(first, sql`deleted_at = now() + interval '1 second', owner_id = ${ids.peer}`);
    await expectInStep();
    await update(first, sql`deleted_at = null`);
    await expectInStep();
    await db.execute(sql`update organizations set owner_id = ${ids.rep} where owner_id = ${ids.peer}`);
    await expectInStep();
    // Edits that move no count (a visit's last-activity date) leave the totals alone.
    await db.execute(sql`update organizations set last_activity_at = now(), notes = '回访'`);
    await expectInStep();
    await db.execute(sql`delete from organizations where number like 'T-%' and type = 'supplier'`);
    await expectInStep();
  });

  it("gives the list's total from the kept counts, equal to the rows, with and without a type; other filters count live", async () => {
    const manager = tokens.manager!;
    for (const query of ['', 'type=owner', 'type=supplier', 'type=competitor']) {
      const { total, rows } = await listTotal(manager, query);
      expect(total, query).toBe(rows);
    }
    const all = await listTotal(manager, '');
    expect(all.total).toBeGreaterThan(10);
    // A search counts the organisations themselves.
    const searched = await listTotal(manager, 'q=批量导入客户');
    expect(searched.total).toBe(searched.rows);
    expect(searched.total).toBeLessThan(all.total);
    // A rep's total counts only their own rows.
    await create(tokens.peer!, '杭州钢铁集团设备部');
    const peer = await listTotal(tokens.peer!, 'type=owner');
    expect(peer).toEqual({ total: 1, rows: 1 });
  });

  it('keeps counting while two transfers move organisations between the same owners in opposite directions', async () => {
    const db = t.database.db;
    await db.execute(sql`insert into organizations (number, name, type, owner_id)
      select 'X-' || g, '对调客户' || g, 'owner', case when g % 2 = 0 then ${ids.rep}::uuid else ${ids.peer}::uuid end from generate_series(1, 20) g`);
    const move = (from: string, to: string) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`update organizations set owner_id = ${to} where number like 'X-%' and owner_id = ${from}`);
        await tx.execute(sql`select pg_sleep(0.05)`);
      });
    await Promise.all([move(ids.rep!, ids.peer!), move(ids.peer!, ids.rep!)]);
    await expectInStep();
  });
});
