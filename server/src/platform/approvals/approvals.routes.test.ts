// The approval engine over HTTP on a real database: routing by amount, any-one / all-must, return, withdraw,
// concurrent decisions, access, versioned flows, escalation with a moved clock, delegation, validation.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { actorFromToken } from '../auth/session-lookup';
import { departments } from '../org-structure/org-structure.table';
import { notifications } from '../notify/notify.table';
import { submitApproval } from './approval-chain';
import { processApprovalDeadlines } from './approval-deadlines';
import { registerDocumentType } from './document-types';

/**
 * A fixture document type, as a module would register one: purchases with an amount, kept in memory. Its
 * callbacks record what the engine asked for, so the tests see the outcome reach the owning module.
 */
const purchases = new Map<string, { title: string; amount: string }>();
const approvedPurchases: string[] = [];
const rejectedPurchases: string[] = [];
registerDocumentType({
  key: 'test_purchase',
  recordType: 'test_purchase',
  required: true,
  fields: [{ key: 'purchase.amount', type: 'money' }],
  async loadSubject(_tx, _actor, recordId) {
    const purchase = purchases.get(recordId);
    if (!purchase) throw new Error('no such purchase');
    return { title: purchase.title, fields: [{ field: 'amount', value: purchase.amount }], values: { 'purchase.amount': purchase.amount } };
  },
  // Only the director may read purchases besides the people in the approval.
  async canReadRecord(_tx, actor) {
    return actor.username === 'director';
  },
  async onApproved(_tx, outcome) {
    approvedPurchases.push(outcome.recordId);
  },
  async onRejected(_tx, outcome) {
    rejectedPurchases.push(outcome.recordId);
  },
});

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function submitPurchase(username: string, amount: string, title = `采购 ${amount}`) {
  const recordId = crypto.randomUUID();
  purchases.set(recordId, { title, amount });
  const actor = (await actorFromToken(t.database.db, tokens[username]!, null))!;
  const instance = await t.database.db.transaction((tx) => submitApproval(tx, actor, 'test_purchase', recordId));
  return { recordId, id: instance!.id };
}

const detail = async (username: string, id: string) => (await t.call(tokens[username]!, 'GET', `/api/v1/approvals/${id}`)).body;
const act = (username: string, id: string, verb: string, body: Record<string, unknown> = {}) => t.call(tokens[username]!, 'POST', `/api/v1/approvals/${id}/${verb}`, body);

