// The import API end to end on a small workbook: upload, remembered mapping, preview problems, run, report, refusals.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { upload, workbook } from './import.fixtures';
import { runImport } from './import.runner';

let t: TestApp;
let admin: string;
let director: string;
let rep: string;
let directorId: string;

const headers = ['单位名称', '类型', '统一社会信用代码', '行业', '电话', '负责人', '标签', '备注'];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const department = await t.createDepartment('华东大区');
  directorId = await t.createUser({ username: 'zhao', departmentId: department, role: 'sales_director', position: 'director' });
  await t.createUser({ username: 'qian', departmentId: department, role: 'sales_rep' });
  director = await t.login('zhao');
  rep = await t.login('qian');
  const existing = await t.call(director, 'POST', '/api/v1/organizations', { name: '上海华东机械设备有限公司', type: 'owner', creditCode: '91310000MA1FL0AB12' });
  expect(existing.status).toBe(201);
});
afterAll(async () => t?.close());

const sample = () =>
  workbook(headers, [
    ['杭州西湖电气有限公司', '总包', '', '机械制造', '0571-88886666', 'qian', '重点,华东', '老客户'],
    ['', '业主', '', '', '', '', '', ''], // no name
    ['苏州工业园区仪器有限公司', '外星人', '', '', '', '', '', ''], // unknown type
    ['上海华东机械设备有限公司', '业主/甲方', '', '', '021-1234', '', '', ''], // duplicate of an existing record
    ['南京长江钢铁有限公司', '配套厂', 'BAD', '', '', 'nobody', '', ''], // bad code, unknown owner
    ['杭州西湖电气有限公司', '总包', '', '', '', '', '', ''], // repeats row 2
  ]);

describe('upload and mapping', () => {
  it('suggests a mapping from Chinese header names and remembers the one the user sets for files of that shape', async () => {
    const first = await upload(t, director, 'organization', 'customers.xlsx', await sample());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'uploaded', totalRows: 6, mappingSource: 'aliases', headers });
    expect(first.body.mapping).toMatchObject({ 单位名称: 'name', 类型: 'type', 统一社会信用代码: 'creditCode', 负责人: 'owner', 标签: 'tags', 备注: 'notes' });
    expect(first.body.fields.find((field: { key: string }) => field.key === 'name').required).toBe(true);

    const mapping = { ...first.body.mapping, 备注: '' }; // the user leaves the notes out
    const set = await t.call(director, 'PUT', `/api/v1/imports/${first.body.id}/mapping`, { mapping, duplicateAction: 'skip', version: first.body.version });
    expect(set.status).toBe(200);
    expect(set.body.mapping.备注).toBeUndefined();

    const second = await upload(t, director, 'organization', 'customers-2.xlsx', await sample());
    expect(second.body.mappingSource).toBe('remembered');
    expect(second.body.mapping.备注).toBeUndefined();
  });

  it('refuses a mapping naming every problem: unknown field, a field twice, the required name left out', async () => {
    const job = (await upload(t, director, 'organization', 'c.xlsx', await sample())).body;
    const bad = await t.call(director, 'PUT', `/api/v1/imports/${job.id}/mapping`, {
      mapping: { 单位名称: 'notes', 类型: 'colour', 备注: 'notes' },
      duplicateAction: 'skip',
      version: job.version,
    });
    expect(bad.status).toBe(400);
    const codes = bad.body.errors.map((error: { code: string }) => error.code).sort();
    expect(codes).toEqual(['import_field_twice', 'import_required_unmapped', 'import_unknown_field']);
    const stale = await t.call(director, 'PUT', `/api/v1/imports/${job.id}/mapping`, { mapping: job.mapping, duplicateAction: 'skip', version: job.version + 5 });
    expect(stale.status).toBe(409);
  });

  it('refuses what it cannot read, with a clear 4xx', async () => {
    expect((await upload(t, director, 'organization', 'notes.pdf', Buffer.from('%PDF'))).status).toBe(415);
    const broken = await upload(t, director, 'organization', 'broken.xlsx', Buffer.from('not a zip'));
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].code).toBe('import_unreadable');
    const empty = await upload(t, director, 'organization', 'empty.csv', Buffer.from('名称,电话\r\n'));
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].code).toBe('import_no_rows');
    const json = await t.call(director, 'POST', '/api/v1/imports/organization', {});
    expect(json.status).toBe(415);
  });

  it('a rep without organization.import is refused (403); another user’s import is a 404', async () => {
    expect((await upload(t, rep, 'organization', 'c.xlsx', await sample())).status).toBe(403);
    const job = (await upload(t, director, 'organization', 'c.xlsx', await sample())).body;
    expect((await t.call(rep, 'GET', `/api/v1/imports/${job.id}`)).status).toBe(404);
    expect((await t.call(rep, 'POST', `/api/v1/imports/${job.id}/preview`)).status).toBe(404);
    expect((await t.call(rep, 'GET', `/api/v1/imports/${job.id}/report`)).status).toBe(404);
    expect((await t.call(admin, 'POST', `/api/v1/imports/${job.id}/run`)).status).toBe(404);
  });
});

