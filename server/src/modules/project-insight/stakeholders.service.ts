// The stakeholder map (PRJ-4, 找对人): the project's contacts with buying role, attitude, influence and our relationship
// level, and the coverage gaps read from them. A contact joins the map only when the caller may read it (its
// organisation is in their scope) — one answer, 404, for "no such contact" and "not yours", so nothing leaks. Once on
// the map a row stays named for everyone on the project: it is the project's knowledge, like a contact's job history.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Stakeholder, StakeholderGap, StakeholderInput, StakeholderList, StakeholderPatch } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { scopeCondition } from '../../platform/access/record-scope';
import { diffFields, writeHistory } from '../../platform/audit/history.service';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';
import { projectInScope } from '../projects/project-access';
import { projectChanged } from '../projects/project-hooks';
import { projectStakeholders } from '../projects/projects.table';
import { writableProject } from '../projects/project-access';

const editableFields = ['buyingRole', 'attitude', 'influence', 'relationshipLevel', 'notes'] as const;
const organizationScope = ownedRecordTables.organization;

async function stakeholderRows(db: DbOrTx, actor: Actor, projectId: string, stakeholderId?: string) {
  return db
    .select({
      row: projectStakeholders,
      contactName: contacts.name,
      contactTitle: contacts.title,
      organizationId: organizations.id,
      organizationName: organizations.name,
      readable: sql<boolean>`${scopeCondition(actor, organizationScope, 'read')}`,
    })
    .from(projectStakeholders)
    .innerJoin(contacts, eq(contacts.id, projectStakeholders.contactId))
    .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
    .where(and(eq(projectStakeholders.projectId, projectId), isNull(contacts.deletedAt), stakeholderId ? eq(projectStakeholders.id, stakeholderId) : undefined))
    .orderBy(asc(projectStakeholders.createdAt), asc(projectStakeholders.id));
}

type Joined = Awaited<ReturnType<typeof stakeholderRows>>[number];

