// Customer reminders (CUS-9): contact birthdays and planned revisits become reminders to the owner of the organisation,
// due at once and delivered by the reminder service (in-app, and by e-mail per the owner's preference). Run daily by
// the customer-reminders job; `now` is a parameter so tests move the clock. Each reminder's dedupe key names its day,
// so running twice on one day reminds nobody twice.
import { and, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { companyTimeZone, zonedDateTime } from '../../platform/config/settings.service';
import { scheduleReminders, type ReminderWrite } from '../../platform/reminders/reminders.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';
import { contacts } from './contacts.table';

export const reminderKinds = {
  birthday: 'reminder.contact_birthday',
  birthdaySoon: 'reminder.contact_birthday_soon',
  organizationRevisit: 'reminder.organization_revisit',
  contactRevisit: 'reminder.contact_revisit',
} as const;
/** How many days ahead the owner hears of a birthday, to plan a greeting. */
export const BIRTHDAY_NOTICE_DAYS = 3;

type Reminder = Pick<ReminderWrite, 'userId' | 'kind' | 'recordType' | 'recordId' | 'params' | 'link'>;

const pad = (value: number) => String(value).padStart(2, '0');
const isoDay = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The company's calendar day of `now`, and the one `days` later (as month and day). */
function companyDays(now: Date, timeZone: string, days: number) {
  const today = zonedDateTime(now, timeZone);
  const later = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  return {
    today: isoDay(today.year, today.month, today.day),
    todayParts: today,
    later: { year: later.getUTCFullYear(), month: later.getUTCMonth() + 1, day: later.getUTCDate() },
  };
}

/** Contacts born on this month and day; on 28 February of a common year, those born on the 29th as well. */
function bornOn(year: number, month: number, day: number): SQL {
  const monthDay = sql`(extract(month from ${contacts.birthday}) = ${month} and extract(day from ${contacts.birthday}) = ${day})`;
  if (month === 2 && day === 28 && !isLeapYear(year)) {
    return sql`(${monthDay} or (extract(month from ${contacts.birthday}) = 2 and extract(day from ${contacts.birthday}) = 29))`;
  }
  return monthDay;
}

/** The organisation's owner, only while they are active: a departed owner is nobody to remind (pool customers have none). */
const activeOwner = and(isNotNull(organizations.ownerId), eq(users.status, 'active'), isNull(organizations.deletedAt));

async function birthdayReminders(db: Db, year: number, month: number, day: number, kind: string, date: string): Promise<Reminder[]> {
  const rows = await db
    .select({ id: contacts.id, name: contacts.name, organizationName: organizations.name, ownerId: organizations.ownerId })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .innerJoin(users, eq(users.id, organizations.ownerId))
    .where(and(isNull(contacts.deletedAt), isNotNull(contacts.birthday), bornOn(year, month, day), activeOwner));
  return rows.map((row) => ({
    recordType: 'contact',
    recordId: row.id,
    userId: row.ownerId!,
    kind,
    params: { name: row.name, organizationName: row.organizationName, date, days: BIRTHDAY_NOTICE_DAYS },
    link: `/contacts/${row.id}`,
  }));
}

async function revisitReminders(db: Db, today: string): Promise<Reminder[]> {
  const organizationRows = await db
    .select({ id: organizations.id, name: organizations.name, ownerId: organizations.ownerId })
    .from(organizations)
    .innerJoin(users, eq(users.id, organizations.ownerId))
    .where(and(eq(organizations.revisitOn, today), activeOwner));
  const contactRows = await db
    .select({ id: contacts.id, name: contacts.name, organizationName: organizations.name, ownerId: organizations.ownerId })
    .from(contacts)
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .innerJoin(users, eq(users.id, organizations.ownerId))
    .where(and(isNull(contacts.deletedAt), eq(contacts.revisitOn, today), activeOwner));
  return [
    ...organizationRows.map((row) => ({
      recordType: 'organization',
      recordId: row.id,
      userId: row.ownerId!,
      kind: reminderKinds.organizationRevisit,
      params: { name: row.name, date: today },
      link: `/organizations/${row.id}`,
    })),
    ...contactRows.map((row) => ({
      recordType: 'contact',
      recordId: row.id,
      userId: row.ownerId!,
      kind: reminderKinds.contactRevisit,
      params: { name: row.name, organizationName: row.organizationName, date: today },
      link: `/contacts/${row.id}`,
    })),
  ];
}

/** Schedules today's reminders not scheduled yet, due now (the job delivers them at once); returns how many. */
export async function processCustomerReminders(db: Db, now = new Date()): Promise<{ sent: number }> {
  const timeZone = await companyTimeZone(db);
  const { today, todayParts, later } = companyDays(now, timeZone, BIRTHDAY_NOTICE_DAYS);
  const due = [
    ...(await birthdayReminders(db, todayParts.year, todayParts.month, todayParts.day, reminderKinds.birthday, today)),
    ...(await birthdayReminders(db, later.year, later.month, later.day, reminderKinds.birthdaySoon, isoDay(later.year, later.month, later.day))),
    ...(await revisitReminders(db, today)),
  ];
  let sent = 0;
  // Batches keep each transaction short.
  for (let start = 0; start < due.length; start += 200) {
    const batch = due.slice(start, start + 200);
    sent += await db.transaction(async (tx) => {
      const written = await scheduleReminders(
        tx,
        batch.map((reminder) => ({ ...reminder, dueAt: now, dedupeKey: `${reminder.kind}|${reminder.recordId}|${reminder.userId}|${today}` })),
      );
      return written.length;
    });
  }
  return { sent };
}
