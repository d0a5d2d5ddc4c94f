// Team visibility (ACT-5): per person within the caller's activity scope and a period — done activities by type,
// planned ones, customers and projects touched, time spent, check-ins — and the customers they own that nobody has
// followed up for N days, with the drill-down to those customers.
//
// Built for a manager of a large department over a quarter: one grouped statement over the activities of a constant
// array of owners in the period (each owner one range of the index (owner_id, starts_at)), one over their organisations.
import { sql, type SQL } from 'drizzle-orm';
import type { IdleOrganizationList, TeamActivity, TeamActivityQuery, TeamActivityRow } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { scopeCondition, uuidArray } from '../../platform/access/record-scope';
import { companyTimeZone, startOfDay } from '../../platform/config/settings.service';
import { invalidField, notFound } from '../../platform/errors';
import { teamMembers, userInScope } from './team-members';

/** The longest period one view counts: a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;
/** One activity counts at most a day of time: an end typed a month late must not swamp a quarter. */
const MAX_MINUTES_PER_ACTIVITY = 24 * 60;
const DRILL_DOWN_LIMIT = 200;
const DAY_MS = 86_400_000;

type Counts = Omit<TeamActivityRow, 'user' | 'departmentName'>;

const emptyCounts = (): Counts => ({ byType: {}, total: 0, planned: 0, organizationsTouched: 0, projectsTouched: 0, minutes: 0, checkins: 0, idleOrganizations: 0 });

type GroupedRow = {
  owner_id: string | null;
  type: string | null;
  /** 1 where the row is the owner's total (type rolled up), or the grand total (owner rolled up too). */
  all_types: number;
  all_owners: number;
  done: number;
  planned: number;
  organizations: number;
  projects: number;
  minutes: number;
  checkins: number;
};

/**
 * The period's activities of the owners in one grouped statement. Each owner is one range of the index (owner_id,
 * starts_at); rollup(owner, type) gives the rows per owner and type, per owner, and overall — whose distinct counts
 * count a customer two reps visited once, which a sum of the owners' rows could not. Exported for the plan check.
 */
export function activityCountsStatement(owners: readonly string[], from: string, to: string): SQL {
  return sql`
    select a.owner_id, a.type,
           grouping(a.type) as all_types, grouping(a.owner_id) as all_owners,
           (count(*) filter (where a.status = 'done'))::int as done,
           (count(*) filter (where a.status = 'planned'))::int as planned,
           (count(distinct a.organization_id) filter (where a.status = 'done'))::int as organizations,
           (count(distinct a.project_id) filter (where a.status = 'done'))::int as projects,
           coalesce(sum(least(floor(extract(epoch from a.ends_at - a.starts_at) / 60), ${MAX_MINUTES_PER_ACTIVITY}))
                      filter (where a.status = 'done' and a.ends_at > a.starts_at), 0)::int as minutes,
           (count(*) filter (where a.checkin_at is not null and a.status <> 'cancelled'))::int as checkins
      from activities a
     where a.owner_id = any(${uuidArray(owners)}) and a.deleted_at is null
       and a.starts_at >= ${from}::timestamptz and a.starts_at < ${to}::timestamptz
     group by rollup (a.owner_id, a.type)`;
}

/** The owners' live organisations not followed up since `idleBefore` (or never), counted per owner. */
export function idleCountsStatement(owners: readonly string[], idleBefore: string): SQL {
  return sql`
    select o.owner_id, count(*)::int as idle
      from organizations o
     where o.owner_id = any(${uuidArray(owners)}) and o.deleted_at is null
       and (o.last_activity_at is null or o.last_activity_at < ${idleBefore}::timestamptz)
     group by o.owner_id`;
}

/** A period (both ends included) ending before it starts, or longer than a year, is refused naming `to`. */
function assertPeriod(from: string, to: string): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) throw invalidField('to', 'before_from');
  if (days > MAX_PERIOD_DAYS) throw invalidField('to', 'range_too_long', `at most ${MAX_PERIOD_DAYS} days`);
}

