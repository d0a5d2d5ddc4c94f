// The contacts importer (PLAT-11 for CUS-2): a 300-row workbook with a bad row of every kind, duplicates of existing
// contacts (by mobile, e-mail, name at the organisation) and within the file, each duplicate action, organisations
// found by name, name variant and number — and refused when unknown, ambiguous or not writable — job changes on update,
// history, and no half-written batch.
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPositions, contacts } from '../../modules/contacts/contacts.table';
import { organizations } from '../../modules/organizations/organizations.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { recordShares, roles } from '../access/access.table';
import { recordHistory } from '../audit/audit.table';
import { customFields } from '../config/config.table';
import { upload, workbook } from './import.fixtures';
import { runImport } from './import.runner';
import { importJobs } from './import.table';

let t: TestApp;
let importer: string;
const ids: Record<string, string> = {};
const orgs: { id: string; name: string; number: string }[] = [];
const special: Record<string, { id: string; name: string; number: string }> = {};

const HEADERS = ['姓名', '单位', '职务', '部门', '手机', '电话', '邮箱', '微信', '生日', '性别', '采购角色', '态度', '关系等级', '爱好', '回访日期', '标签', '备注'];
const SIZE = 300;

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'];
const givens = [...'建国伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华文辉鹏飞红玲云峰宇浩晨欣怡'];
/** A distinct three-character name for each index (30 × 40 × 40 of them). */
const personName = (index: number) => `${surnames[index % 30]}${givens[Math.floor(index / 30) % 40]}${givens[Math.floor(index / 1200) % 40]}`;

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const north = await t.createDepartment('华北大区', company);
  // A regional importer: imports contacts, sees and writes the customers of its own region only.
  await t.database.db.insert(roles).values({
    code: 'regional_importer',
    name: '区域导入员',
    permissions: ['organization.view', 'organization.edit', 'contact.view', 'contact.create', 'contact.edit', 'contact.import'],
    scopes: { organization: 'department_tree' },
  });
  ids.importer = await t.createUser({ username: 'east', departmentId: east, role: 'regional_importer', position: 'manager' });
  ids.north = await t.createUser({ username: 'north', departmentId: north, role: 'sales_rep' });

  const insert = async (name: string, ownerId: string) => {
    const [row] = await t.database.db.insert(organizations).values({ name, number: `ORG-T-${orgs.length + Object.keys(special).length}`, type: 'owner', ownerId }).returning();
    return { id: row!.id, name: row!.name, number: row!.number };
  };
  for (const name of ['江苏苏州精密机械有限公司', '浙江杭州新材料科技有限公司', '安徽合肥电力设备有限公司', '江西南昌化工集团有限公司', '福建厦门港务工程有限公司']) orgs.push(await insert(name, ids.importer));
  special.variant = await insert('上海华东机械设备有限公司', ids.importer);
  special.byNumber = await insert('宁波镇海炼化检修公司', ids.importer);
  special.ambiguousA = await insert('北京长城电气有限公司', ids.importer);
  special.ambiguousB = await insert('长城电气股份有限公司', ids.importer);
  special.north = await insert('华北重工集团有限公司', ids.north);
  special.shared = await insert('天津华北港务有限公司', ids.north);
  await t.database.db.insert(recordShares).values({ recordType: 'organization', recordId: special.shared.id, userId: ids.importer, access: 'read' });
  // Inserted here, not through the sharing service (which drops cached actors): sign in after it.
  importer = await t.login('east');
});
afterAll(async () => t?.close());

