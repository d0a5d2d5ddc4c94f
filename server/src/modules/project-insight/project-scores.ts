// Deal health (PRJ-4, 0–100) and value assessment (PRJ-8, score 0–100 → A / B / C) of projects, in one SQL statement
// that serves both the in-transaction hook (one project, after any change of its inputs) and the nightly job (every
// open project: recency decays with time alone). One statement, not a loop in Node, so the nightly run over hundreds
// of thousands of projects is one pass and the hook and the job can never disagree. Formula: docs/projects.md.
//
// health = 35·gate + 30·coverage + 20·recency + 15·competition, each part 0–1:
//   gate:        done checklist items of the current and the next stage + met criteria of the next stage, over their
//                number (criteria on tenders, milestones and notes are the gate's business, not counted here); with
//                nothing to count, the stage's probability
//   coverage:    0.6 · (decision maker, technical evaluator, procurement present: ⅓ each)
//              + 0.4 · supporters ÷ (supporters + opponents) (0.5 with neither but someone mapped; 0 with nobody)
//   recency:     1 − days since the later of the last activity and the last stage change ÷ (2 · stalled days), ≥ 0
//   competition: 1 with no competitor; else 0.5 + (our best relationship level − their highest threat) ÷ 8
//                − 0.05 per competitor beyond the first, within 0–1 (a threat left empty counts 3)
// value = Σ weightᵢ · indicatorᵢ ÷ Σ weights × 100, indicators 0–1:
//   amount ÷ cap (the settings cap, or the largest open amount), budget confirmed 1/0, (need clarity − 1) ÷ 4,
//   best stakeholder relationship level ÷ 5, competition as above; A at or above threshold a, B at or above b.
import { sql, type SQL } from 'drizzle-orm';
import type { ProjectScores } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { ProjectSettings } from '@openpsm/contracts';
import { onProjectChanged } from '../projects/project-hooks';
import { getProjectSettings } from './project-settings.service';

type FactorRow = {
  id: string;
  old_health: number | null;
  old_grade: string | null;
  gate: string | number;
  coverage: string | number;
  recency: string | number;
  competition: string | number;
  amount_part: string | number;
  budget_part: string | number;
  need_part: string | number;
  relationship_part: string | number;
  health: number | string;
  value_score: string;
  value_grade: 'A' | 'B' | 'C';
};