export async function teamActivity(db: DbOrTx, actor: Actor, query: TeamActivityQuery, now = new Date()): Promise<TeamActivity> {
  assertPeriod(query.from, query.to);
  const members = await teamMembers(db, actor, {
    recordType: 'activity',
    // The team is whoever logs activities: with the whole company in scope, or a department holding an assistant or
    // a finance clerk, the others would be rows of zeros.
    permission: 'activity.create',
    ...(query.departmentId ? { departmentId: query.departmentId } : {}),
  });
  const result: TeamActivity = { from: query.from, to: query.to, idleDays: query.idleDays, rows: [], totals: emptyCounts() };
  if (members.length === 0) return result;

  const timeZone = await companyTimeZone(db);
  const from = startOfDay(query.from, timeZone).toISOString();
  const to = startOfDay(query.to, timeZone, 1).toISOString();
  const idleBefore = new Date(now.getTime() - query.idleDays * DAY_MS).toISOString();
  const owners = members.map((member) => member.id);
  const [grouped, idle] = await Promise.all([
    db.execute<GroupedRow>(activityCountsStatement(owners, from, to)),
    db.execute<{ owner_id: string; idle: number }>(idleCountsStatement(owners, idleBefore)),
  ]);

  const counts = new Map(members.map((member) => [member.id, emptyCounts()]));
  for (const row of grouped.rows) {
    const done = Number(row.done);
    if (Number(row.all_owners) === 1) {
      Object.assign(result.totals, { organizationsTouched: Number(row.organizations), projectsTouched: Number(row.projects) });
      continue;
    }
    const entry = counts.get(row.owner_id!)!;
    if (Number(row.all_types) === 0) {
      if (done > 0) entry.byType[row.type!] = done;
      continue;
    }
    Object.assign(entry, {
      total: done,
      planned: Number(row.planned),
      organizationsTouched: Number(row.organizations),
      projectsTouched: Number(row.projects),
      minutes: Number(row.minutes),
      checkins: Number(row.checkins),
    });
  }
  for (const row of idle.rows) counts.get(row.owner_id)!.idleOrganizations = Number(row.idle);

  const totals = result.totals;
  for (const member of members) {
    const entry = counts.get(member.id)!;
    result.rows.push({ user: { id: member.id, displayName: member.displayName }, departmentName: member.departmentName, ...entry });
    for (const [type, count] of Object.entries(entry.byType)) totals.byType[type] = (totals.byType[type] ?? 0) + count;
    totals.total += entry.total;
    totals.planned += entry.planned;
    totals.minutes += entry.minutes;
    totals.checkins += entry.checkins;
    totals.idleOrganizations += entry.idleOrganizations;
  }
  return result;
}

/**
 * The drill-down: the customers of one person within the caller's activity scope (404 otherwise) not followed up for
 * `idleDays`, never-followed-up first, then the longest ago. Names are shown only within the caller's customer scope.
 */
export async function idleOrganizations(db: DbOrTx, actor: Actor, query: { userId: string; idleDays: number }, now = new Date()): Promise<IdleOrganizationList> {
  const user = await userInScope(db, actor, 'activity', query.userId);
  if (!user) throw notFound();
  const idleBefore = new Date(now.getTime() - query.idleDays * DAY_MS).toISOString();
  const scope = scopeCondition(actor, ownedRecordTables.organization);
  const result = await db.execute<{ id: string; name: string; last_activity_at: Date | string | null; grade: string | null; total: number }>(sql`
    select id, name, last_activity_at, grade, (count(*) over ())::int as total
      from organizations
     where owner_id = ${user.id} and deleted_at is null
       and (last_activity_at is null or last_activity_at < ${idleBefore}::timestamptz)
       and ${scope}
     order by last_activity_at asc nulls first, name, id
     limit ${DRILL_DOWN_LIMIT}`);
  return {
    user,
    idleDays: query.idleDays,
    items: result.rows.map((row) => ({
      id: row.id,
      name: row.name,
      lastActivityAt: row.last_activity_at === null ? null : new Date(row.last_activity_at).toISOString(),
      grade: row.grade,
    })),
    total: Number(result.rows[0]?.total ?? 0),
  };
}
