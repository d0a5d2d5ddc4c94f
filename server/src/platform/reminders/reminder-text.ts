// Plain-text wording of reminders for e-mail, in the user's language. The web app words the same kinds for the in-app
// list from its own catalogue; mail leaves the server already worded, so the server keeps this small second copy.
import type { Locale } from '@openpsm/contracts';
import { zonedDateTime } from '../config/settings.service';

export type MailLocale = Locale;
type Params = Record<string, unknown>;
type Wording = (params: Params, time: (value: unknown) => string) => string;

/** The first of the named params that is a non-empty string or a number, as text; '' when none is. */
function pick(params: Params, ...names: string[]): string {
  for (const name of names) {
    const value = params[name];
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number') return String(value);
  }
  return '';
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `YYYY-MM-DD HH:mm` in the time zone; a date-only value stays as it is; anything else becomes ''. */
export function formatDateTime(value: unknown, timeZone: string): string {
  if (typeof value !== 'string' || value.length === 0) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const local = zonedDateTime(instant, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}`;
}

/** `HH:mm` in the time zone (a digest lists today's items, so the day goes without saying). */
export function formatTime(value: Date, timeZone: string): string {
  const local = zonedDateTime(value, timeZone);
  return `${pad(local.hour)}:${pad(local.minute)}`;
}

/** Appends ` (…)` / `（…）` only when there is something to put in it. */
const aside = (text: string, locale: MailLocale) => (text ? (locale === 'en' ? ` (${text})` : `（${text}）`) : '');

/** An activity's start: the day alone when it lasts all day (its time would read as midnight). */
const startOf = (p: Params, time: (value: unknown) => string) => (p.allDay === true ? time(p.startsAt).slice(0, 10) : time(p.startsAt));

const zhCN: Record<string, Wording> = {
  'reminder.task_due': (p, time) => `任务到期：${pick(p, 'title', 'taskTitle')}${aside(time(p.dueAt), 'zh-CN')}`,
  'reminder.activity_planned': (p, time) => `计划的活动：${pick(p, 'subject', 'title')}${aside(startOf(p, time), 'zh-CN')}`,
  task_assigned: (p) => {
    const by = pick(p, 'by', 'byName', 'assignedByName');
    return `${by ? `${by} 给您分配了任务` : '您有一项新任务'}：${pick(p, 'title', 'taskTitle')}`;
  },
  'reminder.contact_birthday': (p) => `今天是${pick(p, 'organizationName')} ${pick(p, 'name')} 的生日，别忘了送上祝福`,
  'reminder.contact_birthday_soon': (p) => `${pick(p, 'organizationName')} ${pick(p, 'name')} 的生日在 ${pick(p, 'days')} 天后（${pick(p, 'date')}）`,
  'reminder.organization_revisit': (p) => `今天计划回访单位「${pick(p, 'name')}」`,
  'reminder.contact_revisit': (p) => `今天计划回访${pick(p, 'organizationName')} ${pick(p, 'name')}`,
  'pool.return_warning': (p, time) =>
    `「${pick(p, 'organizationName')}」${p.reason === 'no_deal' ? '长期未成交' : '长期未跟进'}，将于 ${time(p.returnAt)} 退回公海`,
  project_stalled: (p) => `项目 ${pick(p, 'number')}「${pick(p, 'name')}」已 ${pick(p, 'days')} 天没有阶段推进或跟进`,
};

const en: Record<string, Wording> = {
  'reminder.task_due': (p, time) => `Task due: ${pick(p, 'title', 'taskTitle')}${aside(time(p.dueAt), 'en')}`,
  'reminder.activity_planned': (p, time) => `Planned activity: ${pick(p, 'subject', 'title')}${aside(startOf(p, time), 'en')}`,
  task_assigned: (p) => {
    const by = pick(p, 'by', 'byName', 'assignedByName');
    return `${by ? `${by} assigned you a task` : 'You have a new task'}: ${pick(p, 'title', 'taskTitle')}`;
  },
  'reminder.contact_birthday': (p) => `Today is the birthday of ${pick(p, 'name')} (${pick(p, 'organizationName')}): send your wishes`,
  'reminder.contact_birthday_soon': (p) => `${pick(p, 'name')} (${pick(p, 'organizationName')}) has a birthday in ${pick(p, 'days')} days (${pick(p, 'date')})`,
  'reminder.organization_revisit': (p) => `Revisit planned today: ${pick(p, 'name')}`,
  'reminder.contact_revisit': (p) => `Revisit planned today: ${pick(p, 'name')} (${pick(p, 'organizationName')})`,
  'pool.return_warning': (p, time) =>
    `“${pick(p, 'organizationName')}” has had no ${p.reason === 'no_deal' ? 'deal' : 'follow-up'} for too long and returns to the pool on ${time(p.returnAt)}`,
  project_stalled: (p) => `Project ${pick(p, 'number')} “${pick(p, 'name')}” has had no stage change or follow-up for ${pick(p, 'days')} days`,
};

/** A kind nobody worded here yet still makes a readable line from whatever names the record. */
function fallback(params: Params, locale: MailLocale): string {
  const subject = pick(params, 'title', 'subject', 'name', 'organizationName', 'projectName');
  if (locale === 'en') return subject ? `Reminder: ${subject}` : 'You have a new reminder';
  return subject ? `提醒：${subject}` : '您有一条新提醒';
}

/** One line of plain text for a reminder (or notification) of this kind, in the locale; times in `timeZone`. */
export function reminderText(kind: string, params: Params, locale: string, timeZone = 'Asia/Shanghai'): string {
  const language: MailLocale = locale === 'en' ? 'en' : 'zh-CN';
  const wording = (language === 'en' ? en : zhCN)[kind];
  return wording ? wording(params, (value) => formatDateTime(value, timeZone)) : fallback(params, language);
}
