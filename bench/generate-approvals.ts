// Approvals for the benchmark: N organisation-deletion requests on the flow the server's baseline creates (the
// direct manager, then the sales director for grade-A customers), with their steps, tasks and events as the
// approval engine (server/src/platform/approvals/approvals.service.ts) would have written them. Set-based SQL:
// one plan row per instance in a temporary table, then one insert … select per table. Random draws are hashes of
// the instance's number, so the same organisations give the same approvals on every run (and the generator's
// seeded JavaScript random numbers are not consumed: --approvals 0 gives the organisations of earlier runs).
import { sql } from 'drizzle-orm';
import type { StepDefinition } from '@openpsm/contracts';
import type { Database, Tx } from '../server/src/db/client';
import { companyTimeZone } from '../server/src/platform/config/settings.service';
import { ensureDeletionFlow } from '../server/src/seed/bootstrap';

export type GeneratedApprovals = {
  instances: number;
  byStatus: Record<string, number>;
  steps: number;
  tasks: number;
  events: number;
  /** Organisations soft-deleted because their deletion was approved. */
  deletedOrganizations: number;
};

const DOCUMENT_TYPE = 'organization_deletion';

/** The baseline's flow (or a copy of it when the database has none), checked to be the chain this generator models. */
async function deletionFlow(tx: Tx): Promise<{ flowId: string; versionId: string; steps: StepDefinition[] }> {
  const find = () =>
    rows<{ flow_id: string; version_id: string; steps: StepDefinition[] | string }>(
      tx,
      sql`select f.id as flow_id, v.id as version_id, v.steps
            from approval_flows f join approval_flow_versions v on v.id = f.current_version_id
           where f.document_type = ${DOCUMENT_TYPE} and f.deleted_at is null and f.active
           order by f.priority, f.created_at limit 1`,
    );
  let [flow] = await find();
  if (!flow) {
    // A database without one gets what a new database starts with.
    await ensureDeletionFlow(tx);
    [flow] = await find();
    if (!flow) throw new Error('No active organisation-deletion flow (a retired one is not replaced): run against a fresh database');
  }
  const steps = typeof flow!.steps === 'string' ? (JSON.parse(flow!.steps) as StepDefinition[]) : flow!.steps;
  const [first, second, ...rest] = steps;
  const modelled =
    first?.approver.kind === 'direct_manager' &&
    first.condition === null &&
    rest.length === 0 &&
    (!second ||
      (second.approver.kind === 'role' &&
        second.approver.within === 'company' &&
        second.condition?.rules.length === 1 &&
        second.condition.rules[0]!.field === 'organization.grade' &&
        second.condition.rules[0]!.op === 'eq' &&
        second.condition.rules[0]!.value === 'A'));
  if (!modelled) throw new Error('The organisation-deletion flow is not the baseline chain (direct manager, then a company-wide role for grade A): the generator cannot model it');
  return { flowId: flow!.flow_id, versionId: flow!.version_id, steps };
}

