// Global search through real HTTP: the acceptance queries, ranking, scope in SQL, permissions per group, validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contacts } from '../../modules/contacts/contacts.table';
import { organizations } from '../../modules/organizations/organizations.table';
import { users } from '../org-structure/org-structure.table';
import { SEARCH_CANDIDATES } from './search-text';
import { nameSearchKeys } from '../../modules/organizations/organizations.service';
import { roles } from '../access/access.table';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};
const people: Record<string, string> = {};

async function createOrganization(token: string, name: string, extra: Record<string, unknown> = {}) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** Contacts are written straight into the table: this file tests search, not the contacts module. */
async function createContact(organizationId: string, name: string, extra: Partial<typeof contacts.$inferInsert> = {}) {
  const [row] = await t.database.db
    .insert(contacts)
    .values({ number: `CT-T-${Math.random().toString(36).slice(2, 10)}`, organizationId, name, ...nameSearchKeys(name), ...extra })
    .returning({ id: contacts.id });
  return row!.id;
}

async function search(token: string, q: string, extra = '') {
  const response = await t.call(token, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { groups: { type: string; items: { id: string; title: string; matchedOn: string; link: string; subtitle: string | null }[] }[]; items: { id: string }[] };
}

const idsOf = (body: Awaited<ReturnType<typeof search>>, type: string) => body.groups.find((group) => group.type === type)?.items.map((item) => item.id) ?? [];

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const teamA = await t.createDepartment('上海一组', east);
  const teamB = await t.createDepartment('南京二组', east);
  await t.createUser({ username: 'director', departmentId: company, role: 'sales_director', position: 'director' });
  await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep' });
  await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep' });
  // A role with no business permission at all: signed in, but no group may answer.
  const [bare] = await t.database.db.insert(roles).values({ code: 'bare', name: 'bare', permissions: [], scopes: {} }).returning();
  await t.createUser({ username: 'bare', departmentId: company, role: bare!.code });
  for (const name of ['director', 'rep', 'peer', 'bare']) tokens[name] = await t.login(name);

  orgs.huadong = await createOrganization(tokens.rep!, '上海华东机械设备有限公司', { phone: '021-58881234', creditCode: '91310115MA1K4ABC12', shortName: '华东机械' });
  orgs.exact = await createOrganization(tokens.rep!, '华东');
  orgs.prefix = await createOrganization(tokens.rep!, '华东电气集团');
  orgs.peer = await createOrganization(tokens.peer!, '华东重工股份有限公司', { phone: '025-66667777' });
  orgs.inside = await createOrganization(tokens.rep!, '江苏华东建设工程公司');
  orgs.other = await createOrganization(tokens.rep!, '南京化学工业园热电厂');
  people.zhang = await createContact(orgs.huadong!, '张建国', { mobile: '13800138000', email: 'zhang.jg@huadong.example', title: '采购经理' });
  people.li = await createContact(orgs.huadong!, '李华东', { phone: '021-58880001' });
  people.peerContact = await createContact(orgs.peer!, '张建华', { mobile: '13900139000' });
  people.deleted = await createContact(orgs.huadong!, '张建设', { deletedAt: new Date() });
});
afterAll(async () => t?.close());

describe('acceptance: 上海华东机械设备有限公司 is found', () => {
  it('by 华东, by huadong, by hdjx and by its phone', async () => {
    for (const q of ['华东', 'huadong', 'hdjx', '021-58881234', '58881234']) {
      expect(idsOf(await search(tokens.rep!, q), 'organization'), q).toContain(orgs.huadong);
    }
  });
  it('by its credit code and by its short name, and says which field matched', async () => {
    const byCode = await search(tokens.rep!, '91310115MA1K4ABC12');
    expect(byCode.groups[0]!.items[0]).toMatchObject({ id: orgs.huadong, matchedOn: 'creditCode', link: `/organizations/${orgs.huadong}` });
    expect((await search(tokens.rep!, 'hdjx')).groups[0]!.items[0]).toMatchObject({ id: orgs.huadong, matchedOn: 'initials' });
    expect((await search(tokens.rep!, 'huadongjixie')).groups[0]!.items[0]).toMatchObject({ id: orgs.huadong, matchedOn: 'pinyin' });
    expect((await search(tokens.rep!, '58881234')).groups[0]!.items[0]).toMatchObject({ id: orgs.huadong, matchedOn: 'phone' });
  });
});

