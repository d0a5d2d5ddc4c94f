// Tenders, their documents and the price history over HTTP, with the refusals: scope 404, permission and read-only
// 403, validation 400 naming every field, stale version 409, a file too large 413, a file type not accepted 415.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../platform/audit/audit.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { ensureTestProcess } from '../projects/project-fixtures';
import { projects } from '../projects/projects.table';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let tender: any;
const MAX_BYTES = 4096;

async function createOrganization(name: string, type = 'owner') {
  const response = await t.call(tokens.rep!, 'POST', '/api/v1/organizations', { name, type, confirmDuplicate: true });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** POSTs a file as multipart/form-data, as a browser does. */
async function uploadFile(token: string, tenderId: string, fileName: string, file: Buffer) {
  const boundary = `----openpsm${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/attachments?recordType=tender&recordId=${tenderId}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return { status: response.statusCode, body: JSON.parse(response.body || 'null') };
}

const tenderUrl = (suffix = '') => `/api/v1/projects/${ids.project}/tenders/${tender.id}${suffix}`;

beforeAll(async () => {
  t = await createTestApp({ ATTACHMENT_MAX_MB: String(MAX_BYTES / 1024 / 1024) });
  await ensureTestProcess(t.database.db);
  const department = await t.createDepartment('华东大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep' });
  ids.peer = await t.createUser({ username: 'peer', departmentId: department, role: 'sales_rep' });
  ids.presales = await t.createUser({ username: 'presales', departmentId: department, role: 'presales_engineer' });
  ids.viewer = await t.createUser({ username: 'viewer', departmentId: department, role: 'logistics' });
  for (const name of ['rep', 'peer', 'presales', 'viewer']) tokens[name] = await t.login(name);
  ids.owner = await createOrganization('上海城投水务集团有限公司');
  ids.rival = await createOrganization('凯泉泵业集团有限公司', 'competitor');
  const project = await t.call(tokens.rep!, 'POST', '/api/v1/projects', { name: '临港新片区污水处理厂二期水泵采购', organizationId: ids.owner, productLines: ['pumps'], region: 'east' });
  expect(project.status, JSON.stringify(project.body)).toBe(201);
  ids.project = project.body.id;
  const member = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${ids.project}/members`, { userId: ids.presales, role: 'presales', access: 'read' });
  expect(member.status, JSON.stringify(member.body)).toBeLessThan(300);
  tokens.presales = await t.login('presales');
});

afterAll(async () => {
  await t.close();
});

