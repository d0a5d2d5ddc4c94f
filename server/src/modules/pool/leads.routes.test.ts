// Lead hand-over (CUS-8) through HTTP, and its deadline with a controlled clock: accept makes the owner, decline
// and expiry leave the lead with its sender, every step notified and in the organisation's history.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../platform/notify/notify.table';
import { users } from '../../platform/org-structure/org-structure.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { acceptLead, handOverLead, processLeadDeadlines } from './lead-handover.service';
import { actorOf, organizationRow } from './pool-test-kit';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function createOrganization(token: string, name: string) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner' });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

const noticesOf = (userId: string, kind: string) =>
  t.database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

beforeAll(async () => {
  t = await createTestApp();
  const marketing = await t.createDepartment('市场部');
  const sales = await t.createDepartment('销售部');
  ids.marketer = await t.createUser({ username: 'marketer', departmentId: marketing, role: 'sales_rep' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: sales, role: 'sales_rep' });
  ids.other = await t.createUser({ username: 'other', departmentId: sales, role: 'sales_rep' });
  ids.gone = await t.createUser({ username: 'gone', departmentId: sales, role: 'sales_rep' });
  for (const name of ['admin', 'marketer', 'rep', 'other']) tokens[name] = await t.login(name);
  await t.database.db.update(users).set({ status: 'departed' }).where(eq(users.id, ids.gone!));
});
afterAll(async () => t?.close());

