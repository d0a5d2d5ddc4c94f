// The board through real HTTP: counts, sums and cards per stage within each caller's scope, the filters, a column's
// "more" page, and the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { addTestMember, createTestOrganization, createTestProcess, createTestProject, type TestProcess } from './test-fixtures';

let t: TestApp;
let process: TestProcess;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const projects: Record<string, string> = {};

type Column = { stage: { id: string; nameZh: string }; count: number; amount: string; weightedAmount: string; cards: { id: string; name: string; amount: string | null; canEdit: boolean; daysInStage: number; organizationName: string; owner: { displayName: string } }[] };

async function board(token: string, filters = '') {
  const response = await t.call(token, 'GET', `/api/v1/pipeline/board?processId=${process.processId}${filters}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { columns: Column[]; totals: { count: number; amount: string; weightedAmount: string }; processes: { id: string }[] };
}
const counts = (columns: Column[]) => columns.map((column) => column.count);
const names = (column: Column) => column.cards.map((card) => card.name);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const teamA = await t.createDepartment('上海一组', east);
  const teamB = await t.createDepartment('南京二组', east);
  const north = await t.createDepartment('华北大区', company);
  ids.director = await t.createUser({ username: 'director', departmentId: company, role: 'sales_director', position: 'director' });
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep', managerId: ids.manager });
  ids.peer = await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep', managerId: ids.manager });
  ids.northRep = await t.createUser({ username: 'northrep', departmentId: north, role: 'sales_rep' });
  ids.presales = await t.createUser({ username: 'presales', departmentId: teamA, role: 'presales_engineer' });
  ids.bulk = await t.createUser({ username: 'bulk', departmentId: north, role: 'sales_rep' });

  process = await createTestProcess(db);
  const org = await createTestOrganization(db, ids.rep, '上海申通地铁集团');
  const base = { process, organizationId: org };
  const stageEnteredAt = new Date(Date.now() - 12 * 86_400_000);
  projects.small = await createTestProject(db, { ...base, ownerId: ids.rep, name: '小项目', amount: '100000.00', expectedSignDate: '2025-09-01', stageEnteredAt });
  projects.large = await createTestProject(db, { ...base, ownerId: ids.rep, name: '大项目', amount: '300000.00', expectedSignDate: '2025-12-01' });
  projects.middle = await createTestProject(db, { ...base, ownerId: ids.rep, name: '中项目', amount: '200000.00', expectedSignDate: '2025-07-01' });
  projects.automation = await createTestProject(db, {
    ...base,
    ownerId: ids.rep,
    stage: 1,
    name: '自动化改造',
    amount: '500000.00',
    expectedSignDate: '2025-06-01',
    productLines: ['automation'],
    valueGrade: 'A',
    healthScore: 80,
  });
  projects.peerSmall = await createTestProject(db, { ...base, ownerId: ids.peer, name: '南京小项目', amount: '50000.00', valueGrade: 'C', healthScore: 30 });
  projects.peerBig = await createTestProject(db, { ...base, ownerId: ids.peer, stage: 2, name: '南京热电', amount: '1000000.50' });
  projects.north = await createTestProject(db, { ...base, ownerId: ids.northRep, name: '天津港', amount: '999000.00' });
  // Not on the board: closed, or not yet estimated only in the sums.
  await createTestProject(db, { ...base, ownerId: ids.rep, stage: 3, name: '已赢项目', status: 'won' });
  projects.unpriced = await createTestProject(db, { ...base, ownerId: ids.rep, stage: 2, name: '未估价', amount: null });
  for (let index = 0; index < 23; index += 1) {
    await createTestProject(db, { ...base, ownerId: ids.bulk, stage: 3, name: `批量${String(index).padStart(2, '0')}`, amount: `${1000 + index}.00` });
  }
  await addTestMember(db, projects.middle, ids.presales, 'read');
  for (const name of ['director', 'manager', 'rep', 'peer', 'northrep', 'presales']) tokens[name] = await t.login(name);
});

afterAll(async () => {
  await t.close();
});

describe('the board within the scope', () => {
  it('gives a rep their own projects only, with counts, sums, weighted sums and cards by amount', async () => {
    const result = await board(tokens.rep!);
    expect(result.columns.map((column) => column.stage.id)).toEqual(process.stageIds);
    expect(counts(result.columns)).toEqual([3, 1, 1, 0]);
    const [first, second, third] = result.columns;
    expect(first!.amount).toBe('600000.00');
    expect(first!.weightedAmount).toBe('60000.00');
    expect(names(first!)).toEqual(['大项目', '中项目', '小项目']);
    expect(second!.weightedAmount).toBe('125000.00');
    // A project without an amount counts, and adds nothing to the sum.
    expect(third!.amount).toBe('0.00');
    expect(third!.cards[0]!.amount).toBeNull();
    expect(result.totals).toEqual({ count: 5, amount: '1100000.00', weightedAmount: '185000.00' });
    const small = first!.cards.find((card) => card.name === '小项目')!;
    expect(small.daysInStage).toBe(12);
    expect(small.organizationName).toBe('上海申通地铁集团');
    expect(small.owner.displayName).toBe('rep');
    expect(small.canEdit).toBe(true);
    expect(result.processes.map((item) => item.id)).toContain(process.processId);
  });

  it("gives a manager the department tree's projects, not another region's", async () => {
    const result = await board(tokens.manager!);
    expect(counts(result.columns)).toEqual([4, 1, 2, 0]);
    expect(result.columns[0]!.amount).toBe('650000.00');
    expect(result.columns[2]!.amount).toBe('1000000.50');
    expect(result.columns[2]!.weightedAmount).toBe('500000.25');
    expect(names(result.columns[0]!)).not.toContain('天津港');
  });

  it('gives a director everything open', async () => {
    const result = await board(tokens.director!);
    expect(counts(result.columns)).toEqual([5, 1, 2, 23]);
  });

  it('shows a member-only pre-sales engineer their one project, read-only', async () => {
    const result = await board(tokens.presales!);
    expect(counts(result.columns)).toEqual([1, 0, 0, 0]);
    expect(result.columns[0]!.cards.map((card) => [card.name, card.canEdit])).toEqual([['中项目', false]]);
  });

  it('pages a column beyond its first 20 cards', async () => {
    const result = await board(tokens.director!);
    const last = result.columns[3]!;
    expect(last.cards).toHaveLength(20);
    expect(last.cards[0]!.name).toBe('批量22');
    const more = await t.call(tokens.director!, 'GET', `/api/v1/pipeline/board/column?stageId=${process.stageIds[3]}&offset=20`);
    expect(more.status).toBe(200);
    expect(more.body.items.map((card: { name: string }) => card.name)).toEqual(['批量02', '批量01', '批量00']);
    expect(more.body.hasMore).toBe(false);
    // The scope holds for the column page as well.
    const rep = await t.call(tokens.rep!, 'GET', `/api/v1/pipeline/board/column?stageId=${process.stageIds[3]}&offset=0`);
    expect(rep.body.items).toEqual([]);
  });
});

describe('filters', () => {
  it('narrows by owner, department and product line', async () => {
    expect(counts((await board(tokens.manager!, `&owner=${ids.peer}`)).columns)).toEqual([1, 0, 1, 0]);
    expect(counts((await board(tokens.director!, `&department=${await departmentOf('rep')}`)).columns)).toEqual([3, 1, 1, 0]);
    const automation = await board(tokens.manager!, '&productLine=automation');
    expect(counts(automation.columns)).toEqual([0, 1, 0, 0]);
  });

  it('narrows by amount range, expected date range, grade and health', async () => {
    const amount = await board(tokens.rep!, '&amountMin=150000&amountMax=400000');
    expect(names(amount.columns[0]!)).toEqual(['大项目', '中项目']);
    const expected = await board(tokens.rep!, '&expectedFrom=2025-06-15&expectedTo=2025-10-01&sort=expectedSignDate');
    expect(names(expected.columns[0]!)).toEqual(['中项目', '小项目']);
    expect(counts((await board(tokens.manager!, '&grade=A')).columns)).toEqual([0, 1, 0, 0]);
    expect(counts((await board(tokens.manager!, '&healthMin=50')).columns)).toEqual([0, 1, 0, 0]);
  });

  it('orders cards by expected date when asked', async () => {
    const result = await board(tokens.rep!, '&sort=expectedSignDate');
    expect(names(result.columns[0]!)).toEqual(['中项目', '小项目', '大项目']);
  });

  it('refuses reversed ranges, bad values and an unknown process, naming the fields', async () => {
    const reversed = await t.call(tokens.rep!, 'GET', `/api/v1/pipeline/board?amountMin=500&amountMax=100&expectedFrom=2025-02-01&expectedTo=2025-01-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['amountMax', 'expectedTo']);
    const bad = await t.call(tokens.rep!, 'GET', `/api/v1/pipeline/board?amountMin=abc&grade=D&healthMin=200`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['amountMin', 'grade', 'healthMin']);
    const unknown = await t.call(tokens.rep!, 'GET', `/api/v1/pipeline/board?processId=${crypto.randomUUID()}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('processId');
    const column = await t.call(tokens.rep!, 'GET', `/api/v1/pipeline/board/column?stageId=${crypto.randomUUID()}`);
    expect(column.status).toBe(400);
    expect(column.body.errors[0].path).toBe('stageId');
    expect((await t.call(null, 'GET', '/api/v1/pipeline/board')).status).toBe(401);
  });

  it('keeps processes and stages in memory, and follows any change to them, however it was written', async () => {
    const before = await board(tokens.rep!);
    expect(before.columns.length).toBe(4);
    // Written straight into the tables (as another instance, a restore or a migration would): the counter moves.
    await t.database.query(`update sales_stages set name_zh = '方案确认（改名）' where id = $1`, [process.stageIds[1]]);
    const renamed = await board(tokens.rep!);
    expect(renamed.columns[1]!.stage.nameZh).toBe('方案确认（改名）');
    // A process created since the catalog was read is found by its id, and in the list.
    const added = await createTestProcess(t.database.db);
    const response = await t.call(tokens.rep!, 'GET', `/api/v1/pipeline/board?processId=${added.processId}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.columns.map((column: Column) => column.stage.id)).toEqual(added.stageIds);
    expect((await board(tokens.rep!)).processes.map((entry) => entry.id)).toContain(added.processId);
    // Deactivated: gone from the list, still shown when asked for by id.
    await t.database.query(`update sales_processes set active = false where id = $1`, [added.processId]);
    expect((await board(tokens.rep!)).processes.map((entry) => entry.id)).not.toContain(added.processId);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/pipeline/board?processId=${added.processId}`)).status).toBe(200);
  });
});

async function departmentOf(username: string): Promise<string> {
  const rows = await t.database.query<{ department_id: string }>('select department_id from users where username = $1', [username]);
  return rows[0]!.department_id;
}
