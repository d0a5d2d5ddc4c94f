// Organisation and person ties through real HTTP on a real database: who may add and remove them, duplicates and
// self ties refused, scope (404 for what the caller cannot read), validation, and the history lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { contacts } from '../contacts/contacts.table';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};
const people: Record<string, string> = {};
let contactNumber = 0;

async function createOrganization(token: string, name: string) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** Contacts are inserted directly: this module does not depend on the contacts routes. */
async function createContact(organizationId: string, name: string, title: string | null = null) {
  contactNumber += 1;
  const [row] = await t.database.db.insert(contacts).values({ organizationId, name, title, number: `CT-TIES-${contactNumber}` }).returning({ id: contacts.id });
  return row!.id;
}

async function history(token: string, path: string) {
  const response = await t.call(token, 'GET', `/api/v1/${path}/history`);
  expect(response.status).toBe(200);
  return response.body.items as { action: string; note: string | null; changes: { field: string; old: unknown; new: unknown }[] }[];
}

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const teamA = await t.createDepartment('上海一组', east);
  const teamB = await t.createDepartment('南京二组', east);
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep', managerId: ids.manager });
  ids.peer = await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep', managerId: ids.manager });
  ids.finance = await t.createUser({ username: 'finance', departmentId: company, role: 'finance' });
  for (const name of ['manager', 'rep', 'peer', 'finance']) tokens[name] = await t.login(name);
  orgs.owner = await createOrganization(tokens.rep!, '上海城投水务集团');
  orgs.institute = await createOrganization(tokens.rep!, '上海市政工程设计研究总院');
  orgs.supplier = await createOrganization(tokens.rep!, '上海申达电缆有限公司');
  orgs.peer = await createOrganization(tokens.peer!, '南京化学工业园热电厂');
  people.director = await createContact(orgs.owner!, '周建华', '总工程师');
  people.engineer = await createContact(orgs.owner!, '李工', '设备科长');
  people.designer = await createContact(orgs.institute!, '陈设计', '给排水所所长');
  people.peerContact = await createContact(orgs.peer!, '何厂长', '厂长');
});
afterAll(async () => t?.close());