describe('lead hand-over', () => {
  it('hands a lead to a rep with the default 48 hours, notifies them, and lists it in both boxes', async () => {
    const id = await createOrganization(tokens.marketer!, '上海张江科技园区开发公司');
    const before = Date.now();
    const sent = await t.call(tokens.marketer!, 'POST', `/api/v1/organizations/${id}/handover`, { toUserId: ids.rep, note: '展会留资，已确认需求' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ status: 'pending', from: { id: ids.marketer }, to: { id: ids.rep }, organization: { id } });
    const hours = (new Date(sent.body.dueAt).getTime() - before) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect(hours).toBeLessThan(48.1);
    expect(await noticesOf(ids.rep!, 'lead.received')).toHaveLength(1);
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/leads?box=incoming')).body).toMatchObject({ total: 1, items: [{ id: sent.body.id }] });
    expect((await t.call(tokens.marketer!, 'GET', '/api/v1/leads?box=sent')).body).toMatchObject({ total: 1, items: [{ id: sent.body.id }] });
    expect((await t.call(tokens.marketer!, 'GET', '/api/v1/leads?box=incoming')).body.total).toBe(0);
    // One open hand-over per organisation.
    expect((await t.call(tokens.marketer!, 'POST', `/api/v1/organizations/${id}/handover`, { toUserId: ids.other })).status).toBe(409);
    // Only the receiver answers; anyone else finds nothing.
    expect((await t.call(tokens.other!, 'POST', `/api/v1/leads/${sent.body.id}/accept`)).status).toBe(404);

    const accepted = await t.call(tokens.rep!, 'POST', `/api/v1/leads/${sent.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await organizationRow(t, id)).ownerId).toBe(ids.rep);
    expect(await noticesOf(ids.marketer!, 'lead.accepted')).toHaveLength(1);
    const history = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${id}/history`);
    expect(history.body.items.map((entry: { action: string }) => entry.action)).toEqual(['create', 'lead.handover', 'lead.accept']);
    expect(history.body.items.at(-1).changes).toEqual([{ field: 'ownerId', old: ids.marketer, new: ids.rep }]);
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/leads/${sent.body.id}/accept`)).body.code).toBe('lead_not_pending');
  });

  it('refuses bad hand-overs: out of scope 404, departed or current owner 400, hours out of range 400', async () => {
    const id = await createOrganization(tokens.marketer!, '苏州金鸡湖水务公司');
    expect((await t.call(tokens.other!, 'POST', `/api/v1/organizations/${id}/handover`, { toUserId: ids.rep })).status).toBe(404);
    const departed = await t.call(tokens.marketer!, 'POST', `/api/v1/organizations/${id}/handover`, { toUserId: ids.gone });
    expect(departed.body.errors).toEqual([expect.objectContaining({ path: 'toUserId', code: 'user_departed' })]);
    const self = await t.call(tokens.marketer!, 'POST', `/api/v1/organizations/${id}/handover`, { toUserId: ids.marketer });
    expect(self.body.errors).toEqual([expect.objectContaining({ path: 'toUserId', code: 'already_owner' })]);
    const hours = await t.call(tokens.marketer!, 'POST', `/api/v1/organizations/${id}/handover`, { toUserId: ids.rep, hours: 0 });
    expect(hours.status).toBe(400);
    expect(hours.body.errors[0].path).toBe('hours');
  });

  it('a decline needs a reason and leaves the owner as it was', async () => {
    const id = await createOrganization(tokens.marketer!, '南京河西新城开发公司');
    const sent = await t.call(tokens.marketer!, 'POST', `/api/v1/organizations/${id}/handover`, { toUserId: ids.rep });
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/leads/${sent.body.id}/decline`, { reason: '' })).status).toBe(400);
    const declined = await t.call(tokens.rep!, 'POST', `/api/v1/leads/${sent.body.id}/decline`, { reason: '不在我负责的区域' });
    expect(declined.body).toMatchObject({ status: 'declined', decisionNote: '不在我负责的区域' });
    expect((await organizationRow(t, id)).ownerId).toBe(ids.marketer);
    expect((await noticesOf(ids.marketer!, 'lead.declined')).at(-1)?.params).toMatchObject({ reason: '不在我负责的区域' });
  });

  it('expires past its deadline and goes back to the sender; late accepts are refused', async () => {
    const id = await createOrganization(tokens.marketer!, '杭州滨江智慧城市公司');
    const marketer = await actorOf(t, tokens.marketer!);
    const rep = await actorOf(t, tokens.rep!);
    const start = new Date('2031-06-01T01:00:00Z');
    const lead = await handOverLead(t.database.db, marketer, id, { toUserId: ids.rep!, hours: 2 }, start);
    expect(lead.dueAt).toBe('2031-06-01T03:00:00.000Z');
    expect(await processLeadDeadlines(t.database.db, new Date('2031-06-01T02:59:00Z'))).toEqual({ expired: 0 });
    // Past the deadline but before the job ran: the lead no longer waits for an answer.
    await expect(acceptLead(t.database.db, rep, lead.id, new Date('2031-06-01T03:01:00Z'))).rejects.toMatchObject({ code: 'lead_not_pending' });
    expect(await processLeadDeadlines(t.database.db, new Date('2031-06-01T03:05:00Z'))).toEqual({ expired: 1 });
    const sent = await t.call(tokens.marketer!, 'GET', '/api/v1/leads?box=sent&status=expired');
    expect(sent.body.items).toEqual([expect.objectContaining({ id: lead.id, status: 'expired' })]);
    expect((await organizationRow(t, id)).ownerId).toBe(ids.marketer);
    expect(await noticesOf(ids.marketer!, 'lead.expired')).toHaveLength(1);
    expect(await noticesOf(ids.rep!, 'lead.missed')).toHaveLength(1);
    const history = await t.call(tokens.marketer!, 'GET', `/api/v1/organizations/${id}/history`);
    expect(history.body.items.at(-1).action).toBe('lead.expire');
    // A second run finds nothing more.
    expect(await processLeadDeadlines(t.database.db, new Date('2031-06-02T00:00:00Z'))).toEqual({ expired: 0 });
  });

  it('takes the default hours from the lead rules, which only configurers change', async () => {
    expect((await t.call(tokens.rep!, 'PUT', '/api/v1/leads/rules', { defaultHours: 24, version: 1 })).status).toBe(403);
    const rules = await t.call(tokens.admin!, 'PUT', '/api/v1/leads/rules', { defaultHours: 24, version: 1 });
    expect(rules.body).toEqual({ defaultHours: 24, version: 2 });
    expect((await t.call(tokens.admin!, 'PUT', '/api/v1/leads/rules', { defaultHours: 12, version: 1 })).status).toBe(409);
    const id = await createOrganization(tokens.marketer!, '宁波北仑港区物流公司');
    const before = Date.now();
    const sent = await t.call(tokens.marketer!, 'POST', `/api/v1/organizations/${id}/handover`, { toUserId: ids.rep });
    expect(Math.round((new Date(sent.body.dueAt).getTime() - before) / 3_600_000)).toBe(24);
  });
});
