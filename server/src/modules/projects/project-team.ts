// The project's team (分工, PRJ-6) and its related organisations (PRJ-1). A team member reaches the project through
// the access layer as a share does (session-lookup.ts folds project_members into the actor's shares), so every change
// of membership calls authChanged in the same transaction: cached actors must not keep an old reach.
import { and, asc, eq } from 'drizzle-orm';
import type { Project, ProjectMemberInput, ProjectRelatedOrganizationInput } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { authChanged } from '../../platform/auth/actor-cache';
import { writeHistory } from '../../platform/audit/history.service';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { notify } from '../../platform/notify/notifications.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';
import { projectInScope } from './project-access';
import { projectChanged } from './project-hooks';
import { projectMembers, projectOrganizations } from './projects.table';

const PROJECT = 'project';

export async function relatedOrganizationsOf(db: DbOrTx, projectId: string): Promise<NonNullable<Project['organizations']>> {
  const rows = await db
    .select({ link: projectOrganizations, name: organizations.name })
    .from(projectOrganizations)
    .innerJoin(organizations, eq(organizations.id, projectOrganizations.organizationId))
    .where(eq(projectOrganizations.projectId, projectId))
    .orderBy(asc(projectOrganizations.createdAt), asc(organizations.name));
  return rows.map(({ link, name }) => ({
    id: link.id,
    organization: { id: link.organizationId, name },
    role: link.role as NonNullable<Project['organizations']>[number]['role'],
    influence: link.influence,
    notes: link.notes,
  }));
}

/** Replaces the related organisations with the given list (checked by the caller); true when anything changed. */
export async function replaceRelatedOrganizations(tx: DbOrTx, actor: Actor, projectId: string, next: ProjectRelatedOrganizationInput[], history = true): Promise<boolean> {
  const before = await tx.select().from(projectOrganizations).where(eq(projectOrganizations.projectId, projectId));
  const key = (entry: { organizationId: string; role: string; influence?: number | null; notes?: string | null }) =>
    JSON.stringify([entry.organizationId, entry.role, entry.influence ?? null, entry.notes ?? null]);
  const oldKeys = before.map(key).sort();
  const newKeys = next.map(key).sort();
  if (JSON.stringify(oldKeys) === JSON.stringify(newKeys)) return false;
  await tx.delete(projectOrganizations).where(eq(projectOrganizations.projectId, projectId));
  if (next.length > 0) {
    await tx.insert(projectOrganizations).values(
      next.map((entry) => ({ projectId, organizationId: entry.organizationId, role: entry.role, influence: entry.influence ?? null, notes: entry.notes ?? null, createdBy: actor.userId })),
    );
  }
  const summary = (rows: { organizationId: string; role: string; influence?: number | null }[]) =>
    rows.map((row) => ({ organizationId: row.organizationId, role: row.role, influence: row.influence ?? null }));
  // On create the list is part of the create line.
  if (history) await writeHistory(tx, actor, { recordType: PROJECT, recordId: projectId, action: 'update', changes: [{ field: 'organizations', old: summary(before), new: summary(next) }] });
  return true;
}

export async function membersOf(db: DbOrTx, projectId: string): Promise<NonNullable<Project['members']>> {
  const rows = await db
    .select({ member: projectMembers, displayName: users.displayName })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.createdAt));
  return rows.map(({ member, displayName }) => ({
    user: { id: member.userId, displayName },
    role: member.role as NonNullable<Project['members']>[number]['role'],
    access: member.access as 'read' | 'edit',
    createdAt: member.createdAt.toISOString(),
  }));
}

export async function listMembers(db: DbOrTx, actor: Actor, projectId: string) {
  await projectInScope(db, actor, projectId, 'read');
  return { items: await membersOf(db, projectId) };
}

export async function addMember(db: Db, actor: Actor, projectId: string, input: ProjectMemberInput) {
  await db.transaction(async (tx) => {
    const project = await projectInScope(tx, actor, projectId, 'write', true);
    const [user] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, input.userId));
    if (!user) throw invalidField('userId', 'unknown_user');
    if (user.status !== 'active') throw invalidField('userId', 'user_departed');
    if (input.userId === project.ownerId) throw new AppError('business_rule', 'The owner is on the team already', [{ path: 'userId', code: 'is_owner', message: 'is_owner' }]);
    const inserted = await tx
      .insert(projectMembers)
      .values({ projectId, userId: input.userId, role: input.role, access: input.access, addedBy: actor.userId })
      .onConflictDoNothing()
      .returning({ userId: projectMembers.userId });
    if (inserted.length === 0) throw new AppError('already_exists', 'Already on the team');
    await authChanged(tx);
    await writeHistory(tx, actor, { recordType: PROJECT, recordId: projectId, action: 'member_add', changes: [{ field: 'member', old: null, new: { userId: input.userId, role: input.role, access: input.access } }] });
    if (input.userId !== actor.userId) {
      await notify(tx, [{ userId: input.userId, kind: 'project_member_added', params: { projectId, projectName: project.name, by: actor.displayName, role: input.role }, link: `/projects/${projectId}` }]);
    }
    await projectChanged({ tx, actor, projectId });
  });
  return listMembers(db, actor, projectId);
}

export async function updateMember(db: Db, actor: Actor, projectId: string, userId: string, patch: { role?: ProjectMemberInput['role'] | undefined; access?: 'read' | 'edit' | undefined }) {
  await db.transaction(async (tx) => {
    await projectInScope(tx, actor, projectId, 'write', true);
    const [before] = await tx.select().from(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    if (!before) throw notFound();
    const next = { role: patch.role ?? before.role, access: patch.access ?? before.access };
    if (next.role === before.role && next.access === before.access) return;
    await tx.update(projectMembers).set(next).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
    if (next.access !== before.access) await authChanged(tx);
    await writeHistory(tx, actor, {
      recordType: PROJECT,
      recordId: projectId,
      action: 'member_change',
      changes: [{ field: 'member', old: { userId, role: before.role, access: before.access }, new: { userId, ...next } }],
    });
    await projectChanged({ tx, actor, projectId });
  });
  return listMembers(db, actor, projectId);
}

export async function removeMember(db: Db, actor: Actor, projectId: string, userId: string) {
  await db.transaction(async (tx) => {
    await projectInScope(tx, actor, projectId, 'write', true);
    const removed = await tx.delete(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId))).returning();
    if (removed.length === 0) throw notFound();
    await authChanged(tx);
    const member = removed[0]!;
    await writeHistory(tx, actor, { recordType: PROJECT, recordId: projectId, action: 'member_remove', changes: [{ field: 'member', old: { userId, role: member.role, access: member.access }, new: null }] });
    await projectChanged({ tx, actor, projectId });
  });
}