/** The score of every project `filter` selects (a condition on `p`), with its parts, as of `now`. */
function scoresQuery(filter: SQL, model: ProjectSettings, now: Date): SQL {
  const { weights, thresholds, amountCap } = model.valueModel;
  const totalWeight = weights.amount + weights.budgetConfirmed + weights.needClarity + weights.relationship + weights.competition || 1;
  const at = sql`${now.toISOString()}::timestamptz`;
  const cap = amountCap ? sql`${amountCap}::numeric` : sql`(select max(amount) from projects where status = 'open' and deleted_at is null)`;
  return sql`
    with target as (
      select p.* from projects p where p.deleted_at is null and ${filter}),
    stages as (
      select t.id as project_id, s.id as stage_id, s.checklist, s.criteria, s.id = t.stage_id as is_current
      from target t
      join sales_stages cur on cur.id = t.stage_id
      cross join lateral (
        (select s1.id, s1.checklist, s1.criteria from sales_stages s1 where s1.id = t.stage_id)
        union all
        (select s2.id, s2.checklist, s2.criteria from sales_stages s2
          where s2.process_id = t.process_id and s2.archived_at is null and s2.sort > cur.sort
          order by s2.sort limit 1)) s),
    items as (
      select st.project_id, count(*) as total, count(pc.item_key) as done
      from stages st
      cross join lateral jsonb_array_elements(st.checklist) item
      left join project_checklist pc on pc.project_id = st.project_id and pc.stage_id = st.stage_id and pc.item_key = item->>'key'
      group by st.project_id),
    crit as (
      select st.project_id, count(*) as total, count(*) filter (where case c->>'type'
          when 'field' then case c->>'field'
            when 'amount' then t.amount is not null
            when 'expectedSignDate' then t.expected_sign_date is not null
            when 'productLines' then jsonb_array_length(t.product_lines) > 0
            when 'source' then coalesce(t.source, '') <> ''
            when 'site' then coalesce(t.site, '') <> ''
            when 'region' then coalesce(t.region, '') <> ''
            when 'budgetConfirmed' then t.budget_confirmed is true
            when 'description' then coalesce(t.description, '') <> ''
            else false end
          when 'stakeholder' then (select count(*) from project_stakeholders ps join contacts ct on ct.id = ps.contact_id and ct.deleted_at is null
              where ps.project_id = t.id
                and case when jsonb_array_length(coalesce(c->'buyingRoles', '[]'::jsonb)) > 0 then (c->'buyingRoles') @> to_jsonb(ps.buying_role)
                  when c->>'buyingRole' is not null then ps.buying_role = c->>'buyingRole'
                  else true end
                and (c->>'attitude' is null or ps.attitude = c->>'attitude')) >= coalesce((c->>'minCount')::int, 1)
          when 'checklist' then exists (select 1 from project_checklist pc join sales_stages s3 on s3.id = pc.stage_id
              where pc.project_id = t.id and s3.process_id = t.process_id and s3.code = c->>'stage' and pc.item_key = c->>'item')
          when 'record' then case c->>'record'
            when 'competitor' then (select count(*) from project_competitors x where x.project_id = t.id)
            when 'team_member' then (select count(*) from project_members x where x.project_id = t.id)
            when 'related_organization' then (select count(*) from project_organizations x where x.project_id = t.id)
            else 0 end >= coalesce((c->>'minCount')::int, 1)
          else false end) as met
      from stages st
      join target t on t.id = st.project_id
      cross join lateral jsonb_array_elements(st.criteria) c
      where not st.is_current
        and (c->>'type' <> 'record' or c->>'record' in ('competitor', 'team_member', 'related_organization'))
      group by st.project_id),
    people as (
      select ps.project_id,
        (coalesce(bool_or(ps.buying_role = 'decision_maker'), false)::int + coalesce(bool_or(ps.buying_role = 'technical_evaluator'), false)::int
          + coalesce(bool_or(ps.buying_role = 'procurement'), false)::int) / 3.0 as roles,
        count(*) filter (where ps.attitude = 'supporter') as supporters,
        count(*) filter (where ps.attitude = 'opponent') as opponents,
        max(coalesce(ps.relationship_level, 0)) as best_relationship
      from project_stakeholders ps
      join contacts ct on ct.id = ps.contact_id and ct.deleted_at is null
      where ps.project_id in (select id from target)
      group by ps.project_id),
    rivals as (
      select x.project_id, count(*) as n, max(coalesce(x.threat, 3)) as max_threat
      from project_competitors x
      where x.project_id in (select id from target)
      group by x.project_id),
    parts as (
      select t.id, t.health_score as old_health, t.value_grade as old_grade,
        case when coalesce(i.total, 0) + coalesce(c.total, 0) = 0 then t.probability / 100.0
          else (coalesce(i.done, 0) + coalesce(c.met, 0))::numeric / (coalesce(i.total, 0) + coalesce(c.total, 0)) end as gate,
        case when pe.project_id is null then 0
          else 0.6 * pe.roles + 0.4 * case when pe.supporters + pe.opponents = 0 then 0.5
            else pe.supporters::numeric / (pe.supporters + pe.opponents) end end as coverage,
        least(1, greatest(0, 1 - extract(epoch from (${at} - greatest(t.stage_entered_at, coalesce(t.last_activity_at, t.stage_entered_at))))
          / (2 * ${model.stalledDays} * 86400.0)))::numeric as recency,
        case when r.project_id is null then 1
          else least(1, greatest(0, 0.5 + (coalesce(pe.best_relationship, 0) - r.max_threat) / 8.0 - 0.05 * (r.n - 1))) end as competition,
        coalesce(least(1, t.amount / nullif(${cap}, 0)), 0) as amount_part,
        case when t.budget_confirmed then 1 else 0 end as budget_part,
        coalesce((t.need_clarity - 1) / 4.0, 0) as need_part,
        coalesce(pe.best_relationship, 0) / 5.0 as relationship_part
      from target t
      left join items i on i.project_id = t.id
      left join crit c on c.project_id = t.id
      left join people pe on pe.project_id = t.id
      left join rivals r on r.project_id = t.id),
    scored as (
      select parts.*,
        least(100, greatest(0, round(35 * gate + 30 * coverage + 20 * recency + 15 * competition)))::smallint as health,
        round(100 * (${weights.amount} * amount_part + ${weights.budgetConfirmed} * budget_part + ${weights.needClarity} * need_part
          + ${weights.relationship} * relationship_part + ${weights.competition} * competition) / ${totalWeight}, 2) as value_score
      from parts)
    select scored.*, case when value_score >= ${thresholds.a} then 'A' when value_score >= ${thresholds.b} then 'B' else 'C' end as value_grade
    from scored`;
}

