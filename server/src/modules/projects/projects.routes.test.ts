// Projects core through real HTTP on a real database: CRUD and validation, versions, history, data scope, team
// access, assign / claim / share, closing and reopening, phases' roll-up, search, the organisation page's list.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { ensureTestProcess, type ProcessFixture } from './project-fixtures';
import { projectStageHistory } from './projects.table';

let t: TestApp;
let process: ProcessFixture;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};

async function createOrganization(token: string, name: string, type = 'owner') {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type, confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function createProject(token: string, name: string, extra: Record<string, unknown> = {}) {
  const response = await t.call(token, 'POST', '/api/v1/projects', { name, organizationId: orgs.rep, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number; number: string };
}

const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((error) => error.path).sort();
const get = (token: string, id: string) => t.call(token, 'GET', `/api/v1/projects/${id}`);
const listNames = async (token: string, query = '') => {
  const response = await t.call(token, 'GET', `/api/v1/projects?pageSize=200${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.items as { name: string }[]).map((item) => item.name).sort();
};

beforeAll(async () => {
  t = await createTestApp();
  process = await ensureTestProcess(t.database.db);
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const teamA = await t.createDepartment('上海一组', east);
  const teamB = await t.createDepartment('南京二组', east);
  const north = await t.createDepartment('华北大区', company);
  ids.director = await t.createUser({ username: 'director', departmentId: company, role: 'sales_director', position: 'director' });
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep' });
  ids.peer = await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep' });
  ids.northRep = await t.createUser({ username: 'northrep', departmentId: north, role: 'sales_rep' });
  ids.presales = await t.createUser({ username: 'presales', departmentId: teamA, role: 'presales_engineer' });
  for (const name of ['director', 'manager', 'rep', 'peer', 'northrep', 'presales']) tokens[name] = await t.login(name);
  orgs.rep = await createOrganization(tokens.rep!, '上海宝钢设备工程公司');
  orgs.design = await createOrganization(tokens.rep!, '华东建筑设计研究院', 'design_institute');
  orgs.peer = await createOrganization(tokens.peer!, '南京化学工业园热电厂');
  orgs.northRep = await createOrganization(tokens.northrep!, '天津港务局机械处');
  orgs.competitor = await createOrganization(tokens.director!, '格兰富水泵（上海）有限公司', 'competitor');
});
afterAll(async () => t?.close());

describe('create, read, update, delete', () => {
  it('creates a project in the default process first stage, numbered, with a create stage-history row', async () => {
    const response = await t.call(tokens.rep!, 'POST', '/api/v1/projects', {
      name: '宝钢三期循环水泵改造项目',
      organizationId: orgs.rep,
      site: '上海宝山',
      region: 'east',
      amount: '1250000.50',
      expectedSignDate: '2026-06-30',
      source: 'referral',
      productLines: ['pumps', 'valves'],
      budgetConfirmed: true,
      needClarity: 4,
      organizations: [{ organizationId: orgs.design, role: 'design_institute', influence: 4 }],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const project = response.body;
    expect(project.number).toMatch(/^PRJ-\d{4}-\d{5}$/);
    expect(project).toMatchObject({ status: 'open', amount: '1250000.50', processId: process.processId, probability: process.first.probability, owner: { id: ids.rep } });
    expect(project.stage.id).toBe(process.first.id);
    expect(project.organization).toEqual({ id: orgs.rep, name: '上海宝钢设备工程公司' });
    expect(project.organizations).toEqual([expect.objectContaining({ organization: { id: orgs.design, name: '华东建筑设计研究院' }, role: 'design_institute', influence: 4 })]);
    const rows = await t.database.db.select().from(projectStageHistory).where(eq(projectStageHistory.projectId, project.id));
    expect(rows).toEqual([expect.objectContaining({ kind: 'create', fromStageId: null, toStageId: process.first.id })]);
    ids.mainProject = project.id;
  });

  it('refuses bad input naming every field (schema)', async () => {
    const response = await t.call(tokens.rep!, 'POST', '/api/v1/projects', { name: '', organizationId: 'x', amount: '-5', needClarity: 9, expectedSignDate: '2026-13-01' });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(expect.arrayContaining(['name', 'organizationId', 'amount', 'needClarity', 'expectedSignDate']));
    for (const amount of ['1e5', '12.345', 'abc', '-0.01']) {
      const bad = await t.call(tokens.rep!, 'POST', '/api/v1/projects', { name: '某项目', organizationId: orgs.rep, amount });
      expect(bad.status, amount).toBe(400);
      expect(paths(bad.body)).toEqual(['amount']);
    }
  });

  it('refuses an unreadable owner organisation and unknown options, all in one answer', async () => {
    const response = await t.call(tokens.rep!, 'POST', '/api/v1/projects', {
      name: '越权项目',
      organizationId: orgs.peer,
      region: 'atlantis',
      source: 'nowhere',
      productLines: ['pumps', 'warp_drive'],
      organizations: [{ organizationId: orgs.northRep, role: 'general_contractor' }],
    });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['organizationId', 'organizations.0.organizationId', 'productLines.1', 'region', 'source']);
  });

  it('keeps an organisation already taking part that the editor cannot read; a new unreadable one is refused', async () => {
    // The manager sets up the rep's project with the peer's customer as contractor — an organisation the rep cannot read.
    const created = await t.call(tokens.manager!, 'POST', '/api/v1/projects', {
      name: '南京热电联产改造',
      organizationId: orgs.rep,
      ownerId: ids.rep,
      organizations: [{ organizationId: orgs.peer, role: 'general_contractor' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const keep = { organizationId: orgs.peer, role: 'general_contractor' };
    const institute = await createOrganization(tokens.rep!, '江苏电力设计院', 'design_institute');
    const added = await t.call(tokens.rep!, 'PATCH', `/api/v1/projects/${created.body.id}`, {
      version: created.body.version,
      organizations: [keep, { organizationId: institute, role: 'design_institute' }],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect((added.body.organizations as { organization: { id: string } }[]).map((entry) => entry.organization.id).sort()).toEqual([orgs.peer, institute].sort());
    const foreign = await t.call(tokens.rep!, 'PATCH', `/api/v1/projects/${created.body.id}`, {
      version: added.body.version,
      organizations: [keep, { organizationId: orgs.northRep, role: 'supplier' }],
    });
    expect(foreign.status).toBe(400);
    expect(paths(foreign.body)).toEqual(['organizations.1.organizationId']);
  });

  it('updates with the version, refuses a stale one (409) and keeps a history', async () => {
    const before = (await get(tokens.rep!, ids.mainProject!)).body;
    const response = await t.call(tokens.rep!, 'PATCH', `/api/v1/projects/${ids.mainProject}`, { amount: '1300000', version: before.version });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.amount).toBe('1300000.00');
    const stale = await t.call(tokens.rep!, 'PATCH', `/api/v1/projects/${ids.mainProject}`, { amount: '1', version: before.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/projects/${ids.mainProject}/history`);
    expect(history.status).toBe(200);
    // Other modules' hooks (scores) may add their own lines; ours are the create and the amount change.
    const items = history.body.items as { action: string; changes: { field: string }[] }[];
    expect(items[0]!.action).toBe('create');
    expect(items[0]!.changes.map((change) => change.field)).toEqual(expect.arrayContaining(['name', 'organizationId', 'amount', 'productLines', 'organizations']));
    expect(items.filter((entry) => entry.action === 'update').map((entry) => entry.changes)).toContainEqual([{ field: 'amount', old: '1250000.50', new: '1300000' }]);
  });

  it('deletes softly: then 404', async () => {
    const project = await createProject(tokens.rep!, '临时项目待删除');
    const response = await t.call(tokens.rep!, 'DELETE', `/api/v1/projects/${project.id}`);
    expect(response.status).toBe(204);
    expect((await get(tokens.rep!, project.id)).status).toBe(404);
  });
});