describe('tenders', () => {
  it('creates a tender with its number, deadlines and the project product line and region', async () => {
    const response = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${ids.project}/tenders`, {
      title: '临港污水厂二期水泵设备公开招标',
      noticeOn: '2025-03-01',
      questionsDueAt: '2025-03-10T09:00:00+08:00',
      submissionDueAt: '2025-03-20T09:30:00+08:00',
      openingAt: '2025-03-20T09:30:00+08:00',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    tender = response.body;
    expect(tender.number).toMatch(/^TB-\d{4}-\d{4}$/);
    expect(tender).toMatchObject({ bidDecision: 'pending', result: 'pending', productLine: 'pumps', region: 'east', version: 1, bidders: [], documentCount: 0 });
    const list = await t.call(tokens.presales!, 'GET', `/api/v1/projects/${ids.project}/tenders`);
    expect(list.body.items.map((item: any) => item.id)).toEqual([tender.id]);
  });

  it('names every invalid field, refuses other scopes, read-only members and roles without project.edit', async () => {
    const invalid = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${ids.project}/tenders`, { title: 'x', ourPrice: '12,5', submissionDueAt: 'tomorrow' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: any) => error.path).sort()).toEqual(['ourPrice', 'submissionDueAt', 'title']);
    const rules = await t.call(tokens.rep!, 'POST', `/api/v1/projects/${ids.project}/tenders`, {
      title: '顺序错误的招标',
      productLine: 'rockets',
      submissionDueAt: '2025-03-20T09:30:00+08:00',
      openingAt: '2025-03-19T09:30:00+08:00',
    });
    expect(rules.status).toBe(400);
    expect(rules.body.errors.map((error: any) => error.path).sort()).toEqual(['productLine', 'submissionDueAt']);
    expect((await t.call(tokens.peer!, 'GET', `/api/v1/projects/${ids.project}/tenders`)).status).toBe(404);
    expect((await t.call(tokens.peer!, 'POST', `/api/v1/projects/${ids.project}/tenders`, { title: '越权招标' })).status).toBe(404);
    expect((await t.call(tokens.presales!, 'POST', `/api/v1/projects/${ids.project}/tenders`, { title: '只读成员的招标' })).status).toBe(403);
    expect((await t.call(tokens.viewer!, 'POST', `/api/v1/projects/${ids.project}/tenders`, { title: '物流的招标' })).status).toBe(403);
    expect((await t.call(tokens.peer!, 'GET', tenderUrl())).status).toBe(404);
  });

  it('records the bid decision with its reason and refuses a stale version', async () => {
    const missing = await t.call(tokens.rep!, 'POST', tenderUrl('/decision'), { decision: 'bid', reason: '', version: tender.version });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((error: any) => error.path)).toEqual(['reason']);
    const decided = await t.call(tokens.rep!, 'POST', tenderUrl('/decision'), { decision: 'bid', reason: '技术参数有优势，业主认可', version: tender.version });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ bidDecision: 'bid', decisionReason: '技术参数有优势，业主认可', decidedBy: { id: ids.rep }, version: 2 });
    const stale = await t.call(tokens.rep!, 'PATCH', tenderUrl(), { ourPrice: '1280000.00', version: 1 });
    expect(stale.status).toBe(409);
    tender = decided.body;
  });

  it('edits deadlines and our price with history, and keeps bidders with prices and ranks', async () => {
    const edited = await t.call(tokens.rep!, 'PATCH', tenderUrl(), { ourPrice: '1280000.00', openingAt: '2025-03-21T09:30:00+08:00', version: tender.version });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.ourPrice).toBe('1280000.00');
    const history = await t.database.db.select().from(recordHistory).where(eq(recordHistory.recordId, tender.id));
    expect(history.map((line) => line.action)).toEqual(['create', 'decide', 'update']);
    expect(history[2]!.changes.map((change) => change.field).sort()).toEqual(['openingAt', 'ourPrice']);
    const twoOfUs = await t.call(tokens.rep!, 'PUT', tenderUrl('/bidders'), {
      bidders: [{ bidderName: '我方', isUs: true }, { bidderName: '也是我方', isUs: true }, { organizationId: crypto.randomUUID() }],
      version: edited.body.version,
    });
    expect(twoOfUs.status).toBe(400);
    expect(twoOfUs.body.errors.map((error: any) => error.path).sort()).toEqual(['bidders.1.isUs', 'bidders.2.organizationId']);
    const nameless = await t.call(tokens.rep!, 'PUT', tenderUrl('/bidders'), { bidders: [{ price: '1' }], version: edited.body.version });
    expect(nameless.body.errors.map((error: any) => error.path)).toEqual(['bidders.0.bidderName']);
    const bidders = await t.call(tokens.rep!, 'PUT', tenderUrl('/bidders'), {
      bidders: [
        { bidderName: '上海东方泵业', isUs: true, price: '1280000.00', rank: 2 },
        { organizationId: ids.rival, price: '1190000.00', rank: 1 },
        { bidderName: '南方泵业股份', price: '1350000.00', rank: 3 },
      ],
      version: edited.body.version,
    });
    expect(bidders.status, JSON.stringify(bidders.body)).toBe(200);
    expect(bidders.body.bidders.map((bidder: any) => [bidder.bidderName, bidder.rank, bidder.isUs])).toEqual([
      ['凯泉泵业集团有限公司', 1, false],
      ['上海东方泵业', 2, true],
      ['南方泵业股份', 3, false],
    ]);
    tender = bidders.body;
  });

  it('records a lost opening without closing the project', async () => {
    const result = await t.call(tokens.rep!, 'POST', tenderUrl('/result'), { result: 'lost', winnerOrganizationId: ids.rival, winningPrice: '1190000.00', version: tender.version });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ result: 'lost', winnerOrganization: { id: ids.rival, name: '凯泉泵业集团有限公司' }, winningPrice: '1190000.00' });
    const [project] = await t.database.db.select().from(projects).where(eq(projects.id, ids.project!));
    expect(project!.status).toBe('open');
    const unknown = await t.call(tokens.rep!, 'POST', tenderUrl('/result'), { result: 'lost', winnerOrganizationId: crypto.randomUUID(), version: result.body.version });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((error: any) => error.path)).toEqual(['winnerOrganizationId']);
    tender = result.body;
  });

  it("answers the price history within the caller's scope", async () => {
    const history = await t.call(tokens.rep!, 'GET', '/api/v1/tenders/price-history?productLine=pumps&region=east&from=2025-01-01&to=2025-12-31');
    expect(history.status).toBe(200);
    expect(history.body.items.map((point: any) => [point.date, point.bidder, point.price])).toEqual([
      ['2025-03-21', '凯泉泵业集团有限公司', '1190000.00'],
      ['2025-03-21', '上海东方泵业', '1280000.00'],
      ['2025-03-21', '南方泵业股份', '1350000.00'],
    ]);
    expect((await t.call(tokens.rep!, 'GET', '/api/v1/tenders/price-history?from=2026-01-01')).body.items).toHaveLength(0);
    expect((await t.call(tokens.peer!, 'GET', '/api/v1/tenders/price-history?productLine=pumps')).body.items).toHaveLength(0);
    const invalid = await t.call(tokens.rep!, 'GET', '/api/v1/tenders/price-history?from=March');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: any) => error.path)).toEqual(['from']);
  });
});

