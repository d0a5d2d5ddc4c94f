// The pipeline board (PRJ-11): a process's stages as columns with count, amount and weighted amount, and the first
// cards of each column — all in SQL within the caller's data scope, in two statements whatever the number of stages.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import {
  PIPELINE_PAGE_SIZE,
  type PipelineBoard,
  type PipelineBoardQuery,
  type PipelineCard,
  type PipelineColumnPage,
  type PipelineColumnQuery,
  type PipelineFilters,
  type PipelineProcessRef,
} from '@openpsm/contracts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordAllowed, scopeArms, scopeCondition, smallScope } from '../../platform/access/record-scope';
import { executeStatement } from '../../db/prepared';
import { invalidField } from '../../platform/errors';
import { salesProcesses, salesStages } from '../methodology/methodology.table';
import { projects } from '../projects/projects.table';
import { pipelineTotals } from './pipeline.table';
import { catalogOutdated, catalogStages, catalogVersionColumn, salesCatalog, toProcessRef } from './sales-catalog';
import { ownerInDepartmentTree } from '../../platform/org-structure/department-tree';

const scoped = ownedRecordTables.project;
const DAY_MS = 86_400_000;

/**
 * What every board statement filters by: the process, open and live (the partial board indexes cover exactly these
 * rows), the caller's scope and the chosen filters.
 */
function boardConditions(actor: Actor, processId: string, filters: PipelineFilters): SQL {
  return and(filterConditions(processId, filters), scopeCondition(actor, scoped)) as SQL;
}

/** The filters on the owner (an owner, a department tree), on whichever owner column: projects' or pipeline_totals'. */
function ownerFilters(ownerColumn: AnyPgColumn, filters: PipelineFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.owner) conditions.push(eq(ownerColumn, filters.owner));
  if (filters.department) {
    conditions.push(ownerInDepartmentTree(ownerColumn, filters.department));
  }
  return conditions;
}

/** Whether the column sums can come from pipeline_totals: only owner filters apply (the board as it opens). */
const totalsAnswer = (filters: PipelineFilters) =>
  !filters.productLine && !filters.amountMin && !filters.amountMax && !filters.expectedFrom && !filters.expectedTo && !filters.grade && filters.healthMin === undefined;

/** The board's conditions without the scope (the sums read the scope's two arms apart: see boardStatements). */
function filterConditions(processId: string, filters: PipelineFilters): SQL {
  const conditions: SQL[] = [eq(projects.processId, processId), sql`${projects.status} = 'open'`, isNull(projects.deletedAt)];
  conditions.push(...ownerFilters(projects.ownerId, filters));
  if (filters.productLine) conditions.push(sql`${projects.productLines} @> ${JSON.stringify([filters.productLine])}::jsonb`);
  if (filters.amountMin) conditions.push(sql`${projects.amount} >= ${filters.amountMin}::numeric`);
  if (filters.amountMax) conditions.push(sql`${projects.amount} <= ${filters.amountMax}::numeric`);
  if (filters.expectedFrom) conditions.push(sql`${projects.expectedSignDate} >= ${filters.expectedFrom}::date`);
  if (filters.expectedTo) conditions.push(sql`${projects.expectedSignDate} <= ${filters.expectedTo}::date`);
  if (filters.grade) conditions.push(eq(projects.valueGrade, filters.grade));
  if (filters.healthMin !== undefined) conditions.push(sql`${projects.healthScore} >= ${filters.healthMin}`);
  return and(...conditions) as SQL;
}

const cardOrder = (sort: PipelineFilters['sort']) =>
  sort === 'expectedSignDate'
    ? sql`${projects.expectedSignDate} asc nulls last, ${projects.id}`
    : sql`${projects.amount} desc nulls last, ${projects.id}`;

/**
 * The owners' arm's first page of a stage (inside the lateral over sales_stages s): ids with their sort keys. For a
 * manager the planner walks projects_board_amount_idx (or _expected_idx) in the card order and stops after 20 rows of
 * owners in scope; for a rep it reads their few rows from projects_board_scope_idx and sorts them.
 */
const ownedCardArm = (filters: SQL, arm: SQL | null, sort: PipelineFilters['sort']) => sql`(select ${projects.id} as id, ${projects.amount} as amount,
    ${projects.expectedSignDate} as expected_sign_date from ${projects}
    where ${projects.stageId} = s.id and ${filters}${arm ? sql` and ${arm}` : sql``}
    order by ${cardOrder(sort)} limit ${PIPELINE_PAGE_SIZE})`;