describe('preview, run and the error report', () => {
  it('previews every row, runs, and the report lists each bad row with its reason', async () => {
    const job = (await upload(t, director, 'organization', 'run.xlsx', await sample())).body;
    await t.call(director, 'PUT', `/api/v1/imports/${job.id}/mapping`, { mapping: job.mapping, duplicateAction: 'skip', version: job.version });
    const preview = await t.call(director, 'POST', `/api/v1/imports/${job.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.status).toBe('previewed');
    expect(preview.body.preview).toEqual({ validRows: 3, errorRows: 3, duplicateRows: 2 });
    const problems = await t.call(director, 'GET', `/api/v1/imports/${job.id}/problems?kind=error`);
    expect(problems.body.total).toBe(3);
    const byRow = Object.fromEntries(problems.body.items.map((item: { rowNumber: number; problems: { field: string; code: string }[] }) => [item.rowNumber, item.problems]));
    expect(byRow[3]).toEqual([{ field: 'name', code: 'too_short' }]);
    expect(byRow[4]).toEqual([{ field: 'type', code: 'invalid_option' }]);
    expect(byRow[6]).toEqual(expect.arrayContaining([{ field: 'owner', code: 'unknown_user' }, { field: 'creditCode', code: 'credit_code_format' }]));
    const duplicates = await t.call(director, 'GET', `/api/v1/imports/${job.id}/problems?kind=duplicate`);
    expect(duplicates.body.items.map((item: { rowNumber: number; problems: { code: string }[] }) => [item.rowNumber, item.problems[0]!.code])).toEqual([
      [5, 'duplicate'],
      [7, 'duplicate_in_file'],
    ]);

    const queued = await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`);
    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe('queued');
    // JOBS=0 in tests: the worker's function, called directly.
    expect(await runImport(t.database.db, job.id)).toBe('completed');
    const done = await t.call(director, 'GET', `/api/v1/imports/${job.id}`);
    expect(done.body).toMatchObject({ status: 'completed', totalRows: 6, processedRows: 6, createdRows: 1, skippedRows: 2, errorRows: 3, updatedRows: 0 });

    const created = await t.call(director, 'GET', `/api/v1/organizations?q=${encodeURIComponent('西湖电气')}`);
    expect(created.body.total).toBe(1);
    const organization = created.body.items[0];
    expect(organization).toMatchObject({ type: 'general_contractor', industry: 'machinery', phone: '0571-88886666', tags: ['重点', '华东'], notes: null });
    expect(organization.owner.displayName).toBe('qian');
    expect(organization.number).toMatch(/^ORG-\d{4}-\d{5}$/);
    const history = await t.call(director, 'GET', `/api/v1/organizations/${organization.id}/history`);
    expect(history.body.items[0]).toMatchObject({ action: 'import', actorName: 'zhao' });

    const report = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}/report`, headers: { authorization: `Bearer ${director}` } });
    expect(report.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
    expect(rows.map((row) => row[0])).toEqual([3, 4, 5, 6, 7]);
    const row6 = rows.find((row) => row[0] === 6)!;
    expect(row6[2]).toContain('找不到该用户');
    expect(row6[2]).toContain('统一社会信用代码');
    expect(row6[3]).toBe('南京长江钢铁有限公司');

    const mine = await t.call(director, 'GET', '/api/v1/imports');
    expect(mine.body.items[0]).toMatchObject({ id: job.id, status: 'completed', createdRows: 1 });
    expect((await t.call(rep, 'GET', '/api/v1/imports')).body.total).toBe(0);
  });

  it('a cancelled import stops before its next batch', async () => {
    const job = (await upload(t, director, 'organization', 'cancel.xlsx', await sample())).body;
    await t.call(director, 'POST', `/api/v1/imports/${job.id}/run`);
    const cancelled = await t.call(director, 'POST', `/api/v1/imports/${job.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await runImport(t.database.db, job.id)).toBe('not_runnable');
    expect((await t.call(director, 'POST', `/api/v1/imports/${job.id}/cancel`)).status).toBe(409);
  });

  it('reads CSV with a UTF-8 BOM, and GBK', async () => {
    const csv = Buffer.from('\uFEFF名称,类型\r\n宁波港口物流有限公司,业主\r\n', 'utf8');
    const job = await upload(t, director, 'organization', 'list.csv', csv);
    expect(job.body.headers).toEqual(['名称', '类型']);
    expect(job.body.mapping).toEqual({ 名称: 'name', 类型: 'type' });
    const gbk = Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x0a, 0xb2, 0xe2, 0xca, 0xd4, 0x0a]); // "名称\n测试\n" in GBK
    const fromGbk = await upload(t, director, 'organization', 'gbk.csv', gbk);
    expect(fromGbk.body.headers).toEqual(['名称']);
    void directorId;
  });
});
