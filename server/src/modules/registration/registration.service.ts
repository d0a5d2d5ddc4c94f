// Project registration (PRJ-13, 报备): the check behind the project form, the conflicts a new project raises (its
// registration pending until a manager decides), the inbox of conflicts and the decision with its consequences.
import { aliasedTable, and, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  ProjectRegistration,
  ProjectRegistrationListQuery,
  RegistrationCheckQuery,
  RegistrationCheckResponse,
  RegistrationDecision,
  RegistrationDecisionInput,
  RegistrationProject,
} from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { roles, userRoles } from '../../platform/access/access.table';
import { scopeCondition } from '../../platform/access/record-scope';
import { writeHistory } from '../../platform/audit/history.service';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { administrators } from '../../platform/approvals/approvers';
import { notify } from '../../platform/notify/notifications.service';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';
import { getProjectSettings } from '../project-insight/project-settings.service';
import { projectInScope } from '../projects/project-access';
import { projectRegistrations, projects } from '../projects/projects.table';
import { projectNameKey, siteKey } from './project-name';
import { findHolders, matchForActor } from './registration-matching';

const DAY_MS = 24 * 60 * 60 * 1000;
const INBOX_LINK = '/project-registrations';

export async function checkRegistration(db: DbOrTx, actor: Actor, query: RegistrationCheckQuery, now = new Date()): Promise<RegistrationCheckResponse> {
  const nameKey = projectNameKey(query.name);
  const rows = await findHolders(db, actor, { organizationId: query.organizationId, nameKey, siteKey: siteKey(query.site), excludeId: query.excludeId, now });
  return { nameKey, items: rows.map(matchForActor) };
}

/** Users holding project.approve in the owner's department or above it; the administrators when there are none. */
async function arbitrators(db: DbOrTx, ownerId: string | null): Promise<string[]> {
  const [owner] = ownerId ? await db.execute<{ path: string | null }>(sql`select d.path from users u left join departments d on d.id = u.department_id where u.id = ${ownerId}`).then((result) => result.rows) : [];
  const departmentIds = (owner?.path ?? '').split('/').filter(Boolean);
  if (departmentIds.length > 0) {
    const rows = await db
      .selectDistinct({ id: users.id })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(and(inArray(users.departmentId, departmentIds), eq(users.status, 'active'), sql`${roles.permissions} @> '["project.approve"]'::jsonb`));
    const ids = rows.map((row) => row.id).filter((id) => id !== ownerId);
    if (ids.length > 0) return ids;
  }
  return administrators(db);
}

/**
 * The onProjectCreated hook: the protection period of the new project (its comparison keys are written with it by the
 * projects service, with projectNameKey and siteKey), then its conflicts —
 * protected projects of other reps (not its own phases) that it matches. Each becomes a pending registration, the
 * newcomer's registration is pending, and the managers who may arbitrate hear of it.
 */
export async function registerNewProject(tx: DbOrTx, actor: Actor | null, projectId: string, now = new Date()): Promise<void> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
  if (!project) return;
  const { nameKey, siteKey: keyOfSite } = project;
  const { protectionDays } = await getProjectSettings(tx);
  await tx
    .update(projects)
    .set({ protectedUntil: new Date(now.getTime() + protectionDays * DAY_MS) })
    .where(eq(projects.id, projectId));
  if (project.status !== 'open' && project.status !== 'suspended') return;
  const holders = (await findHolders(tx, null, { organizationId: project.organizationId, nameKey, siteKey: keyOfSite, excludeId: projectId, now })).filter(
    (holder) =>
      holder.ownerId !== project.ownerId &&
      holder.id !== project.parentId &&
      holder.parentId !== projectId &&
      !(project.parentId && holder.parentId === project.parentId),
  );
  if (holders.length === 0) return;
  await tx.insert(projectRegistrations).values(
    holders.map((holder) => ({ projectId, conflictProjectId: holder.id, score: holder.score.toFixed(3), requestedBy: actor?.userId ?? null, createdAt: now })),
  );
  await tx.update(projects).set({ registrationStatus: 'pending' }).where(eq(projects.id, projectId));
  await writeHistory(tx, actor, {
    recordType: 'project',
    recordId: projectId,
    action: 'registration_conflict',
    changes: [{ field: 'registrationStatus', old: project.registrationStatus, new: 'pending' }],
    note: holders.map((holder) => holder.number).join(', '),
    at: now,
  });
  const recipients = await arbitrators(tx, project.ownerId);
  await notify(
    tx,
    recipients.map((userId) => ({
      userId,
      kind: 'project_registration_conflict',
      params: { project: project.name, number: project.number, holder: holders[0]!.name, holderOwner: holders[0]!.ownerName, count: holders.length },
      link: INBOX_LINK,
    })),
  );
}

