// The foundation journey: an administrator creates a rep; the rep sees only what their scope allows,
// creates an organisation and reads its history. Against a fresh server with the demo company.
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, organizationNames, pick, signIn, signOut, zh } from './helpers';

const repUsername = `e2e_rep_${Date.now().toString(36)}`;
const initialPassword = 'first-Password-1';
const newPassword = 'second-Password-2';
const organizationName = `苏州高新区污水处理厂${Date.now().toString(36).slice(-4)}`;

test('admin creates a rep, who sees only their own organisations, creates one and reads its history', async ({ page }) => {
  await signIn(page, 'admin', ADMIN_PASSWORD);

  await page.getByTestId('nav-users').click();
  await page.getByTestId('user-create').click();
  await page.getByTestId('user-username').fill(repUsername);
  await page.getByTestId('user-display-name').fill('测试代表');
  await pick(page, zh.fields.user.department, '上海分公司');
  await pick(page, zh.fields.user.position, zh.users.positions.rep);
  await pick(page, zh.fields.user.roles, '销售代表');
  await page.getByLabel(zh.users.initialPassword).fill(initialPassword);
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expect(page.getByRole('cell', { name: repUsername })).toBeVisible();
  await signOut(page);

  // First sign-in with an initial password: the rep must choose their own.
  await signIn(page, repUsername, initialPassword);
  await expect(page).toHaveURL(/\/profile/);
  await page.getByLabel(zh.auth.currentPassword).fill(initialPassword);
  await page.getByLabel(zh.auth.newPassword, { exact: true }).fill(newPassword);
  await page.getByLabel(zh.auth.confirmPassword).fill(newPassword);
  await page.getByRole('button', { name: zh.profile.changePassword }).last().click();
  await expect(page.getByText(zh.profile.passwordChanged)).toBeVisible();

  // A new rep owns nothing: the demo company's 60 organisations stay out of sight.
  expect(await organizationNames(page)).toEqual([]);
  await expect(page.getByTestId('nav-users')).toHaveCount(0);

  await page.getByTestId('org-create').first().click();
  await page.getByTestId('org-name').fill(organizationName);
  await pick(page, zh.fields.organization.type, zh.organizations.types.owner);
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expect(page.getByRole('heading', { name: organizationName })).toBeVisible();

  expect(await organizationNames(page)).toEqual([organizationName]);
  await page.getByText(organizationName).click();
  // An edit, then the history: who changed which field from what to what, and the creation below it.
  await page.getByTestId('org-edit').click();
  const form = page.locator('.ant-drawer-open').last();
  await form.getByLabel(zh.fields.organization.shortName, { exact: true }).fill('高新污水厂');
  await form.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expect(form).toBeHidden();
  await page.getByTestId('org-history-tab').click();
  const update = page.locator('.ant-timeline-item').filter({ hasText: zh.history.actions.update });
  await expect(update).toHaveCount(1);
  await expect(update).toContainText('测试代表');
  await expect(update).toContainText(`${zh.fields.organization.shortName}: 高新污水厂`);
  const created = page.locator('.ant-timeline-item').filter({ hasText: zh.history.actions.create });
  await expect(created).toContainText('测试代表');
  await expect(created).toContainText(organizationName);

  // Another rep's organisation is not even there to be opened.
  const response = await page.request.get('/api/v1/organizations?q=%E5%AE%9D%E9%92%A2');
  expect((await response.json()).total).toBe(0);
  await signOut(page);

  // The rep's manager sees the new organisation together with the team's.
  await signIn(page, 'chenhui', DEMO_PASSWORD);
  const managerView = await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(organizationName)}`);
  expect((await managerView.json()).total).toBe(1);
});

test('demo scopes: a rep sees their own, a supervisor their team, a director everything', async ({ page }) => {
  const totals: Record<string, number> = {};
  for (const username of ['liming', 'liuyang', 'chenhui', 'wangjianguo']) {
    await signIn(page, username, DEMO_PASSWORD);
    const response = await page.request.get('/api/v1/organizations?pageSize=1');
    totals[username] = (await response.json()).total;
    await signOut(page);
  }
  expect(totals.liming).toBeGreaterThan(0);
  expect(totals.liming).toBeLessThan(totals.liuyang!);
  expect(totals.liuyang).toBeLessThan(totals.chenhui!);
  expect(totals.chenhui).toBeLessThan(totals.wangjianguo!);
});
