// Administration of sales processes and their stages (PRJ-2, project.configure). Stages are edited under their
// process's row lock and version. Nothing here rewrites a project: a project keeps its stage (and the probability it
// entered with) when the stage is renamed, reordered, re-weighted or archived; criteria changes apply to the next move.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { SalesProcess, SalesProcessInput, SalesProcessPatch, SalesStageInput, SalesStagePatch } from '@openpsm/contracts';
import type { Db, DbOrTx, Tx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { writeHistory } from '../../platform/audit/history.service';
import { unknownOptionValues } from '../../platform/config/options.service';
import { AppError, notFound, staleVersion, type FieldProblem } from '../../platform/errors';
import { departments } from '../../platform/org-structure/org-structure.table';
import { projects } from '../projects/projects.table';
import { stageUsage, type StageRow } from './gate-criteria';
import { salesProcesses, salesStages } from './methodology.table';

type ProcessRow = typeof salesProcesses.$inferSelect;
const RECORD_TYPE = 'sales_process';
const stageFields = ['code', 'nameZh', 'nameEn', 'probability', 'kind', 'criteria', 'checklist', 'inputsZh', 'inputsEn', 'successZh', 'successEn', 'milestoneZh', 'milestoneEn', 'outputsZh', 'outputsEn'] as const;

function toStage(stage: StageRow, projectCount: number): SalesProcess['stages'][number] {
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = stage;
  return { ...fields, kind: stage.kind as 'open' | 'won', archivedAt: stage.archivedAt?.toISOString() ?? null, projectCount };
}

async function stagesWithCounts(db: DbOrTx, processIds: string[]) {
  if (processIds.length === 0) return new Map<string, SalesProcess['stages']>();
  const [stages, counts] = await Promise.all([
    db.select().from(salesStages).where(inArray(salesStages.processId, processIds)).orderBy(asc(salesStages.sort)),
    db
      .select({ stageId: projects.stageId, n: sql<number>`count(*)::int` })
      .from(projects)
      .where(and(inArray(projects.processId, processIds), isNull(projects.deletedAt)))
      .groupBy(projects.stageId),
  ]);
  const countOf = new Map(counts.map((row) => [row.stageId, row.n]));
  const byProcess = new Map<string, SalesProcess['stages']>();
  for (const stage of stages) byProcess.set(stage.processId, [...(byProcess.get(stage.processId) ?? []), toStage(stage, countOf.get(stage.id) ?? 0)]);
  return byProcess;
}

function toProcess(row: ProcessRow, stages: SalesProcess['stages']): SalesProcess {
  const { createdAt: _createdAt, ...fields } = row;
  return { ...fields, stages, updatedAt: row.updatedAt.toISOString() };
}

export async function listProcesses(db: DbOrTx): Promise<SalesProcess[]> {
  const rows = await db.select().from(salesProcesses).orderBy(sql`${salesProcesses.isDefault} desc`, asc(salesProcesses.createdAt), asc(salesProcesses.code));
  const stages = await stagesWithCounts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toProcess(row, stages.get(row.id) ?? []));
}

export async function getProcess(db: DbOrTx, id: string): Promise<SalesProcess> {
  const [row] = await db.select().from(salesProcesses).where(eq(salesProcesses.id, id));
  if (!row) throw notFound();
  return toProcess(row, (await stagesWithCounts(db, [id])).get(id) ?? []);
}

type StageDraft = Pick<StageRow, 'code' | 'criteria' | 'checklist' | 'kind'> & { archived: boolean };

/**
 * Every problem of a process as it would be after the change (API.md: name them all): stage codes and checklist keys
 * unique, a checklist criterion naming an item of an earlier stage of the same process, one live working stage at
 * least.
 */