describe('ranking', () => {
  it('puts the exact name first, then names or short names starting with the query (shorter first), then the rest', async () => {
    // 华东电气集团 starts with the query; 上海华东机械设备有限公司 by its short name 华东机械; 江苏华东… only contains it.
    expect(idsOf(await search(tokens.rep!, '华东'), 'organization')).toEqual([orgs.exact, orgs.prefix, orgs.huadong, orgs.inside]);
  });
  it('ranks a full pinyin match first and an initials prefix before a match inside', async () => {
    expect(idsOf(await search(tokens.rep!, 'huadong'), 'organization')[0]).toBe(orgs.exact);
    expect(idsOf(await search(tokens.rep!, 'jshd'), 'organization')).toEqual([orgs.inside]);
    expect(idsOf(await search(tokens.rep!, 'hdjx'), 'organization')).toEqual([orgs.huadong]);
  });
  it('finds the exact name first even behind more matches than it ranks', async () => {
    const [rep] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'rep'));
    const many = Array.from({ length: SEARCH_CANDIDATES + 20 }, (_, index) => `华南${String(index).padStart(3, '0')}贸易有限公司`);
    await t.database.db.insert(organizations).values(
      many.map((name, index) => ({ number: `ORG-T-${index}`, name, type: 'owner', ownerId: rep!.id, ...nameSearchKeys(name) })),
    );
    const exact = await createOrganization(tokens.rep!, '华南');
    const found = await search(tokens.rep!, '华南', '&limit=3');
    expect(idsOf(found, 'organization')[0]).toBe(exact);
    expect(idsOf(found, 'organization')).toHaveLength(3);
  });
  it('limits each group', async () => {
    expect(idsOf(await search(tokens.rep!, '华东', '&limit=2'), 'organization')).toEqual([orgs.exact, orgs.prefix]);
    expect(idsOf(await search(tokens.rep!, '华东', '&limit=1'), 'organization')).toEqual([orgs.exact]);
  });
});

describe('scope', () => {
  it("a rep does not find a peer's customer, nor its contacts; the director finds both", async () => {
    const rep = await search(tokens.rep!, '华东重工');
    expect(rep.groups).toEqual([]);
    expect(idsOf(await search(tokens.rep!, '13900139000'), 'contact')).toEqual([]);
    expect(idsOf(await search(tokens.director!, '华东重工'), 'organization')).toEqual([orgs.peer]);
    expect(idsOf(await search(tokens.director!, '13900139000'), 'contact')).toEqual([people.peerContact]);
  });
  it('leaves out deleted records', async () => {
    expect(idsOf(await search(tokens.rep!, '张建设'), 'contact')).toEqual([]);
  });
});

describe('contacts', () => {
  it('are found by name, pinyin, initials, mobile, phone and e-mail, with their organisation as subtitle', async () => {
    const byName = await search(tokens.rep!, '张建国');
    expect(byName.groups.find((group) => group.type === 'contact')!.items[0]).toMatchObject({
      id: people.zhang,
      matchedOn: 'name',
      link: `/contacts/${people.zhang}`,
      subtitle: '上海华东机械设备有限公司 · 采购经理',
    });
    expect(idsOf(await search(tokens.rep!, 'zhangjianguo'), 'contact')).toEqual([people.zhang]);
    expect(idsOf(await search(tokens.rep!, 'zjg'), 'contact')).toEqual([people.zhang]);
    const byMobile = await search(tokens.rep!, '138 0013 8000');
    expect(byMobile.groups.find((group) => group.type === 'contact')!.items).toMatchObject([{ id: people.zhang, matchedOn: 'mobile' }]);
    expect(idsOf(await search(tokens.rep!, '021-58880001'), 'contact')).toEqual([people.li]);
    expect(idsOf(await search(tokens.rep!, 'Zhang.JG@huadong.example'), 'contact')).toEqual([people.zhang]);
  });
  it('come in their own group beside organisations, and the flat list holds both', async () => {
    const both = await search(tokens.rep!, '华东');
    expect(both.groups.map((group) => group.type)).toEqual(['organization', 'contact']);
    expect(idsOf(both, 'contact')).toEqual([people.li]);
    expect(both.items.map((item) => item.id)).toEqual([...idsOf(both, 'organization'), people.li]);
  });
  it('types= narrows the groups', async () => {
    const only = await search(tokens.rep!, '华东', '&types=contact');
    expect(only.groups.map((group) => group.type)).toEqual(['contact']);
  });
});

describe('permissions and validation', () => {
  it('needs a sign-in; a user without view permissions gets no groups', async () => {
    expect((await t.call(null, 'GET', '/api/v1/search?q=华东')).status).toBe(401);
    expect((await search(tokens.bare!, '华东')).groups).toEqual([]);
  });
  it('a user with organisation but without contact permission gets only organisations', async () => {
    const [role] = await t.database.db.insert(roles).values({ code: 'org_only', name: 'org_only', permissions: ['organization.view'], scopes: { organization: 'all' } }).returning();
    const departmentId = await t.createDepartment('只看单位');
    await t.createUser({ username: 'orgonly', departmentId, role: role!.code });
    const token = await t.login('orgonly');
    const body = await search(token, '华东');
    expect(body.groups.map((group) => group.type)).toEqual(['organization']);
    expect(idsOf(body, 'organization')).toContain(orgs.peer);
  });
  it('a query too short to use an index answers no results rather than a scan', async () => {
    expect((await search(tokens.rep!, '华')).groups).toEqual([]);
    expect((await search(tokens.rep!, 'hd')).groups).toEqual([]);
  });
  it('refuses a missing query, an unknown type and a limit out of range, naming each', async () => {
    const missing = await t.call(tokens.rep!, 'GET', '/api/v1/search');
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((error: { path: string }) => error.path)).toContain('q');
    const bad = await t.call(tokens.rep!, 'GET', '/api/v1/search?q=华东&types=spaceship&limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['limit', 'types']);
  });
  it('treats LIKE wildcards as text', async () => {
    expect((await search(tokens.rep!, '%%%')).groups).toEqual([]);
    expect((await search(tokens.rep!, '华_')).groups).toEqual([]);
  });
});
