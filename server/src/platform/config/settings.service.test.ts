// Company settings applied on the server: the time zone decides document numbers' years and months and the
// audit log's days; the default language is a new user's language.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListQuerySchema } from '@openpsm/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import { roles } from '../access/access.table';
import { listAuditLog } from '../audit/audit-log.service';
import { numberingRules } from './config.table';
import { nextNumber } from './numbering.service';
import { updateSettingsValues } from './options.service';
import { startOfDay, zonedDateTime } from './settings.service';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('company calendar', () => {
  it('reads an instant on the wall clock of a time zone', () => {
    const instant = new Date('2024-12-31T16:30:05Z');
    expect(zonedDateTime(instant, 'Asia/Shanghai')).toEqual({ year: 2025, month: 1, day: 1, hour: 0, minute: 30, second: 5 });
    expect(zonedDateTime(instant, 'UTC')).toEqual({ year: 2024, month: 12, day: 31, hour: 16, minute: 30, second: 5 });
    expect(zonedDateTime(instant, 'America/Los_Angeles')).toMatchObject({ day: 31, hour: 8 });
  });

  it('finds the instant a day begins, across daylight-saving changes', () => {
    expect(startOfDay('2024-01-10', 'Asia/Shanghai').toISOString()).toBe('2024-01-09T16:00:00.000Z');
    expect(startOfDay('2024-01-10', 'Asia/Shanghai', 1).toISOString()).toBe('2024-01-10T16:00:00.000Z');
    expect(startOfDay('2024-12-31', 'UTC', 1).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    // New York's clocks change at 02:00: midnight keeps the offset of the day before.
    expect(startOfDay('2024-03-10', 'America/New_York').toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfDay('2024-03-11', 'America/New_York').toISOString()).toBe('2024-03-11T04:00:00.000Z');
    // Havana's and Beirut's clocks jump from 00:00 to 01:00: those days begin at 01:00.
    expect(startOfDay('2024-03-10', 'America/Havana').toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfDay('2024-03-31', 'Asia/Beirut').toISOString()).toBe('2024-03-30T22:00:00.000Z');
  });
});

describe('numbering in the company time zone', () => {
  // 00:30 on 1 January 2025 in Shanghai, still 31 December 2024 in UTC.
  const newYearInShanghai = new Date('2024-12-31T16:30:00Z');

  it('takes the year of the company’s day, not the server clock’s, for the number and its yearly counter', async () => {
    const db = t.database.db;
    await updateSettingsValues(db, { timeZone: 'UTC' });
    expect(await nextNumber(db, 'organization', newYearInShanghai)).toBe('ORG-2024-00001');
    await updateSettingsValues(db, { timeZone: 'Asia/Shanghai' });
    expect(await nextNumber(db, 'organization', newYearInShanghai)).toBe('ORG-2025-00001');
    expect(await nextNumber(db, 'organization', new Date('2024-12-31T15:59:59Z'))).toBe('ORG-2024-00002');
  });

  it('takes the month of the company’s day for {mm} and a monthly counter', async () => {
    const db = t.database.db;
    await db.update(numberingRules).set({ pattern: 'M-{yy}{mm}-{seq:3}', reset: 'monthly' }).where(eq(numberingRules.recordType, 'organization'));
    await updateSettingsValues(db, { timeZone: 'Asia/Shanghai' });
    // 20:00 UTC on 31 March is 04:00 on 1 April in Shanghai.
    expect(await nextNumber(db, 'organization', new Date('2024-03-31T20:00:00Z'))).toBe('M-2404-001');
    expect(await nextNumber(db, 'organization', new Date('2024-03-31T15:00:00Z'))).toBe('M-2403-001');
    await updateSettingsValues(db, { timeZone: 'America/New_York' });
    expect(await nextNumber(db, 'organization', new Date('2024-04-01T03:00:00Z'))).toBe('M-2403-002');
  });
});

describe('audit log days in the company time zone', () => {
  const instants = ['2024-01-09T15:59:59Z', '2024-01-09T16:00:00Z', '2024-01-10T15:59:59Z', '2024-01-10T16:00:00Z'];
  const day = async (from: string, to: string) => {
    const page = await listAuditLog(t.database.db, auditListQuerySchema.parse({ action: 'export', from, to }));
    return page.items.map((item) => item.at).sort();
  };

  beforeAll(async () => {
    for (const at of instants) await t.database.query(`insert into audit_log (action, at, details) values ('export', $1, '{}'::jsonb)`, [at]);
  });

  it('runs a day from the company’s midnight to the next, both ends inclusive', async () => {
    await updateSettingsValues(t.database.db, { timeZone: 'Asia/Shanghai' });
    expect(await day('2024-01-10', '2024-01-10')).toEqual(['2024-01-09T16:00:00.000Z', '2024-01-10T15:59:59.000Z']);
    expect(await day('2024-01-09', '2024-01-09')).toEqual(['2024-01-09T15:59:59.000Z']);
    await updateSettingsValues(t.database.db, { timeZone: 'UTC' });
    expect(await day('2024-01-10', '2024-01-10')).toEqual(['2024-01-10T15:59:59.000Z', '2024-01-10T16:00:00.000Z']);
  });
});

describe('default language of new users', () => {
  it('gives a new user the company’s default language unless one is chosen', async () => {
    const admin = await t.login('admin');
    const department = await t.createDepartment('华东大区');
    const [role] = await t.database.db.select({ id: roles.id }).from(roles).where(eq(roles.code, 'sales_rep'));
    const createUser = (username: string, extra: Record<string, unknown> = {}) =>
      t.call(admin, 'POST', '/api/v1/users', { username, displayName: username, departmentId: department, position: 'rep', roleIds: [role!.id], password: 'initial-pass-1', ...extra });

    expect((await createUser('chinese')).body.locale).toBe('zh-CN');
    const settings = await t.call(admin, 'GET', '/api/v1/settings');
    expect((await t.call(admin, 'PATCH', '/api/v1/settings', { defaultLocale: 'en', version: settings.body.version })).status).toBe(200);
    const english = await createUser('english');
    expect(english.status, JSON.stringify(english.body)).toBe(201);
    expect(english.body.locale).toBe('en');
    expect((await createUser('chosen', { locale: 'zh-CN' })).body.locale).toBe('zh-CN');
  });
});
