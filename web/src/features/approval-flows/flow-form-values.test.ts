// The flow editor's conversions: what the form holds goes to the API as a valid definition, and back unchanged.
import { describe, expect, it } from 'vitest';
import { approvalFlowInputSchema, type ApprovalFlow, type ConditionField } from '@openpsm/contracts';
import { newStepKey, toFlowInput, toFormValues } from './flow-form-values';

const fields: ConditionField[] = [
  { key: 'purchase.amount', type: 'money' },
  { key: 'purchase.count', type: 'number' },
  { key: 'organization.grade', type: 'option', options: ['A', 'B', 'C'] },
  { key: 'submitter.department', type: 'department' },
];

const flow: ApprovalFlow = {
  id: '00000000-0000-4000-8000-000000000001',
  documentType: 'organization_deletion',
  name: '客户删除审批',
  description: null,
  priority: 100,
  condition: { match: 'any', rules: [{ field: 'organization.grade', op: 'in', value: ['A', 'B'] }] },
  steps: [
    { key: 'lead', name: '直属上级审批', approver: { kind: 'direct_manager' }, mode: 'any', condition: null, remindAfterHours: 24, escalateAfterHours: 72 },
    {
      key: 'head',
      name: '部门负责人',
      approver: { kind: 'department_head', departmentId: null, levelsUp: 1 },
      mode: 'all',
      condition: { match: 'all', rules: [{ field: 'purchase.amount', op: 'gt', value: '10000.00' }] },
      remindAfterHours: null,
      escalateAfterHours: null,
    },
    { key: 'again', name: '复核', approver: { kind: 'same_as_step', stepKey: 'lead' }, mode: 'any', condition: null, remindAfterHours: null, escalateAfterHours: null },
  ],
  active: true,
  definitionVersion: 3,
  instancesInFlight: 0,
  updatedAt: '2026-11-23T08:00:00.000Z',
  updatedBy: null,
  version: 4,
};

describe('flow form values', () => {
  it('a flow read from the API goes back as the same definition, valid for the API', () => {
    const input = toFlowInput(toFormValues(flow, flow.documentType, 0), fields);
    const { id: _id, definitionVersion: _dv, instancesInFlight: _in, updatedAt: _at, updatedBy: _by, version: _v, ...expected } = flow;
    expect(input).toEqual(expected);
    expect(approvalFlowInputSchema.safeParse(input).success).toBe(true);
  });

  it('a new flow starts with one step whose approver is the direct manager', () => {
    const values = toFormValues(undefined, 'organization_deletion', 200);
    expect(values).toMatchObject({ documentType: 'organization_deletion', priority: 200, active: true, condition: null });
    expect(values.steps).toHaveLength(1);
    expect(values.steps[0]!.approver).toEqual({ kind: 'direct_manager' });
  });

  it('sends what the inputs hold in the API types: trimmed text, numbers for number fields, decimals as text for money', () => {
    const values = toFormValues(flow, flow.documentType, 0);
    values.name = '  新名称  ';
    values.steps[1]!.condition = {
      match: 'all',
      rules: [
        { field: 'purchase.amount', op: 'gte', value: ' 5000.50 ' },
        { field: 'purchase.count', op: 'lt', value: '12' },
      ],
    };
    values.steps[0]!.approver = { kind: 'nth_manager', level: null, userIds: ['ignored'] };
    const input = toFlowInput(values, fields);
    expect(input.name).toBe('新名称');
    expect(input.steps[1]!.condition!.rules).toEqual([
      { field: 'purchase.amount', op: 'gte', value: '5000.50' },
      { field: 'purchase.count', op: 'lt', value: 12 },
    ]);
    // Only the chosen kind's parameters are sent, with its defaults.
    expect(input.steps[0]!.approver).toEqual({ kind: 'nth_manager', level: 1 });
  });

  it('an emptied condition is sent as none', () => {
    const values = toFormValues(flow, flow.documentType, 0);
    values.condition = { match: 'all', rules: [] };
    expect(toFlowInput(values, fields).condition).toBeNull();
  });

  it('step keys are new and never one already taken', () => {
    const taken = Array.from({ length: 50 }, () => newStepKey([]));
    const key = newStepKey(taken);
    expect(taken).not.toContain(key);
    expect(key).toMatch(/^[A-Za-z0-9_-]{1,30}$/);
  });
});
