// Follow-up records and planned activities (ACT-1, ACT-2): list within the activity scope, read, log or plan, edit,
// complete, cancel, delete, history. What an activity sets off (last-activity dates, next-step task, reminders) lives in
// activity-effects.ts; the check of what it names in activity-input.ts; check-in and check-out in activity-checkin.ts.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, ilike, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Activity, ActivityInput, ActivityListQuery, ActivityPatch } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { databaseError } from '../../db/database-error';
import { cachedPrepared } from '../../db/prepared';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { countInScope, scopeCondition, scopedCount, scopeTemplate } from '../../platform/access/record-scope';
import { recordHistory } from '../../platform/audit/audit.table';
import { diffFields, historyRow, listHistory, onBehalfOf, writeHistory } from '../../platform/audit/history.service';
import { AppError } from '../../platform/errors';
import { totalCarried } from '../../platform/http/paging';
import { activityInScope, activityScope, writableActivity, type ActivityRow } from './activity-access';
import { cancelActivityReminders, followUpAt, followUpUpdates, recordFollowUp, recordNames, schedulePlannedReminder, syncNextStepTask } from './activity-effects';
import { activityTypeKnown, checkActivityInput, contactIdsOf, organizationNameInScope, type ResolvedLinks } from './activity-input';
import { activityColumns, contactsOfActivities, createdActivity, getActivity, toActivity, type ActivityReadRow } from './activity-read';
import { organizations } from '../organizations/organizations.table';
import { activities, activityContacts } from './activities.table';
import { containsPattern } from '../../platform/search/search-text';
import { ownerInDepartmentTree } from '../../platform/org-structure/department-tree';

export const ACTIVITY = 'activity';
export { getActivity };

const sortColumns = { startsAt: activities.startsAt, createdAt: activities.createdAt, updatedAt: activities.updatedAt, doneAt: activities.doneAt, subject: activities.subject } as const;

