// Grading (CUS-4) on real data: normalised indicators, weights that change grades, threshold boundaries, history
// lines only when a grade changes, and the model's API with its validation.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../platform/audit/audit.table';
import { createTestApp, type TestApp } from '../../test/test-app';
import { organizations } from '../organizations/organizations.table';
import { addDays, insertOrganization, organizationRow } from '../pool/pool-test-kit';
import { gradeOrganizations } from './grading.service';

let t: TestApp;
let admin: string;
const orgs: Record<string, string> = {};
const NOW = new Date('2031-01-10T02:00:00Z');

async function setModel(weights: Record<string, number>, thresholds = { a: 60, b: 30 }) {
  const current = await t.call(admin, 'GET', '/api/v1/grading/model');
  const response = await t.call(admin, 'PUT', '/api/v1/grading/model', { weights: { revenue: 0, profit: 0, frequency: 0, potential: 0, ...weights }, thresholds, version: current.body.version });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const scoreOf = async (key: string) => {
  const row = await organizationRow(t, orgs[key]!);
  return { score: row.gradeScore === null ? null : Number(row.gradeScore), grade: row.grade };
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  // Busy: bought, the largest scale, followed up today → frequency ½, potential 1.
  orgs.busy = await insertOrganization(t, '宝山钢铁股份有限公司', { scale: 'huge', stage: 'purchasing', lastActivityAt: NOW });
  // Idle: lost, smallest scale, never followed up → every indicator 0.
  orgs.idle = await insertOrganization(t, '某某小型贸易公司', { scale: 'small', stage: 'lost' });
  // Middling: second-smallest of four scales (⅓), intentional (0.6), last follow-up 45 of 90 days ago (recency ½).
  orgs.middling = await insertOrganization(t, '南京水务集团有限公司', { scale: 'medium', stage: 'intentional', lastActivityAt: addDays(NOW, -45) });
  orgs.competitor = await insertOrganization(t, '竞争对手泵业公司', { type: 'competitor', scale: 'huge', stage: 'purchasing' });
});
afterAll(async () => t?.close());

describe('gradeOrganizations', () => {
  it('scores from normalised indicators and files by the thresholds; competitors are not graded', async () => {
    await setModel({ frequency: 50, potential: 50 });
    const result = await gradeOrganizations(t.database.db, NOW);
    expect(result.graded).toBe(3);
    expect(await scoreOf('busy')).toEqual({ score: 75, grade: 'A' });
    expect(await scoreOf('idle')).toEqual({ score: 0, grade: 'C' });
    // 50 · (½ · ½) + 50 · (½ · ⅓ + ½ · 0.6) = 12.5 + 23.33
    expect(await scoreOf('middling')).toEqual({ score: 35.83, grade: 'B' });
    expect((await organizationRow(t, orgs.competitor!)).grade).toBeNull();
    expect((await organizationRow(t, orgs.busy!)).gradedAt).toEqual(NOW);
  });

  it('changing the weights changes the grades, with a history line for each change only', async () => {
    await setModel({ frequency: 100 });
    const result = await gradeOrganizations(t.database.db, NOW);
    expect(result.changed).toBe(2);
    expect(await scoreOf('busy')).toEqual({ score: 50, grade: 'B' });
    expect(await scoreOf('middling')).toEqual({ score: 25, grade: 'C' });
    const history = await t.database.db.select().from(recordHistory).where(eq(recordHistory.recordId, orgs.busy!));
    expect(history.filter((entry) => entry.action === 'grade.computed').map((entry) => entry.changes)).toEqual([
      [{ field: 'grade', old: null, new: 'A' }],
      [{ field: 'grade', old: 'A', new: 'B' }],
    ]);
    expect((await gradeOrganizations(t.database.db, NOW)).changed).toBe(0);
  });

  it('counts touches of the last 90 days towards frequency', async () => {
    const entries = (days: number, count: number) =>
      Array.from({ length: count }, () => ({ recordType: 'organization', recordId: orgs.idle!, action: 'update', actorId: orgs.busy!, at: addDays(NOW, -days) }));
    await t.database.db.insert(recordHistory).values([...entries(10, 4), ...entries(120, 20)]);
    await gradeOrganizations(t.database.db, NOW);
    // Four recent touches of ten: ½ · 0.4; the old ones do not count.
    expect(await scoreOf('idle')).toEqual({ score: 20, grade: 'C' });
  });

  it('revenue and profit read zero until contracts exist: weighing only them grades everyone C without dividing by zero', async () => {
    await setModel({ revenue: 60, profit: 40 });
    await gradeOrganizations(t.database.db, NOW);
    for (const key of ['busy', 'idle', 'middling']) expect(await scoreOf(key)).toEqual({ score: 0, grade: 'C' });
  });

  it('a score on a threshold gets the grade of that threshold', async () => {
    await setModel({ frequency: 50, potential: 50 }, { a: 75, b: 35.83 });
    await gradeOrganizations(t.database.db, NOW);
    expect((await scoreOf('busy')).grade).toBe('A');
    expect((await scoreOf('middling')).grade).toBe('B');
    await setModel({ frequency: 50, potential: 50 }, { a: 75.01, b: 35.84 });
    await gradeOrganizations(t.database.db, NOW);
    expect((await scoreOf('busy')).grade).toBe('B');
    expect((await scoreOf('middling')).grade).toBe('C');
  });

  it('leaves deleted organisations alone', async () => {
    await t.database.db.update(organizations).set({ deletedAt: NOW, grade: null }).where(eq(organizations.id, orgs.idle!));
    const result = await gradeOrganizations(t.database.db, NOW);
    expect(result.graded).toBe(2);
    expect((await organizationRow(t, orgs.idle!)).grade).toBeNull();
  });
});

describe('grading model API', () => {
  it('validates weights and thresholds, naming the problem', async () => {
    const current = await t.call(admin, 'GET', '/api/v1/grading/model');
    const zero = await t.call(admin, 'PUT', '/api/v1/grading/model', { weights: { revenue: 0, profit: 0, frequency: 0, potential: 0 }, thresholds: { a: 60, b: 30 }, version: current.body.version });
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].path).toBe('weights');
    const order = await t.call(admin, 'PUT', '/api/v1/grading/model', { weights: { revenue: 1, profit: 1, frequency: 1, potential: -1 }, thresholds: { a: 30, b: 30 }, version: current.body.version });
    expect(order.status).toBe(400);
    expect(order.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['thresholds.a', 'weights.potential']);
    const stale = await t.call(admin, 'PUT', '/api/v1/grading/model', { weights: current.body.weights, thresholds: current.body.thresholds, version: current.body.version - 1 });
    expect(stale.status).toBe(409);
  });
  it('is read with config.view, changed and run with config.configure; it remembers the last run', async () => {
    const department = await t.createDepartment('销售部');
    await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep' });
    const rep = await t.login('rep');
    expect((await t.call(rep, 'GET', '/api/v1/grading/model')).status).toBe(403);
    expect((await t.call(rep, 'POST', '/api/v1/grading/run')).status).toBe(403);
    const run = await t.call(admin, 'POST', '/api/v1/grading/run');
    expect(run.status).toBe(200);
    expect(run.body.graded).toBe(2);
    const model = await t.call(admin, 'GET', '/api/v1/grading/model');
    expect(model.body.lastRunAt).not.toBeNull();
    expect(model.body.weights).toEqual({ revenue: 0, profit: 0, frequency: 50, potential: 50 });
  });
});
