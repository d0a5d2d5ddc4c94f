// The calendar of work reports (ACT-4): a daily report covers one day, a weekly one Monday to Sunday, both in the
// company's time zone — a rep in Shanghai logging at 07:30 local time logs on that local day, whatever UTC says.
import type { WorkReportKind } from '@openpsm/contracts';
import { startOfDay, zonedDateTime } from '../../platform/config/settings.service';

export type ReportPeriod = { kind: WorkReportKind; start: string; end: string };

const pad = (value: number) => String(value).padStart(2, '0');

/** A calendar day moved by a number of days (pure date arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const moved = new Date(Date.UTC(year!, month! - 1, date! + days));
  return `${moved.getUTCFullYear()}-${pad(moved.getUTCMonth() + 1)}-${pad(moved.getUTCDate())}`;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return ((new Date(Date.UTC(year!, month! - 1, date!)).getUTCDay() + 6) % 7) + 1;
}

/** The report period containing a day: the day itself, or its Monday-to-Sunday week. */
export function periodOf(kind: WorkReportKind, day: string): ReportPeriod {
  if (kind === 'daily') return { kind, start: day, end: day };
  const start = addDays(day, 1 - isoWeekday(day));
  return { kind, start, end: addDays(start, 6) };
}

/** The period after this one: the next day, or the next week (what the plan of a report looks at). */
export function nextPeriod(period: ReportPeriod): ReportPeriod {
  return periodOf(period.kind, addDays(period.end, 1));
}

/** The instants a period spans in the time zone: [from, to). */
export function periodInstants(period: { start: string; end: string }, timeZone: string): { from: Date; to: Date } {
  return { from: startOfDay(period.start, timeZone), to: startOfDay(period.end, timeZone, 1) };
}

/** The calendar day of an instant in the time zone. */
export function dayOf(instant: Date, timeZone: string): string {
  const local = zonedDateTime(instant, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}

/** `MM-DD` of an instant in the time zone, as report lines show it. */
export function monthDayOf(instant: Date, timeZone: string): string {
  const local = zonedDateTime(instant, timeZone);
  return `${pad(local.month)}-${pad(local.day)}`;
}