/** The shared arm's rows, all stages at once (a few dozen ids, found by primary key) — read once, not per stage. */
const sharedCards = (filters: SQL, arm: SQL) => sql`select ${projects.id} as id, ${projects.stageId} as stage_id, ${projects.amount} as amount,
    ${projects.expectedSignDate} as expected_sign_date from ${projects} where ${arm} and ${filters}`;

/** cardOrder over the arms' union. */
const armOrder = (sort: PipelineFilters['sort'], alias = 'arm') =>
  sort === 'expectedSignDate'
    ? sql`${sql.raw(alias)}.expected_sign_date asc nulls last, ${sql.raw(alias)}.id`
    : sql`${sql.raw(alias)}.amount desc nulls last, ${sql.raw(alias)}.id`;

/**
 * The card columns a lateral page selects (bare columns: names are joined after the limit, for the page only). Whether
 * the caller may edit a card is decided from its owner and id by the access layer (recordAllowed), not per row in SQL.
 */
const cardColumns = sql`${projects.id} as id, ${projects.number} as number, ${projects.name} as name,
  ${projects.stageId} as stage_id, ${projects.organizationId} as organization_id, ${projects.ownerId} as owner_id,
  ${projects.amount}::text as amount, ${projects.currency} as currency, ${projects.expectedSignDate}::text as expected_sign_date,
  ${projects.stageEnteredAt} as stage_entered_at, ${projects.healthScore} as health_score, ${projects.valueGrade} as value_grade,
  ${projects.probability} as probability, ${projects.version} as version`;

type CardRow = {
  id: string;
  number: string;
  name: string;
  stage_id: string;
  organization_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  amount: string | null;
  currency: string;
  expected_sign_date: string | null;
  stage_entered_at: string | Date;
  health_score: number | null;
  value_grade: string | null;
  probability: number;
  version: number;
};

function toCard(actor: Actor, row: CardRow, now: Date): PipelineCard {
  const entered = new Date(row.stage_entered_at).getTime();
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    stageId: row.stage_id,
    organizationName: row.organization_name,
    owner: row.owner_id ? { id: row.owner_id, displayName: row.owner_name ?? '' } : null,
    amount: row.amount,
    currency: row.currency,
    expectedSignDate: row.expected_sign_date,
    daysInStage: Math.max(0, Math.floor((now.getTime() - entered) / DAY_MS)),
    healthScore: row.health_score === null ? null : Number(row.health_score),
    valueGrade: row.value_grade,
    probability: Number(row.probability),
    version: Number(row.version),
    canEdit: actor.permissions.has('project.edit') && recordAllowed(actor, 'project', { id: row.id, ownerId: row.owner_id }, 'write'),
  };
}

/** Names after the page is cut: the joins run for the cards shown, never for the whole column. */
const namedCards = (pages: SQL) => sql`select c.*, o.name as organization_name, u.display_name as owner_name
  from (${pages}) c
  left join organizations o on o.id = c.organization_id
  left join users u on u.id = c.owner_id`;

const money = (value: unknown) => (value === null || value === undefined ? '0.00' : String(value));

/**
 * The board's two statements (exported for the EXPLAIN check in the tests): counts and sums per stage plus the totals
 * (grouping sets), and one lateral page per stage cut at 20 after the sort — both reading the scope's two arms apart.
 */
