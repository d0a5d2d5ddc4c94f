// The calendar (ACT-2): activities (planned and done) and tasks of one person or a team over a period. Built for a large
// table: the owners are resolved first into a constant array, so each owner's period is one range of the index
// (owner_id, starts_at) — tasks likewise on (assignee_id, status, due_at); the rows are cut to the cap before the names
// they point to are looked up, once per distinct record.
import { sql, type SQL } from 'drizzle-orm';
import type { Calendar, CalendarEntry, CalendarQuery } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { uuidArray } from '../../platform/access/record-scope';
import { AppError, notFound } from '../../platform/errors';
import { activityOwnersInScope, allUserIds, usersOfDepartmentTree } from './activity-access';
import { containsPattern } from '../../platform/search/search-text';

/** A month and a bit (a month view shows six weeks): longer periods are refused. */
export const CALENDAR_MAX_DAYS = 62;
/** Entries at most in one answer; `truncated` says some were left out. */
export const CALENDAR_MAX_ENTRIES = 2000;

/** The owners the calendar shows: the caller; or their scope, narrowed to one user or one department tree. */
async function calendarOwners(db: DbOrTx, actor: Actor, query: CalendarQuery): Promise<string[]> {
  if (query.view === 'mine') return [actor.userId];
  const inScope = activityOwnersInScope(actor);
  if (query.userId) {
    if (inScope && !inScope.includes(query.userId)) throw notFound();
    return [query.userId];
  }
  let owners = inScope ? [...inScope] : await allUserIds(db);
  if (query.departmentId) {
    const members = await usersOfDepartmentTree(db, query.departmentId);
    if (!members) throw notFound();
    const inDepartment = new Set(members);
    owners = owners.filter((id) => inDepartment.has(id));
  }
  return owners;
}

type Period = { from: string; to: string; q: string | null };
const textFilter = (column: SQL, q: string | null): SQL => (q ? sql`and ${column} ilike ${containsPattern(q)}` : sql``);

/** The owners' activities (planned and done) starting in the period, cut to `limit` (names are added after: entryNames). */
export function activityEntriesSql(owners: readonly string[], period: Period, limit: number): SQL {
  return sql`
      select 'activity' as kind, a.id, a.subject as title, a.type, a.status, a.starts_at as start, a.ends_at as "end", a.all_day,
             a.owner_id, a.organization_id, a.project_id, false as overdue
          from activities a
         where a.owner_id = any(${uuidArray(owners)}) and a.deleted_at is null
           and a.starts_at >= ${period.from}::timestamptz and a.starts_at < ${period.to}::timestamptz
           and a.status <> 'cancelled' ${textFilter(sql`a.subject`, period.q)}
         order by a.starts_at, a.id
         limit ${limit}`;
}

/** The owners' open and done tasks due in the period, cut to `limit` (names are added after: entryNames). */
export function taskEntriesSql(owners: readonly string[], period: Period, limit: number, now: Date): SQL {
  return sql`
      select 'task' as kind, t.id, t.title, 'task' as type, t.status, t.due_at as start, null as "end", false as all_day,
             t.assignee_id as owner_id, t.organization_id, t.project_id,
             (t.status = 'open' and t.due_at < ${now.toISOString()}::timestamptz) as overdue
          from tasks t
         where t.assignee_id = any(${uuidArray(owners)}) and t.deleted_at is null
           and t.status in ('open', 'done')
           and t.due_at >= ${period.from}::timestamptz and t.due_at < ${period.to}::timestamptz ${textFilter(sql`t.title`, period.q)}
         order by t.due_at, t.id
         limit ${limit}`;
}

type EntryRow = {
  kind: 'activity' | 'task';
  id: string;
  title: string;
  type: string;
  status: string;
  start: Date | string;
  end: Date | string | null;
  all_day: boolean;
  owner_id: string;
  organization_id: string | null;
  project_id: string | null;
  overdue: boolean;
};

/**
 * The names the entries show, one statement per table for the distinct ids of the cut (a join let the planner hash a
 * whole table — every project — for two thousand entries; a sub-select per row cost more than the cut itself).
 */
async function entryNames(db: DbOrTx, rows: readonly EntryRow[]) {
  const distinct = (pick: (row: EntryRow) => string | null) => [...new Set(rows.map(pick).filter((id): id is string => id !== null))];
  const lookup = async (table: 'users' | 'organizations' | 'projects', column: 'display_name' | 'name', ids: string[]) => {
    if (ids.length === 0) return new Map<string, string>();
    const result = await db.execute<{ id: string; name: string }>(
      sql`select id, ${sql.identifier(column)} as name from ${sql.identifier(table)} where id = any(${uuidArray(ids)})`,
    );
    return new Map(result.rows.map((row) => [row.id, row.name]));
  };
  const [owners, organizations, projects] = await Promise.all([
    lookup('users', 'display_name', distinct((row) => row.owner_id)),
    lookup('organizations', 'name', distinct((row) => row.organization_id)),
    lookup('projects', 'name', distinct((row) => row.project_id)),
  ]);
  return { owners, organizations, projects };
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export async function getCalendar(db: DbOrTx, actor: Actor, query: CalendarQuery, now = new Date()): Promise<Calendar> {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to <= from) throw new AppError('invalid_input', 'Invalid input', [{ path: 'to', code: 'range_empty', message: 'range_empty' }]);
  if (to.getTime() - from.getTime() > CALENDAR_MAX_DAYS * 86_400_000) {
    throw new AppError('invalid_input', 'Invalid input', [{ path: 'to', code: 'range_too_long', message: String(CALENDAR_MAX_DAYS) }]);
  }
  const owners = await calendarOwners(db, actor, query);
  if (owners.length === 0) return { entries: [], truncated: false };
  const limit = CALENDAR_MAX_ENTRIES + 1;
  const range = { from: from.toISOString(), to: to.toISOString(), q: query.q?.trim() || null };
  const [activityRows, taskRows] = await Promise.all([
    db.execute<EntryRow>(activityEntriesSql(owners, range, limit)),
    db.execute<EntryRow>(taskEntriesSql(owners, range, limit, now)),
  ]);
  const rows = [...activityRows.rows, ...taskRows.rows].sort((left, right) => new Date(left.start).getTime() - new Date(right.start).getTime());
  const shown = rows.slice(0, CALENDAR_MAX_ENTRIES);
  const names = await entryNames(db, shown);
  const entries: CalendarEntry[] = shown.map((row) => ({
    kind: row.kind,
    id: row.id,
    title: row.title,
    type: row.type,
    status: row.status,
    start: iso(row.start)!,
    end: iso(row.end),
    allDay: Boolean(row.all_day),
    owner: { id: row.owner_id, displayName: names.owners.get(row.owner_id) ?? '' },
    organizationName: row.organization_id ? (names.organizations.get(row.organization_id) ?? null) : null,
    projectName: row.project_id ? (names.projects.get(row.project_id) ?? null) : null,
    overdue: Boolean(row.overdue),
  }));
  return { entries, truncated: rows.length > CALENDAR_MAX_ENTRIES };
}
