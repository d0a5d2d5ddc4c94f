// Contacts found by a fragment of their mobile, phone or e-mail, in the contacts list and the header search: spaces and
// dashes do not count, three characters are needed, the caller's scope holds, and the trigram indexes answer it.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../organizations/organizations.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { contactPointFragments } from './contact-search';
import { searchCondition } from './contacts.service';
import { contacts } from './contacts.table';

let t: TestApp;
const tokens: Record<string, string> = {};
const people: Record<string, string> = {};

async function createOrganization(token: string, name: string) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function createContact(token: string, organizationId: string, name: string, extra: Record<string, unknown>) {
  const response = await t.call(token, 'POST', '/api/v1/contacts', { organizationId, name, confirmDuplicate: true, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

const listIds = async (token: string, q: string) => {
  const response = await t.call(token, 'GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.items as { id: string }[]).map((item) => item.id).sort();
};

const headerHits = async (token: string, q: string) => {
  const response = await t.call(token, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}&types=contact`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const group = (response.body.groups as { type: string; items: { id: string; matchedOn: string; subtitle: string | null }[] }[]).find((entry) => entry.type === 'contact');
  return group?.items ?? [];
};

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const teamA = await t.createDepartment('上海一组', company);
  const teamB = await t.createDepartment('南京二组', company);
  await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep' });
  await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep' });
  for (const name of ['rep', 'peer']) tokens[name] = await t.login(name);
  const mine = await createOrganization(tokens.rep!, '上海宝钢设备工程公司');
  const theirs = await createOrganization(tokens.peer!, '南京化学工业园热电厂');
  people.zhang = await createContact(tokens.rep!, mine, '张伟', { mobile: '138 0013 5678', email: 'Zhang@Baosteel.example.com' });
  people.li = await createContact(tokens.rep!, mine, '李娜', { phone: '021-5888 1234', email: 'li.na@baosteel.example.com' });
  // The same last digits, at an organisation the rep cannot see.
  people.zhou = await createContact(tokens.peer!, theirs, '周强', { mobile: '139-0013-5678', email: 'zhou@nanhua.example.com' });
});
afterAll(async () => t?.close());

describe('fragment search on contact points', () => {
  it('finds a contact by the last digits of the mobile, in the list and the header search, within scope only', async () => {
    expect(await listIds(tokens.rep!, '5678')).toEqual([people.zhang]);
    expect(await listIds(tokens.peer!, '5678')).toEqual([people.zhou]);
    expect(await headerHits(tokens.rep!, '5678')).toMatchObject([{ id: people.zhang, matchedOn: 'mobile', subtitle: '上海宝钢设备工程公司 · 13800135678' }]);
    expect((await headerHits(tokens.peer!, '5678')).map((hit) => hit.id)).toEqual([people.zhou]);
  });

  it('ignores spaces and dashes on both sides', async () => {
    for (const q of ['138 0013', '0013-5678', '1380013']) {
      expect(await listIds(tokens.rep!, q), q).toEqual([people.zhang]);
      expect((await headerHits(tokens.rep!, q)).map((hit) => hit.id), q).toEqual([people.zhang]);
    }
    // Stored with dashes (the peer typed them; mobiles are cleaned on save), still found by the digits.
    expect((await headerHits(tokens.peer!, '139 0013')).map((hit) => hit.id)).toEqual([people.zhou]);
  });

  it('finds a contact by a fragment of the office phone', async () => {
    expect(await listIds(tokens.rep!, '5888 12')).toEqual([people.li]);
    expect(await headerHits(tokens.rep!, '021-5888')).toMatchObject([{ id: people.li, matchedOn: 'phone' }]);
  });

  it('finds a contact by a fragment of the e-mail, in any case', async () => {
    expect(await listIds(tokens.rep!, 'zhang@')).toEqual([people.zhang]);
    expect(await headerHits(tokens.rep!, 'ZHANG@')).toMatchObject([{ id: people.zhang, matchedOn: 'email' }]);
    expect(await listIds(tokens.rep!, 'baosteel.example')).toEqual([people.li, people.zhang].sort());
    expect(await listIds(tokens.rep!, 'nanhua')).toEqual([]);
    expect(await listIds(tokens.peer!, 'nanhua')).toEqual([people.zhou]);
  });

  it('needs three characters of a number or an address', async () => {
    expect(contactPointFragments('56')).toEqual({ phone: null, email: null });
    expect(contactPointFragments('1-3')).toEqual({ phone: null, email: '1-3' });
    expect(contactPointFragments('138 0013')).toEqual({ phone: '1380013', email: null });
    expect(await listIds(tokens.rep!, '78')).toEqual([]);
    expect(await headerHits(tokens.rep!, '78')).toEqual([]);
  });

  it('treats LIKE wildcards as text', async () => {
    expect(await listIds(tokens.rep!, '%%%')).toEqual([]);
    expect(await listIds(tokens.rep!, '___@')).toEqual([]);
  });
});

describe('query plan', () => {
  it('uses the trigram indexes on a few thousand contacts, not a scan of the table', async () => {
    const db = t.database.db;
    const [organization] = await db.select({ id: organizations.id }).from(organizations).limit(1);
    await db.execute(sql`
      insert into contacts (number, organization_id, name, mobile, phone, email)
      select 'CT-GEN-' || n, ${organization!.id}::uuid, '联系人' || n,
        '13' || lpad((n * 7919 % 1000000000)::text, 9, '0'),
        '010-' || lpad((n * 104729 % 100000000)::text, 8, '0'),
        'user' || n || '@example' || (n % 50) || '.com'
      from generate_series(1, 4000) as n`);
    // Fresh statistics, as autovacuum (PostgreSQL) or the nightly VACUUM job (PGlite) leave them: GIN's own counts
    // are updated by VACUUM, and without them the planner overprices every GIN index.
    await db.execute(sql`vacuum analyze contacts`);
    for (const q of ['5678', '138 0013', 'zhang@']) {
      // The list's own filter (name by bigrams, pinyin, contact points), in its order and page size.
      const query = db
        .select({ id: contacts.id })
        .from(contacts)
        .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
        .where(and(isNull(contacts.deletedAt), isNull(organizations.deletedAt), searchCondition(q)))
        .orderBy(desc(contacts.updatedAt), asc(contacts.id))
        .limit(20);
      const plan = (await db.execute<{ 'QUERY PLAN': string }>(sql`explain ${query}`)).rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan, plan).toMatch(/contacts_(mobile|phone|email)_trgm_idx/);
      expect(plan, plan).not.toMatch(/Seq Scan on contacts/);
    }
  });
});
