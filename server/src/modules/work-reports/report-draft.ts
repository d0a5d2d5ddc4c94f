// The text a new work report starts from (ACT-4): the period's follow-ups, one line each, and the plan — open tasks
// and planned activities of the next period. Written in the author's language, since it is their report.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { dayOf, monthDayOf, nextPeriod, periodInstants, type ReportPeriod } from './report-period';

type EntryRow = {
  at: Date | string;
  kind: 'activity' | 'task';
  type: string | null;
  subject: string;
  outcome: string | null;
  organization_name: string | null;
  project_name: string | null;
};

/** A report line is one line: whatever newlines a subject or outcome holds become spaces. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const at = (instant: { from: Date; to: Date }) => ({ from: instant.from.toISOString(), to: instant.to.toISOString() });

async function activityTypeLabels(db: DbOrTx, locale: Actor['locale']): Promise<Map<string, string>> {
  const result = await db.execute<{ code: string; label_zh: string; label_en: string }>(
    sql`select code, label_zh, label_en from options where list_key = 'activity_type'`,
  );
  return new Map(result.rows.map((row) => [row.code, locale === 'zh-CN' ? row.label_zh : row.label_en]));
}

/**
 * `12-07 拜访 · 上海华东机械设备有限公司 · 地铁泵站项目：技术交流 — 客户认可方案`: day, type, customer, project, subject,
 * outcome; parts that are empty are left out. Weekly reports put an empty line between days, so each day reads as a block.
 */
function formatLines(rows: EntryRow[], period: ReportPeriod, timeZone: string, locale: Actor['locale'], labels: Map<string, string>): string {
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const taskLabel = locale === 'zh-CN' ? '任务' : 'Task';
  const lines: string[] = [];
  let previousDay: string | null = null;
  for (const row of rows) {
    const instant = new Date(row.at);
    const day = dayOf(instant, timeZone);
    if (period.kind === 'weekly' && previousDay !== null && day !== previousDay) lines.push('');
    previousDay = day;
    const label = row.kind === 'task' ? taskLabel : (labels.get(row.type ?? '') ?? row.type ?? '');
    const head = [`${monthDayOf(instant, timeZone)} ${label}`, row.organization_name, row.project_name].filter(Boolean).join(' · ');
    const outcome = row.outcome ? oneLine(row.outcome) : '';
    lines.push(`${head}${colon}${oneLine(row.subject)}${outcome ? ` — ${outcome}` : ''}`);
  }
  return lines.join('\n');
}

/** The summary and plan of a new report of `period` for the actor. */
export async function draftReportText(db: DbOrTx, actor: Actor, period: ReportPeriod, timeZone: string): Promise<{ summary: string; plans: string | null }> {
  const current = at(periodInstants(period, timeZone));
  const next = at(periodInstants(nextPeriod(period), timeZone));
  // One after the other: this runs inside the draft's transaction, whose single connection takes one query at a time.
  const labels = await activityTypeLabels(db, actor.locale);
  const done = await db.execute<EntryRow>(sql`
    select a.starts_at as at, 'activity' as kind, a.type, a.subject, a.outcome,
           o.name as organization_name, p.name as project_name
      from activities a
      left join organizations o on o.id = a.organization_id
      left join projects p on p.id = a.project_id
     where a.owner_id = ${actor.userId} and a.deleted_at is null and a.status = 'done'
       and a.starts_at >= ${current.from}::timestamptz and a.starts_at < ${current.to}::timestamptz
     order by a.starts_at, a.created_at, a.id
     limit 500`);
  const planned = await db.execute<EntryRow>(sql`
    select * from (
      select a.starts_at as at, 'activity' as kind, a.type, a.subject, null::text as outcome,
             o.name as organization_name, p.name as project_name
        from activities a
        left join organizations o on o.id = a.organization_id
        left join projects p on p.id = a.project_id
       where a.owner_id = ${actor.userId} and a.deleted_at is null and a.status = 'planned'
         and a.starts_at >= ${next.from}::timestamptz and a.starts_at < ${next.to}::timestamptz
      union all
      select t.due_at, 'task', null, t.title, null, o.name, p.name
        from tasks t
        left join organizations o on o.id = t.organization_id
        left join projects p on p.id = t.project_id
       where t.assignee_id = ${actor.userId} and t.deleted_at is null and t.status = 'open'
         and t.due_at >= ${next.from}::timestamptz and t.due_at < ${next.to}::timestamptz
    ) entries
    order by at, kind, subject
    limit 500`);
  const summary = formatLines(done.rows, period, timeZone, actor.locale, labels);
  const plans = formatLines(planned.rows, nextPeriod(period), timeZone, actor.locale, labels);
  return { summary, plans: plans || null };
}