const part = (value: string | number) => Math.round(Number(value) * 1000) / 1000;

/**
 * Recomputes and stores the scores of the projects `filter` selects. Scores are derived, not edits: no version bump,
 * no updated_at; a change of value grade gets a history line (as a customer's grade does), health moves daily and
 * would drown the history.
 */
async function storeScores(db: DbOrTx, filter: SQL, now: Date): Promise<{ scored: number; changed: number }> {
  const model = await getProjectSettings(db);
  const result = await db.execute<{ scored: string | number; changed: string | number }>(sql`
    with computed as (${scoresQuery(filter, model, now)}),
    updated as (
      update projects p set health_score = c.health, value_score = c.value_score, value_grade = c.value_grade
      from computed c
      where p.id = c.id and (p.health_score is distinct from c.health or p.value_score is distinct from c.value_score
        or p.value_grade is distinct from c.value_grade)
      returning p.id, c.old_grade, c.value_grade, c.value_score),
    history as (
      insert into record_history (record_type, record_id, action, actor_id, changes, note, at)
      select 'project', id, 'value_grade.computed', null,
        jsonb_build_array(jsonb_build_object('field', 'valueGrade', 'old', old_grade, 'new', value_grade)), 'score ' || value_score, ${now.toISOString()}::timestamptz
      from updated where old_grade is distinct from value_grade)
    select (select count(*) from computed) as scored, (select count(*) from updated) as changed`);
  const row = result.rows[0];
  return { scored: Number(row?.scored ?? 0), changed: Number(row?.changed ?? 0) };
}

/** One project's scores, now (the onProjectChanged hook). */
export function scoreProject(db: DbOrTx, projectId: string, now = new Date()) {
  return storeScores(db, sql`p.id = ${projectId}`, now);
}

/** Every open project (the nightly job; settings changes): recency decays even when nothing else happens. */
export function scoreOpenProjects(db: DbOrTx, now = new Date()) {
  return storeScores(db, sql`p.status = 'open'`, now);
}

/** One project's scores with their parts, as of `now`, without storing them (the badge's explanation). */
export async function projectScoreParts(db: DbOrTx, projectId: string, now = new Date()): Promise<ProjectScores> {
  const model = await getProjectSettings(db);
  const result = await db.execute<FactorRow>(scoresQuery(sql`p.id = ${projectId}`, model, now));
  const row = result.rows[0];
  if (!row) return { healthScore: null, valueScore: null, valueGrade: null, health: { gate: 0, coverage: 0, recency: 0, competition: 0 }, value: { amount: 0, budgetConfirmed: 0, needClarity: 0, relationship: 0, competition: 0 } };
  return {
    healthScore: Number(row.health),
    valueScore: Number(row.value_score).toFixed(2),
    valueGrade: row.value_grade,
    health: { gate: part(row.gate), coverage: part(row.coverage), recency: part(row.recency), competition: part(row.competition) },
    value: {
      amount: part(row.amount_part),
      budgetConfirmed: part(row.budget_part),
      needClarity: part(row.need_part),
      relationship: part(row.relationship_part),
      competition: part(row.competition),
    },
  };
}

/** Keyed, so several test apps registering it is harmless. */
export function registerProjectScoreHook(): void {
  onProjectChanged('project-insight.scores', ({ tx, projectId }) => scoreProject(tx, projectId).then(() => undefined));
}