const newcomer = aliasedTable(projects, 'newcomer');
const holder = aliasedTable(projects, 'holder');
const newcomerOwner = aliasedTable(users, 'newcomer_owner');
const holderOwner = aliasedTable(users, 'holder_owner');
const newcomerOrganization = aliasedTable(organizations, 'newcomer_organization');
const holderOrganization = aliasedTable(organizations, 'holder_organization');
const requester = aliasedTable(users, 'requester');
const decider = aliasedTable(users, 'decider');

function side(table: typeof newcomer, owner: typeof newcomerOwner, organization: typeof newcomerOrganization) {
  return {
    id: table.id,
    number: table.number,
    name: table.name,
    ownerName: owner.displayName,
    organizationName: organization.name,
    site: table.site,
    status: table.status,
    registrationStatus: table.registrationStatus,
    protectedUntil: table.protectedUntil,
    createdAt: table.createdAt,
  };
}
type SideRow = { id: string; number: string; name: string; ownerName: string | null; organizationName: string | null; site: string | null; status: string; registrationStatus: string; protectedUntil: Date | null; createdAt: Date };

function toSide(row: SideRow, accessible: boolean): RegistrationProject {
  const protectedUntil = row.protectedUntil?.toISOString() ?? null;
  if (!accessible) {
    return { id: null, accessible, number: null, name: row.name, ownerName: row.ownerName, organizationName: null, site: null, status: null, registrationStatus: null, protectedUntil, createdAt: null };
  }
  return { ...row, accessible, protectedUntil, createdAt: row.createdAt.toISOString() };
}

/** Conflicts whose newcomer the actor may read (an arbitrator's department line); the holder masked outside scope. */
function registrationQuery(db: DbOrTx, actor: Actor) {
  const newcomerInScope = scopeCondition(actor, { recordType: 'project', id: newcomer.id, ownerId: newcomer.ownerId });
  const holderInScope = scopeCondition(actor, { recordType: 'project', id: holder.id, ownerId: holder.ownerId });
  return {
    newcomerInScope,
    select: db
      .select({
        registration: projectRegistrations,
        project: side(newcomer, newcomerOwner, newcomerOrganization),
        holder: side(holder, holderOwner, holderOrganization),
        holderAccessible: sql<boolean>`(${holderInScope}) is true`,
        requestedByName: requester.displayName,
        decidedByName: decider.displayName,
        total: sql<number>`count(*) over ()`,
      })
      .from(projectRegistrations)
      .innerJoin(newcomer, eq(newcomer.id, projectRegistrations.projectId))
      .innerJoin(holder, eq(holder.id, projectRegistrations.conflictProjectId))
      .leftJoin(newcomerOwner, eq(newcomerOwner.id, newcomer.ownerId))
      .leftJoin(holderOwner, eq(holderOwner.id, holder.ownerId))
      .leftJoin(newcomerOrganization, eq(newcomerOrganization.id, newcomer.organizationId))
      .leftJoin(holderOrganization, eq(holderOrganization.id, holder.organizationId))
      .leftJoin(requester, eq(requester.id, projectRegistrations.requestedBy))
      .leftJoin(decider, eq(decider.id, projectRegistrations.decidedBy)),
  };
}

type RegistrationRow = Awaited<ReturnType<typeof registrationQuery>['select']>[number];

function toRegistration(row: RegistrationRow): ProjectRegistration {
  const registration = row.registration;
  return {
    id: registration.id,
    status: registration.status as ProjectRegistration['status'],
    score: Number(registration.score),
    project: toSide(row.project, true),
    holder: toSide(row.holder, row.holderAccessible),
    requestedBy: registration.requestedBy ? { id: registration.requestedBy, displayName: row.requestedByName ?? '' } : null,
    decidedBy: registration.decidedBy ? { id: registration.decidedBy, displayName: row.decidedByName ?? '' } : null,
    decidedAt: registration.decidedAt?.toISOString() ?? null,
    decisionReason: registration.decisionReason,
    createdAt: registration.createdAt.toISOString(),
    version: registration.version,
  };
}

