// The calendar (ACT-2): activities (planned and done) and tasks of one person or a team over a period. Built for a large
// table: the owners are resolved first into a constant array, so each owner's period is one range of the index
// (owner_id, starts_at) — tasks likewise on (assignee_id, status, due_at); the rows are cut to the cap before the names
// they point to are joined, in the same statement.
import { sql, type SQL } from 'drizzle-orm';
import type { Calendar, CalendarEntry, CalendarQuery } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { uuidArray } from '../../platform/access/record-scope';
import { AppError, notFound } from '../../platform/errors';
import { activityOwnersInScope, allUserIds, usersOfDepartmentTree } from './activity-access';

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
const textFilter = (column: SQL, q: string | null): SQL => (q ? sql`and ${column} ilike ${`%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`}` : sql``);

/** The owners' activities (planned and done) starting in the period, cut to `limit`, then named. */
export function activityEntriesSql(owners: readonly string[], period: Period, limit: number): SQL {
  return sql`
      with cut as (
        select a.id, a.subject, a.type, a.status, a.starts_at, a.ends_at, a.all_day, a.owner_id, a.organization_id, a.project_id
          from activities a
         where a.owner_id = any(${uuidArray(owners)}) and a.deleted_at is null
           and a.starts_at >= ${period.from}::timestamptz and a.starts_at < ${period.to}::timestamptz
           and a.status <> 'cancelled' ${textFilter(sql`a.subject`, period.q)}
         order by a.starts_at, a.id
         limit ${limit})
      select 'activity' as kind, c.id, c.subject as title, c.type, c.status, c.starts_at as start, c.ends_at as "end", c.all_day,
             c.owner_id, u.display_name as owner_name, o.name as organization_name, p.name as project_name, false as overdue
        from cut c
        left join users u on u.id = c.owner_id
        left join organizations o on o.id = c.organization_id
        left join projects p on p.id = c.project_id
       order by c.starts_at, c.id`;
}

/** The owners' open and done tasks due in the period, cut to `limit`, then named. */
export function taskEntriesSql(owners: readonly string[], period: Period, limit: number, now: Date): SQL {
  return sql`
      with cut as (
        select t.id, t.title, t.status, t.due_at, t.assignee_id, t.organization_id, t.project_id
          from tasks t
         where t.assignee_id = any(${uuidArray(owners)}) and t.deleted_at is null
           and t.status in ('open', 'done')
           and t.due_at >= ${period.from}::timestamptz and t.due_at < ${period.to}::timestamptz ${textFilter(sql`t.title`, period.q)}
         order by t.due_at, t.id
         limit ${limit})
      select 'task' as kind, c.id, c.title, 'task' as type, c.status, c.due_at as start, null as "end", false as all_day,
             c.assignee_id as owner_id, u.display_name as owner_name, o.name as organization_name, p.name as project_name,
             (c.status = 'open' and c.due_at < ${now.toISOString()}::timestamptz) as overdue
        from cut c
        left join users u on u.id = c.assignee_id
        left join organizations o on o.id = c.organization_id
        left join projects p on p.id = c.project_id
       order by c.due_at, c.id`;
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
  owner_name: string | null;
  organization_name: string | null;
  project_name: string | null;
  overdue: boolean;
};

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
  const entries: CalendarEntry[] = rows.slice(0, CALENDAR_MAX_ENTRIES).map((row) => ({
    kind: row.kind,
    id: row.id,
    title: row.title,
    type: row.type,
    status: row.status,
    start: iso(row.start)!,
    end: iso(row.end),
    allDay: Boolean(row.all_day),
    owner: { id: row.owner_id, displayName: row.owner_name ?? '' },
    organizationName: row.organization_name,
    projectName: row.project_name,
    overdue: Boolean(row.overdue),
  }));
  return { entries, truncated: rows.length > CALENDAR_MAX_ENTRIES };
}
