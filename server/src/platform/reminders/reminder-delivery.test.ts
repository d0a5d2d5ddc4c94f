// Delivery of due reminders with a controllable clock: on time and not before, never when cancelled or for a departed
// user, in-app (pushed) always and by e-mail through a real SMTP server per preference, exactly once under two runs.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { MORNING_DIGEST_JOB, REMINDER_DELIVERY_JOB, startJobs } from '../jobs/jobs';
import { NOTIFY_CHANNEL } from '../notify/notifications.service';
import { notifications, outboxMails } from '../notify/notify.table';
import { users } from '../org-structure/org-structure.table';
import { deliverDueReminders } from './reminder-delivery';
import { cancelReminders, rescheduleReminder, scheduleReminders, updateReminderSettings, type ReminderWrite } from './reminders.service';
import { reminders } from './reminders.table';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server';

let t: TestApp;
let smtp: TestSmtpServer;
const ids: Record<string, string> = {};
/** Far from the real clock, so nothing the harness wrote "now" falls due by accident. */
const at = (time: string) => new Date(`2031-05-20T${time}:00+08:00`);

const schedule = (entries: ReminderWrite[]) => t.database.db.transaction((tx) => scheduleReminders(tx, entries));
const deliver = (now: Date) => deliverDueReminders(t.database.db, t.config, now);
const noticesOf = (userId: string, kind: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
const remindersOf = (recordId: string) => t.database.db.select().from(reminders).where(eq(reminders.recordId, recordId));
const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));

