// The approval journey (WF-2, PLAT-5): a rep asks to delete an organisation, which locks it; their manager approves
// from the inbox; the organisation is gone from the list and its history shows every step of the approval.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, organizationNames, signIn, signOut, zh } from './helpers';

const name = '上海东方泵业（集团）有限公司'; // a demo organisation of 李明 (liming), whose manager is 刘洋 (liuyang)
const reason = '该竞争对手已被收购，档案并入新集团';

test('a rep asks to delete an organisation; the manager approves it from the inbox; it is gone and its history shows the approval', async ({ page }) => {
  await signIn(page, 'liming', DEMO_PASSWORD);
  expect(await organizationNames(page)).toContain(name);
  await page.getByTestId('org-row').filter({ hasText: name }).locator('td:first-child').click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await page.getByTestId('org-delete').click();
  await page.getByTestId('org-delete-reason').fill(reason);
  await page.getByTestId('org-delete-confirm').click();
  // Waiting for approval: locked against edits, and still in the list.
  await expect(page.getByTestId('org-locked')).toBeVisible();
  await expect(page.getByTestId('org-edit')).toHaveCount(0);
  await expect(page.getByTestId('org-delete')).toHaveCount(0);
  expect(await organizationNames(page)).toContain(name);
  await signOut(page);

  await signIn(page, 'liuyang', DEMO_PASSWORD);
  await expect(page.getByTestId('nav-approvals-badge')).toBeVisible();
  await page.getByTestId('nav-approvals').click();
  await page.getByTestId('approval-row').filter({ hasText: name }).click();
  const drawer = page.getByTestId('approval-drawer');
  await expect(drawer).toContainText(reason);
  await expect(drawer).toContainText('李明');
  await drawer.getByTestId('approval-approve').click();
  await page.getByTestId('approval-comment-input').fill('同意删除');
  await page.getByTestId('approval-confirm').click();
  await expect(drawer.getByTestId('approval-status').first()).toHaveText(zh.approvals.statuses.approved);

  // Gone from the list of the manager (whose scope holds the rep's customers) …
  await page.getByTestId('approval-record-link').click();
  await expect(page.getByTestId('org-deleted')).toBeVisible();
  // … and its history shows the request, the decision with its comment, and the deletion.
  const timeline = page.locator('.ant-timeline-item');
  await expect(timeline.filter({ hasText: zh.history.actions.approval.submitted })).toContainText(reason);
  await expect(timeline.filter({ hasText: zh.history.actions.approval.approved })).toContainText('同意删除');
  await expect(timeline.filter({ hasText: zh.history.actions.approval.approved })).toContainText('刘洋');
  const actionTag = (label: string) => timeline.filter({ has: page.locator('.ant-tag').getByText(label, { exact: true }) });
  await expect(actionTag(zh.history.actions.delete)).toHaveCount(1);
  await expect(actionTag(zh.history.actions.approval.completed)).toHaveCount(1);
  expect(await organizationNames(page)).not.toContain(name);
  await signOut(page);

  // The rep is told, and no longer finds it either.
  await signIn(page, 'liming', DEMO_PASSWORD);
  expect(await organizationNames(page)).not.toContain(name);
  await page.getByTestId('notification-bell').click();
  await expect(page.locator('.ant-popover, .ant-dropdown, .ant-drawer-open').last()).toContainText(name);
});
