// Saved views through real HTTP: own views only, one default per user and list, names unique, versions, validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};

type View = { id: string; name: string; isDefault: boolean; version: number; filters: Record<string, string>; columns: string[]; sort: string | null };

async function createView(token: string, body: Record<string, unknown>) {
  const response = await t.call(token, 'POST', '/api/v1/views', { listKey: 'organizations', ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as View;
}

async function listViews(token: string, listKey = 'organizations') {
  const response = await t.call(token, 'GET', `/api/v1/views?listKey=${listKey}`);
  expect(response.status).toBe(200);
  return response.body.items as View[];
}

const defaults = (views: View[]) => views.filter((view) => view.isDefault).map((view) => view.name);

beforeAll(async () => {
  t = await createTestApp();
  const company = await t.createDepartment('总公司');
  await t.createUser({ username: 'rep', departmentId: company, role: 'sales_rep' });
  await t.createUser({ username: 'other', departmentId: company, role: 'sales_rep' });
  for (const name of ['rep', 'other']) tokens[name] = await t.login(name);
});
afterAll(async () => t?.close());

describe('saved views', () => {
  it('creates, lists (by name), updates and deletes a view', async () => {
    const created = await createView(tokens.rep!, { name: '我的A级客户', filters: { grade: 'A', mine: 'true' }, columns: ['name', 'grade', 'owner'], sort: '-updatedAt' });
    expect(created).toMatchObject({ name: '我的A级客户', filters: { grade: 'A', mine: 'true' }, columns: ['name', 'grade', 'owner'], sort: '-updatedAt', isDefault: false, version: 1 });
    await createView(tokens.rep!, { name: '华东设计院' });
    expect((await listViews(tokens.rep!)).map((view) => view.name)).toEqual(['华东设计院', '我的A级客户'].sort());
    expect(await listViews(tokens.rep!, 'contacts')).toEqual([]);

    const renamed = await t.call(tokens.rep!, 'PATCH', `/api/v1/views/${created.id}`, { name: 'A级客户', sort: null, version: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'A级客户', sort: null, version: 2, filters: { grade: 'A', mine: 'true' } });

    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/views/${created.id}`)).status).toBe(204);
    expect((await listViews(tokens.rep!)).map((view) => view.name)).toEqual(['华东设计院']);
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/views/${created.id}`)).status).toBe(404);
  });

  it('keeps exactly one default per user and list: setting one unsets the other', async () => {
    const first = await createView(tokens.rep!, { name: '默认一', isDefault: true });
    expect(defaults(await listViews(tokens.rep!))).toEqual(['默认一']);
    await createView(tokens.rep!, { name: '默认二', isDefault: true });
    expect(defaults(await listViews(tokens.rep!))).toEqual(['默认二']);
    // The view that lost its default moved on a version: an edit based on the old one is stale.
    const stale = await t.call(tokens.rep!, 'PATCH', `/api/v1/views/${first.id}`, { isDefault: true, version: first.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const current = (await listViews(tokens.rep!)).find((view) => view.id === first.id)!;
    const back = await t.call(tokens.rep!, 'PATCH', `/api/v1/views/${first.id}`, { isDefault: true, version: current.version });
    expect(back.status).toBe(200);
    expect(defaults(await listViews(tokens.rep!))).toEqual(['默认一']);
    // Unsetting leaves none; another user's and another list's defaults are untouched.
    await createView(tokens.other!, { name: '别人的默认', isDefault: true });
    await createView(tokens.rep!, { listKey: 'contacts', name: '联系人默认', isDefault: true });
    const off = await t.call(tokens.rep!, 'PATCH', `/api/v1/views/${first.id}`, { isDefault: false, version: back.body.version });
    expect(off.status).toBe(200);
    expect(defaults(await listViews(tokens.rep!))).toEqual([]);
    expect(defaults(await listViews(tokens.rep!, 'contacts'))).toEqual(['联系人默认']);
    expect(defaults(await listViews(tokens.other!))).toEqual(['别人的默认']);
  });

  it('concurrent "make default" calls still leave exactly one default', async () => {
    const views = await Promise.all(['并发一', '并发二', '并发三'].map((name) => createView(tokens.other!, { listKey: 'contacts', name })));
    const answers = await Promise.all(views.map((view) => t.call(tokens.other!, 'PATCH', `/api/v1/views/${view.id}`, { isDefault: true, version: view.version })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(defaults(await listViews(tokens.other!, 'contacts'))).toHaveLength(1);
  });

  it("another user's view is a 404 for edit and delete, and never listed", async () => {
    const mine = await createView(tokens.rep!, { name: '私人视图' });
    expect((await t.call(tokens.other!, 'PATCH', `/api/v1/views/${mine.id}`, { name: '偷改', version: 1 })).status).toBe(404);
    expect((await t.call(tokens.other!, 'DELETE', `/api/v1/views/${mine.id}`)).status).toBe(404);
    expect((await listViews(tokens.other!)).map((view) => view.id)).not.toContain(mine.id);
    expect((await listViews(tokens.rep!)).find((view) => view.id === mine.id)?.name).toBe('私人视图');
  });

  it('refuses a name already used for the same list (409 naming the field); another user or list may reuse it', async () => {
    await createView(tokens.rep!, { name: '重名' });
    const again = await t.call(tokens.rep!, 'POST', '/api/v1/views', { listKey: 'organizations', name: '重名' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_exists', errors: [{ path: 'name', code: 'view_name_taken' }] });
    await createView(tokens.other!, { name: '重名' });
    await createView(tokens.rep!, { listKey: 'contacts', name: '重名' });
    const other = await createView(tokens.rep!, { name: '另一个' });
    const rename = await t.call(tokens.rep!, 'PATCH', `/api/v1/views/${other.id}`, { name: '重名', version: other.version });
    expect(rename.status).toBe(409);
    expect(rename.body.errors[0]).toMatchObject({ path: 'name', code: 'view_name_taken' });
  });

  it('validates input, naming every problem', async () => {
    const bad = await t.call(tokens.rep!, 'POST', '/api/v1/views', { listKey: 'spaceships', name: '', filters: { page: '2', 'bad key': 'x' }, sort: 'drop table', columns: 'name' });
    expect(bad.status).toBe(400);
    const paths = (bad.body.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['listKey', 'name', 'sort', 'columns']));
    expect(paths.some((path) => path.startsWith('filters'))).toBe(true);
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/views')).status).toBe(400);
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/views?listKey=nope')).status).toBe(400);
    const mine = await createView(tokens.rep!, { name: '无版本' });
    const noVersion = await t.call(tokens.rep!, 'PATCH', `/api/v1/views/${mine.id}`, { name: '改' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors[0].path).toBe('version');
  });

  it('needs a sign-in', async () => {
    expect((await t.call(null, 'GET', '/api/v1/views?listKey=organizations')).status).toBe(401);
    expect((await t.call(null, 'POST', '/api/v1/views', { listKey: 'organizations', name: 'x' })).status).toBe(401);
  });
});