export function stageProblems(stages: StageDraft[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (path: string, code: string) => problems.push({ path, code, message: code });
  const position = new Map<string, number>();
  stages.forEach((stage, index) => {
    if (position.has(stage.code)) problem(`stages.${index}.code`, 'duplicate_code');
    else position.set(stage.code, index);
    const keys = new Set<string>();
    stage.checklist.forEach((item, itemIndex) => {
      if (keys.has(item.key)) problem(`stages.${index}.checklist.${itemIndex}.key`, 'duplicate_key');
      keys.add(item.key);
    });
  });
  stages.forEach((stage, index) => {
    stage.criteria.forEach((criterion, criterionIndex) => {
      if (criterion.type !== 'checklist') return;
      const owner = position.get(criterion.stage);
      if (owner === undefined) return problem(`stages.${index}.criteria.${criterionIndex}.stage`, 'unknown_stage');
      // A gate can only ask for work of a stage the project has gone through.
      if (owner >= index) return problem(`stages.${index}.criteria.${criterionIndex}.stage`, 'stage_not_earlier');
      if (!stages[owner]!.checklist.some((item) => item.key === criterion.item)) problem(`stages.${index}.criteria.${criterionIndex}.item`, 'unknown_checklist_item');
    });
  });
  if (!stages.some((stage) => !stage.archived && stage.kind === 'open')) problem('stages', 'no_open_stage');
  return problems;
}

/** Product lines known and not taken by another active process; departments that exist. */
async function assignmentProblems(tx: DbOrTx, input: { productLines?: string[] | undefined; departmentIds?: string[] | undefined }, processId: string | null): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const lines = input.productLines ?? [];
  problems.push(...(await unknownOptionValues(tx, Object.fromEntries(lines.map((line, index) => [`productLines.${index}`, { listKey: 'product_line', value: line }])))));
  if (lines.length > 0) {
    const others = await tx
      .select({ productLines: salesProcesses.productLines })
      .from(salesProcesses)
      .where(and(eq(salesProcesses.active, true), processId ? ne(salesProcesses.id, processId) : sql`true`));
    const taken = new Set(others.flatMap((other) => other.productLines));
    lines.forEach((line, index) => taken.has(line) && problems.push({ path: `productLines.${index}`, code: 'product_line_taken', message: 'product_line_taken' }));
  }
  const ids = input.departmentIds ?? [];
  if (ids.length > 0) {
    const found = new Set((await tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, ids))).map((row) => row.id));
    ids.forEach((id, index) => !found.has(id) && problems.push({ path: `departmentIds.${index}`, code: 'unknown_department', message: 'unknown_department' }));
  }
  return problems;
}

const invalid = (problems: FieldProblem[]) => new AppError('invalid_input', 'Invalid input', problems);

/** Only one default process: setting one clears the others. */
async function clearOtherDefaults(tx: DbOrTx, keepId: string) {
  await tx.update(salesProcesses).set({ isDefault: false }).where(and(eq(salesProcesses.isDefault, true), ne(salesProcesses.id, keepId)));
}

export async function createProcess(db: Db, actor: Actor, input: SalesProcessInput): Promise<SalesProcess> {
  const id = await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: salesProcesses.id }).from(salesProcesses).where(eq(salesProcesses.code, input.code));
    if (taken) throw new AppError('already_exists', 'Code in use', [{ path: 'code', code: 'code_taken', message: 'code_taken' }]);
    const problems = [...stageProblems(input.stages.map((stage) => ({ ...stage, archived: false }))), ...(await assignmentProblems(tx, input, null))];
    if (input.isDefault && !input.active) problems.push({ path: 'active', code: 'default_inactive', message: 'default_inactive' });
    if (problems.length > 0) throw invalid(problems);
    const { stages, ...fields } = input;
    const [row] = await tx.insert(salesProcesses).values({ ...fields, builtin: false }).returning();
    await tx.insert(salesStages).values(stages.map((stage, index) => ({ ...stage, processId: row!.id, sort: (index + 1) * 10 })));
    if (input.isDefault) await clearOtherDefaults(tx, row!.id);
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: row!.id, action: 'create', note: input.code });
    return row!.id;
  });
  return getProcess(db, id);
}

/** The process locked for a change, at the version the editor saw. */
async function lockProcess(tx: DbOrTx, id: string, version: number): Promise<ProcessRow> {
  const [row] = await tx.select().from(salesProcesses).where(eq(salesProcesses.id, id)).for('update');
  if (!row) throw notFound();
  if (row.version !== version) throw staleVersion();
  return row;
}

async function bumpProcess(tx: DbOrTx, id: string, set: Partial<ProcessRow> = {}) {
  await tx
    .update(salesProcesses)
    .set({ ...set, version: sql`${salesProcesses.version} + 1`, updatedAt: new Date() })
    .where(eq(salesProcesses.id, id));
}

