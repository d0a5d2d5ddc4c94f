// Activities through real HTTP: log, plan, read, edit, complete, cancel, delete, with their refusals — 400 naming every
// field, 403 without permission or read-only, 404 outside the scope, 409 stale, 422 a done record made planned — the
// scope (a rep does not see a peer's, the supervisor sees both) and the history.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { organizations } from '../organizations/organizations.table';
import { activities } from './activities.table';
import { createTeam, hoursFromNow, paths, type Team } from './activity-test-kit';

let t: TestApp;
let team: Team;
const visit = (extra: Record<string, unknown> = {}) => ({ type: 'visit', subject: '拜访设备部', startsAt: hoursFromNow(-3), organizationId: team.orgRep, ...extra });

beforeAll(async () => {
  t = await createTestApp();
  team = await createTeam(t);
});
afterAll(async () => t?.close());

describe('logging and reading', () => {
  it('logs a done follow-up with contacts and project, defaults the owner to the caller, and reads it back', async () => {
    const created = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({
      projectId: team.projectRep,
      contactIds: [team.contactRep, team.contactRep2],
      endsAt: hoursFromNow(-2),
      content: '与设备部王部长交流泵组改造方案',
      outcome: '客户认可方案，待预算确认',
    }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      type: 'visit',
      status: 'done',
      subject: '拜访设备部',
      organization: { id: team.orgRep, name: '上海宝钢测试客户' },
      project: { id: team.projectRep, name: '宝钢冷轧泵组项目' },
      owner: { id: team.ids.rep, displayName: 'rep' },
      createdBy: { id: team.ids.rep },
      nextTaskId: null,
      checkin: null,
      commentCount: 0,
      attachmentCount: 0,
      version: 1,
      canEdit: true,
    });
    expect(created.body.doneAt).not.toBeNull();
    expect(created.body.contacts.map((contact: { name: string }) => contact.name).sort()).toEqual(['李春梅', '王建华'].sort());
    const read = await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('takes the project’s organisation when only the project is given', async () => {
    const created = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', { type: 'call', subject: '电话确认交流时间', startsAt: hoursFromNow(-1), projectId: team.projectRep });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.organization).toEqual({ id: team.orgRep, name: '上海宝钢测试客户' });
    // The answer to a create is built from what the checks read, not read back: it must be what a read gives.
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${created.body.id}`)).body).toEqual(created.body);
  });

  it('a plain log (own organisation, no project, no contacts) checks in its one statement: refused logs write nothing and name the problem', async () => {
    const db = t.database.db;
    const logged = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ subject: '单条语句拜访' }));
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    expect(logged.body.organization).toEqual({ id: team.orgRep, name: '上海宝钢测试客户' });
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${logged.body.id}`)).body).toEqual(logged.body);

    const [peerBefore] = await db.select({ at: organizations.lastActivityAt }).from(organizations).where(eq(organizations.id, team.orgPeer));
    const outOfScope = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ subject: '越权拜访', organizationId: team.orgPeer }));
    expect(outOfScope.status).toBe(400);
    expect(outOfScope.body.errors).toEqual([expect.objectContaining({ path: 'organizationId', code: 'organization_not_found' })]);
    const unknownType = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ subject: '越权拜访', type: 'karaoke' }));
    expect(paths(unknownType.body)).toEqual(['type']);
    const both = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ subject: '越权拜访', type: 'karaoke', organizationId: team.orgPeer }));
    expect(paths(both.body)).toEqual(['organizationId', 'type']);
    expect(await db.select().from(activities).where(eq(activities.subject, '越权拜访'))).toEqual([]);
    const [peerAfter] = await db.select({ at: organizations.lastActivityAt }).from(organizations).where(eq(organizations.id, team.orgPeer));
    expect(peerAfter!.at).toEqual(peerBefore!.at);
    // The peer's own plain log on that organisation passes the same statement's check.
    const peerLog = await t.call(team.tokens.peer, 'POST', '/api/v1/activities', visit({ subject: '同事拜访', organizationId: team.orgPeer }));
    expect(peerLog.status, JSON.stringify(peerLog.body)).toBe(201);
    expect(peerLog.body.organization.id).toBe(team.orgPeer);
    // Out of the way of the counts the next tests make.
    expect((await t.call(team.tokens.rep, 'DELETE', `/api/v1/activities/${logged.body.id}`)).status).toBe(204);
    expect((await t.call(team.tokens.peer, 'DELETE', `/api/v1/activities/${peerLog.body.id}`)).status).toBe(204);
  });

  it('refuses bad input naming every field', async () => {
    const missing = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', { type: '', subject: ' ', startsAt: 'yesterday' });
    expect(missing.status).toBe(400);
    expect(paths(missing.body)).toEqual(['startsAt', 'subject', 'type']);
    const rules = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', { type: 'karaoke', subject: '唱歌', startsAt: hoursFromNow(-2), endsAt: hoursFromNow(-3) });
    expect(rules.status).toBe(400);
    expect(paths(rules.body)).toEqual(['endsAt', 'organizationId', 'projectId', 'type']);
    const refs = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ organizationId: team.orgPeer, contactIds: [team.contactRep], ownerId: team.ids.peer }));
    expect(refs.status).toBe(400);
    expect(refs.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'organizationId', code: 'organization_not_found' }),
        expect.objectContaining({ path: 'ownerId', code: 'user_out_of_scope' }),
      ]),
    );
    const foreignContact = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ contactIds: [team.contactPeer] }));
    expect(foreignContact.body.errors).toEqual([expect.objectContaining({ path: 'contactIds.0', code: 'contact_not_found' })]);
    const peerProject = await t.call(team.tokens.peer, 'POST', '/api/v1/activities', visit({ organizationId: team.orgPeer, projectId: team.projectRep }));
    expect(peerProject.body.errors).toEqual([expect.objectContaining({ path: 'projectId', code: 'project_not_found' })]);
    const otherCustomer = await t.call(team.tokens.supervisor, 'POST', '/api/v1/activities', visit({ organizationId: team.orgPeer, projectId: team.projectRep }));
    expect(otherCustomer.body.errors).toEqual([expect.objectContaining({ path: 'projectId', code: 'project_not_of_organization' })]);
    const wrongContact = await t.call(team.tokens.supervisor, 'POST', '/api/v1/activities', visit({ contactIds: [team.contactPeer] }));
    expect(wrongContact.body.errors).toEqual([expect.objectContaining({ path: 'contactIds.0', code: 'contact_not_of_organization' })]);
  });

  it('lets a supervisor log for a report, not for someone outside the scope; refuses users without the permission', async () => {
    const forRep = await t.call(team.tokens.supervisor, 'POST', '/api/v1/activities', visit({ ownerId: team.ids.rep, subject: '陪同拜访' }));
    expect(forRep.status, JSON.stringify(forRep.body)).toBe(201);
    expect(forRep.body.owner.id).toBe(team.ids.rep);
    expect(forRep.body.createdBy.id).toBe(team.ids.supervisor);
    expect((await t.call(team.tokens.supervisor, 'GET', `/api/v1/activities/${forRep.body.id}`)).body).toEqual(forRep.body);
    const outside = await t.call(team.tokens.supervisor, 'POST', '/api/v1/activities', visit({ ownerId: team.ids.outsider }));
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([expect.objectContaining({ path: 'ownerId', code: 'user_out_of_scope' })]);
    expect((await t.call(team.tokens.viewer, 'POST', '/api/v1/activities', visit())).status).toBe(403);
    expect((await t.call(team.tokens.viewer, 'GET', '/api/v1/activities')).status).toBe(403);
  });
});

