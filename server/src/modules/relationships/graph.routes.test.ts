// The relationship graph and the shortest chain through real HTTP: depth, type filter, the node cap, scope (an
// organisation out of scope is a name only, contacts of unreadable organisations never appear) and path search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { contacts } from '../contacts/contacts.table';

type Node = { id: string; kind: string; recordId: string; name: string; subtitle: string | null; readable: boolean; depth: number };
type Edge = { from: string; to: string; type: string; label: string | null };

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const orgs: Record<string, string> = {};
const people: Record<string, string> = {};
let contactNumber = 0;

async function createOrganization(token: string, name: string) {
  const response = await t.call(token, 'POST', '/api/v1/organizations', { name, type: 'owner', confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function createContact(organizationId: string, name: string, title: string | null = null) {
  contactNumber += 1;
  const [row] = await t.database.db.insert(contacts).values({ organizationId, name, title, number: `CT-GRAPH-${contactNumber}` }).returning({ id: contacts.id });
  return row!.id;
}

async function tieOrganizations(token: string, from: string, to: string, type: string) {
  const response = await t.call(token, 'POST', `/api/v1/organizations/${from}/ties`, { organizationId: to, type });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

async function tiePeople(token: string, contactId: string, person: { kind: 'contact' | 'user'; id: string }, type: string, direction = 'outgoing') {
  const response = await t.call(token, 'POST', `/api/v1/contacts/${contactId}/ties`, { person, type, direction });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

async function graph(token: string, url: string) {
  const response = await t.call(token, 'GET', `/api/v1/graph/${url}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { centre: string; nodes: Node[]; edges: Edge[]; truncated: boolean; nodeLimit: number };
}

const names = (nodes: Node[]) => nodes.map((node) => node.name).sort();

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  const east = await t.createDepartment('华东大区', company);
  const teamA = await t.createDepartment('上海一组', east);
  const teamB = await t.createDepartment('南京二组', east);
  ids.manager = await t.createUser({ username: 'manager', departmentId: east, role: 'sales_manager', position: 'manager' });
  ids.rep = await t.createUser({ username: 'rep', departmentId: teamA, role: 'sales_rep', managerId: ids.manager });
  ids.colleague = await t.createUser({ username: 'colleague', departmentId: teamA, role: 'sales_rep', managerId: ids.manager });
  ids.peer = await t.createUser({ username: 'peer', departmentId: teamB, role: 'sales_rep', managerId: ids.manager });
  for (const name of ['manager', 'rep', 'colleague', 'peer']) tokens[name] = await t.login(name);

  // The rep's owner, its design institute and its supplier; the peer's plant is a competitor's customer.
  orgs.owner = await createOrganization(tokens.rep!, '上海城投水务集团');
  orgs.institute = await createOrganization(tokens.rep!, '上海市政工程设计研究总院');
  orgs.supplier = await createOrganization(tokens.rep!, '上海申达电缆有限公司');
  orgs.subsidiary = await createOrganization(tokens.rep!, '上海城投污水处理有限公司');
  orgs.peer = await createOrganization(tokens.peer!, '南京化学工业园热电厂');
  await tieOrganizations(tokens.rep!, orgs.institute!, orgs.owner!, 'design_institute_of');
  await tieOrganizations(tokens.rep!, orgs.supplier!, orgs.owner!, 'supplier_to');
  await tieOrganizations(tokens.rep!, orgs.owner!, orgs.subsidiary!, 'parent_of');
  await tieOrganizations(tokens.manager!, orgs.owner!, orgs.peer!, 'partner');

  people.chief = await createContact(orgs.owner!, '周建华', '总工程师');
  people.engineer = await createContact(orgs.owner!, '李工', '设备科长');
  people.designer = await createContact(orgs.institute!, '陈设计', '所长');
  people.plantHead = await createContact(orgs.peer!, '何厂长', '厂长');
  people.plantDeputy = await createContact(orgs.peer!, '钱副厂长', '副厂长');
  people.stranger = await createContact(orgs.subsidiary!, '孤立', null);

  // rep knows 李工; 李工 reports to 周建华; 周建华 and 陈设计 were colleagues.
  await tiePeople(tokens.rep!, people.engineer!, { kind: 'user', id: ids.rep! }, 'knows', 'incoming');
  await tiePeople(tokens.rep!, people.engineer!, { kind: 'contact', id: people.chief! }, 'reports_to');
  await tiePeople(tokens.rep!, people.chief!, { kind: 'contact', id: people.designer! }, 'former_colleague');
  // Only the manager reaches the plant's people: 周建华's relative there, and a shortcut the rep must not use.
  await tiePeople(tokens.manager!, people.chief!, { kind: 'contact', id: people.plantHead! }, 'relative');
  await tiePeople(tokens.manager!, people.plantHead!, { kind: 'contact', id: people.plantDeputy! }, 'friend');
});
afterAll(async () => t?.close());

describe('organisation graph', () => {
  it('depth 1: the tied organisations and the own contacts with their employment edges', async () => {
    const result = await graph(tokens.rep!, `organizations/${orgs.owner}?depth=1`);
    expect(result.centre).toBe(`organization:${orgs.owner}`);
    expect(result.truncated).toBe(false);
    expect(names(result.nodes)).toEqual(['上海城投水务集团', '上海城投污水处理有限公司', '上海市政工程设计研究总院', '上海申达电缆有限公司', '南京化学工业园热电厂', '周建华', '李工'].sort());
    expect(result.edges).toEqual(
      expect.arrayContaining([
        { from: `organization:${orgs.institute}`, to: `organization:${orgs.owner}`, type: 'design_institute_of', label: null },
        { from: `organization:${orgs.owner}`, to: `organization:${orgs.subsidiary}`, type: 'parent_of', label: null },
        { from: `contact:${people.chief}`, to: `organization:${orgs.owner}`, type: 'employment', label: null },
      ]),
    );
    // Edges among the last level are drawn too: 李工 reports to 周建华, both at depth 1.
    expect(result.edges).toEqual(expect.arrayContaining([expect.objectContaining({ from: `contact:${people.engineer}`, to: `contact:${people.chief}`, type: 'reports_to' })]));
    for (const edge of result.edges) {
      expect(result.nodes.map((node) => node.id)).toEqual(expect.arrayContaining([edge.from, edge.to]));
    }
  });

  it('an organisation out of scope is a name-only node, not walked: its contacts never appear, even at depth 3', async () => {
    const result = await graph(tokens.rep!, `organizations/${orgs.owner}?depth=3`);
    const plant = result.nodes.find((node) => node.recordId === orgs.peer);
    expect(plant).toMatchObject({ kind: 'organization', name: '南京化学工业园热电厂', readable: false, subtitle: null });
    expect(JSON.stringify(result)).not.toContain('何厂长');
    expect(JSON.stringify(result)).not.toContain('钱副厂长');
    expect(result.nodes.filter((node) => node.readable === false)).toHaveLength(1);
    // The manager reads it all: the plant's people come in through the plant and through 周建华's relative.
    const asManager = await graph(tokens.manager!, `organizations/${orgs.owner}?depth=2`);
    expect(names(asManager.nodes)).toEqual(expect.arrayContaining(['何厂长', '钱副厂长']));
    expect(asManager.nodes.every((node) => node.readable)).toBe(true);
  });

  it('depth 2 reaches the rep who knows a contact, the institute’s designer and the subsidiary’s person; depth 1 stops before them', async () => {
    const two = await graph(tokens.rep!, `organizations/${orgs.owner}?depth=2`);
    expect(two.nodes.find((node) => node.kind === 'user')).toMatchObject({ recordId: ids.rep, name: 'rep', depth: 2, readable: true });
    expect(two.nodes.find((node) => node.recordId === people.designer)).toMatchObject({ kind: 'contact', subtitle: '所长 · 上海市政工程设计研究总院' });
    expect(two.nodes.find((node) => node.recordId === people.stranger)).toMatchObject({ depth: 2 });
    // Depth 1 stops before them.
    const one = await graph(tokens.rep!, `organizations/${orgs.owner}?depth=1`);
    expect(one.nodes.map((node) => node.recordId)).not.toContain(ids.rep);
    expect(one.nodes.map((node) => node.recordId)).not.toContain(people.designer);
  });

  it('filters by tie type; employment edges are always walked', async () => {
    const result = await graph(tokens.rep!, `organizations/${orgs.owner}?depth=2&types=parent_of,reports_to`);
    expect(new Set(result.edges.map((edge) => edge.type))).toEqual(new Set(['parent_of', 'reports_to', 'employment']));
    expect(names(result.nodes)).toEqual(['上海城投水务集团', '上海城投污水处理有限公司', '周建华', '李工', '孤立'].sort());
    const bad = await t.call(tokens.rep!, 'GET', `/api/v1/graph/organizations/${orgs.owner}?depth=4&types=enemy_of`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path.split('.')[0]).sort()).toEqual(['depth', 'types']);
  });

  it('stops at 300 nodes and says so', async () => {
    const crowded = await createOrganization(tokens.rep!, '上海地铁运营有限公司');
    await t.database.db.insert(contacts).values(
      Array.from({ length: 320 }, (_, index) => ({ organizationId: crowded, name: `员工${index}`, number: `CT-CROWD-${index}` })),
    );
    const result = await graph(tokens.rep!, `organizations/${crowded}?depth=1`);
    expect(result.truncated).toBe(true);
    expect(result.nodes).toHaveLength(300);
    expect(result.nodeLimit).toBe(300);
  });

  it('is a 404 for an organisation out of scope', async () => {
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/graph/organizations/${orgs.peer}`)).status).toBe(404);
  });
});

