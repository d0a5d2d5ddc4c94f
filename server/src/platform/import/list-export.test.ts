// Export of the organisation list view (PLAT-11): the list's filters and the saved view's columns, labels in the
// reader's language, permission-gated and audited with the filter, the columns and the row count.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
let director: string;
let rep: string;

beforeAll(async () => {
  t = await createTestApp();
  const department = await t.createDepartment('华东大区');
  await t.createUser({ username: 'zhao', departmentId: department, role: 'sales_director', position: 'director' });
  await t.createUser({ username: 'qian', departmentId: department, role: 'sales_rep' });
  director = await t.login('zhao');
  rep = await t.login('qian');
  for (const [name, type, industry] of [
    ['南京长江电力设备有限公司', 'owner', 'power'],
    ['杭州西湖建设工程有限公司', 'general_contractor', 'building'],
    ['苏州园区医药科技有限公司', 'owner', 'pharma'],
  ]) {
    expect((await t.call(director, 'POST', '/api/v1/organizations', { name, type, industry, confirmDuplicate: true })).status).toBe(201);
  }
});
afterAll(async () => t?.close());

async function exported(url: string, token: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  if (response.statusCode !== 200) return { status: response.statusCode, rows: [] as unknown[][] };
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return { status: 200, rows: book.worksheets[0]!.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1)) };
}

describe('organisation export', () => {
  it('writes the saved view’s columns in their order, unknown ones left out, for the filtered list only', async () => {
    const { status, rows } = await exported('/api/v1/organizations/export?type=owner&sort=name&columns=industry,name,nonsense,type', director);
    expect(status).toBe(200);
    expect(rows[0]).toEqual(['行业', '名称', '类型']);
    expect(rows.slice(1)).toEqual([
      ['电力', '南京长江电力设备有限公司', '业主/甲方'],
      ['医药', '苏州园区医药科技有限公司', '业主/甲方'],
    ]);
    const audit = await t.call(await t.login('admin'), 'GET', '/api/v1/audit-log?action=export');
    expect(audit.body.items[0].details).toMatchObject({ rows: 2, filters: { type: 'owner', sort: 'name' }, columns: ['industry', 'name', 'type'] });
  });

  it('without columns, the default ones; refused without organization.export and for a malformed column list', async () => {
    const { rows } = await exported('/api/v1/organizations/export', director);
    expect(rows[0]!.slice(0, 3)).toEqual(['编号', '名称', '简称']);
    expect(rows).toHaveLength(4);
    expect((await exported('/api/v1/organizations/export', rep)).status).toBe(403);
    expect((await t.call(director, 'GET', '/api/v1/organizations/export?columns=name;drop')).status).toBe(400);
  });
});
