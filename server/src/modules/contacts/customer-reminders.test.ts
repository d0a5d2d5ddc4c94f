// Birthday and revisit reminders with a controlled clock: sent once per day to the organisation's active owner.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../platform/notify/notify.table';
import { withReminderDelivery } from '../../platform/reminders/reminder-delivery';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { contacts } from './contacts.table';
import { processCustomerReminders, reminderKinds } from './customer-reminders';

let t: TestApp;
const ids: Record<string, string> = {};

/** The job as its worker runs it: the reminders are scheduled, then delivered as notifications. */
const runJob = (now: Date) => withReminderDelivery(processCustomerReminders)(t.database.db, t.config, now);

/** 09:00 in Shanghai on the given day. */
const shanghaiMorning = (day: string) => new Date(`${day}T09:00:00+08:00`);

const remindersOf = async (userId: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.kind, 'reminder.%')));

async function setUp(token: string, organizationName: string, contact: Record<string, unknown>) {
  const organization = await t.call(token, 'POST', '/api/v1/organizations', { name: organizationName, type: 'owner', confirmDuplicate: true });
  expect(organization.status).toBe(201);
  const created = await t.call(token, 'POST', '/api/v1/contacts', { organizationId: organization.body.id, ...contact });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { organizationId: organization.body.id as string, contactId: created.body.id as string };
}

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.createDepartment('华东大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep' });
  ids.leaver = await t.createUser({ username: 'leaver', departmentId: department, role: 'sales_rep' });
  const rep = await t.login('rep');
  const leaver = await t.login('leaver');
  Object.assign(ids, await setUp(rep, '上海宝钢设备工程公司', { name: '王建国', birthday: '1975-06-18' }));
  const departed = await setUp(leaver, '苏州水务集团', { name: '孙丽', birthday: '1980-06-18' });
  ids.departedContact = departed.contactId;
  await t.database.db.update(users).set({ status: 'departed' }).where(eq(users.id, ids.leaver));
});
afterAll(async () => t?.close());

describe('customer reminders', () => {
  it("a birthday today notifies the organisation's owner once; running again the same day sends nothing", async () => {
    const first = await runJob(shanghaiMorning('2026-06-18'));
    expect(first.sent).toBe(1);
    const sent = await remindersOf(ids.rep!);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: reminderKinds.birthday, params: { name: '王建国', organizationName: '上海宝钢设备工程公司' }, link: `/contacts/${ids.contactId}` });
    const again = await runJob(shanghaiMorning('2026-06-18'));
    expect(again.sent).toBe(0);
    expect(await remindersOf(ids.rep!)).toHaveLength(1);
  });

  it('a departed owner gets nothing', async () => {
    expect(await remindersOf(ids.leaver!)).toHaveLength(0);
  });

  it('warns three days before a birthday, and counts the day in the company time zone', async () => {
    // 2026-06-14 22:00 UTC is already 15 June in Shanghai: three days before the 18th.
    const result = await runJob(new Date('2026-06-14T22:00:00Z'));
    expect(result.sent).toBe(1);
    const soon = (await remindersOf(ids.rep!)).filter((item) => item.kind === reminderKinds.birthdaySoon);
    expect(soon).toHaveLength(1);
    expect(soon[0]!.params).toMatchObject({ date: '2026-06-18', days: 3 });
  });

  it('revisit dates of organisations and contacts remind the owner on the day', async () => {
    await t.database.db.update(organizations).set({ revisitOn: '2026-07-01' }).where(eq(organizations.id, ids.organizationId!));
    await t.database.db.update(contacts).set({ revisitOn: '2026-07-01' }).where(eq(contacts.id, ids.contactId!));
    expect((await runJob(shanghaiMorning('2026-06-30'))).sent).toBe(0);
    expect((await runJob(shanghaiMorning('2026-07-01'))).sent).toBe(2);
    const kinds = (await remindersOf(ids.rep!)).map((item) => item.kind);
    expect(kinds).toEqual(expect.arrayContaining([reminderKinds.organizationRevisit, reminderKinds.contactRevisit]));
    expect((await runJob(shanghaiMorning('2026-07-01'))).sent).toBe(0);
  });

  it('a pool customer (no owner) and a deleted contact remind nobody', async () => {
    await t.database.db.update(contacts).set({ deletedAt: new Date() }).where(eq(contacts.id, ids.contactId!));
    expect((await runJob(shanghaiMorning('2027-06-18'))).sent).toBe(0);
    await t.database.db.update(organizations).set({ ownerId: null, revisitOn: '2027-07-01' }).where(eq(organizations.id, ids.organizationId!));
    expect((await runJob(shanghaiMorning('2027-07-01'))).sent).toBe(0);
  });
});
