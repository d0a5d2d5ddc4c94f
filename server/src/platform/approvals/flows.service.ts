// Approval flow definitions (WF-1): edited by administrators; every saved edit is a new definition version, so an
// instance in flight keeps the chain it started with. A flow is checked whole when saved: every problem is named.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ApprovalFlow, ApprovalFlowInput, ApprovalFlowPatch, StepDefinition } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { roles } from '../access/access.table';
import { writeHistory } from '../audit/history.service';
import { unknownOptionValues } from '../config/options.service';
import { AppError, notFound, staleVersion, type FieldProblem } from '../errors';
import { departments, users } from '../org-structure/org-structure.table';
import { approvalFlows, approvalFlowVersions } from './approvals.table';
import { checkCondition, emptyReferences } from './conditions';
import { conditionFields, documentType } from './document-types';

const RECORD_TYPE = 'approval_flow';

type Definition = Pick<ApprovalFlowInput, 'condition' | 'steps'>;

/** Every problem of a definition at once: unknown fields and references, circular step references, bad limits. */
async function definitionProblems(db: DbOrTx, documentTypeKey: string, definition: Definition): Promise<FieldProblem[]> {
  const type = documentType(documentTypeKey);
  if (!type) return [{ path: 'documentType', code: 'unknown_document_type', message: `No document type "${documentTypeKey}"` }];
  const fields = conditionFields(type);
  const refs = emptyReferences();
  const refPaths = new Map<string, string>();
  const problems = checkCondition(definition.condition, fields, 'condition', refs, refPaths);
  const roleRefs: { id: string; path: string }[] = [];
  const departmentRefs: { id: string; path: string }[] = [];
  const userRefs: { id: string; path: string }[] = [];
  const keys = definition.steps.map((step) => step.key);
  definition.steps.forEach((step: StepDefinition, index) => {
    const at = `steps.${index}`;
    if (keys.indexOf(step.key) !== index) problems.push({ path: `${at}.key`, code: 'duplicate_key', message: `Key "${step.key}" is used by an earlier step` });
    problems.push(...checkCondition(step.condition, fields, `${at}.condition`, refs, refPaths));
    const approver = step.approver;
    if (approver.kind === 'users') approver.userIds.forEach((id, position) => userRefs.push({ id, path: `${at}.approver.userIds.${position}` }));
    if (approver.kind === 'role') roleRefs.push({ id: approver.roleId, path: `${at}.approver.roleId` });
    if (approver.kind === 'department_head' && approver.departmentId) departmentRefs.push({ id: approver.departmentId, path: `${at}.approver.departmentId` });
    if (approver.kind === 'same_as_step') {
      const target = keys.indexOf(approver.stepKey);
      if (target === -1) problems.push({ path: `${at}.approver.stepKey`, code: 'unknown_step', message: `No step "${approver.stepKey}"` });
      // A step can only take its approvers from one before it: itself or a later one would go round in a circle.
      else if (target >= index) problems.push({ path: `${at}.approver.stepKey`, code: 'circular_reference', message: `Step "${approver.stepKey}" is not before this one` });
    }
    if (step.remindAfterHours !== null && step.escalateAfterHours !== null && step.escalateAfterHours <= step.remindAfterHours) {
      problems.push({ path: `${at}.escalateAfterHours`, code: 'value_invalid', message: 'Escalation must come after the reminder' });
    }
  });
  for (const [kind, path] of refPaths) {
    const [refKind, id] = kind.split(':') as ['department' | 'user', string];
    (refKind === 'department' ? departmentRefs : userRefs).push({ id, path });
  }

  const ids = (list: { id: string }[]) => [...new Set(list.map((ref) => ref.id))];
  const [foundUsers, foundRoles, foundDepartments, optionProblems] = await Promise.all([
    userRefs.length ? db.select({ id: users.id, status: users.status }).from(users).where(inArray(users.id, ids(userRefs))) : [],
    roleRefs.length ? db.select({ id: roles.id }).from(roles).where(inArray(roles.id, ids(roleRefs))) : [],
    departmentRefs.length ? db.select({ id: departments.id, active: departments.active }).from(departments).where(inArray(departments.id, ids(departmentRefs))) : [],
    refs.options.length
      ? unknownOptionValues(db, Object.fromEntries(refs.options.map((ref) => [ref.path, { listKey: ref.listKey, value: ref.code }])))
      : [],
  ]);
  const activeUsers = new Set(foundUsers.filter((user) => user.status === 'active').map((user) => user.id));
  const knownRoles = new Set(foundRoles.map((role) => role.id));
  const activeDepartments = new Set(foundDepartments.filter((department) => department.active).map((department) => department.id));
  for (const ref of userRefs) if (!activeUsers.has(ref.id)) problems.push({ path: ref.path, code: 'unknown_user', message: 'No active user with this id' });
  for (const ref of roleRefs) if (!knownRoles.has(ref.id)) problems.push({ path: ref.path, code: 'unknown_role', message: 'No role with this id' });
  for (const ref of departmentRefs) if (!activeDepartments.has(ref.id)) problems.push({ path: ref.path, code: 'unknown_department', message: 'No active department with this id' });
  for (const problem of optionProblems) problems.push({ path: problem.path, code: 'value_invalid', message: 'Not an active option of this list' });
  return problems;
}