/** Every 25th row from the 6th is bad, each for another reason (the problem code and field the report must name). */
const badRows: { expect: [string, string]; row: (base: unknown[]) => unknown[] }[] = [
  { expect: ['name', 'required'], row: (base) => ['', ...base.slice(1)] },
  { expect: ['mobile', 'phone_format'], row: (base) => set(base, 4, 'call me') },
  { expect: ['email', 'email_format'], row: (base) => set(base, 6, 'not-an-email') },
  { expect: ['birthday', 'birthday_in_future'], row: (base) => set(base, 8, '2099-01-01') },
  { expect: ['buyingRole', 'invalid_option'], row: (base) => set(base, 10, '外星人') },
  { expect: ['organization', 'organization_unknown'], row: (base) => set(base, 1, '不存在的贸易公司') },
  { expect: ['organization', 'organization_unknown'], row: (base) => set(base, 1, '华北重工集团有限公司') }, // another region's: not even found
  { expect: ['organization', 'organization_not_writable'], row: (base) => set(base, 1, '天津华北港务有限公司') }, // shared read-only
  { expect: ['organization', 'organization_ambiguous'], row: (base) => set(base, 1, '长城电气集团') },
  { expect: ['relationshipLevel', 'invalid_option'], row: (base) => set(base, 12, '9') },
  { expect: ['organization', 'required'], row: (base) => set(base, 1, '') },
  { expect: ['revisitOn', 'date_format'], row: (base) => set(base, 14, 'next week') },
];
const set = (row: unknown[], index: number, value: unknown) => row.map((cell, at) => (at === index ? value : cell));

type ContactFile = { rows: unknown[][]; bad: number; duplicates: number; unique: number; existing: { name: string; mobile: string | null; email: string | null; organizationId: string }[] };

/**
 * The workbook for one variant (its own names, mobiles and e-mails, so the variants do not match each other): 12 bad
 * rows, 36 rows matching existing contacts (12 by mobile, 12 by e-mail, 12 by name at the organisation), 12 rows
 * repeating the row before by mobile, the rest new.
 */
function contactFile(variant: number): ContactFile {
  const rows: unknown[][] = [];
  const existing: ContactFile['existing'] = [];
  const mobile = (index: number) => `13${variant}${String(index).padStart(8, '0')}`;
  const nameOf = (index: number) => personName(variant * 1000 + index);
  const organizationOf = (index: number) => orgs[index % orgs.length]!;
  for (let index = 0; index < SIZE; index += 1) {
    const organization = organizationOf(index);
    // The organisation cell: mostly the exact name, sometimes a variant of a name or an organisation number.
    const organizationCell = index % 50 === 1 ? '华东机械设备(上海)有限公司' : index % 50 === 2 ? special.byNumber!.number : organization.name;
    const base: unknown[] = [
      nameOf(index), organizationCell, '设备部经理', '设备部', `${mobile(index).slice(0, 3)} ${mobile(index).slice(3, 7)} ${mobile(index).slice(7)}`, '021-66778899',
      `c${index}.v${variant}@example.com`, `wx${variant}_${index}`, '1978/6/18', index % 2 ? '男' : '女士', ['决策者', '技术评估', '使用者', '采购', '财务', '教练'][index % 6],
      ['支持', '中立', '反对'][index % 3], String((index % 5) + 1), '钓鱼、羽毛球', '2030年1月5日', '关键人，老朋友', '展会认识',
    ];
    const slot = index % 25;
    const round = Math.floor(index / 25);
    if (slot === 5) rows.push(badRows[round % badRows.length]!.row(base));
    else if (slot === 10) {
      // Same mobile as an existing contact (stored in its normalised form), another name.
      existing.push({ name: nameOf(500 + index), mobile: mobile(index), email: null, organizationId: organization.id });
      rows.push(base);
    } else if (slot === 15) {
      existing.push({ name: nameOf(500 + index), mobile: null, email: `C${index}.V${variant}@Example.com`, organizationId: organization.id });
      rows.push(base);
    } else if (slot === 20) {
      // Same name at the same organisation, nothing else in common (the row has no mobile and no e-mail).
      existing.push({ name: nameOf(index).split('').join(' '), mobile: null, email: null, organizationId: organization.id });
      rows.push(set(set(base, 4, ''), 6, ''));
    } else if (slot === 22) {
      // Repeats the mobile of the row before, under another name and without an e-mail.
      rows.push(set(set(set(base, 0, nameOf(700 + index)), 6, ''), 4, rows[index - 1]![4]));
    } else rows.push(base);
  }
  return { rows, existing, bad: SIZE / 25, duplicates: (SIZE / 25) * 4, unique: SIZE - (SIZE / 25) * 5 };
}

