// Reading activities as the API shows them: the row, the names it points to, its contacts, how many comments and
// files it has, and whether the caller may edit it — one statement for the rows, one for their contacts.
import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Activity } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { recordAllowed, recordCondition, scopeCondition } from '../../platform/access/record-scope';
import { notFound } from '../../platform/errors';
import { contacts } from '../contacts/contacts.table';
import { activityScope, type ActivityRow } from './activity-access';
import type { CheckedNames } from './activity-input';
import { activities, activityContacts } from './activities.table';

/**
 * The activity's own column, qualified: drizzle writes a column of the only table of a select without its table, and
 * inside a sub-select on another table an unqualified `id` would be that table's.
 */
const own = (column: string) => sql.raw(`"activities"."${column}"`);

/** The columns of a read: the row, the names it points to, counts, and write access. */
export function activityColumns(actor: Actor) {
  return {
    activity: getTableColumns(activities),
    organizationName: sql<string | null>`(select o.name from organizations o where o.id = ${own('organization_id')})`,
    projectName: sql<string | null>`(select p.name from projects p where p.id = ${own('project_id')})`,
    ownerName: sql<string | null>`(select u.display_name from users u where u.id = ${own('owner_id')})`,
    createdByName: sql<string | null>`(select u.display_name from users u where u.id = ${own('created_by')})`,
    commentCount: sql<number>`(select count(*)::int from record_comments c where c.record_type = 'activity' and c.record_id = ${own('id')} and c.deleted_at is null)`,
    attachmentCount: sql<number>`(select count(*)::int from attachments f where f.record_type = 'activity' and f.record_id = ${own('id')} and f.deleted_at is null)`,
    canWrite: sql<boolean>`${scopeCondition(actor, activityScope, 'write')}`,
  };
}

export type ActivityReadRow = {
  activity: ActivityRow;
  organizationName: string | null;
  projectName: string | null;
  ownerName: string | null;
  createdByName: string | null;
  commentCount: number;
  attachmentCount: number;
  canWrite: boolean;
};

const point = (at: Date | null, latitude: string | null, longitude: string | null, accuracy: number | null) =>
  at ? { at: at.toISOString(), latitude: latitude === null ? null : Number(latitude), longitude: longitude === null ? null : Number(longitude), accuracy } : null;

export function toActivity(actor: Actor, row: ActivityReadRow, contactList: { id: string; name: string }[]): Activity {
  const a = row.activity;
  return {
    id: a.id,
    type: a.type,
    status: a.status as Activity['status'],
    subject: a.subject,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt?.toISOString() ?? null,
    allDay: a.allDay,
    organization: a.organizationId ? { id: a.organizationId, name: row.organizationName ?? '' } : null,
    project: a.projectId ? { id: a.projectId, name: row.projectName ?? '' } : null,
    contacts: contactList,
    content: a.content,
    outcome: a.outcome,
    nextStep: a.nextStep,
    nextAt: a.nextAt?.toISOString() ?? null,
    nextTaskId: a.nextTaskId,
    owner: { id: a.ownerId, displayName: row.ownerName ?? '' },
    createdBy: a.createdBy ? { id: a.createdBy, displayName: row.createdByName ?? '' } : null,
    doneAt: a.doneAt?.toISOString() ?? null,
    checkin: point(a.checkinAt, a.checkinLatitude, a.checkinLongitude, a.checkinAccuracy),
    checkout: point(a.checkoutAt, a.checkoutLatitude, a.checkoutLongitude, a.checkoutAccuracy),
    commentCount: Number(row.commentCount),
    attachmentCount: Number(row.attachmentCount),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    canEdit: Boolean(row.canWrite) && actor.permissions.has('activity.edit'),
  };
}

/** The contacts of a page of activities, by activity. */
export async function contactsOfActivities(db: DbOrTx, activityIds: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const byActivity = new Map<string, { id: string; name: string }[]>();
  if (activityIds.length === 0) return byActivity;
  const rows = await db
    .select({ activityId: activityContacts.activityId, id: contacts.id, name: contacts.name })
    .from(activityContacts)
    .innerJoin(contacts, eq(contacts.id, activityContacts.contactId))
    .where(inArray(activityContacts.activityId, [...activityIds]))
    .orderBy(contacts.name);
  for (const row of rows) {
    const list = byActivity.get(row.activityId) ?? [];
    list.push({ id: row.id, name: row.name });
    byActivity.set(row.activityId, list);
  }
  return byActivity;
}

/** One activity as the caller may read it, its contacts in the same statement; 404 outside the scope. */
export async function getActivity(db: DbOrTx, actor: Actor, id: string): Promise<Activity> {
  const [row] = await db
    .select({
      ...activityColumns(actor),
      contactList: sql<{ id: string; name: string }[]>`(select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name), '[]'::json)
        from activity_contacts ac join contacts c on c.id = ac.contact_id where ac.activity_id = ${own('id')})`,
    })
    .from(activities)
    .where(and(recordCondition(actor, activityScope, id, 'read'), isNull(activities.deletedAt)));
  if (!row) throw notFound();
  // PGlite hands json back parsed, node-postgres too; a string would be a driver returning it raw.
  const contactList = typeof row.contactList === 'string' ? (JSON.parse(row.contactList) as { id: string; name: string }[]) : row.contactList;
  return toActivity(actor, row as ActivityReadRow, contactList);
}

/**
 * A just-created activity as getActivity shows it, from the inserted row and the names its checks read — not read back:
 * that read's plan alone cost more than the insert. Names the checks did not read come in one look-up by primary keys.
 */
export async function createdActivity(db: DbOrTx, actor: Actor, row: ActivityRow, contactIds: readonly string[], names: CheckedNames): Promise<Activity> {
  let { organizationName, projectName } = names;
  let ownerName = row.ownerId === actor.userId ? actor.displayName : undefined;
  if ((row.organizationId && organizationName === undefined) || (row.projectId && projectName === undefined) || ownerName === undefined) {
    const result = await db.execute<{ organization_name: string | null; project_name: string | null; owner_name: string | null }>(sql`select
        (select o.name from organizations o where o.id = ${row.organizationId}::uuid) as organization_name,
        (select p.name from projects p where p.id = ${row.projectId}::uuid) as project_name,
        (select u.display_name from users u where u.id = ${row.ownerId}::uuid) as owner_name`);
    const found = result.rows[0];
    organizationName ??= found?.organization_name ?? undefined;
    projectName ??= found?.project_name ?? undefined;
    ownerName ??= found?.owner_name ?? undefined;
  }
  // As getActivity's `order by c.name`: code-point order, which UTF-16 comparison gives for these names.
  const contactList = contactIds.map((id) => ({ id, name: names.contactNames.get(id) ?? '' })).sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  const readRow: ActivityReadRow = {
    activity: row,
    organizationName: organizationName ?? null,
    projectName: projectName ?? null,
    ownerName: ownerName ?? null,
    createdByName: row.createdBy === actor.userId ? actor.displayName : null,
    commentCount: 0,
    attachmentCount: 0,
    canWrite: recordAllowed(actor, 'activity', row, 'write'),
  };
  return toActivity(actor, readRow, contactList);
}