export async function updateProcess(db: Db, actor: Actor, id: string, patch: SalesProcessPatch): Promise<SalesProcess> {
  await db.transaction(async (tx) => {
    const current = await lockProcess(tx, id, patch.version);
    const { version: _version, ...fields } = patch;
    const problems = await assignmentProblems(tx, { productLines: fields.productLines, departmentIds: fields.departmentIds }, id);
    const active = fields.active ?? current.active;
    const isDefault = fields.isDefault ?? current.isDefault;
    if (isDefault && !active) problems.push({ path: 'active', code: 'default_inactive', message: 'default_inactive' });
    if (problems.length > 0) throw invalid(problems);
    await bumpProcess(tx, id, fields);
    if (fields.isDefault) await clearOtherDefaults(tx, id);
    const changes = Object.entries(fields)
      .filter(([key, value]) => JSON.stringify(current[key as keyof ProcessRow]) !== JSON.stringify(value))
      .map(([key, value]) => ({ field: key, old: current[key as keyof ProcessRow] as unknown, new: value as unknown }));
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'update', changes });
  });
  return getProcess(db, id);
}

/** Deleting a process nobody ever used; a built-in or used one is kept (deactivate it instead). */
export async function deleteProcess(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(salesProcesses).where(eq(salesProcesses.id, id)).for('update');
    if (!row) throw notFound();
    if (row.builtin) throw new AppError('builtin_protected', 'Built-in processes can be deactivated, not deleted');
    const [used] = await tx.select({ id: projects.id }).from(projects).where(eq(projects.processId, id)).limit(1);
    if (used) throw new AppError('in_use', 'Projects follow this process; deactivate it instead');
    await tx.delete(salesStages).where(eq(salesStages.processId, id));
    await tx.delete(salesProcesses).where(eq(salesProcesses.id, id));
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'delete', note: row.code });
  });
}

async function stagesOf(tx: DbOrTx, processId: string): Promise<StageRow[]> {
  return tx.select().from(salesStages).where(eq(salesStages.processId, processId)).orderBy(asc(salesStages.sort));
}

/** Problems of the stage list after a change; those of the edited stage lose their `stages.<n>.` prefix. */
function problemsAfter(stages: StageDraft[], editedIndex: number): FieldProblem[] {
  return stageProblems(stages).map((entry) => ({ ...entry, path: entry.path.startsWith(`stages.${editedIndex}.`) ? entry.path.slice(`stages.${editedIndex}.`.length) : entry.path }));
}

const draft = (stage: StageRow): StageDraft => ({ code: stage.code, criteria: stage.criteria, checklist: stage.checklist, kind: stage.kind, archived: Boolean(stage.archivedAt) });

export async function addStage(db: Db, actor: Actor, id: string, input: SalesStageInput & { version: number }): Promise<SalesProcess> {
  await db.transaction(async (tx) => {
    await lockProcess(tx, id, input.version);
    const stages = await stagesOf(tx, id);
    const { version: _version, ...fields } = input;
    const problems = problemsAfter([...stages.map(draft), { ...fields, archived: false }], stages.length);
    if (problems.length > 0) throw invalid(problems);
    const sort = (stages.at(-1)?.sort ?? 0) + 10;
    const [row] = await tx.insert(salesStages).values({ ...fields, processId: id, sort }).returning();
    await bumpProcess(tx, id);
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'update', changes: [{ field: `stages.${row!.code}`, old: null, new: row!.nameZh }] });
  });
  return getProcess(db, id);
}

export async function updateStage(db: Db, actor: Actor, id: string, stageId: string, patch: SalesStagePatch): Promise<SalesProcess> {
  await db.transaction(async (tx) => {
    await lockProcess(tx, id, patch.version);
    const stages = await stagesOf(tx, id);
    const index = stages.findIndex((stage) => stage.id === stageId);
    if (index < 0) throw notFound();
    const current = stages[index]!;
    const { version: _version, archived, ...fields } = patch;
    const next = { ...current, ...fields, archivedAt: archived === undefined ? current.archivedAt : archived ? (current.archivedAt ?? new Date()) : null };
    const drafts = stages.map((stage, position) => draft(position === index ? next : stage));
    // Renaming a code other stages' criteria name: they follow, so the gates keep meaning the same work.
    const renamed = fields.code && fields.code !== current.code ? { from: current.code, to: fields.code } : null;
    if (renamed) {
      drafts.forEach((entry) => {
        entry.criteria = entry.criteria.map((criterion) => (criterion.type === 'checklist' && criterion.stage === renamed.from ? { ...criterion, stage: renamed.to } : criterion));
      });
    }
    const problems = problemsAfter(drafts, index);
    if (problems.length > 0) throw invalid(problems);
    await tx
      .update(salesStages)
      .set({ ...fields, archivedAt: next.archivedAt, updatedAt: new Date() })
      .where(eq(salesStages.id, stageId));
    if (renamed) {
      for (const [position, stage] of stages.entries()) {
        if (position !== index && JSON.stringify(stage.criteria) !== JSON.stringify(drafts[position]!.criteria)) {
          await tx.update(salesStages).set({ criteria: drafts[position]!.criteria, updatedAt: new Date() }).where(eq(salesStages.id, stage.id));
        }
      }
    }
    await bumpProcess(tx, id);
    const changes = stageFields
      .filter((field) => field in fields && JSON.stringify(current[field]) !== JSON.stringify(fields[field]))
      .map((field) => ({ field: `stages.${current.code}.${field}`, old: current[field] as unknown, new: fields[field] as unknown }));
    if (archived !== undefined && archived !== Boolean(current.archivedAt)) changes.push({ field: `stages.${current.code}.archived`, old: !archived, new: archived });
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'update', changes });
  });
  return getProcess(db, id);
}

