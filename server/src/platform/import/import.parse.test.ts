// Reading uploads: xlsx cells of every kind, CSV quoting and encodings, empty rows, header aliases, the file shape.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { decodeText, MAX_IMPORT_ROWS, parseCsv, parseImportFile, parseXlsx, shapeOf } from './import.parse';
import { mappingByAliases } from './import.registry';
import { organizationImportFields } from './organization.importer';

describe('xlsx', () => {
  it('reads the first sheet: text of every cell kind, empty rows skipped but counted, duplicate and blank headers named', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客户');
    sheet.addRow([]); // a blank line above the header
    sheet.addRow(['单位名称', '电话', '电话', '', '成立日期', '']);
    sheet.addRow(['华东机械', 13800138000, '021-1', 'x', new Date(Date.UTC(2021, 4, 9))]);
    sheet.addRow([]);
    sheet.addRow([{ richText: [{ text: '华南' }, { text: '电气' }] }, { formula: '1+1', result: 2 }, { text: '官网', hyperlink: 'https://example.com' }, '', '']);
    book.addWorksheet('ignored').addRow(['not', 'read']);
    const parsed = await parseXlsx(Buffer.from(await book.xlsx.writeBuffer()));
    expect(parsed.headers).toEqual(['单位名称', '电话', '电话 (2)', '#4', '成立日期']);
    expect(parsed.rows).toEqual([
      { rowNumber: 3, cells: ['华东机械', '13800138000', '021-1', 'x', '2021-05-09'] },
      { rowNumber: 5, cells: ['华南电气', '2', '官网', '', ''] },
    ]);
  });

  it('an unreadable workbook is a 400 naming the file', async () => {
    await expect(parseImportFile('a.xlsx', Buffer.from('PK not really'))).rejects.toMatchObject({ status: 400, errors: [{ path: 'file', code: 'import_unreadable' }] });
    await expect(parseImportFile('a.doc', Buffer.from('x'))).rejects.toMatchObject({ status: 415 });
  });
});

describe('csv', () => {
  it('strips a UTF-8 BOM and reads quotes, doubled quotes, line breaks in quotes, CRLF and blank lines', () => {
    const text = '\uFEFF名称,备注\r\n"华东, 机械","他说""好"""\r\n\r\n"多行\n备注",x\n,\n';
    expect(parseCsv(Buffer.from(text))).toEqual({
      headers: ['名称', '备注'],
      rows: [
        { rowNumber: 2, cells: ['华东, 机械', '他说"好"'] },
        { rowNumber: 4, cells: ['多行\n备注', 'x'] },
      ],
    });
  });

  it('reads semicolon-separated files and GBK (what Chinese Excel saves as CSV)', () => {
    expect(parseCsv(Buffer.from('name;phone\nA;1\n')).rows[0]!.cells).toEqual(['A', '1']);
    const gbk = Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0, 0x0a, 0xbb, 0xaa, 0xb6, 0xab, 0x2c, 0x31, 0x0a]);
    expect(decodeText(gbk)).toBe('名称,电话\n华东,1\n');
    expect(parseCsv(gbk)).toEqual({ headers: ['名称', '电话'], rows: [{ rowNumber: 2, cells: ['华东', '1'] }] });
  });

  it('refuses more rows than the limit with a 413', () => {
    const lines = ['名称', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, index) => `n${index}`)].join('\n');
    let caught: unknown;
    try {
      parseCsv(Buffer.from(lines));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ status: 413, errors: [{ code: 'import_too_many_rows' }] });
  });

  it('a file with a header but no header cells at all is refused', () => {
    expect(() => parseCsv(Buffer.from('\n\n'))).toThrow(AppError);
  });
});

describe('header aliases and the file shape', () => {
  it('maps Chinese and English header names, required stars and spacing aside; a field only once', () => {
    const mapping = mappingByAliases(['*单位名称', 'Credit Code', '联系电话', '客户经理', '名称', '说明 ', '不认识'], organizationImportFields);
    expect(mapping).toEqual({ '*单位名称': 'name', 'Credit Code': 'creditCode', 联系电话: 'phone', 客户经理: 'owner', '说明 ': 'notes' });
    expect(mappingByAliases(['name', 'TYPE', 'short name'], organizationImportFields)).toEqual({ name: 'name', TYPE: 'type', 'short name': 'shortName' });
  });

  it('the shape ignores column order, case and spacing, but not which columns there are', () => {
    expect(shapeOf(['名称', 'Phone'])).toBe(shapeOf([' phone', '名称']));
    expect(shapeOf(['名称', 'Phone'])).not.toBe(shapeOf(['名称', 'Phone', '地址']));
  });
});
