// The flow editor's form values and the conversions to and from the API's flow definition. The form keeps the
// API's field names (steps.<n>.approver.userIds …), so the server's field problems land on the right inputs.
import { operatorsByFieldType } from '@openpsm/contracts';
import type {
  ApprovalFlow,
  ApprovalFlowInput,
  Approver,
  ApproverKind,
  Condition,
  ConditionField,
  ConditionOperator,
  ConditionRule,
  StepDefinition,
} from '@openpsm/contracts';

export type RuleValues = { field?: string; op?: ConditionOperator; value?: unknown };
export type ConditionValues = { match: Condition['match']; rules: RuleValues[] } | null;

/** Every approver kind's parameters side by side; only those of the chosen kind are sent. */
export type ApproverValues = {
  kind: ApproverKind;
  level?: number | null;
  departmentId?: string | null;
  levelsUp?: number | null;
  roleId?: string;
  within?: 'department' | 'company';
  userIds?: string[];
  stepKey?: string;
};

export type StepValues = {
  key: string;
  name: string;
  approver: ApproverValues;
  mode: StepDefinition['mode'];
  condition?: ConditionValues;
  remindAfterHours?: number | null;
  escalateAfterHours?: number | null;
};

export type FlowValues = {
  documentType: string;
  name: string;
  description?: string | null;
  priority: number;
  active: boolean;
  condition?: ConditionValues;
  steps: StepValues[];
};

/** Operators whose value is a list. */
export const LIST_OPERATORS: readonly ConditionOperator[] = ['in', 'not_in', 'in_tree'];
export const isListOperator = (op: ConditionOperator | undefined) => Boolean(op && LIST_OPERATORS.includes(op));

export const MONEY_PATTERN = /^-?\d{1,15}(\.\d{1,4})?$/;

/** Short, random and stable: steps refer to each other by key, so moving a step must not change it. */
export const newStepKey = (taken: string[]): string => {
  for (;;) {
    const key = `s${Math.random().toString(36).slice(2, 8)}`;
    if (!taken.includes(key)) return key;
  }
};

export const newStep = (taken: string[]): StepValues => ({
  key: newStepKey(taken),
  name: '',
  approver: { kind: 'direct_manager' },
  mode: 'any',
  condition: null,
  remindAfterHours: null,
  escalateAfterHours: null,
});

export const newRule = (fields: ConditionField[]): RuleValues => {
  const first = fields[0];
  return first ? { field: first.key, op: operatorsByFieldType[first.type][0], value: undefined } : {};
};

export const newCondition = (fields: ConditionField[]): NonNullable<ConditionValues> => ({ match: 'all', rules: [newRule(fields)] });

const approverToValues = (approver: Approver): ApproverValues => {
  switch (approver.kind) {
    case 'direct_manager':
      return { kind: approver.kind };
    case 'nth_manager':
      return { kind: approver.kind, level: approver.level };
    case 'department_head':
      return { kind: approver.kind, departmentId: approver.departmentId, levelsUp: approver.levelsUp };
    case 'role':
      return { kind: approver.kind, roleId: approver.roleId, within: approver.within };
    case 'users':
      return { kind: approver.kind, userIds: approver.userIds };
    case 'same_as_step':
      return { kind: approver.kind, stepKey: approver.stepKey };
  }
};

const conditionToValues = (condition: Condition | null): ConditionValues =>
  condition ? { match: condition.match, rules: condition.rules.map((rule) => ({ ...rule })) } : null;

export const toFormValues = (flow: ApprovalFlow | undefined, documentType: string, priority: number): FlowValues =>
  flow
    ? {
        documentType: flow.documentType,
        name: flow.name,
        description: flow.description ?? '',
        priority: flow.priority,
        active: flow.active,
        condition: conditionToValues(flow.condition),
        steps: flow.steps.map((step) => ({
          key: step.key,
          name: step.name,
          approver: approverToValues(step.approver),
          mode: step.mode,
          condition: conditionToValues(step.condition),
          remindAfterHours: step.remindAfterHours,
          escalateAfterHours: step.escalateAfterHours,
        })),
      }
    : { documentType, name: '', description: '', priority, active: true, condition: null, steps: [newStep([])] };

const toApprover = (values: ApproverValues): Approver => {
  switch (values.kind) {
    case 'direct_manager':
      return { kind: values.kind };
    case 'nth_manager':
      return { kind: values.kind, level: values.level ?? 1 };
    case 'department_head':
      return { kind: values.kind, departmentId: values.departmentId ?? null, levelsUp: values.levelsUp ?? 0 };
    case 'role':
      return { kind: values.kind, roleId: values.roleId ?? '', within: values.within ?? 'department' };
    case 'users':
      return { kind: values.kind, userIds: values.userIds ?? [] };
    case 'same_as_step':
      return { kind: values.kind, stepKey: values.stepKey ?? '' };
  }
};

/** What the inputs hold, as the API wants it: money as a trimmed decimal string, lists as string lists. */
const toRuleValue = (rule: RuleValues, fields: ConditionField[]): ConditionRule['value'] => {
  const type = fields.find((field) => field.key === rule.field)?.type;
  const value = rule.value;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim() : '';
  if (type === 'number' && text !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
};

const toCondition = (values: ConditionValues | undefined, fields: ConditionField[]): Condition | null =>
  values && values.rules.length > 0
    ? {
        match: values.match,
        rules: values.rules.map((rule) => ({ field: rule.field ?? '', op: rule.op ?? 'eq', value: toRuleValue(rule, fields) })),
      }
    : null;

const hours = (value: number | null | undefined) => (typeof value === 'number' ? value : null);

export const toFlowInput = (values: FlowValues, fields: ConditionField[]): ApprovalFlowInput => ({
  documentType: values.documentType,
  name: values.name.trim(),
  description: values.description?.trim() || null,
  priority: values.priority,
  active: values.active,
  condition: toCondition(values.condition, fields),
  steps: values.steps.map((step) => ({
    key: step.key,
    name: step.name.trim(),
    approver: toApprover(step.approver),
    mode: step.mode,
    condition: toCondition(step.condition, fields),
    remindAfterHours: hours(step.remindAfterHours),
    escalateAfterHours: hours(step.escalateAfterHours),
  })),
});
