// Sales projects, the acceptance journey of issue 5: a rep starts a project from a customer's page, fills the
// stakeholder map, tries to drag it two stages ahead on the board and is told which entry criteria are unmet,
// satisfies them on the project page, advances it, and finally closes it as lost to a competitor with a reason.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, zh } from './helpers';

const customer = '上海城投水务（集团）有限公司';
const projectName = '城投水务泰和水厂深度处理工程';
// A competitor a supervisor owns: competitors are market knowledge, any rep may name one on a project. (Not 东方泵业:
// the approval journey deletes it, and the journeys share one server.)
const competitor = '上海凯泉泵业（集团）有限公司';

/** Picks an option of an antd Select inside `scope` (a modal or a drawer), typing to filter when it searches. */
async function choose(page: Page, select: Locator, option: string, type = option) {
  await expect(async () => {
    await select.click();
    const input = select.locator('input');
    if (await input.isEditable().catch(() => false)) await input.fill(type);
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
    await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
}

/** Ticks every open item of the stage's checklist in the stage panel, waiting for each to be saved. */
async function tickChecklist(page: Page, stage: string) {
  const items = page.getByTestId('stage-checklist').locator(`[data-testid^="stage-checklist-${stage}-"]`);
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  for (let index = 0; index < count; index += 1) {
    // antd puts the test id on the input itself or on its label, depending on the version.
    const box = items.nth(index).locator('xpath=descendant-or-self::input[@type="checkbox"]');
    if (!(await box.isChecked())) {
      // Controlled by the server's answer: the box turns checked once the tick is saved.
      await box.click();
      await expect(box).toBeChecked();
    }
    await expect(box).toBeEnabled();
  }
}

/** The form item of a modal or drawer by its label (the select components carry their test id on the wrapper). */
const field = (scope: Locator, testId: string) => scope.getByTestId(testId).locator('xpath=ancestor-or-self::*[contains(@class, "ant-select")][1]');

// A step that cannot find its element fails within seconds, naming it, instead of at the end of the journey's time.
test.use({ actionTimeout: 15_000 });

test('a rep takes a project from the customer page through the gates and closes it as lost', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'liming', DEMO_PASSWORD);

  await test.step('create the project from the organisation page', async () => {
    await page.goto('/organizations');
    await page.getByTestId('org-search').fill('城投水务');
    await page.getByTestId('org-row').filter({ hasText: customer }).click();
    await page.getByTestId('org-projects-tab').click();
    await page.getByTestId('org-project-create').click();
    const drawer = page.locator('.ant-drawer-open').last();
    await drawer.getByTestId('project-form-name').fill(projectName);
    await drawer.getByTestId('project-form-site').fill('上海市浦东新区泰和水厂');
    // No amount yet: the gate two stages ahead will ask for it.
    await drawer.getByRole('button', { name: zh.common.save }).click();
    await expect(page.getByTestId('project-name')).toHaveText(projectName);
    await expect(page.getByTestId('project-stage')).toContainText('电话邀约');
  });
  const projectUrl = page.url();

  await test.step('fill the stakeholder map: a user and the decision maker', async () => {
    await page.getByTestId('project-stakeholders-tab').click();
    for (const [index, role] of (['user', 'decision_maker'] as const).entries()) {
      await page.getByTestId('stakeholder-add').click();
      const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('stakeholder-form') });
      await expect(async () => {
        await field(modal, 'stakeholder-contact').click();
        const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().locator('.ant-select-item-option');
        await options.nth(index).click({ timeout: 3000 });
      }).toPass({ timeout: 20_000 });
      // A radio button's test id sits on its hidden input: click the button (the label) around it.
      await modal.getByTestId(`stakeholder-role-${role}`).locator('xpath=ancestor-or-self::label[1]').click();
      await modal.getByTestId('stakeholder-attitude-supporter').locator('xpath=ancestor-or-self::label[1]').click();
      await modal.getByTestId('stakeholder-submit').click();
      await expect(modal).toBeHidden();
    }
    await expect(page.getByTestId('stakeholder-table').locator('tbody tr.ant-table-row')).toHaveCount(2);
  });

  await test.step('drag it two stages ahead on the board and see the unmet criteria', async () => {
    await page.getByTestId('nav-pipeline').click();
    await expect(page.getByTestId('pipeline-board')).toBeVisible();
    const card = page.getByTestId('pipeline-card').filter({ hasText: projectName });
    await expect(card).toBeVisible();
    await card.dragTo(page.getByTestId('pipeline-column-E'));
    const drawer = page.getByTestId('pipeline-gate-drawer');
    await expect(drawer.getByTestId('pipeline-gate-target')).toContainText('方案设计');
    const unmet = drawer.getByTestId('pipeline-unmet-item');
    // Both gates are checked (上门拜访's and 方案设计's): the amount, the expected date and the checklist items of
    // 电话邀约 and 上门拜访 are missing; the stakeholders (a user, a decision maker) are there.
    const fieldMissing = (field: string) => zh.pipeline.criteria.field_missing.replace('{{field}}', field);
    await expect(unmet.filter({ hasText: fieldMissing(zh.pipeline.gateFields.amount) })).toHaveCount(1);
    await expect(unmet.filter({ hasText: fieldMissing(zh.pipeline.gateFields.expectedSignDate) })).toHaveCount(1);
    await expect(drawer.locator('[data-testid="pipeline-unmet-item"][data-code="checklist_item_open"]').filter({ hasText: '电话邀约' }).first()).toBeVisible();
    await expect(drawer.locator('[data-testid="pipeline-unmet-item"][data-code="checklist_item_open"]').filter({ hasText: '上门拜访' }).first()).toBeVisible();
    await expect(drawer.locator('[data-testid="pipeline-unmet-item"][data-code="stakeholder_missing"]')).toHaveCount(0);
    await drawer.getByTestId('pipeline-gate-open-project').click();
    await expect(page.getByTestId('project-name')).toHaveText(projectName);
  });

  await test.step('satisfy them on the project page: amount, expected date, the checklists of G and F', async () => {
    await page.getByTestId('project-edit').click();
    const drawer = page.locator('.ant-drawer-open').last();
    await drawer.getByTestId('project-form-amount').fill('2600000');
    await drawer.getByTestId('project-form-expected').click();
    await drawer.getByTestId('project-form-expected').fill('2027-06-30');
    // Tab commits the typed date (Enter might also submit the form while the button is clicked).
    await drawer.getByTestId('project-form-expected').press('Tab');
    await drawer.getByRole('button', { name: zh.common.save }).click();
    await expect(drawer).toBeHidden();
    // The stage panel: tick 电话邀约's checklist, step into 上门拜访 (its gate is met now), tick its checklist too.
    // (The panel offers the checklist of the current stage only: 上门拜访's items, which the gate of 方案设计 names,
    // can be ticked once the project stands in 上门拜访.)
    await page.getByTestId('project-stages-tab').click();
    await tickChecklist(page, 'G');
    await expect(page.getByTestId('stage-next-gate').locator('[data-testid="stage-criterion"][data-met="false"]')).toHaveCount(0);
    await page.getByTestId('stage-advance').click();
    await expect(page.getByTestId('stage-current-name')).toHaveText('上门拜访');
    await tickChecklist(page, 'F');
  });

  await test.step('advance on the board: the card lands in 方案设计', async () => {
    await page.getByTestId('nav-pipeline').click();
    const card = page.getByTestId('pipeline-card').filter({ hasText: projectName });
    await expect(card).toBeVisible();
    await card.dragTo(page.getByTestId('pipeline-column-E'));
    await expect(page.getByTestId('pipeline-column-E').getByTestId('pipeline-card').filter({ hasText: projectName })).toBeVisible();
    await expect(page.getByTestId('pipeline-gate-drawer')).toBeHidden();
    await page.goto(projectUrl);
    await expect(page.getByTestId('project-stage')).toContainText('方案设计');
  });

  await test.step('close it as lost to a competitor, with the reason and the lessons', async () => {
    await page.getByTestId('project-competition-tab').click();
    await page.getByTestId('competitor-add').click();
    const competitorModal = page.locator('.ant-modal').filter({ has: page.getByTestId('competitor-form') });
    await choose(page, field(competitorModal, 'competitor-organization'), competitor, '凯泉');
    await competitorModal.getByTestId('competitor-price').fill('2380000');
    await competitorModal.getByTestId('competitor-submit').click();
    await expect(competitorModal).toBeHidden();
    await expect(page.getByTestId('competitor-table')).toContainText(competitor);

    await page.getByTestId('project-close').click();
    const closeModal = page.locator('.ant-modal').filter({ has: page.getByTestId('project-close-status') });
    await closeModal.getByTestId('project-close-status-lost').click();
    await choose(page, field(closeModal, 'project-close-reason-select'), '价格过高', '价格');
    await choose(page, field(closeModal, 'project-close-winner'), competitor, '凯泉');
    await closeModal.getByTestId('project-close-price').fill('2380000');
    await closeModal.getByTestId('project-close-lessons').fill('对手报价低约 8%，我方未在方案阶段锁定设计参数。');
    await closeModal.getByTestId('project-close-submit').click();
    await expect(closeModal).toBeHidden();
    await expect(page.getByTestId('project-status')).toContainText(zh.projects.statuses.lost);
    await page.getByTestId('project-details-tab').click();
    await expect(page.getByTestId('project-close-reason')).toContainText('价格过高');
  });
});