describe('data scope and team access', () => {
  beforeAll(async () => {
    ids.otherRepProject = (await createProject(tokens.rep!, '宝钢冷轧厂阀门采购')).id;
    ids.peerProject = (await createProject(tokens.peer!, '南京热电厂给水泵项目', { organizationId: orgs.peer })).id;
    ids.northProject = (await createProject(tokens.northrep!, '天津港机械处泵站项目', { organizationId: orgs.northRep })).id;
  });

  it('a rep of another region gets 404 for read, edit and history; a manager sees the department, not another region', async () => {
    expect((await get(tokens.northrep!, ids.mainProject!)).status).toBe(404);
    expect((await t.call(tokens.northrep!, 'PATCH', `/api/v1/projects/${ids.mainProject}`, { name: '改名', version: 1 })).status).toBe(404);
    expect((await t.call(tokens.northrep!, 'GET', `/api/v1/projects/${ids.mainProject}/history`)).status).toBe(404);
    const managerSees = await listNames(tokens.manager!);
    expect(managerSees).toEqual(expect.arrayContaining(['宝钢三期循环水泵改造项目', '宝钢冷轧厂阀门采购', '南京热电厂给水泵项目']));
    expect(managerSees).not.toContain('天津港机械处泵站项目');
    expect(await listNames(tokens.northrep!)).toEqual(['天津港机械处泵站项目']);
  });

  it('a pre-sales engineer added to the team sees that project only; removing them takes it away', async () => {
    expect((await get(tokens.presales!, ids.mainProject!)).status).toBe(404);
    const added = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${ids.mainProject}/members`, { userId: ids.presales, role: 'presales', access: 'read' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.items).toEqual([expect.objectContaining({ user: { id: ids.presales, displayName: 'presales' }, role: 'presales', access: 'read' })]);
    expect((await get(tokens.presales!, ids.mainProject!)).status).toBe(200);
    expect(await listNames(tokens.presales!)).toEqual(['宝钢三期循环水泵改造项目']);
    expect((await get(tokens.presales!, ids.otherRepProject!)).status).toBe(404);
    // Read access: the member cannot edit.
    const version = (await get(tokens.rep!, ids.mainProject!)).body.version;
    expect((await t.call(tokens.presales!, 'PATCH', `/api/v1/projects/${ids.mainProject}`, { description: '技术交流', version })).status).toBe(403);
    // Edit access after the change.
    expect((await t.call(tokens.rep!, 'PATCH', `/api/v1/projects/${ids.mainProject}/members/${ids.presales}`, { access: 'edit' })).status).toBe(200);
    expect((await t.call(tokens.presales!, 'PATCH', `/api/v1/projects/${ids.mainProject}`, { description: '技术交流', version })).status).toBe(200);
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/projects/${ids.mainProject}/members`, { userId: ids.presales, role: 'presales' })).status).toBe(409);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/projects/${ids.mainProject}/members/${ids.presales}`)).status).toBe(204);
    expect((await get(tokens.presales!, ids.mainProject!)).status).toBe(404);
    expect(await listNames(tokens.presales!)).toEqual([]);
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/projects/${ids.mainProject}/history`);
    expect((history.body.items as { action: string }[]).map((entry) => entry.action)).toEqual(expect.arrayContaining(['member_add', 'member_change', 'member_remove']));
  });

  it('a non-member cannot manage the team of a project outside their scope (404)', async () => {
    expect((await t.call(tokens.peer!, 'POST', `/api/v1/projects/${ids.mainProject}/members`, { userId: ids.peer, role: 'other' })).status).toBe(404);
  });
});

