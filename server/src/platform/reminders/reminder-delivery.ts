// Delivery of due reminders: each one becomes an in-app notification (pushed in real time by notify()) and, for users
// who chose `immediate`, one e-mail. Run every minute by the reminders-delivery job and right after each job that
// schedules reminders; the clock is a parameter, as in every time rule.
import { eq, inArray, sql } from 'drizzle-orm';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/client';
import { companyTimeZone } from '../config/settings.service';
import { sendMail, type Mail } from '../notify/mail.service';
import { notify } from '../notify/notifications.service';
import { reminderText } from './reminder-text';
import { reminders } from './reminders.table';

/** Reminders per transaction: a backlog (the server was down for a day) commits in slices, never in one long lock. */
const BATCH = 500;

type DueRow = {
  id: string;
  user_id: string;
  kind: string;
  params: Record<string, unknown>;
  link: string | null;
  active: boolean;
  email: string | null;
  locale: string;
  mode: string;
};

type MailItem = { id: string; mail: Mail };

/** The whole address of an in-app link when the server knows where it is reachable (PUBLIC_URL). */
export function absoluteLink(link: string, config: Pick<AppConfig, 'publicUrl'>): string {
  return config.publicUrl ? new URL(link, config.publicUrl).toString() : link;
}

function immediateMail(row: DueRow, config: AppConfig, timeZone: string): Mail {
  const line = reminderText(row.kind, row.params, row.locale, timeZone);
  const english = row.locale === 'en';
  const subjectLine = line.length > 100 ? `${line.slice(0, 99)}…` : line;
  const footer = english
    ? 'You receive this because you chose to get each reminder by e-mail; change it in your reminder settings in OpenPSM.'
    : '您收到这封邮件，是因为您选择了逐条邮件提醒；可在 OpenPSM 的提醒设置中更改。';
  return {
    to: row.email!,
    subject: english ? `OpenPSM reminder: ${subjectLine}` : `OpenPSM 提醒：${subjectLine}`,
    text: [line, row.link ? absoluteLink(row.link, config) : null, '', '—', footer].filter((part) => part !== null).join('\n'),
  };
}

/** One batch in one transaction: due rows locked (skipped when another run holds them), delivered or cancelled. */
async function deliverBatch(db: Db, config: AppConfig, now: Date, timeZone: string) {
  return db.transaction(async (tx) => {
    // skip locked: a second run (another instance, or a producer's job delivering at the same moment) takes the
    // rows this one does not hold, so each reminder is delivered exactly once.
    const due = await tx.execute<DueRow>(sql`
      select r.id, r.user_id, r.kind, r.params, r.link, u.status = 'active' as active, u.email, u.locale,
             coalesce(s.email, 'digest') as mode
      from reminders r
      join users u on u.id = r.user_id
      left join reminder_settings s on s.user_id = r.user_id
      where r.status = 'pending' and r.due_at <= ${now.toISOString()}::timestamptz
      order by r.due_at
      limit ${BATCH}
      for update of r skip locked`);
    const rows = due.rows;
    // A departed user has nobody to read it: the reminder is cancelled, not sent.
    const departed = rows.filter((row) => !row.active).map((row) => row.id);
    const live = rows.filter((row) => row.active);
    if (departed.length > 0) await tx.update(reminders).set({ status: 'cancelled' }).where(inArray(reminders.id, departed));
    if (live.length > 0) {
      await notify(tx, live.map((row) => ({ userId: row.user_id, kind: row.kind, params: row.params, link: row.link })));
      await tx.update(reminders).set({ status: 'sent', sentAt: now }).where(inArray(reminders.id, live.map((row) => row.id)));
    }
    const mails: MailItem[] = live
      .filter((row) => row.mode === 'immediate' && row.email)
      .map((row) => ({ id: row.id, mail: immediateMail(row, config, timeZone) }));
    return { taken: rows.length, delivered: live.length, cancelled: departed.length, mails };
  });
}

/** Delivers every reminder due at `now`; returns how many went out in-app, were cancelled, and were e-mailed. */
export async function deliverDueReminders(db: Db, config: AppConfig, now = new Date()): Promise<{ delivered: number; cancelled: number; emailed: number }> {
  const timeZone = await companyTimeZone(db);
  const totals = { delivered: 0, cancelled: 0, emailed: 0 };
  for (;;) {
    const batch = await deliverBatch(db, config, now, timeZone);
    totals.delivered += batch.delivered;
    totals.cancelled += batch.cancelled;
    // Mail after the commit: a rolled-back batch never mailed anyone, and only the run that delivered a reminder
    // mails it. sendMail keeps every message in the outbox, with the error when SMTP refused it.
    for (const item of batch.mails) {
      await sendMail(db, config, item.mail);
      await db.update(reminders).set({ emailedAt: now }).where(eq(reminders.id, item.id));
      totals.emailed += 1;
    }
    if (batch.taken < BATCH) break;
  }
  return totals;
}

/**
 * A job that schedules reminders followed by their delivery, as jobs.ts runs it: reminders due at once go out right
 * after, not at the next minute's delivery. Tests of those producers run the job whole through this.
 */
export function withReminderDelivery<Result>(produce: (db: Db, now?: Date) => Promise<Result>) {
  return async (db: Db, config: AppConfig, now = new Date()): Promise<Result> => {
    const result = await produce(db, now);
    await deliverDueReminders(db, config, now);
    return result;
  };
}
