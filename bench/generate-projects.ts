// Sales projects for the benchmark (issue 5): N projects over both built-in processes' stages, their related
// organisations, stakeholders, competitors, team members, checklist progress and a stage history of about M rows.
// Set-based SQL: a plan row per project drawn once with the session's seeded random(), then one
// `insert … select` per table from it (generate_series for the history), so 300,000 projects take minutes.
// The project indexes are dropped before the load and rebuilt from their own definitions after it.
import { sql } from 'drizzle-orm';
import type { Tx } from '../server/src/db/client';
import { nameSearchKeys } from '../server/src/modules/organizations/organizations.service';
import { projectNameKey, siteKey } from '../server/src/modules/registration/project-name';
import { regions } from './vocabulary';

export type GenerateProjectsOptions = {
  projects: number;
  /** Stage-history rows in all (create, advance, back, close); at least one per stage a project passed. */
  historyRows: number;
  log?: (line: string) => void;
};

export type GeneratedProjects = {
  projects: number;
  byStatus: Record<string, number>;
  byProcess: Record<string, number>;
  history: number;
  relatedOrganizations: number;
  stakeholders: number;
  competitors: number;
  members: number;
  checklist: number;
  seconds: number;
};

/** Tables the load writes: their secondary indexes are dropped first and rebuilt after. */
const loadedTables = ['projects', 'project_stage_history', 'project_organizations', 'project_stakeholders', 'project_competitors', 'project_members', 'project_checklist'];

// What a project is about: a facility at a place, and the work done there (设备采购, 改造 …).
const facilities = ['水厂', '污水处理厂', '热电厂', '炼钢厂', '焦化厂', '乙烯装置', '循环水站', '泵站', '地铁线', '综合管廊', '输水管线', '冷却塔', '锅炉房', '再生水厂', '化工园区', '码头', '医院新院区', '数据中心', '垃圾焚烧厂', '供热站'];
const works = ['水泵采购项目', '提标改造工程', '阀门集中采购', '自控系统升级', '扩建工程', '节能改造项目', '设备更新项目', '成套设备采购', '运维服务项目', '新建工程'];
const phases = ['', '', '', '一期', '二期', '三期'];

type Random = () => number;