async function createFlow(body: Record<string, unknown>) {
  const response = await t.call(tokens.admin!, 'POST', '/api/v1/approval-flows', { documentType: 'test_purchase', priority: 10, condition: null, active: true, ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** Only one flow of the fixture type is active at a time, so each test routes through the one it set up. */
async function onlyFlow(body: Record<string, unknown>) {
  const existing = (await t.call(tokens.admin!, 'GET', '/api/v1/approval-flows?documentType=test_purchase')).body.items as any[];
  for (const flow of existing) expect((await t.call(tokens.admin!, 'DELETE', `/api/v1/approval-flows/${flow.id}`)).status).toBe(204);
  return createFlow({ name: 'test', ...body });
}

const step = (key: string, approver: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  key,
  name: `step ${key}`,
  approver,
  mode: 'any',
  condition: null,
  remindAfterHours: null,
  escalateAfterHours: null,
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  tokens.admin = await t.login('admin');
  const company = await t.createDepartment('总公司');
  const region = await t.createDepartment('华东大区', company);
  const team = await t.createDepartment('上海一组', region);
  const other = await t.createDepartment('华南大区', company);
  ids.director = await t.createUser({ username: 'director', departmentId: company, role: 'sales_director', position: 'director' });
  ids.manager = await t.createUser({ username: 'manager', departmentId: region, role: 'sales_manager', position: 'manager', managerId: ids.director });
  ids.supervisor = await t.createUser({ username: 'supervisor', departmentId: team, role: 'supervisor', position: 'supervisor', managerId: ids.manager });
  ids.rep = await t.createUser({ username: 'rep', departmentId: team, role: 'sales_rep', managerId: ids.supervisor });
  ids.peer = await t.createUser({ username: 'peer', departmentId: team, role: 'sales_rep', managerId: ids.supervisor });
  ids.outsider = await t.createUser({ username: 'outsider', departmentId: other, role: 'sales_rep' });
  ids.fin1 = await t.createUser({ username: 'fin1', departmentId: company, role: 'finance', position: 'clerk' });
  ids.fin2 = await t.createUser({ username: 'fin2', departmentId: company, role: 'finance', position: 'clerk' });
  await t.database.db.update(departments).set({ headUserId: ids.manager }).where(eq(departments.id, region));
  for (const name of ['director', 'manager', 'supervisor', 'rep', 'peer', 'outsider', 'fin1', 'fin2']) tokens[name] = await t.login(name);
});
afterAll(async () => t?.close());

describe('routing', () => {
  it('a two-step chain: the direct manager, then the department head for amounts over the threshold', async () => {
    await onlyFlow({
      steps: [
        step('lead', { kind: 'direct_manager' }),
        step('head', { kind: 'department_head', departmentId: null, levelsUp: 1 }, { condition: { match: 'all', rules: [{ field: 'purchase.amount', op: 'gt', value: '10000' }] } }),
      ],
    });
    const small = await submitPurchase('rep', '5000.00');
    let state = await detail('rep', small.id);
    expect(state.steps.map((s: any) => s.state)).toEqual(['pending', 'skipped']);
    expect(state.steps[1].skippedBecause).toBe('condition');
    expect(state.waitingFor.map((u: any) => u.id)).toEqual([ids.supervisor]);
    expect((await act('supervisor', small.id, 'approve', { comment: '同意' })).status).toBe(200);
    state = await detail('rep', small.id);
    expect(state.status).toBe('approved');
    expect(approvedPurchases).toContain(small.recordId);

    const large = await submitPurchase('rep', '25000.50');
    expect((await detail('rep', large.id)).steps.map((s: any) => s.state)).toEqual(['pending', 'waiting']);
    expect((await act('supervisor', large.id, 'approve')).status).toBe(200);
    state = await detail('rep', large.id);
    expect(state.status).toBe('pending');
    expect(state.currentStep.index).toBe(1);
    expect(state.waitingFor.map((u: any) => u.id)).toEqual([ids.manager]); // head of the region, one level up from the team
    expect(approvedPurchases).not.toContain(large.recordId);
    expect((await act('manager', large.id, 'approve', { comment: '金额合理' })).status).toBe(200);
    state = await detail('rep', large.id);
    expect(state.status).toBe('approved');
    expect(state.events.map((e: any) => e.kind)).toEqual(['submitted', 'approved', 'approved', 'completed']);
    expect(approvedPurchases).toContain(large.recordId);
  });

  it('the submitter never approves their own request: a step they alone would decide is skipped', async () => {
    await onlyFlow({ steps: [step('s', { kind: 'users', userIds: [ids.rep] }), step('t', { kind: 'users', userIds: [ids.fin1] })] });
    const { id } = await submitPurchase('rep', '100');
    const state = await detail('rep', id);
    expect(state.steps.map((s: any) => [s.state, s.skippedBecause])).toEqual([
      ['skipped', 'self'],
      ['pending', null],
    ]);
  });

  it('a step nobody can approve goes to the administrators', async () => {
    await onlyFlow({ steps: [step('s', { kind: 'direct_manager' })] });
    const { id } = await submitPurchase('outsider', '100'); // the outsider has no manager
    const state = await detail('outsider', id);
    expect(state.waitingFor.map((u: any) => u.displayName)).toEqual(['系统管理员']);
    expect(state.events.map((e: any) => e.kind)).toContain('no_approver');
  });
});

describe('modes and concurrency', () => {
  it('any-one: the first approval decides, the other approver is too late (409)', async () => {
    await onlyFlow({ steps: [step('fin', { kind: 'users', userIds: [ids.fin1, ids.fin2] })] });
    const { id } = await submitPurchase('rep', '300');
    expect((await act('fin1', id, 'approve')).status).toBe(200);
    const late = await act('fin2', id, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('approval_not_actionable');
    const state = await detail('rep', id);
    expect(state.status).toBe('approved');
    expect(state.steps[0].tasks.map((task: any) => task.state).sort()).toEqual(['approved', 'cancelled']);
  });

  it('all-must: the step waits for every approver', async () => {
    await onlyFlow({ steps: [step('fin', { kind: 'users', userIds: [ids.fin1, ids.fin2] }, { mode: 'all' })] });
    const { id } = await submitPurchase('rep', '300');
    expect((await act('fin1', id, 'approve')).status).toBe(200);
    expect((await detail('rep', id)).status).toBe('pending');
    expect((await act('fin1', id, 'approve')).status).toBe(409); // already approved their part
    expect((await act('fin2', id, 'approve')).status).toBe(200);
    expect((await detail('rep', id)).status).toBe('approved');
  });

  it('two approvers deciding the same step at once: exactly one wins, the other gets 409', async () => {
    await onlyFlow({ steps: [step('fin', { kind: 'users', userIds: [ids.fin1, ids.fin2] })] });
    const { id } = await submitPurchase('rep', '300');
    const results = await Promise.all([act('fin1', id, 'approve'), act('fin2', id, 'reject', { comment: '预算不足' })]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const state = await detail('rep', id);
    expect(['approved', 'rejected']).toContain(state.status);
    expect(state.steps[0].tasks.filter((task: any) => task.state === 'cancelled')).toHaveLength(1);
  });

  it('a stale version is refused (409 stale_version)', async () => {
    await onlyFlow({ steps: [step('fin', { kind: 'users', userIds: [ids.fin1] })] });
    const { id } = await submitPurchase('rep', '300');
    const { version } = await detail('fin1', id);
    expect((await act('rep', id, 'comments', { comment: '请尽快' })).status).toBe(200);
    const stale = await act('fin1', id, 'approve', { version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
  });
});

describe('reject, return, withdraw, resubmit', () => {
  it('reject ends the approval and tells the module', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' })] });
    const { id, recordId } = await submitPurchase('rep', '800');
    expect((await act('supervisor', id, 'reject', {})).status).toBe(400); // a rejection needs its reason
    const response = await act('supervisor', id, 'reject', { comment: '无预算' });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('rejected');
    expect(response.body.reason).toBe('无预算');
    expect(rejectedPurchases).toContain(recordId);
  });

  it('return to an earlier step: that step decides again, then the chain goes on', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' }), step('head', { kind: 'nth_manager', level: 2 })] });
    const { id } = await submitPurchase('rep', '900');
    expect((await act('supervisor', id, 'approve')).status).toBe(200);
    let state = await detail('manager', id);
    expect(state.returnTargets).toEqual([{ index: 0, name: 'step lead' }]);
    expect((await act('manager', id, 'return', { comment: '请补充说明', toStep: 1 })).status).toBe(400); // not an earlier step
    expect((await act('manager', id, 'return', { comment: '请主管再核实', toStep: 0 })).status).toBe(200);
    state = await detail('rep', id);
    expect(state.status).toBe('pending');
    expect(state.currentStep.index).toBe(0);
    expect(state.steps.map((s: any) => s.state)).toEqual(['pending', 'waiting']);
    expect((await act('supervisor', id, 'approve', { comment: '已核实' })).status).toBe(200);
    expect((await act('manager', id, 'approve')).status).toBe(200);
    expect((await detail('rep', id)).status).toBe('approved');
  });

  it('return to the submitter: changes, then resubmit starts the chain again', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' })] });
    const { id, recordId } = await submitPurchase('rep', '950');
    expect((await act('supervisor', id, 'return', { comment: '金额有误' })).status).toBe(200);
    let state = await detail('rep', id);
    expect(state.status).toBe('returned');
    expect(state.reason).toBe('金额有误');
    expect(state.actions).toMatchObject({ resubmit: true, withdraw: true, approve: false });
    expect((await act('supervisor', id, 'approve')).status).toBe(409);
    purchases.get(recordId)!.amount = '590';
    expect((await act('peer', id, 'resubmit')).status).toBe(404); // not theirs, and they cannot see it
    expect((await act('rep', id, 'resubmit', { comment: '已更正' })).status).toBe(200);
    state = await detail('rep', id);
    expect(state.status).toBe('pending');
    expect(state.fields).toEqual([{ field: 'amount', value: '590' }]);
    expect((await act('supervisor', id, 'approve')).status).toBe(200);
    expect((await detail('rep', id)).status).toBe('approved');
  });

  it('withdraw by the submitter before the end; nobody else may, and nothing can be decided after it', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' })] });
    const { id } = await submitPurchase('rep', '120');
    expect((await act('supervisor', id, 'withdraw')).status).toBe(403);
    expect((await act('rep', id, 'withdraw', { comment: '不需要了' })).status).toBe(200);
    expect((await detail('rep', id)).status).toBe('withdrawn');
    expect((await act('supervisor', id, 'approve')).status).toBe(409);
    expect((await act('rep', id, 'withdraw')).status).toBe(409);
  });
});

describe('access', () => {
  it('an approver outside the chain: 404 when they cannot see it, 403 when they can', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' })] });
    const { id } = await submitPurchase('rep', '130');
    expect((await t.call(tokens.outsider!, 'GET', `/api/v1/approvals/${id}`)).status).toBe(404);
    expect((await act('outsider', id, 'approve')).status).toBe(404);
    expect((await act('outsider', id, 'comments', { comment: 'x' })).status).toBe(404);
    expect((await t.call(tokens.director!, 'GET', `/api/v1/approvals/${id}`)).status).toBe(200); // may read the record
    expect((await act('director', id, 'approve')).status).toBe(403);
    expect((await act('rep', id, 'approve')).status).toBe(403); // the submitter is not an approver
    expect((await t.call(null, 'GET', `/api/v1/approvals/${id}`)).status).toBe(401);
  });

  it('inbox boxes and counts', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' })] });
    const before = (await t.call(tokens.supervisor!, 'GET', '/api/v1/approvals/counts')).body.waiting;
    const { id } = await submitPurchase('peer', '140', '打印机采购');
    const counts = (await t.call(tokens.supervisor!, 'GET', '/api/v1/approvals/counts')).body;
    expect(counts.waiting).toBe(before + 1);
    const waiting = (await t.call(tokens.supervisor!, 'GET', '/api/v1/approvals?box=waiting&q=打印机')).body;
    expect(waiting.items.map((item: any) => item.id)).toEqual([id]);
    expect(waiting.total).toBe(1);
    const submitted = (await t.call(tokens.peer!, 'GET', '/api/v1/approvals?box=submitted')).body;
    expect(submitted.items.map((item: any) => item.id)).toContain(id);
    expect((await t.call(tokens.peer!, 'GET', '/api/v1/approvals/counts')).body.submittedPending).toBeGreaterThanOrEqual(1);
    expect((await act('supervisor', id, 'approve')).status).toBe(200);
    const done = (await t.call(tokens.supervisor!, 'GET', '/api/v1/approvals?box=done')).body;
    expect(done.items.map((item: any) => item.id)).toContain(id);
    expect((await t.call(tokens.supervisor!, 'GET', '/api/v1/approvals/counts')).body.waiting).toBe(before);
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/approvals?box=record&recordType=test_purchase')).status).toBe(400);
  });

  it('notifies the approver on arrival and the submitter on each decision', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' }), step('head', { kind: 'nth_manager', level: 2 })] });
    const { id } = await submitPurchase('rep', '150');
    const kindsFor = async (userId: string) =>
      (await t.database.db.select().from(notifications).where(eq(notifications.userId, userId))).filter((row) => row.params.approvalId === id).map((row) => `${row.kind}:${row.params.decision ?? ''}`);
    expect(await kindsFor(ids.supervisor!)).toEqual(['approval.arrived:']);
    await act('supervisor', id, 'approve');
    expect(await kindsFor(ids.manager!)).toEqual(['approval.arrived:']);
    await act('manager', id, 'approve');
    expect((await kindsFor(ids.rep!)).sort()).toEqual(['approval.decided:approved', 'approval.decided:step_approved']);
  });
});

