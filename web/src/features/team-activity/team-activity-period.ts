// Periods of the team view (ACT-5) as calendar dates in the company's time zone, and the links a count drills into.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const periodPresets = ['thisWeek', 'lastWeek', 'thisMonth', 'thisQuarter', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];
export type DateRange = { from: string; to: string };

const DATE = 'YYYY-MM-DD';
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isPeriodPreset = (value: string | null | undefined): value is PeriodPreset => periodPresets.includes(value as PeriodPreset);
/** A real YYYY-MM-DD date: dayjs rolls 2025-13-01 over into next year, so the date must survive a round trip. */
export const isCalendarDate = (value: string | null | undefined): value is string => Boolean(value && CALENDAR_DATE.test(value) && dayjs(value).format(DATE) === value);

/** Today in the company's time zone: a rep in Beijing at 07:00 is in "today" even when UTC still says yesterday. */
export const todayIn = (timeZone: string, now: Date = new Date()): string => dayjs(now).tz(timeZone).format(DATE);

/** Weeks start on Monday (周一), as Chinese calendars and the server's weekly reports do. */
export const weekStart = (date: string): string => {
  const day = dayjs(date);
  return day.subtract((day.day() + 6) % 7, 'day').format(DATE);
};

/** The dates (inclusive) a preset means on `today`; `custom` has none of its own. */
export const presetRange = (preset: Exclude<PeriodPreset, 'custom'>, today: string): DateRange => {
  const day = dayjs(today);
  switch (preset) {
    case 'thisWeek': {
      const start = dayjs(weekStart(today));
      return { from: start.format(DATE), to: start.add(6, 'day').format(DATE) };
    }
    case 'lastWeek': {
      const start = dayjs(weekStart(today)).subtract(7, 'day');
      return { from: start.format(DATE), to: start.add(6, 'day').format(DATE) };
    }
    case 'thisMonth':
      return { from: day.startOf('month').format(DATE), to: day.endOf('month').format(DATE) };
    case 'thisQuarter': {
      const firstMonth = Math.floor(day.month() / 3) * 3;
      const start = day.month(firstMonth).startOf('month');
      return { from: start.format(DATE), to: start.add(2, 'month').endOf('month').format(DATE) };
    }
  }
};

/** The server reads at most this many days at once (a year, leap day included). */
export const MAX_RANGE_DAYS = 366;

/** The last day a range starting on `from` may reach. */
export const lastAllowedDay = (from: string): string => dayjs(from).add(MAX_RANGE_DAYS - 1, 'day').format(DATE);

const clampRange = (from: string, to: string): string => (to > lastAllowedDay(from) ? lastAllowedDay(from) : to);

/**
 * The period the URL asks for: a preset, or a custom range with both dates valid and in order (swapped when reversed);
 * anything else falls back to this week, so a mangled link still shows a page.
 */
export const resolvePeriod = (params: { preset?: string | null; from?: string | null; to?: string | null }, today: string): DateRange & { preset: PeriodPreset } => {
  if (params.preset === 'custom' || (!params.preset && (params.from || params.to))) {
    if (isCalendarDate(params.from) && isCalendarDate(params.to)) {
      const [from, to] = params.from <= params.to ? [params.from, params.to] : [params.to, params.from];
      return { preset: 'custom', from, to: clampRange(from, to) };
    }
  }
  const preset = isPeriodPreset(params.preset) && params.preset !== 'custom' ? params.preset : 'thisWeek';
  return { preset, ...presetRange(preset, today) };
};

/** Minutes as h:mm (95 → 1:35); hours are not wrapped at a day, a quarter of visits can be 300 hours. */
export const formatMinutes = (minutes: number): string => {
  const whole = Math.max(0, Math.round(minutes));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

/** The instants bounding a date range in the company's time zone: from the first day's midnight to the last day's end. */
export const rangeInstants = (range: DateRange, timeZone: string): { from: string; to: string } => ({
  from: dayjs.tz(`${range.from}T00:00:00`, timeZone).format(),
  to: dayjs.tz(`${range.to}T23:59:59`, timeZone).format(),
});

/** One rep's count (ownerId), or the totals row's (the department filtered on, or everyone in scope). */
export type ActivityDrillDown = { ownerId?: string; departmentId?: string; type?: string; status?: 'done' | 'planned'; checkedIn?: boolean };

/** The activity list filtered to what a count counted (the list page reads these parameters). */
export const activitiesLink = (drill: ActivityDrillDown, range: DateRange, timeZone: string): string => {
  const instants = rangeInstants(range, timeZone);
  const search = new URLSearchParams();
  if (drill.ownerId) search.set('ownerId', drill.ownerId);
  else if (drill.departmentId) search.set('departmentId', drill.departmentId);
  search.set('from', instants.from);
  search.set('to', instants.to);
  if (drill.type) search.set('type', drill.type);
  if (drill.status) search.set('status', drill.status);
  if (drill.checkedIn) search.set('checkedIn', 'true');
  return `/activities?${search.toString()}`;
};
