// The morning digest: one e-mail per user who chose `digest` (the default) listing today's agenda. reminder_digests
// keeps it to one per user and day, whichever instance runs the job and however often: the row is claimed before the
// mail goes out, so a crash after the claim loses that day's digest rather than sending it twice.
import { sql } from 'drizzle-orm';
import type { Agenda } from '@openpsm/contracts';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/client';
import { companyTimeZone } from '../config/settings.service';
import { sendMail, type Mail } from '../notify/mail.service';
import { absoluteLink } from './reminder-delivery';
import { companyDay, isEmptyAgenda, loadAgendas, type CompanyDay } from './reminder-agenda';
import { formatDateTime, formatTime, reminderText } from './reminder-text';
import { reminderDigests } from './reminders.table';

/** Recipients per round: their agendas are read in three queries, their digest rows claimed in one. */
const PAGE = 500;

type Recipient = { id: string; email: string; display_name: string; locale: string };

type DigestWords = {
  subject: (date: string, count: number) => string;
  greeting: (name: string) => string;
  intro: (date: string) => string;
  tasks: string;
  activities: string;
  reminders: string;
  dueToday: (time: string) => string;
  overdue: (dateTime: string) => string;
  allDay: string;
  moreTasks: (count: number) => string;
  open: string;
  footer: string;
};

const words: Record<'zh-CN' | 'en', DigestWords> = {
  'zh-CN': {
    subject: (date, count) => `OpenPSM 今日待办（${date}）：${count} 项`,
    greeting: (name) => `${name}，您好：`,
    intro: (date) => `今天（${date}）的待办：`,
    tasks: '任务',
    activities: '计划的活动',
    reminders: '提醒',
    dueToday: (time) => `今天 ${time} 到期`,
    overdue: (dateTime) => `已逾期，原定 ${dateTime}`,
    allDay: '全天',
    moreTasks: (count) => `……另有 ${count} 项逾期任务`,
    open: '打开 OpenPSM：',
    footer: '您收到这封邮件，是因为您选择了每日早间汇总；可在 OpenPSM 的提醒设置中更改。',
  },
  en: {
    subject: (date, count) => `OpenPSM today (${date}): ${count} item${count === 1 ? '' : 's'}`,
    greeting: (name) => `Hello ${name},`,
    intro: (date) => `Your items for today (${date}):`,
    tasks: 'Tasks',
    activities: 'Planned activities',
    reminders: 'Reminders',
    dueToday: (time) => `due today at ${time}`,
    overdue: (dateTime) => `overdue since ${dateTime}`,
    allDay: 'all day',
    moreTasks: (count) => `… and ${count} more overdue tasks`,
    open: 'Open OpenPSM: ',
    footer: 'You receive this because you chose a morning digest; change it in your reminder settings in OpenPSM.',
  },
};

/** Where a task or activity belongs, after its title: organisation and project when it names them. */
function context(item: { organization: { name: string } | null; project: { name: string } | null }, english: boolean): string {
  const names = [item.organization?.name, item.project?.name].filter(Boolean).join(' / ');
  if (!names) return '';
  return english ? ` — ${names}` : ` —— ${names}`;
}

/** The digest mail of one agenda, in the recipient's language. */
export function digestMail(recipient: Recipient, agenda: Agenda, config: AppConfig): Mail {
  const english = recipient.locale === 'en';
  const say = words[english ? 'en' : 'zh-CN'];
  const zone = agenda.timeZone;
  const lines = [say.greeting(recipient.display_name), '', say.intro(agenda.date)];
  if (agenda.tasks.length > 0 || agenda.moreTasks > 0) {
    lines.push('', say.tasks);
    for (const task of agenda.tasks) {
      const when = task.overdue ? say.overdue(formatDateTime(task.dueAt, zone)) : say.dueToday(formatTime(new Date(task.dueAt), zone));
      lines.push(`  · ${task.title}${context(task, english)}${english ? ` (${when})` : `（${when}）`}`);
    }
    if (agenda.moreTasks > 0) lines.push(`  ${say.moreTasks(agenda.moreTasks)}`);
  }
  if (agenda.activities.length > 0) {
    lines.push('', say.activities);
    for (const activity of agenda.activities) {
      const start = new Date(activity.startsAt);
      const time = activity.allDay
        ? say.allDay
        : `${formatTime(start, zone)}${activity.endsAt ? `–${formatTime(new Date(activity.endsAt), zone)}` : ''}`;
      lines.push(`  · ${time} ${activity.subject}${context(activity, english)}`);
    }
  }
  if (agenda.reminders.length > 0) {
    lines.push('', say.reminders);
    for (const reminder of agenda.reminders) {
      lines.push(`  · ${formatTime(new Date(reminder.dueAt), zone)} ${reminderText(reminder.kind, reminder.params, recipient.locale, zone)}`);
    }
  }
  if (config.publicUrl) lines.push('', `${say.open}${absoluteLink('/', config)}`);
  lines.push('', '—', say.footer);
  const count = agenda.tasks.length + agenda.moreTasks + agenda.activities.length + agenda.reminders.length;
  return { to: recipient.email, subject: say.subject(agenda.date, count), text: lines.join('\n') };
}

/** Active users with an address who want the digest and did not get today's yet, after `afterId` (paging by id). */
async function recipients(db: Db, day: CompanyDay, afterId: string): Promise<Recipient[]> {
  const result = await db.execute<Recipient>(sql`
    select u.id, u.email, u.display_name, u.locale
    from users u
    left join reminder_settings s on s.user_id = u.id
    where u.status = 'active' and u.email is not null and u.email <> '' and coalesce(s.email, 'digest') = 'digest'
      and u.id > ${afterId}::uuid
      and not exists (select 1 from reminder_digests d where d.user_id = u.id and d.for_date = ${day.date})
    order by u.id
    limit ${PAGE}`);
  return result.rows;
}

/** Mails today's digest to everyone who wants one and has something today; returns how many were sent. */
export async function sendMorningDigests(db: Db, config: AppConfig, now = new Date()): Promise<{ sent: number }> {
  const day = companyDay(now, await companyTimeZone(db));
  let sent = 0;
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await recipients(db, day, afterId);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    const agendas = await loadAgendas(db, page.map((recipient) => recipient.id), day);
    // Nothing to list, no mail — and no claim, so an item added later in the morning still gets a digest on a re-run.
    const due = page.filter((recipient) => !isEmptyAgenda(agendas.get(recipient.id)!));
    if (due.length > 0) {
      const claimed = await db
        .insert(reminderDigests)
        .values(due.map((recipient) => ({ userId: recipient.id, forDate: day.date, sentAt: now })))
        .onConflictDoNothing()
        .returning({ userId: reminderDigests.userId });
      const mine = new Set(claimed.map((row) => row.userId));
      for (const recipient of due) {
        if (!mine.has(recipient.id)) continue; // another instance claimed it first
        await sendMail(db, config, digestMail(recipient, agendas.get(recipient.id)!, config));
        sent += 1;
      }
    }
    if (page.length < PAGE) break;
  }
  return { sent };
}
