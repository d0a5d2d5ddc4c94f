// Moving a project through its process (PRJ-3): advancing through the gates, moving back, a manager's override with a
// reason (through the approval engine when a flow for it exists), checklist toggles, and the stage panel's read model
// (every stage with its visits, days, checklist and criteria). Every move is one project_stage_history row.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AdvanceInput, AdvanceResult, GateCriterionStatus, ProjectStages } from '@openpsm/contracts';
import type { Db, DbOrTx, Tx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { assertNotLocked, submitApproval } from '../../platform/approvals/approval-chain';
import { writeHistory } from '../../platform/audit/history.service';
import { AppError, forbidden, notFound, staleVersion, type FieldProblem } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { projectInScope, writableProject, type ProjectRow } from '../projects/project-access';
import { projectChanged } from '../projects/project-hooks';
import { projectChecklist, projectStageHistory, projects } from '../projects/projects.table';
import { evaluateStage, gateFromFacts, loadGateFacts, type StageRow } from './gate-criteria';
import { salesProcesses, salesStages } from './methodology.table';
import { PROJECT_STAGE_OVERRIDE, withOverrideRequest } from './stage-override';

const DAY = 24 * 60 * 60 * 1000;
type MoveKind = 'advance' | 'back' | 'override';

const refused = (path: string, code: string, detail = code) => new AppError('business_rule', detail, [{ path, code, message: code }]);

/** The gate refusal: 422 stage_gate_unmet, every unmet criterion named in `errors` and with its parameters in `unmet`. */
export function gateRefusal(unmet: GateCriterionStatus[]): AppError {
  const errors: FieldProblem[] = unmet.map((status) => ({ path: `stages.${status.stageCode}`, code: status.code, message: status.code }));
  return new AppError('stage_gate_unmet', `${unmet.length} gate criteria are not met`, errors, { unmet });
}

/** Puts the project into `target` and keeps the move: stage history, field history, score hooks. */
export async function moveProject(
  tx: Tx,
  actor: Actor | null,
  project: ProjectRow,
  target: StageRow,
  move: { kind: MoveKind; reason?: string | null; approvalId?: string | null; movedBy?: string | null; now: Date },
): Promise<number> {
  const [from] = await tx.select().from(salesStages).where(eq(salesStages.id, project.stageId));
  const [updated] = await tx
    .update(projects)
    .set({
      stageId: target.id,
      stageEnteredAt: move.now,
      probability: target.probability,
      // A new stage earns a new stalled alert (PRJ-11: once per stage).
      stalledAlertedAt: null,
      updatedAt: move.now,
      version: sql`${projects.version} + 1`,
    })
    .where(eq(projects.id, project.id))
    .returning({ version: projects.version });
  await tx.insert(projectStageHistory).values({
    projectId: project.id,
    fromStageId: project.stageId,
    toStageId: target.id,
    kind: move.kind,
    reason: move.reason ?? null,
    approvalId: move.approvalId ?? null,
    movedBy: move.movedBy ?? actor?.userId ?? null,
    movedAt: move.now,
  });
  await writeHistory(tx, actor, {
    recordType: 'project',
    recordId: project.id,
    action: 'update',
    changes: [
      { field: 'stage', old: from ? `${from.code} ${from.nameZh}` : null, new: `${target.code} ${target.nameZh}` },
      ...(project.probability !== target.probability ? [{ field: 'probability', old: project.probability, new: target.probability }] : []),
    ],
    note: move.reason ? `stage_${move.kind}: ${move.reason}` : `stage_${move.kind}`,
  });
  await projectChanged({ tx, actor, projectId: project.id });
  return updated!.version;
}

/** The target stage of a move: in the project's process, live, not the current one, not the won stage. */
async function targetStage(tx: DbOrTx, project: ProjectRow, toStageId: string): Promise<StageRow> {
  const [target] = await tx.select().from(salesStages).where(and(eq(salesStages.id, toStageId), eq(salesStages.processId, project.processId)));
  if (!target) throw refused('toStageId', 'stage_not_in_process');
  if (target.archivedAt) throw refused('toStageId', 'stage_archived');
  if (target.id === project.stageId) throw refused('toStageId', 'same_stage');
  // Winning is closing (PRJ-9, reason and lessons required): the projects module's close puts it into this stage.
  if (target.kind === 'won') throw refused('toStageId', 'won_stage_needs_close');
  return target;
}

/**
 * POST /projects/:id/advance. Ahead: every gate between here and the target must pass, or 422 listing each unmet
 * criterion; with `override` (project.approve, reason required) the move goes ahead anyway — through the approval
 * engine when a 'project_stage_override' flow applies. Back: always allowed, kept in the history.
 */
export async function advanceProject(db: Db, actor: Actor, id: string, input: AdvanceInput, now = new Date()): Promise<AdvanceResult> {
  const overrideReason = input.override ? (input.override.reason ?? '').trim() : null;
  if (input.override && !actor.permissions.has('project.approve')) throw forbidden('Overriding a stage gate needs project.approve');
  if (input.override && !overrideReason) throw refused('override.reason', 'reason_required');
  return db.transaction(async (tx) => {
    const project = await writableProject(tx, actor, id);
    if (project.version !== input.version) throw staleVersion();
    if (project.status !== 'open') throw refused('status', 'project_not_open');
    await assertNotLocked(tx, 'project', id);
    const target = await targetStage(tx, project, input.toStageId);
    const facts = await loadGateFacts(tx, project);
    const current = [...facts.stagesByCode.values()].find((stage) => stage.id === project.stageId);
    const result = (version: number, overridden: GateCriterionStatus[] = [], approvalId: string | null = null, outcome: AdvanceResult['outcome'] = 'moved'): AdvanceResult => ({
      outcome,
      projectId: id,
      stageId: outcome === 'moved' ? target.id : project.stageId,
      version,
      approvalId,
      overridden,
    });

    if (current && target.sort < current.sort) {
      return result(await moveProject(tx, actor, project, target, { kind: 'back', now }));
    }
    const gate = gateFromFacts(facts, target);
    if (gate.passed) return result(await moveProject(tx, actor, project, target, { kind: 'advance', now }));
    if (!overrideReason) throw gateRefusal(gate.unmet);

    const instance = await withOverrideRequest(tx, { toStageId: target.id, fromStageId: project.stageId, reason: overrideReason }, () =>
      submitApproval(tx, actor, PROJECT_STAGE_OVERRIDE, id, { reason: overrideReason }),
    );
    if (instance && instance.status !== 'approved') return result(project.version, gate.unmet, instance.id, 'pending_approval');
    if (instance) {
      // Every step was skipped: the engine approved at once and its onApproved already moved the project.
      const [moved] = await tx.select({ version: projects.version }).from(projects).where(eq(projects.id, id));
      return result(moved!.version, gate.unmet, instance.id);
    }
    const version = await moveProject(tx, actor, project, target, { kind: 'override', reason: overrideReason, now });
    return result(version, gate.unmet);
  });
}

/** PUT /projects/:id/checklist/:stageId/:itemKey — ticks or unticks one item of a stage of the project's process. */
export async function setChecklistItem(db: Db, actor: Actor, id: string, stageId: string, itemKey: string, done: boolean, now = new Date()) {
  return db.transaction(async (tx) => {
    const project = await writableProject(tx, actor, id);
    const [stage] = await tx.select().from(salesStages).where(and(eq(salesStages.id, stageId), eq(salesStages.processId, project.processId)));
    const item = stage?.checklist.find((entry) => entry.key === itemKey);
    if (!stage || !item) throw notFound('No such checklist item in the project’s process');
    if (project.status !== 'open') throw refused('status', 'project_not_open');
    const [existing] = await tx
      .select()
      .from(projectChecklist)
      .where(and(eq(projectChecklist.projectId, id), eq(projectChecklist.stageId, stageId), eq(projectChecklist.itemKey, itemKey)));
    if (Boolean(existing) !== done) {
      if (done) await tx.insert(projectChecklist).values({ projectId: id, stageId, itemKey, doneBy: actor.userId, doneAt: now });
      else await tx.delete(projectChecklist).where(and(eq(projectChecklist.projectId, id), eq(projectChecklist.stageId, stageId), eq(projectChecklist.itemKey, itemKey)));
      await writeHistory(tx, actor, {
        recordType: 'project',
        recordId: id,
        action: 'update',
        changes: [{ field: `checklist.${stage.code}.${itemKey}`, old: !done, new: done }],
      });
      await projectChanged({ tx, actor, projectId: id });
    }
    return { stageId, itemKey, done, doneAt: done ? (existing?.doneAt ?? now).toISOString() : null };
  });
}

/** GET /projects/:id/stages — the stage panel: the process as steps with visits, days, checklist and criteria. */
export async function projectStages(db: DbOrTx, actor: Actor, id: string, now = new Date()): Promise<ProjectStages> {
  const project = await projectInScope(db, actor, id, 'read');
  const [facts, [process], history, checklistRows, canWrite] = await Promise.all([
    loadGateFacts(db, project),
    db.select().from(salesProcesses).where(eq(salesProcesses.id, project.processId)),
    db
      .select({ entry: projectStageHistory, movedByName: users.displayName })
      .from(projectStageHistory)
      .leftJoin(users, eq(users.id, projectStageHistory.movedBy))
      .where(eq(projectStageHistory.projectId, id))
      .orderBy(asc(projectStageHistory.movedAt)),
    db
      .select({ row: projectChecklist, doneByName: users.displayName })
      .from(projectChecklist)
      .leftJoin(users, eq(users.id, projectChecklist.doneBy))
      .where(eq(projectChecklist.projectId, id)),
    projectInScope(db, actor, id, 'write').then(
      () => true,
      () => false,
    ),
  ]);
  // A closed project's clock stops when it closed.
  const end = project.status === 'open' ? now : (project.closedAt ?? now);
  const visits = new Map<string, { enteredAt: Date; leftAt: Date | null }[]>();
  history.forEach(({ entry }, index) => {
    const next = history[index + 1]?.entry;
    const list = visits.get(entry.toStageId) ?? [];
    list.push({ enteredAt: entry.movedAt, leftAt: next ? next.movedAt : null });
    visits.set(entry.toStageId, list);
  });
  const stages = [...facts.stagesByCode.values()]
    .sort((left, right) => left.sort - right.sort)
    .filter((stage) => !stage.archivedAt || stage.id === project.stageId || visits.has(stage.id));
  const done = new Map(checklistRows.map(({ row, doneByName }) => [`${row.stageId}/${row.itemKey}`, { row, doneByName }]));
  const canEdit = canWrite && actor.permissions.has('project.edit');
  return {
    projectId: id,
    processId: project.processId,
    process: { id: process!.id, code: process!.code, nameZh: process!.nameZh, nameEn: process!.nameEn },
    currentStageId: project.stageId,
    status: project.status,
    version: project.version,
    stages: stages.map((stage) => {
      const stays = visits.get(stage.id) ?? [];
      const spent = stays.reduce((sum, stay) => sum + Math.max(0, (stay.leftAt ?? end).getTime() - stay.enteredAt.getTime()), 0);
      const { createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = stage;
      return {
        stage: { ...fields, kind: stage.kind as 'open' | 'won', archivedAt: stage.archivedAt?.toISOString() ?? null },
        current: stage.id === project.stageId,
        visits: stays.map((stay) => ({ enteredAt: stay.enteredAt.toISOString(), leftAt: stay.leftAt?.toISOString() ?? null })),
        days: Math.floor(spent / DAY),
        checklist: stage.checklist.map((item) => {
          const entry = done.get(`${stage.id}/${item.key}`);
          return {
            ...item,
            done: Boolean(entry),
            doneAt: entry?.row.doneAt.toISOString() ?? null,
            doneBy: entry?.row.doneBy ? { id: entry.row.doneBy, displayName: entry.doneByName ?? '' } : null,
          };
        }),
        criteria: evaluateStage(facts, stage),
      };
    }),
    history: history.map(({ entry, movedByName }) => ({
      id: entry.id,
      kind: entry.kind as ProjectStages['history'][number]['kind'],
      fromStageId: entry.fromStageId,
      toStageId: entry.toStageId,
      reason: entry.reason,
      approvalId: entry.approvalId,
      movedBy: entry.movedBy ? { id: entry.movedBy, displayName: movedByName ?? '' } : null,
      movedAt: entry.movedAt.toISOString(),
    })),
    access: { edit: canEdit, override: canEdit && actor.permissions.has('project.approve') },
  };
}
