// Activities for the benchmark (issue 6): N follow-up records and planned visits of the reps and supervisors over about
// six years up to now, their contacts, and the tasks their next steps became (plus some assigned by the supervisor).
// Set-based SQL as generate-projects.ts: per chunk of activities a table of random draws is filled from the session's
// seeded random() (setseed), a plan is derived from it by joins, and every table is filled by one `insert … select`.
// The three tables' indexes, primary keys and foreign keys are dropped before the load and restored from their own
// definitions after it (a foreign-key check per row would cost more than the insert itself); the last-activity dates
// of the organisations, projects and contacts are then set from the activities in one update each.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../server/src/db/client';

export type GenerateActivitiesOptions = {
  activities: number;
  /** Tasks in all, about: the next steps of done activities (85 %) and tasks a supervisor assigned (15 %). */
  tasks: number;
  /** For the index builds (`set local maintenance_work_mem`); the default when absent. */
  maintenanceWorkMem?: string;
  log?: (line: string) => void;
};

export type GeneratedActivities = {
  activities: number;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  deleted: number;
  checkins: number;
  withProject: number;
  activityContacts: number;
  tasks: number;
  tasksByStatus: Record<string, number>;
  organizationsTouched: number;
  seconds: number;
};

/** The company's time zone (the settings' default, no daylight saving): working hours and weekdays are local ones. */
export const BENCH_TIME_ZONE = 'Asia/Shanghai';
export const BENCH_UTC_OFFSET = '+08:00';

/** Days of history; activities get denser towards now (linear, RAMP more at the end than at the start). */
const SPAN_DAYS = 6 * 365;
const RAMP = 0.3;
/**
 * Planned activities in the next four weeks (nearer weeks fuller). Half a percent of 3,000,000 is 15,000 — about 40 % of
 * a week's logged volume per coming week, what a team plans ahead; 3 % would put 2.4 times a week's logged volume in each
 * coming week.
 */
const PLANNED_SHARE = 0.005;
const DELETED_SHARE = 0.01;
const PROJECT_SHARE = 0.4;
const CHECKIN_SHARE = 0.2;
const CHUNK = 250_000;
const DRAWS = 28;

/** The activity_type codes by how often reps log them. */
const typeWeights: [string, number][] = [['visit', 30], ['call', 24], ['wechat', 18], ['meeting', 9], ['email', 7], ['demo', 4], ['dinner', 4], ['other', 4]];

const subjects: Record<string, string[]> = {
  visit: ['拜访设备部了解改造需求', '上门拜访采购经理', '现场勘查泵房及管网', '拜访总工办沟通技术参数', '回访设备运行情况', '拜访使用部门负责人'],
  call: ['电话沟通项目需求', '电话确认报价细节', '电话跟进付款进度', '电话约访采购负责人', '电话了解招标安排'],
  wechat: ['微信沟通技术参数', '微信发送产品资料', '微信跟进审批进度', '微信确认交货时间'],
  meeting: ['技术交流会', '方案讨论会', '项目协调会', '商务谈判', '设计联络会'],
  demo: ['产品演示', '样机现场测试', '线上方案演示'],
  email: ['发送报价单', '邮件发送技术方案', '邮件确认合同条款', '发送同类项目业绩'],
  dinner: ['商务宴请', '客户答谢晚宴', '工作午餐'],
  other: ['参加行业展会', '陪同客户参观工厂', '送样品及资料', '参加开标会'],
};
const contents = [
  '与设备部负责人沟通了现有水泵的运行情况，客户反映能耗偏高，有意在明年预算中安排节能改造。',
  '客户对我司提交的技术方案基本认可，但对交货周期和售后响应时间提出了更高要求，需要与工厂确认。',
  '采购部询问了框架协议的价格调整机制，并希望增加备品备件的优惠条款，已答复会内部申请。',
  '现场查看了泵房和管网布置，记录了主要设备参数，回去后准备初步选型和报价。',
  '总工办提出需要同类项目业绩和第三方检测报告，已安排技术支持本周内整理发送。',
  '客户内部对国产替代意见不一，使用部门倾向我方，采购部仍在比较进口品牌的价格。',
  '招标时间初步定在下月中旬，设计院参数已基本锁定，需要尽快拜访设计院主任工程师。',
  '回访了去年交付的项目，设备运行稳定，客户表示满意，可作为新项目的参考案例。',
  '客户提到预算审批推迟，项目可能延后一个季度，保持每两周跟进一次。',
  '陪同客户参观了工厂生产线和实验室，客户对质量控制流程印象较好。',
];
const outcomes = ['客户认可方案，待内部审批', '需补充技术参数后再报价', '预算未落实，继续跟进', '已约定下次拜访时间', '报价偏高，需申请特价', '进展顺利，准备商务谈判', '客户暂无需求，保持联系', '已提交资料，等待反馈'];
const nextSteps = ['提交正式报价', '安排技术交流', '发送同类业绩资料', '约见采购负责人', '跟进招标文件', '拜访设计院', '确认样机测试时间', '催促合同盖章'];
const assignedTitles = ['整理客户拜访纪要', '提交季度重点客户分析', '更新项目进展及预计签约时间', '准备投标资料', '跟进回款情况', '补全客户联系人信息'];