function reminder(userId: string, dueAt: Date, fields: Partial<ReminderWrite> = {}): ReminderWrite {
  return { userId, kind: 'reminder.task_due', recordType: 'task', recordId: crypto.randomUUID(), dueAt, params: { title: '回访宝钢设备部' }, link: '/tasks', ...fields };
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://crm.example.cn' });
  const department = await t.createDepartment('华东大区');
  const user = (username: string) => t.createUser({ username, departmentId: department, role: 'sales_rep', email: `${username}@example.cn` });
  ids.rep = await user('rep');
  ids.english = await user('english');
  ids.quiet = await user('quiet');
  ids.daily = await user('daily');
  ids.leaver = await user('leaver');
  await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, ids.english));
  await t.database.db.update(users).set({ status: 'departed' }).where(eq(users.id, ids.leaver));
  for (const id of [ids.rep, ids.english, ids.leaver]) await updateReminderSettings(t.database.db, id!, { email: 'immediate' });
  await updateReminderSettings(t.database.db, ids.quiet!, { email: 'off' });
  // `daily` has no settings row: the default, a morning digest.
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('reminder delivery', () => {
  it('a reminder for 09:00 is not delivered at 08:59, and is at 09:00: a notification pushed with its kind, params and link', async () => {
    const pushed: { userId: string; notification: { kind: string } }[] = [];
    const stopListening = await t.database.listen(NOTIFY_CHANNEL, (payload) => pushed.push(JSON.parse(payload)));
    const entry = reminder(ids.quiet!, at('09:00'), { params: { title: '提交宝钢投标文件', dueAt: at('09:00').toISOString() }, link: '/tasks?id=1' });
    expect(await schedule([entry])).toHaveLength(1);

    expect(await deliver(at('08:59'))).toEqual({ delivered: 0, cancelled: 0, emailed: 0 });
    expect(await noticesOf(ids.quiet!, 'reminder.task_due')).toHaveLength(0);
    expect((await remindersOf(entry.recordId))[0]).toMatchObject({ status: 'pending', sentAt: null });

    expect(await deliver(at('09:00'))).toEqual({ delivered: 1, cancelled: 0, emailed: 0 });
    const [notice] = await noticesOf(ids.quiet!, 'reminder.task_due');
    expect(notice).toMatchObject({ kind: 'reminder.task_due', params: entry.params, link: '/tasks?id=1', readAt: null });
    expect((await remindersOf(entry.recordId))[0]).toMatchObject({ status: 'sent', sentAt: at('09:00'), emailedAt: null });
    await expect.poll(() => pushed.filter((item) => item.userId === ids.quiet && item.notification.kind === 'reminder.task_due').length, { timeout: 5000 }).toBe(1);
    await stopListening();

    // Delivered is delivered: a later run does not repeat it; preference `off` mailed nothing.
    expect((await deliver(at('09:05'))).delivered).toBe(0);
    expect(await noticesOf(ids.quiet!, 'reminder.task_due')).toHaveLength(1);
    expect(mailsTo('quiet@example.cn')).toHaveLength(0);
  });

  it('a cancelled reminder is never delivered, and a moved one only at its new time', async () => {
    const cancelled = reminder(ids.quiet!, at('10:00'), { kind: 'reminder.activity_planned', recordType: 'activity' });
    const moved = reminder(ids.quiet!, at('10:00'), { kind: 'reminder.activity_planned', recordType: 'activity' });
    await schedule([cancelled, moved]);
    expect(await t.database.db.transaction((tx) => cancelReminders(tx, 'activity', [cancelled.recordId]))).toBe(1);
    await t.database.db.transaction((tx) => rescheduleReminder(tx, { ...moved, dueAt: at('11:00') }));

    expect((await deliver(at('10:30'))).delivered).toBe(0);
    expect(await noticesOf(ids.quiet!, 'reminder.activity_planned')).toHaveLength(0);
    expect((await deliver(at('11:00'))).delivered).toBe(1);
    expect(await noticesOf(ids.quiet!, 'reminder.activity_planned')).toHaveLength(1);
    expect((await remindersOf(cancelled.recordId)).map((row) => row.status)).toEqual(['cancelled']);
    expect((await remindersOf(moved.recordId)).map((row) => row.status).sort()).toEqual(['cancelled', 'sent']);
  });

  it('e-mails each reminder at once to users who chose `immediate`, in their language, through SMTP; `off` and `digest` get none', async () => {
    const contactId = crypto.randomUUID();
    const birthday = (userId: string) =>
      reminder(userId, at('12:00'), {
        kind: 'reminder.contact_birthday',
        recordType: 'contact',
        recordId: contactId,
        params: { name: '王建国', organizationName: '上海宝钢设备工程公司' },
        link: `/contacts/${contactId}`,
      });
    await schedule([ids.rep!, ids.english!, ids.quiet!, ids.daily!].map(birthday));

    expect(await deliver(at('12:00'))).toEqual({ delivered: 4, cancelled: 0, emailed: 2 });
    for (const id of [ids.rep!, ids.english!, ids.quiet!, ids.daily!]) expect(await noticesOf(id, 'reminder.contact_birthday')).toHaveLength(1);

    const [chinese] = mailsTo('rep@example.cn');
    expect(mailsTo('rep@example.cn')).toHaveLength(1);
    expect(chinese!.subject).toBe('OpenPSM 提醒：今天是上海宝钢设备工程公司 王建国 的生日，别忘了送上祝福');
    expect(chinese!.text).toContain('今天是上海宝钢设备工程公司 王建国 的生日');
    expect(chinese!.text).toContain(`https://crm.example.cn/contacts/${contactId}`);
    const [english] = mailsTo('english@example.cn');
    expect(mailsTo('english@example.cn')).toHaveLength(1);
    expect(english!.subject).toBe('OpenPSM reminder: Today is the birthday of 王建国 (上海宝钢设备工程公司): send your wishes');
    expect(mailsTo('quiet@example.cn')).toHaveLength(0);
    expect(mailsTo('daily@example.cn')).toHaveLength(0);

    const rows = await remindersOf(contactId);
    const emailed = Object.fromEntries(rows.map((row) => [row.userId, row.emailedAt]));
    expect(emailed).toEqual({ [ids.rep!]: at('12:00'), [ids.english!]: at('12:00'), [ids.quiet!]: null, [ids.daily!]: null });
    // The outbox keeps both, marked sent.
    const outbox = await t.database.db.select().from(outboxMails).where(inArray(outboxMails.to, ['rep@example.cn', 'english@example.cn']));
    expect(outbox.map((mail) => Boolean(mail.sentAt))).toEqual([true, true]);
  });

  it('a departed user gets nothing: the reminder is cancelled, not sent', async () => {
    const entry = reminder(ids.leaver!, at('13:00'));
    await schedule([entry]);
    expect(await deliver(at('13:00'))).toEqual({ delivered: 0, cancelled: 1, emailed: 0 });
    expect((await remindersOf(entry.recordId))[0]).toMatchObject({ status: 'cancelled', sentAt: null });
    expect(await noticesOf(ids.leaver!, 'reminder.task_due')).toHaveLength(0);
    expect(mailsTo('leaver@example.cn')).toHaveLength(0);
  });

  it('two deliveries running at once deliver every reminder exactly once, and mail it once', async () => {
    // More than two batches, so the runs overlap: each skips the rows the other holds.
    const many = Array.from({ length: 1200 }, (_, index) =>
      reminder(ids.quiet!, at('14:00'), { kind: 'reminder.concurrency', params: { n: index } }),
    );
    const mailed = Array.from({ length: 5 }, (_, index) => reminder(ids.rep!, at('14:00'), { kind: 'reminder.concurrency', params: { n: 10_000 + index } }));
    await schedule([...many, ...mailed]);
    const mailsBefore = mailsTo('rep@example.cn').length;

    const runs = await Promise.all([deliver(at('14:00')), deliver(at('14:00'))]);
    expect(runs[0]!.delivered + runs[1]!.delivered).toBe(1205);
    expect(runs[0]!.emailed + runs[1]!.emailed).toBe(5);
    const quietNotices = await noticesOf(ids.quiet!, 'reminder.concurrency');
    expect(quietNotices).toHaveLength(1200);
    expect(new Set(quietNotices.map((notice) => notice.params.n)).size).toBe(1200);
    expect(await noticesOf(ids.rep!, 'reminder.concurrency')).toHaveLength(5);
    expect(mailsTo('rep@example.cn').length - mailsBefore).toBe(5);
    const pending = await t.database.db.select().from(reminders).where(and(eq(reminders.kind, 'reminder.concurrency'), eq(reminders.status, 'pending')));
    expect(pending).toHaveLength(0);
  });

  it('a dedupe key is written once, however often a producer schedules it', async () => {
    const entry = reminder(ids.quiet!, at('15:00'), { kind: 'reminder.contact_revisit', dedupeKey: `reminder.contact_revisit|x|${ids.quiet}|2031-05-20` });
    expect(await schedule([entry])).toHaveLength(1);
    expect(await schedule([{ ...entry, recordId: entry.recordId }])).toHaveLength(0);
    expect(await remindersOf(entry.recordId)).toHaveLength(1);
    expect((await deliver(at('15:00'))).delivered).toBe(1);
  });

  it('the pg-boss job delivers due reminders, every minute; the digest is scheduled for 07:30', async () => {
    const jobs = await startJobs(t.database, t.config, { maintenancePollingSeconds: 0.5 });
    try {
      const schedules = await jobs.boss.getSchedules();
      expect(schedules.find((item) => item.name === REMINDER_DELIVERY_JOB)).toMatchObject({ cron: '* * * * *' });
      expect(schedules.find((item) => item.name === MORNING_DIGEST_JOB)).toMatchObject({ cron: '30 7 * * *', timezone: 'Asia/Shanghai' });
      const entry = reminder(ids.quiet!, new Date(Date.now() - 1000), { kind: 'reminder.job' });
      await schedule([entry]);
      await jobs.boss.send(REMINDER_DELIVERY_JOB, {});
      await expect.poll(async () => (await noticesOf(ids.quiet!, 'reminder.job')).length, { timeout: 15_000, interval: 250 }).toBe(1);
      expect((await remindersOf(entry.recordId))[0]?.status).toBe('sent');
    } finally {
      await jobs.stop();
    }
  });
});
