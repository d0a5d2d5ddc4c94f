// The morning digest through a real SMTP server: today's items in the company time zone (open tasks due today or
// overdue, planned activities, reminders), once per user and day however often it runs, only for those who want it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, tasks } from '../../modules/activities/activities.table';
import { organizations } from '../../modules/organizations/organizations.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { users } from '../org-structure/org-structure.table';
import { sendMorningDigests } from './morning-digest';
import { scheduleReminders, updateReminderSettings, type ReminderWrite } from './reminders.service';
import { reminderDigests } from './reminders.table';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server';

let t: TestApp;
let smtp: TestSmtpServer;
const ids: Record<string, string> = {};
/** A wall-clock time in Shanghai (the company time zone). */
const shanghai = (dateTime: string) => new Date(`${dateTime}:00+08:00`);
/** 07:30 on 20 May in Shanghai is still 19 May in UTC: "today" must be the company's day. */
const MORNING = shanghai('2031-05-20T07:30');
const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));

async function task(assigneeId: string, title: string, dueAt: Date, fields: Partial<typeof tasks.$inferInsert> = {}) {
  const [row] = await t.database.db
    .insert(tasks)
    .values({ title, dueAt, assigneeId, createdBy: assigneeId, ...fields })
    .returning({ id: tasks.id });
  return row!.id;
}

async function activity(ownerId: string, subject: string, startsAt: Date, fields: Partial<typeof activities.$inferInsert> = {}) {
  const [row] = await t.database.db
    .insert(activities)
    .values({ type: 'visit', status: 'planned', subject, startsAt, ownerId, ...fields })
    .returning({ id: activities.id });
  return row!.id;
}

