// Relationship graphs (CUS-7): a rep opens a customer's Relationships tab, ties it to another customer and removes
// the tie again, sees the graph, and clicks through from the graph to a contact tied to one of the customer's people.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn, zh } from './helpers';

const organizationName = '上海宝山钢铁股份有限公司';
const otherName = '上海城投水务（集团）有限公司';

type GraphBody = { nodes: { id: string; kind: string; name: string; subtitle: string | null }[]; edges: { from: string; to: string; type: string }[] };

test('open an organisation’s graph, add and remove a tie, click through to a tied contact', async ({ page }) => {
  await signIn(page, 'liming', DEMO_PASSWORD);
  await page.goto('/organizations');
  await page.getByTestId('org-search').fill(organizationName);
  await page.getByTestId('org-row').filter({ hasText: organizationName }).first().click();
  await expect(page.getByRole('heading', { name: organizationName })).toBeVisible();
  const organizationId = new URL(page.url()).pathname.split('/').pop()!;

  await page.getByTestId('org-relationships-tab').click();
  const ties = page.getByTestId('org-ties');
  // The demo ties: its design institute and its cable supplier.
  await expect(ties).toContainText('中国能源建设集团上海电力设计院有限公司');
  await expect(ties).toContainText(zh.relationships.organizationRoles.design_institute_of_incoming);
  await expect(ties).toContainText('上海申达电缆有限公司');
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible();

  // Add a partner tie with a note through the form, then remove it with a reason.
  const other = page.getByTestId('org-tie-other');
  await expect(async () => {
    await other.click();
    await other.locator('input').fill('城投水务');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: otherName }).first().click({ timeout: 3000 });
    await expect(other).toContainText(otherName, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.getByTestId('org-tie-form').getByPlaceholder(zh.relationships.ties.note).fill('联合申报节能改造');
  await page.getByTestId('org-tie-add').click();
  const partnerRow = ties.locator('tr').filter({ hasText: otherName });
  await expect(partnerRow).toContainText(zh.relationships.organizationRoles.partner_outgoing);
  await expect(page.locator('[data-testid="graph-node-link"][data-kind="organization"]').filter({ hasText: otherName })).toBeVisible();
  await partnerRow.getByTestId('org-tie-remove').click();
  await page.getByPlaceholder(zh.relationships.ties.removeNote).fill('录入错误');
  await page.getByTestId('org-tie-remove-confirm').click();
  await expect(partnerRow).toHaveCount(0);

  // The contact tied to one of 宝钢's people (a former colleague at the design institute) is two hops away.
  const response = await page.request.get(`/api/v1/graph/organizations/${organizationId}?depth=2`);
  expect(response.ok()).toBe(true);
  const graph = (await response.json()) as GraphBody;
  const tie = graph.edges.find((edge) => edge.type === 'former_colleague');
  expect(tie).toBeTruthy();
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const ends = [nodes.get(tie!.from)!, nodes.get(tie!.to)!];
  const tiedContact = ends.find((node) => node.subtitle?.includes('电力设计院'))!;
  const colleague = ends.find((node) => node !== tiedContact)!;
  expect(tiedContact.kind).toBe('contact');
  // The graph's list of records is the keyboard (and test) way into the same nodes the canvas draws.
  const link = page.getByTestId('graph-node-link').filter({ hasText: tiedContact.name }).first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByTestId('contact-title')).toHaveText(tiedContact.name);

  // On the contact's own Relationships tab the tie shows from the other side.
  await page.getByTestId('contact-relationships-tab').click();
  const personTies = page.getByTestId('person-ties');
  await expect(personTies).toContainText(colleague.name);
  await expect(personTies).toContainText(zh.relationships.personRoles.former_colleague_outgoing);
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible();

  // The shortest chain from me to this contact: I know 宝钢's person, who is their former colleague.
  await page.getByTestId('chain-find').click();
  const chain = page.getByTestId('chain-result');
  await expect(chain).toContainText(colleague.name);
  await expect(chain).toContainText(tiedContact.name);
  await expect(chain).toContainText(zh.relationships.chain.found.replace('{{count}}', '2'));
});