describe('scope', () => {
  it('a rep cannot read a peer’s activity (404); the supervisor reads both; the list filters in SQL and pages', async () => {
    const peers = await t.call(team.tokens.peer, 'POST', '/api/v1/activities', { type: 'wechat', subject: '微信沟通报价', startsAt: hoursFromNow(-5), organizationId: team.orgPeer });
    expect(peers.status).toBe(201);
    const id = peers.body.id;
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${id}`)).status).toBe(404);
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${id}/history`)).status).toBe(404);
    expect((await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${id}`, { subject: '改', version: 1 })).status).toBe(404);
    expect((await t.call(team.tokens.rep, 'DELETE', `/api/v1/activities/${id}`)).status).toBe(404);
    expect((await t.call(team.tokens.outsider, 'GET', `/api/v1/activities/${id}`)).status).toBe(404);
    const supervisorRead = await t.call(team.tokens.supervisor, 'GET', `/api/v1/activities/${id}`);
    expect(supervisorRead.status).toBe(200);
    expect(supervisorRead.body.canEdit).toBe(true);

    const repList = await t.call(team.tokens.rep, 'GET', '/api/v1/activities?pageSize=200');
    expect(repList.body.items.every((item: { owner: { id: string } }) => item.owner.id === team.ids.rep)).toBe(true);
    const all = await t.call(team.tokens.supervisor, 'GET', '/api/v1/activities?pageSize=200');
    expect(all.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(all.body.total).toBe(repList.body.total + 1);
    // Newest first by default; paging keeps the total.
    const starts = all.body.items.map((item: { startsAt: string }) => item.startsAt);
    expect([...starts].sort().reverse()).toEqual(starts);
    const page = await t.call(team.tokens.supervisor, 'GET', '/api/v1/activities?pageSize=1&page=2');
    expect(page.body).toMatchObject({ total: all.body.total, page: 2, pageSize: 1 });
    expect(page.body.items[0].id).toBe(all.body.items[1].id);
    const byOwner = await t.call(team.tokens.supervisor, `GET`, `/api/v1/activities?ownerId=${team.ids.peer}`);
    expect(byOwner.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    const byContact = await t.call(team.tokens.supervisor, 'GET', `/api/v1/activities?contactId=${team.contactRep2}`);
    expect(byContact.body.total).toBe(1);
    const byText = await t.call(team.tokens.supervisor, 'GET', `/api/v1/activities?q=${encodeURIComponent('报价')}&type=wechat`);
    expect(byText.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    const byDepartment = await t.call(team.tokens.manager, 'GET', `/api/v1/activities?departmentId=${team.departments.shanghai}&pageSize=200`);
    expect(byDepartment.body.total).toBe(all.body.total);
  });
});

describe('editing', () => {
  it('edits with the version (409 when stale), writes history, and refuses a done record becoming planned (422)', async () => {
    const created = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ subject: '技术交流' }));
    const id = created.body.id;
    const edited = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${id}`, { subject: '技术交流（第二次）', contactIds: [team.contactRep], version: 1 });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ subject: '技术交流（第二次）', version: 2, contacts: [{ id: team.contactRep, name: '王建华' }] });
    const stale = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${id}`, { subject: '旧版本', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const back = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${id}`, { status: 'planned', version: 2 });
    expect(back.status).toBe(422);
    expect(back.body).toMatchObject({ code: 'business_rule', errors: [{ path: 'status', code: 'activity_already_done' }] });
    expect(back.body.detail).toMatch(/done/);
    const badEnd = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${id}`, { endsAt: hoursFromNow(-30), type: 'nope', version: 2 });
    expect(paths(badEnd.body)).toEqual(['endsAt', 'type']);
    const history = await t.call(team.tokens.supervisor, 'GET', `/api/v1/activities/${id}/history`);
    expect(history.body.items.map((item: { action: string }) => item.action)).toEqual(['create', 'update']);
    expect(history.body.items[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'subject', old: '技术交流', new: '技术交流（第二次）' },
        { field: 'contactIds', old: [], new: [team.contactRep] },
      ]),
    );
  });

  it('plans an activity and completes it as a follow-up record; cancels another', async () => {
    const planned = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ status: 'planned', subject: '拜访采购部', startsAt: hoursFromNow(48) }));
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({ status: 'planned', doneAt: null });
    const done = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${planned.body.id}`, { status: 'done', startsAt: hoursFromNow(-1), outcome: '采购部同意入围', version: 1 });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome: '采购部同意入围', version: 2 });
    expect(done.body.doneAt).not.toBeNull();
    const history = await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${planned.body.id}/history`);
    expect(history.body.items.map((item: { action: string }) => item.action)).toEqual(['create', 'complete']);

    const other = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ status: 'planned', startsAt: hoursFromNow(72) }));
    const cancelled = await t.call(team.tokens.rep, 'PATCH', `/api/v1/activities/${other.body.id}`, { status: 'cancelled', version: 1 });
    expect(cancelled.body.status).toBe('cancelled');
    const listed = await t.call(team.tokens.rep, 'GET', '/api/v1/activities?status=cancelled');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([other.body.id]);
  });

  it('a role without activity.edit gets a 403 on an edit', async () => {
    const created = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit());
    expect((await t.call(team.tokens.viewer, 'PATCH', `/api/v1/activities/${created.body.id}`, { subject: '改', version: 1 })).status).toBe(403);
  });

  it('deletes softly (204), then the activity is gone for everyone (404) but its history stays', async () => {
    const created = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ subject: '待删除' }));
    expect((await t.call(team.tokens.rep, 'DELETE', `/api/v1/activities/${created.body.id}?version=2`)).status).toBe(409);
    expect((await t.call(team.tokens.rep, 'DELETE', `/api/v1/activities/${created.body.id}`)).status).toBe(204);
    expect((await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${created.body.id}`)).status).toBe(404);
    expect((await t.call(team.tokens.supervisor, 'GET', `/api/v1/activities/${created.body.id}`)).status).toBe(404);
    const [row] = await t.database.query<{ deleted_at: Date | null }>('select deleted_at from activities where id = $1', [created.body.id]);
    expect(row!.deleted_at).not.toBeNull();
    const lines = await t.database.query<{ action: string }>(`select action from record_history where record_type = 'activity' and record_id = $1 order by id`, [created.body.id]);
    expect(lines.map((line) => line.action)).toEqual(['create', 'delete']);
  });
});

