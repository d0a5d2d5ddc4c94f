// The condition language of approval flows: structured rules (field, operator, value), checked when a flow is
// saved and evaluated against a submission's values. No expressions and no code, so a flow can never run anything.
import Decimal from 'decimal.js';
import { operatorsByFieldType, type Condition, type ConditionField, type ConditionRule } from '@openpsm/contracts';
import type { FieldProblem } from '../errors';

const listOperators = new Set(['in', 'not_in', 'in_tree']);
const orderOperators = new Set(['gt', 'gte', 'lt', 'lte']);
const isDecimalText = (value: unknown) => typeof value === 'string' && /^-?\d{1,15}(\.\d{1,4})?$/.test(value);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids and option codes a condition refers to, so the caller can check they exist (one query per kind). */
export type ConditionReferences = { departmentIds: Set<string>; userIds: Set<string>; options: { listKey: string; code: string; path: string }[] };

export const emptyReferences = (): ConditionReferences => ({ departmentIds: new Set(), userIds: new Set(), options: [] });

function checkValue(rule: ConditionRule, field: ConditionField, path: string, refs: ConditionReferences, refPaths: Map<string, string>): FieldProblem | null {
  const values = Array.isArray(rule.value) ? rule.value : [rule.value];
  if (listOperators.has(rule.op) !== Array.isArray(rule.value)) {
    return { path: `${path}.value`, code: 'value_invalid', message: listOperators.has(rule.op) ? 'A list of values is needed' : 'One value is needed' };
  }
  for (const [position, value] of values.entries()) {
    const at = Array.isArray(rule.value) ? `${path}.value.${position}` : `${path}.value`;
    switch (field.type) {
      case 'money':
      case 'number':
        if (!(typeof value === 'number' && Number.isFinite(value)) && !isDecimalText(value)) return { path: at, code: 'value_invalid', message: 'A number is needed' };
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return { path: at, code: 'value_invalid', message: 'true or false is needed' };
        break;
      case 'department':
      case 'user':
        if (typeof value !== 'string' || !uuidPattern.test(value)) return { path: at, code: 'value_invalid', message: 'An id is needed' };
        (field.type === 'department' ? refs.departmentIds : refs.userIds).add(value.toLowerCase());
        refPaths.set(`${field.type}:${value.toLowerCase()}`, at);
        break;
      case 'option':
        if (typeof value !== 'string') return { path: at, code: 'value_invalid', message: 'An option code is needed' };
        if (field.options && !field.options.includes(value)) return { path: at, code: 'value_invalid', message: `Not one of ${field.options.join(', ')}` };
        if (field.optionList) refs.options.push({ listKey: field.optionList, code: value, path: at });
        break;
      case 'text':
        if (typeof value !== 'string') return { path: at, code: 'value_invalid', message: 'Text is needed' };
        break;
    }
  }
  return null;
}

/**
 * Checks a condition against the fields it may read. Returns every problem with its path (e.g.
 * `steps.1.condition.rules.0.field`); references to departments, users and option codes are collected in `refs`
 * and `refPaths` (reference → path) for the caller to check against the database.
 */
export function checkCondition(
  condition: Condition | null | undefined,
  fields: ConditionField[],
  path: string,
  refs: ConditionReferences,
  refPaths: Map<string, string>,
): FieldProblem[] {
  if (!condition) return [];
  const problems: FieldProblem[] = [];
  const byKey = new Map(fields.map((field) => [field.key, field]));
  for (const [index, rule] of condition.rules.entries()) {
    const at = `${path}.rules.${index}`;
    const field = byKey.get(rule.field);
    if (!field) {
      problems.push({ path: `${at}.field`, code: 'unknown_field', message: `No field "${rule.field}" for this document type` });
      continue;
    }
    if (!operatorsByFieldType[field.type].includes(rule.op)) {
      problems.push({ path: `${at}.op`, code: 'operator_invalid', message: `"${rule.op}" does not apply to a ${field.type} field` });
      continue;
    }
    const problem = checkValue(rule, field, at, refs, refPaths);
    if (problem) problems.push(problem);
  }
  return problems;
}

export type EvaluationContext = {
  /** Department id → materialised path, for `in_tree`. */
  departmentPath: (id: string) => string | undefined;
};

function compare(left: unknown, right: unknown, type: ConditionField['type']): number | null {
  if (left === null || left === undefined) return null;
  if (type === 'money' || type === 'number') {
    try {
      return new Decimal(String(left)).comparedTo(new Decimal(String(right)));
    } catch {
      return null;
    }
  }
  return String(left) === String(right) ? 0 : String(left) < String(right) ? -1 : 1;
}

function ruleHolds(rule: ConditionRule, field: ConditionField, actual: unknown, context: EvaluationContext): boolean {
  const list = Array.isArray(rule.value) ? rule.value.map(String) : [String(rule.value)];
  const same = (value: unknown) => (value === null || value === undefined ? false : compare(value, rule.value, field.type) === 0);
  switch (rule.op) {
    case 'eq':
      return same(actual);
    case 'ne':
      return !same(actual);
    case 'in':
      return actual !== null && actual !== undefined && list.includes(String(actual));
    case 'not_in':
      return actual === null || actual === undefined || !list.includes(String(actual));
    case 'in_tree': {
      const path = typeof actual === 'string' ? context.departmentPath(actual) : undefined;
      return Boolean(path && list.some((id) => path.includes(`/${id}/`)));
    }
    default: {
      // gt / gte / lt / lte: a missing value never satisfies an ordering.
      if (!orderOperators.has(rule.op)) return false;
      const order = compare(actual, rule.value, field.type);
      if (order === null) return false;
      return rule.op === 'gt' ? order > 0 : rule.op === 'gte' ? order >= 0 : rule.op === 'lt' ? order < 0 : order <= 0;
    }
  }
}

/** A null condition always holds. Rules on fields unknown at evaluation time (removed since) do not hold. */
export function conditionHolds(condition: Condition | null | undefined, fields: ConditionField[], values: Record<string, unknown>, context: EvaluationContext): boolean {
  if (!condition) return true;
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const results = condition.rules.map((rule) => {
    const field = byKey.get(rule.field);
    return field ? ruleHolds(rule, field, values[rule.field], context) : false;
  });
  return condition.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}
