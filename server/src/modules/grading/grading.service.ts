// Customer grading (CUS-4): administrators weigh four indicators; a daily job scores every live organisation in
// one SQL statement and files it as A, B or C by two thresholds, with a history line whenever the grade changes.
//
// Each indicator is brought to 0–1 before weighing, so a weight means the same whatever the indicator's unit:
//   revenue, profit: the organisation's amount over the last 12 months ÷ the largest amount of any organisation
//   frequency:       ½ · recency of the last follow-up (1 today → 0 after 90 days)
//                  + ½ · touches in the last 90 days (changes people made to the record, 10 or more count as 1)
//   potential:       ½ · its scale's rank in the scale option list (smallest 0 → largest 1)
//                  + ½ · its lifecycle stage (purchasing 1 … lost 0)
// score = Σ weightᵢ · indicatorᵢ ÷ Σ weights × 100 (two decimals); A at or above threshold a, B at or above b.
// Competitors are not customers and are not graded.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { GradingModel, GradingModelInput } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { settings } from '../../platform/config/config.table';
import { staleVersion } from '../../platform/errors';

/** The grading model is kept in its own settings row (row 1 holds the company settings). */
const MODEL_ROW = 2;

type StoredModel = Pick<GradingModel, 'weights' | 'thresholds'> & { lastRunAt?: string | null };

export const defaultGradingModel: StoredModel = {
  weights: { revenue: 30, profit: 10, frequency: 30, potential: 30 },
  thresholds: { a: 60, b: 30 },
};

/** How far along the buying journey each lifecycle stage is, for the potential indicator. */
export const stagePotential: Record<string, number> = {
  identified: 0.2,
  new: 0.3,
  intentional: 0.6,
  purchasing: 1,
  complete_info: 0.8,
  dormant: 0.1,
  lost: 0,
};

/**
 * Revenue and profit per organisation over the 12 months before `now`. They are zero while OpenPSM records no
 * contracts; the contracts module puts its signed amounts (and their gross profit) in these two expressions,
 * and the normalisation, weighting and tests around them stay as they are.
 */
export const revenueOf = (_organizationId: SQL, _now: Date): SQL => sql`0::numeric`;
export const profitOf = (_organizationId: SQL, _now: Date): SQL => sql`0::numeric`;

export async function getGradingModel(db: DbOrTx): Promise<GradingModel> {
  const [row] = await db.select().from(settings).where(eq(settings.id, MODEL_ROW));
  const stored = { ...defaultGradingModel, ...((row?.values ?? {}) as Partial<StoredModel>) };
  return { weights: stored.weights, thresholds: stored.thresholds, lastRunAt: stored.lastRunAt ?? null, version: row?.version ?? 1 };
}

export async function updateGradingModel(db: Db, actor: Actor, input: GradingModelInput): Promise<GradingModel> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(settings).where(eq(settings.id, MODEL_ROW)).for('update');
    const version = row?.version ?? 1;
    if (version !== input.version) throw staleVersion();
    const before = await getGradingModel(tx);
    const values: StoredModel = { weights: input.weights, thresholds: input.thresholds, lastRunAt: before.lastRunAt };
    await tx.insert(settings).values({ id: MODEL_ROW, values, version: version + 1 }).onConflictDoUpdate({ target: settings.id, set: { values, version: version + 1 } });
    const changes = diffFields(before as unknown as Record<string, unknown>, values as unknown as Record<string, unknown>, ['weights', 'thresholds']);
    if (changes.length) await writeHistory(tx, actor, { recordType: 'settings', recordId: '00000000-0000-0000-0000-000000000002', action: 'update', changes });
    return { ...values, lastRunAt: before.lastRunAt, version: version + 1 };
  });
}

/** Scores and grades every live organisation (competitors aside); returns how many were graded and changed grade. */
export async function gradeOrganizations(db: DbOrTx, now = new Date()): Promise<{ graded: number; changed: number }> {
  const model = await getGradingModel(db);
  const { weights, thresholds } = model;
  const totalWeight = weights.revenue + weights.profit + weights.frequency + weights.potential || 1;
  const at = sql`${now.toISOString()}::timestamptz`;
  const stageCases = sql.join(
    Object.entries(stagePotential).map(([stage, value]) => sql`when ${stage} then ${value}::numeric`),
    sql` `,
  );
  const result = await db.execute<{ graded: string | number; changed: string | number }>(sql`
    with touches as (
      select record_id, count(*) as n from record_history
      where record_type = 'organization' and actor_id is not null
        and at > ${at} - interval '90 days' and at <= ${at}
      group by record_id),
    scale_rank as (
      select code, (row_number() over (order by sort, code) - 1)::numeric / greatest(count(*) over () - 1, 1) as value
      from options where list_key = 'scale'),
    raw as (
      select o.id, o.grade as old_grade,
        ${revenueOf(sql`o.id`, now)} as revenue,
        ${profitOf(sql`o.id`, now)} as profit,
        0.5 * case when o.last_activity_at is null then 0
          else greatest(0, 1 - extract(epoch from (${at} - o.last_activity_at)) / (90 * 86400))::numeric end
          + 0.5 * least(1, coalesce(t.n, 0) / 10.0) as frequency,
        0.5 * coalesce(s.value, 0) + 0.5 * (case o.stage ${stageCases} else 0 end) as potential
      from organizations o
      left join touches t on t.record_id = o.id
      left join scale_rank s on s.code = o.scale
      where o.deleted_at is null and o.type <> 'competitor'),
    scored as (
      select id, old_grade, round(100 * (
          ${weights.revenue} * coalesce(revenue / nullif(max(revenue) over (), 0), 0)
        + ${weights.profit} * coalesce(profit / nullif(max(profit) over (), 0), 0)
        + ${weights.frequency} * frequency
        + ${weights.potential} * potential) / ${totalWeight}, 2) as score
      from raw),
    graded as (
      select id, old_grade, score,
        case when score >= ${thresholds.a} then 'A' when score >= ${thresholds.b} then 'B' else 'C' end as grade
      from scored),
    updated as (
      update organizations o set grade_score = g.score, grade = g.grade, graded_at = ${at}
      from graded g
      where o.id = g.id and (o.grade_score is distinct from g.score or o.grade is distinct from g.grade)
      returning o.id, g.old_grade, g.grade, g.score),
    history as (
      insert into record_history (record_type, record_id, action, actor_id, changes, note, at)
      select 'organization', id, 'grade.computed', null,
        jsonb_build_array(jsonb_build_object('field', 'grade', 'old', old_grade, 'new', grade)), 'score ' || score, ${at}
      from updated where old_grade is distinct from grade)
    select (select count(*) from graded) as graded, (select count(*) from updated where old_grade is distinct from grade) as changed`);
  // The time of the run beside the model, so the admin page can say when grades were last computed.
  // Only the one key: an administrator may have changed the weights meanwhile, and those stay.
  const values = { ...defaultGradingModel, lastRunAt: now.toISOString() };
  await db
    .insert(settings)
    .values({ id: MODEL_ROW, values, version: 1 })
    .onConflictDoUpdate({ target: settings.id, set: { values: sql`${settings.values} || jsonb_build_object('lastRunAt', ${now.toISOString()}::text)` } });
  const counts = result.rows[0];
  return { graded: Number(counts?.graded ?? 0), changed: Number(counts?.changed ?? 0) };
}
