// Contacts (CUS-2): a rep opens a customer, adds a contact in its Contacts tab (the duplicate check asks first when the
// mobile is already known), opens the contact's page and finds the details and the current position there.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, pick, signIn, zh } from './helpers';

const suffix = Date.now().toString(36).slice(-4);
const organizationName = '上海宝山钢铁股份有限公司';
const contactName = `钱卫东${suffix}`;
const mobile = `139${String(Date.now()).slice(-8)}`;

test('add a contact from the organisation page, confirm a duplicate, open the contact page', async ({ page }) => {
  await signIn(page, 'liming', DEMO_PASSWORD);
  await page.goto('/organizations');
  await page.getByTestId('org-search').fill(organizationName);
  await page.getByTestId('org-row').filter({ hasText: organizationName }).first().click();
  await expect(page.getByRole('heading', { name: organizationName })).toBeVisible();

  // The Contacts tab lists the demo contacts already there.
  await page.getByTestId('org-contacts-tab').click();
  await expect(page.getByTestId('org-contact-row').first()).toBeVisible();

  await page.getByTestId('org-contact-add').click();
  await page.getByTestId('contact-name').fill(contactName);
  await page.getByTestId('contact-title').fill('设备部副部长');
  await page.getByTestId('contact-mobile').fill(mobile);
  await pick(page, zh.contacts.fields.buyingRole, zh.contacts.buyingRoles.technical_evaluator);
  await pick(page, zh.contacts.fields.attitude, zh.contacts.attitudes.supporter);
  await page.locator('.ant-drawer-open').getByRole('button', { name: zh.common.save }).click();
  const row = page.getByTestId('org-contact-row').filter({ hasText: contactName });
  await expect(row).toBeVisible();

  // The same mobile again: the form shows the candidate and saves only on an explicit confirmation.
  await page.getByTestId('org-contact-add').click();
  await page.getByTestId('contact-name').fill(`${contactName}二`);
  await page.getByTestId('contact-mobile').fill(mobile);
  await page.locator('.ant-drawer-open').getByRole('button', { name: zh.common.save }).click();
  const candidates = page.getByTestId('contact-duplicate-candidates');
  await expect(candidates).toContainText(contactName);
  await expect(candidates).toContainText(zh.contacts.reasons.mobile);
  await page.getByTestId('contact-confirm-duplicate').click();
  await expect(page.getByTestId('org-contact-row').filter({ hasText: `${contactName}二` })).toBeVisible();

  // The contact page: details with role and attitude as tags, the current position at this organisation.
  await page.getByTestId('contact-link').and(page.getByRole('link', { name: contactName, exact: true })).click();
  await expect(page.getByTestId('contact-title')).toHaveText(contactName);
  const details = page.getByTestId('contact-details');
  await expect(details).toContainText('设备部副部长');
  await expect(details).toContainText(zh.contacts.buyingRoles.technical_evaluator);
  await expect(details).toContainText(zh.contacts.attitudes.supporter);
  await page.getByTestId('contact-positions-tab').click();
  const position = page.getByTestId('contact-position').first();
  await expect(position).toContainText(organizationName);
  await expect(position).toContainText(zh.contacts.currentPosition);

  // The contacts list finds the person by mobile.
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('contact-search').fill(mobile);
  await expect(page.getByTestId('contact-row')).toHaveCount(2);
  await expect(page.getByRole('link', { name: contactName, exact: true })).toBeVisible();
});