export function boardStatements(actor: Actor, processId: string, query: PipelineFilters): { sums: SQL; cards: SQL } {
  // The owners' arm and the shared arm apart: the first is read from projects_board_scope_idx alone (process, owner,
  // stage, amount, probability), which an OR of both would turn into heap reads of every project in scope.
  const filters = filterConditions(processId, query);
  const arms = scopeArms(actor, scoped);
  // Each arm gives rows of (stage, count, amount, Σ amount × probability): one per project, or one per owner and stage
  // from pipeline_totals, which a trigger keeps (migration 0012) — a manager's open board then adds up a few hundred
  // rows instead of reading every project in scope. Other filters than the owner's need the projects themselves.
  const projectRows = (arm: SQL | null) => sql`select ${projects.stageId} as stage_id, 1 as count, ${projects.amount} as amount,
      ${projects.amount} * ${projects.probability} as weighted from ${projects} where ${filters}${arm ? sql` and ${arm}` : sql``}`;
  const ownedRows = totalsAnswer(query)
    ? (() => {
        const owned = scopeArms(actor, { ...scoped, ownerId: pipelineTotals.ownerId }).owned;
        const conditions = [eq(pipelineTotals.processId, processId), sql`${pipelineTotals.openCount} <> 0`, ...ownerFilters(pipelineTotals.ownerId, query)];
        if (owned) conditions.push(owned);
        return sql`select ${pipelineTotals.stageId} as stage_id, ${pipelineTotals.openCount} as count, ${pipelineTotals.amount} as amount,
            ${pipelineTotals.weighted} as weighted from ${pipelineTotals} where ${and(...conditions)}`;
      })()
    : projectRows(arms.owned);
  const inScope = arms.shared ? sql`${ownedRows} union all ${projectRows(arms.shared)}` : ownedRows;
  return {
    sums: sql`
      select stage_id, sum(count) as count, sum(amount)::numeric(20, 2)::text as amount,
             round(sum(weighted) / 100, 2)::numeric(20, 2)::text as weighted, ${catalogVersionColumn} as catalog_version
      from (${inScope}) in_scope group by grouping sets ((stage_id), ())`,
    // The page is cut on (id, amount, expected date) alone — an index carrying them answers it without the table —
    // and only the 20 rows per stage are then read in full.
    // Per stage, each arm's first 20 (ids and sort keys from the index), then the first 20 of both.
    // The shared arm is a materialised CTE: per stage, a bitmap AND of the whole stage with the shared ids cost more
    // than the rest of the board together.
    cards: namedCards(sql`${arms.shared ? sql`with shared_cards as materialized (${sharedCards(filters, arms.shared)}) ` : sql``}select ${cardColumns} from sales_stages s cross join lateral (
        select arm.id as page_id from (${ownedCardArm(filters, arms.owned, query.sort)}${
          arms.shared
            ? sql` union all (select id, amount, expected_sign_date from shared_cards where stage_id = s.id order by ${armOrder(query.sort, 'shared_cards')} limit ${PIPELINE_PAGE_SIZE})`
            : sql``
        }) arm
        order by ${armOrder(query.sort)} limit ${PIPELINE_PAGE_SIZE}) page
      join ${projects} on ${projects.id} = page.page_id
      where s.process_id = ${processId}`),
  };
}

type SumRow = { stage_id: string | null; count: number | string; amount: string | null; weighted: string | null; catalog_version: number | string };

/**
 * Which of the board's statements run prepared (db/prepared.ts) — on PostgreSQL planned once per connection and then
 * run on the generic plan the planner prefers: 1.5 ms for a manager's cards instead of 2.3–3.3 ms with planning, and
 * half the sums' time. Only the board as it opens (owner filters at most), so a handful of statement texts is kept
 * per connection. The cards of a small scope (one or two owners) stay planned per call: their plan reads the owners' rows
 * from the scope index, where the generic plan walks each stage in card order (3 ms against 7 ms for a rep).
 */
function preparedStatements(actor: Actor, query: PipelineFilters): { sums: boolean; cards: boolean } {
  if (!totalsAnswer(query)) return { sums: false, cards: false };
  return { sums: true, cards: !smallScope(actor, 'project') };
}

