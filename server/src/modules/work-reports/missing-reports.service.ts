// Who has not submitted (ACT-4): the people within the caller's work-report scope who write reports, and whether they
// have nothing or only a draft for the period. Submitted is what counts: a draft nobody can read is not a report.
import { sql } from 'drizzle-orm';
import type { MissingReports, MissingReportsQuery } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { uuidArray } from '../../platform/access/record-scope';
import { teamMembers } from '../team-activity/team-members';
import { periodOf } from './report-period';

export async function missingReports(db: DbOrTx, actor: Actor, query: MissingReportsQuery): Promise<MissingReports> {
  const period = periodOf(query.kind, query.date);
  const members = await teamMembers(db, actor, {
    recordType: 'work_report',
    permission: 'work_report.create',
    ...(query.departmentId ? { departmentId: query.departmentId } : {}),
    excludeSelf: true,
  });
  const result = { kind: period.kind, periodStart: period.start, periodEnd: period.end, expected: members.length, submitted: 0, missing: [] as MissingReports['missing'] };
  if (members.length === 0) return result;
  const reports = await db.execute<{ user_id: string; status: string }>(sql`
    select user_id, status from work_reports
     where user_id = any(${uuidArray(members.map((member) => member.id))})
       and kind = ${period.kind} and period_start = ${period.start}::date and deleted_at is null`);
  const statusOf = new Map(reports.rows.map((row) => [row.user_id, row.status]));
  for (const member of members) {
    const status = statusOf.get(member.id);
    if (status === 'submitted') result.submitted += 1;
    else result.missing.push({ user: { id: member.id, displayName: member.displayName }, departmentName: member.departmentName, status: status === 'draft' ? 'draft' : 'none' });
  }
  return result;
}
