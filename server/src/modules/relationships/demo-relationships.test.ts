// The demo's ties: the graph of 宝钢股份 shows its design institute, supplier and people, and 李明 reaches 宝钢's
// decision maker through a chain of person ties.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { DEMO_PASSWORD, loadDemoData } from '../../seed/demo-data';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction(async (tx) => loadDemoData(tx));
  token = await t.login('liming', DEMO_PASSWORD);
});
afterAll(async () => t?.close());

describe('demo relationships', () => {
  it('ties demo organisations of every kind and demo people, each with its history lines', async () => {
    const [counts] = await t.database.query<{ organization_ties: number; types: string[]; person_ties: number; person_types: string[]; history: number }>(`
      select (select count(*)::int from organization_ties) as organization_ties,
             (select array_agg(distinct type order by type) from organization_ties) as types,
             (select count(*)::int from person_ties) as person_ties,
             (select array_agg(distinct type order by type) from person_ties) as person_types,
             (select count(*)::int from record_history where action = 'tie.add') as history`);
    expect(counts!.organization_ties).toBeGreaterThanOrEqual(15);
    expect(counts!.types).toEqual(['competitor_of', 'design_institute_of', 'parent_of', 'partner', 'supplier_to']);
    expect(counts!.person_ties).toBeGreaterThanOrEqual(6);
    expect(counts!.person_types).toEqual(expect.arrayContaining(['reports_to', 'former_colleague', 'friend', 'knows']));
    expect(counts!.history).toBeGreaterThanOrEqual(counts!.organization_ties * 2);
  });

  it('draws 宝钢股份 with its design institute, its supplier and its people', async () => {
    const [baosteel] = await t.database.query<{ id: string }>(`select id from organizations where name = '上海宝山钢铁股份有限公司'`);
    const graph = await t.call(token, 'GET', `/api/v1/graph/organizations/${baosteel!.id}?depth=2`);
    expect(graph.status).toBe(200);
    const names = graph.body.nodes.map((node: { name: string }) => node.name);
    expect(names).toEqual(expect.arrayContaining(['中国能源建设集团上海电力设计院有限公司', '上海申达电缆有限公司', '李明']));
    expect(graph.body.nodes.filter((node: { kind: string }) => node.kind === 'contact').length).toBeGreaterThanOrEqual(2);
  });

  it('finds the chain from 李明 to 宝钢’s decision maker', async () => {
    const [me] = await t.database.query<{ id: string }>(`select id from users where username = 'liming'`);
    const [boss] = await t.database.query<{ id: string }>(`
      select c.id from contacts c join organizations o on o.id = c.organization_id
       where o.name = '上海宝山钢铁股份有限公司' and c.buying_role = 'decision_maker'`);
    const path = await t.call(token, 'GET', `/api/v1/graph/path?from=user:${me!.id}&to=contact:${boss!.id}`);
    expect(path.status).toBe(200);
    expect(path.body.found).toBe(true);
    expect(path.body.edges.map((edge: { type: string }) => edge.type)).toEqual(['knows', 'reports_to']);
  });
});