describe('tender documents', () => {
  it('uploads, lists and downloads a document with its UTF-8 name', async () => {
    const uploaded = await uploadFile(tokens.rep!, tender.id, '招标文件（第二版）.pdf', Buffer.from('%PDF-1.4 招标文件'));
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body).toMatchObject({ fileName: '招标文件（第二版）.pdf', contentType: 'application/pdf', uploadedBy: { id: ids.rep } });
    ids.document = uploaded.body.id;
    const list = await t.call(tokens.presales!, 'GET', `/api/v1/attachments?recordType=tender&recordId=${tender.id}`);
    expect(list.body.items.map((item: any) => item.fileName)).toEqual(['招标文件（第二版）.pdf']);
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${ids.document}/download`, headers: { authorization: `Bearer ${tokens.presales}` } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="_________.pdf"; filename*=UTF-8''${encodeURIComponent('招标文件（第二版）.pdf')}`);
    expect(download.rawPayload.toString()).toBe('%PDF-1.4 招标文件');
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/projects/${ids.project}/tenders/${tender.id}`)).body.documentCount).toBe(1);
  });

  it('refuses a file too large, a type not accepted, a read-only member and another scope', async () => {
    const large = await uploadFile(tokens.rep!, tender.id, '图纸.pdf', Buffer.alloc(MAX_BYTES + 1, 1));
    expect(large.status).toBe(413);
    expect(large.body.errors[0]).toMatchObject({ path: 'file', code: 'attachment_too_large' });
    const script = await uploadFile(tokens.rep!, tender.id, 'setup.exe', Buffer.from('MZ'));
    expect(script.status).toBe(415);
    expect((await uploadFile(tokens.presales!, tender.id, '备注.txt', Buffer.from('hi'))).status).toBe(403);
    expect((await uploadFile(tokens.peer!, tender.id, '备注.txt', Buffer.from('hi'))).status).toBe(404);
    expect((await t.call(tokens.peer!, 'GET', `/api/v1/attachments/${ids.document}/download`)).status).toBe(404);
    expect((await t.call(tokens.peer!, 'GET', `/api/v1/attachments?recordType=tender&recordId=${tender.id}`)).status).toBe(404);
    expect((await t.call(tokens.presales!, 'DELETE', `/api/v1/attachments/${ids.document}`)).status).toBe(403);
    const badQuery = await t.call(tokens.rep!, 'GET', '/api/v1/attachments?recordType=spaceship&recordId=1');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors.map((error: any) => error.path).sort()).toEqual(['recordId', 'recordType']);
  });

  it('removes a document softly, then a tender, at its version', async () => {
    expect((await t.call(tokens.rep!, 'DELETE', `/api/v1/attachments/${ids.document}`)).status).toBe(204);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/attachments?recordType=tender&recordId=${tender.id}`)).body.items).toHaveLength(0);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/attachments/${ids.document}/download`)).status).toBe(404);
    expect((await t.call(tokens.rep!, 'DELETE', tenderUrl(), { version: 1 })).status).toBe(409);
    expect((await t.call(tokens.rep!, 'DELETE', tenderUrl(), { version: tender.version })).status).toBe(204);
    expect((await t.call(tokens.rep!, 'GET', tenderUrl())).status).toBe(404);
    expect((await t.call(tokens.rep!, 'GET', `/api/v1/tenders/price-history?productLine=pumps`)).body.items).toHaveLength(0);
  });
});