export async function listActivities(db: DbOrTx, actor: Actor, query: ActivityListQuery) {
  const filters: SQL[] = [isNull(activities.deletedAt)];
  if (query.q?.trim()) filters.push(ilike(activities.subject, containsPattern(query.q.trim())));
  if (query.ownerId) filters.push(eq(activities.ownerId, query.ownerId));
  if (query.departmentId) {
    filters.push(ownerInDepartmentTree(activities.ownerId, query.departmentId));
  }
  if (query.type) filters.push(eq(activities.type, query.type));
  if (query.status) filters.push(eq(activities.status, query.status));
  if (query.organizationId) filters.push(eq(activities.organizationId, query.organizationId));
  if (query.projectId) filters.push(eq(activities.projectId, query.projectId));
  if (query.contactId) filters.push(sql`exists (select 1 from activity_contacts ac where ac.activity_id = activities.id and ac.contact_id = ${query.contactId})`);
  if (query.from) filters.push(sql`${activities.startsAt} >= ${query.from}::timestamptz`);
  if (query.to) filters.push(sql`${activities.startsAt} < ${query.to}::timestamptz`);
  if (query.checkedIn === 'true') filters.push(isNotNull(activities.checkinAt));
  if (query.checkedIn === 'false') filters.push(isNull(activities.checkinAt));

  const sort = query.sort ?? '-startsAt';
  const column = sortColumns[sort.replace(/^-/, '') as keyof typeof sortColumns] ?? activities.startsAt;
  const direction = sort.startsWith('-') ? desc : asc;
  const rows = await db
    .select({ ...activityColumns(actor), total: scopedCount(actor, activityScope, and(...filters)).as('total') })
    .from(activities)
    .where(and(...filters, scopeCondition(actor, activityScope)))
    .orderBy(direction(column), asc(activities.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = await totalCarried(rows, query, () => countInScope(db, actor, activityScope, and(...filters)));
  const contactLists = await contactsOfActivities(db, rows.map((row) => row.activity.id));
  return {
    items: rows.map((row) => toActivity(actor, row as ActivityReadRow, contactLists.get(row.activity.id) ?? [])),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

/** The fields history compares, as plain values (times as ISO strings, contacts as a sorted list). */
function tracked(row: Pick<ActivityRow, (typeof trackedFields)[number] & keyof ActivityRow>, contactIds: readonly string[]) {
  return {
    type: row.type,
    status: row.status,
    subject: row.subject,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    allDay: row.allDay,
    organizationId: row.organizationId,
    projectId: row.projectId,
    contactIds: [...contactIds].sort(),
    content: row.content,
    outcome: row.outcome,
    nextStep: row.nextStep,
    nextAt: row.nextAt?.toISOString() ?? null,
    ownerId: row.ownerId,
  };
}
const trackedFields = ['type', 'status', 'subject', 'startsAt', 'endsAt', 'allDay', 'organizationId', 'projectId', 'contactIds', 'content', 'outcome', 'nextStep', 'nextAt', 'ownerId'] as const;

async function replaceContacts(tx: DbOrTx, activityId: string, contactIds: readonly string[]) {
  await tx.delete(activityContacts).where(eq(activityContacts.activityId, activityId));
  if (contactIds.length > 0) await tx.insert(activityContacts).values([...new Set(contactIds)].map((contactId) => ({ activityId, contactId })));
}

/** Changes that move the owner's reminder of a planned activity (its time, or what it says). */
const reminderFields = new Set(['status', 'startsAt', 'allDay', 'subject', 'type', 'organizationId', 'projectId']);

/**
 * What follows a done or planned activity: last-activity dates and the next step, or the owner's reminder. `changed`:
 * the fields an edit changed (none given: a new activity).
 */
async function applyEffects(tx: DbOrTx, actor: Actor, row: ActivityRow, contactIds: readonly string[], now: Date, changed?: readonly string[]) {
  const remindAgain = !changed || changed.some((field) => reminderFields.has(field));
  if (row.status === 'done') {
    await recordFollowUp(tx, row, contactIds, now);
    // Only a next step (new, or the task one made before) needs the names for its reminder: most follow-ups have none.
    if (row.nextAt || row.nextTaskId) await syncNextStepTask(tx, actor, row, contactIds, await recordNames(tx, row.organizationId, row.projectId));
    if (changed?.includes('status')) await cancelActivityReminders(tx, row.id);
  } else if (row.status === 'planned') {
    if (remindAgain) await schedulePlannedReminder(tx, row, await recordNames(tx, row.organizationId, row.projectId), now);
  } else if (changed?.includes('status')) {
    await cancelActivityReminders(tx, row.id);
  }
}

/**
 * Logs a follow-up (status done, the default) or plans an activity. `now` is the clock of the time rules.
 *
 * The activity, its contacts, its history and the last-activity dates it moves are one statement (data-modifying
 * `with`): atomic on its own, so a done activity without a next step needs no transaction around it. A next step's
 * task or a planned activity's reminder follows in further statements: those logs run in a transaction.
 *
 * The commonest log — a done follow-up of the caller's own on an organisation, naming no project and no contacts —
 * also carries its check in that statement, and costs one round trip: its type is written only when the organisation
 * is in the caller's scope and the type is active, so a refused check leaves the type null, which the table refuses
 * (NOT NULL), and nothing is written. Then the check runs on its own and names the problems as for any other log.
 */
export async function createActivity(db: Db, actor: Actor, input: ActivityInput, now = new Date()): Promise<Activity> {
  const contactIds = [...new Set(input.contactIds ?? [])];
  const status = input.status ?? 'done';
  const values = (links: ResolvedLinks): NewActivity => ({
    id: randomUUID(),
    type: input.type,
    status,
    subject: input.subject,
    startsAt: new Date(input.startsAt),
    endsAt: dateOrNull(input.endsAt),
    allDay: input.allDay ?? false,
    organizationId: links.organizationId,
    projectId: links.projectId,
    content: input.content ?? null,
    outcome: input.outcome ?? null,
    nextStep: input.nextStep ?? null,
    nextAt: dateOrNull(input.nextAt),
    ownerId: input.ownerId ?? actor.userId,
    createdBy: actor.userId,
    doneAt: status === 'done' ? now : null,
    createdAt: now,
    updatedAt: now,
  });

  const plain = status === 'done' && !input.nextAt;
  const carriesItsCheck =
    plain && input.organizationId && !input.projectId && contactIds.length === 0 && (input.ownerId ?? actor.userId) === actor.userId &&
    !(input.endsAt && new Date(input.endsAt) < new Date(input.startsAt));
  if (carriesItsCheck) {
    const checked = await insertActivity(db, actor, values({ organizationId: input.organizationId!, projectId: null }), contactIds, now, { checked: true, cache: true });
    if (checked) return createdActivity(db, actor, checked.row, contactIds, { contactNames: new Map(), organizationName: checked.organizationName });
  }

  const log = async (tx: DbOrTx) => {
    const { links, names } = await checkActivityInput(tx, actor, input, null);
    const { row } = (await insertActivity(tx, actor, values(links), contactIds, now, { checked: false, cache: tx === db }))!;
    if (row.status === 'done' && row.nextAt) await syncNextStepTask(tx, actor, row, contactIds, await recordNames(tx, row.organizationId, row.projectId));
    if (row.status === 'planned') await schedulePlannedReminder(tx, row, await recordNames(tx, row.organizationId, row.projectId), now);
    return { row, names };
  };
  const created = plain ? await log(db) : await db.transaction(log);
  return createdActivity(db, actor, created.row, contactIds, created.names);
}

/** The activity's columns a log writes; the rest take their defaults. */
const insertedFields = [
  'id', 'type', 'status', 'subject', 'startsAt', 'endsAt', 'allDay', 'organizationId', 'projectId', 'content', 'outcome', 'nextStep', 'nextAt',
  'ownerId', 'createdBy', 'doneAt', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof ActivityRow)[];
type NewActivity = Pick<ActivityRow, (typeof insertedFields)[number]>;

/** Which parts a log's statement has; each shape is one statement text (built once per process: cachedPrepared). */
type LogShape = { scope: ReturnType<typeof scopeTemplate> | null; organization: boolean; project: boolean; contacts: boolean; done: boolean };

/**
 * The new activity with its contacts, its history and (done) the dates it moves, in one statement. `checked`: the
 * statement writes only when the organisation is in the actor's scope and the type known, and answers null when it did
 * not. `cache`: run the statement built once for its shape (only outside a transaction).
 */
async function insertActivity(
  db: DbOrTx,
  actor: Actor,
  row: NewActivity,
  contactIds: readonly string[],
  now: Date,
  { checked, cache }: { checked: boolean; cache: boolean },
): Promise<{ row: ActivityRow; organizationName?: string } | null> {
  const shape: LogShape = {
    scope: checked ? scopeTemplate(actor, ownedRecordTables.organization) : null,
    organization: row.organizationId !== null,
    project: row.projectId !== null,
    contacts: contactIds.length > 0,
    done: row.status === 'done',
  };
  const changes = diffFields({} as Record<string, unknown>, tracked(row, contactIds), trackedFields).filter(
    (change) => change.new !== null && !(Array.isArray(change.new) && change.new.length === 0),
  );
  const history = historyRow(actor, { recordType: ACTIVITY, recordId: row.id, action: 'create', changes, onBehalfOf: onBehalfOf(actor, row.ownerId) });
  const values: Record<string, unknown> = {
    // Placeholders go to the driver as they are: times as ISO text, the changes as JSON text.
    ...Object.fromEntries(insertedFields.map((field) => [field, row[field] instanceof Date ? row[field].toISOString() : row[field]])),
    historyActorId: history.actorId,
    historyOnBehalfOf: history.onBehalfOf,
    historyChanges: JSON.stringify(history.changes),
    contactIds: `{${contactIds.join(',')}}`,
    followUpAt: followUpAt(row.startsAt, now),
    ...shape.scope?.values,
  };
  const key = `activity-log:${shape.scope?.shape ?? 'unchecked'}:${+shape.organization}${+shape.project}${+shape.contacts}${+shape.done}`;
  try {
    const [result] = cache ? await cachedPrepared(db as Db, key, () => logStatement(db, shape)).execute(values) : await logStatement(db, shape).execute(values);
    const { checkedOrganizationName, ...inserted } = result!;
    return { row: inserted, organizationName: checkedOrganizationName ?? undefined };
  } catch (error) {
    if (checked && refusedType(error)) return null;
    throw error;
  }
}


/** A log's statement of this shape, its values as placeholders (named after the activity's fields). */
function logStatement(db: DbOrTx, shape: LogShape) {
  // Each placeholder inside sql``, so that drizzle passes its value on as it is (its column encoders do not take null).
  const placeholder = (name: string) => sql`${sql.placeholder(name)}`;
  const value = Object.fromEntries(insertedFields.map((field) => [field, placeholder(field)])) as Record<(typeof insertedFields)[number], SQL>;
  const type = shape.scope
    ? sql`case when ${organizationNameInScope(value.organizationId, shape.scope.condition)} is not null and ${activityTypeKnown(value.type)} then ${value.type}::text end`
    : value.type;
  const inserted = db.$with('inserted').as(db.insert(activities).values({ ...value, type }).returning());
  const alongside = [
    db.$with('history').as(
      db.insert(recordHistory).values({ recordType: ACTIVITY, recordId: value.id, action: 'create', actorId: placeholder('historyActorId'), onBehalfOf: placeholder('historyOnBehalfOf'), changes: placeholder('historyChanges') }),
    ),
    ...(shape.contacts ? [db.$with('named').as(db.insert(activityContacts).select(sql`select ${value.id}::uuid, unnest(${sql.placeholder('contactIds')}::uuid[])`))] : []),
    ...(shape.done
      ? followUpUpdates(
          db,
          { organizationId: shape.organization ? value.organizationId : null, projectId: shape.project ? value.projectId : null, contactIds: shape.contacts ? sql`${sql.placeholder('contactIds')}::uuid[]` : null },
          placeholder('followUpAt'),
        ).map((update, index) => db.$with(`followed${index}`).as(update))
      : []),
  ];
  // The inserted row's columns as the statement returns them, with the organisation's name beside them when checked.
  const insertedColumns = Object.fromEntries(Object.keys(getTableColumns(activities)).map((key) => [key, inserted[key as keyof typeof inserted]])) as unknown as typeof activities._.columns;
  return db
    .with(inserted, ...alongside)
    .select({ ...insertedColumns, checkedOrganizationName: shape.scope ? sql<string>`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${inserted.organizationId})` : sql<null>`null` })
    .from(inserted);
}

/** The NOT NULL of `activities.type` refused the write: the check the statement carried did not pass. */
function refusedType(error: unknown): boolean {
  const failure = databaseError(error);
  return failure?.code === '23502' && failure.column === 'type';
}

/**
 * Refuses status moves a record cannot make: a done activity is a record of what happened — it is neither planned
 * again nor cancelled (edit its text instead).
 */
function assertStatusMove(from: string, to: string | undefined) {
  if (to === undefined || to === from) return;
  if (from === 'done') {
    throw new AppError('business_rule', `A done activity is a record of what happened and cannot become ${to}; edit it or delete it instead`, [
      { path: 'status', code: 'activity_already_done', message: 'activity_already_done' },
    ]);
  }
}

export async function updateActivity(db: Db, actor: Actor, id: string, patch: ActivityPatch, now = new Date()): Promise<Activity> {
  await db.transaction(async (tx) => {
    const current = await writableActivity(tx, actor, id, patch.version);
    const currentContacts = await contactIdsOf(tx, id);
    assertStatusMove(current.status, patch.status);
    const { links } = await checkActivityInput(tx, actor, patch, { ...current, contactIds: currentContacts });
    const next: Partial<ActivityRow> = { ...links };
    if (patch.type !== undefined) next.type = patch.type;
    if (patch.subject !== undefined) next.subject = patch.subject;
    if (patch.startsAt !== undefined) next.startsAt = new Date(patch.startsAt);
    if (patch.endsAt !== undefined) next.endsAt = dateOrNull(patch.endsAt);
    if (patch.allDay !== undefined) next.allDay = patch.allDay;
    if (patch.content !== undefined) next.content = patch.content;
    if (patch.outcome !== undefined) next.outcome = patch.outcome;
    if (patch.nextStep !== undefined) next.nextStep = patch.nextStep;
    if (patch.nextAt !== undefined) next.nextAt = dateOrNull(patch.nextAt);
    if (patch.status !== undefined && patch.status !== current.status) {
      next.status = patch.status;
      next.doneAt = patch.status === 'done' ? now : null;
    }
    const contactIds = patch.contactIds ? [...new Set(patch.contactIds)] : currentContacts;
    const after = { ...current, ...next };
    const changes = diffFields(tracked(current, currentContacts), tracked(after, contactIds), trackedFields);
    if (changes.length === 0) return;
    const [updated] = await tx
      .update(activities)
      .set({ ...next, version: current.version + 1, updatedAt: now })
      .where(eq(activities.id, id))
      .returning();
    if (patch.contactIds) await replaceContacts(tx, id, contactIds);
    const action = next.status === 'done' ? 'complete' : next.status === 'cancelled' ? 'cancel' : 'update';
    await writeHistory(tx, actor, { recordType: ACTIVITY, recordId: id, action, changes, onBehalfOf: onBehalfOf(actor, current.ownerId) });
    await applyEffects(tx, actor, updated!, contactIds, now, changes.map((change) => change.field));
  });
  return getActivity(db, actor, id);
}

/** Soft delete: the record stays in history; its pending reminders go. Last-activity dates are not moved back. */
export async function deleteActivity(db: Db, actor: Actor, id: string, version?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await writableActivity(tx, actor, id, version);
    const now = new Date();
    await tx.update(activities).set({ deletedAt: now, version: current.version + 1, updatedAt: now }).where(eq(activities.id, id));
    await cancelActivityReminders(tx, id);
    await writeHistory(tx, actor, { recordType: ACTIVITY, recordId: id, action: 'delete', onBehalfOf: onBehalfOf(actor, current.ownerId) });
  });
}

export async function activityHistory(db: DbOrTx, actor: Actor, id: string) {
  await activityInScope(db, actor, id);
  return { items: await listHistory(db, ACTIVITY, id) };
}