describe('flow definitions', () => {
  it('an edit of a flow does not change instances in flight', async () => {
    const flow = await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' }), step('fin', { kind: 'users', userIds: [ids.fin1] })] });
    const { id } = await submitPurchase('rep', '160');
    const edited = await t.call(tokens.admin!, 'PATCH', `/api/v1/approval-flows/${flow.id}`, { version: flow.version, steps: [step('only', { kind: 'users', userIds: [ids.fin2] })] });
    expect(edited.status).toBe(200);
    expect(edited.body.definitionVersion).toBe(2);
    expect(edited.body.instancesInFlight).toBe(1);
    const stale = await t.call(tokens.admin!, 'PATCH', `/api/v1/approval-flows/${flow.id}`, { version: flow.version, name: 'x' });
    expect(stale.status).toBe(409);
    let state = await detail('rep', id);
    expect(state.flow.definitionVersion).toBe(1);
    expect(state.steps.map((s: any) => s.key)).toEqual(['lead', 'fin']);
    await act('supervisor', id, 'approve');
    state = await detail('rep', id);
    expect(state.waitingFor.map((u: any) => u.id)).toEqual([ids.fin1]);
    const next = await submitPurchase('rep', '161');
    expect((await detail('rep', next.id)).steps.map((s: any) => s.key)).toEqual(['only']);
  });

  it('refuses a flow with problems, naming each one', async () => {
    const bad = await t.call(tokens.admin!, 'POST', '/api/v1/approval-flows', {
      documentType: 'test_purchase',
      name: '有问题的流程',
      priority: 1,
      active: true,
      condition: { match: 'all', rules: [{ field: 'purchase.colour', op: 'eq', value: 'red' }] },
      steps: [
        step('a', { kind: 'users', userIds: [crypto.randomUUID()] }),
        step('b', { kind: 'same_as_step', stepKey: 'c' }),
        step('c', { kind: 'same_as_step', stepKey: 'c' }),
        step('a', { kind: 'role', roleId: crypto.randomUUID(), within: 'company' }, { condition: { match: 'any', rules: [{ field: 'purchase.amount', op: 'in_tree', value: ['1'] }] } }),
        step('e', { kind: 'direct_manager' }, { remindAfterHours: 48, escalateAfterHours: 24 }),
      ],
    });
    expect(bad.status).toBe(400);
    const problems = bad.body.errors.map((problem: any) => `${problem.path}:${problem.code}`).sort();
    expect(problems).toEqual(
      [
        'condition.rules.0.field:unknown_field',
        'steps.0.approver.userIds.0:unknown_user',
        'steps.1.approver.stepKey:circular_reference',
        'steps.2.approver.stepKey:circular_reference',
        'steps.3.key:duplicate_key',
        'steps.3.condition.rules.0.op:operator_invalid',
        'steps.3.approver.roleId:unknown_role',
        'steps.4.escalateAfterHours:value_invalid',
      ].sort(),
    );
    const empty = await t.call(tokens.admin!, 'POST', '/api/v1/approval-flows', { documentType: 'test_purchase', name: '空', priority: 1, active: true, condition: null, steps: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'steps', code: 'chain_empty' })]);
    const unknownType = await t.call(tokens.admin!, 'POST', '/api/v1/approval-flows', { documentType: 'no_such_thing', name: 'x', priority: 1, active: true, condition: null, steps: [step('a', { kind: 'direct_manager' })] });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors[0]).toMatchObject({ path: 'documentType', code: 'unknown_document_type' });
    const unknownKind = await t.call(tokens.admin!, 'POST', '/api/v1/approval-flows', { documentType: 'test_purchase', name: 'x', priority: 1, active: true, condition: null, steps: [step('a', { kind: 'astrologer' })] });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.errors[0].path).toBe('steps.0.approver.kind');
    expect((await t.call(tokens.rep!, 'POST', '/api/v1/approval-flows', { documentType: 'test_purchase', name: 'x', priority: 1, active: true, condition: null, steps: [step('a', { kind: 'direct_manager' })] })).status).toBe(403);
  });

  it('the first active flow whose condition holds is chosen, by priority', async () => {
    await onlyFlow({ priority: 50, steps: [step('lead', { kind: 'direct_manager' })] });
    await createFlow({ name: 'big', priority: 5, condition: { match: 'all', rules: [{ field: 'purchase.amount', op: 'gte', value: '1000000' }] }, steps: [step('dir', { kind: 'users', userIds: [ids.director] })] });
    const small = await submitPurchase('rep', '10');
    const big = await submitPurchase('rep', '1000000');
    expect((await detail('rep', small.id)).waitingFor.map((u: any) => u.id)).toEqual([ids.supervisor]);
    expect((await detail('rep', big.id)).waitingFor.map((u: any) => u.id)).toEqual([ids.director]);
  });
});