export async function insertApprovals(tx: Tx, count: number, now = new Date()): Promise<GeneratedApprovals> {
  const empty = { instances: 0, byStatus: {}, steps: 0, tasks: 0, events: 0, deletedOrganizations: 0 };
  if (count <= 0) return empty;
  const flow = await deletionFlow(tx);
  const [step0, step1] = flow.steps;
  let directorId: string | null = null;
  if (step1 && step1.approver.kind === 'role') {
    // The role's active holders, as resolveApprover orders them; the generated chart has one sales director.
    const [holder] = await rows<{ id: string }>(
      tx,
      sql`select u.id from user_roles ur join users u on u.id = ur.user_id
           where ur.role_id = ${step1.approver.roleId}::uuid and u.status = 'active' order by u.username limit 1`,
    );
    directorId = holder?.id ?? null;
  }
  if (step1 && !directorId) throw new Error(`Nobody holds the role of step "${step1.name}": the generator cannot model the fallback to administrators`);
  const twoSteps = Boolean(step1);
  const timeZone = await companyTimeZone(tx);
  const at = now.toISOString();

  // Uniform draws in [0, 1) and deterministic version-4 UUIDs, both from md5.
  await tx.execute(sql.raw(`
    create function pg_temp.bench_random(key text) returns float8 language sql immutable as
      $$ select ('x' || substr(md5(key), 1, 8))::bit(32)::bigint / 4294967296.0 $$`));
  await tx.execute(sql.raw(`
    create function pg_temp.bench_uuid(key text) returns uuid language sql immutable as
      $$ select overlay(overlay(md5(key) placing '4' from 13) placing '8' from 17)::uuid $$`));

  // One row per instance: the record, who submits and approves, the outcome, and when each step happened.
  // Pending requests are younger than the escalation limit (72 h) and already reminded after 24 h, so the deadline
  // job (every five minutes) has nothing to do during the benchmark; decided ones spread over a year, recent ones
  // more often, each step decided within 60 hours.
  await tx.execute(sql`
    create temp table bench_approval_plan on commit drop as
    with picked as (
      select o.id as record_id, o.number as org_number, o.name, o.type, o.grade, o.industry, o.region,
             o.owner_id as submitter_id, u.display_name as owner_name, u.manager_id
        from organizations o join users u on u.id = o.owner_id
       where o.deleted_at is null and u.manager_id is not null and u.status = 'active'
       order by md5(o.id::text || 'bench-approval') limit ${count}
    ), drawn as (
      select picked.*, row_number() over (order by md5(record_id::text || 'bench-approval')) as n from picked
    ), shaped as (
      select drawn.*,
             case when pg_temp.bench_random(n || ':status') < 0.30 then 'pending'
                  when pg_temp.bench_random(n || ':status') < 0.80 then 'approved'
                  when pg_temp.bench_random(n || ':status') < 0.95 then 'rejected'
                  else 'withdrawn' end as status,
             (${twoSteps}::boolean and grade = 'A') as two_steps,
             pg_temp.bench_random(n || ':step') as r_step,
             pg_temp.bench_random(n || ':age') as r_age,
             pg_temp.bench_random(n || ':wait0') as r_wait0,
             pg_temp.bench_random(n || ':wait1') as r_wait1
        from drawn
    ), staged as (
      select shaped.*,
             -- The step the instance waits at or ended at.
             case when status = 'approved' then (case when two_steps then 1 else 0 end)
                  when two_steps and r_step < (case when status = 'pending' then 0.4 else 0.3 end) then 1
                  else 0 end as stop,
             case when status = 'pending' then ${at}::timestamptz - interval '10 minutes' - r_age * interval '64 hours'
                  else ${at}::timestamptz - interval '3 days' - power(r_age, 1.4) * interval '360 days' end as submitted_at
        from shaped
    ), timed as (
      select staged.*,
             case when status = 'pending' and stop = 1 then submitted_at + (${at}::timestamptz - submitted_at) * (0.15 + 0.6 * r_wait0)
                  when status = 'pending' or (status = 'withdrawn' and stop = 0) then null
                  else submitted_at + interval '20 minutes' + r_wait0 * r_wait0 * interval '60 hours' end as s0_at
        from staged
    ), timed2 as (
      select timed.*,
             case when stop = 1 and status in ('approved', 'rejected') then s0_at + interval '15 minutes' + r_wait1 * r_wait1 * interval '40 hours' end as s1_at,
             case when status = 'withdrawn' then coalesce(s0_at, submitted_at) + interval '10 minutes' + r_wait1 * interval '30 hours' end as withdrawn_at
        from timed
    )
    select timed2.*,
           pg_temp.bench_uuid('approval:' || n) as id,
           pg_temp.bench_uuid('step0:' || n) as step0_id,
           pg_temp.bench_uuid('step1:' || n) as step1_id,
           case status when 'approved' then coalesce(s1_at, s0_at)
                       when 'rejected' then (case when stop = 1 then s1_at else s0_at end)
                       when 'withdrawn' then withdrawn_at end as decided_at,
           -- Step 0: the direct manager.
           case when stop = 1 or status = 'approved' then 'approved' when status = 'pending' then 'pending'
                when status = 'rejected' then 'rejected' else 'cancelled' end as step0_state,
           -- Step 1: the director, for grade-A customers only.
           case when not two_steps then 'skipped'
                when stop = 0 then (case when status = 'withdrawn' then 'cancelled' else 'waiting' end)
                when status = 'withdrawn' then 'cancelled' else status end as step1_state,
           case when pg_temp.bench_random(n || ':c0') < 0.45
                then (array['同意。', '同意删除。', '已核实，同意。', '客户已注销，同意删除。', '重复客户，同意。'])[1 + floor(pg_temp.bench_random(n || ':c0w') * 5)::int] end as approve_comment0,
           case when pg_temp.bench_random(n || ':c1') < 0.3 then '同意。' end as approve_comment1,
           (array['该客户仍有在执行的合同，暂不删除。', '请先移交未结商机和应收款。', '客户仍在招标中，保留。', '客户信息有误，请核实后重新提交。', 'A 类客户，请与区域经理确认后再提。'])[1 + floor(pg_temp.bench_random(n || ':cr') * 5)::int] as reject_comment,
           case when pg_temp.bench_random(n || ':cw') < 0.4 then '提交错了，撤回。' end as withdraw_comment
      from timed2`);

  // Numbers as nextNumber gives them: AP-{yyyy}-{seq:5}, counted per year of the company's time zone in order of submission.
  await tx.execute(sql`alter table bench_approval_plan add column number text`);
  await tx.execute(sql`
    update bench_approval_plan p set number = numbered.number
      from (select id, 'AP-' || year || '-' || lpad((row_number() over (partition by year order by submitted_at, n))::text, 5, '0') as number
              from (select id, n, submitted_at, to_char(submitted_at at time zone ${timeZone}, 'YYYY') as year from bench_approval_plan) y) numbered
     where numbered.id = p.id`);

  await tx.execute(sql`
    insert into approval_instances (id, number, document_type, record_type, record_id, title, fields, flow_id, flow_version_id,
                                    submitter_id, status, current_step, reason, version, submitted_at, decided_at, updated_at)
    select id, number, ${DOCUMENT_TYPE}, 'organization', record_id, name,
           jsonb_build_array(jsonb_build_object('field', 'number', 'value', org_number), jsonb_build_object('field', 'name', 'value', name),
                             jsonb_build_object('field', 'type', 'value', type), jsonb_build_object('field', 'grade', 'value', grade),
                             jsonb_build_object('field', 'industry', 'value', industry), jsonb_build_object('field', 'region', 'value', region),
                             jsonb_build_object('field', 'owner', 'value', owner_name)),
           ${flow.flowId}::uuid, ${flow.versionId}::uuid, submitter_id, status,
           case when status = 'pending' then stop end,
           case when status = 'rejected' then reject_comment end,
           -- bump(): one per approval, rejection or withdrawal.
           1 + (case when step0_state = 'approved' then 1 else 0 end) + (case when step1_state = 'approved' then 1 else 0 end)
             + (case when status in ('rejected', 'withdrawn') then 1 else 0 end),
           submitted_at, decided_at, coalesce(decided_at, s0_at, submitted_at)
      from bench_approval_plan order by submitted_at`);

  await tx.execute(sql`
    insert into approval_steps (id, instance_id, index, key, name, mode, state, skipped_because, approver_ids,
                                remind_after_hours, escalate_after_hours, activated_at, decided_at)
    select step0_id, id, 0, ${step0!.key}, ${step0!.name}, ${step0!.mode}, step0_state, null, jsonb_build_array(manager_id),
           ${step0!.remindAfterHours}::int, ${step0!.escalateAfterHours}::int, submitted_at,
           case step0_state when 'pending' then null when 'cancelled' then withdrawn_at else s0_at end
      from bench_approval_plan`);
  if (step1 && directorId) {
    await tx.execute(sql`
      insert into approval_steps (id, instance_id, index, key, name, mode, state, skipped_because, approver_ids,
                                  remind_after_hours, escalate_after_hours, activated_at, decided_at)
      select step1_id, id, 1, ${step1.key}, ${step1.name}, ${step1.mode}, step1_state,
             case when step1_state = 'skipped' then 'condition' end,
             -- Resolved at submission even when the condition does not hold (layOutChain).
             jsonb_build_array(${directorId}::uuid),
             ${step1.remindAfterHours}::int, ${step1.escalateAfterHours}::int,
             case when stop = 1 then s0_at end,
             case step1_state when 'skipped' then submitted_at when 'cancelled' then withdrawn_at
                              when 'approved' then s1_at when 'rejected' then s1_at end
        from bench_approval_plan`);
  }

  // A task per approver of each step that was opened; reminded (as the deadline job would) once it waited 24 hours.
  await tx.execute(sql`
    create temp table bench_approval_tasks on commit drop as
    select pg_temp.bench_uuid('task0:' || n) as id, id as instance_id, step0_id as step_id, 0 as step_index, manager_id as approver_id,
           step0_state as state, s0_at as acted_at,
           case step0_state when 'approved' then approve_comment0 when 'rejected' then reject_comment end as comment,
           submitted_at as created_at, coalesce(s0_at, withdrawn_at, ${at}::timestamptz) as ended_at, ${step0!.remindAfterHours}::int as remind_after_hours
      from bench_approval_plan
    union all
    select pg_temp.bench_uuid('task1:' || n), id, step1_id, 1, ${directorId}::uuid,
           step1_state, s1_at,
           case step1_state when 'approved' then approve_comment1 when 'rejected' then reject_comment end,
           s0_at, coalesce(s1_at, withdrawn_at, ${at}::timestamptz), ${step1?.remindAfterHours ?? null}::int
      from bench_approval_plan where two_steps and stop = 1`);
  await tx.execute(sql`
    insert into approval_tasks (id, instance_id, step_id, approver_id, state, acted_by, comment, acted_at, reminded_at, created_at)
    select id, instance_id, step_id, approver_id, state,
           case when state in ('approved', 'rejected') then approver_id end,
           comment,
           case when state in ('approved', 'rejected') then acted_at end,
           case when remind_after_hours is not null and ended_at - created_at >= remind_after_hours * interval '1 hour'
                then created_at + remind_after_hours * interval '1 hour' end,
           created_at
      from bench_approval_tasks order by created_at`);

  // The events each action writes, in the order they happened (the id orders an instance's timeline).
  await tx.execute(sql`
    insert into approval_events (instance_id, kind, step_index, actor_id, on_behalf_of, comment, at)
    select instance_id, kind, step_index, actor_id, on_behalf_of, comment, at from (
      select id as instance_id, 'submitted' as kind, null::int as step_index, submitter_id as actor_id, null::uuid as on_behalf_of,
             null::text as comment, submitted_at as at, 0 as sequence
        from bench_approval_plan
      union all
      select id, 'skipped', 1, null, null, null, submitted_at, 1 from bench_approval_plan where step1_state = 'skipped' and ${twoSteps}::boolean
      union all
      select t.instance_id, 'reminded', t.step_index, null, t.approver_id, null, t.created_at + t.remind_after_hours * interval '1 hour', 2
        from bench_approval_tasks t
       where t.remind_after_hours is not null and t.ended_at - t.created_at >= t.remind_after_hours * interval '1 hour'
      union all
      select instance_id, state, step_index, approver_id, null, comment, acted_at, 3
        from bench_approval_tasks where state in ('approved', 'rejected')
      union all
      select id, 'completed', null, null, null, null, decided_at, 4 from bench_approval_plan where status = 'approved'
      union all
      select id, 'withdrawn', null, submitter_id, null, withdraw_comment, withdrawn_at, 4 from bench_approval_plan where status = 'withdrawn'
    ) events
    order by at, instance_id, sequence`);

  // The final approval soft-deletes the organisation (onApproved in organization-deletion.ts).
  await tx.execute(sql`
    update organizations o set deleted_at = p.decided_at, updated_at = p.decided_at, version = o.version + 1
      from bench_approval_plan p where p.status = 'approved' and o.id = p.record_id`);

  // nextNumber continues after the generated numbers.
  await tx.execute(sql`
    insert into numbering_counters (record_type, period_key, value)
    select 'approval', split_part(number, '-', 2), max(split_part(number, '-', 3)::int) from bench_approval_plan group by 2
    on conflict (record_type, period_key) do update set value = greatest(numbering_counters.value, excluded.value)`);

  const [counts] = await rows<{ steps: number; tasks: number; events: number }>(
    tx,
    sql`select (select count(*) from approval_steps)::int as steps, (select count(*) from approval_tasks)::int as tasks,
               (select count(*) from approval_events)::int as events`,
  );
  const byStatus: Record<string, number> = {};
  for (const row of await rows<{ status: string; count: number }>(tx, sql`select status, count(*)::int as count from bench_approval_plan group by status order by status`)) {
    byStatus[row.status] = row.count;
  }
  const instances = Object.values(byStatus).reduce((total, value) => total + value, 0);
  for (const statement of ['drop table bench_approval_tasks', 'drop table bench_approval_plan', 'drop function pg_temp.bench_random(text)', 'drop function pg_temp.bench_uuid(text)']) {
    await tx.execute(sql.raw(statement));
  }
  return { instances, byStatus, ...counts!, deletedOrganizations: byStatus.approved ?? 0 };
}

/** Per approver: instances waiting for them and instances they decided — what their inbox boxes hold. */
export async function approverLoads(database: Database): Promise<{ userId: string; pending: number; done: number }[]> {
  return database.query<{ userId: string; pending: number; done: number }>(
    `select u.id as "userId",
               (select count(distinct t.instance_id) from approval_tasks t join approval_instances i on i.id = t.instance_id
                 where t.approver_id = u.id and t.state = 'pending' and i.status = 'pending')::int as pending,
               (select count(distinct t.instance_id) from approval_tasks t where t.acted_by = u.id)::int as done
          from users u
         where exists (select 1 from approval_tasks t where t.approver_id = u.id)`,
  );
}

async function rows<Row>(tx: Tx, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result = (await tx.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
