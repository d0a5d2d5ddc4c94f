// The stage gate (PRJ-3): what the project has (fields, stakeholder map, related records, checklist) read once, then
// every criterion of every stage passed checked against it in memory. evaluateGate is also what the board (H4) asks
// before a drag, so it never writes.
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { GateCriterion, GateCriterionStatus } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { contacts } from '../contacts/contacts.table';
import type { ProjectRow } from '../projects/project-access';
import {
  projectChecklist,
  projectCompetitors,
  projectMembers,
  projectMilestones,
  projectNotes,
  projectOrganizations,
  projectStageHistory,
  projectStakeholders,
  projects,
} from '../projects/projects.table';
import { tenders } from '../tenders/tenders.table';
import { salesStages } from './methodology.table';

export type StageRow = typeof salesStages.$inferSelect;
type GateProject = Pick<ProjectRow, 'id' | 'processId' | 'stageId' | 'amount' | 'expectedSignDate' | 'productLines' | 'source' | 'site' | 'region' | 'budgetConfirmed' | 'description'>;

export type GateFacts = {
  project: GateProject;
  /** The process's stages by code (archived ones too: a criterion may still name them). */
  stagesByCode: Map<string, StageRow>;
  /** `${stageId}/${itemKey}` of every checklist item done. */
  doneItems: Set<string>;
  stakeholders: { buyingRole: string | null; attitude: string | null }[];
  records: Record<GateRecordKind, number>;
};
type GateRecordKind = Extract<GateCriterion, { type: 'record' }>['record'];

/** Reads everything the criteria can ask about the project, in a handful of small indexed queries. */
export async function loadGateFacts(db: DbOrTx, project: GateProject): Promise<GateFacts> {
  const count = sql<number>`count(*)::int`;
  const [stages, done, stakeholders, [competitors], [members], [related], [tenderCounts], [milestones], [notes]] = await Promise.all([
    db.select().from(salesStages).where(eq(salesStages.processId, project.processId)).orderBy(asc(salesStages.sort)),
    db.select({ stageId: projectChecklist.stageId, itemKey: projectChecklist.itemKey }).from(projectChecklist).where(eq(projectChecklist.projectId, project.id)),
    // A contact deleted since keeps no place on the map a gate counts.
    db
      .select({ buyingRole: projectStakeholders.buyingRole, attitude: projectStakeholders.attitude })
      .from(projectStakeholders)
      .innerJoin(contacts, eq(contacts.id, projectStakeholders.contactId))
      .where(and(eq(projectStakeholders.projectId, project.id), isNull(contacts.deletedAt))),
    db.select({ n: count }).from(projectCompetitors).where(eq(projectCompetitors.projectId, project.id)),
    db.select({ n: count }).from(projectMembers).where(eq(projectMembers.projectId, project.id)),
    db.select({ n: count }).from(projectOrganizations).where(eq(projectOrganizations.projectId, project.id)),
    db
      .select({ all: count, decided: sql<number>`(count(*) filter (where ${tenders.bidDecision} <> 'pending'))::int` })
      .from(tenders)
      .where(and(eq(tenders.projectId, project.id), isNull(tenders.deletedAt))),
    db.select({ n: count }).from(projectMilestones).where(and(eq(projectMilestones.projectId, project.id), isNotNull(projectMilestones.doneAt))),
    db.select({ n: count }).from(projectNotes).where(eq(projectNotes.projectId, project.id)),
  ]);
  return {
    project,
    stagesByCode: new Map(stages.map((stage) => [stage.code, stage])),
    doneItems: new Set(done.map((row) => `${row.stageId}/${row.itemKey}`)),
    stakeholders,
    records: {
      competitor: competitors?.n ?? 0,
      team_member: members?.n ?? 0,
      related_organization: related?.n ?? 0,
      tender: tenderCounts?.all ?? 0,
      bid_decision: tenderCounts?.decided ?? 0,
      milestone_done: milestones?.n ?? 0,
      tracking_note: notes?.n ?? 0,
    },
  };
}

