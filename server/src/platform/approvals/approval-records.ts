// What every part of the approval engine shares about an instance: its rows, the delegations that let someone act
// for an approver, who may see it, and the writes each step leaves behind (event, record history, notification).
import { and, eq, inArray, sql, type Placeholder } from 'drizzle-orm';
import type { ApprovalDetail } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { delegations } from '../access/access.table';
import { writeHistory } from '../audit/history.service';
import { AppError, notFound } from '../errors';
import type { NotificationWrite } from '../notify/notifications.service';
import { departments, users } from '../org-structure/org-structure.table';
import type { Submitter } from './approvers';
import { approvalEvents, approvalInstances, approvalSteps, approvalTasks } from './approvals.table';
import { documentType, type DocumentType } from './document-types';

export type InstanceRow = typeof approvalInstances.$inferSelect;
export type StepRow = typeof approvalSteps.$inferSelect;
export type TaskRow = typeof approvalTasks.$inferSelect;
type EventKind = ApprovalDetail['events'][number]['kind'];

export const OPEN_STATUSES = ['pending', 'returned'] as const;
export const notActionable = (detail = 'This step was already decided or is no longer waiting') => new AppError('approval_not_actionable', detail);


/** A statement's input: a value, or a placeholder that a prepared statement fills when it runs. */
export type Input = string | Placeholder;

/** A delegation that currently (`now`, an ISO time) hands its delegator's approvals to this user (whole-work or approvals-only). */
const activeDelegationTo = (userId: Input, now: Input) =>
  and(eq(delegations.toUserId, userId), sql`${delegations.revokedAt} is null`, sql`${delegations.startsAt} <= ${now}`, sql`${delegations.endsAt} > ${now}`);

/** Users who currently delegate their approvals (whole-work or approvals-only delegations) to this user. */
export async function approvalDelegators(db: DbOrTx, userId: string, now = new Date()): Promise<string[]> {
  const rows = await db.select({ id: delegations.fromUserId }).from(delegations).where(activeDelegationTo(userId, now.toISOString()));
  return [...new Set(rows.map((row) => row.id))];
}

/**
 * The same people as `[userId, ...approvalDelegators(userId)]`, as an SQL array the inbox statements resolve
 * themselves — one round trip per request instead of two.
 */
export const approvalPeopleSql = (userId: Input, now: Input) =>
  sql`(array[${userId}::uuid] || array(select ${delegations.fromUserId} from ${delegations} where ${activeDelegationTo(userId, now)}))`;

/**
 * Ids of the instances with a pending task of the user (or of someone who delegates to them), read from
 * approval_tasks_pending_idx alone. Used as `id = any(array(…))`, the instances are then fetched by primary key:
 * the planner estimates such an array as a handful of rows, where an `exists` or a join made it scan (and hash)
 * every instance — 4–7 ms at 10,000 instances, growing with the table instead of with the inbox.
 */
export const waitingInstanceIdsSql = (userId: Input, now: Input) =>
  sql`array(select t.instance_id from approval_tasks t where t.state = 'pending' and t.approver_id = any(${approvalPeopleSql(userId, now)}))`;

export async function loadSubmitter(db: DbOrTx, userId: string): Promise<Submitter> {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, departmentId: users.departmentId, departmentPath: departments.path, position: users.position })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId));
  if (!row) throw notFound('Unknown submitter');
  return row;
}

export async function departmentPaths(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ id: departments.id, path: departments.path }).from(departments);
  return new Map(rows.map((row) => [row.id, row.path]));
}

export function requireType(key: string): DocumentType {
  const type = documentType(key);
  if (!type) throw new Error(`Approval document type "${key}" is not registered`);
  return type;
}

export async function addEvent(
  tx: DbOrTx,
  instanceId: string,
  kind: EventKind,
  entry: { stepIndex?: number | null; actorId?: string | null; onBehalfOf?: string | null; comment?: string | null; at?: Date } = {},
) {
  await tx.insert(approvalEvents).values({
    instanceId,
    kind,
    stepIndex: entry.stepIndex ?? null,
    actorId: entry.actorId ?? null,
    onBehalfOf: entry.onBehalfOf ?? null,
    comment: entry.comment ?? null,
    // The application clock, not the transaction's start: events of one transaction keep their order in time.
    at: entry.at ?? new Date(),
  });
}

/** Every step of an approval is also a line in the approved record's own history (WF-3). */
export async function recordHistory(
  tx: DbOrTx,
  actor: Actor | null,
  instance: InstanceRow,
  action: string,
  entry: { stepName?: string | null; comment?: string | null; onBehalfOf?: string | null } = {},
) {
  await writeHistory(tx, actor, {
    recordType: instance.recordType,
    recordId: instance.recordId,
    action: `approval.${action}`,
    changes: [
      { field: 'approval', old: null, new: instance.number },
      ...(entry.stepName ? [{ field: 'approvalStep', old: null, new: entry.stepName }] : []),
    ],
    note: entry.comment ?? null,
    onBehalfOf: entry.onBehalfOf ?? null,
  });
}

export const approvalLink = (id: string) => `/approvals?open=${id}`;

export function notice(instance: InstanceRow, userId: string, kind: string, params: Record<string, unknown> = {}): NotificationWrite {
  return { userId, kind, link: approvalLink(instance.id), params: { approvalId: instance.id, number: instance.number, title: instance.title, documentType: instance.documentType, ...params } };
}

export async function bump(tx: DbOrTx, instanceId: string) {
  await tx.update(approvalInstances).set({ version: sql`${approvalInstances.version} + 1`, updatedAt: new Date() }).where(eq(approvalInstances.id, instanceId));
}

// -------------------------------------------------------------------------------------------- access

export type Involvement = {
  canRead: boolean;
  /** The actor (or someone delegating to them) holds or held a task in this instance. */
  approver: boolean;
  delegators: string[];
};

export async function involvement(tx: DbOrTx, actor: Actor, instance: InstanceRow): Promise<Involvement> {
  const delegators = await approvalDelegators(tx, actor.userId);
  const people = [actor.userId, ...delegators];
  const [task] = await tx
    .select({ id: approvalTasks.id })
    .from(approvalTasks)
    .where(and(eq(approvalTasks.instanceId, instance.id), sql`(${inArray(approvalTasks.approverId, people)} or ${inArray(approvalTasks.actedBy, people)})`))
    .limit(1);
  const approver = Boolean(task);
  const canRead =
    approver ||
    people.includes(instance.submitterId) ||
    actor.permissions.has('approval.configure') ||
    (await requireType(instance.documentType).canReadRecord(tx, actor, instance.recordId));
  return { canRead, approver, delegators };
}

