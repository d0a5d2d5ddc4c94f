// The stakeholder map, competitors, scores and project settings over HTTP, with the refusals: scope 404, permission
// 403, stale version 409, validation naming every problem, a non-competitor 422.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../platform/audit/audit.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { salesProcesses, salesStages } from '../methodology/methodology.table';
import { projects } from '../projects/projects.table';
import { scoreOpenProjects, scoreProject } from './project-scores';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let processId = '';
let stageIds: string[] = [];
let sequence = 0;

async function createOrganization(token: string, name: string, type = 'owner') {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type, confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function createContact(token: string, organizationId: string, name: string, extra: Record<string, unknown> = {}) {
  const response = await t.call(token, 'POST', '/api/v1/contacts', { organizationId, name, confirmDuplicate: true, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** A project written straight into the table: this module needs one, not the projects service. */
async function createProject(ownerId: string, organizationId: string, values: Partial<typeof projects.$inferInsert> = {}) {
  sequence += 1;
  const [row] = await t.database.db
    .insert(projects)
    .values({ number: `PRJ-T-${sequence}`, name: `测试项目${sequence}`, organizationId, processId, stageId: stageIds[0]!, probability: 10, ownerId, ...values })
    .returning({ id: projects.id });
  return row!.id;
}

const stored = async (projectId: string) => (await t.database.db.select().from(projects).where(eq(projects.id, projectId)))[0]!;

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.createDepartment('华东大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep' });
  ids.peer = await t.createUser({ username: 'peer', departmentId: department, role: 'sales_rep' });
  ids.viewer = await t.createUser({ username: 'viewer', departmentId: department, role: 'logistics' });
  for (const name of ['rep', 'peer', 'viewer', 'admin']) tokens[name] = await t.login(name);
  const [process] = await t.database.db.insert(salesProcesses).values({ code: 'h3test', nameZh: '测试流程', nameEn: 'Test process' }).returning();
  processId = process!.id;
  const stages = await t.database.db
    .insert(salesStages)
    .values([
      { processId, code: 'one', nameZh: '立项', nameEn: 'Start', sort: 1, probability: 10, checklist: [{ key: 'visit', labelZh: '拜访', labelEn: 'Visit' }] },
      { processId, code: 'two', nameZh: '接触', nameEn: 'Contact', sort: 2, probability: 30, criteria: [{ type: 'stakeholder', buyingRole: 'decision_maker', minCount: 1 }] },
    ])
    .returning();
  stageIds = stages.map((stage) => stage.id);
  ids.owner = await createOrganization(tokens.rep!, '上海宝钢设备工程公司');
  ids.peerOwner = await createOrganization(tokens.peer!, '南京化学工业园热电厂');
  ids.competitor = await createOrganization(tokens.rep!, '上海凯泉泵业（集团）有限公司', 'competitor');
  ids.rival2 = await createOrganization(tokens.rep!, '上海东方泵业（集团）有限公司', 'competitor');
  ids.decider = await createContact(tokens.rep!, ids.owner, '王建国', { buyingRole: 'decision_maker', attitude: 'neutral', relationshipLevel: 3 });
  ids.engineer = await createContact(tokens.rep!, ids.owner, '李工', { buyingRole: 'technical_evaluator' });
  ids.buyer = await createContact(tokens.rep!, ids.owner, '赵采购', { buyingRole: 'procurement' });
  ids.peerContact = await createContact(tokens.peer!, ids.peerOwner, '陈总');
});
afterAll(async () => t?.close());

describe('stakeholder map', () => {
  it('adds, changes and removes stakeholders with defaults from the contact, history and the refusals', async () => {
    const projectId = await createProject(ids.rep!, ids.owner!);
    const url = `/api/v1/projects/${projectId}/stakeholders`;
    const added = await t.call(tokens.rep!, 'POST', url, { contactId: ids.decider, influence: 5 });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ buyingRole: 'decision_maker', attitude: 'neutral', relationshipLevel: 3, influence: 5, version: 1 });
    expect(added.body.contact).toMatchObject({ name: '王建国', readable: true, organization: { id: ids.owner } });

    // Another rep's contact: unreadable, so it does not exist for this caller.
    expect((await t.call(tokens.rep!, 'POST', url, { contactId: ids.peerContact })).status).toBe(404);
    expect((await t.call(tokens.rep!, 'POST', url, { contactId: crypto.randomUUID() })).status).toBe(404);
    // The same contact twice.
    expect((await t.call(tokens.rep!, 'POST', url, { contactId: ids.decider })).body.code).toBe('already_exists');
    // Another rep's project is not found; a reader without project.edit is refused.
    expect((await t.call(tokens.peer!, 'POST', url, { contactId: ids.peerContact })).status).toBe(404);
    expect((await t.call(tokens.peer!, 'GET', url)).status).toBe(404);
    expect((await t.call(tokens.viewer!, 'POST', url, { contactId: ids.engineer })).status).toBe(403);
    expect((await t.call(tokens.viewer!, 'GET', url)).status).toBe(200);
    // Bad input names every field.
    const invalid = await t.call(tokens.rep!, 'POST', url, { contactId: 'x', influence: 9, attitude: 'friend' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: any) => error.path).sort()).toEqual(['attitude', 'contactId', 'influence']);

    const itemUrl = `${url}/${added.body.id}`;
    const changed = await t.call(tokens.rep!, 'PATCH', itemUrl, { attitude: 'supporter', version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ attitude: 'supporter', version: 2 });
    expect((await t.call(tokens.rep!, 'PATCH', itemUrl, { attitude: 'opponent', version: 1 })).status).toBe(409);
    expect((await t.call(tokens.viewer!, 'PATCH', itemUrl, { attitude: 'opponent', version: 2 })).status).toBe(403);

    const history = await t.database.db.select().from(recordHistory).where(eq(recordHistory.recordId, projectId));
    const mapLines = history.filter((line) => line.action.startsWith('stakeholder.'));
    expect(mapLines.map((line) => line.action)).toEqual(['stakeholder.add', 'stakeholder.update']);
    expect(mapLines[1]!.changes).toEqual([{ field: 'attitude', old: 'neutral', new: 'supporter' }]);

    expect((await t.call(tokens.rep!, 'DELETE', itemUrl)).status).toBe(204);
    expect((await t.call(tokens.rep!, 'DELETE', itemUrl)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'GET', url)).body.items).toEqual([]);
  });

  it('flags the gaps: no decision maker, then more opponents than supporters', async () => {
    const projectId = await createProject(ids.rep!, ids.owner!);
    const url = `/api/v1/projects/${projectId}/stakeholders`;
    const codes = async () => ((await t.call(tokens.rep!, 'GET', url)).body.gaps as any[]).map((gap) => gap.code);
    expect(await codes()).toEqual(['no_stakeholders']);
    await t.call(tokens.rep!, 'POST', url, { contactId: ids.engineer, attitude: 'opponent' });
    await t.call(tokens.rep!, 'POST', url, { contactId: ids.buyer, attitude: 'opponent' });
    expect(await codes()).toEqual(expect.arrayContaining(['no_decision_maker', 'more_opponents_than_supporters']));
    const list = await t.call(tokens.rep!, 'GET', url);
    expect(list.body.gaps.find((gap: any) => gap.code === 'more_opponents_than_supporters').params).toEqual({ supporters: 0, opponents: 2 });
    await t.call(tokens.rep!, 'POST', url, { contactId: ids.decider, attitude: 'supporter' });
    const after = await codes();
    expect(after).not.toContain('no_decision_maker');
    expect(after).toContain('more_opponents_than_supporters');
    expect(after).not.toContain('no_technical_evaluator');
  });
});