describe('assign, claim, share', () => {
  it('assign needs project.assign (403 for a rep); a manager assigns and the old owner loses reach', async () => {
    const project = await createProject(tokens.rep!, '宝钢电厂泵组指派测试');
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/assign`, { ownerId: ids.peer, version: project.version })).status).toBe(403);
    const response = await t.call(tokens.manager!, 'POST', `/api/v1/projects/${project.id}/assign`, { ownerId: ids.peer, version: project.version });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.owner).toEqual({ id: ids.peer, displayName: 'peer' });
    expect((await get(tokens.rep!, project.id)).status).toBe(404);
    expect((await get(tokens.peer!, project.id)).status).toBe(200);
  });

  it('a project without owner, shared with a rep, can be claimed once', async () => {
    const created = await t.call(tokens.director!, 'POST', '/api/v1/projects', { name: '无人认领的水厂项目', organizationId: orgs.competitor, ownerId: null });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.owner).toBeNull();
    expect((await get(tokens.rep!, created.body.id)).status).toBe(404);
    const shared = await t.call(tokens.director!, 'POST', `/api/v1/projects/${created.body.id}/shares`, { userId: ids.rep, access: 'read' });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    const claimed = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${created.body.id}/claim`, { version: created.body.version });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.owner.id).toBe(ids.rep);
    const again = await t.call(tokens.director!, 'POST', `/api/v1/projects/${created.body.id}/claim`, { version: claimed.body.version });
    expect(again.status).toBe(409);
  });
});

