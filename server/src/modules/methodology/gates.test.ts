// Stage gates of the two built-in processes through real HTTP (PRJ-2, PRJ-3): each stage's gate refuses with exactly its
// unmet criteria (code + parameters) and opens once they are met; two stages ahead checks both; moving back; override
// by a manager with a reason; 409 on a stale version; the won stage is reached by closing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateCriterion } from '@openpsm/contracts';
import { actorForUser } from '../../platform/auth/session-lookup';
import { projects } from '../projects/projects.table';
import { builtinProcesses, ensureSalesProcesses } from './builtin-processes';
import { evaluateGate } from './gate-criteria';
import { salesProcesses, salesStages } from './methodology.table';
import { advance, createKit, createProject, expectedUnmet, processByCode, satisfy, stageByCode, unmetOf, type Kit } from './methodology-test-kit';

let kit: Kit;
beforeAll(async () => {
  kit = await createKit();
});
afterAll(async () => kit?.t.close());

describe('the built-in processes', () => {
  it('are seeded with the stage names and probabilities of seed 002, in Chinese and English, with checklist and success criteria', async () => {
    const items = (await kit.t.call(kit.tokens.rep!, 'GET', '/api/v1/sales-processes')).body.items as any[];
    const ctmp8 = items.find((process) => process.code === 'ctmp8');
    const ctmp7 = items.find((process) => process.code === 'ctmp7');
    expect(ctmp8.isDefault).toBe(true);
    expect(ctmp8.builtin).toBe(true);
    expect(ctmp8.stages.map((stage: any) => `${stage.code} ${stage.nameZh} ${stage.probability}`)).toEqual([
      'G 电话邀约 10',
      'F 上门拜访 20',
      'E 方案设计 25',
      'D 业绩展示 30',
      'C 方案确认 50',
      'B 项目评估 75',
      'A 商务谈判 90',
      'S 签约成交 100',
    ]);
    expect(ctmp7.stages.map((stage: any) => `${stage.nameZh} ${stage.probability}`)).toEqual(['项目立项 5', '深度接触 10', '技术突破1 25', '技术突破2 50', '商务突破 75', '合同签订 95', '合同执行 100']);
    for (const stage of [...ctmp8.stages, ...ctmp7.stages]) {
      expect(stage.nameEn, stage.code).toMatch(/\w/);
      expect(stage.successZh && stage.successEn && stage.milestoneZh && stage.milestoneEn && stage.inputsZh && stage.outputsEn, stage.code).toBeTruthy();
      expect(stage.checklist.length, stage.code).toBeGreaterThanOrEqual(2);
      for (const item of stage.checklist) expect(item.labelZh && item.labelEn).toBeTruthy();
    }
    expect(ctmp8.stages.at(-1).kind).toBe('won');
    expect(ctmp7.stages.at(-1).kind).toBe('won');
    expect(ctmp8.stages.find((stage: any) => stage.code === 'G').checklist.map((item: any) => item.labelZh)).toContain('已经与经手人士确认好具体时间、地点等');
  });

  it('seeding again never overwrites what an administrator changed', async () => {
    const db = kit.t.database.db;
    const process = await processByCode(kit, 'ctmp8');
    const g = await stageByCode(kit, process.id, 'G');
    await db.update(salesStages).set({ nameZh: '电话预约', probability: 12 }).where(eq(salesStages.id, g.id));
    await ensureSalesProcesses(db);
    await ensureSalesProcesses(db);
    const after = await stageByCode(kit, process.id, 'G');
    expect([after.nameZh, after.probability]).toEqual(['电话预约', 12]);
    expect((await db.select().from(salesProcesses)).filter((row) => row.builtin)).toHaveLength(2);
    expect((await db.select().from(salesStages).where(eq(salesStages.processId, process.id))).length).toBe(8);
    await db.update(salesStages).set({ nameZh: '电话邀约', probability: 10 }).where(eq(salesStages.id, g.id));
  });
});

/**
 * Walks a new project through every stage of a built-in process: at each gate, the refusal lists exactly the criteria
 * not yet satisfied; with all but one satisfied, exactly that one; with all, the move succeeds.
 */
