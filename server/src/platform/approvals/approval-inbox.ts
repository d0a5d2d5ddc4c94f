// Reading approvals: the inbox boxes and their counts, one record's approvals, and the detail of one instance with
// the chain, the events and what the caller may do now.
import { and, asc, desc, eq, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { ApprovalDetail, ApprovalListQuery, ApprovalSummary } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { users } from '../org-structure/org-structure.table';
import { approvalEvents, approvalFlows, approvalFlowVersions, approvalInstances, approvalSteps, approvalTasks } from './approvals.table';
import { documentTypesOf } from './document-types';
import { OPEN_STATUSES, involvement, waitingInstanceIdsSql, type Input, type InstanceRow } from './approval-records';

type EventKind = ApprovalDetail['events'][number]['kind'];


// Drizzle writes a one-table select's columns unqualified, which sub-selects would read as their own: qualify.
const instanceColumn = (name: string) => sql.raw(`approval_instances.${name}`);
const waitingForSql = sql<{ id: string; displayName: string }[] | string | null>`(
  select coalesce(json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name), '[]'::json)
    from approval_tasks t join users u on u.id = t.approver_id
   where t.instance_id = ${instanceColumn('id')} and t.state = 'pending')`;
const currentStepNameSql = sql<string | null>`(
  select s.name from approval_steps s where s.instance_id = ${instanceColumn('id')} and s.index = ${instanceColumn('current_step')})`;
const submitterNameSql = sql<string>`(select u.display_name from users u where u.id = ${instanceColumn('submitter_id')})`;

const parseJson = <T,>(value: T | string | null): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** The instance columns a summary shows: lists read only these (not the submitted fields, which only the drawer shows). */
const summaryInstanceColumns = {
  id: approvalInstances.id,
  number: approvalInstances.number,
  documentType: approvalInstances.documentType,
  recordType: approvalInstances.recordType,
  recordId: approvalInstances.recordId,
  title: approvalInstances.title,
  status: approvalInstances.status,
  submitterId: approvalInstances.submitterId,
  submittedAt: approvalInstances.submittedAt,
  decidedAt: approvalInstances.decidedAt,
  currentStep: approvalInstances.currentStep,
  reason: approvalInstances.reason,
  version: approvalInstances.version,
};
type SummaryInstance = Pick<InstanceRow, keyof typeof summaryInstanceColumns>;

function toSummary(row: { instance: SummaryInstance; submitterName: string; currentStepName: string | null; waitingFor: unknown }): ApprovalSummary {
  const { instance } = row;
  return {
    id: instance.id,
    number: instance.number,
    documentType: instance.documentType,
    recordType: instance.recordType,
    recordId: instance.recordId,
    title: instance.title,
    status: instance.status as ApprovalSummary['status'],
    submitter: { id: instance.submitterId, displayName: row.submitterName ?? '' },
    submittedAt: instance.submittedAt.toISOString(),
    decidedAt: instance.decidedAt?.toISOString() ?? null,
    currentStep: instance.currentStep === null ? null : { index: instance.currentStep, name: row.currentStepName ?? '' },
    waitingFor: parseJson(row.waitingFor as { id: string; displayName: string }[] | string | null) ?? [],
    reason: instance.reason,
    version: instance.version,
  };
}

const summaryColumns = { instance: approvalInstances, submitterName: submitterNameSql, currentStepName: currentStepNameSql, waitingFor: waitingForSql };

export async function summaryOf(db: DbOrTx, id: string): Promise<ApprovalSummary> {
  const [row] = await db.select(summaryColumns).from(approvalInstances).where(eq(approvalInstances.id, id));
  if (!row) throw notFound();
  return toSummary(row);
}

/** What selects a box's instances (the record box is checked and filtered in listApprovals). */
function boxFilters(box: 'waiting' | 'submitted' | 'done', userId: Input, now: Input): SQL[] {
  if (box === 'waiting') return [eq(approvalInstances.status, 'pending'), sql`${approvalInstances.id} = any(${waitingInstanceIdsSql(userId, now)})`];
  if (box === 'submitted') return [eq(approvalInstances.submitterId, userId)];
  // approval_tasks_acted_idx alone gives the ids; see waitingInstanceIdsSql.
  return [sql`${approvalInstances.id} = any(array(select t.instance_id from approval_tasks t where t.acted_by = ${userId}))`];
}

/**
 * One statement for a page: the page is chosen on narrow rows (id, submission time, the total), and only its rows are
 * then read whole with their submitter, current step and waiting approvers.
 */
function pageStatement(db: DbOrTx, filters: SQL[], sort: ApprovalListQuery['sort'], limit: number | Placeholder, offset: number | Placeholder) {
  const order = sort === 'submittedAt' ? asc : desc;
  const page = db.$with('page').as(
    db
      .select({ id: approvalInstances.id, submittedAt: approvalInstances.submittedAt, total: sql<number>`count(*) over ()`.as('total') })
      .from(approvalInstances)
      .where(and(...filters))
      .orderBy(order(approvalInstances.submittedAt), asc(approvalInstances.id))
      .limit(limit)
      .offset(offset),
  );
  return db
    .with(page)
    .select({ ...summaryColumns, instance: summaryInstanceColumns, total: page.total })
    .from(page)
    .innerJoin(approvalInstances, eq(approvalInstances.id, page.id))
    .orderBy(order(page.submittedAt), asc(page.id));
}

const placeholders = { userId: sql.placeholder('userId'), now: sql.placeholder('now'), limit: sql.placeholder('limit'), offset: sql.placeholder('offset') };

function preparePage(db: DbOrTx, box: 'waiting' | 'submitted' | 'done', sort: ApprovalListQuery['sort']) {
  return pageStatement(db, boxFilters(box, placeholders.userId, placeholders.now), sort, placeholders.limit, placeholders.offset).prepare(`approvals_${box}_${sort ?? 'default'}`);
}

function prepareCounts(db: DbOrTx) {
  // The waiting count reads as many instances as wait for me (see waitingInstanceIdsSql); my own open submissions
  // come from one pass over approval_instances_submitter_idx.
  return db
    .select({
      waiting: sql<number>`(select count(*)::int from approval_instances w
        where w.id = any(${waitingInstanceIdsSql(placeholders.userId, placeholders.now)}) and w.status = 'pending')`.as('waiting'),
      submittedPending: sql<number>`(count(*) filter (where ${approvalInstances.status} = 'pending'))::int`.as('submitted_pending'),
      returned: sql<number>`(count(*) filter (where ${approvalInstances.status} = 'returned'))::int`.as('returned'),
    })
    .from(approvalInstances)
    .where(and(eq(approvalInstances.submitterId, placeholders.userId), inArray(approvalInstances.status, [...OPEN_STATUSES])))
    .prepare('approvals_counts');
}

/**
 * What every visit of the inbox asks — a box without further filters, and the counts — is prepared once per database
 * handle: Drizzle builds the SQL once, PostgreSQL parses it once per connection and, after a few runs, keeps one
 * generic plan (the same for every approver: index-only look-ups of the ids, then primary keys), so neither is
 * repeated per request. Searches and filters are built per request, planned for their values.
 */
const prepared = new WeakMap<DbOrTx, { pages: Map<string, ReturnType<typeof preparePage>>; counts: ReturnType<typeof prepareCounts> }>();

function preparedFor(db: DbOrTx) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = { pages: new Map(), counts: prepareCounts(db) };
    prepared.set(db, statements);
  }
  return statements;
}

