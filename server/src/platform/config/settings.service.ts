// Company settings applied on the server: the company's calendar (time zone) for dates, its default language.
// Reading and editing the settings themselves is in options.service.ts.
import type { Settings } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { getSettings } from './options.service';

export async function companyTimeZone(db: DbOrTx): Promise<string> {
  return (await getSettings(db)).timeZone;
}

export async function companyDefaultLocale(db: DbOrTx): Promise<Settings['defaultLocale']> {
  return (await getSettings(db)).defaultLocale;
}

export type ZonedDateTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

// Building a formatter costs far more than using one, and numbering runs on every create.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a time zone (month 1–12). */
export function zonedDateTime(instant: Date, timeZone: string): ZonedDateTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const local = zonedDateTime(new Date(instant), timeZone);
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - wholeSecond;
}

/** The instant a calendar day (`YYYY-MM-DD`) begins in a time zone; `addDays` moves to a later day first. */
export function startOfDay(day: string, timeZone: string, addDays = 0): Date {
  const [year, month, date] = day.split('-').map(Number);
  const midnight = Date.UTC(year!, month! - 1, date! + addDays);
  // The offset at midnight read twice, as a daylight-saving change near midnight moves it; when the clocks
  // jump over midnight (00:00 → 01:00) the later reading is the one that falls on the day itself.
  const first = midnight - offsetAt(midnight, timeZone);
  const second = midnight - offsetAt(first, timeZone);
  return new Date(Math.max(first, second));
}