describe('contact graph', () => {
  it('starts at the contact: their organisation and their ties, onwards by depth', async () => {
    const result = await graph(tokens.rep!, `contacts/${people.chief}?depth=1`);
    expect(result.centre).toBe(`contact:${people.chief}`);
    expect(names(result.nodes)).toEqual(['上海城投水务集团', '周建华', '李工', '陈设计'].sort());
    const asManager = await graph(tokens.manager!, `contacts/${people.chief}?depth=1`);
    expect(names(asManager.nodes)).toContain('何厂长');
  });
  it('is a 404 for a contact of an unreadable organisation', async () => {
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/graph/contacts/${people.plantHead}`)).status).toBe(404);
  });
});

describe('shortest chain', () => {
  const path = (token: string, query: string) => t.call(token, 'GET', `/api/v1/graph/path?${query}`);

  it('finds the chain from one of our reps to a contact, in order, with the ties between', async () => {
    const response = await path(tokens.rep!, `from=user:${ids.rep}&to=contact:${people.designer}`);
    expect(response.status).toBe(200);
    expect(response.body.found).toBe(true);
    expect(response.body.nodes.map((node: Node) => node.name)).toEqual(['rep', '李工', '周建华', '陈设计']);
    expect(response.body.edges.map((edge: Edge) => edge.type)).toEqual(['knows', 'reports_to', 'former_colleague']);
    // The tie keeps its own direction: 李工 reports to 周建华.
    expect(response.body.edges[1]).toMatchObject({ from: `contact:${people.engineer}`, to: `contact:${people.chief}` });
  });

  it('respects maxDepth: three ties are not found within two', async () => {
    const response = await path(tokens.rep!, `from=user:${ids.rep}&to=contact:${people.designer}&maxDepth=2`);
    expect(response.body).toEqual({ found: false, nodes: [], edges: [] });
    expect((await path(tokens.rep!, `from=user:${ids.rep}&to=contact:${people.designer}&maxDepth=3`)).body.found).toBe(true);
  });

  it('answers found=false when nobody connects them', async () => {
    const response = await path(tokens.rep!, `from=user:${ids.colleague}&to=contact:${people.designer}`);
    expect(response.status).toBe(200);
    expect(response.body.found).toBe(false);
    expect((await path(tokens.rep!, `from=contact:${people.stranger}&to=contact:${people.chief}`)).body.found).toBe(false);
  });

  it('passes only through contacts the caller may read, and an end out of scope is a 404', async () => {
    const asManager = await path(tokens.manager!, `from=user:${ids.rep}&to=contact:${people.plantDeputy}`);
    expect(asManager.body.nodes.map((node: Node) => node.name)).toEqual(['rep', '李工', '周建华', '何厂长', '钱副厂长']);
    expect((await path(tokens.rep!, `from=user:${ids.rep}&to=contact:${people.plantDeputy}`)).status).toBe(404);
    // The rep can see 上海市政院's designer but not through the plant: the relative tie is invisible to them.
    const rep = await path(tokens.rep!, `from=user:${ids.rep}&to=contact:${people.chief}`);
    expect(JSON.stringify(rep.body)).not.toContain('何厂长');
  });

  it('validates the ends: a user is not a valid target, an unknown kind is refused', async () => {
    const response = await path(tokens.rep!, `from=robot:${ids.rep}&to=user:${ids.rep}`);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['from', 'to']);
  });
});