describe('closing and reopening', () => {
  it('refuses closing without a reason (422 naming closeReason) and lost without lessons learned', async () => {
    const project = await createProject(tokens.rep!, '宝钢四期泵房项目');
    const noReason = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/close`, { status: 'won', version: project.version });
    expect(noReason.status).toBe(422);
    expect(paths(noReason.body)).toEqual(['closeReason']);
    const lost = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/close`, { status: 'lost', closeReason: 'technical_fit', version: project.version });
    expect(lost.status).toBe(422);
    // technical_fit is a win reason, not a loss reason.
    expect(paths(lost.body)).toEqual(['closeReason', 'lessonsLearned']);
  });

  it('lost with reason, lessons, winner and price; reopen clears the outcome', async () => {
    const project = await createProject(tokens.rep!, '宝钢五期阀门项目', { amount: '500000' });
    const response = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/close`, {
      status: 'lost',
      closeReason: 'price',
      lessonsLearned: '报价过高，未提前做价值呈现',
      winnerOrganizationId: orgs.competitor,
      winningPrice: '452000.00',
      version: project.version,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ status: 'lost', closeReason: 'price', winnerOrganization: { id: orgs.competitor }, winningPrice: '452000.00' });
    expect(response.body.closedAt).not.toBeNull();
    const reopened = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/reopen`, { version: response.body.version, reason: '客户重新招标' });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', closeReason: null, winnerOrganization: null, closedAt: null });
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/reopen`, { version: reopened.body.version })).status).toBe(422);
  });

  it("won moves the project to the process's won stage with a close stage-history row", async () => {
    const project = await createProject(tokens.rep!, '宝钢六期水处理项目');
    const response = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/close`, { status: 'won', closeReason: 'technical_fit', version: project.version });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ status: 'won', probability: process.won.probability });
    expect(response.body.stage).toMatchObject({ id: process.won.id, kind: 'won' });
    const rows = await t.database.db.select().from(projectStageHistory).where(and(eq(projectStageHistory.projectId, project.id), eq(projectStageHistory.kind, 'close')));
    expect(rows).toEqual([expect.objectContaining({ fromStageId: process.first.id, toStageId: process.won.id })]);
    const closedAgain = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/close`, { status: 'lost', closeReason: 'price', lessonsLearned: 'x', version: response.body.version });
    expect(closedAgain.status).toBe(422);
    const reopened = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${project.id}/reopen`, { version: response.body.version });
    expect(reopened.body.stage.id).toBe(process.first.id);
  });
});

