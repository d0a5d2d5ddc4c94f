// The duplicate check journey (CUS-3): a second organisation named like an existing one shows the candidates with
// owner and score while typing, saving it needs a confirmation (cancel first, then confirm), and the two are merged.
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, pick, signIn, zh } from './helpers';

test('creating an organisation the duplicate check catches: candidates while typing, confirm to save, then merge', async ({ page }) => {
  // A 字号 of this run, so a rerun against the same server (or --repeat-each) does not meet an earlier run's records.
  const stamp = Date.now();
  const brand = `华东${'甲乙丙丁戊己庚辛壬癸'[stamp % 10]}${'金木水火土'[Math.floor(stamp / 10) % 5]}${'东南西北中'[Math.floor(stamp / 50) % 5]}`;
  const existingName = `上海${brand}机械设备有限公司`;
  const variantName = `${brand}机械设备（上海）有限公司`;
  // Three saves, a live check, a merge and two histories: more than the default minute on a busy CI machine.
  test.setTimeout(120_000);
  await signIn(page, 'admin', ADMIN_PASSWORD);

  await page.goto('/organizations');
  await page.getByTestId('org-create').first().click();
  await page.getByTestId('org-name').fill(existingName);
  await pick(page, zh.fields.organization.type, zh.organizations.types.owner);
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expect(page.getByRole('heading', { name: existingName })).toBeVisible();

  // The same company written another way: the form shows it before saving, with its owner and score.
  await page.goto('/organizations');
  await page.getByTestId('org-create').first().click();
  const drawer = page.locator('.ant-drawer-open').last();
  await page.getByTestId('org-name').fill(variantName);
  const hint = drawer.getByTestId('org-duplicate-hint');
  await expect(hint).toBeVisible();
  const candidate = hint.locator('tr').filter({ hasText: existingName });
  await expect(candidate).toBeVisible();
  await expect(candidate.getByTestId('duplicate-owner')).toHaveText('系统管理员');
  await expect(candidate.getByTestId('duplicate-score')).toContainText('100%');
  await expect(candidate).toContainText(zh.duplicates.reasons.name);

  // Saving asks for an explicit confirmation.
  await pick(page, zh.fields.organization.type, zh.organizations.types.owner);
  await drawer.getByRole('button', { name: zh.common.save, exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: zh.duplicates.modalTitle });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('org-duplicate-modal-candidates')).toContainText(existingName);
  await page.getByTestId('org-confirm-duplicate').click();
  await expect(page.getByRole('heading', { name: variantName })).toBeVisible();

  // They are the same company after all: merge the new one into the first, taking its name from the first.
  await page.getByTestId('org-merge').click();
  await page.getByTestId('merge-pick').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(existingName).first().click();
  await page.getByTestId('merge-pick-next').click();
  await expect(page.getByTestId('merge-fields')).toBeVisible();
  await page.getByTestId('merge-merge-name').click();
  await page.getByTestId('merge-submit').click();
  await page.getByTestId('merge-confirm').click();

  await expect(page.getByRole('heading', { name: existingName })).toBeVisible();
  const mergeLines = page.locator('.ant-timeline-item').filter({ hasText: zh.history.actions.merge });
  await expect(mergeLines).toHaveCount(2);
  await expect(page.locator('.ant-timeline-item').filter({ hasText: zh.history.actions.create })).toHaveCount(2);
});