/** Content for a logged visit (about 200 characters), as the benchmark's rep types it. */
export const visitContent = `${contents[0]}${contents[1]}${contents[4]}${contents[6]}`;
export const visitOutcome = outcomes[0]!;

/** The tables this generator fills: their indexes and keys are dropped before the load and restored after. */
const loadedTables = ['activities', 'activity_contacts', 'tasks'];

export async function insertActivities(tx: Tx, random: () => number, options: GenerateActivitiesOptions): Promise<GeneratedActivities> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  if (options.maintenanceWorkMem) await tx.execute(sql.raw(`set local maintenance_work_mem = '${options.maintenanceWorkMem.replace(/'/g, '')}'`));

  // Owners: reps five times as often as supervisors (reps log most), each with their manager (who assigns tasks) and
  // the region most of their customers are in (where they look when they own none).
  await tx.execute(sql`create temporary table bench_act_owners on commit drop as
    select row_number() over (order by u.username, weight)::int - 1 as idx, u.id as user_id, u.manager_id,
           coalesce(o.region, (select region from organizations where deleted_at is null group by region order by count(*) desc, region limit 1)) as region
      from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
      cross join lateral generate_series(1, case r.code when 'sales_rep' then 5 else 2 end) as weight
      left join lateral (select org.region from organizations org where org.owner_id = u.id and org.deleted_at is null and org.region is not null
                          group by org.region order by count(*) desc, org.region limit 1) o on true
     where r.code in ('sales_rep', 'supervisor') and u.status = 'active'`);
  const [owners] = await rows<{ count: number }>(tx, sql`select count(*)::int as count from bench_act_owners`);
  if (!owners?.count) throw new Error('No reps or supervisors: generate the organisation chart first');

  // Customers (not competitors), numbered per owner and per region; contacts and projects numbered per organisation.
  // Everything is ordered by the generated numbers, so the numbering is the same on every run.
  await tx.execute(sql`create temporary table bench_act_owned on commit drop as
    select owner_id, row_number() over (partition by owner_id order by number)::int - 1 as idx, id
      from organizations where deleted_at is null and owner_id is not null and type <> 'competitor'`);
  await tx.execute(sql`create temporary table bench_act_region_orgs on commit drop as
    select region, row_number() over (partition by region order by number)::int - 1 as idx, id
      from organizations where deleted_at is null and region is not null and type <> 'competitor'`);
  await tx.execute(sql`create temporary table bench_act_org_contacts on commit drop as
    select organization_id, row_number() over (partition by organization_id order by number)::int - 1 as idx, id
      from contacts where deleted_at is null and organization_id is not null`);
  await tx.execute(sql`create temporary table bench_act_org_projects on commit drop as
    select organization_id, row_number() over (partition by organization_id order by number)::int - 1 as idx, id, created_at
      from projects where deleted_at is null`);
  for (const [table, key] of [['bench_act_owned', 'owner_id'], ['bench_act_region_orgs', 'region'], ['bench_act_org_contacts', 'organization_id'], ['bench_act_org_projects', 'organization_id']] as const) {
    await tx.execute(sql.raw(`create index on ${table} (${key}, idx)`));
    await tx.execute(sql.raw(`create temporary table ${table}_counts on commit drop as select ${key}, count(*)::int as count from ${table} group by ${key}`));
    await tx.execute(sql.raw(`create unique index on ${table}_counts (${key})`));
    await tx.execute(sql.raw(`analyze ${table}`));
    await tx.execute(sql.raw(`analyze ${table}_counts`));
  }
  await tx.execute(sql`analyze bench_act_owners`);

  const restore = await dropKeysAndIndexes(tx);

  // Today's local midnight, weekday and now, read once: the times below are epoch arithmetic on them (the time zone has
  // no daylight saving), which costs a fraction of converting each row's local time.
  const [clock] = await rows<{ midnight: number; dow: number; now: number }>(
    tx,
    sql`select extract(epoch from ((now() at time zone ${BENCH_TIME_ZONE})::date)::timestamp at time zone ${BENCH_TIME_ZONE})::float8 as midnight,
               extract(isodow from (now() at time zone ${BENCH_TIME_ZONE})::date)::int as dow, extract(epoch from now())::float8 as now`,
  );
  await tx.execute(sql`select setseed(${(random() * 2 - 1) * 0.99})`);
  const draws = Array.from({ length: DRAWS }, (_, index) => `r${index + 1} double precision`).join(', ');
  await tx.execute(sql.raw(`create temporary table bench_act_draws (i bigint, ${draws}, planned boolean, type text,
      starts_at timestamptz, ends_at timestamptz, created_at timestamptz) on commit drop`));
  await tx.execute(sql.raw(`create temporary table bench_act_plan (like bench_act_draws, id uuid, owner_id uuid, manager_id uuid, organization_id uuid,
      project_id uuid, status text, deleted_at timestamptz, checkin boolean, task_kind text, task_id uuid, due_at timestamptz) on commit drop`));
  // A share of the done, kept activities that gets a task, so that about `tasks` come out.
  const taskShare = Math.min(1, options.tasks / Math.max(1, options.activities * (1 - PLANNED_SHARE - DELETED_SHARE)));

  for (let start = 1; start <= options.activities; start += CHUNK) {
    const end = Math.min(options.activities, start + CHUNK - 1);
    // Seconds per step of the chunk, printed with its progress line (where a slow run spends its time).
    const steps: string[] = [];
    const step = async (name: string, statement: SQL) => {
      const stepStarted = performance.now();
      await tx.execute(statement);
      steps.push(`${name} ${((performance.now() - stepStarted) / 1000).toFixed(1)} s`);
    };
    await tx.execute(sql`truncate bench_act_draws, bench_act_plan`);
    // Each row's draws in one statement, in generate_series order: the same numbers on every run.
    await step('draws', drawsStatement(start, end, clock!));
    await tx.execute(sql`analyze bench_act_draws`);
    await step('plan', planStatement(owners.count, taskShare));
    await step('activities', activitiesStatement());
    await step('contacts', contactsStatement());
    await step('tasks', tasksStatement());
    log(`  ${end.toLocaleString('en')} activities (${steps.join(', ')}; ${((performance.now() - started) / 1000).toFixed(0)} s so far)`);
  }

  const restoreStarted = performance.now();
  await restore();
  log(`  activity and task indexes and keys restored in ${((performance.now() - restoreStarted) / 1000).toFixed(1)} s`);

  // The last-activity dates the pool rules and the stalled alerts read: the latest done follow-up, never in the future and
  // never earlier than what the record had (as recordFollowUp in activity-effects.ts).
  const datesStarted = performance.now();
  const latest = (key: string, join = '') => `select ${key} as id, max(a.starts_at) as at from activities a ${join}
      where a.status = 'done' and a.deleted_at is null and a.starts_at <= now() ${join ? '' : `and ${key} is not null`} group by 1`;
  const updates: string[] = [];
  for (const [table, statement] of [
    ['organisations', `update organizations o set last_activity_at = greatest(o.last_activity_at, l.at) from (${latest('a.organization_id')}) l where l.id = o.id`],
    ['projects', `update projects p set last_activity_at = greatest(p.last_activity_at, l.at) from (${latest('a.project_id')}) l where l.id = p.id`],
    ['contacts', `update contacts c set last_activity_at = greatest(c.last_activity_at, l.at)
        from (${latest('ac.contact_id', 'join activity_contacts ac on ac.activity_id = a.id')}) l where l.id = c.id`],
  ] as const) {
    const updateStarted = performance.now();
    await tx.execute(sql.raw(statement));
    updates.push(`${table} ${((performance.now() - updateStarted) / 1000).toFixed(1)} s`);
  }
  log(`  last-activity dates set in ${((performance.now() - datesStarted) / 1000).toFixed(1)} s (${updates.join(', ')})`);

  const counted = async (query: string) => Number((await rows<{ count: number }>(tx, sql.raw(query)))[0]!.count);
  const tally = async (query: string) => Object.fromEntries((await rows<{ key: string; count: number }>(tx, sql.raw(query))).map((row) => [row.key, Number(row.count)]));
  return {
    activities: await counted('select count(*)::int as count from activities'),
    byType: await tally('select type as key, count(*)::int as count from activities group by 1 order by 2 desc'),
    byStatus: await tally('select status as key, count(*)::int as count from activities group by 1 order by 1'),
    deleted: await counted('select count(*)::int as count from activities where deleted_at is not null'),
    checkins: await counted('select count(*)::int as count from activities where checkin_at is not null'),
    withProject: await counted('select count(*)::int as count from activities where project_id is not null'),
    activityContacts: await counted('select count(*)::int as count from activity_contacts'),
    tasks: await counted('select count(*)::int as count from tasks'),
    tasksByStatus: await tally('select status as key, count(*)::int as count from tasks group by 1 order by 1'),
    organizationsTouched: await counted('select count(*)::int as count from organizations where last_activity_at is not null'),
    seconds: (performance.now() - started) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------------

/**
 * A chunk's random draws, in generate_series order (the same numbers on every run), and what follows from them alone:
 * planned or done, the type, and the times. Each layer is fenced (`offset 0`) so that a later one reads the earlier
 * one's result instead of repeating its expression.
 */
function drawsStatement(start: number, end: number, clock: { midnight: number; dow: number; now: number }): SQL {
  const total = typeWeights.reduce((sum, [, weight]) => sum + weight, 0);
  let cumulative = 0;
  const type = `case ${typeWeights.map(([code, weight]) => `when d.r8 < ${(cumulative += weight) / total} then '${code}'`).join(' ')} else 'other' end`;
  // Linear density 1 + RAMP·x over x ∈ [0, 1] (x = 1 now), drawn by inverting its distribution function.
  const x = `((sqrt(1 + 2 * ${RAMP} * (1 + ${RAMP} / 2) * d.r3) - 1) / ${RAMP})`;
  // Days from today: done ones in the last six years; planned ones in the next four weeks, nearer ones more often.
  const day = `case when d.r9 < ${PLANNED_SHARE} then 1 + floor(power(d.r3, 1.5) * 28)::int else -least(${SPAN_DAYS - 1}, floor((1 - ${x}) * ${SPAN_DAYS})::int) end`;
  // A weekend day: planned ones move to the Monday after, done ones nine times in ten to a weekday of their week.
  const workday = `case when a.dow <= 5 then a.day when a.planned then a.day + 8 - a.dow
                        when a.r4 < 0.92 then a.day - (a.dow - 1) + floor(a.r5 * 5)::int else a.day end`;
  // Working hours on the half hour, local time; a follow-up of today is never later than four hours ago.
  const slot = `${clock.midnight} + b.workday * 86400 + 8 * 3600 + floor(b.r6 * 20) * 1800`;
  const minutes = `case c.type when 'call' then 15 + floor(c.r7 * 30) when 'wechat' then 15 + floor(c.r7 * 30) when 'email' then 15 + floor(c.r7 * 30)
                               when 'dinner' then 90 + floor(c.r7 * 90) when 'other' then 15 + floor(c.r7 * 165) else 30 + floor(c.r7 * 150) end`;
  const drawn = Array.from({ length: DRAWS }, (_, index) => `r${index + 1}`);
  return sql.raw(`
    insert into bench_act_draws
    select c.i, ${drawn.map((name) => `c.${name}`).join(', ')}, c.planned, c.type, to_timestamp(c.starts), to_timestamp(c.starts + (${minutes}) * 60),
           to_timestamp(case when c.planned then ${clock.now} - floor(c.r25 * 10) * 86400
                             else least(${clock.now}, c.starts + 3 * 3600 + c.r25 * 20 * 3600) end)
      from (select b.*, case when b.planned then ${slot} else least(${slot}, ${clock.now} - 4 * 3600 - b.r6 * 8 * 3600) end as starts
              from (select a.*, ${workday} as workday
                      from (select d.*, d.r9 < ${PLANNED_SHARE} as planned, ${type} as type, ${day} as day,
                                   ((${clock.dow} - 1 + ${day}) % 7 + 7) % 7 + 1 as dow
                              from (select g as i, ${drawn.map((name) => `random() as ${name}`).join(', ')} from generate_series(${start}, ${end}) as g) d
                            offset 0) a
                    offset 0) b
            offset 0) c`);
}

/** The plan of a chunk: owner, customer, project, task — the draws joined to what they pick, no random() here. */
function planStatement(ownerCount: number, taskShare: number): SQL {
  const organization = 'coalesce(ow.id, ro.id)';
  const uuidOf = (prefix: string) => `overlay(overlay(md5('${prefix}' || d.i) placing '4' from 13) placing 'a' from 17)::uuid`;
  return sql.raw(`
    insert into bench_act_plan
    select d.*, ${uuidOf('bench-activity-')}, o.user_id, o.manager_id, ${organization},
           case when d.r10 < ${PROJECT_SHARE} and pp.created_at <= d.starts_at then pp.id end,
           case when d.planned then 'planned' else 'done' end,
           case when not d.planned and d.r24 < ${DELETED_SHARE} then least(now(), d.created_at + d.r27 * interval '2 days') end,
           not d.planned and d.type = 'visit' and d.r17 < ${CHECKIN_SHARE},
           case when not d.planned and d.r24 >= ${DELETED_SHARE} and d.r21 < ${taskShare} then case when d.r21 < ${taskShare * 0.85} then 'next' else 'assigned' end end,
           ${uuidOf('bench-task-')}, d.starts_at + (1 + floor(d.r22 * 14)) * interval '1 day'
      from bench_act_draws d
      join bench_act_owners o on o.idx = floor(d.r1 * ${ownerCount})::int
      left join bench_act_owned_counts oc on oc.owner_id = o.user_id
      left join bench_act_owned ow on ow.owner_id = o.user_id and ow.idx = floor(d.r2 * oc.count)::int
      left join bench_act_region_orgs_counts rc on rc.region = o.region
      left join bench_act_region_orgs ro on oc.count is null and ro.region = o.region and ro.idx = floor(d.r2 * rc.count)::int
      left join bench_act_org_projects_counts pc on pc.organization_id = ${organization}
      left join bench_act_org_projects pp on pp.organization_id = ${organization} and pp.idx = floor(d.r11 * pc.count)::int`);
}

/** 0–3 contacts of the activity's organisation (as many as it has), consecutive from a drawn one. */
function contactsStatement(): SQL {
  return sql`
    insert into activity_contacts (activity_id, contact_id)
    select n.id, oc.id
      from (select p.id, p.organization_id, p.r13, cc.count,
                   least(case when p.r12 < 0.25 then 0 when p.r12 < 0.65 then 1 when p.r12 < 0.9 then 2 else 3 end, cc.count) as named
              from bench_act_plan p join bench_act_org_contacts_counts cc on cc.organization_id = p.organization_id) n
      join (values (0), (1), (2)) as k(k) on k.k < n.named
      join bench_act_org_contacts oc on oc.organization_id = n.organization_id and oc.idx = (floor(n.r13 * n.count)::int + k.k) % n.count`;
}

function activitiesStatement(): SQL {
  const subject = `case p.type ${Object.entries(subjects).map(([code, values]) => `when '${code}' then ${pickText(values, 'p.r14')}`).join(' ')} end`;
  return sql.raw(`
    insert into activities (id, type, status, subject, starts_at, ends_at, all_day, organization_id, project_id, content, outcome,
                            next_step, next_at, next_task_id, owner_id, created_by, done_at,
                            checkin_at, checkin_latitude, checkin_longitude, checkin_accuracy,
                            checkout_at, checkout_latitude, checkout_longitude, checkout_accuracy,
                            version, created_at, updated_at, deleted_at)
    select p.id, p.type, p.status, ${subject}, p.starts_at, p.ends_at, false, p.organization_id, p.project_id,
           case when p.r15 < 0.75 then ${pickText(contents, 'p.r15 / 0.75')} end,
           case when p.status = 'done' and p.r16 < 0.6 then ${pickText(outcomes, 'p.r16 / 0.6')} end,
           case when p.task_kind = 'next' then ${pickText(nextSteps, 'p.r28')} end,
           case when p.task_kind = 'next' then p.due_at end,
           case when p.task_kind = 'next' then p.task_id end,
           p.owner_id, p.owner_id, case when p.status = 'done' then p.created_at end,
           case when p.checkin then p.starts_at + p.r20 * interval '10 minutes' end,
           case when p.checkin then round((22 + p.r18 * 19)::numeric, 6) end,
           case when p.checkin then round((102 + p.r19 * 20)::numeric, 6) end,
           case when p.checkin then (5 + p.r20 * 60)::real end,
           case when p.checkin then p.ends_at end,
           case when p.checkin then round((22.0003 + p.r18 * 19)::numeric, 6) end,
           case when p.checkin then round((102.0002 + p.r19 * 20)::numeric, 6) end,
           case when p.checkin then (5 + p.r26 * 60)::real end,
           1, p.created_at, coalesce(p.deleted_at, p.created_at), p.deleted_at
      from bench_act_plan p`);
}

/** Next steps become their owner's tasks; a supervisor assigns the rest. Done when long past, open around now. */
function tasksStatement(): SQL {
  const status = `case when p.due_at < now() - interval '30 days' then case when p.r23 < 0.95 then 'done' else 'cancelled' end
                       when p.due_at < now() then case when p.r23 < 0.4 then 'open' when p.r23 < 0.95 then 'done' else 'cancelled' end
                       else case when p.r23 < 0.93 then 'open' else 'done' end end`;
  return sql.raw(`
    insert into tasks (id, title, due_at, remind_at, priority, status, done_at, assignee_id, created_by, organization_id, project_id,
                       activity_id, version, created_at, updated_at)
    select t.task_id, t.title, t.due_at, t.remind_at, t.priority, t.task_status, t.done_at, t.owner_id, t.created_by, t.organization_id,
           t.project_id, t.activity_id, 1, t.created_at, coalesce(t.done_at, t.created_at)
      from (select s.*, case when s.task_status = 'done' then greatest(s.created_at, least(s.due_at, now()) - s.r20 * interval '1 day') end as done_at
              from (select p.*, ${status} as task_status,
                           case when p.task_kind = 'next' then ${pickText(nextSteps, 'p.r28')} else ${pickText(assignedTitles, 'p.r28')} end as title,
                           case when p.task_kind = 'next' then p.due_at - interval '1 hour' end as remind_at,
                           case when p.r26 < 0.2 then 'high' when p.r26 < 0.85 then 'normal' else 'low' end as priority,
                           case when p.task_kind = 'next' then p.owner_id else coalesce(p.manager_id, p.owner_id) end as created_by,
                           case when p.task_kind = 'next' then p.id end as activity_id
                      from bench_act_plan p where p.task_kind is not null) s) t`);
}

/** One of the values by a draw in [0, 1). */
function pickText(values: readonly string[], draw: string): string {
  return `(array[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}])[1 + least(${values.length - 1}, floor((${draw}) * ${values.length})::int)]`;
}

/**
 * Drops the secondary indexes, foreign keys and primary keys of the loaded tables (and foreign keys elsewhere pointing at
 * them); the returned function restores them from the definitions read here: keys first, then indexes, then foreign keys.
 */
async function dropKeysAndIndexes(tx: Tx): Promise<() => Promise<void>> {
  const tables = sql.join(loadedTables.map((table) => sql`${table}`), sql`, `);
  const indexes = await rows<{ indexname: string; indexdef: string }>(
    tx,
    sql`select i.indexname, i.indexdef from pg_indexes i
         where i.schemaname = 'public' and i.tablename in (${tables})
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  const constraints = await rows<{ table_name: string; conname: string; definition: string; contype: string }>(
    tx,
    sql`select c.conrelid::regclass::text as table_name, c.conname, pg_get_constraintdef(c.oid) as definition, c.contype
          from pg_constraint c
         where c.contype in ('p', 'f')
           and (c.conrelid in (select oid from pg_class where relname in (${tables}) and relnamespace = 'public'::regnamespace)
                or c.confrelid in (select oid from pg_class where relname in (${tables}) and relnamespace = 'public'::regnamespace))
         order by c.contype, c.conname`,
  );
  // Foreign keys first ('f' sorts before 'p': they depend on the primary keys), then the primary keys.
  for (const constraint of constraints) await tx.execute(sql.raw(`alter table ${constraint.table_name} drop constraint "${constraint.conname}"`));
  for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.indexname}"`));
  return async () => {
    const keys = constraints.filter((constraint) => constraint.contype === 'p');
    const foreign = constraints.filter((constraint) => constraint.contype === 'f');
    for (const constraint of keys) await tx.execute(sql.raw(`alter table ${constraint.table_name} add constraint "${constraint.conname}" ${constraint.definition}`));
    for (const index of indexes) await tx.execute(sql.raw(index.indexdef));
    for (const constraint of foreign) await tx.execute(sql.raw(`alter table ${constraint.table_name} add constraint "${constraint.conname}" ${constraint.definition}`));
  };
}

async function rows<Row>(tx: Tx, query: SQL): Promise<Row[]> {
  const result = (await tx.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
