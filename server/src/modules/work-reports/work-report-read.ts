// How a work report is read (ACT-4): its columns with the author's name, the activities of its period counted as read,
// its comments counted, and the one visibility rule every reader applies — drafts are their author's alone.
import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { WorkReport, WorkReportKind } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition } from '../../platform/access/record-scope';
import { users } from '../../platform/org-structure/org-structure.table';
import { workReports } from './work-reports.table';

export const WORK_REPORT = 'work_report';
export const scopedReports = ownedRecordTables.work_report;

/** Others within the scope see submitted reports only: a draft is private to its author until submitted. */
export const visibleToActor = (actor: Actor): SQL => sql`(${workReports.status} = 'submitted' or ${workReports.userId} = ${actor.userId})`;

/**
 * The columns of a report read. The activity count is of the author's done activities in the period as it stands when
 * read (the summary is a draft the author edits; the count says what is on record), the days taken in the company zone.
 */
export function reportColumns(timeZone: string) {
  return {
    report: getTableColumns(workReports),
    authorName: users.displayName,
    activityCount: sql<number>`(select count(*)::int from activities a
        where a.owner_id = ${workReports.userId} and a.deleted_at is null and a.status = 'done'
          and a.starts_at >= (${workReports.periodStart}::timestamp at time zone ${timeZone})
          and a.starts_at < ((${workReports.periodEnd} + 1)::timestamp at time zone ${timeZone}))`.mapWith(Number),
    commentCount: sql<number>`(select count(*)::int from record_comments c
        where c.record_type = 'work_report' and c.record_id = ${workReports.id} and c.deleted_at is null)`.mapWith(Number),
  };
}

export type ReportRow = { report: typeof workReports.$inferSelect; authorName: string | null; activityCount: number; commentCount: number };

export function toWorkReport(actor: Actor, row: ReportRow): WorkReport {
  const { report } = row;
  return {
    id: report.id,
    user: { id: report.userId, displayName: row.authorName ?? '' },
    kind: report.kind as WorkReportKind,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    status: report.status as WorkReport['status'],
    summary: report.summary,
    problems: report.problems,
    plans: report.plans,
    submittedAt: report.submittedAt?.toISOString() ?? null,
    activityCount: row.activityCount,
    commentCount: row.commentCount,
    version: report.version,
    createdAt: report.createdAt.toISOString(),
    updatedAt: report.updatedAt.toISOString(),
    canEdit: report.userId === actor.userId && report.status === 'draft' && actor.permissions.has('work_report.create'),
  };
}

/** One live report the actor may read (in scope, and submitted or their own), or null. */
export async function readReport(db: DbOrTx, actor: Actor, id: string, timeZone: string): Promise<WorkReport | null> {
  const [row] = await db
    .select(reportColumns(timeZone))
    .from(workReports)
    .leftJoin(users, eq(users.id, workReports.userId))
    .where(and(recordCondition(actor, scopedReports, id), isNull(workReports.deletedAt), visibleToActor(actor)));
  return row ? toWorkReport(actor, row) : null;
}