/** New order of the stages (all of them, archived too). Projects keep their stage; gates follow the new order. */
export async function reorderStages(db: Db, actor: Actor, id: string, input: { version: number; stageIds: string[] }): Promise<SalesProcess> {
  await db.transaction(async (tx) => {
    await lockProcess(tx, id, input.version);
    const stages = await stagesOf(tx, id);
    const known = new Set(stages.map((stage) => stage.id));
    if (input.stageIds.length !== stages.length || new Set(input.stageIds).size !== stages.length || input.stageIds.some((stageId) => !known.has(stageId))) {
      throw invalid([{ path: 'stageIds', code: 'must_list_every_stage', message: 'must_list_every_stage' }]);
    }
    const reordered = input.stageIds.map((stageId) => stages.find((stage) => stage.id === stageId)!);
    const problems = stageProblems(reordered.map(draft));
    if (problems.length > 0) throw invalid(problems);
    for (const [index, stage] of reordered.entries()) {
      await tx.update(salesStages).set({ sort: (index + 1) * 10, updatedAt: new Date() }).where(eq(salesStages.id, stage.id));
    }
    await bumpProcess(tx, id);
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'update', changes: [{ field: 'stageOrder', old: stages.map((stage) => stage.code), new: reordered.map((stage) => stage.code) }] });
  });
  return getProcess(db, id);
}

/** Deletes a stage nothing ever used; a used one (projects in it, history, checklist) is archived instead. */
export async function deleteStage(db: Db, actor: Actor, id: string, stageId: string, version: number): Promise<{ outcome: 'deleted' | 'archived'; process: SalesProcess }> {
  const outcome = await db.transaction(async (tx: Tx) => {
    await lockProcess(tx, id, version);
    const stages = await stagesOf(tx, id);
    const index = stages.findIndex((stage) => stage.id === stageId);
    if (index < 0) throw notFound();
    const stage = stages[index]!;
    const { used } = await stageUsage(tx, stageId);
    const remaining = stages
      .map((entry, position) => ({ ...draft(entry), archived: position === index ? true : draft(entry).archived }))
      .filter((_entry, position) => used || position !== index);
    const problems = stageProblems(remaining);
    if (problems.length > 0) {
      // Paths name the stage by code: indexes of a list without the deleted stage would mislead.
      const named = problems.map((entry) => {
        const code = entry.code === 'unknown_stage' || entry.code === 'unknown_checklist_item' ? 'stage_referenced' : entry.code;
        const path = entry.path.replace(/^stages\.(\d+)/, (_match, position: string) => `stages.${remaining[Number(position)]!.code}`);
        return { path, code, message: code };
      });
      throw new AppError('in_use', 'Other stages depend on this stage', named);
    }
    if (used) await tx.update(salesStages).set({ archivedAt: stage.archivedAt ?? new Date(), updatedAt: new Date() }).where(eq(salesStages.id, stageId));
    else await tx.delete(salesStages).where(eq(salesStages.id, stageId));
    await bumpProcess(tx, id);
    await writeHistory(tx, actor, { recordType: RECORD_TYPE, recordId: id, action: 'update', changes: [{ field: `stages.${stage.code}`, old: stage.nameZh, new: used ? 'archived' : null }] });
    return used ? ('archived' as const) : ('deleted' as const);
  });
  return { outcome, process: await getProcess(db, id) };
}