describe('reminders, escalation and delegation', () => {
  it('reminds after the first limit and escalates to the manager after the second (moved clock)', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' }, { remindAfterHours: 24, escalateAfterHours: 48 })] });
    const { id } = await submitPurchase('rep', '170');
    const hours = (count: number) => new Date(Date.now() + count * 3_600_000);
    expect(await processApprovalDeadlines(t.database.db, hours(1))).toEqual({ reminded: 0, escalated: 0 });
    const reminded = await processApprovalDeadlines(t.database.db, hours(25));
    expect(reminded.reminded).toBeGreaterThanOrEqual(1);
    expect(await processApprovalDeadlines(t.database.db, hours(26))).toMatchObject({ escalated: 0 });
    const escalated = await processApprovalDeadlines(t.database.db, hours(49));
    expect(escalated.escalated).toBeGreaterThanOrEqual(1);
    const state = await detail('rep', id);
    expect(state.waitingFor.map((u: any) => u.id)).toEqual([ids.manager]);
    expect(state.steps[0].tasks.map((task: any) => [task.approver.id, task.state, task.escalatedFrom?.id ?? null])).toEqual([
      [ids.supervisor, 'escalated', null],
      [ids.manager, 'pending', ids.supervisor],
    ]);
    expect(state.events.map((e: any) => e.kind)).toEqual(['submitted', 'reminded', 'escalated']);
    expect((await act('supervisor', id, 'approve')).status).toBe(409);
    expect((await act('manager', id, 'approve')).status).toBe(200);
    const reminders = await t.database.db.select().from(notifications).where(eq(notifications.userId, ids.supervisor!));
    expect(reminders.some((row) => row.kind === 'approval.reminder' && row.params.approvalId === id)).toBe(true);
  });

  it('escalating to a manager who already decides the step (all-must) folds into their task', async () => {
    // The manager reports to the director; the director reports to nobody, so their own task stays with them.
    await onlyFlow({ steps: [step('pair', { kind: 'users', userIds: [ids.manager, ids.director] }, { mode: 'all', escalateAfterHours: 1 })] });
    const { id } = await submitPurchase('rep', '175');
    await processApprovalDeadlines(t.database.db, new Date(Date.now() + 2 * 3_600_000));
    let state = await detail('rep', id);
    expect(state.steps[0].tasks.map((task: any) => [task.approver.id, task.state]).sort()).toEqual(
      [
        [ids.manager, 'escalated'],
        [ids.director, 'pending'],
      ].sort(),
    );
    expect((await act('director', id, 'approve')).status).toBe(200);
    state = await detail('rep', id);
    expect(state.status).toBe('approved');
  });

  it('a delegate decides for an approver who is away, recorded as such', async () => {
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' })] });
    const { id } = await submitPurchase('rep', '180');
    expect((await act('peer', id, 'approve')).status).toBe(404);
    const delegation = await t.call(tokens.supervisor!, 'POST', '/api/v1/delegations', {
      fromUserId: ids.supervisor,
      toUserId: ids.peer,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      scope: 'approvals',
    });
    expect(delegation.status).toBe(201);
    expect(delegation.body.scope).toBe('approvals');
    const inbox = (await t.call(tokens.peer!, 'GET', '/api/v1/approvals?box=waiting')).body;
    expect(inbox.items.map((item: any) => item.id)).toContain(id);
    expect((await act('peer', id, 'approve', { comment: '代审' })).status).toBe(200);
    const state = await detail('rep', id);
    expect(state.status).toBe('approved');
    expect(state.steps[0].tasks[0]).toMatchObject({ state: 'approved', actedBy: { id: ids.peer }, onBehalfOf: { id: ids.supervisor } });
    expect(state.events.find((e: any) => e.kind === 'approved')).toMatchObject({ actor: { id: ids.peer }, onBehalfOf: { id: ids.supervisor } });
    // An approvals-only delegation does not open the delegator's customers.
    expect((await t.call(tokens.peer!, 'GET', '/api/v1/auth/me')).status).toBe(200);
  });
});

