// Import journey (PLAT-11): upload a workbook with a bad row, see the problem in the preview, run the import in the
// background, and download the error report holding the bad row.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, runImportAndReadReport, signIn } from './helpers';

const BAD_NAME = '武汉光谷星际设备有限公司';

async function writeWorkbook(): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('客户');
  sheet.addRow(['单位名称', '类型', '电话', '备注']);
  sheet.addRow(['青岛海湾化工设备有限公司', '业主', '0532-88776655', 'E2E 导入']);
  sheet.addRow([BAD_NAME, '外星人', '027-66554433', '类型不对']);
  sheet.addRow(['成都天府轨道交通科技有限公司', '总包', '028-55443322', 'E2E 导入']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openpsm-import-')), '客户导入.xlsx');
  await book.xlsx.writeFile(file);
  return file;
}

test('an administrator imports a workbook, sees the bad row in the preview and downloads the error report', async ({ page }) => {
  const file = await writeWorkbook();
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.goto('/organizations');
  await page.getByTestId('org-import').click();
  await expect(page).toHaveURL(/\/imports$/);

  await page.locator('input[type=file]').setInputFiles(file);
  // The columns were recognised by their Chinese names: straight to the preview.
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-duplicate-skip').check();
  await page.getByTestId('import-preview').click();

  await expect(page.getByTestId('import-preview-errors')).toContainText('1');
  const problem = page.getByTestId('import-problem-row').filter({ hasText: '不是可选值' });
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('3'); // spreadsheet row 3

  const rows = await runImportAndReadReport(page, 2, path.dirname(file));
  expect(rows).toHaveLength(1);
  expect(rows[0]![0]).toBe('3');
  expect(rows[0]!.join(' ')).toContain(BAD_NAME);
  expect(rows[0]![2]).toContain('不是可选值');

  // The import is in the list of my imports, completed.
  await expect(page.getByTestId('import-list-row').first()).toContainText('已完成');
  // The imported organisation is in the list.
  await page.goto('/organizations');
  await page.getByTestId('org-search').fill('青岛海湾');
  await page.getByTestId('org-search').press('Enter');
  await expect(page.getByTestId('org-row').first()).toContainText('青岛海湾化工设备有限公司');
});