async function seedExisting(file: ContactFile, variant: number) {
  const rows = await t.database.db
    .insert(contacts)
    .values(file.existing.map((contact, index) => ({ ...contact, number: `SEED-CT-${variant}-${index}`, title: '旧职务' })))
    .returning({ id: contacts.id, organizationId: contacts.organizationId });
  await t.database.db.insert(contactPositions).values(rows.map((row) => ({ contactId: row.id, organizationId: row.organizationId, title: '旧职务' })));
}

async function prepareJob(rows: unknown[][], duplicateAction: 'create' | 'update' | 'skip', headers = HEADERS) {
  const uploaded = await upload(t, importer, 'contact', 'contacts.xlsx', await workbook(headers, rows));
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const job = uploaded.body;
  const mapped = await t.call(importer, 'PUT', `/api/v1/imports/${job.id}/mapping`, { mapping: job.mapping, duplicateAction, version: job.version });
  expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
  return job as { id: string; mapping: Record<string, string> };
}

async function run(id: string, options: Parameters<typeof runImport>[2] = {}) {
  expect((await t.call(importer, 'POST', `/api/v1/imports/${id}/run`)).status).toBe(202);
  return runImport(t.database.db, id, options);
}

const jobState = async (id: string) => (await t.database.db.select().from(importJobs).where(eq(importJobs.id, id)))[0]!;
const mobilesOf = (file: ContactFile) => [...new Set(file.rows.map((row) => String(row[4]).replace(/\s/g, '')).filter(Boolean))];

describe('a 300-row contacts workbook, action skip', () => {
  let file: ContactFile;
  let id: string;

  it('maps the Chinese headers by themselves, and the preview counts every bad row and duplicate', async () => {
    file = contactFile(1);
    await seedExisting(file, 1);
    const job = await prepareJob(file.rows, 'skip');
    id = job.id;
    expect(HEADERS.map((header) => job.mapping[header])).toEqual([
      'name', 'organization', 'title', 'department', 'mobile', 'phone', 'email', 'wechat', 'birthday', 'gender', 'buyingRole', 'attitude', 'relationshipLevel', 'hobbies', 'revisitOn', 'tags', 'personalNotes',
    ]);
    const preview = await t.call(importer, 'POST', `/api/v1/imports/${id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.preview).toEqual({ validRows: SIZE - file.bad, errorRows: file.bad, duplicateRows: file.duplicates });
  });

  it('each bad row is reported with its field and reason', async () => {
    const errors = await t.call(importer, 'GET', `/api/v1/imports/${id}/problems?kind=error&pageSize=50`);
    expect(errors.body.total).toBe(file.bad);
    const reported = errors.body.items.map((item: { problems: { field: string; code: string }[] }) => item.problems.map((problem) => [problem.field, problem.code]));
    expect(reported).toEqual(badRows.map((bad) => [bad.expect]));
    expect(errors.body.items[0].rowNumber).toBe(7); // data row 5 is spreadsheet row 7
  });

  it('runs: the good rows become contacts with numbers, pinyin, an open position and an import history line; duplicates are skipped', async () => {
    expect(await run(id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ status: 'completed', processedRows: SIZE, createdRows: file.unique, skippedRows: file.duplicates, errorRows: file.bad, updatedRows: 0 });
    const [first] = await t.database.db.select().from(contacts).where(eq(contacts.mobile, '13100000000'));
    expect(first).toMatchObject({
      name: personName(1000),
      organizationId: orgs[0]!.id,
      number: expect.stringMatching(/^CT-\d{4}-\d{5}$/),
      namePinyin: expect.stringMatching(/^[a-z]+$/),
      email: 'c0.v1@example.com',
      gender: 'female',
      birthday: '1978-06-18',
      buyingRole: 'decision_maker',
      attitude: 'supporter',
      relationshipLevel: 1,
      revisitOn: '2030-01-05',
      tags: ['关键人', '老朋友'],
      personalNotes: '展会认识',
      version: 1,
    });
    const positions = await t.database.db.select().from(contactPositions).where(eq(contactPositions.contactId, first!.id));
    expect(positions).toMatchObject([{ organizationId: orgs[0]!.id, title: '设备部经理', department: '设备部', endedAt: null }]);
    const [history] = await t.database.db.select().from(recordHistory).where(eq(recordHistory.recordId, first!.id));
    expect(history).toMatchObject({ recordType: 'contact', action: 'import', actorId: ids.importer, note: null });
    expect(history!.changes).toEqual(expect.arrayContaining([{ field: 'organization', old: null, new: orgs[0]!.name }, { field: 'mobile', old: null, new: '13100000000' }]));
    // Organisations by name variant and by number.
    const [variant] = await t.database.db.select().from(contacts).where(eq(contacts.mobile, '13100000001'));
    expect(variant!.organizationId).toBe(special.variant!.id);
    const [byNumber] = await t.database.db.select().from(contacts).where(eq(contacts.mobile, '13100000002'));
    expect(byNumber!.organizationId).toBe(special.byNumber!.id);
    // Nothing at the organisations the importer may not write.
    const [outside] = await t.database.db.select({ rows: count() }).from(contacts).where(inArray(contacts.organizationId, [special.north!.id, special.shared!.id]));
    expect(outside!.rows).toBe(0);
    // Skipped duplicates left the existing contacts as they were.
    const [kept] = await t.database.db.select().from(contacts).where(eq(contacts.mobile, '13100000010'));
    expect(kept).toMatchObject({ title: '旧职务', version: 1 });
  });

  it('the error report names each problem in words', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/report`, headers: { authorization: `Bearer ${importer}` } });
    expect(response.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const problems = book.worksheets[0]!.getColumn(3).values.slice(2).map(String);
    expect(problems).toHaveLength(file.bad + file.duplicates);
    expect(problems.join('\n')).toContain('找不到该单位');
    expect(problems.join('\n')).toContain('不在您的编辑范围内');
  });
});

