// Contact import journey (PLAT-11 for CUS-2): from the contacts list, upload a CSV whose organisation column names a
// customer by its full name and by a variant of it, run the import and download the report with the unknown one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, runImportAndReadReport, signIn } from './helpers';

const UNKNOWN = '火星矿业探测有限公司';

function writeCsv(): string {
  const lines = [
    '姓名,单位,职务,手机,邮箱,采购角色,态度',
    '陆海峰,上海宝山钢铁股份有限公司,设备部部长,13812340001,luhf@baosteel.example.com,决策者,支持',
    '沈佳怡,宝山钢铁股份有限公司,采购经理,13812340002,shenjy@baosteel.example.com,采购,中立', // a variant of the name
    `韩冰,${UNKNOWN},总经理,13812340003,,决策者,反对`,
  ];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openpsm-contact-import-')), '联系人导入.csv');
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return file;
}

test('an administrator imports contacts from the contacts list and downloads the report naming the unknown organisation', async ({ page }) => {
  const file = writeCsv();
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/contacts');
  await page.getByTestId('contact-import').click();
  await expect(page).toHaveURL(/\/imports\?type=contact$/);
  await expect(page.getByTestId('import-record-type')).toContainText('联系人');

  await page.locator('input[type=file]').setInputFiles(file);
  // The Chinese headers are recognised: straight to the duplicate choice and the preview.
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-map-单位')).toContainText('单位');
  await page.getByTestId('import-duplicate-skip').check();
  await page.getByTestId('import-preview').click();

  await expect(page.getByTestId('import-preview-errors')).toContainText('1');
  const problem = page.getByTestId('import-problem-row').filter({ hasText: '找不到该单位' });
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('4'); // spreadsheet row 4

  const rows = await runImportAndReadReport(page, 2, path.dirname(file));
  expect(rows).toHaveLength(1);
  expect(rows[0]![0]).toBe('4');
  expect(rows[0]![2]).toContain('找不到该单位');
  expect(rows[0]!.join(' ')).toContain(UNKNOWN);

  // Both contacts are in the list, at the organisation the variant named.
  await page.goto('/contacts');
  await page.getByTestId('contact-search').fill('沈佳怡');
  await page.getByTestId('contact-search').press('Enter');
  await expect(page.getByTestId('contact-row').first()).toContainText('上海宝山钢铁股份有限公司');
});