export async function getPipelineBoard(db: DbOrTx, actor: Actor, query: PipelineBoardQuery, now = new Date(), retried = false): Promise<PipelineBoard> {
  const catalog = await salesCatalog(db);
  const processes = catalog.processes;
  let process: PipelineProcessRef | undefined;
  if (query.processId) {
    process = processes.find((candidate) => candidate.id === query.processId);
    if (!process) {
      // An inactive process is still shown when asked for by id (its projects do not vanish from the board).
      const [row] = await db.select().from(salesProcesses).where(eq(salesProcesses.id, query.processId));
      if (!row) {
        // Perhaps created since the catalog was read: read it again once before calling the id unknown.
        if (!retried) {
          catalogOutdated(db, catalog);
          return getPipelineBoard(db, actor, query, now, true);
        }
        throw invalidField('processId', 'unknown_process');
      }
      process = toProcessRef(row);
    }
  } else {
    process = processes[0];
  }
  const empty = { count: 0, amount: '0.00', weightedAmount: '0.00' };
  if (!process) return { process: null, processes, columns: [], totals: empty };

  const statements = boardStatements(actor, process.id, query);
  const prepared = preparedStatements(actor, query);
  const [stages, sums, cards] = await Promise.all([
    catalogStages(db, catalog, process.id),
    executeStatement<SumRow>(db, statements.sums, { prepared: prepared.sums }),
    executeStatement<CardRow>(db, statements.cards, { prepared: prepared.cards }),
  ]);
  // The grouping set () always gives a row, and with it the catalog's counter: moved, the board is made again on a
  // fresh catalog (the process chosen, its stages and their names may all have changed).
  if (Number(sums.rows[0]?.catalog_version) !== catalog.version) {
    catalogOutdated(db, catalog);
    if (!retried) return getPipelineBoard(db, actor, query, now, true);
  }
  // The grouping set () is the row without a stage: the board's totals, in the same statement.
  const byStage = new Map(sums.rows.filter((row) => row.stage_id !== null).map((row) => [row.stage_id, row]));
  const total = sums.rows.find((row) => row.stage_id === null);
  const cardsByStage = new Map<string, PipelineCard[]>();
  for (const row of cards.rows) {
    const list = cardsByStage.get(row.stage_id) ?? [];
    list.push(toCard(actor, row, now));
    cardsByStage.set(row.stage_id, list);
  }
  const sortKey = query.sort === 'expectedSignDate' ? sortByExpected : sortByAmount;
  const columns = stages
    .filter((stage) => !stage.archivedAt || byStage.has(stage.id))
    .map((stage) => {
      const sum = byStage.get(stage.id);
      return {
        stage: {
          id: stage.id,
          code: stage.code,
          nameZh: stage.nameZh,
          nameEn: stage.nameEn,
          sort: stage.sort,
          probability: stage.probability,
          kind: stage.kind,
          archived: Boolean(stage.archivedAt),
        },
        count: Number(sum?.count ?? 0),
        amount: money(sum?.amount),
        weightedAmount: money(sum?.weighted),
        // The joins after the laterals lose their order: sorted again here, the same way as in SQL.
        cards: (cardsByStage.get(stage.id) ?? []).sort(sortKey),
      };
    });
  // Summed by the database rather than in JavaScript: decimal strings are added exactly.
  const totals = { count: Number(total?.count ?? 0), amount: money(total?.amount), weightedAmount: money(total?.weighted) };
  return { process, processes, columns, totals };
}

const compareIds = (left: PipelineCard, right: PipelineCard) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
function sortByAmount(left: PipelineCard, right: PipelineCard): number {
  if (left.amount === right.amount) return compareIds(left, right);
  if (left.amount === null) return 1;
  if (right.amount === null) return -1;
  return Number(right.amount) - Number(left.amount) || compareIds(left, right);
}
function sortByExpected(left: PipelineCard, right: PipelineCard): number {
  if (left.expectedSignDate === right.expectedSignDate) return compareIds(left, right);
  if (left.expectedSignDate === null) return 1;
  if (right.expectedSignDate === null) return -1;
  return left.expectedSignDate < right.expectedSignDate ? -1 : 1;
}

/** A column's next cards (its "more" button), with the board's filters. */
export async function getPipelineColumn(db: DbOrTx, actor: Actor, query: PipelineColumnQuery, now = new Date()): Promise<PipelineColumnPage> {
  const [stage] = await db.select({ id: salesStages.id, processId: salesStages.processId }).from(salesStages).where(eq(salesStages.id, query.stageId));
  if (!stage) throw invalidField('stageId', 'unknown_stage');
  const where = boardConditions(actor, stage.processId, query);
  const result = await db.execute<CardRow>(
    namedCards(sql`select ${cardColumns} from ${projects}
      where ${projects.stageId} = ${stage.id} and ${where}
      order by ${cardOrder(query.sort)} limit ${PIPELINE_PAGE_SIZE + 1} offset ${query.offset}`),
  );
  const items = result.rows.map((row) => toCard(actor, row, now)).sort(query.sort === 'expectedSignDate' ? sortByExpected : sortByAmount);
  return { stageId: stage.id, offset: query.offset, items: items.slice(0, PIPELINE_PAGE_SIZE), hasMore: items.length > PIPELINE_PAGE_SIZE };
}