describe('competitors', () => {
  it('takes only competitor organisations, with prices as decimal strings', async () => {
    const projectId = await createProject(ids.rep!, ids.owner!);
    const url = `/api/v1/projects/${projectId}/competitors`;
    const wrongType = await t.call(tokens.rep!, 'POST', url, { organizationId: ids.owner });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.errors[0]).toMatchObject({ path: 'organizationId', code: 'not_competitor' });
    expect((await t.call(tokens.peer!, 'POST', url, { organizationId: ids.competitor })).status).toBe(404);
    expect((await t.call(tokens.viewer!, 'POST', url, { organizationId: ids.competitor })).status).toBe(403);
    expect((await t.call(tokens.rep!, 'POST', url, { organizationId: ids.competitor, price: '12.345' })).status).toBe(400);

    const added = await t.call(tokens.rep!, 'POST', url, { organizationId: ids.competitor, price: '1280000.5', threat: 4, strengths: '价格低' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ organization: { id: ids.competitor }, price: '1280000.50', threat: 4, version: 1 });
    const same = await t.call(tokens.rep!, 'PATCH', `${url}/${added.body.id}`, { price: '1280000.50', version: 1 });
    expect(same.body.version).toBe(1);
    const changed = await t.call(tokens.rep!, 'PATCH', `${url}/${added.body.id}`, { threat: 2, version: 1 });
    expect(changed.body).toMatchObject({ threat: 2, version: 2 });
    expect((await t.call(tokens.rep!, 'PATCH', `${url}/${added.body.id}`, { threat: 5, version: 1 })).status).toBe(409);
    expect((await t.call(tokens.rep!, 'GET', url)).body.items).toHaveLength(1);
    expect((await t.call(tokens.rep!, 'DELETE', `${url}/${added.body.id}`)).status).toBe(204);
  });

  it('names any competitor, whoever owns its record, but no other organisation outside the scope', async () => {
    const projectId = await createProject(ids.rep!, ids.owner!);
    const url = `/api/v1/projects/${projectId}/competitors`;
    const peersCompetitor = await createOrganization(tokens.peer!, '南方泵业股份有限公司', 'competitor');
    // The rep cannot open the peer's competitor record, yet may name it on a project and find it in the picker.
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${peersCompetitor}`)).status).toBe(404);
    const options = await t.call(tokens.rep!, 'GET', '/api/v1/competitor-options?q=南方');
    expect(options.body.items.map((item: { id: string }) => item.id)).toEqual([peersCompetitor]);
    expect((await t.call(tokens.rep!, 'POST', url, { organizationId: peersCompetitor })).status).toBe(201);
    // A customer of the peer stays invisible: not found, not "not a competitor".
    expect((await t.call(tokens.rep!, 'POST', url, { organizationId: ids.peerOwner })).status).toBe(404);
  });
});

describe('deal health and value', () => {
  it('moves the health score as stakeholders and competitors are added and as time passes', async () => {
    const start = new Date();
    const projectId = await createProject(ids.rep!, ids.owner!, { stageEnteredAt: start, amount: '2000000.00' });
    await scoreProject(t.database.db, projectId, start);
    const empty = (await stored(projectId)).healthScore!;
    // gate: nothing done, the next stage's decision maker missing → 0; coverage 0; recency 1; no competitor 1.
    expect(empty).toBe(35);

    const url = `/api/v1/projects/${projectId}/stakeholders`;
    await t.call(tokens.rep!, 'POST', url, { contactId: ids.decider, attitude: 'supporter' });
    const withDecider = (await stored(projectId)).healthScore!;
    expect(withDecider).toBeGreaterThan(empty); // the hook re-scored in the same transaction
    await t.call(tokens.rep!, 'POST', url, { contactId: ids.engineer, attitude: 'supporter' });
    await t.call(tokens.rep!, 'POST', url, { contactId: ids.buyer, attitude: 'neutral' });
    const covered = (await stored(projectId)).healthScore!;
    expect(covered).toBeGreaterThan(withDecider);

    const rival = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${projectId}/competitors`, { organizationId: ids.competitor, threat: 5 });
    expect(rival.status).toBe(201);
    const contested = (await stored(projectId)).healthScore!;
    expect(contested).toBeLessThan(covered);
    await t.call(tokens.rep!, 'POST', `/api/v1/projects/${projectId}/competitors`, { organizationId: ids.rival2, threat: 5 });
    expect((await stored(projectId)).healthScore!).toBeLessThan(contested);

    // Time alone: after 2 × 30 stalled days recency is gone (20 points).
    await scoreProject(t.database.db, projectId, start);
    const before = (await stored(projectId)).healthScore!;
    await scoreProject(t.database.db, projectId, new Date(start.getTime() + 61 * 86_400_000));
    expect((await stored(projectId)).healthScore!).toBe(before - 20);

    const parts = await t.call(tokens.rep!, 'GET', `/api/v1/projects/${projectId}/scores`);
    expect(parts.status).toBe(200);
    expect(parts.body.health).toMatchObject({ gate: 0.5, coverage: expect.any(Number), recency: expect.any(Number) });
    expect((await t.call(tokens.peer!, 'GET', `/api/v1/projects/${projectId}/scores`)).status).toBe(404);
  });

  it('re-scores every open project nightly as of the clock it is given, and leaves closed ones alone', async () => {
    const start = new Date('2030-01-01T00:00:00Z');
    const open = await createProject(ids.rep!, ids.owner!, { stageEnteredAt: start });
    const lost = await createProject(ids.rep!, ids.owner!, { stageEnteredAt: start, status: 'lost' });
    const first = await scoreOpenProjects(t.database.db, start);
    expect(first.scored).toBeGreaterThanOrEqual(1);
    expect((await stored(open)).healthScore).toBe(35);
    expect((await stored(lost)).healthScore).toBeNull();
    // Half-way to twice the stalled days: half of the recency part (10 of 20 points) is gone.
    await scoreOpenProjects(t.database.db, new Date(start.getTime() + 30 * 86_400_000));
    expect((await stored(open)).healthScore).toBe(25);
  });

  it('follows the value model weights: the grade changes when the administrator changes them', async () => {
    const projectId = await createProject(ids.rep!, ids.owner!, { amount: '100000.00', budgetConfirmed: true, needClarity: 1 });
    const current = (await t.call(tokens.admin!, 'GET', '/api/v1/project-settings')).body;
    const put = (weights: Record<string, number>, version: number) =>
      t.call(tokens.admin!, 'PUT', '/api/v1/project-settings', { ...current, valueModel: { ...current.valueModel, weights }, version });
    const budgetOnly = await put({ amount: 0, budgetConfirmed: 100, needClarity: 0, relationship: 0, competition: 0 }, current.version);
    expect(budgetOnly.status, JSON.stringify(budgetOnly.body)).toBe(200);
    expect(await stored(projectId)).toMatchObject({ valueGrade: 'A', valueScore: '100.00' });
    const amountOnly = await put({ amount: 100, budgetConfirmed: 0, needClarity: 0, relationship: 0, competition: 0 }, budgetOnly.body.version);
    expect(amountOnly.status).toBe(200);
    // 10万 of a 1000万 cap.
    expect(await stored(projectId)).toMatchObject({ valueGrade: 'C', valueScore: '1.00' });
    expect((await put({ amount: 1, budgetConfirmed: 0, needClarity: 0, relationship: 0, competition: 0 }, budgetOnly.body.version)).status).toBe(409);
    // Back to the defaults for the other tests.
    const reset = await t.call(tokens.admin!, 'PUT', '/api/v1/project-settings', { ...current, version: amountOnly.body.version });
    expect(reset.status).toBe(200);
  });
});