describe('the other duplicate actions', () => {
  it('update: matched contacts take the row’s values (history lines), repeats update the contact the file created', async () => {
    const file = contactFile(2);
    await seedExisting(file, 2);
    const { id } = await prepareJob(file.rows, 'update');
    expect(await run(id, { batchSize: 120 })).toBe('completed');
    expect(await jobState(id)).toMatchObject({ createdRows: file.unique, updatedRows: file.duplicates, skippedRows: 0, errorRows: file.bad });
    const [byMobile] = await t.database.db.select().from(contacts).where(eq(contacts.mobile, '13200000010'));
    expect(byMobile).toMatchObject({ name: personName(2010), title: '设备部经理', version: 2 });
    const [line] = await t.database.db.select().from(recordHistory).where(and(eq(recordHistory.recordId, byMobile!.id), eq(recordHistory.action, 'import')));
    expect(line!.changes).toEqual(expect.arrayContaining([{ field: 'title', old: '旧职务', new: '设备部经理' }, { field: 'name', old: personName(2510), new: personName(2010) }]));
    // The open position follows the new title; no job change (same organisation).
    expect(await t.database.db.select().from(contactPositions).where(eq(contactPositions.contactId, byMobile!.id))).toMatchObject([{ title: '设备部经理', endedAt: null }]);
    // Row 23 repeats row 22's mobile: one contact, named as the later row.
    const [repeated] = await t.database.db.select().from(contacts).where(eq(contacts.mobile, '13200000021'));
    expect(repeated).toMatchObject({ name: personName(2722), version: 2 });
    const [counted] = await t.database.db.select({ rows: count() }).from(contacts).where(and(inArray(contacts.mobile, mobilesOf(file)), eq(contacts.createdBy, ids.importer!)));
    expect(counted!.rows).toBe(file.unique);
  });

  it('create: duplicates are created anyway and say so in their history', async () => {
    const file = contactFile(3);
    await seedExisting(file, 3);
    const { id } = await prepareJob(file.rows, 'create');
    expect(await run(id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ createdRows: file.unique + file.duplicates, updatedRows: 0, skippedRows: 0, errorRows: file.bad });
    const copies = await t.database.db.select({ id: contacts.id, createdBy: contacts.createdBy }).from(contacts).where(eq(contacts.mobile, '13300000010'));
    expect(copies).toHaveLength(2);
    const created = copies.find((copy) => copy.createdBy === ids.importer)!;
    const [line] = await t.database.db.select().from(recordHistory).where(eq(recordHistory.recordId, created.id));
    expect(line).toMatchObject({ action: 'import', note: 'duplicate_confirmed' });
  });
});

