// The in-memory duplicate index (imports) gives the answer the SQL duplicate check gives: the same best match for the
// acceptance names and for a few hundred generated ones, sees rows created after it was loaded, and forgets deleted ones.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { OrganizationDuplicateIndex, trigramsOf } from './duplicate-index';
import { findDuplicateOrganizations } from './duplicates';
import { organizations } from './organizations.table';

let t: TestApp;
let token: string;

const places = ['上海', '江苏', '杭州', '北京市', '广东'];
const cores = ['华东', '宏达', '恒信', '华南', '中天', '金桥', '远大', '东方'];
const industries = ['机械设备', '电气', '水务', '电力工程', '化工', '精密机械'];
const forms = ['有限公司', '股份有限公司', '集团', '有限责任公司'];

async function create(name: string, creditCode?: string) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true, ...(creditCode ? { creditCode } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.createDepartment('总公司');
  await t.createUser({ username: 'director', departmentId: department, role: 'sales_director', position: 'director' });
  token = await t.login('director');
  let index = 0;
  for (const core of cores) for (const industry of industries) await create(`${places[index++ % places.length]}${core}${industry}${forms[index % forms.length]}`);
  await create('华东电气');
  await create('华南机械');
});
afterAll(async () => t?.close());

/** The SQL check's best name or credit-code match (phone is not an input of the import check). */
async function sqlBest(name: string, creditCode?: string) {
  const candidates = await findDuplicateOrganizations(t.database.db, { name, creditCode: creditCode ?? null });
  return candidates[0] ?? null;
}

describe('OrganizationDuplicateIndex', () => {
  it('makes the trigrams pg_trgm makes of one word', async () => {
    expect(trigramsOf('ab').sort()).toEqual(['  a', ' ab', 'ab '].sort());
    const result = await t.database.query<{ trigrams: string[] }>(`select show_trgm('hd华东机械') as trigrams`);
    expect(result[0]!.trigrams.length).toBe(trigramsOf('hd华东机械').length);
  });

  it('gives the best match the SQL check gives, for acceptance and generated names', async () => {
    const index = await OrganizationDuplicateIndex.load(t.database.db);
    const probes = [
      '上海华东机械设备有限公司', '华东机械设备(上海)有限公司', '上海市华东机械设备股份有限公司', 'ＨＤ华东机械', '华东电气', '华南机械', '完全不同的名字',
      ...cores.flatMap((core) => industries.map((industry) => `${core}${industry}`)),
      ...cores.map((core) => `${core}精密电气设备`),
    ];
    let matched = 0;
    for (const probe of probes) {
      const expected = await sqlBest(probe);
      const actual = index.bestMatch({ name: probe });
      if (expected && actual !== expected.id) {
        // Equal scores may be ordered differently (SQL by name): then the index's pick must score the same.
        const candidates = await findDuplicateOrganizations(t.database.db, { name: probe });
        expect(candidates.find((candidate) => candidate.id === actual)?.score, probe).toBe(expected.score);
      } else {
        expect(actual, probe).toBe(expected?.id ?? null);
      }
      if (actual) matched += 1;
    }
    expect(matched).toBeGreaterThan(40);
  });

  it('lets a credit code win, sees rows created after loading and forgets deleted ones', async () => {
    const index = await OrganizationDuplicateIndex.load(t.database.db);
    const code = '91310000MA1FL0XX3K';
    const coded = await create('一个完全无关的名字有限公司', code);
    expect(index.bestMatch({ name: '一个完全无关的名字' })).toBeNull();
    await index.refresh(t.database.db);
    expect(index.bestMatch({ name: '一个完全无关的名字' })).toBe(coded);
    expect(index.bestMatch({ name: '上海华东机械设备有限公司', creditCode: code })).toBe(coded);
    expect((await sqlBest('上海华东机械设备有限公司', code))?.id).toBe(coded);
    await t.database.db.update(organizations).set({ deletedAt: new Date(), updatedAt: new Date() }).where(eq(organizations.id, coded));
    await index.refresh(t.database.db);
    expect(index.bestMatch({ name: '一个完全无关的名字' })).toBeNull();
  });

  it('answers among the entries added since a given size, as an import settles a batch prepared ahead', async () => {
    const index = await OrganizationDuplicateIndex.load(t.database.db);
    const before = index.size;
    const existing = index.match({ name: '上海华东机械设备有限公司' });
    expect(existing?.score).toBeGreaterThan(0.45);
    const added = await create('北京远景智控科技有限公司');
    await index.refresh(t.database.db);
    expect(index.size).toBeGreaterThan(before);
    // Only what was added: the new company is found by a variant of its name, the older ones are not looked at.
    expect(index.match({ name: '远景智控科技股份有限公司' }, before)?.id).toBe(added);
    expect(index.match({ name: '上海华东机械设备有限公司' }, before)).toBeNull();
    expect(index.match({ name: '上海华东机械设备有限公司' }, 0)?.id).toBe(existing?.id);
  });
});