async function assertValidDefinition(db: DbOrTx, documentTypeKey: string, definition: Definition) {
  const problems = await definitionProblems(db, documentTypeKey, definition);
  if (problems.length > 0) throw new AppError('invalid_input', 'The approval flow is not valid', problems);
}

const inFlight = sql<number>`(select count(*)::int from approval_instances i where i.flow_id = ${approvalFlows.id} and i.status in ('pending', 'returned'))`;

async function readFlows(db: DbOrTx, where: ReturnType<typeof and>): Promise<ApprovalFlow[]> {
  const rows = await db
    .select({ flow: approvalFlows, definition: approvalFlowVersions, updatedByName: users.displayName, instancesInFlight: inFlight })
    .from(approvalFlows)
    .innerJoin(approvalFlowVersions, eq(approvalFlowVersions.id, approvalFlows.currentVersionId))
    .leftJoin(users, eq(users.id, approvalFlows.updatedBy))
    .where(and(isNull(approvalFlows.deletedAt), where))
    .orderBy(asc(approvalFlows.documentType), asc(approvalFlows.priority), asc(approvalFlows.createdAt));
  return rows.map(({ flow, definition, updatedByName, instancesInFlight }) => ({
    id: flow.id,
    documentType: flow.documentType,
    name: flow.name,
    description: flow.description,
    priority: flow.priority,
    condition: definition.condition ?? null,
    steps: definition.steps,
    active: flow.active,
    definitionVersion: flow.definitionVersion,
    instancesInFlight: Number(instancesInFlight),
    updatedAt: flow.updatedAt.toISOString(),
    updatedBy: flow.updatedBy ? { id: flow.updatedBy, displayName: updatedByName ?? '' } : null,
    version: flow.version,
  }));
}

export async function listFlows(db: DbOrTx, query: { documentType?: string | undefined }) {
  return { items: await readFlows(db, query.documentType ? eq(approvalFlows.documentType, query.documentType) : undefined) };
}

export async function getFlow(db: DbOrTx, id: string): Promise<ApprovalFlow> {
  const [flow] = await readFlows(db, eq(approvalFlows.id, id));
  if (!flow) throw notFound();
  return flow;
}