describe('job changes and write scope on update', () => {
  it('a matched contact at another organisation moves there: the old position is closed and kept', async () => {
    const [moving] = await t.database.db.insert(contacts).values({ name: '周志远', organizationId: orgs[0]!.id, number: 'SEED-MOVE-1', mobile: '13911112222', title: '总工程师' }).returning();
    await t.database.db.insert(contactPositions).values({ contactId: moving!.id, organizationId: orgs[0]!.id, title: '总工程师', startedAt: new Date('2020-01-01') });
    const [outside] = await t.database.db.insert(contacts).values({ name: '郑北方', organizationId: special.north!.id, number: 'SEED-NORTH-1', mobile: '13933334444' }).returning();
    const [stays] = await t.database.db.insert(contacts).values({ name: '钱留守', organizationId: orgs[2]!.id, number: 'SEED-STAY-1', mobile: '13955556666' }).returning();
    const headers = ['联系人', '公司', '职位', '手机号'];
    const { id } = await prepareJob(
      [
        ['周志远', orgs[1]!.name, '副总经理', '139-1111-2222'], // job change
        ['郑北方', orgs[1]!.name, '经理', '13933334444'], // matches a contact of another region: not written
        ['钱留守', '天津华北港务有限公司', '经理', '13955556666'], // would move to a read-only organisation
      ],
      'update',
      headers,
    );
    expect(await run(id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ updatedRows: 1, errorRows: 2, createdRows: 0 });
    const [moved] = await t.database.db.select().from(contacts).where(eq(contacts.id, moving!.id));
    expect(moved).toMatchObject({ organizationId: orgs[1]!.id, title: '副总经理', version: 2 });
    const positions = await t.database.db.select().from(contactPositions).where(eq(contactPositions.contactId, moving!.id)).orderBy(contactPositions.startedAt);
    expect(positions).toMatchObject([
      { organizationId: orgs[0]!.id, title: '总工程师', endedAt: expect.any(Date) },
      { organizationId: orgs[1]!.id, title: '副总经理', endedAt: null },
    ]);
    const [line] = await t.database.db.select().from(recordHistory).where(and(eq(recordHistory.recordId, moving!.id), eq(recordHistory.action, 'import')));
    expect(line!.changes).toEqual(
      expect.arrayContaining([
        { field: 'organization', old: orgs[0]!.name, new: orgs[1]!.name },
        { field: 'organizationId', old: orgs[0]!.id, new: orgs[1]!.id },
        { field: 'title', old: '总工程师', new: '副总经理' },
      ]),
    );
    const errors = await t.call(importer, 'GET', `/api/v1/imports/${id}/problems?kind=error`);
    expect(errors.body.items.map((item: { rowNumber: number; problems: { code: string }[] }) => [item.rowNumber, item.problems[0]!.code])).toEqual([
      [3, 'match_not_writable'],
      [4, 'organization_not_writable'],
    ]);
    expect((await t.database.db.select().from(contacts).where(eq(contacts.id, outside!.id)))[0]).toMatchObject({ version: 1, title: null });
    expect((await t.database.db.select().from(contacts).where(eq(contacts.id, stays!.id)))[0]).toMatchObject({ organizationId: orgs[2]!.id, version: 1 });
    const [open] = await t.database.db.select({ rows: count() }).from(contactPositions).where(and(eq(contactPositions.contactId, moving!.id), isNull(contactPositions.endedAt)));
    expect(open!.rows).toBe(1);
  });

  it('a row without an organisation updates the contact it matches, and cannot create one', async () => {
    const { id } = await prepareJob([['周志远', '', '董事', '13911112222'], ['新面孔', '', '经理', '13977778888']], 'update', ['姓名', '单位', '职务', '手机']);
    expect(await run(id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ updatedRows: 1, errorRows: 1 });
    const [updated] = await t.database.db.select().from(contacts).where(eq(contacts.mobile, '13911112222'));
    expect(updated).toMatchObject({ title: '董事', organizationId: orgs[1]!.id, version: 3 });
  });

  it('a user without the import permission cannot upload contacts', async () => {
    const rep = await t.login('north');
    const uploaded = await upload(t, rep, 'contact', 'contacts.xlsx', await workbook(['姓名', '单位'], [['王五', orgs[0]!.name]]));
    expect(uploaded.status).toBe(403);
  });
});