/** The inbox: waiting for me (or for those who delegate their approvals to me), submitted by me, done by me, or one record's. */
export async function listApprovals(db: DbOrTx, actor: Actor, query: ApprovalListQuery) {
  const now = new Date().toISOString();
  const limit = query.pageSize;
  const offset = (query.page - 1) * query.pageSize;
  const filters: SQL[] = [];
  let rows: Awaited<ReturnType<typeof pageStatement>>;
  if (query.box !== 'record' && !query.status && !query.documentType && !query.recordType && !query.recordId && !query.q?.trim()) {
    const { pages } = preparedFor(db);
    const key = `${query.box}:${query.sort ?? ''}`;
    let statement = pages.get(key);
    if (!statement) {
      statement = preparePage(db, query.box, query.sort);
      pages.set(key, statement);
    }
    rows = await statement.execute({ userId: actor.userId, now, limit, offset });
    filters.push(...boxFilters(query.box, actor.userId, now));
  } else {
    if (query.box !== 'record') {
      filters.push(...boxFilters(query.box, actor.userId, now));
    } else {
      if (!query.recordType || !query.recordId) {
        throw new AppError('invalid_input', 'recordType and recordId are needed', [{ path: query.recordType ? 'recordId' : 'recordType', code: 'required', message: 'required' }]);
      }
      // Anyone who may read the record may follow its approvals.
      const owner = documentTypesOf(query.recordType)[0];
      if (!owner || !(await owner.canReadRecord(db, actor, query.recordId))) throw notFound();
      filters.push(eq(approvalInstances.recordType, query.recordType), eq(approvalInstances.recordId, query.recordId));
    }
    if (query.status) filters.push(eq(approvalInstances.status, query.status));
    if (query.documentType) filters.push(eq(approvalInstances.documentType, query.documentType));
    if (query.recordType && query.box !== 'record') filters.push(eq(approvalInstances.recordType, query.recordType));
    if (query.recordId && query.box !== 'record') filters.push(eq(approvalInstances.recordId, query.recordId));
    if (query.q?.trim()) {
      const pattern = `%${query.q.trim().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      filters.push(sql`(${approvalInstances.title} ilike ${pattern} or ${approvalInstances.number} ilike ${pattern})`);
    }
    rows = await pageStatement(db, filters, query.sort, limit, offset);
  }
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && query.page > 1) {
    const [counted] = await db.select({ count: sql<number>`count(*)::int` }).from(approvalInstances).where(and(...filters));
    total = Number(counted?.count ?? 0);
  }
  return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function approvalCounts(db: DbOrTx, actor: Actor) {
  const [row] = await preparedFor(db).counts.execute({ userId: actor.userId, now: new Date().toISOString() });
  return { waiting: Number(row?.waiting ?? 0), submittedPending: Number(row?.submittedPending ?? 0), returned: Number(row?.returned ?? 0) };
}

export async function getApproval(db: DbOrTx, actor: Actor, id: string): Promise<ApprovalDetail> {
  const [row] = await db
    .select({ ...summaryColumns, flowName: approvalFlows.name, definitionVersion: approvalFlowVersions.definitionVersion })
    .from(approvalInstances)
    .innerJoin(approvalFlows, eq(approvalFlows.id, approvalInstances.flowId))
    .innerJoin(approvalFlowVersions, eq(approvalFlowVersions.id, approvalInstances.flowVersionId))
    .where(eq(approvalInstances.id, id));
  if (!row) throw notFound();
  const access = await involvement(db, actor, row.instance);
  if (!access.canRead) throw notFound();
  const [steps, tasks, events] = await Promise.all([
    db.select().from(approvalSteps).where(eq(approvalSteps.instanceId, id)).orderBy(asc(approvalSteps.index)),
    db.select().from(approvalTasks).where(eq(approvalTasks.instanceId, id)).orderBy(asc(approvalTasks.createdAt), asc(approvalTasks.id)),
    db.select().from(approvalEvents).where(eq(approvalEvents.instanceId, id)).orderBy(asc(approvalEvents.id)),
  ]);
  const userIds = new Set<string>();
  for (const task of tasks) for (const userId of [task.approverId, task.actedBy, task.onBehalfOf, task.escalatedFrom]) if (userId) userIds.add(userId);
  for (const event of events) for (const userId of [event.actorId, event.onBehalfOf]) if (userId) userIds.add(userId);
  const names = new Map<string, string>();
  if (userIds.size > 0) {
    for (const user of await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...userIds]))) names.set(user.id, user.name);
  }
  const ref = (userId: string | null) => (userId ? { id: userId, displayName: names.get(userId) ?? '' } : null);
  const instance = row.instance;
  const people = [actor.userId, ...access.delegators];
  const current = steps.find((step) => step.index === instance.currentStep);
  const mayDecide =
    instance.status === 'pending' && Boolean(current) && tasks.some((task) => task.stepId === current!.id && task.state === 'pending' && people.includes(task.approverId));
  const isSubmitter = instance.submitterId === actor.userId;
  const open = (OPEN_STATUSES as readonly string[]).includes(instance.status);
  return {
    ...toSummary(row),
    fields: instance.fields,
    flow: { id: instance.flowId, name: row.flowName, definitionVersion: row.definitionVersion },
    steps: steps.map((step) => ({
      index: step.index,
      key: step.key,
      name: step.name,
      mode: step.mode as 'any' | 'all',
      state: step.state as ApprovalDetail['steps'][number]['state'],
      skippedBecause: (step.skippedBecause as 'condition' | 'self' | null) ?? null,
      activatedAt: step.activatedAt?.toISOString() ?? null,
      decidedAt: step.decidedAt?.toISOString() ?? null,
      tasks: tasks
        .filter((task) => task.stepId === step.id)
        .map((task) => ({
          id: task.id,
          approver: { id: task.approverId, displayName: names.get(task.approverId) ?? '' },
          state: task.state as ApprovalDetail['steps'][number]['tasks'][number]['state'],
          actedBy: ref(task.actedBy),
          onBehalfOf: ref(task.onBehalfOf),
          comment: task.comment,
          actedAt: task.actedAt?.toISOString() ?? null,
          escalatedFrom: ref(task.escalatedFrom),
        })),
    })),
    events: events.map((event) => ({
      id: String(event.id),
      kind: event.kind as EventKind,
      stepIndex: event.stepIndex,
      actor: ref(event.actorId),
      onBehalfOf: ref(event.onBehalfOf),
      comment: event.comment,
      at: event.at.toISOString(),
    })),
    actions: {
      approve: mayDecide,
      reject: mayDecide,
      return: mayDecide,
      withdraw: isSubmitter && open,
      resubmit: isSubmitter && instance.status === 'returned',
      comment: true,
    },
    returnTargets: mayDecide
      ? steps.filter((step) => step.index < (instance.currentStep ?? 0) && step.state === 'approved').map((step) => ({ index: step.index, name: step.name }))
      : [],
  };
}

