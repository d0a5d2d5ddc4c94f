// The coaching view (ACT-3): one rep's recent activities and submitted reports, each with its comments, for the manager
// who reads and comments them. A fixed number of statements, whatever the number of records: no query per row.
import { aliasedTable, and, desc, eq, gte, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { Activity, ActivityStatus, Coaching, Comment } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { scopeCondition } from '../../platform/access/record-scope';
import { companyTimeZone, startOfDay } from '../../platform/config/settings.service';
import { notFound } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { activities, activityContacts } from '../activities/activities.table';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';
import { projects } from '../projects/projects.table';
import { userInScope } from '../team-activity/team-members';
import { commentsOf } from './comments.service';
import { addDays, dayOf } from './report-period';
import { reportColumns, scopedReports, toWorkReport } from './work-report-read';
import { workReports } from './work-reports.table';

/** Activities listed at most; a quarter of a busy rep fits, and the page stays light on a phone. */
const ACTIVITY_LIMIT = 200;

const creators = aliasedTable(users, 'creators');
const activityOwners = aliasedTable(users, 'activity_owners');

const checkPoint = (at: Date | null, latitude: string | null, longitude: string | null, accuracy: number | null): Activity['checkin'] =>
  at ? { at: at.toISOString(), latitude: latitude === null ? null : Number(latitude), longitude: longitude === null ? null : Number(longitude), accuracy } : null;

/** The activities of one owner started in [from, to), newest first, in the Activity shape (two statements). */
async function activitiesOf(db: DbOrTx, actor: Actor, ownerId: string, from: Date, to: Date): Promise<Activity[]> {
  const rows = await db
    .select({
      activity: activities,
      organizationName: organizations.name,
      projectName: projects.name,
      ownerName: activityOwners.displayName,
      creatorName: creators.displayName,
      commentCount: sql<number>`(select count(*)::int from record_comments c
          where c.record_type = 'activity' and c.record_id = ${activities.id} and c.deleted_at is null)`.mapWith(Number),
      attachmentCount: sql<number>`(select count(*)::int from attachments f
          where f.record_type = 'activity' and f.record_id = ${activities.id} and f.deleted_at is null)`.mapWith(Number),
    })
    .from(activities)
    .leftJoin(organizations, eq(organizations.id, activities.organizationId))
    .leftJoin(projects, eq(projects.id, activities.projectId))
    .leftJoin(activityOwners, eq(activityOwners.id, activities.ownerId))
    .leftJoin(creators, eq(creators.id, activities.createdBy))
    .where(
      and(eq(activities.ownerId, ownerId), isNull(activities.deletedAt), ne(activities.status, 'cancelled'), gte(activities.startsAt, from), lt(activities.startsAt, to)),
    )
    .orderBy(desc(activities.startsAt), desc(activities.id))
    .limit(ACTIVITY_LIMIT);
  const ids = rows.map((row) => row.activity.id);
  const met = ids.length
    ? await db
        .select({ activityId: activityContacts.activityId, id: contacts.id, name: contacts.name })
        .from(activityContacts)
        .innerJoin(contacts, eq(contacts.id, activityContacts.contactId))
        .where(inArray(activityContacts.activityId, ids))
        .orderBy(contacts.name)
    : [];
  const contactsOf = new Map<string, { id: string; name: string }[]>();
  for (const contact of met) contactsOf.set(contact.activityId, [...(contactsOf.get(contact.activityId) ?? []), { id: contact.id, name: contact.name }]);
  // The owner is within the caller's scope (checked before), so the caller may edit whatever their role allows.
  const canEdit = actor.permissions.has('activity.edit');
  return rows.map(({ activity: row, ...joined }) => ({
    id: row.id,
    type: row.type,
    status: row.status as ActivityStatus,
    subject: row.subject,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    allDay: row.allDay,
    organization: row.organizationId ? { id: row.organizationId, name: joined.organizationName ?? '' } : null,
    project: row.projectId ? { id: row.projectId, name: joined.projectName ?? '' } : null,
    contacts: contactsOf.get(row.id) ?? [],
    content: row.content,
    outcome: row.outcome,
    nextStep: row.nextStep,
    nextAt: row.nextAt?.toISOString() ?? null,
    nextTaskId: row.nextTaskId,
    owner: { id: row.ownerId, displayName: joined.ownerName ?? '' },
    createdBy: row.createdBy ? { id: row.createdBy, displayName: joined.creatorName ?? '' } : null,
    doneAt: row.doneAt?.toISOString() ?? null,
    checkin: checkPoint(row.checkinAt, row.checkinLatitude, row.checkinLongitude, row.checkinAccuracy),
    checkout: checkPoint(row.checkoutAt, row.checkoutLatitude, row.checkoutLongitude, row.checkoutAccuracy),
    commentCount: joined.commentCount,
    attachmentCount: joined.attachmentCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    canEdit,
  }));
}

/** Groups comments by record. */
function byRecord(comments: Comment[]): Map<string, Comment[]> {
  const grouped = new Map<string, Comment[]>();
  for (const comment of comments) grouped.set(comment.recordId, [...(grouped.get(comment.recordId) ?? []), comment]);
  return grouped;
}

/**
 * One rep's last `days` days (today included, in the company's time zone): activities planned or done, newest first,
 * and the submitted reports whose period touches those days. The rep must be within the caller's activity scope (404
 * otherwise); the reports also follow the report scope, and need the permission to read reports.
 */
export async function coachingView(db: DbOrTx, actor: Actor, query: { userId: string; days: number }, now = new Date()): Promise<Coaching> {
  const user = await userInScope(db, actor, 'activity', query.userId);
  if (!user) throw notFound();
  const timeZone = await companyTimeZone(db);
  const today = dayOf(now, timeZone);
  const firstDay = addDays(today, 1 - query.days);
  const recent = await activitiesOf(db, actor, user.id, startOfDay(firstDay, timeZone), startOfDay(today, timeZone, 1));
  const reportRows = actor.permissions.has('work_report.view')
    ? await db
        .select(reportColumns(timeZone))
        .from(workReports)
        .leftJoin(users, eq(users.id, workReports.userId))
        .where(
          and(
            eq(workReports.userId, user.id),
            eq(workReports.status, 'submitted'),
            isNull(workReports.deletedAt),
            gte(workReports.periodEnd, firstDay),
            lte(workReports.periodStart, today),
            scopeCondition(actor, scopedReports),
          ),
        )
        .orderBy(desc(workReports.periodStart), desc(workReports.kind))
        .limit(100)
    : [];
  const reports = reportRows.map((row) => toWorkReport(actor, row));
  // All comments of all those records in one statement.
  const comments = byRecord(await commentsOf(db, actor, { activity: recent.map((activity) => activity.id), work_report: reports.map((report) => report.id) }));
  return {
    user,
    activities: recent.map((activity) => ({ ...activity, comments: comments.get(activity.id) ?? [] })),
    reports: reports.map((report) => ({ ...report, comments: comments.get(report.id) ?? [] })),
  };
}
