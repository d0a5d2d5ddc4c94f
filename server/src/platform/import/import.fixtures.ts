// Test fixtures for imports: workbooks built in memory, multipart uploads, distinct Chinese company names.
import ExcelJS from 'exceljs';
import type { TestApp } from '../../test/test-app';

/** A workbook (first sheet) from a header row and rows. */
export async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** POSTs a file as multipart/form-data, as a browser does. */
export async function upload(t: TestApp, token: string, recordType: string, fileName: string, file: Buffer) {
  const boundary = `----openpsm${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${recordType}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return { status: response.statusCode, body: JSON.parse(response.body || 'null') };
}

const pool = [
  ...'华东南北中西安泰康宏达鑫源盛隆兴旺福瑞祥和嘉信诚德恒丰顺通利美佳伟业新天龙凤凰海洋山川林森金银铜铁钢铝锌锡石玉晶光明辉煌阳春秋冬夏云雨雪霜风雷电波涛江河湖泊溪泉峰岭岩峡谷原野田园城乡镇村街巷楼阁亭台轩榭廊桥舟车船航飞翔鹏鹰燕雀鸿鹤松柏梅兰竹菊桃李杏梨枫桂樱荷莲芳华英杰俊豪雄威武博文睿智聪慧敏捷勤俭朴实忠义仁礼廉耻勇毅刚柔静雅清澈淳厚浩瀚辽阔宽广深远高峻',
];

/** A deterministic generator of distinct company names: eight random characters, so no two are trigram-similar. */
export function companyNames(count: number, seed = 7): string[] {
  // mulberry32: 32-bit integer arithmetic throughout (a float LCG loses precision and falls into short cycles).
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const names = new Set<string>();
  while (names.size < count) {
    let name = '';
    for (let index = 0; index < 8; index += 1) name += pool[Math.floor(random() * pool.length)];
    names.add(`${name}有限公司`);
  }
  return [...names];
}

export type AcceptanceFile = { headers: string[]; rows: unknown[][]; existingNames: string[]; bad: number; duplicates: number; unique: number };

const badRows: ((name: string) => unknown[])[] = [
  () => ['', '业主', '', '', 'zhao'], // no name
  (name) => [name, '外星人', '', '', 'zhao'], // unknown type
  (name) => [name, '业主', 'NOT-A-CODE', '', 'zhao'], // bad credit code
  (name) => [name, '业主', '', 'call me', 'zhao'], // bad phone
  (name) => [name, '业主', '', '', 'nobody'], // unknown owner
];

/**
 * The acceptance workbook: `size` rows, 5% bad (five reasons in turn), 10% duplicates — half of existing records,
 * half repeating an earlier row of the file (the row before, or one 601 rows back, in an earlier batch).
 */
export function acceptanceFile(size: number, seed: number): AcceptanceFile {
  const names = companyNames(size + size / 20, seed);
  const existingNames = names.slice(0, size / 20);
  const fresh = names.slice(size / 20);
  const rows: unknown[][] = [];
  let existing = 0;
  for (let index = 0; index < size; index += 1) {
    if (index % 20 === 7) rows.push(badRows[Math.floor(index / 20) % badRows.length]!(fresh[index]!));
    else if (index % 10 === 3) {
      if (Math.floor(index / 10) % 2 === 0) rows.push([existingNames[existing++]!, '业主', '', `021-${70000000 + index}`, 'zhao']);
      else {
        const earlier = index >= 601 ? index - 601 : index - 1;
        rows.push([rows[earlier]![0], '总包', '', `021-${80000000 + index}`, 'zhao']);
      }
    } else rows.push([fresh[index]!, '业主', '', `010-${60000000 + index}`, 'zhao']);
  }
  return { headers: ['单位名称', '类型', '统一社会信用代码', '电话', '负责人'], rows, existingNames, bad: size / 20, duplicates: size / 10, unique: size - size / 20 - size / 10 };
}