describe('field check-in (ACT-6)', () => {
  it('keeps the position only with consent; the time is the server’s; twice is a 409; out before in a 422', async () => {
    const planned = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ status: 'planned', startsAt: hoursFromNow(1) }));
    const id = planned.body.id;
    const early = await t.call(team.tokens.rep, 'POST', `/api/v1/activities/${id}/check-out`, { consent: true, version: 1 });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].code).toBe('not_checked_in');
    const sneaky = await t.call(team.tokens.rep, 'POST', `/api/v1/activities/${id}/check-in`, { consent: false, position: { latitude: 31.2, longitude: 121.5 }, version: 1 });
    expect(sneaky.status).toBe(400);
    expect(paths(sneaky.body)).toEqual(['position']);

    const before = Date.now();
    const checkedIn = await t.call(team.tokens.rep, 'POST', `/api/v1/activities/${id}/check-in`, { consent: true, position: { latitude: 31.230416, longitude: 121.473701, accuracy: 35 }, version: 1 });
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
    expect(checkedIn.body.checkin).toMatchObject({ latitude: 31.230416, longitude: 121.473701, accuracy: 35 });
    expect(new Date(checkedIn.body.checkin.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(checkedIn.body.version).toBe(2);
    const twice = await t.call(team.tokens.rep, 'POST', `/api/v1/activities/${id}/check-in`, { consent: true, version: 2 });
    expect(twice.status).toBe(409);

    const out = await t.call(team.tokens.rep, 'POST', `/api/v1/activities/${id}/check-out`, { consent: false, version: 2 });
    expect(out.status).toBe(200);
    expect(out.body.checkout).toMatchObject({ latitude: null, longitude: null, accuracy: null });
    const [row] = await t.database.query<{ checkout_latitude: string | null; checkout_at: Date | null }>('select checkout_latitude, checkout_at from activities where id = $1', [id]);
    expect(row).toMatchObject({ checkout_latitude: null });
    expect(row!.checkout_at).not.toBeNull();
    const history = await t.call(team.tokens.rep, 'GET', `/api/v1/activities/${id}/history`);
    expect(history.body.items.slice(-2).map((item: { action: string; changes: { field: string; new: unknown }[] }) => [item.action, item.changes[1]!.new])).toEqual([
      ['checkin', 'recorded'],
      ['checkout', 'not_recorded'],
    ]);
    const listed = await t.call(team.tokens.rep, 'GET', '/api/v1/activities?checkedIn=true');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it('only the owner checks in (403); outside the scope it is a 404; a stale version a 409', async () => {
    const created = await t.call(team.tokens.rep, 'POST', '/api/v1/activities', visit({ status: 'planned', startsAt: hoursFromNow(2) }));
    const url = `/api/v1/activities/${created.body.id}/check-in`;
    expect((await t.call(team.tokens.supervisor, 'POST', url, { consent: false, version: 1 })).status).toBe(403);
    expect((await t.call(team.tokens.peer, 'POST', url, { consent: false, version: 1 })).status).toBe(404);
    expect((await t.call(team.tokens.rep, 'POST', url, { consent: false, version: 7 })).status).toBe(409);
    const without = await t.call(team.tokens.rep, 'POST', url, { consent: false, version: 1 });
    expect(without.body.checkin).toMatchObject({ latitude: null, longitude: null });
  });
});