export async function createFlow(db: Db, actor: Actor, input: ApprovalFlowInput): Promise<ApprovalFlow> {
  const id = await db.transaction(async (tx) => {
    await assertValidDefinition(tx, input.documentType, input);
    const [flow] = await tx
      .insert(approvalFlows)
      .values({
        documentType: input.documentType,
        name: input.name,
        description: input.description ?? null,
        priority: input.priority,
        active: input.active,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: approvalFlows.id });
    const [definition] = await tx
      .insert(approvalFlowVersions)
      .values({ flowId: flow!.id, definitionVersion: 1, name: input.name, condition: input.condition, steps: input.steps, createdBy: actor.userId })
      .returning({ id: approvalFlowVersions.id });
    await tx.update(approvalFlows).set({ currentVersionId: definition!.id }).where(eq(approvalFlows.id, flow!.id));
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: flow!.id, action: 'create', changes: [{ field: 'definitionVersion', old: null, new: 1 }] });
    return flow!.id;
  });
  return getFlow(db, id);
}

export async function updateFlow(db: Db, actor: Actor, id: string, patch: ApprovalFlowPatch): Promise<ApprovalFlow> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(approvalFlows).where(and(eq(approvalFlows.id, id), isNull(approvalFlows.deletedAt))).for('update');
    if (!current) throw notFound();
    if (current.version !== patch.version) throw staleVersion();
    const [definition] = await tx.select().from(approvalFlowVersions).where(eq(approvalFlowVersions.id, current.currentVersionId!));
    const changesDefinition = patch.condition !== undefined || patch.steps !== undefined;
    const next: Definition = { condition: patch.condition === undefined ? (definition!.condition ?? null) : patch.condition, steps: patch.steps ?? definition!.steps };
    if (changesDefinition) await assertValidDefinition(tx, current.documentType, next);
    let currentVersionId = current.currentVersionId!;
    let definitionVersion = current.definitionVersion;
    const definitionChanged = changesDefinition && JSON.stringify(next) !== JSON.stringify({ condition: definition!.condition ?? null, steps: definition!.steps });
    if (definitionChanged) {
      // A new version: instances in flight keep pointing at theirs.
      definitionVersion += 1;
      const [created] = await tx
        .insert(approvalFlowVersions)
        .values({ flowId: id, definitionVersion, name: patch.name ?? current.name, condition: next.condition, steps: next.steps, createdBy: actor.userId })
        .returning({ id: approvalFlowVersions.id });
      currentVersionId = created!.id;
    }
    const changes = [
      ...(['name', 'description', 'priority', 'active'] as const)
        .filter((field) => patch[field] !== undefined && patch[field] !== current[field])
        .map((field) => ({ field, old: current[field], new: patch[field] ?? null })),
      ...(definitionChanged ? [{ field: 'definitionVersion', old: current.definitionVersion, new: definitionVersion }] : []),
    ];
    if (changes.length === 0) return;
    await tx
      .update(approvalFlows)
      .set({
        name: patch.name ?? current.name,
        description: patch.description === undefined ? current.description : patch.description,
        priority: patch.priority ?? current.priority,
        active: patch.active ?? current.active,
        currentVersionId,
        definitionVersion,
        version: current.version + 1,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      })
      .where(eq(approvalFlows.id, id));
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'update', changes });
  });
  return getFlow(db, id);
}

/** Soft: instances in flight finish on the version they started with. */
export async function deleteFlow(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(approvalFlows)
      .set({ deletedAt: new Date(), active: false, updatedBy: actor.userId, updatedAt: new Date(), version: sql`${approvalFlows.version} + 1` })
      .where(and(eq(approvalFlows.id, id), isNull(approvalFlows.deletedAt)))
      .returning({ id: approvalFlows.id });
    if (rows.length === 0) throw notFound();
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'delete' });
  });
}

/** The active flows of a document type in the order they are tried, each with the definition it would start with. */
export async function activeFlowsOf(db: DbOrTx, documentTypeKey: string) {
  return db
    .select({ flow: approvalFlows, definition: approvalFlowVersions })
    .from(approvalFlows)
    .innerJoin(approvalFlowVersions, eq(approvalFlowVersions.id, approvalFlows.currentVersionId))
    .where(and(eq(approvalFlows.documentType, documentTypeKey), eq(approvalFlows.active, true), isNull(approvalFlows.deletedAt)))
    .orderBy(asc(approvalFlows.priority), asc(approvalFlows.createdAt));
}
