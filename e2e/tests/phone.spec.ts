// A rep on a phone: menu, organisations list, detail page and the create form fit the screen; dates on screen follow
// the company's date format and time zone.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, signIn, zh } from './helpers';

const PHONE_WIDTH = 390;
test.use({ viewport: { width: PHONE_WIDTH, height: 844 } });

/** Nothing may push the page wider than the screen (a sideways-scrolling page on a phone). */
async function expectNoHorizontalOverflow(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH);
}

/** The value next to a label in the organisation's details (one column on a phone). */
const detailValue = (page: Page, label: string) =>
  page.locator('.ant-descriptions-row').filter({ has: page.locator('.ant-descriptions-item-label', { hasText: label }) }).locator('.ant-descriptions-item-content');

async function openFirstOrganization(page: Page): Promise<string> {
  await page.getByTestId('org-row').first().click();
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}/);
  return page.url().split('/organizations/')[1]!.split(/[?#]/)[0]!;
}

test('a rep on a phone opens the organisations from the menu, an organisation, and the create form', async ({ page }) => {
  await signIn(page, 'liming', DEMO_PASSWORD);
  await page.goto('/profile');
  await expect(page.getByTestId('nav-menu-button')).toBeVisible();
  await expectNoHorizontalOverflow(page);

  await page.getByTestId('nav-menu-button').click();
  await page.getByTestId('nav-organizations').click();
  await expect(page).toHaveURL(/\/organizations$/);
  await expect(page.getByRole('heading', { name: zh.organizations.title })).toBeVisible();
  await expect(page.getByTestId('org-row').first()).toBeVisible();
  await expect(page.getByTestId('org-search')).toBeVisible();
  await expect(page.getByTestId('org-create')).toBeVisible();
  // The menu drawer closes on navigation.
  await expect(page.getByTestId('nav-organizations')).toBeHidden();
  await expectNoHorizontalOverflow(page);

  const name = (await page.getByTestId('org-row').first().locator('td:first-child').innerText()).trim();
  await openFirstOrganization(page);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('org-edit')).toBeVisible();
  await expect(detailValue(page, zh.fields.common.updatedAt)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.getByTestId('org-history-tab').click();
  await expect(page.locator('.ant-timeline-item').first()).toBeVisible();
  await expectNoHorizontalOverflow(page);

  await page.getByRole('button', { name: zh.common.back }).click();
  await expect(page).toHaveURL(/\/organizations$/);
  await page.getByTestId('org-create').click();
  const drawer = page.locator('.ant-drawer-open').last();
  await expect(page.getByTestId('org-name')).toBeVisible();
  await expect(drawer.getByRole('button', { name: zh.common.save, exact: true })).toBeVisible();
  const drawerBox = await drawer.locator('.ant-drawer-body').boundingBox();
  // Sub-pixel layout (390.00003 while the drawer settles) is not overflow.
  expect(Math.round(drawerBox?.width ?? Infinity)).toBeLessThanOrEqual(PHONE_WIDTH);
  await expectNoHorizontalOverflow(page);
  await drawer.getByRole('button', { name: zh.common.cancel, exact: true }).click();
  await expect(page.getByTestId('org-name')).toBeHidden();
  await expect(page.getByTestId('org-row').first()).toBeVisible();
  await expectNoHorizontalOverflow(page);
});

type Settings = { dateFormat: string; timeZone: string; version: number };

async function adminApi(request: APIRequestContext) {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  expect(login.status()).toBe(200);
  // A bearer token needs no CSRF header.
  const headers = { Authorization: `Bearer ${(await login.json()).token}` };
  const read = async (): Promise<Settings> => (await request.get('/api/v1/settings', { headers })).json();
  const patch = async (values: Partial<Settings>) => {
    const response = await request.patch('/api/v1/settings', { headers, data: { ...values, version: (await read()).version } });
    expect(response.status(), await response.text()).toBe(200);
  };
  return { read, patch };
}

/** `iso` as DD/MM/YYYY HH:mm on the wall clock of `timeZone`, computed independently of the app. */
const dayMonthYear = (iso: string, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
};

test('dates follow the company date format and time zone the administrator sets', async ({ page, request }) => {
  const admin = await adminApi(request);
  const before = await admin.read();
  // A zone far from the default (Asia/Shanghai) shows that times are moved, not only re-ordered.
  const changed = { dateFormat: 'DD/MM/YYYY', timeZone: 'America/New_York' };
  try {
    await admin.patch(changed);

    await signIn(page, 'liming', DEMO_PASSWORD);
    await page.goto('/organizations');
    await expect(page.getByTestId('org-row').first()).toBeVisible();
    const id = await openFirstOrganization(page);
    const organization = await (await page.request.get(`/api/v1/organizations/${id}`)).json();
    await expect(detailValue(page, zh.fields.common.updatedAt)).toHaveText(dayMonthYear(organization.updatedAt, changed.timeZone));
    await expect(detailValue(page, zh.fields.common.createdAt)).toHaveText(dayMonthYear(organization.createdAt, changed.timeZone));
    await expectNoHorizontalOverflow(page);
  } finally {
    await admin.patch({ dateFormat: before.dateFormat, timeZone: before.timeZone });
  }
  expect(await admin.read()).toMatchObject({ dateFormat: before.dateFormat, timeZone: before.timeZone });
});
