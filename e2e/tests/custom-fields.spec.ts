// Custom fields (PLAT-6) end to end: an administrator defines a field; a rep fills it in the generic form,
// reads it on the detail page and in the list column, and filters the list by it.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, pick, signIn, zh } from './helpers';

const suffix = Date.now().toString(36);
const field = { key: `capacity${suffix}`, labelZh: `产能规模${suffix}`, labelEn: `Capacity ${suffix}` };
const options = [
  { code: 'small', labelZh: '十万吨以下', labelEn: 'Under 100 kt' },
  { code: 'large', labelZh: '十万吨以上', labelEn: '100 kt and more' },
];
const organizationName = `常州自定义字段测试水厂${suffix}`;

/** The value cell right after the label cell (a row of the descriptions holds several items). */
const detailValue = (page: Page, label: string) =>
  page.locator('.ant-descriptions-item-label', { hasText: label }).locator('xpath=following-sibling::td[1]');

test('a field the administrator defines is filled in the form, shown on the page and in the list, and filters it', async ({ page, request }) => {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  expect(login.status()).toBe(200);
  const created = await request.post('/api/v1/custom-fields', {
    headers: { Authorization: `Bearer ${(await login.json()).token}` },
    data: { recordType: 'organization', ...field, type: 'select', options, showInList: true },
  });
  expect(created.status(), await created.text()).toBe(201);

  await signIn(page, 'liming', DEMO_PASSWORD);
  await page.goto('/organizations');
  await page.getByTestId('org-create').first().click();
  await page.getByTestId('org-name').fill(organizationName);
  await pick(page, zh.fields.organization.type, zh.organizations.types.owner);
  await pick(page, field.labelZh, options[1]!.labelZh);
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expect(page.getByRole('heading', { name: organizationName })).toBeVisible();
  await expect(detailValue(page, field.labelZh)).toHaveText(options[1]!.labelZh);
  const id = page.url().split('/organizations/')[1]!.split(/[?#]/)[0]!;
  const stored = await (await page.request.get(`/api/v1/organizations/${id}`)).json();
  expect(stored.customFields).toEqual({ [field.key]: 'large' });

  // The list shows the field as a column, and filters by it.
  await page.goto('/organizations');
  await expect(page.getByRole('columnheader', { name: field.labelZh })).toBeVisible();
  const row = page.getByTestId('org-row').filter({ hasText: organizationName });
  await expect(row).toContainText(options[1]!.labelZh);
  const filter = page.locator('.ant-select').filter({ hasText: field.labelZh });
  await filter.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().getByTitle(options[0]!.labelZh, { exact: true }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId('org-row').or(page.locator('.ant-empty'))).not.toHaveCount(0);
  // Chosen, the filter shows its value instead of its placeholder.
  await page.locator('.ant-select').filter({ hasText: options[0]!.labelZh }).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().getByTitle(options[1]!.labelZh, { exact: true }).click();
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId('org-row')).toHaveCount(1);
});

test('a contact field the administrator defines is filled in the contact form, shown on its page and in the contacts list', async ({ page, request }) => {
  const contactField = { key: `circle${suffix}`, labelZh: `圈子${suffix}`, labelEn: `Circle ${suffix}` };
  const circles = [
    { code: 'alumni', labelZh: '校友', labelEn: 'Alumni' },
    { code: 'veteran', labelZh: '战友', labelEn: 'Veteran' },
  ];
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  const created = await request.post('/api/v1/custom-fields', {
    headers: { Authorization: `Bearer ${(await login.json()).token}` },
    data: { recordType: 'contact', ...contactField, type: 'select', options: circles, showInList: true },
  });
  expect(created.status(), await created.text()).toBe(201);

  await signIn(page, 'liming', DEMO_PASSWORD);
  await page.goto('/contacts');
  await expect(page.getByRole('columnheader', { name: contactField.labelZh })).toBeVisible();
  await page.getByTestId('contact-row').first().click();
  const name = (await page.getByTestId('contact-title').textContent())!;
  await page.getByTestId('contact-edit').click();
  await pick(page, contactField.labelZh, circles[0]!.labelZh);
  await page.locator('.ant-drawer-open').getByRole('button', { name: zh.common.save }).click();
  await expect(detailValue(page, contactField.labelZh)).toHaveText(circles[0]!.labelZh);

  // The list shows the value in its column and filters by it.
  await page.goto('/contacts');
  await page.locator('.ant-select').filter({ hasText: contactField.labelZh }).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().getByTitle(circles[0]!.labelZh, { exact: true }).click();
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  await expect(page.getByTestId('contact-row')).toContainText(name);
  await expect(page.getByTestId('contact-row')).toContainText(circles[0]!.labelZh);
});
