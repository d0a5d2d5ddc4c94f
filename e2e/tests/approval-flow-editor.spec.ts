// An administrator edits the customer-deletion flow in the web app: a new definition version, and the next request
// routes through the added step while the one in flight keeps its chain.
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD, signIn, signOut, zh } from './helpers';

test('admin adds a finance step to the deletion flow; a request in flight keeps its chain, the next one gets the new step', async ({ page }) => {
  // A request in flight before the edit: 徐涛 (xutao) asks to delete one of his customers.
  await signIn(page, 'xutao', DEMO_PASSWORD);
  const mine = await (await page.request.get('/api/v1/organizations?mine=true&pageSize=2&sort=name')).json();
  const [before, after] = mine.items as { id: string; name: string }[];
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'psm_csrf')?.value ?? '';
  const asked = await page.request.delete(`/api/v1/organizations/${before!.id}`, { headers: { 'x-csrf-token': csrf } });
  expect(asked.status()).toBe(202);
  const inFlight = (await asked.json()).approval.id as string;
  await signOut(page);

  await signIn(page, 'admin', ADMIN_PASSWORD);
  const original = ((await (await page.request.get('/api/v1/approval-flows?documentType=organization_deletion')).json()).items as { id: string; steps: unknown[] }[])[0]!;
  await page.getByTestId('nav-approval-flows').click();
  await page.getByTestId('flow-row').filter({ hasText: '客户删除审批' }).getByRole('link', { name: '客户删除审批' }).click();
  await expect(page.getByTestId('flow-step')).toHaveCount(2);
  await page.getByTestId('flow-add-step').click();
  const added = page.getByTestId('flow-step').last();
  await added.getByTestId('flow-step-name').fill('财务确认');
  await added.getByTestId('flow-approver-kind').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().getByTitle(zh.approvalFlows.approverKinds.users, { exact: true }).click();
  await expect(async () => {
    await added.getByTestId('flow-approver-users').locator('input').first().fill('杨红');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().getByText('杨红').first().click({ timeout: 3000 });
    await expect(added).toContainText('杨红', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.keyboard.press('Escape'); // close the user picker before saving
  await page.getByTestId('flow-save').click();
  await expect(page.getByText(zh.approvalFlows.savedVersion.replace('{{version}}', '2'))).toBeVisible();
  await page.getByTestId('nav-approval-flows').click();
  await expect(page.getByTestId('flow-row').filter({ hasText: '客户删除审批' })).toContainText('v2');
  await signOut(page);

  await signIn(page, 'xutao', DEMO_PASSWORD);
  const next = await page.request.delete(`/api/v1/organizations/${after!.id}`, { headers: { 'x-csrf-token': (await page.context().cookies()).find((cookie) => cookie.name === 'psm_csrf')?.value ?? '' } });
  expect(next.status()).toBe(202);
  const nextDetail = await (await page.request.get(`/api/v1/approvals/${(await next.json()).approval.id}`)).json();
  expect(nextDetail.steps.map((step: { name: string }) => step.name)).toContain('财务确认');
  const oldDetail = await (await page.request.get(`/api/v1/approvals/${inFlight}`)).json();
  expect(oldDetail.flow.definitionVersion).toBe(1);
  expect(oldDetail.steps.map((step: { name: string }) => step.name)).not.toContain('财务确认');
  await signOut(page);

  // Put the flow back for the other journeys (one more version: an edit never rewrites history).
  await signIn(page, 'admin', ADMIN_PASSWORD);
  const current = await (await page.request.get(`/api/v1/approval-flows/${original.id}`)).json();
  const csrf2 = (await page.context().cookies()).find((cookie) => cookie.name === 'psm_csrf')?.value ?? '';
  const restored = await page.request.patch(`/api/v1/approval-flows/${original.id}`, { headers: { 'x-csrf-token': csrf2 }, data: { version: current.version, steps: original.steps } });
  expect(restored.status()).toBe(200);
  expect((await restored.json()).definitionVersion).toBe(3);
});