export async function listRegistrations(db: DbOrTx, actor: Actor, query: ProjectRegistrationListQuery) {
  const { newcomerInScope, select } = registrationQuery(db, actor);
  const rows = await select
    .where(
      and(
        newcomerInScope,
        sql`${newcomer.deletedAt} is null`,
        query.status ? eq(projectRegistrations.status, query.status) : undefined,
        query.projectId ? sql`(${projectRegistrations.projectId} = ${query.projectId} or ${projectRegistrations.conflictProjectId} = ${query.projectId})` : undefined,
      ),
    )
    .orderBy(desc(projectRegistrations.createdAt), projectRegistrations.id)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map(toRegistration), total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize };
}

export async function getRegistration(db: DbOrTx, actor: Actor, id: string): Promise<ProjectRegistration> {
  const { newcomerInScope, select } = registrationQuery(db, actor);
  const [row] = await select.where(and(eq(projectRegistrations.id, id), newcomerInScope));
  if (!row) throw notFound();
  return toRegistration(row);
}

/** The newcomer's registration once its conflicts are (partly) decided: pending while any is; refused if any holder was kept. */
async function newcomerStatus(tx: DbOrTx, projectId: string): Promise<string> {
  const rows = await tx.select({ status: projectRegistrations.status }).from(projectRegistrations).where(eq(projectRegistrations.projectId, projectId));
  if (rows.some((row) => row.status === 'pending')) return 'pending';
  return rows.some((row) => row.status === 'kept_holder') ? 'refused' : 'granted';
}

/**
 * A manager decides a conflict: keep the holder (the newcomer is refused and loses its protection), grant the
 * newcomer (the holder's protection ends now), or allow both. Both projects get a history line, both owners a
 * notification. The projects are not closed: what to do with a refused project is its owner's call.
 */
export async function decideRegistration(db: Db, actor: Actor, id: string, input: RegistrationDecisionInput, now = new Date()): Promise<ProjectRegistration> {
  await db.transaction(async (tx) => {
    const [registration] = await tx.select().from(projectRegistrations).where(eq(projectRegistrations.id, id)).for('update');
    if (!registration) throw notFound();
    const project = await projectInScope(tx, actor, registration.projectId, 'read', true);
    if (registration.version !== input.version) throw staleVersion();
    if (registration.status !== 'pending') throw new AppError('conflict', 'The conflict was decided already', [{ path: 'version', code: 'registration_decided', message: registration.status }]);
    const [holderRow] = await tx.select().from(projects).where(eq(projects.id, registration.conflictProjectId)).for('update');
    await tx
      .update(projectRegistrations)
      .set({ status: input.decision, decidedBy: actor.userId, decidedAt: now, decisionReason: input.reason, version: registration.version + 1 })
      .where(eq(projectRegistrations.id, id));
    const decision: RegistrationDecision = input.decision;
    const status = await newcomerStatus(tx, project.id);
    const newcomerChanges = [
      ...(status !== project.registrationStatus ? [{ field: 'registrationStatus', old: project.registrationStatus, new: status }] : []),
      ...(decision === 'kept_holder' && project.protectedUntil ? [{ field: 'protectedUntil', old: project.protectedUntil.toISOString(), new: null }] : []),
    ];
    await tx
      .update(projects)
      .set({ registrationStatus: status, ...(decision === 'kept_holder' ? { protectedUntil: null } : {}), version: sql`${projects.version} + 1`, updatedAt: now })
      .where(eq(projects.id, project.id));
    const note = `${decision}: ${input.reason}`;
    await writeHistory(tx, actor, { recordType: 'project', recordId: project.id, action: 'registration_decision', changes: newcomerChanges, note, at: now });
    if (holderRow) {
      const endsProtection = decision === 'granted_newcomer' && holderRow.protectedUntil && holderRow.protectedUntil > now;
      if (endsProtection) {
        await tx.update(projects).set({ protectedUntil: now, version: sql`${projects.version} + 1`, updatedAt: now }).where(eq(projects.id, holderRow.id));
      }
      await writeHistory(tx, actor, {
        recordType: 'project',
        recordId: holderRow.id,
        action: 'registration_decision',
        changes: endsProtection ? [{ field: 'protectedUntil', old: holderRow.protectedUntil!.toISOString(), new: now.toISOString() }] : [],
        note,
        at: now,
      });
    }
    const owners = [...new Set([project.ownerId, holderRow?.ownerId].filter((owner): owner is string => Boolean(owner) && owner !== actor.userId))];
    await notify(
      tx,
      owners.map((userId) => ({
        userId,
        kind: 'project_registration_decided',
        params: { decision, project: project.name, holder: holderRow?.name ?? '', reason: input.reason },
        link: userId === project.ownerId ? `/projects/${project.id}` : holderRow ? `/projects/${holderRow.id}` : null,
      })),
    );
  });
  return getRegistration(db, actor, id);
}
