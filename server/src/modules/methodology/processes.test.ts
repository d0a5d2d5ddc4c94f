// Process administration (PRJ-2) and what it must never break (projects in flight), assignment per product line and
// department, days in stage on a controlled clock, checklist toggles, and an override through the approval engine.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForUser } from '../../platform/auth/session-lookup';
import { projectStageHistory, projects } from '../projects/projects.table';
import { createKit, createProject, processByCode, satisfy, stageByCode, advance, type Kit } from './methodology-test-kit';
import { advanceProject, projectStages } from './stage-moves.service';

let kit: Kit;
beforeAll(async () => {
  kit = await createKit();
});
afterAll(async () => kit?.t.close());

const stageInput = (code: string, probability: number, extra: Record<string, unknown> = {}) => ({ code, nameZh: `阶段${code}`, nameEn: `Stage ${code}`, probability, ...extra });
const admin = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown) => kit.t.call(kit.tokens.director!, method, url, body);
const paths = (body: any) => (body.errors ?? []).map((error: any) => `${error.path}:${error.code}`).sort();

async function createProcess(code: string, extra: Record<string, unknown> = {}) {
  const response = await admin('POST', '/api/v1/sales-processes', {
    code,
    nameZh: `流程${code}`,
    nameEn: `Process ${code}`,
    stages: [
      stageInput('one', 10, { checklist: [{ key: 'met', labelZh: '已拜访', labelEn: 'Visited' }] }),
      stageInput('two', 40, { criteria: [{ type: 'checklist', stage: 'one', item: 'met' }] }),
      stageInput('three', 70, { criteria: [{ type: 'field', field: 'amount' }] }),
      stageInput('won', 100, { kind: 'won' }),
    ],
    ...extra,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

describe('administration', () => {
  it('needs project.configure; validation names every problem', async () => {
    expect((await kit.t.call(kit.tokens.manager!, 'POST', '/api/v1/sales-processes', {})).status).toBe(403);
    const bad = await admin('POST', '/api/v1/sales-processes', {
      code: 'bad',
      nameZh: '坏流程',
      nameEn: 'Bad',
      productLines: ['no_such_line'],
      departmentIds: ['00000000-0000-4000-8000-000000000000'],
      stages: [
        stageInput('a', 10, { checklist: [{ key: 'x', labelZh: '甲', labelEn: 'X' }, { key: 'x', labelZh: '乙', labelEn: 'Y' }], criteria: [{ type: 'checklist', stage: 'b', item: 'y' }] }),
        stageInput('a', 20, { criteria: [{ type: 'checklist', stage: 'nope', item: 'x' }] }),
        stageInput('b', 30, { criteria: [{ type: 'checklist', stage: 'a', item: 'missing' }] }),
      ],
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(
      [
        'departmentIds.0:unknown_department',
        'productLines.0:option_unknown',
        'stages.0.checklist.1.key:duplicate_key',
        'stages.0.criteria.0.stage:stage_not_earlier',
        'stages.1.code:duplicate_code',
        'stages.1.criteria.0.stage:unknown_stage',
        'stages.2.criteria.0.item:unknown_checklist_item',
      ].sort(),
    );
    const schema = await admin('POST', '/api/v1/sales-processes', { code: 'x y', nameZh: '', stages: [stageInput('a', 120)] });
    expect(schema.status).toBe(400);
    expect(paths(schema.body)).toEqual(expect.arrayContaining(['code:code_format', 'stages.0.probability:too_big']));
  });

  it('editing a process never corrupts a project in flight: rename, re-weight, reorder, change criteria, archive its stage', async () => {
    const process = await createProcess('inflight', { departmentIds: [kit.departments.north] });
    // H1's create honours the department assignment: a project of a north rep follows this process.
    const project = await createProject(kit, '在途项目', { organizationId: kit.orgs.northrep }, kit.tokens.northrep!);
    expect(project.processId).toBe(process.id);
    const [one, two, three] = process.stages;
    await satisfy(kit, project.id, process.id, { type: 'checklist', stage: 'one', item: 'met' }, kit.tokens.northrep!);
    expect((await advance(kit, kit.tokens.northrep!, project.id, two.id)).status).toBe(200);

    let version = process.version;
    const edit = async (stageId: string, body: Record<string, unknown>) => {
      const response = await admin('PATCH', `/api/v1/sales-processes/${process.id}/stages/${stageId}`, { version, ...body });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      version = response.body.version;
      return response.body;
    };
    await edit(two.id, { nameZh: '方案阶段', nameEn: 'Proposal', probability: 45 });
    const stale = await admin('PATCH', `/api/v1/sales-processes/${process.id}/stages/${two.id}`, { version: version - 1, probability: 1 });
    expect(stale.status).toBe(409);
    // The project keeps its stage and the probability it entered with.
    let read = (await kit.t.call(kit.tokens.northrep!, 'GET', `/api/v1/projects/${project.id}`)).body;
    expect([read.stage.id, read.stage.nameZh, read.probability]).toEqual([two.id, '方案阶段', 40]);

    const reordered = await admin('PUT', `/api/v1/sales-processes/${process.id}/stage-order`, { version, stageIds: [one.id, three.id, two.id, process.stages[3].id] });
    expect(reordered.status, JSON.stringify(reordered.body)).toBe(200);
    version = reordered.body.version;
    // 'three' now comes before the project's stage: moving there is a move back, no gate.
    expect((await advance(kit, kit.tokens.northrep!, project.id, three.id)).status).toBe(200);
    // Changed criteria apply to the next move: two now asks for the amount.
    await edit(two.id, { criteria: [{ type: 'field', field: 'amount' }] });
    const refused = await advance(kit, kit.tokens.northrep!, project.id, two.id);
    expect(refused.status).toBe(422);
    expect(refused.body.unmet.map((entry: any) => [entry.stageCode, entry.code, entry.params])).toEqual([['two', 'field_missing', { field: 'amount' }]]);
    await edit(two.id, { criteria: [] });
    expect((await advance(kit, kit.tokens.northrep!, project.id, two.id)).status).toBe(200);

    // Archive the stage the project stands in: it stays there, sees it, and can still move away (but not back into it).
    await edit(two.id, { archived: true });
    read = (await kit.t.call(kit.tokens.northrep!, 'GET', `/api/v1/projects/${project.id}`)).body;
    expect(read.stage.id).toBe(two.id);
    const panel = (await kit.t.call(kit.tokens.northrep!, 'GET', `/api/v1/projects/${project.id}/stages`)).body;
    expect(panel.stages.find((entry: any) => entry.current).stage.archivedAt).not.toBeNull();
    expect((await advance(kit, kit.tokens.northrep!, project.id, one.id)).status).toBe(200);
    const into = await advance(kit, kit.tokens.northrep!, project.id, two.id);
    expect(into.body.errors[0].code).toBe('stage_archived');
    // New projects never start in an archived stage, and the board of stages lists it as archived.
    const list = (await kit.t.call(kit.tokens.director!, 'GET', `/api/v1/sales-processes/${process.id}`)).body;
    expect(list.stages.find((stage: any) => stage.id === two.id).archivedAt).not.toBeNull();
    const history = await kit.t.database.db.select().from(projectStageHistory).where(eq(projectStageHistory.projectId, project.id));
    expect(history.map((row) => row.kind)).toEqual(['create', 'advance', 'back', 'advance', 'back']);
  });

  it('deleting: an unused stage goes, a used one is archived, a stage other gates name is refused; a used process cannot be deleted', async () => {
    const process = await createProcess('deletions');
    let version = process.version;
    const extra = await admin('POST', `/api/v1/sales-processes/${process.id}/stages`, { version, ...stageInput('extra', 80) });
    expect(extra.status, JSON.stringify(extra.body)).toBe(201);
    version = extra.body.version;
    const extraStage = extra.body.stages.find((stage: any) => stage.code === 'extra');
    const removed = await admin('DELETE', `/api/v1/sales-processes/${process.id}/stages/${extraStage.id}?version=${version}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.outcome).toBe('deleted');
    expect(removed.body.process.stages.map((stage: any) => stage.code)).toEqual(['one', 'two', 'three', 'won']);
    version = removed.body.process.version;
    // 'one' is named by two's gate: refused while unused.
    const referenced = await admin('DELETE', `/api/v1/sales-processes/${process.id}/stages/${process.stages[0].id}?version=${version}`);
    expect(referenced.status).toBe(422);
    expect(referenced.body.errors).toEqual([{ path: 'stages.two.criteria.0.stage', code: 'stage_referenced', message: 'stage_referenced' }]);

    // Make the process the default so a project lands in it, then delete its stage three after the project passed it.
    const defaulted = await admin('PATCH', `/api/v1/sales-processes/${process.id}`, { version, isDefault: true });
    expect(defaulted.status).toBe(200);
    version = defaulted.body.version;
    const project = await createProject(kit, '删除阶段测试项目');
    expect(project.processId).toBe(process.id);
    const three = process.stages[2];
    const manager = await actorForUser(kit.t.database.db, kit.ids.manager!);
    const [row] = await kit.t.database.db.select().from(projects).where(eq(projects.id, project.id));
    await advanceProject(kit.t.database.db, manager!, project.id, { toStageId: three.id, version: row!.version, override: { reason: '测试' } });
    const archived = await admin('DELETE', `/api/v1/sales-processes/${process.id}/stages/${three.id}?version=${version}`);
    expect(archived.status).toBe(200);
    expect(archived.body.outcome).toBe('archived');
    expect((await admin('DELETE', `/api/v1/sales-processes/${process.id}`)).status).toBe(422);
    const ctmp8 = await processByCode(kit, 'ctmp8');
    expect((await admin('DELETE', `/api/v1/sales-processes/${ctmp8.id}`)).body.code).toBe('builtin_protected');
    // Back to the built-in default for the other tests.
    const restored = await admin('PATCH', `/api/v1/sales-processes/${ctmp8.id}`, { version: ctmp8.version, isDefault: true });
    expect(restored.status).toBe(200);
    const unused = await createProcess('unused');
    expect((await admin('DELETE', `/api/v1/sales-processes/${unused.id}`)).status).toBe(204);
  });

  it('a product line belongs to one active process at a time', async () => {
    await createProcess('lines', { productLines: ['automation'] });
    const clash = await admin('POST', '/api/v1/sales-processes', {
      code: 'lines2',
      nameZh: '流程二',
      nameEn: 'Two',
      productLines: ['automation'],
      stages: [stageInput('a', 10)],
    });
    expect(clash.status).toBe(400);
    expect(paths(clash.body)).toEqual(['productLines.0:product_line_taken']);
    const project = await createProject(kit, '自动化改造项目', { productLines: ['automation'] });
    expect(project.processId).toBe((await processByCode(kit, 'lines')).id);
  });
});

describe('days in stage and the checklist', () => {
  it('gives days per stage from the dated history on a controlled clock, over several visits', async () => {
    const db = kit.t.database.db;
    const process = await processByCode(kit, 'ctmp8');
    const project = await createProject(kit, '停留天数测试项目');
    const start = new Date('2026-01-01T08:00:00Z');
    await db.update(projectStageHistory).set({ movedAt: start }).where(eq(projectStageHistory.projectId, project.id));
    const manager = (await actorForUser(db, kit.ids.manager!))!;
    const f = await stageByCode(kit, process.id, 'F');
    const g = await stageByCode(kit, process.id, 'G');
    const at = (day: number) => new Date(start.getTime() + day * 86_400_000);
    const version = async () => (await db.select().from(projects).where(eq(projects.id, project.id)))[0]!.version;
    await advanceProject(db, manager, project.id, { toStageId: f.id, version: await version(), override: { reason: '已上门' } }, at(10));
    await advanceProject(db, manager, project.id, { toStageId: g.id, version: await version() }, at(13));
    await advanceProject(db, manager, project.id, { toStageId: f.id, version: await version(), override: { reason: '再次拜访' } }, at(20));
    const panel = await projectStages(db, manager, project.id, at(27.5));
    const days = Object.fromEntries(panel.stages.map((entry) => [entry.stage.code, entry.days]));
    expect(days).toMatchObject({ G: 17, F: 10, E: 0 });
    expect(panel.stages.find((entry) => entry.stage.code === 'F')!.visits).toEqual([
      { enteredAt: at(10).toISOString(), leftAt: at(13).toISOString() },
      { enteredAt: at(20).toISOString(), leftAt: null },
    ]);
    expect(panel.history.map((entry) => [entry.kind, entry.movedAt])).toEqual([
      ['create', start.toISOString()],
      ['override', at(10).toISOString()],
      ['back', at(13).toISOString()],
      ['override', at(20).toISOString()],
    ]);
    const read = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}`)).body;
    expect(read.stageEnteredAt).toBe(at(20).toISOString());
  });

  it('ticks and unticks checklist items, shown with who did them; unknown items 404; the criteria status follows', async () => {
    const process = await processByCode(kit, 'ctmp8');
    const project = await createProject(kit, '清单测试项目');
    const g = await stageByCode(kit, process.id, 'G');
    const tick = (item: string, done: boolean) => kit.t.call(kit.tokens.rep!, 'PUT', `/api/v1/projects/${project.id}/checklist/${g.id}/${item}`, { done });
    expect((await tick('visit_scheduled', true)).body).toMatchObject({ done: true, itemKey: 'visit_scheduled' });
    expect((await tick('no_such_item', true)).status).toBe(404);
    let panel = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}/stages`)).body;
    const gItems = panel.stages.find((entry: any) => entry.stage.code === 'G').checklist;
    expect(gItems.find((item: any) => item.key === 'visit_scheduled')).toMatchObject({ done: true, doneBy: { id: kit.ids.rep } });
    const fCriteria = panel.stages.find((entry: any) => entry.stage.code === 'F').criteria;
    expect(fCriteria.find((entry: any) => entry.params.item === 'visit_scheduled').met).toBe(true);
    expect(fCriteria.find((entry: any) => entry.params.item === 'target_fit').met).toBe(false);
    expect(panel.access).toEqual({ edit: true, override: false });
    expect((await tick('visit_scheduled', false)).body.done).toBe(false);
    panel = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}/stages`)).body;
    expect(panel.stages.find((entry: any) => entry.stage.code === 'G').checklist.every((item: any) => !item.done)).toBe(true);
    const history = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}/history`)).body;
    expect(JSON.stringify(history)).toContain('checklist.G.visit_scheduled');
  });
});

describe('override through the approval engine', () => {
  it('with a flow for project_stage_override, the override waits for approval, locks further moves, then moves on approval', async () => {
    const flow = await kit.t.call(kit.tokens.admin!, 'POST', '/api/v1/approval-flows', {
      documentType: 'project_stage_override',
      name: '阶段越级审批',
      priority: 10,
      condition: null,
      active: true,
      steps: [{ key: 'director', name: '总监审批', approver: { kind: 'users', userIds: [kit.ids.director] }, mode: 'any', condition: null, remindAfterHours: null, escalateAfterHours: null }],
    });
    expect(flow.status, JSON.stringify(flow.body)).toBe(201);
    const process = await processByCode(kit, 'ctmp8');
    const project = await createProject(kit, '审批越级测试项目');
    const e = await stageByCode(kit, process.id, 'E');
    const pending = await advance(kit, kit.tokens.manager!, project.id, e.id, { override: { reason: '业主指定' } });
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
    expect(pending.body).toMatchObject({ outcome: 'pending_approval', stageId: project.stage.id });
    expect((await advance(kit, kit.tokens.manager!, project.id, e.id, { override: { reason: '再试' } })).body.code).toBe('record_locked');
    const approved = await kit.t.call(kit.tokens.director!, 'POST', `/api/v1/approvals/${pending.body.approvalId}/approve`, { comment: '同意' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const panel = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}/stages`)).body;
    expect(panel.currentStageId).toBe(e.id);
    expect(panel.history.at(-1)).toMatchObject({ kind: 'override', reason: '业主指定', approvalId: pending.body.approvalId, movedBy: { id: kit.ids.manager } });
    await kit.t.call(kit.tokens.admin!, 'DELETE', `/api/v1/approval-flows/${flow.body.id}`);
  });
});