export async function insertProjects(tx: Tx, random: Random, options: GenerateProjectsOptions): Promise<GeneratedProjects> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const stages = await rows<{ process_code: string; stage_id: string; process_id: string; sort: number; probability: number; kind: string }>(
    tx,
    sql`select p.code as process_code, p.id as process_id, s.id as stage_id, s.sort, s.probability, s.kind
          from sales_processes p join sales_stages s on s.process_id = p.id
         where p.code in ('ctmp8', 'ctmp7') and s.archived_at is null
         order by p.code desc, s.sort`,
  );
  for (const code of ['ctmp8', 'ctmp7']) {
    if (!stages.some((stage) => stage.process_code === code)) throw new Error(`The built-in process ${code} has no stages: ensureBaseline must seed the sales processes (ensureSalesProcesses)`);
  }
  // Stage numbers 0 … n−1 per process; the won stage is the last one.
  const stageRows = ['ctmp8', 'ctmp7'].flatMap((code, processNo) =>
    stages.filter((stage) => stage.process_code === code).map((stage, stageNo) => ({ process_no: processNo, stage_no: stageNo, stage_id: stage.stage_id, process_id: stage.process_id, probability: stage.probability, kind: stage.kind })),
  );
  await tx.execute(sql`create temporary table bench_stages on commit drop as
    select * from json_to_recordset(${JSON.stringify(stageRows)}::json) as r(process_no int, stage_no int, stage_id uuid, process_id uuid, probability int, kind text)`);
  await tx.execute(sql`create temporary table bench_process on commit drop as
    select process_no, count(*)::int as stage_count, (count(*) filter (where kind = 'open'))::int as open_count from bench_stages group by process_no`);

  // Names: facility × work at each place, with the keys the search and the registration check read.
  const names: { idx: number; name: string; pinyin: string; initials: string; name_key: string; site: string; site_key: string; region: string }[] = [];
  for (const region of regions) {
    for (const branch of region.branches) {
      for (const place of branch.places) {
        for (const facility of facilities) {
          for (const work of works) {
            const phase = phases[(names.length * 7) % phases.length]!;
            const name = `${place}${facility}${work}${phase}`;
            const keys = nameSearchKeys(name);
            const site = `${place}${facility}`;
            names.push({ idx: names.length, name, pinyin: keys.namePinyin, initials: keys.nameInitials, name_key: projectNameKey(name), site, site_key: siteKey(site), region: region.code });
          }
        }
      }
    }
  }
  await tx.execute(sql`create temporary table bench_names (idx int, name text, pinyin text, initials text, name_key text, site text, site_key text, region text) on commit drop`);
  for (let start = 0; start < names.length; start += 5_000) {
    await tx.execute(sql`insert into bench_names select * from json_to_recordset(${JSON.stringify(names.slice(start, start + 5_000))}::json)
      as r(idx int, name text, pinyin text, initials text, name_key text, site text, site_key text, region text)`);
  }
  await tx.execute(sql`create temporary table bench_region_names on commit drop as
    select region, row_number() over (partition by region order by idx)::int - 1 as ridx, idx from bench_names`);
  await tx.execute(sql`create index on bench_region_names (region, ridx)`);

  // Owners: the sales users (reps three times as often), each with the region of their department.
  await tx.execute(sql`create temporary table bench_owners on commit drop as
    select row_number() over (order by u.id)::int - 1 as idx, u.id as user_id, coalesce(o.region, 'east') as region
      from users u
      join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
      cross join lateral generate_series(1, case r.code when 'sales_rep' then 3 else 1 end) as weight
      left join lateral (select org.region from organizations org where org.owner_id = u.id and org.deleted_at is null group by org.region order by count(*) desc limit 1) o on true
     where r.code in ('sales_rep', 'supervisor', 'sales_manager')`);
  const [ownerCount] = await rows<{ count: number }>(tx, sql`select count(*)::int as count from bench_owners`);
  if (!ownerCount?.count) throw new Error('No sales users: generate the organisation chart first');
  await tx.execute(sql`create index on bench_owners (idx)`);

  // Organisations by type, numbered: the owner organisation comes from the owner's own customers when they have
  // any (a rep's project is at a rep's customer), related ones and competitors from anywhere.
  await tx.execute(sql`create temporary table bench_orgs on commit drop as
    select type, row_number() over (partition by type order by id)::int - 1 as idx, id from organizations where deleted_at is null`);
  await tx.execute(sql`create index on bench_orgs (type, idx)`);
  await tx.execute(sql`create temporary table bench_org_counts on commit drop as select type, count(*)::int as count from bench_orgs group by type`);
  await tx.execute(sql`create temporary table bench_owned on commit drop as
    select owner_id, row_number() over (partition by owner_id order by id)::int - 1 as idx, id
      from organizations where deleted_at is null and owner_id is not null and type in ('owner', 'terminal', 'general_contractor')`);
  await tx.execute(sql`create index on bench_owned (owner_id, idx)`);
  await tx.execute(sql`create temporary table bench_owned_counts on commit drop as select owner_id, count(*)::int as count from bench_owned group by owner_id`);

  const indexes = await rows<{ indexname: string; indexdef: string }>(
    tx,
    sql`select i.indexname, i.indexdef from pg_indexes i
         where i.schemaname = 'public' and i.tablename in (${sql.join(loadedTables.map((table) => sql`${table}`), sql`, `)})
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.indexname}"`));

  // The plan: one row per project, every random draw made here, once.
  await tx.execute(sql`select setseed(${(random() * 2 - 1) * 0.99})`);
  const count = options.projects;
  // Independent draws per project: r1 … r8 shape the project, r9 … its fields and related rows.
  const draws = Array.from({ length: 28 }, (_, index) => `random() as r${index + 1}`).join(', ');
  await tx.execute(sql`create temporary table bench_plan on commit drop as
    select draws.*, gen_random_uuid() as id,
           case when r1 < 0.6 then 0 else 1 end as process_no,
           case when r2 < 0.70 then 'open' when r2 < 0.85 then 'won' when r2 < 0.96 then 'lost' else 'suspended' end as status,
           floor(r3 * ${ownerCount.count})::int as owner_idx,
           -- Age: up to three years; time in the current stage 1–150 days, a tenth of open projects stalled longer.
           (30 + floor(r4 * 1060))::int as age_days,
           (1 + floor(power(r5, 2) * 150))::int as stage_days
      from (select g as i, ${sql.raw(draws)}
              from generate_series(1, ${count}) as g) draws`);
  // The stage: a funnel over the open stages (early ones fuller); won projects stand in the won stage.
  await tx.execute(sql`alter table bench_plan add column stage_no int, add column owner_id uuid, add column region text, add column organization_id uuid, add column name_idx int, add column bounces int not null default 0`);
  await tx.execute(sql`update bench_plan p set stage_no = case when p.status = 'won' then bp.stage_count - 1 else least(bp.open_count - 1, floor(power(p.r6, 1.7) * bp.open_count)::int) end
      from bench_process bp where bp.process_no = p.process_no`);
  // A project in its first stage entered it when it was created; no stage is entered before the project exists.
  await tx.execute(sql`update bench_plan set age_days = stage_days where stage_no = 0`);
  await tx.execute(sql`update bench_plan set stage_days = least(stage_days, age_days - 1) where stage_no > 0`);
  await tx.execute(sql`update bench_plan p set owner_id = o.user_id, region = o.region from bench_owners o where o.idx = p.owner_idx`);
  await tx.execute(sql`update bench_plan p set organization_id = coalesce(
        (select ow.id from bench_owned ow join bench_owned_counts oc on oc.owner_id = ow.owner_id where ow.owner_id = p.owner_id and ow.idx = floor(p.r7 * oc.count)::int),
        (select bo.id from bench_orgs bo join bench_org_counts bc on bc.type = bo.type where bo.type = 'owner' and bo.idx = floor(p.r7 * bc.count)::int))`);
  await tx.execute(sql`update bench_plan p set name_idx = rn.idx
      from (select region, count(*)::int as count from bench_region_names group by region) rc, bench_region_names rn
     where rc.region = coalesce(p.region, 'east') and rn.region = rc.region and rn.ridx = floor(p.r8 * rc.count)::int`);
  await tx.execute(sql`update bench_plan set name_idx = i % ${names.length} where name_idx is null`);

  // Rows per project: create + one advance per stage passed + a close row when closed + 2 per back-and-forth.
  // The back-and-forths (on projects past the first stage) make up the rest of the history target.
  const [base] = await rows<{ rows: number; eligible: number }>(
    tx,
    sql`select sum(stage_no + 1 + case when status = 'open' then 0 else 1 end)::bigint as rows, (count(*) filter (where stage_no > 0))::int as eligible from bench_plan`,
  );
  const deficit = Math.max(0, options.historyRows - Number(base!.rows));
  const pairs = Math.floor(deficit / 2);
  if (base!.eligible > 0 && pairs > 0) {
    const each = Math.floor(pairs / base!.eligible);
    const extra = pairs - each * base!.eligible;
    await tx.execute(sql`update bench_plan p set bounces = ${each} + case when e.rank <= ${extra} then 1 else 0 end
        from (select i, row_number() over (order by r5, i) as rank from bench_plan where stage_no > 0) e where e.i = p.i`);
  }

  await tx.execute(sql`
    insert into projects (id, number, name, name_pinyin, name_initials, name_key, organization_id, site, site_key, region, description,
                          amount, expected_sign_date, source, product_lines, budget_confirmed, need_clarity, process_id, stage_id,
                          stage_entered_at, probability, status, owner_id, value_score, value_grade, health_score, close_reason,
                          lessons_learned, closed_at, registration_status, protected_until, last_activity_at, created_by, version,
                          created_at, updated_at)
    select p.id, 'BPRJ-' || lpad(p.i::text, 7, '0'), n.name, n.pinyin, n.initials, n.name_key, p.organization_id, n.site, n.site_key, p.region,
           case when (p.r9) < 0.3 then '客户计划分批实施，关注能耗指标和交货周期。' end,
           round((50000 * power(400, p.r10))::numeric, -3), (now() + ((p.r11) * 300 - 60) * interval '1 day')::date,
           (array['rep_developed', 'referral', 'exhibition', 'website', 'tender_notice'])[1 + floor(p.r12 * 5)::int],
           jsonb_build_array((array['pumps', 'valves', 'automation', 'water_treatment', 'service'])[1 + floor(p.r13 * 5)::int]),
           (p.r14) < 0.5, 1 + floor(p.r15 * 5)::int, s.process_id, s.stage_id,
           now() - p.stage_days * interval '1 day', s.probability, p.status, p.owner_id,
           round((20 + (p.r16) * 80)::numeric, 2), case when (p.r16) < 0.25 then 'C' when (p.r16) < 0.7 then 'B' else 'A' end,
           (10 + floor(p.r17 * 90))::int,
           case p.status when 'won' then 'technical_fit' when 'lost' then (array['price', 'technical', 'relationship', 'spec_locked', 'late'])[1 + floor(p.r18 * 5)::int]
                         when 'suspended' then (array['budget', 'postponed', 'policy'])[1 + floor(p.r18 * 3)::int] end,
           case when p.status <> 'open' then '复盘：尽早锁定设计院参数，关键人关系要提前布局。' end,
           case when p.status <> 'open' then now() - greatest(0, p.stage_days - 3) * interval '1 day' end,
           'clear', case when p.status = 'open' then now() + (180 - p.age_days % 180) * interval '1 day' end,
           now() - floor(p.stage_days * (p.r19)) * interval '1 day', p.owner_id, 1 + p.bounces + p.stage_no,
           now() - p.age_days * interval '1 day', now() - floor(p.stage_days * (p.r19)) * interval '1 day'
      from bench_plan p join bench_names n on n.idx = p.name_idx join bench_stages s on s.process_no = p.process_no and s.stage_no = p.stage_no`);
  log(`  ${count.toLocaleString('en')} projects`);

  // The history: row k of a project with S stages passed and B back-and-forths at stage j: stages 0 … j,
  // then (j−1, j) B times, then j+1 … S, then the close row. Times spread from creation to entering the stage.
  const position = (k: string) => `case when ${k} <= h.j then ${k} when ${k} <= h.j + 2 * h.b then case when (${k} - h.j) % 2 = 1 then h.j - 1 else h.j end when ${k} <= h.s + 2 * h.b then ${k} - 2 * h.b else h.s end`;
  await tx.execute(sql.raw(`
    insert into project_stage_history (project_id, from_stage_id, to_stage_id, kind, reason, moved_by, moved_at)
    select h.id, prior.stage_id, target.stage_id,
           case when k = 0 then 'create' when k > h.s + 2 * h.b then 'close'
                when k > h.j and k <= h.j + 2 * h.b and (k - h.j) % 2 = 1 then 'back' else 'advance' end,
           case when k > h.j and k <= h.j + 2 * h.b and (k - h.j) % 2 = 1 then '客户调整需求，退回重新确认方案' end,
           h.owner_id,
           case when k > h.s + 2 * h.b then h.closed
                else h.created + (h.entered - h.created) * (k::float / greatest(1, h.s + 2 * h.b)) end
      from (select p.id, p.owner_id, p.process_no, p.stage_no as s, p.bounces as b, p.status,
                   case when p.stage_no > 0 then 1 + floor(p.r20 * p.stage_no)::int else 0 end as j,
                   now() - p.age_days * interval '1 day' as created, now() - p.stage_days * interval '1 day' as entered,
                   now() - greatest(0, p.stage_days - 3) * interval '1 day' as closed
              from bench_plan p) h
      cross join lateral generate_series(0, h.s + 2 * h.b + case when h.status = 'open' then 0 else 1 end) as k
      join bench_stages target on target.process_no = h.process_no and target.stage_no = ${position('k')}
      left join bench_stages prior on k > 0 and prior.process_no = h.process_no and prior.stage_no = ${position('(k - 1)')}`));
  const [history] = await rows<{ count: number }>(tx, sql`select count(*)::int as count from project_stage_history`);
  log(`  ${history!.count.toLocaleString('en')} stage-history rows`);

  // Related organisations: a design institute on 70 %, a general contractor on half, a distributor on a fifth.
  for (const [type, role, share, influence] of [['design_institute', 'design_institute', 0.7, 4], ['general_contractor', 'general_contractor', 0.5, 3], ['distributor', 'distributor', 0.2, 2]] as const) {
    await tx.execute(sql`
      insert into project_organizations (project_id, organization_id, role, influence, created_by, created_at)
      select p.id, o.id, ${role}, ${influence}, p.owner_id, now() - p.age_days * interval '1 day'
        from bench_plan p join bench_org_counts c on c.type = ${type}
        join bench_orgs o on o.type = c.type and o.idx = floor((p.r21) * c.count)::int
       where (p.r22) < ${share} * (case ${type} when 'design_institute' then 1 else (p.r23) * 2 end)`);
  }
  // Stakeholders: up to four people of the owner organisation, as their contact records describe them.
  await tx.execute(sql`
    insert into project_stakeholders (project_id, contact_id, buying_role, attitude, influence, relationship_level, created_at, updated_at)
    select p.id, c.id, c.buying_role, c.attitude, 1 + (abs(hashtext(c.id::text)) % 5), c.relationship_level,
           now() - p.age_days * interval '1 day', now() - p.stage_days * interval '1 day'
      from bench_plan p
      cross join lateral (select id, buying_role, attitude, relationship_level from contacts
                           where organization_id = p.organization_id and deleted_at is null order by id limit 1 + p.stage_no % 4) c`);
  // Competitors: none to three distinct competitor organisations.
  await tx.execute(sql`
    insert into project_competitors (project_id, organization_id, price, strengths, weaknesses, threat, created_at, updated_at)
    select p.id, o.id, round((50000 * power(400, p.r10) * (0.85 + (p.r24) * 0.3))::numeric, -3),
           '价格低、交期短', '业绩少、售后网点少', 1 + (k + p.i) % 5, now() - p.age_days * interval '1 day', now() - p.stage_days * interval '1 day'
      from bench_plan p join bench_org_counts c on c.type = 'competitor'
      cross join lateral generate_series(0, least(c.count - 1, floor((p.r25) * 4)::int - 1)) as k
      join bench_orgs o on o.type = 'competitor' and o.idx = (floor((p.r26) * c.count)::int + k) % c.count`);
  // A lost project names who won (one of its competitors) and at what price.
  await tx.execute(sql`
    update projects p set winner_organization_id = c.organization_id, winning_price = c.price
      from (select distinct on (project_id) project_id, organization_id, price from project_competitors order by project_id, threat desc) c
     where p.status = 'lost' and c.project_id = p.id`);
  // Team: a colleague on a quarter of the projects (read), never the owner.
  await tx.execute(sql`
    insert into project_members (project_id, user_id, role, access, added_by, created_at)
    select p.id, o.user_id, 'presales', case when (p.r27) < 0.3 then 'edit' else 'read' end, p.owner_id, now() - p.age_days * interval '1 day'
      from bench_plan p join bench_owners o on o.idx = (p.owner_idx + 7) % ${ownerCount.count}
     where (p.r28) < 0.25 and o.user_id <> p.owner_id`);
  // Checklist: every item of the stages passed, the first item of the current one.
  await tx.execute(sql`
    insert into project_checklist (project_id, stage_id, item_key, done_by, done_at)
    select p.id, s.stage_id, item.value->>'key', p.owner_id, now() - p.stage_days * interval '1 day'
      from bench_plan p join bench_stages s on s.process_no = p.process_no and s.stage_no <= p.stage_no
      join sales_stages ss on ss.id = s.stage_id
      cross join lateral jsonb_array_elements(ss.checklist) with ordinality as item(value, position)
     where s.stage_no < p.stage_no or item.position = 1`);

  const indexesStarted = performance.now();
  for (const index of indexes) await tx.execute(sql.raw(index.indexdef));
  log(`  ${indexes.length} project indexes rebuilt in ${((performance.now() - indexesStarted) / 1000).toFixed(1)} s`);

  const counted = async (table: string) => Number((await rows<{ count: number }>(tx, sql.raw(`select count(*)::int as count from ${table}`)))[0]!.count);
  const tally = async (query: string) => Object.fromEntries((await rows<{ key: string; count: number }>(tx, sql.raw(query))).map((row) => [row.key, Number(row.count)]));
  return {
    projects: count,
    byStatus: await tally('select status as key, count(*)::int as count from bench_plan group by status order by 1'),
    byProcess: await tally(`select case process_no when 0 then 'ctmp8' else 'ctmp7' end as key, count(*)::int as count from bench_plan group by process_no order by 1`),
    history: history!.count,
    relatedOrganizations: await counted('project_organizations'),
    stakeholders: await counted('project_stakeholders'),
    competitors: await counted('project_competitors'),
    members: await counted('project_members'),
    checklist: await counted('project_checklist'),
    seconds: (performance.now() - started) / 1000,
  };
}

async function rows<Row>(tx: Tx, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result = (await tx.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