async function walkProcess(code: string, extra: Record<string, unknown>) {
  const definition = builtinProcesses.find((process) => process.code === code)!;
  const process = await processByCode(kit, code);
  const project = await createProject(kit, `${code} 全流程测试项目`, extra);
  expect(project.processId).toBe(process.id);
  expect(project.stage.code).toBe(definition.stages[0]!.code);
  const satisfied = new Set<string>();
  const key = (criterion: GateCriterion) => JSON.stringify(criterion);
  const alreadyMet = (criterion: GateCriterion) => satisfied.has(key(criterion)) || (criterion.type === 'field' && criterion.field in extra);
  for (const stageDefinition of definition.stages.slice(1)) {
    const stage = await stageByCode(kit, process.id, stageDefinition.code);
    const open = stageDefinition.criteria.filter((criterion) => !alreadyMet(criterion));
    expect(open.length, `${code}/${stage.code} must ask for some new work`).toBeGreaterThan(0);
    if (stageDefinition.kind === 'won') {
      const refused = await advance(kit, kit.tokens.rep!, project.id, stage.id);
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ path: 'toStageId', code: 'won_stage_needs_close', message: 'won_stage_needs_close' }]);
      const [row] = await kit.t.database.db.select().from(projects).where(eq(projects.id, project.id));
      const before = await evaluateGate(kit.t.database.db, row!, stage);
      expect(before.passed).toBe(false);
      expect(before.unmet.map((status) => ({ stageCode: status.stageCode, code: status.code, params: status.params }))).toEqual(open.map((criterion) => expectedUnmet(stage.code, criterion)));
      for (const criterion of open) await satisfy(kit, project.id, process.id, criterion);
      expect((await evaluateGate(kit.t.database.db, { ...row!, ...(await kit.t.database.db.select().from(projects).where(eq(projects.id, project.id)))[0]! }, stage)).passed).toBe(true);
      continue;
    }
    const first = await advance(kit, kit.tokens.rep!, project.id, stage.id);
    expect(first.status, `${code}/${stage.code}: ${JSON.stringify(first.body)}`).toBe(422);
    expect(first.body.code).toBe('stage_gate_unmet');
    expect(unmetOf(first.body)).toEqual(open.map((criterion) => expectedUnmet(stage.code, criterion)));
    expect(first.body.errors.map((error: any) => error.code)).toEqual(open.map((criterion) => expectedUnmet(stage.code, criterion).code));
    for (const criterion of open.slice(0, -1)) {
      await satisfy(kit, project.id, process.id, criterion);
      satisfied.add(key(criterion));
    }
    const last = open.at(-1)!;
    const second = await advance(kit, kit.tokens.rep!, project.id, stage.id);
    expect(second.status).toBe(422);
    expect(unmetOf(second.body)).toEqual([expectedUnmet(stage.code, last)]);
    await satisfy(kit, project.id, process.id, last);
    satisfied.add(key(last));
    const moved = await advance(kit, kit.tokens.rep!, project.id, stage.id);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ outcome: 'moved', stageId: stage.id, overridden: [] });
    const read = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}`)).body;
    expect([read.stage.code, read.probability]).toEqual([stage.code, stageDefinition.probability]);
  }
  const panel = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}/stages`)).body;
  expect(panel.history.map((entry: any) => entry.kind)).toEqual(['create', ...definition.stages.slice(1, -1).map(() => 'advance')]);
  return project;
}

describe('each built-in stage gate refuses with exactly its unmet criteria and opens once they are met', () => {
  it('the 8-stage CTMP process, G → F → E → D → C → B → A, and S by evaluateGate', async () => {
    await walkProcess('ctmp8', {});
  });

  it('the 7-stage process (assigned to a product line), 项目立项 → … → 合同签订, and 合同执行 by evaluateGate', async () => {
    const process = await processByCode(kit, 'ctmp7');
    const assigned = await kit.t.call(kit.tokens.director!, 'PATCH', `/api/v1/sales-processes/${process.id}`, { productLines: ['valves'], version: process.version });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    await walkProcess('ctmp7', { productLines: ['valves'] });
  });
});

