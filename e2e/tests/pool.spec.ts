// Public pool (CUS-5): a rep opens the pool from the menu, finds a customer, claims it after confirming, sees it
// among their organisations, then releases it again from the organisation page with a reason.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn, zh } from './helpers';

const customer = '江苏沙钢集团有限公司';

test('a rep claims a customer from the pool and then sees it in their organisations', async ({ page }) => {
  await signIn(page, 'zhangwei', DEMO_PASSWORD);
  await page.getByTestId('nav-pool').click();
  await expect(page.getByRole('heading', { name: zh.pool.title })).toBeVisible();
  await page.getByTestId('pool-search').fill('沙钢');
  await page.getByTestId('pool-search').press('Enter');
  const row = page.getByTestId('pool-row').filter({ hasText: customer });
  await expect(row).toBeVisible();
  await expect(page.getByTestId('pool-row')).toHaveCount(1);

  await row.getByTestId('pool-claim').click();
  await page.getByTestId('pool-claim-confirm').click();
  await expect(page.getByText(zh.pool.claimed)).toBeVisible();
  await expect(page.getByTestId('pool-row')).toHaveCount(0);

  await page.getByTestId('nav-organizations').click();
  await page.getByTestId('org-search').fill('沙钢');
  const owned = page.getByTestId('org-row').filter({ hasText: customer });
  await expect(owned).toBeVisible();

  // And back: released from the organisation page, with a reason, it is in the pool again.
  await owned.click();
  await page.getByTestId('org-lifecycle-tab').click();
  await page.getByTestId('pool-release').click();
  await page.getByTestId('pool-release-reason').fill('客户年内无新项目');
  await page.getByTestId('pool-release-confirm').click();
  await expect(page.getByText(zh.pool.released)).toBeVisible();
});