describe('project settings', () => {
  it('is read by project viewers, changed by project.configure, and names every problem', async () => {
    const read = await t.call(tokens.viewer!, 'GET', '/api/v1/project-settings');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ stalledDays: 30, protectionDays: 90, valueModel: { thresholds: { a: 70, b: 40 } } });
    expect((await t.call(tokens.rep!, 'PUT', '/api/v1/project-settings', read.body)).status).toBe(403);
    const invalid = await t.call(tokens.admin!, 'PUT', '/api/v1/project-settings', {
      valueModel: { weights: { amount: 0, budgetConfirmed: 0, needClarity: 0, relationship: 0, competition: 0 }, thresholds: { a: 20, b: 50 }, amountCap: '-1' },
      stalledDays: 0,
      protectionDays: 1.5,
      version: read.body.version,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: any) => error.path).sort()).toEqual(['protectionDays', 'stalledDays', 'valueModel.amountCap', 'valueModel.thresholds.a', 'valueModel.weights']);
    const saved = await t.call(tokens.admin!, 'PUT', '/api/v1/project-settings', { ...read.body, stalledDays: 45 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ stalledDays: 45, version: read.body.version + 1 });
    expect((await t.call(tokens.admin!, 'PUT', '/api/v1/project-settings', { ...read.body, stalledDays: 20 })).status).toBe(409);
    await t.call(tokens.admin!, 'PUT', '/api/v1/project-settings', { ...saved.body, stalledDays: 30 });
  });
});