describe('moving', () => {
  it('two stages ahead checks every stage passed, listing each unmet criterion with its stage', async () => {
    const process = await processByCode(kit, 'ctmp8');
    const project = await createProject(kit, '跳级测试项目');
    const e = await stageByCode(kit, process.id, 'E');
    const response = await advance(kit, kit.tokens.rep!, project.id, e.id);
    expect(response.status).toBe(422);
    const f = builtinProcesses[0]!.stages[1]!;
    const eDefinition = builtinProcesses[0]!.stages[2]!;
    expect(unmetOf(response.body)).toEqual([...f.criteria.map((criterion) => expectedUnmet('F', criterion)), ...eDefinition.criteria.map((criterion) => expectedUnmet('E', criterion))]);
    expect(response.body.unmet[0]).toMatchObject({ stageCode: 'F', met: false, params: { buyingRoles: ['user'], minCount: 1, actual: 0 } });
    expect(response.body.unmet[1].params).toMatchObject({ stage: 'G', item: 'target_fit', labelZh: '已经符合目标客户的选择标准', labelEn: 'The customer meets our target-customer criteria' });
    // F's gate met, E's not: still refused, now naming E's criteria only.
    for (const criterion of f.criteria) await satisfy(kit, project.id, process.id, criterion);
    const again = await advance(kit, kit.tokens.rep!, project.id, e.id);
    expect(again.status).toBe(422);
    expect(unmetOf(again.body).map((entry) => entry.stageCode)).toEqual(eDefinition.criteria.map(() => 'E'));
  });

  it('override: a rep may not (403), a manager must give a reason (422), then the move is kept with the reason and the overridden criteria', async () => {
    const process = await processByCode(kit, 'ctmp8');
    const project = await createProject(kit, '越级审批测试项目');
    const d = await stageByCode(kit, process.id, 'D');
    expect((await advance(kit, kit.tokens.rep!, project.id, d.id, { override: { reason: '客户高层直接推动' } })).status).toBe(403);
    const noReason = await advance(kit, kit.tokens.manager!, project.id, d.id, { override: {} });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([{ path: 'override.reason', code: 'reason_required', message: 'reason_required' }]);
    expect((await advance(kit, kit.tokens.manager!, project.id, d.id, { override: { reason: '   ' } })).status).toBe(422);
    const done = await advance(kit, kit.tokens.manager!, project.id, d.id, { override: { reason: '客户高层直接推动' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.outcome).toBe('moved');
    expect(done.body.overridden.map((entry: any) => entry.stageCode)).toEqual(expect.arrayContaining(['F', 'E', 'D']));
    const panel = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}/stages`)).body;
    expect(panel.history.at(-1)).toMatchObject({ kind: 'override', reason: '客户高层直接推动', toStageId: d.id, movedBy: { id: kit.ids.manager } });
    expect(panel.stages.find((entry: any) => entry.current).stage.code).toBe('D');
  });

  it('moving back is always allowed and kept in the history; a stale version is 409; the same stage or another process 422', async () => {
    const process = await processByCode(kit, 'ctmp8');
    const project = await createProject(kit, '回退测试项目');
    const g = await stageByCode(kit, process.id, 'G');
    const f = await stageByCode(kit, process.id, 'F');
    for (const criterion of builtinProcesses[0]!.stages[1]!.criteria) await satisfy(kit, project.id, process.id, criterion);
    expect((await advance(kit, kit.tokens.rep!, project.id, f.id)).status).toBe(200);
    const stale = await kit.t.call(kit.tokens.rep!, 'POST', `/api/v1/projects/${project.id}/advance`, { toStageId: g.id, version: 1 });
    expect(stale.status).toBe(409);
    const back = await advance(kit, kit.tokens.rep!, project.id, g.id);
    expect(back.status).toBe(200);
    expect((await advance(kit, kit.tokens.rep!, project.id, g.id)).body.errors[0].code).toBe('same_stage');
    const other = await stageByCode(kit, (await processByCode(kit, 'ctmp7')).id, 'deep_contact');
    expect((await advance(kit, kit.tokens.rep!, project.id, other.id)).body.errors[0].code).toBe('stage_not_in_process');
    const panel = (await kit.t.call(kit.tokens.rep!, 'GET', `/api/v1/projects/${project.id}/stages`)).body;
    expect(panel.history.map((entry: any) => entry.kind)).toEqual(['create', 'advance', 'back']);
    expect(panel.stages.find((entry: any) => entry.stage.code === 'G').visits).toHaveLength(2);
    // Forward again: G's checklist is still done, so F's gate still passes.
    expect((await advance(kit, kit.tokens.rep!, project.id, f.id)).status).toBe(200);
  });

  it('outside the data scope is 404, read-only access 403, without project.edit 403', async () => {
    const process = await processByCode(kit, 'ctmp8');
    const project = await createProject(kit, '权限测试项目');
    const f = await stageByCode(kit, process.id, 'F');
    expect((await advance(kit, kit.tokens.northrep!, project.id, f.id)).status).toBe(404);
    expect((await kit.t.call(kit.tokens.northrep!, 'GET', `/api/v1/projects/${project.id}/stages`)).status).toBe(404);
    const g = await stageByCode(kit, process.id, 'G');
    expect((await kit.t.call(kit.tokens.northrep!, 'PUT', `/api/v1/projects/${project.id}/checklist/${g.id}/target_fit`, { done: true })).status).toBe(404);
    const actor = await actorForUser(kit.t.database.db, kit.ids.rep!);
    expect(actor?.permissions.has('project.edit')).toBe(true);
  });
});