describe('organisation ties', () => {
  it('ties two organisations, seen from both sides with its direction, and writes a history line on each', async () => {
    const created = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.institute}/ties`, {
      organizationId: orgs.owner,
      type: 'design_institute_of',
      note: '二期扩建的设计院',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.items).toEqual([
      expect.objectContaining({ type: 'design_institute_of', direction: 'outgoing', note: '二期扩建的设计院', other: expect.objectContaining({ id: orgs.owner, name: '上海城投水务集团', readable: true }) }),
    ]);
    const fromOwner = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.owner}/ties`);
    expect(fromOwner.body.items).toEqual([expect.objectContaining({ type: 'design_institute_of', direction: 'incoming', other: expect.objectContaining({ id: orgs.institute }) })]);

    const instituteHistory = (await history(tokens.rep!, `organizations/${orgs.institute}`)).find((entry) => entry.action === 'tie.add');
    expect(instituteHistory).toMatchObject({ note: '二期扩建的设计院' });
    expect(instituteHistory!.changes).toEqual(
      expect.arrayContaining([
        { field: 'tieType', old: null, new: 'design_institute_of' },
        { field: 'tieDirection', old: null, new: 'outgoing' },
        { field: 'tiedRecord', old: null, new: '上海城投水务集团' },
      ]),
    );
    const ownerHistory = (await history(tokens.rep!, `organizations/${orgs.owner}`)).find((entry) => entry.action === 'tie.add');
    expect(ownerHistory!.changes).toEqual(expect.arrayContaining([{ field: 'tieDirection', old: null, new: 'incoming' }, { field: 'tiedRecord', old: null, new: '上海市政工程设计研究总院' }]));
  });

  it('adds a tie the other way round from the second organisation’s page (incoming)', async () => {
    const created = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.supplier, type: 'supplier_to', direction: 'incoming' });
    expect(created.status).toBe(201);
    const fromSupplier = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.supplier}/ties`);
    expect(fromSupplier.body.items).toEqual([expect.objectContaining({ type: 'supplier_to', direction: 'outgoing', other: expect.objectContaining({ id: orgs.owner }) })]);
  });

  it('refuses a duplicate (the same way, or the other way for a tie that reads both ways or a parent), and a self tie', async () => {
    const again = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.institute}/ties`, { organizationId: orgs.owner, type: 'design_institute_of' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('duplicate_tie');

    expect((await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.institute, type: 'partner' })).status).toBe(201);
    const partnerBack = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.institute}/ties`, { organizationId: orgs.owner, type: 'partner' });
    expect(partnerBack.body.code).toBe('duplicate_tie');

    expect((await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.supplier, type: 'parent_of' })).status).toBe(201);
    const parentBack = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.supplier}/ties`, { organizationId: orgs.owner, type: 'parent_of' });
    expect(parentBack.status).toBe(409);

    // Supplying each other is two facts, not a contradiction.
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.supplier, type: 'supplier_to' })).status).toBe(201);

    const self = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.owner, type: 'partner' });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('self_tie');
  });

  it('names every invalid field: an unknown type, a custom tie without its label, an id that is no uuid', async () => {
    const unknownType = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: 'nope', type: 'enemy_of' });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['organizationId', 'type']);
    const customWithoutLabel = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.institute, type: 'custom' });
    expect(customWithoutLabel.status).toBe(400);
    expect(customWithoutLabel.body.errors).toEqual([expect.objectContaining({ path: 'label' })]);
    const custom = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.institute, type: 'custom', label: '同一主管局' });
    expect(custom.status).toBe(201);
    expect(custom.body.items.find((tie: { type: string }) => tie.type === 'custom')).toMatchObject({ label: '同一主管局' });
  });

  it('needs write access to the page’s organisation and read access to the other: 404 out of scope, 403 read-only or without the permission', async () => {
    const toUnreadable = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.peer, type: 'partner' });
    expect(toUnreadable.status).toBe(404);
    const fromUnreadable = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.peer}/ties`, { organizationId: orgs.owner, type: 'partner' });
    expect(fromUnreadable.status).toBe(404);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.peer}/ties`)).status).toBe(404);
    // Finance reads every customer but edits none.
    const finance = await t.call(tokens.finance!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.peer, type: 'partner' });
    expect(finance.status).toBe(403);
    // Shared read-only: readable, not writable.
    expect((await t.call(tokens.peer!, 'POST', `/api/v1/organizations/${orgs.peer}/shares`, { userId: ids.rep, access: 'read' })).status).toBe(201);
    const readOnly = await t.call(tokens.rep!, 'POST', `/api/v1/organizations/${orgs.peer}/ties`, { organizationId: orgs.owner, type: 'partner' });
    expect(readOnly.status).toBe(403);
  });

  it('shows a tie to an organisation out of scope as a name only', async () => {
    // The manager reaches both reps' customers and ties them; the rep then sees only the name of the other side.
    const created = await t.call(tokens.manager!, 'POST', `/api/v1/organizations/${orgs.owner}/ties`, { organizationId: orgs.peer, type: 'competitor_of' });
    expect(created.status).toBe(201);
    const listed = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.owner}/ties`);
    const shared = listed.body.items.find((tie: { type: string }) => tie.type === 'competitor_of');
    // (The rep still holds the read share from the test before; drop it to see the out-of-scope shape.)
    expect(shared.other.name).toBe('南京化学工业园热电厂');
    const shares = await t.call(tokens.peer!, 'GET', `/api/v1/organizations/${orgs.peer}/shares`);
    for (const share of shares.body.items) await t.call(tokens.peer!, 'DELETE', `/api/v1/organizations/${orgs.peer}/shares/${share.id}`);
    const outOfScope = (await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.owner}/ties`)).body.items.find((tie: { type: string }) => tie.type === 'competitor_of');
    expect(outOfScope.other).toEqual({ kind: 'organization', id: orgs.peer, name: '南京化学工业园热电厂', subtitle: null, readable: false });
  });

  it('removes a tie from either side with a note in both histories; a second removal or one from out of scope is a 404', async () => {
    const tie = (await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.owner}/ties`)).body.items.find((item: { type: string }) => item.type === 'design_institute_of');
    expect((await t.call(tokens.peer!, 'DELETE', `/api/v1/organizations/${orgs.peer}/ties/${tie.id}`)).status).toBe(404);
    expect((await t.call(tokens.peer!, 'DELETE', `/api/v1/organizations/${orgs.owner}/ties/${tie.id}`)).status).toBe(404);
    const removed = await t.call(tokens.rep!, 'DELETE', `/api/v1/organizations/${orgs.owner}/ties/${tie.id}`, { note: '设计院已更换' });
    expect(removed.status).toBe(204);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/organizations/${orgs.owner}/ties/${tie.id}`)).status).toBe(404);
    for (const organization of [orgs.owner, orgs.institute]) {
      const line = (await history(tokens.rep!, `organizations/${organization}`)).find((entry) => entry.action === 'tie.remove');
      expect(line).toMatchObject({ note: '设计院已更换' });
      expect(line!.changes).toEqual(expect.arrayContaining([{ field: 'tieType', old: 'design_institute_of', new: null }]));
    }
    const remaining = await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${orgs.institute}/ties`);
    expect(remaining.body.items.map((item: { type: string }) => item.type)).not.toContain('design_institute_of');
  });
});

describe('person ties', () => {
  it('ties two contacts and one of our users to a contact, with strength; history on each contact', async () => {
    const reports = await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.engineer}/ties`, { person: { kind: 'contact', id: people.director }, type: 'reports_to', strength: 4 });
    expect(reports.status, JSON.stringify(reports.body)).toBe(201);
    expect(reports.body.items).toEqual([
      expect.objectContaining({ type: 'reports_to', direction: 'outgoing', strength: 4, other: { kind: 'contact', id: people.director, name: '周建华', subtitle: '总工程师 · 上海城投水务集团', readable: true } }),
    ]);
    const knows = await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.engineer}/ties`, { person: { kind: 'user', id: ids.rep }, type: 'knows', direction: 'incoming', note: '展会认识' });
    expect(knows.status).toBe(201);
    expect(knows.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'knows', direction: 'incoming', other: expect.objectContaining({ kind: 'user', id: ids.rep, name: 'rep' }) })]));

    const rows = await t.database.query<{ record_id: string; action: string }>(`select record_id, action from record_history where record_type = 'contact' and action = 'tie.add'`);
    expect(rows.map((row) => row.record_id).sort()).toEqual([people.director, people.engineer, people.engineer].sort());
  });

  it('refuses a duplicate either way for a mutual tie, a self tie, reports_to a user, and a strength out of 1–5', async () => {
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.director}/ties`, { person: { kind: 'contact', id: people.designer }, type: 'former_colleague' })).status).toBe(201);
    const back = await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.designer}/ties`, { person: { kind: 'contact', id: people.director }, type: 'former_colleague' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('duplicate_tie');
    const reportsBack = await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.director}/ties`, { person: { kind: 'contact', id: people.engineer }, type: 'reports_to' });
    expect(reportsBack.status).toBe(409);
    const self = await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.director}/ties`, { person: { kind: 'contact', id: people.director }, type: 'friend' });
    expect(self.body.code).toBe('self_tie');
    const toUser = await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.director}/ties`, { person: { kind: 'user', id: ids.rep }, type: 'reports_to' });
    expect(toUser.status).toBe(400);
    expect(toUser.body.errors[0]).toMatchObject({ path: 'type', code: 'reports_to_contacts_only' });
    const strength = await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.director}/ties`, { person: { kind: 'robot', id: ids.rep }, type: 'friend', strength: 6 });
    expect(strength.status).toBe(400);
    expect(strength.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['person.kind', 'strength']);
  });

  it('follows the organisations: 404 for a contact of an unreadable organisation at either end, 403 read-only', async () => {
    const toUnreadable = await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.director}/ties`, { person: { kind: 'contact', id: people.peerContact }, type: 'friend' });
    expect(toUnreadable.status).toBe(404);
    expect((await t.call(tokens.rep!, 'POST', `/api/v1/contacts/${people.peerContact}/ties`, { person: { kind: 'contact', id: people.director }, type: 'friend' })).status).toBe(404);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${people.peerContact}/ties`)).status).toBe(404);
    expect((await t.call(tokens.finance!, 'POST', `/api/v1/contacts/${people.director}/ties`, { person: { kind: 'user', id: ids.finance }, type: 'knows' })).status).toBe(403);
  });

  it('leaves out of the list the ties to contacts of organisations the caller cannot read', async () => {
    const managerTie = await t.call(tokens.manager!, 'POST', `/api/v1/contacts/${people.director}/ties`, { person: { kind: 'contact', id: people.peerContact }, type: 'relative' });
    expect(managerTie.status).toBe(201);
    const asManager = await t.call(tokens.manager!, 'GET', `/api/v1/contacts/${people.director}/ties`);
    expect(asManager.body.items.map((tie: { type: string }) => tie.type)).toContain('relative');
    const asRep = await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${people.director}/ties`);
    expect(asRep.body.items.map((tie: { type: string }) => tie.type)).not.toContain('relative');
    expect(JSON.stringify(asRep.body)).not.toContain('何厂长');
  });

  it('removes a person tie with a note; a second time is a 404', async () => {
    const tie = (await t.call(tokens.rep!, 'GET', `/api/v1/contacts/${people.engineer}/ties`)).body.items.find((item: { type: string }) => item.type === 'knows');
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/contacts/${people.engineer}/ties/${tie.id}`, { note: '对方已调岗' })).status).toBe(204);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/contacts/${people.engineer}/ties/${tie.id}`)).status).toBe(404);
    const rows = await t.database.query<{ note: string | null }>(`select note from record_history where record_type = 'contact' and action = 'tie.remove' and record_id = $1`, [people.engineer]);
    expect(rows).toEqual([{ note: '对方已调岗' }]);
  });
});
