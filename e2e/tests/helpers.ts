// Shared steps of the journeys: sign in and out through the real UI, pick from antd selects.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, type Page } from '@playwright/test';
import { zhCN as zh } from '../../web/src/lib/i18n/zh-CN';

export { zh };
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password';
export const DEMO_PASSWORD = 'openpsm-demo';

export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function signOut(page: Page) {
  // The menu item can be clicked while the dropdown still opens and miss: retry until the server ended the session.
  await expect(async () => {
    await page.getByTestId('user-menu').click();
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().endsWith('/api/v1/auth/logout'), { timeout: 3000 }),
      page.getByTestId('logout').click({ timeout: 3000 }),
    ]);
    expect(response.status()).toBe(204);
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('login-username')).toBeVisible();
}

/** Opens an antd Select or TreeSelect by its form label, filters when it can, and picks the option by its title. */
export async function pick(page: Page, label: string, option: string) {
  // Forms open in drawers; the page behind may carry the same words (column headers).
  const drawer = page.locator('.ant-drawer-open').last();
  // antd gives each form label a title; the required mark makes the accessible name "* label", so match the title.
  const formItem = drawer.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  const field = formItem.getByRole('combobox');
  // Options arrive with their query; a click on a list still loading can miss, so check and retry.
  const multiple = (await formItem.locator('.ant-select-multiple').count()) > 0;
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
  await expect(async () => {
    // The chosen value shows as text in the form item (an input's typed value is not text, so a bare filter does not count).
    const chosen = (await formItem.textContent())?.includes(option) ?? false;
    // A single select is done when chosen and closed: a layout shift while its list opens (a hint appearing above the
    // field) once left it open over the drawer's buttons, swallowing the next click; choosing again closes it. A multiple
    // select stays open by design, and a second click on a chosen option would take it out again.
    if (!chosen) {
      await field.click();
      if (await field.isEditable()) await field.fill(option);
      await dropdown.getByTitle(option, { exact: true }).first().click({ timeout: 3000 });
    } else if (!multiple && (await dropdown.isVisible())) {
      await dropdown.getByTitle(option, { exact: true }).first().click({ timeout: 3000 });
    }
    await expect(formItem).toContainText(option, { timeout: 1000 });
    if (!multiple) await expect(dropdown).toBeHidden({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

/** The names in the organisations table as the signed-in user sees them (first page). */
export async function organizationNames(page: Page): Promise<string[]> {
  await page.goto('/organizations');
  await expect(page.getByTestId('org-row').first().or(page.locator('.ant-empty'))).toBeVisible();
  return (await page.getByTestId('org-row').locator('td:first-child').allInnerTexts()).map((text) => text.trim());
}

/**
 * Runs the previewed import (the wizard's "start"), waits for it to complete with `created` records, downloads the
 * error report and returns its data rows (the header row left out) as text.
 */
export async function runImportAndReadReport(page: Page, created: number, folder: string): Promise<string[][]> {
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-completed')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('import-created')).toContainText(String(created));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
  const saved = path.join(folder, 'report.xlsx');
  await download.saveAs(saved);
  const report = new ExcelJS.Workbook();
  await report.xlsx.readFile(saved);
  return report.worksheets[0]!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1).map(String));
}