function toStakeholder({ row, contactName, contactTitle, organizationId, organizationName, readable }: Joined): Stakeholder {
  return {
    id: row.id,
    contact: { id: row.contactId, name: contactName, title: contactTitle, organization: { id: organizationId, name: organizationName }, readable: Boolean(readable) },
    buyingRole: row.buyingRole as Stakeholder['buyingRole'],
    attitude: row.attitude as Stakeholder['attitude'],
    influence: row.influence,
    relationshipLevel: row.relationshipLevel,
    notes: row.notes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the map lacks, most serious first (PRJ-4: no decision maker; more opponents than supporters …). */
export function stakeholderGaps(items: Pick<Stakeholder, 'buyingRole' | 'attitude'>[]): StakeholderGap[] {
  if (!items.length) return [{ code: 'no_stakeholders', severity: 'error', params: {} }];
  const gaps: StakeholderGap[] = [];
  const deciders = items.filter((item) => item.buyingRole === 'decision_maker');
  if (!deciders.length) gaps.push({ code: 'no_decision_maker', severity: 'error', params: {} });
  else if (!deciders.some((item) => item.attitude === 'supporter')) gaps.push({ code: 'decision_maker_not_supporter', severity: 'warning', params: {} });
  const supporters = items.filter((item) => item.attitude === 'supporter').length;
  const opponents = items.filter((item) => item.attitude === 'opponent').length;
  if (opponents > supporters) gaps.push({ code: 'more_opponents_than_supporters', severity: 'error', params: { supporters, opponents } });
  if (!items.some((item) => item.buyingRole === 'technical_evaluator')) gaps.push({ code: 'no_technical_evaluator', severity: 'warning', params: {} });
  if (!items.some((item) => item.buyingRole === 'procurement')) gaps.push({ code: 'no_procurement', severity: 'info', params: {} });
  if (!items.some((item) => item.buyingRole === 'coach')) gaps.push({ code: 'no_coach', severity: 'info', params: {} });
  return gaps;
}

export async function listStakeholders(db: DbOrTx, actor: Actor, projectId: string): Promise<StakeholderList> {
  await projectInScope(db, actor, projectId);
  const items = (await stakeholderRows(db, actor, projectId)).map(toStakeholder);
  return { items, gaps: stakeholderGaps(items) };
}

async function oneStakeholder(db: DbOrTx, actor: Actor, projectId: string, stakeholderId: string): Promise<Stakeholder> {
  const [row] = await stakeholderRows(db, actor, projectId, stakeholderId);
  if (!row) throw notFound();
  return toStakeholder(row);
}

export async function addStakeholder(db: Db, actor: Actor, projectId: string, input: StakeholderInput): Promise<Stakeholder> {
  return db.transaction(async (tx) => {
    await writableProject(tx, actor, projectId);
    const [contact] = await tx
      .select({ id: contacts.id, name: contacts.name, buyingRole: contacts.buyingRole, attitude: contacts.attitude, relationshipLevel: contacts.relationshipLevel })
      .from(contacts)
      .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
      .where(and(eq(contacts.id, input.contactId), isNull(contacts.deletedAt), isNull(organizations.deletedAt), scopeCondition(actor, organizationScope, 'read')));
    if (!contact) throw notFound('Contact not found');
    // What the contact record already knows is the default; the map may then differ per project.
    const values = {
      buyingRole: input.buyingRole === undefined ? contact.buyingRole : input.buyingRole,
      attitude: input.attitude === undefined ? contact.attitude : input.attitude,
      relationshipLevel: input.relationshipLevel === undefined ? contact.relationshipLevel : input.relationshipLevel,
      influence: input.influence ?? null,
      notes: input.notes ?? null,
    };
    const [inserted] = await tx
      .insert(projectStakeholders)
      .values({ projectId, contactId: contact.id, ...values })
      .onConflictDoNothing()
      .returning({ id: projectStakeholders.id });
    if (!inserted) throw new AppError('already_exists', 'The contact is already on the stakeholder map', [{ path: 'contactId', code: 'already_on_map', message: 'already_on_map' }]);
    const changes = diffFields({} as Record<string, unknown>, values, editableFields);
    await writeHistory(tx, actor, { recordType: 'project', recordId: projectId, action: 'stakeholder.add', changes, note: contact.name });
    await projectChanged({ tx, actor, projectId });
    return oneStakeholder(tx, actor, projectId, inserted.id);
  });
}

export async function updateStakeholder(db: Db, actor: Actor, projectId: string, stakeholderId: string, patch: StakeholderPatch): Promise<Stakeholder> {
  return db.transaction(async (tx) => {
    await writableProject(tx, actor, projectId);
    const before = await oneStakeholder(tx, actor, projectId, stakeholderId);
    if (before.version !== patch.version) throw staleVersion();
    const { version: _version, ...changesIn } = patch;
    const changes = diffFields(before as unknown as Record<string, unknown>, changesIn, editableFields);
    if (changes.length) {
      await tx
        .update(projectStakeholders)
        .set({ ...changesIn, version: before.version + 1, updatedAt: new Date() })
        .where(eq(projectStakeholders.id, stakeholderId));
      await writeHistory(tx, actor, { recordType: 'project', recordId: projectId, action: 'stakeholder.update', changes, note: before.contact.name });
      await projectChanged({ tx, actor, projectId });
    }
    return oneStakeholder(tx, actor, projectId, stakeholderId);
  });
}

export async function removeStakeholder(db: Db, actor: Actor, projectId: string, stakeholderId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await writableProject(tx, actor, projectId);
    const before = await oneStakeholder(tx, actor, projectId, stakeholderId);
    await tx.delete(projectStakeholders).where(eq(projectStakeholders.id, stakeholderId));
    const changes = diffFields(before as unknown as Record<string, unknown>, { buyingRole: null, attitude: null }, ['buyingRole', 'attitude']);
    await writeHistory(tx, actor, { recordType: 'project', recordId: projectId, action: 'stakeholder.remove', changes, note: before.contact.name });
    await projectChanged({ tx, actor, projectId });
  });
}