describe('phases roll up into their parent', () => {
  it("the parent's totals follow its phases: create, change amount, close", async () => {
    const parent = await createProject(tokens.rep!, '宝钢湛江基地总体项目');
    const rollup = async () => (await get(tokens.rep!, parent.id)).body.rollup;
    expect(await rollup()).toBeNull();
    const first = await createProject(tokens.rep!, '宝钢湛江基地一期', { parentId: parent.id, phaseLabel: '一期', amount: '100000' });
    const second = await createProject(tokens.rep!, '宝钢湛江基地二期', { parentId: parent.id, phaseLabel: '二期', amount: '200000' });
    const p = process.first.probability;
    const weighted = (value: number) => value.toFixed(2);
    expect(await rollup()).toEqual({ count: 2, openCount: 2, amount: '300000.00', weightedAmount: weighted((300000 * p) / 100), wonAmount: '0.00' });
    const changed = await t.call(tokens.rep!, 'PATCH', `/api/v1/projects/${first.id}`, { amount: '500000', version: first.version });
    expect(changed.status).toBe(200);
    expect((await rollup()).amount).toBe('700000.00');
    const closed = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${second.id}/close`, { status: 'lost', closeReason: 'late', lessonsLearned: '介入太晚', version: second.version });
    expect(closed.status).toBe(200);
    expect(await rollup()).toEqual({ count: 2, openCount: 1, amount: '700000.00', weightedAmount: weighted((500000 * p) / 100), wonAmount: '0.00' });
    const parentRead = (await get(tokens.rep!, parent.id)).body;
    expect(parentRead.phases.map((phase: { phaseLabel: string }) => phase.phaseLabel)).toEqual(['一期', '二期']);
    // One level only; a parent with phases is not deletable.
    const nested = await t.call(tokens.rep!, 'POST', '/api/v1/projects', { name: '三级项目', organizationId: orgs.rep, parentId: first.id });
    expect(nested.status).toBe(400);
    expect(paths(nested.body)).toEqual(['parentId']);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/projects/${parent.id}`)).status).toBe(422);
  });
});

describe('search and the organisation page', () => {
  it('finds a project by name, pinyin, initials and number, within scope', async () => {
    const project = await createProject(tokens.rep!, '金山石化污水处理项目');
    const search = async (token: string, q: string) => {
      const response = await t.call(token, 'GET', `/api/v1/search?types=project&q=${encodeURIComponent(q)}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.items as { id: string; matchedOn: string }[];
    };
    for (const [q, matchedOn] of [['金山石化', 'name'], ['jinshanshihua', 'pinyin'], ['jsshws', 'initials'], [project.number, 'number']] as const) {
      const items = await search(tokens.rep!, q);
      expect(items.find((item) => item.id === project.id), q).toMatchObject({ matchedOn });
    }
    expect(await search(tokens.northrep!, '金山石化')).toEqual([]);
    expect(await listNames(tokens.rep!, `&q=${encodeURIComponent(project.number)}`)).toEqual(['金山石化污水处理项目']);
  });

  it("lists an organisation's projects as owner or related, within scope", async () => {
    const owned = await listNames(tokens.rep!, `&organizationId=${orgs.design}&includeRelated=true`);
    expect(owned).toEqual(['宝钢三期循环水泵改造项目']);
    expect(await listNames(tokens.rep!, `&organizationId=${orgs.design}`)).toEqual([]);
    expect(await listNames(tokens.northrep!, `&organizationId=${orgs.rep}&includeRelated=true`)).toEqual([]);
  });
});

describe('list items', () => {
  it('carry what the record read alone carries (on PGlite the list reads records as JSON: db/json-rows.ts)', async () => {
    const created = await createProject(tokens.rep!, '宝钢冷轧厂给水泵组列表对照', { amount: '1234567.89', expectedSignDate: '2027-03-31', description: '年度框架 "引号"' });
    const list = await t.call(tokens.rep!, 'GET', `/api/v1/projects?pageSize=200&q=${encodeURIComponent('列表对照')}`);
    expect(list.status).toBe(200);
    const item = (list.body.items as { id: string }[]).find((project) => project.id === created.id);
    const alone = await get(tokens.rep!, created.id);
    expect(item).toBeDefined();
    expect(alone.body).toMatchObject(item!);
    expect(item).toMatchObject({ amount: '1234567.89', expectedSignDate: '2027-03-31' });
  });
});
