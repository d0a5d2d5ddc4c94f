// The day's agenda of users: open tasks due today or overdue, planned activities starting today and reminders falling
// due today, "today" in the company time zone. The morning digest mails it; GET /me/agenda shows it in the web app.
// It reads the activities module's tables: the agenda is that module's calendar seen through the reminder service.
import { sql } from 'drizzle-orm';
import type { Agenda, AgendaActivity, AgendaTask } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { activities, tasks } from '../../modules/activities/activities.table';
import { organizations } from '../../modules/organizations/organizations.table';
import { projects } from '../../modules/projects/projects.table';
import { companyTimeZone, startOfDay, zonedDateTime } from '../config/settings.service';
import { toReminder } from './reminders.service';
import { reminders } from './reminders.table';

/** Overdue tasks pile up when nobody closes them: an agenda lists today's and the most recent overdue, this many in all. */
export const AGENDA_TASK_LIMIT = 50;

export type CompanyDay = { date: string; timeZone: string; start: Date; end: Date };

const pad = (value: number) => String(value).padStart(2, '0');
const iso = (value: string | Date) => new Date(value).toISOString();
const ref = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

/** The company's calendar day of `now` and the instants it begins and ends. */
export function companyDay(now: Date, timeZone: string): CompanyDay {
  const local = zonedDateTime(now, timeZone);
  const date = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
  return { date, timeZone, start: startOfDay(date, timeZone), end: startOfDay(date, timeZone, 1) };
}

export const isEmptyAgenda = (agenda: Agenda) =>
  agenda.tasks.length === 0 && agenda.activities.length === 0 && agenda.reminders.length === 0 && agenda.moreTasks === 0;

type TaskRow = {
  id: string;
  user_id: string;
  title: string;
  due_at: string | Date;
  priority: string;
  organization_id: string | null;
  organization_name: string | null;
  project_id: string | null;
  project_name: string | null;
  total: string | number;
};

type ActivityRow = {
  id: string;
  user_id: string;
  type: string;
  subject: string;
  starts_at: string | Date;
  ends_at: string | Date | null;
  all_day: boolean;
  organization_id: string | null;
  organization_name: string | null;
  project_id: string | null;
  project_name: string | null;
};

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

async function agendaTasks(db: DbOrTx, userIds: readonly string[], day: CompanyDay) {
  // Today's tasks rank first, then the most recent overdue ones; the count says how many there are in all.
  const result = await db.execute<TaskRow>(sql`
    select * from (
      select t.id, t.assignee_id as user_id, t.title, t.due_at, t.priority,
             o.id as organization_id, o.name as organization_name, p.id as project_id, p.name as project_name,
             row_number() over (partition by t.assignee_id order by t.due_at desc) as rank,
             count(*) over (partition by t.assignee_id) as total
      from ${tasks} t
      left join ${organizations} o on o.id = t.organization_id
      left join ${projects} p on p.id = t.project_id
      where t.assignee_id = any(${uuidArray(userIds)}) and t.status = 'open' and t.deleted_at is null
        and t.due_at < ${day.end.toISOString()}::timestamptz) ranked
    where rank <= ${AGENDA_TASK_LIMIT}
    order by due_at`);
  return result.rows;
}

async function agendaActivities(db: DbOrTx, userIds: readonly string[], day: CompanyDay) {
  const result = await db.execute<ActivityRow>(sql`
    select a.id, a.owner_id as user_id, a.type, a.subject, a.starts_at, a.ends_at, a.all_day,
           o.id as organization_id, o.name as organization_name, p.id as project_id, p.name as project_name
    from ${activities} a
    left join ${organizations} o on o.id = a.organization_id
    left join ${projects} p on p.id = a.project_id
    where a.owner_id = any(${uuidArray(userIds)}) and a.status = 'planned' and a.deleted_at is null
      and a.starts_at >= ${day.start.toISOString()}::timestamptz and a.starts_at < ${day.end.toISOString()}::timestamptz
    order by a.starts_at`);
  return result.rows;
}

async function agendaReminders(db: DbOrTx, userIds: readonly string[], day: CompanyDay) {
  return db
    .select()
    .from(reminders)
    .where(
      sql`${reminders.userId} = any(${uuidArray(userIds)}) and ${reminders.status} <> 'cancelled'
        and ${reminders.dueAt} >= ${day.start.toISOString()}::timestamptz and ${reminders.dueAt} < ${day.end.toISOString()}::timestamptz`,
    )
    .orderBy(reminders.dueAt);
}

/** The agendas of these users for the day, one per user (empty ones included), in three set-based queries. */
export async function loadAgendas(db: DbOrTx, userIds: readonly string[], day: CompanyDay): Promise<Map<string, Agenda>> {
  const agendas = new Map<string, Agenda>(
    userIds.map((userId) => [userId, { date: day.date, timeZone: day.timeZone, tasks: [], activities: [], reminders: [], moreTasks: 0 }]),
  );
  if (userIds.length === 0) return agendas;
  const [taskRows, activityRows, reminderRows] = await Promise.all([
    agendaTasks(db, userIds, day),
    agendaActivities(db, userIds, day),
    agendaReminders(db, userIds, day),
  ]);
  for (const row of taskRows) {
    const agenda = agendas.get(row.user_id)!;
    const dueAt = new Date(row.due_at);
    const task: AgendaTask = {
      id: row.id,
      title: row.title,
      dueAt: iso(dueAt),
      overdue: dueAt < day.start,
      priority: row.priority,
      organization: ref(row.organization_id, row.organization_name),
      project: ref(row.project_id, row.project_name),
    };
    agenda.tasks.push(task);
    agenda.moreTasks = Math.max(0, Number(row.total) - AGENDA_TASK_LIMIT);
  }
  for (const row of activityRows) {
    const activity: AgendaActivity = {
      id: row.id,
      type: row.type,
      subject: row.subject,
      startsAt: iso(row.starts_at),
      endsAt: row.ends_at === null ? null : iso(row.ends_at),
      allDay: row.all_day,
      organization: ref(row.organization_id, row.organization_name),
      project: ref(row.project_id, row.project_name),
    };
    agendas.get(row.user_id)!.activities.push(activity);
  }
  for (const row of reminderRows) {
    const agenda = agendas.get(row.userId)!;
    // A task's or activity's reminder would list the same thing twice: the task or activity stands for it.
    const listed =
      (row.recordType === 'task' && agenda.tasks.some((task) => task.id === row.recordId)) ||
      (row.recordType === 'activity' && agenda.activities.some((activity) => activity.id === row.recordId));
    if (!listed) agenda.reminders.push(toReminder(row));
  }
  return agendas;
}

/** GET /me/agenda: the caller's items of today. */
export async function getMyAgenda(db: DbOrTx, userId: string, now = new Date()): Promise<Agenda> {
  const day = companyDay(now, await companyTimeZone(db));
  return (await loadAgendas(db, [userId], day)).get(userId)!;
}
