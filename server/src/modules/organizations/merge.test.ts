// Merging organisations and contacts (CUS-3) through HTTP on a real database: fields chosen, everything related moved,
// both histories kept, and every refusal (scope, permission, locked, same id, stale version).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordShares } from '../../platform/access/access.table';
import { contactPositions, contacts } from '../contacts/contacts.table';
import { customerPools, leadHandovers, poolMoves } from '../pool/pool.table';
import { organizationTies, personTies } from '../relationships/relationships.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { competitorProfiles, organizations } from './organizations.table';
import { projectOrganizations } from '../projects/projects.table';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

type Created = { id: string; version: number; number: string };
async function createOrganization(token: string, name: string, extra: Record<string, unknown> = {}): Promise<Created> {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

let contactSeq = 0;
async function insertContact(organizationId: string, name: string) {
  contactSeq += 1;
  const [row] = await t.database.db.insert(contacts).values({ number: `CT-T-${contactSeq}`, organizationId, name, mobile: `1390000${String(contactSeq).padStart(4, '0')}` }).returning();
  await t.database.db.insert(contactPositions).values({ contactId: row!.id, organizationId, title: '经理' });
  return row!;
}

const versionOf = async (id: string) => (await t.database.db.select({ version: organizations.version }).from(organizations).where(eq(organizations.id, id)))[0]!.version;
const merge = async (token: string, keepId: string, mergeId: string, fields: Record<string, string> = {}) =>
  t.call(token, 'POST', '/api/v1/organizations/merge', { keepId, mergeId, fields, keepVersion: await versionOf(keepId), mergeVersion: await versionOf(mergeId) });

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const north = await t.createDepartment('华北大区', company);
  ids.director = await t.createUser({ username: 'director', departmentId: company, role: 'sales_director', position: 'director' });
  ids.supervisor = await t.createUser({ username: 'supervisor', departmentId: east, role: 'supervisor', position: 'supervisor' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: east, role: 'sales_rep', managerId: ids.supervisor });
  ids.northRep = await t.createUser({ username: 'northrep', departmentId: north, role: 'sales_rep' });
  ids.finance = await t.createUser({ username: 'finance', departmentId: company, role: 'finance' });
  for (const name of ['director', 'supervisor', 'rep', 'northrep', 'finance']) tokens[name] = await t.login(name);
});
afterAll(async () => t?.close());

