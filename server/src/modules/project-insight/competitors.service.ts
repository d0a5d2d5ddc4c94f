// Competition on a project (PRJ-5): competitor organisations with their offer, price, strengths, weaknesses and threat.
// Only an organisation of type competitor may be put on a project (422 otherwise). Competitors are market knowledge,
// not customers: any live one may be named, whoever owns its record (closing a project as lost names the winner the
// same way); any other organisation outside the caller's scope stays a 404. Prices are decimal strings, as all money.
import { and, asc, eq, ilike, isNull, or } from 'drizzle-orm';
import type { ProjectCompetitor, ProjectCompetitorInput, ProjectCompetitorPatch } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition } from '../../platform/access/record-scope';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { organizations } from '../organizations/organizations.table';
import { projectInScope } from '../projects/project-access';
import { projectChanged } from '../projects/project-hooks';
import { projectCompetitors } from '../projects/projects.table';
import { writableProject } from '../projects/project-access';

/** "12.5" as numeric(18, 2) gives it back: "12.50" (string arithmetic, no float rounding). */
const columnMoney = (value: string) => {
  const [whole = '0', fraction = ''] = value.split('.');
  return `${BigInt(whole)}.${fraction.padEnd(2, '0')}`;
};

const editableFields = ['offer', 'price', 'strengths', 'weaknesses', 'threat'] as const;

async function competitorRows(db: DbOrTx, projectId: string, competitorId?: string) {
  return db
    .select({ row: projectCompetitors, organizationName: organizations.name })
    .from(projectCompetitors)
    .innerJoin(organizations, eq(organizations.id, projectCompetitors.organizationId))
    .where(and(eq(projectCompetitors.projectId, projectId), competitorId ? eq(projectCompetitors.id, competitorId) : undefined))
    .orderBy(asc(projectCompetitors.createdAt), asc(projectCompetitors.id));
}

function toCompetitor({ row, organizationName }: Awaited<ReturnType<typeof competitorRows>>[number]): ProjectCompetitor {
  return {
    id: row.id,
    organization: { id: row.organizationId, name: organizationName },
    offer: row.offer,
    price: row.price,
    strengths: row.strengths,
    weaknesses: row.weaknesses,
    threat: row.threat,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listCompetitors(db: DbOrTx, actor: Actor, projectId: string): Promise<{ items: ProjectCompetitor[] }> {
  await projectInScope(db, actor, projectId);
  return { items: (await competitorRows(db, projectId)).map(toCompetitor) };
}

async function oneCompetitor(db: DbOrTx, projectId: string, competitorId: string): Promise<ProjectCompetitor> {
  const [row] = await competitorRows(db, projectId, competitorId);
  if (!row) throw notFound();
  return toCompetitor(row);
}

export async function addCompetitor(db: Db, actor: Actor, projectId: string, input: ProjectCompetitorInput): Promise<ProjectCompetitor> {
  return db.transaction(async (tx) => {
    await writableProject(tx, actor, projectId);
    const [organization] = await tx
      .select({ id: organizations.id, name: organizations.name, type: organizations.type })
      .from(organizations)
      .where(
        and(
          eq(organizations.id, input.organizationId),
          isNull(organizations.deletedAt),
          or(eq(organizations.type, 'competitor'), recordCondition(actor, ownedRecordTables.organization, input.organizationId, 'read')),
        ),
      );
    if (!organization) throw notFound('Organisation not found');
    if (organization.type !== 'competitor') {
      throw new AppError('business_rule', 'Only organisations of type competitor can compete on a project', [{ path: 'organizationId', code: 'not_competitor', message: 'not_competitor' }]);
    }
    const values = { offer: input.offer ?? null, price: input.price ?? null, strengths: input.strengths ?? null, weaknesses: input.weaknesses ?? null, threat: input.threat ?? null };
    const [inserted] = await tx
      .insert(projectCompetitors)
      .values({ projectId, organizationId: organization.id, ...values })
      .onConflictDoNothing()
      .returning({ id: projectCompetitors.id });
    if (!inserted) throw new AppError('already_exists', 'The competitor is already on the project', [{ path: 'organizationId', code: 'already_on_project', message: 'already_on_project' }]);
    const changes = diffFields({} as Record<string, unknown>, values, editableFields);
    await writeHistory(tx, actor, { recordType: 'project', recordId: projectId, action: 'competitor.add', changes, note: organization.name });
    await projectChanged({ tx, actor, projectId });
    return oneCompetitor(tx, projectId, inserted.id);
  });
}

export async function updateCompetitor(db: Db, actor: Actor, projectId: string, competitorId: string, patch: ProjectCompetitorPatch): Promise<ProjectCompetitor> {
  return db.transaction(async (tx) => {
    await writableProject(tx, actor, projectId);
    const before = await oneCompetitor(tx, projectId, competitorId);
    if (before.version !== patch.version) throw staleVersion();
    const { version: _version, ...changesIn } = patch;
    // The column gives "12.50" for 12.5: compare money as the column will hold it.
    const normalized = changesIn.price == null ? changesIn : { ...changesIn, price: columnMoney(changesIn.price) };
    const changes = diffFields(before as unknown as Record<string, unknown>, normalized, editableFields);
    if (changes.length) {
      await tx
        .update(projectCompetitors)
        .set({ ...changesIn, version: before.version + 1, updatedAt: new Date() })
        .where(eq(projectCompetitors.id, competitorId));
      await writeHistory(tx, actor, { recordType: 'project', recordId: projectId, action: 'competitor.update', changes, note: before.organization.name });
      await projectChanged({ tx, actor, projectId });
    }
    return oneCompetitor(tx, projectId, competitorId);
  });
}

export async function removeCompetitor(db: Db, actor: Actor, projectId: string, competitorId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await writableProject(tx, actor, projectId);
    const before = await oneCompetitor(tx, projectId, competitorId);
    await tx.delete(projectCompetitors).where(eq(projectCompetitors.id, competitorId));
    await writeHistory(tx, actor, { recordType: 'project', recordId: projectId, action: 'competitor.remove', changes: [], note: before.organization.name });
    await projectChanged({ tx, actor, projectId });
  });
}

/** The competitor organisations a project may name (all live ones: see above), by name, at most 20. */
export async function competitorOptions(db: DbOrTx, q: string | undefined): Promise<{ items: { id: string; name: string }[] }> {
  const text = q?.trim();
  const items = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(
        eq(organizations.type, 'competitor'),
        isNull(organizations.deletedAt),
        text ? ilike(organizations.name, `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`) : undefined,
      ),
    )
    .orderBy(asc(organizations.name))
    .limit(20);
  return { items };
}