describe('a departing approver', () => {
  it("hands their waiting steps to their manager when deactivated, so nothing waits for someone who is gone", async () => {
    const [team] = await t.database.db.select({ id: departments.id }).from(departments).where(eq(departments.name, '上海一组'));
    const leaver = await t.createUser({ username: 'leaver', departmentId: team!.id, role: 'supervisor', position: 'supervisor', managerId: ids.manager });
    await t.createUser({ username: 'junior', departmentId: team!.id, role: 'sales_rep', managerId: leaver });
    tokens.junior = await t.login('junior');
    await onlyFlow({ steps: [step('lead', { kind: 'direct_manager' })] });
    const { id } = await submitPurchase('junior', '190');
    expect((await detail('junior', id)).waitingFor.map((u: any) => u.id)).toEqual([leaver]);
    expect((await t.call(tokens.admin!, 'POST', `/api/v1/users/${leaver}/deactivate`)).status).toBe(200);
    const state = await detail('junior', id);
    expect(state.waitingFor.map((u: any) => u.id)).toEqual([ids.manager]);
    expect(state.steps[0].tasks.map((task: any) => [task.approver.id, task.state])).toEqual([
      [leaver, 'escalated'],
      [ids.manager, 'pending'],
    ]);
    expect((await act('manager', id, 'approve')).status).toBe(200);
    // A new request of the junior skips the departed manager and goes up the line.
    const next = await submitPurchase('junior', '191');
    expect((await detail('junior', next.id)).waitingFor.map((u: any) => u.id)).toEqual([ids.manager]);
  });
});
