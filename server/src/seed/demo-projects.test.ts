// The demo projects are consistent the way the services would have left them: stages within the process, a history
// that ends where the project stands, every gate passed met, people and organisations where they belong, closes with
// reasons from the option lists, one parent with two phases and one registration waiting for arbitration.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app';
import { gateFromFacts, loadGateFacts } from '../modules/methodology/gate-criteria';
import { salesStages } from '../modules/methodology/methodology.table';
import { projects } from '../modules/projects/projects.table';
import { loadDemoData } from './demo-data';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.transaction(async (tx) => loadDemoData(tx));
}, 120_000);
afterAll(async () => t?.close());

const count = async (query: string) => Number((await t.database.query<{ n: number }>(query))[0]!.n);

describe('demo projects', () => {
  it('about 80 projects over every stage of both built-in processes, each stage within its process', async () => {
    expect(await count('select count(*)::int as n from projects')).toBeGreaterThanOrEqual(75);
    expect(await t.database.query(`select p.code, s.code as stage from sales_stages s join sales_processes p on p.id = s.process_id
                                    where p.code in ('ctmp8', 'ctmp7') and not exists (select 1 from projects pr where pr.stage_id = s.id)`)).toEqual([]);
    expect(await count('select count(*)::int as n from projects p join sales_stages s on s.id = p.stage_id where s.process_id <> p.process_id')).toBe(0);
    expect(await count('select count(*)::int as n from projects p join sales_stages s on s.id = p.stage_id where s.probability <> p.probability')).toBe(0);
    // Won ↔ the won stage; open, lost and suspended projects stand in a working stage.
    expect(await count(`select count(*)::int as n from projects p join sales_stages s on s.id = p.stage_id where (p.status = 'won') <> (s.kind = 'won')`)).toBe(0);
    // Owners: the owner of the customer, except the conflict's newcomer (on a shared account).
    expect(await count('select count(*)::int as n from projects p join organizations o on o.id = p.organization_id where p.owner_id is distinct from o.owner_id')).toBe(1);
    // Numbers follow the numbering rule.
    expect(await count(`select count(*)::int as n from projects where number !~ '^PRJ-\\d{4}-\\d{5}$'`)).toBe(0);
  });

  it('the stage history starts with create, chains from stage to stage, and ends at the current stage when it was entered', async () => {
    const rows = await t.database.query<{ project_id: string; from_stage_id: string | null; to_stage_id: string; kind: string; moved_at: Date }>(
      'select project_id, from_stage_id, to_stage_id, kind, moved_at from project_stage_history order by project_id, moved_at, id',
    );
    const all = await t.database.db.select().from(projects);
    const stages = new Map((await t.database.db.select().from(salesStages)).map((stage) => [stage.id, stage]));
    for (const project of all) {
      const history = rows.filter((row) => row.project_id === project.id);
      expect(history[0]!.kind).toBe('create');
      expect(stages.get(history[0]!.to_stage_id)!.sort).toBe(Math.min(...[...stages.values()].filter((stage) => stage.processId === project.processId).map((stage) => stage.sort)));
      for (let index = 1; index < history.length; index += 1) {
        expect(history[index]!.from_stage_id).toBe(history[index - 1]!.to_stage_id);
        expect(history[index]!.moved_at.getTime()).toBeGreaterThanOrEqual(history[index - 1]!.moved_at.getTime());
      }
      const last = history.at(-1)!;
      expect(last.to_stage_id).toBe(project.stageId);
      expect(last.kind === 'close').toBe(project.status !== 'open');
      const entered = history.filter((row) => row.kind !== 'close').at(-1)!;
      if (project.status !== 'won') expect(entered.moved_at.getTime()).toBe(project.stageEnteredAt.getTime());
      expect(project.createdAt.getTime()).toBe(history[0]!.moved_at.getTime());
    }
    // Realistic: some went back once, some stalled for two months and more.
    expect(await count(`select count(*)::int as n from project_stage_history where kind = 'back'`)).toBeGreaterThan(0);
    expect(await count(`select count(*)::int as n from projects where status = 'open' and stage_entered_at < now() - interval '60 days'`)).toBeGreaterThan(2);
  });

  it('every gate a project passed is met, by the methodology module’s own evaluator', async () => {
    const db = t.database.db;
    for (const project of await db.select().from(projects)) {
      const stages = await db.select().from(salesStages).where(eq(salesStages.processId, project.processId));
      const first = stages.sort((left, right) => left.sort - right.sort)[0]!;
      const current = stages.find((stage) => stage.id === project.stageId)!;
      const gate = gateFromFacts(await loadGateFacts(db, { ...project, stageId: first.id }), current);
      expect({ project: project.name, unmet: gate.unmet.map((status) => status.criterion) }).toEqual({ project: project.name, unmet: [] });
    }
  });

  it('stakeholders are contacts of the owner or a related organisation; competitors are competitors; checklist items exist', async () => {
    expect(await count('select count(*)::int as n from project_stakeholders')).toBeGreaterThan(150);
    expect(await count(`select count(*)::int as n from project_stakeholders s join projects p on p.id = s.project_id join contacts c on c.id = s.contact_id
                         where c.organization_id <> p.organization_id
                           and not exists (select 1 from project_organizations po where po.project_id = p.id and po.organization_id = c.organization_id)`)).toBe(0);
    expect(await count(`select count(*)::int as n from project_stakeholders where buying_role not in ('decision_maker', 'technical_evaluator', 'user', 'procurement', 'finance', 'coach')
                           or attitude not in ('supporter', 'neutral', 'opponent')`)).toBe(0);
    expect(await count(`select count(*)::int as n from project_competitors pc join organizations o on o.id = pc.organization_id where o.type <> 'competitor'`)).toBe(0);
    expect(await t.database.query(`select o.name, o.type, po.role from project_organizations po join organizations o on o.id = po.organization_id where o.type <> po.role`)).toEqual([]);
    expect(await count(`select count(*)::int as n from project_checklist c join projects p on p.id = c.project_id join sales_stages s on s.id = c.stage_id
                         where s.process_id <> p.process_id or not s.checklist @> jsonb_build_array(jsonb_build_object('key', c.item_key))`)).toBe(0);
    // The pre-sales engineer is on some teams (through the access layer: he reads those projects).
    expect(await count(`select count(*)::int as n from project_members m join users u on u.id = m.user_id where u.username = 'guopeng'`)).toBeGreaterThan(5);
  });

  it('closed projects carry a reason from their option list and lessons; a lost one names the winner among its competitors', async () => {
    for (const [status, list] of [['won', 'project_win_reason'], ['lost', 'project_loss_reason'], ['suspended', 'project_suspend_reason']]) {
      expect(await count(`select count(*)::int as n from projects where status = '${status}'`)).toBeGreaterThan(0);
      expect(await count(`select count(*)::int as n from projects p where p.status = '${status}' and (p.closed_at is null or coalesce(p.lessons_learned, '') = ''
                           or not exists (select 1 from options o where o.list_key = '${list}' and o.code = p.close_reason))`)).toBe(0);
    }
    expect(await count(`select count(*)::int as n from projects p where p.status = 'lost' and (p.winning_price is null
                         or not exists (select 1 from project_competitors c where c.project_id = p.id and c.organization_id = p.winner_organization_id))`)).toBe(0);
    expect(await count(`select count(*)::int as n from projects where status = 'open' and (closed_at is not null or close_reason is not null)`)).toBe(0);
  });

  it('tenders with bidders, one parent with two phases, and one registration conflict waiting', async () => {
    expect(await count(`select count(*)::int as n from tenders where number !~ '^TB-\\d{4}-\\d{4}$'`)).toBe(0);
    expect(await count(`select count(distinct tender_id)::int as n from tender_bidders`)).toBeGreaterThan(3);
    expect(await count(`select count(*)::int as n from tender_bidders b where b.is_us`)).toBe(await count(`select count(distinct tender_id)::int as n from tender_bidders`));
    const phases = await t.database.query<{ parent: string; phases: number }>(`select parent.name as parent, count(*)::int as phases from projects p join projects parent on parent.id = p.parent_id group by parent.name`);
    expect(phases).toEqual([{ parent: '广州地铁十一号线机电设备采购项目', phases: 2 }]);
    const pending = await t.database.query<{ newcomer: string; holder: string; status: string }>(`
      select n.name as newcomer, h.name as holder, n.registration_status as status from project_registrations r
        join projects n on n.id = r.project_id join projects h on h.id = r.conflict_project_id where r.status = 'pending'`);
    expect(pending).toEqual([{ newcomer: '宝钢冷轧厂乳化液泵组更新工程', holder: '宝钢股份冷轧厂乳化液泵组更新项目', status: 'pending' }]);
    expect(await count(`select count(*)::int as n from projects where registration_status = 'pending'`)).toBe(1);
  });

  it('a rep lists their projects and the pre-sales engineer opens one he is on the team of', async () => {
    const rep = await t.login('liming', 'openpsm-demo');
    const list = await t.call(rep, 'GET', '/api/v1/projects?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(3);
    const [membership] = await t.database.query<{ project_id: string }>(`select m.project_id from project_members m join users u on u.id = m.user_id where u.username = 'guopeng' limit 1`);
    const engineer = await t.login('guopeng', 'openpsm-demo');
    expect((await t.call(engineer, 'GET', `/api/v1/projects/${membership!.project_id}`)).status).toBe(200);
  });
});
