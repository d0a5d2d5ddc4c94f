// Checking what an activity names, every problem at once (API.md): the type an active code of `activity_type`, an
// organisation or a project (readable; the project's own organisation when only the project is given), contacts readable
// and of the activity's customer, an owner within the caller's scope, an end not before the start.
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { ACTIVITY_TYPE_LIST } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import { executeStatement } from '../../db/prepared';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { scopeCondition } from '../../platform/access/record-scope';
import { optionIsActive, unknownOptionProblem } from '../../platform/config/options.service';
import { AppError, type FieldProblem } from '../../platform/errors';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';
import { projectInScope } from '../projects/project-access';
import { projectOrganizations } from '../projects/projects.table';
import { assignableUserProblem, type ActivityRow } from './activity-access';

export type ActivityReferences = {
  type?: string | undefined;
  organizationId?: string | null | undefined;
  projectId?: string | null | undefined;
  contactIds?: readonly string[] | undefined;
  startsAt?: string | undefined;
  endsAt?: string | null | undefined;
  ownerId?: string | undefined;
};

/** The organisation and project the activity ends up with. */
export type ResolvedLinks = { organizationId: string | null; projectId: string | null };

/**
 * The names the checks read on the way (a new activity's answer is built from them without reading it back): an
 * organisation or project name is absent when the check did not read that record (unchanged, or the organisation
 * taken from the project).
 */
export type CheckedNames = { organizationName?: string; projectName?: string; contactNames: Map<string, string> };

/**
 * The organisation's name when an activity may name it: live and in the scope `inScope` (the actor's scopeCondition,
 * or its scopeTemplate in a statement built once); null otherwise.
 */
export function organizationNameInScope(organizationId: string | SQL, inScope: SQL): SQL<string | null> {
  return sql`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${organizationId}::uuid and ${isNull(organizations.deletedAt)} and ${inScope})`;
}

/** Whether `type` is an active code of the activity types list. */
export function activityTypeKnown(type: string | SQL): SQL<boolean> {
  return optionIsActive(ACTIVITY_TYPE_LIST, type);
}

/**
 * Validates the references of a new activity (no `current`) or of an edit, and resolves its organisation. Throws one
 * 400 naming every problem.
 */
export async function checkActivityInput(
  db: DbOrTx,
  actor: Actor,
  input: ActivityReferences,
  current: (ActivityRow & { contactIds: string[] }) | null,
): Promise<{ links: ResolvedLinks; names: CheckedNames }> {
  const problems: FieldProblem[] = [];
  const names: CheckedNames = { contactNames: new Map() };
  const problem = (path: string, code: string) => problems.push({ path, code, message: code });

  const organizationChanged = input.organizationId !== undefined && input.organizationId !== (current?.organizationId ?? null);
  const projectChanged = input.projectId !== undefined && input.projectId !== (current?.projectId ?? null);
  let organizationId = input.organizationId !== undefined ? input.organizationId : (current?.organizationId ?? null);
  const projectId = input.projectId !== undefined ? input.projectId : (current?.projectId ?? null);

  if (!organizationId && !projectId) {
    problem('organizationId', 'organization_or_project_required');
    problem('projectId', 'organization_or_project_required');
  }
  // The type (an active code of its list, unless unchanged) and the organisation in scope: one statement — a log's
  // first round trip, so logging costs one less.
  const typeToCheck = input.type !== undefined && input.type !== current?.type ? input.type : undefined;
  const organizationToCheck = organizationChanged ? organizationId : null;
  if (organizationToCheck || typeToCheck !== undefined) {
    // Prepared: one text per shape, a primary-key lookup whose generic plan is the planned one.
    const result = await executeStatement<{ organization_name: string | null; type_known: boolean }>(db, sql`select
        ${organizationToCheck ? organizationNameInScope(organizationToCheck, scopeCondition(actor, ownedRecordTables.organization)) : sql`null`} as organization_name,
        ${typeToCheck === undefined ? sql`true` : activityTypeKnown(typeToCheck)} as type_known`, { prepared: true });
    const row = result.rows[0]!;
    if (!row.type_known) problems.push(unknownOptionProblem('type'));
    if (organizationToCheck) {
      if (row.organization_name === null) problem('organizationId', 'organization_not_found');
      else names.organizationName = row.organization_name;
    }
  }
  // Organisations whose contacts the activity may name: its own, and those taking part in its project.
  const customerIds = new Set<string>(organizationId ? [organizationId] : []);
  if (projectId) {
    const project = await projectInScope(db, actor, projectId).catch(() => null);
    if (!project) {
      if (projectChanged) problem('projectId', 'project_not_found');
    } else {
      names.projectName = project.name;
      const related = await db.select({ id: projectOrganizations.organizationId }).from(projectOrganizations).where(eq(projectOrganizations.projectId, projectId));
      const partOf = new Set([project.organizationId, ...related.map((row) => row.id)]);
      if (!organizationId) organizationId = project.organizationId;
      else if ((organizationChanged || projectChanged) && !partOf.has(organizationId)) problem('projectId', 'project_not_of_organization');
      for (const id of partOf) customerIds.add(id);
    }
  }

  const contactIds = input.contactIds;
  if (contactIds && contactIds.length > 0) {
    const known = new Set(current?.contactIds ?? []);
    const rows = await db
      .select({ id: contacts.id, name: contacts.name, organizationId: contacts.organizationId })
      .from(contacts)
      .innerJoin(organizations, eq(organizations.id, contacts.organizationId))
      .where(and(inArray(contacts.id, [...contactIds]), isNull(contacts.deletedAt), scopeCondition(actor, ownedRecordTables.organization)));
    const found = new Map(rows.map((row) => [row.id, row.organizationId]));
    for (const row of rows) names.contactNames.set(row.id, row.name);
    const seen = new Set<string>();
    contactIds.forEach((id, index) => {
      if (seen.has(id)) problem(`contactIds.${index}`, 'duplicate_entry');
      seen.add(id);
      // A contact the activity already names stays, even if the caller could not pick it today.
      if (known.has(id) && !organizationChanged && !projectChanged) return;
      const contactOrganization = found.get(id);
      if (!contactOrganization) problem(`contactIds.${index}`, 'contact_not_found');
      else if (customerIds.size > 0 && !customerIds.has(contactOrganization)) problem(`contactIds.${index}`, 'contact_not_of_organization');
    });
  }

  const startsAt = input.startsAt ?? current?.startsAt.toISOString();
  const endsAt = input.endsAt !== undefined ? input.endsAt : (current?.endsAt?.toISOString() ?? null);
  if (startsAt && endsAt && new Date(endsAt) < new Date(startsAt)) problem('endsAt', 'ends_before_start');

  if (input.ownerId !== undefined && input.ownerId !== current?.ownerId) {
    const ownerProblem = await assignableUserProblem(db, actor, input.ownerId);
    if (ownerProblem) problem('ownerId', ownerProblem);
  }

  if (problems.length > 0) throw new AppError('invalid_input', 'Invalid input', problems);
  return { links: { organizationId, projectId }, names };
}

/** The contacts an activity names. */
export async function contactIdsOf(db: DbOrTx, activityId: string): Promise<string[]> {
  const rows = await db.execute<{ contact_id: string }>(sql`select contact_id from activity_contacts where activity_id = ${activityId}`);
  return rows.rows.map((row) => row.contact_id);
}