describe('POST /organizations/merge', () => {
  it('keeps the chosen fields, moves every related record, soft-deletes the merged one and keeps both histories', async () => {
    const db = t.database.db;
    const keep = await createOrganization(tokens.director!, '上海华东机械设备有限公司', { phone: '021-58880001', industry: null, tags: ['重点'], customFields: {} });
    const gone = await createOrganization(tokens.director!, '华东机械设备(上海)有限公司', { creditCode: '91310000MA1FL0XX3K', address: '浦东新区张江路 1 号', tags: ['老客户'] });
    await t.call(tokens.director!, 'PATCH', `/api/v1/organizations/${gone.id}`, { notes: '合并前的修改', version: gone.version });
    const third = await createOrganization(tokens.director!, '宝山钢铁');
    const fourth = await createOrganization(tokens.director!, '江南造船');

    const onKeep = await insertContact(keep.id, '张伟');
    const onGone = await insertContact(gone.id, '李娜');
    // Ties: gone → third (moves), third → gone (moves), gone → keep (would be a self-tie: dropped),
    // gone → fourth partner while keep → fourth partner exists (a repeat: dropped).
    await db.insert(organizationTies).values([
      { fromOrganizationId: gone.id, toOrganizationId: third.id, type: 'supplier_to' },
      { fromOrganizationId: third.id, toOrganizationId: gone.id, type: 'parent_of' },
      { fromOrganizationId: gone.id, toOrganizationId: keep.id, type: 'partner' },
      { fromOrganizationId: gone.id, toOrganizationId: fourth.id, type: 'partner' },
      { fromOrganizationId: keep.id, toOrganizationId: fourth.id, type: 'partner' },
    ]);
    // A person tie is about people: untouched by an organisation merge.
    await db.insert(personTies).values({ fromKind: 'contact', fromId: onGone.id, toKind: 'user', toId: ids.rep!, type: 'knows' });
    await db.insert(recordShares).values([
      { recordType: 'organization', recordId: gone.id, userId: ids.northRep, access: 'read' },
      { recordType: 'organization', recordId: gone.id, userId: ids.finance, access: 'edit' },
      { recordType: 'organization', recordId: keep.id, userId: ids.finance, access: 'read' },
    ]);
    const [pool] = await db.insert(customerPools).values({ name: '公司公海' }).returning();
    await db.insert(poolMoves).values({ organizationId: gone.id, poolId: pool!.id, action: 'claim', userId: ids.director, actorId: ids.director });
    await db.insert(leadHandovers).values({ organizationId: gone.id, fromUserId: ids.director!, toUserId: ids.rep!, dueAt: new Date(Date.now() + 86_400_000) });
    await db.insert(competitorProfiles).values({ organizationId: gone.id, products: '挖掘机' });
    // A project of the merged organisation, which also names it as design institute: both follow to the kept one.
    const project = await t.call(tokens.director!, 'POST', '/api/v1/projects', { name: '张江厂区扩建设备采购', organizationId: gone.id });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    await db.insert(projectOrganizations).values({ projectId: project.body.id, organizationId: gone.id, role: 'design_institute' });

    const response = await merge(tokens.director!, keep.id, gone.id, { name: 'merge', creditCode: 'merge', address: 'merge', tags: 'keep' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({
      keptId: keep.id,
      mergedId: gone.id,
      moved: { contacts: 1, contactPositions: 1, organizationTies: 2, shares: 1, poolMoves: 1, leadHandovers: 1, competitorProfiles: 1, projects: 1 },
    });
    const movedProject = await t.call(tokens.director!, 'GET', `/api/v1/projects/${project.body.id}`);
    expect(movedProject.body.organization.id).toBe(keep.id);
    const related = await db.select().from(projectOrganizations).where(eq(projectOrganizations.projectId, project.body.id));
    expect(related.map((row) => row.organizationId)).toEqual([keep.id]);

    const kept = await t.call(tokens.director!, 'GET', `/api/v1/organizations/${keep.id}`);
    expect(kept.body).toMatchObject({ name: '华东机械设备(上海)有限公司', creditCode: '91310000MA1FL0XX3K', address: '浦东新区张江路 1 号', phone: '021-58880001', tags: ['重点'], version: 2 });
    expect((await t.call(tokens.director!, 'GET', `/api/v1/organizations/${gone.id}`)).status).toBe(404);
    const [goneRow] = await db.select().from(organizations).where(eq(organizations.id, gone.id));
    expect(goneRow).toMatchObject({ mergedIntoId: keep.id });
    expect(goneRow!.deletedAt).not.toBeNull();

    const contactRows = await db.select({ id: contacts.id, organizationId: contacts.organizationId }).from(contacts).where(sql`${contacts.id} in (${onKeep.id}, ${onGone.id})`);
    expect(contactRows.every((row) => row.organizationId === keep.id)).toBe(true);
    expect((await db.select().from(contactPositions).where(eq(contactPositions.contactId, onGone.id)))[0]!.organizationId).toBe(keep.id);
    const ties = await db.select().from(organizationTies);
    expect(ties.some((tie) => tie.fromOrganizationId === gone.id || tie.toOrganizationId === gone.id)).toBe(false);
    expect(ties.some((tie) => tie.fromOrganizationId === tie.toOrganizationId)).toBe(false);
    expect(ties.filter((tie) => tie.fromOrganizationId === keep.id && tie.toOrganizationId === fourth.id)).toHaveLength(1);
    expect(ties.filter((tie) => tie.fromOrganizationId === keep.id && tie.toOrganizationId === third.id && tie.type === 'supplier_to')).toHaveLength(1);
    expect(ties.filter((tie) => tie.fromOrganizationId === third.id && tie.toOrganizationId === keep.id && tie.type === 'parent_of')).toHaveLength(1);
    expect(await db.select().from(personTies).where(eq(personTies.fromId, onGone.id))).toHaveLength(1);
    const shares = await db.select().from(recordShares).where(eq(recordShares.recordType, 'organization'));
    expect(shares.filter((share) => share.recordId === gone.id)).toEqual([]);
    expect(shares.filter((share) => share.recordId === keep.id).map((share) => [share.userId, share.access]).sort()).toEqual(
      [[ids.finance, 'edit'], [ids.northRep, 'read']].sort(),
    );
    expect((await db.select().from(poolMoves).where(eq(poolMoves.organizationId, keep.id)))).toHaveLength(1);
    expect((await db.select().from(leadHandovers).where(eq(leadHandovers.organizationId, keep.id)))).toHaveLength(1);
    expect((await db.select().from(competitorProfiles).where(eq(competitorProfiles.organizationId, keep.id)))[0]).toMatchObject({ products: '挖掘机' });

    // The kept record's history holds both histories, in order, each with its merge line.
    const history = await t.call(tokens.director!, 'GET', `/api/v1/organizations/${keep.id}/history`);
    const lines = history.body.items.map((item: { action: string; note: string | null }) => `${item.action}:${item.note ?? ''}`);
    expect(lines).toEqual(['create:duplicate_confirmed', 'create:duplicate_confirmed', 'update:', `merge:merged_from:${gone.number}`, `merge:merged_into:${keep.number}`]);
    const mergeLine = history.body.items.find((item: { note: string }) => item.note === `merged_from:${gone.number}`);
    expect(mergeLine.changes.map((change: { field: string }) => change.field).sort()).toEqual(['address', 'creditCode', 'name']);
    // The merged record's own history is still there for whoever reads it.
    expect((await t.call(tokens.director!, 'GET', `/api/v1/organizations/${gone.id}/history`)).body.items).toHaveLength(3);
  });

  it('merges the custom fields, the chosen side winning, and takes the owner only with the assign permission', async () => {
    const keep = await createOrganization(tokens.rep!, '杭州汽轮机厂');
    const gone = await createOrganization(tokens.rep!, '杭州汽轮机股份有限公司', { notes: '来自被合并方' });
    const response = await merge(tokens.rep!, keep.id, gone.id, { notes: 'merge' });
    expect(response.status).toBe(200);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/organizations/${keep.id}`)).body.notes).toBe('来自被合并方');

    const mine = await createOrganization(tokens.director!, '常州机床厂');
    const other = await createOrganization(tokens.director!, '常州机床集团', { ownerId: ids.rep });
    const assigned = await merge(tokens.director!, mine.id, other.id, { ownerId: 'merge' });
    expect(assigned.status).toBe(200);
    expect((await t.call(tokens.director!, 'GET', `/api/v1/organizations/${mine.id}`)).body.owner).toMatchObject({ id: ids.rep });

    const repA = await createOrganization(tokens.rep!, '无锡锅炉厂');
    const repB = await createOrganization(tokens.rep!, '无锡锅炉有限公司');
    await t.database.db.update(organizations).set({ ownerId: ids.supervisor }).where(eq(organizations.id, repB.id));
    const supervisorMerge = await merge(tokens.supervisor!, repA.id, repB.id, { ownerId: 'merge' });
    expect(supervisorMerge.status).toBe(403);
  });

  it('refuses: same id (400), stale version (409), outside the scope (404), read-only (403), no permission (403), locked (422)', async () => {
    const a = await createOrganization(tokens.rep!, '南通船舶配件厂');
    const b = await createOrganization(tokens.rep!, '南通船舶配件有限公司');
    const same = await t.call(tokens.rep!, 'POST', '/api/v1/organizations/merge', { keepId: a.id, mergeId: a.id, keepVersion: 1, mergeVersion: 1 });
    expect(same.status).toBe(400);
    expect(same.body.errors.map((problem: { path: string }) => problem.path)).toEqual(['mergeId']);
    const missing = await t.call(tokens.rep!, 'POST', '/api/v1/organizations/merge', { keepId: a.id, fields: { name: 'both' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((problem: { path: string }) => problem.path).sort()).toEqual(['fields.name', 'keepVersion', 'mergeId', 'mergeVersion']);

    const stale = await t.call(tokens.rep!, 'POST', '/api/v1/organizations/merge', { keepId: a.id, mergeId: b.id, keepVersion: 1, mergeVersion: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');

    const north = await createOrganization(tokens.northrep!, '南通船舶配件集团');
    expect((await merge(tokens.rep!, a.id, north.id)).status).toBe(404);
    expect((await merge(tokens.rep!, north.id, a.id)).status).toBe(404);
    await t.database.db.insert(recordShares).values({ recordType: 'organization', recordId: north.id, userId: ids.rep, access: 'read' });
    await t.call(tokens.rep!, 'POST', '/api/v1/auth/logout');
    tokens.rep = await t.login('rep');
    const readOnly = await merge(tokens.rep!, a.id, north.id);
    expect(readOnly.status).toBe(403);

    expect((await merge(tokens.finance!, a.id, b.id)).status).toBe(403);

    const asked = await t.call(tokens.rep!, 'DELETE', `/api/v1/organizations/${b.id}`, { reason: '重复' });
    expect(asked.status).toBe(202);
    const locked = await merge(tokens.rep!, a.id, b.id);
    expect(locked.status).toBe(422);
    expect(locked.body.code).toBe('record_locked');
    const lockedKeep = await merge(tokens.rep!, b.id, a.id);
    expect(lockedKeep.body.code).toBe('record_locked');
    // Nothing moved or changed on a refusal.
    expect(await versionOf(a.id)).toBe(1);
  });
});

describe('POST /contacts/merge', () => {
  it('keeps the chosen fields, moves positions and person ties, soft-deletes the merged contact', async () => {
    const db = t.database.db;
    const orgA = await createOrganization(tokens.rep!, '苏州电梯厂');
    const orgB = await createOrganization(tokens.rep!, '苏州迅达电梯');
    const keep = await insertContact(orgA.id, '王强');
    const gone = await insertContact(orgB.id, '王强 ');
    const friend = await insertContact(orgA.id, '赵敏');
    await db.insert(personTies).values([
      { fromKind: 'contact', fromId: gone.id, toKind: 'contact', toId: friend.id, type: 'friend' },
      { fromKind: 'user', fromId: ids.rep!, toKind: 'contact', toId: gone.id, type: 'knows' },
      { fromKind: 'contact', fromId: gone.id, toKind: 'contact', toId: keep.id, type: 'former_colleague' },
      { fromKind: 'contact', fromId: keep.id, toKind: 'contact', toId: friend.id, type: 'friend' },
    ]);
    const response = await t.call(tokens.rep!, 'POST', '/api/v1/contacts/merge', {
      keepId: keep.id,
      mergeId: gone.id,
      fields: { mobile: 'merge', organizationId: 'merge' },
      keepVersion: keep.version,
      mergeVersion: gone.version,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.moved).toEqual({ contactPositions: 1, personTies: 1, activities: 0, tasks: 0 });
    const [kept] = await db.select().from(contacts).where(eq(contacts.id, keep.id));
    expect(kept).toMatchObject({ name: '王强', mobile: gone.mobile, organizationId: orgB.id, version: 2 });
    const [merged] = await db.select().from(contacts).where(eq(contacts.id, gone.id));
    expect(merged).toMatchObject({ mergedIntoId: keep.id });
    expect(merged!.deletedAt).not.toBeNull();
    const positions = await db.select().from(contactPositions).where(eq(contactPositions.contactId, keep.id));
    expect(positions).toHaveLength(2);
    expect(positions.filter((position) => position.endedAt === null).map((position) => position.organizationId)).toEqual([orgB.id]);
    const ties = await db.select().from(personTies);
    expect(ties.some((tie) => tie.fromId === gone.id || tie.toId === gone.id)).toBe(false);
    expect(ties.filter((tie) => tie.fromId === keep.id && tie.toId === friend.id)).toHaveLength(1);
    expect(ties.filter((tie) => tie.fromId === ids.rep && tie.toId === keep.id)).toHaveLength(1);
  });

  it('refuses a contact outside the scope (404), a stale version (409), the same id (400), no permission (403)', async () => {
    const mine = await insertContact((await createOrganization(tokens.rep!, '扬州化工厂')).id, '孙丽');
    const mine2 = await insertContact((await createOrganization(tokens.rep!, '扬州化工集团')).id, '孙丽');
    const theirs = await insertContact((await createOrganization(tokens.northrep!, '唐山化工厂')).id, '孙丽');
    const body = (keepId: string, mergeId: string, keepVersion = 1, mergeVersion = 1) => ({ keepId, mergeId, keepVersion, mergeVersion });
    expect((await t.call(tokens.rep!, 'POST', '/api/v1/contacts/merge', body(mine.id, theirs.id))).status).toBe(404);
    expect((await t.call(tokens.rep!, 'POST', '/api/v1/contacts/merge', body(mine.id, mine2.id, 1, 3))).status).toBe(409);
    expect((await t.call(tokens.rep!, 'POST', '/api/v1/contacts/merge', body(mine.id, mine.id))).status).toBe(400);
    expect((await t.call(tokens.finance!, 'POST', '/api/v1/contacts/merge', body(mine.id, mine2.id))).status).toBe(403);
  });
});

describe('every table that points at an organisation is handled by the merge', () => {
  it('lists the foreign keys to organizations; a new one must be added to merge.ts (and here)', async () => {
    const result = await t.database.db.execute<{ table_name: string; column_name: string }>(sql`
      select kcu.table_name, kcu.column_name
        from information_schema.referential_constraints rc
        join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
       where ccu.table_name = 'organizations'
       order by 1, 2`);
    const handled = [
      'activities.organization_id',
      'competitor_profiles.organization_id',
      'contact_positions.organization_id',
      'contacts.organization_id',
      'organization_ties.from_organization_id',
      'organization_ties.to_organization_id',
      'organizations.merged_into_id',
      'project_competitors.organization_id',
      'project_organizations.organization_id',
      'projects.organization_id',
      'projects.winner_organization_id',
      'tasks.organization_id',
      'tender_bidders.organization_id',
      'tenders.tenderer_organization_id',
      'tenders.winner_organization_id',
    ];
    expect(result.rows.map((row) => `${row.table_name}.${row.column_name}`).sort()).toEqual(handled);
  });
});