/** A field counts as filled when it has a value; a yes/no field only when it is yes (budget confirmed). */
function fieldFilled(project: GateProject, field: Extract<GateCriterion, { type: 'field' }>['field']): boolean {
  const value = project[field];
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

/** The roles a stakeholder criterion accepts (null: any role, even none). */
export function acceptedRoles(criterion: Extract<GateCriterion, { type: 'stakeholder' }>): string[] | null {
  if (criterion.buyingRoles?.length) return criterion.buyingRoles;
  return criterion.buyingRole ? [criterion.buyingRole] : null;
}

export function evaluateCriterion(facts: GateFacts, stage: StageRow, criterion: GateCriterion): GateCriterionStatus {
  const base = { stageId: stage.id, stageCode: stage.code, criterion };
  switch (criterion.type) {
    case 'field':
      return { ...base, met: fieldFilled(facts.project, criterion.field), code: 'field_missing', params: { field: criterion.field } };
    case 'checklist': {
      const owner = facts.stagesByCode.get(criterion.stage);
      const item = owner?.checklist.find((entry) => entry.key === criterion.item);
      const met = Boolean(owner && item && facts.doneItems.has(`${owner.id}/${criterion.item}`));
      return {
        ...base,
        met,
        code: 'checklist_item_open',
        params: {
          stage: criterion.stage,
          stageNameZh: owner?.nameZh ?? criterion.stage,
          stageNameEn: owner?.nameEn ?? criterion.stage,
          item: criterion.item,
          labelZh: item?.labelZh ?? criterion.item,
          labelEn: item?.labelEn ?? criterion.item,
        },
      };
    }
    case 'stakeholder': {
      const roles = acceptedRoles(criterion);
      const actual = facts.stakeholders.filter(
        (entry) => (!roles || (entry.buyingRole !== null && roles.includes(entry.buyingRole))) && (!criterion.attitude || entry.attitude === criterion.attitude),
      ).length;
      return {
        ...base,
        met: actual >= criterion.minCount,
        code: 'stakeholder_missing',
        params: { buyingRoles: roles ?? [], attitude: criterion.attitude ?? null, minCount: criterion.minCount, actual },
      };
    }
    case 'record': {
      const actual = facts.records[criterion.record];
      return { ...base, met: actual >= criterion.minCount, code: 'record_missing', params: { record: criterion.record, minCount: criterion.minCount, actual } };
    }
  }
}

export function evaluateStage(facts: GateFacts, stage: StageRow): GateCriterionStatus[] {
  return stage.criteria.map((criterion) => evaluateCriterion(facts, stage, criterion));
}

/**
 * The stages a move from the project's stage to `target` passes through: every live stage after the current one up to
 * and including the target (moving two stages ahead checks both gates). Empty when the target is not ahead.
 */
export function stagesPassed(facts: GateFacts, target: StageRow): StageRow[] {
  const current = [...facts.stagesByCode.values()].find((stage) => stage.id === facts.project.stageId);
  const from = current?.sort ?? Number.NEGATIVE_INFINITY;
  return [...facts.stagesByCode.values()]
    .filter((stage) => stage.sort > from && stage.sort <= target.sort && (stage.archivedAt === null || stage.id === target.id))
    .sort((left, right) => left.sort - right.sort);
}

export type GateResult = { passed: boolean; stages: StageRow[]; criteria: GateCriterionStatus[]; unmet: GateCriterionStatus[] };

/** Whether the project may move to `targetStage`, with the status of every criterion of every stage passed. */
export async function evaluateGate(db: DbOrTx, project: GateProject, targetStage: StageRow): Promise<GateResult> {
  return gateFromFacts(await loadGateFacts(db, project), targetStage);
}

export function gateFromFacts(facts: GateFacts, targetStage: StageRow): GateResult {
  const stages = stagesPassed(facts, targetStage);
  const criteria = stages.flatMap((stage) => evaluateStage(facts, stage));
  const unmet = criteria.filter((status) => !status.met);
  return { passed: unmet.length === 0, stages, criteria, unmet };
}

/** Projects standing in the stage (any status), and whether any history names it: a used stage is archived, not deleted. */
export async function stageUsage(db: DbOrTx, stageId: string): Promise<{ standing: number; used: boolean }> {
  const [[standing], [history], [checklist]] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(projects).where(eq(projects.stageId, stageId)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(projectStageHistory)
      .where(sql`${projectStageHistory.toStageId} = ${stageId} or ${projectStageHistory.fromStageId} = ${stageId}`),
    db.select({ n: sql<number>`count(*)::int` }).from(projectChecklist).where(eq(projectChecklist.stageId, stageId)),
  ]);
  const count = standing?.n ?? 0;
  return { standing: count, used: count > 0 || (history?.n ?? 0) > 0 || (checklist?.n ?? 0) > 0 };
}