const schedule = (entries: ReminderWrite[]) => t.database.db.transaction((tx) => scheduleReminders(tx, entries));

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://crm.example.cn' });
  const department = await t.createDepartment('华东大区');
  for (const name of ['rep', 'english', 'instant', 'quiet', 'idle', 'leaver']) {
    ids[name] = await t.createUser({ username: name, departmentId: department, role: 'sales_rep', email: `${name}@example.cn` });
  }
  ids.nomail = await t.createUser({ username: 'nomail', departmentId: department, role: 'sales_rep' });
  await t.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, ids.english!));
  await t.database.db.update(users).set({ status: 'departed' }).where(eq(users.id, ids.leaver!));
  await updateReminderSettings(t.database.db, ids.english!, { email: 'digest' });
  await updateReminderSettings(t.database.db, ids.instant!, { email: 'immediate' });
  await updateReminderSettings(t.database.db, ids.quiet!, { email: 'off' });
  const [organization] = await t.database.db
    .insert(organizations)
    .values({ number: 'ORG-DIGEST-1', name: '上海宝钢设备工程公司', type: 'owner', ownerId: ids.rep })
    .returning({ id: organizations.id });

  // rep: the default preference (digest). Listed: a task due at 07:00 today (19 May 23:00 UTC), an overdue one, a
  // planned visit this afternoon and a birthday reminder at 08:00.
  ids.today = await task(ids.rep!, '准备宝钢技术方案', shanghai('2031-05-20T07:00'), { organizationId: organization!.id });
  await task(ids.rep!, '回访苏州水务', shanghai('2031-05-18T17:00'));
  await activity(ids.rep!, '拜访宝钢设备部', shanghai('2031-05-20T14:00'), { endsAt: shanghai('2031-05-20T15:30'), organizationId: organization!.id });
  await schedule([
    {
      userId: ids.rep!,
      kind: 'reminder.contact_birthday',
      recordType: 'contact',
      recordId: crypto.randomUUID(),
      dueAt: shanghai('2031-05-20T08:00'),
      params: { name: '王建国', organizationName: '上海宝钢设备工程公司' },
    },
    // The task's own reminder: the task stands for it, it is not listed twice.
    { userId: ids.rep!, kind: 'reminder.task_due', recordType: 'task', recordId: ids.today, dueAt: shanghai('2031-05-20T06:30'), params: { title: '准备宝钢技术方案' } },
  ]);
  // Not listed: due tomorrow, done, deleted, an activity done or tomorrow, a reminder cancelled.
  await task(ids.rep!, '明天的任务', shanghai('2031-05-21T09:00'));
  await task(ids.rep!, '已完成的任务', shanghai('2031-05-20T10:00'), { status: 'done' });
  await task(ids.rep!, '已删除的任务', shanghai('2031-05-20T10:00'), { deletedAt: new Date() });
  await activity(ids.rep!, '已完成的拜访', shanghai('2031-05-20T09:00'), { status: 'done' });
  await activity(ids.rep!, '明天的拜访', shanghai('2031-05-21T09:00'));
  const cancelledId = crypto.randomUUID();
  await schedule([{ userId: ids.rep!, kind: 'reminder.contact_revisit', recordType: 'contact', recordId: cancelledId, dueAt: shanghai('2031-05-20T09:00'), params: { name: '已取消的提醒' } }]);
  await t.database.query(`update reminders set status = 'cancelled' where record_id = $1`, [cancelledId]);

  await activity(ids.english!, 'Demo at Baosteel', shanghai('2031-05-20T10:00'), { allDay: true });
  // Items, but no digest: they chose otherwise, have left, or have no address. idle has nothing today.
  for (const name of ['instant', 'quiet', 'leaver', 'nomail']) await task(ids[name]!, '今天的任务', shanghai('2031-05-20T16:00'));
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('morning digest', () => {
  it("mails each user who wants it one message listing today's items, in the company's day and the user's language", async () => {
    expect(await sendMorningDigests(t.database.db, t.config, MORNING)).toEqual({ sent: 2 });
    const [mail] = mailsTo('rep@example.cn');
    expect(mailsTo('rep@example.cn')).toHaveLength(1);
    expect(mail!.subject).toBe('OpenPSM 今日待办（2031-05-20）：4 项');
    expect(mail!.text).toContain('rep，您好');
    expect(mail!.text).toContain('准备宝钢技术方案 —— 上海宝钢设备工程公司（今天 07:00 到期）');
    expect(mail!.text).toContain('回访苏州水务（已逾期，原定 2031-05-18 17:00）');
    expect(mail!.text).toContain('14:00–15:30 拜访宝钢设备部 —— 上海宝钢设备工程公司');
    expect(mail!.text).toContain('08:00 今天是上海宝钢设备工程公司 王建国 的生日，别忘了送上祝福');
    expect(mail!.text).toContain('https://crm.example.cn/');
    for (const absent of ['明天的任务', '已完成的任务', '已删除的任务', '已完成的拜访', '明天的拜访', '已取消的提醒', '任务到期']) {
      expect(mail!.text).not.toContain(absent);
    }

    const [english] = mailsTo('english@example.cn');
    expect(english!.subject).toBe('OpenPSM today (2031-05-20): 1 item');
    expect(english!.text).toContain('Planned activities');
    expect(english!.text).toContain('all day Demo at Baosteel');

    for (const name of ['instant', 'quiet', 'idle', 'leaver']) expect(mailsTo(`${name}@example.cn`)).toHaveLength(0);
    expect(smtp.mails).toHaveLength(2);
  });

  it('is sent once per user and day: a re-run the same morning sends nothing', async () => {
    expect(await sendMorningDigests(t.database.db, t.config, shanghai('2031-05-20T09:00'))).toEqual({ sent: 0 });
    expect(mailsTo('rep@example.cn')).toHaveLength(1);
    const rows = await t.database.db.select().from(reminderDigests).where(eq(reminderDigests.forDate, '2031-05-20'));
    expect(rows.map((row) => row.userId).sort()).toEqual([ids.rep!, ids.english!].sort());
  });

  it('two runs at once (two instances) still mail each user once', async () => {
    const tomorrow = shanghai('2031-05-21T07:30');
    const runs = await Promise.all([sendMorningDigests(t.database.db, t.config, tomorrow), sendMorningDigests(t.database.db, t.config, tomorrow)]);
    // On the 21st only rep has items: that day's task and visit, and two overdue tasks (yesterday's is overdue now).
    expect(runs[0]!.sent + runs[1]!.sent).toBe(1);
    const mails = mailsTo('rep@example.cn');
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe('OpenPSM 今日待办（2031-05-21）：4 项');
    expect(mails[1]!.text).toContain('明天的任务');
    expect(mailsTo('english@example.cn')).toHaveLength(1);
  });
});
