// The company-name key: the rule itself, and that the database's psm_company_name_key gives the same keys.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { openTestDatabase } from '../../test/template';
import { companyNameKey } from './company-name';

const expectations: [string, string][] = [
  ['上海华东机械设备有限公司', '华东机械设备'],
  ['华东机械设备(上海)有限公司', '华东机械设备'],
  ['华东机械设备（上海）有限公司', '华东机械设备'],
  ['华东机械设备【上海市】有限公司', '华东机械设备'],
  ['上海市华东机械设备股份有限公司', '华东机械设备'],
  ['ＨＤ华东机械', '华东机械'],
  ['ＨＤ华东机械有限公司', '华东机械'],
  ['HD 华东机械有限责任公司', '华东机械'],
  ['华东电气', '华东电气'],
  ['华南机械', '华南机械'],
  ['江苏省苏州市金龙客车厂', '金龙客车'],
  ['广西壮族自治区柳工机械集团有限公司', '柳工机械'],
  ['宏达(集团)股份有限公司', '宏达'],
  ['ABB(中国)有限公司', 'abb'],
  ['TCL科技集团股份有限公司', 'tcl科技'],
  ['Huawei Technologies Co., Ltd.', 'huaweitechnologies'],
  ['中建三局第一建设工程有限责任公司', '中建三局第一建设工程'],
  // A step that would leave fewer than two characters is skipped.
  ['上海公司', '上海'],
  ['集团公司', '集团公司'],
  ['Ｓｈａｎｇｈａｉ　１２３ 电力', 'shanghai123电力'],
];

describe('companyNameKey', () => {
  it.each(expectations)('%s → %s', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });

  it('gives the acceptance names one key, and keeps 华东电气 and 华南机械 apart', () => {
    const same = ['上海华东机械设备有限公司', '华东机械设备(上海)有限公司', '上海市华东机械设备股份有限公司'].map(companyNameKey);
    expect(new Set(same).size).toBe(1);
    expect(companyNameKey('华东电气')).not.toBe(same[0]);
    expect(companyNameKey('华南机械')).not.toBe(same[0]);
  });
});

describe('psm_company_name_key (SQL) agrees with companyNameKey', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives every name the same key as TypeScript', async () => {
    const names = [...expectations.map(([name]) => name), '北京市海淀区中关村科技', '重庆长安汽车股份有限公司', "O'Brien & Sons Ltd", '深圳市腾讯计算机系统有限公司'];
    for (const name of names) {
      const result = await database.db.execute<{ key: string }>(sql`select psm_company_name_key(${name}) as key`);
      expect({ name, key: result.rows[0]!.key }).toEqual({ name, key: companyNameKey(name) });
    }
  });

  it('keeps organizations.name_key from the name on insert and update', async () => {
    const inserted = await database.db.execute<{ id: string; name_key: string }>(
      sql`insert into organizations (number, name, type) values ('T-1', '上海市华东机械设备股份有限公司', 'owner') returning id, name_key`,
    );
    expect(inserted.rows[0]!.name_key).toBe('华东机械设备');
    const updated = await database.db.execute<{ name_key: string }>(
      sql`update organizations set name = 'ＨＤ华东机械有限公司' where id = ${inserted.rows[0]!.id} returning name_key`,
    );
    expect(updated.rows[0]!.name_key).toBe('华东机械');
  });
});