describe('custom fields and crashes', () => {
  it('custom fields of contacts are columns (cf.<key>), typed by their labels and checked', async () => {
    await t.database.db.insert(customFields).values({
      recordType: 'contact',
      key: 'circle',
      labelZh: '圈子',
      labelEn: 'Circle',
      type: 'select',
      options: [{ code: 'golf', labelZh: '高尔夫', labelEn: 'Golf' }, { code: 'alumni', labelZh: '校友', labelEn: 'Alumni' }],
    });
    const { id, mapping } = await prepareJob([['孔繁星', orgs[3]!.name, '高尔夫'], ['孔繁月', orgs[3]!.name, '桥牌']], 'skip', ['姓名', '单位', '圈子']);
    expect(mapping['圈子']).toBe('cf.circle');
    expect(await run(id)).toBe('completed');
    expect(await jobState(id)).toMatchObject({ createdRows: 1, errorRows: 1 });
    const [created] = await t.database.db.select().from(contacts).where(eq(contacts.name, '孔繁星'));
    expect(created!.customFields).toEqual({ circle: 'golf' });
    const errors = await t.call(importer, 'GET', `/api/v1/imports/${id}/problems?kind=error`);
    expect(errors.body.items[0].problems[0].field).toBe('cf.circle');
    await t.database.db.update(customFields).set({ active: false }).where(eq(customFields.key, 'circle'));
  });

  it('a failure inside a batch rolls the whole batch back (contacts, positions, history); running again resumes without duplicates', async () => {
    const file = contactFile(4);
    await seedExisting(file, 4);
    const { id } = await prepareJob(file.rows, 'skip');
    const crash = (batch: number) => {
      if (batch === 1) throw new Error('disk on fire');
    };
    expect(await run(id, { batchSize: 100, beforeCommit: crash })).toBe('failed');
    const failed = await jobState(id);
    expect(failed).toMatchObject({ status: 'failed', processedRows: 100, error: 'disk on fire' });
    const imported = () => t.database.db.select({ id: contacts.id }).from(contacts).where(and(inArray(contacts.mobile, mobilesOf(file)), eq(contacts.createdBy, ids.importer!)));
    const afterCrash = await imported();
    expect(afterCrash).toHaveLength(failed.createdRows);
    const [positions] = await t.database.db.select({ rows: count() }).from(contactPositions).where(inArray(contactPositions.contactId, afterCrash.map((row) => row.id)));
    expect(positions!.rows).toBe(failed.createdRows);

    expect(await run(id, { batchSize: 100 })).toBe('completed');
    expect(await jobState(id)).toMatchObject({ createdRows: file.unique, skippedRows: file.duplicates, errorRows: file.bad });
    const done = await imported();
    const [lines] = await t.database.db.select({ rows: count() }).from(recordHistory).where(inArray(recordHistory.recordId, done.map((row) => row.id)));
    expect(lines!.rows).toBe(done.length);
  });
});
