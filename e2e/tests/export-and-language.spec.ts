// A manager exports their list view to Excel (audited); the interface switches language per user.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, signIn, signOut } from './helpers';

test('a manager exports the organisations list and the export is in the audit log', async ({ page }) => {
  await signIn(page, 'chenhui', DEMO_PASSWORD);
  await page.goto('/organizations');
  await expect(page.getByTestId('org-row').first()).toBeVisible();
  // The company profile names the company in the shell and the window title.
  await expect(page.getByTestId('company-name')).toHaveText('华工重装');
  await expect(page).toHaveTitle('华工重装 · OpenPSM');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('org-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^organizations-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await signOut(page);

  await signIn(page, 'admin', ADMIN_PASSWORD);
  const audit = await page.request.get('/api/v1/audit-log?action=export');
  const entries = (await audit.json()).items as { actorName: string }[];
  expect(entries.map((entry) => entry.actorName)).toContain('陈辉');
});

test('a rep switches the interface to English and it stays English after signing in again', async ({ page }) => {
  await signIn(page, 'zhangwei', DEMO_PASSWORD);
  await page.goto('/organizations');
  await expect(page.getByRole('heading', { name: '单位' })).toBeVisible();
  await expect(page.getByTestId('org-export')).toHaveCount(0);
  await switchLanguage(page, 'English', 'Organizations');
  await signOut(page);
  await signIn(page, 'zhangwei', DEMO_PASSWORD);
  await page.goto('/organizations');
  await expect(page.getByRole('heading', { name: 'Organizations' })).toBeVisible();
  // Back to Chinese, so the journeys after this one meet the demo user as they left them.
  await switchLanguage(page, '简体中文', '单位');
});

/**
 * Picks a language from the header's menu until the page heading is in it: a click on the menu while it still opens can
 * miss (a CI run left the rep in English, and the journeys after this one met an English interface).
 */
async function switchLanguage(page: Page, language: string, heading: string) {
  await expect(async () => {
    if (await page.getByRole('heading', { name: heading }).isVisible()) return;
    await page.getByTestId('language-switch').click();
    await page.getByText(language, { exact: true }).click({ timeout: 3000 });
    await expect(page.getByRole('heading', { name: heading })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
}
