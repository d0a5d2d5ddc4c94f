// A manager's override of a stage gate as an approval document type ('project_stage_override', PRJ-3). Not required:
// with no flow that applies, the override is recorded at once; with one, the project stays where it is until the
// final approval moves it (and is locked against other moves meanwhile).
//
// The engine loads a subject by record id only, but an override is about a move (from → to, why): the request travels
// to loadSubject in a transaction-local setting, and is kept in the approval's fields, from which onApproved reads it.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition } from '../../platform/access/record-scope';
import { approvalInstances } from '../../platform/approvals/approvals.table';
import { registerDocumentType } from '../../platform/approvals/document-types';
import { writeHistory } from '../../platform/audit/history.service';
import { AppError, notFound } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { projects } from '../projects/projects.table';
import { salesStages } from './methodology.table';
import { moveProject } from './stage-moves.service';

export const PROJECT_STAGE_OVERRIDE = 'project_stage_override';
const SETTING = 'openpsm.stage_override';

type OverrideRequest = { toStageId: string; fromStageId: string; reason: string };

export async function withOverrideRequest<T>(tx: DbOrTx, request: OverrideRequest, run: () => Promise<T>): Promise<T> {
  await tx.execute(sql`select set_config(${SETTING}, ${JSON.stringify(request)}, true)`);
  try {
    return await run();
  } finally {
    await tx.execute(sql`select set_config(${SETTING}, '', true)`);
  }
}

async function currentRequest(tx: DbOrTx): Promise<OverrideRequest> {
  const [row] = await tx.execute<{ value: string | null }>(sql`select current_setting(${SETTING}, true) as value`).then((result) => result.rows);
  const value = row?.value;
  if (!value) throw new AppError('business_rule', 'A stage override is submitted by advancing the project with an override', [{ path: 'recordId', code: 'override_only_by_advance', message: 'override_only_by_advance' }]);
  return JSON.parse(value) as OverrideRequest;
}

const fieldValue = (fields: { field: string; value: unknown }[], name: string) => fields.find((entry) => entry.field === name)?.value as string | undefined;

export function registerStageOverride() {
  registerDocumentType({
    key: PROJECT_STAGE_OVERRIDE,
    recordType: 'project',
    required: false,
    fields: [
      { key: 'project.amount', type: 'money' },
      { key: 'project.owner', type: 'user' },
      { key: 'project.region', type: 'option', optionList: 'region' },
      { key: 'project.targetProbability', type: 'number' },
    ],
    async loadSubject(tx, actor: Actor, recordId) {
      const request = await currentRequest(tx);
      const [row] = await tx
        .select({ project: projects, ownerName: users.displayName })
        .from(projects)
        .leftJoin(users, eq(users.id, projects.ownerId))
        .where(and(recordCondition(actor, ownedRecordTables.project, recordId, 'write'), isNull(projects.deletedAt)))
        .for('update', { of: projects });
      if (!row) throw notFound();
      const stages = await tx.select().from(salesStages).where(eq(salesStages.processId, row.project.processId));
      const name = (id: string) => stages.find((stage) => stage.id === id);
      const from = name(request.fromStageId);
      const to = name(request.toStageId);
      return {
        title: `${row.project.number} ${row.project.name}`,
        fields: [
          { field: 'number', value: row.project.number },
          { field: 'name', value: row.project.name },
          { field: 'fromStage', value: from ? `${from.code} ${from.nameZh}` : null },
          { field: 'toStage', value: to ? `${to.code} ${to.nameZh}` : null },
          { field: 'reason', value: request.reason },
          { field: 'owner', value: row.ownerName },
          { field: 'fromStageId', value: request.fromStageId },
          { field: 'toStageId', value: request.toStageId },
        ],
        values: {
          'project.amount': row.project.amount,
          'project.owner': row.project.ownerId,
          'project.region': row.project.region,
          'project.targetProbability': to?.probability ?? null,
        },
      };
    },
    async canReadRecord(tx, actor, recordId) {
      const [row] = await tx.select({ id: projects.id }).from(projects).where(recordCondition(actor, ownedRecordTables.project, recordId, 'read'));
      return Boolean(row);
    },
    async onApproved(tx, outcome) {
      const [instance] = await tx.select().from(approvalInstances).where(eq(approvalInstances.id, outcome.instanceId));
      const fields = (instance?.fields ?? []) as { field: string; value: unknown }[];
      const toStageId = fieldValue(fields, 'toStageId');
      const fromStageId = fieldValue(fields, 'fromStageId');
      const reason = fieldValue(fields, 'reason') ?? null;
      const [project] = await tx.select().from(projects).where(eq(projects.id, outcome.recordId)).for('update');
      const [target] = toStageId ? await tx.select().from(salesStages).where(eq(salesStages.id, toStageId)) : [];
      // The project moved or closed meanwhile, or the stage was archived: the approved move no longer applies.
      if (!project || !target || project.deletedAt || project.status !== 'open' || project.stageId !== fromStageId || target.archivedAt) {
        if (project) await writeHistory(tx, outcome.decidedBy, { recordType: 'project', recordId: project.id, action: 'update', note: `stage_override_obsolete: approval:${outcome.number}` });
        return;
      }
      await moveProject(tx as Tx, outcome.decidedBy, project, target, { kind: 'override', reason, approvalId: outcome.instanceId, movedBy: instance?.submitterId ?? null, now: new Date() });
    },
  });
}
