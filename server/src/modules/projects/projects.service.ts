// Sales projects (PRJ-1): list, read, create, edit, delete, history. Team, closing, assignment and phases' roll-up
// live beside this file (project-team.ts, project-closing.ts, project-rollup.ts); the other project modules reach a
// project through projectInScope (project-access.ts).
import { and, asc, desc, eq, getTableColumns, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { projectEditableFields, type Project, type ProjectInput, type ProjectListQuery, type ProjectPatch } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import { recordColumns } from '../../db/json-rows';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { countInScope, recordCondition, scopeCondition, scopedCount } from '../../platform/access/record-scope';
import { diffFields, listHistory, onBehalfOf, writeHistory } from '../../platform/audit/history.service';
import { customFieldFilters, validateCustomFieldValues } from '../../platform/config/custom-fields.service';
import { nextNumber } from '../../platform/config/numbering.service';
import { unknownOptionValues } from '../../platform/config/options.service';
import { AppError, notFound, staleVersion, type FieldProblem } from '../../platform/errors';
import { totalCarried } from '../../platform/http/paging';
import { users } from '../../platform/org-structure/org-structure.table';
import { salesStages } from '../methodology/methodology.table';
import { nameSearchKeys } from '../organizations/organizations.service';
import { organizations } from '../organizations/organizations.table';
import { projectCreated, projectChanged } from './project-hooks';
import { firstStage, resolveProcess } from './project-process';
import { parentRollup, phasesOf } from './project-rollup';
import { membersOf, relatedOrganizationsOf, replaceRelatedOrganizations } from './project-team';
import { projectOrganizations, projects, projectStageHistory } from './projects.table';
import { projectNameKey, siteKey } from '../registration/project-name';

export const PROJECT = 'project';
const scoped = ownedRecordTables.project;
const { namePinyin: _p, nameInitials: _i, searchBigrams: _b, nameKey: _k, siteKey: _s, ...readColumns } = getTableColumns(projects);
type ProjectRow = Omit<typeof projects.$inferSelect, 'namePinyin' | 'nameInitials' | 'searchBigrams' | 'nameKey' | 'siteKey'>;

/** What a read joins to the row: names of the organisations, owner, parent, and the stage. */
const joinedColumns = {
  organizationName: sql<string>`(select o.name from organizations o where o.id = ${projects.organizationId})`,
  winnerName: sql<string | null>`(select o.name from organizations o where o.id = ${projects.winnerOrganizationId})`,
  ownerName: sql<string | null>`(select u.display_name from users u where u.id = ${projects.ownerId})`,
  parentName: sql<string | null>`(select p.name from projects p where p.id = ${projects.parentId})`,
  parentNumber: sql<string | null>`(select p.number from projects p where p.id = ${projects.parentId})`,
  stage: { id: salesStages.id, code: salesStages.code, nameZh: salesStages.nameZh, nameEn: salesStages.nameEn, probability: salesStages.probability, kind: salesStages.kind },
};
type Joined = { organizationName: string; winnerName: string | null; ownerName: string | null; parentName: string | null; parentNumber: string | null; stage: Project['stage'] };

function toProject(actor: Actor, row: ProjectRow, joined: Joined, canWrite: boolean): Project {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    organization: { id: row.organizationId, name: joined.organizationName },
    site: row.site,
    region: row.region,
    description: row.description,
    amount: row.amount,
    currency: row.currency,
    expectedSignDate: row.expectedSignDate,
    source: row.source,
    productLines: row.productLines,
    budgetConfirmed: row.budgetConfirmed,
    needClarity: row.needClarity,
    processId: row.processId,
    stage: joined.stage,
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    probability: row.probability,
    status: row.status as Project['status'],
    owner: row.ownerId ? { id: row.ownerId, displayName: joined.ownerName ?? '' } : null,
    parent: row.parentId ? { id: row.parentId, name: joined.parentName ?? '', number: joined.parentNumber ?? '' } : null,
    phaseLabel: row.phaseLabel,
    valueScore: row.valueScore,
    valueGrade: row.valueGrade,
    healthScore: row.healthScore,
    closeReason: row.closeReason,
    lessonsLearned: row.lessonsLearned,
    closedAt: row.closedAt?.toISOString() ?? null,
    winnerOrganization: row.winnerOrganizationId ? { id: row.winnerOrganizationId, name: joined.winnerName ?? '' } : null,
    winningPrice: row.winningPrice,
    registrationStatus: row.registrationStatus,
    protectedUntil: row.protectedUntil?.toISOString() ?? null,
    lastActivityAt: row.lastActivityAt?.toISOString() ?? null,
    tags: row.tags,
    customFields: row.customFields,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    access: {
      edit: canWrite && actor.permissions.has('project.edit'),
      delete: canWrite && actor.permissions.has('project.delete'),
      share: canWrite,
    },
  };
}

const sortColumns = {
  name: projects.name,
  number: projects.number,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
  amount: projects.amount,
  expectedSignDate: projects.expectedSignDate,
  probability: projects.probability,
} as const;

/** The list's and the global search's `q`: name (bigrams + ILIKE), pinyin, initials, number. */
export function projectSearchCondition(q: string): SQL {
  const text = q.trim();
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const lower = text.toLowerCase();
  const nameMatch = ilike(projects.name, pattern);
  const matches: SQL[] = [[...text.replace(/\s/g, '')].length >= 2 ? sql`(${projects.searchBigrams} @> psm_bigrams(${text}) and ${nameMatch})` : nameMatch];
  if (/^[a-z]+$/.test(lower)) matches.push(ilike(projects.namePinyin, `%${lower}%`), ilike(projects.nameInitials, `%${lower}%`));
  // Numbers look like PRJ-2025-00012: a prefix match on the unique index.
  if (/^[A-Za-z]{2,5}-?\d/.test(text) || /^\d{4,}$/.test(text)) matches.push(ilike(projects.number, `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`));
  return or(...matches) as SQL;
}

export async function listProjects(db: DbOrTx, actor: Actor, query: ProjectListQuery) {
  const filters: SQL[] = [isNull(projects.deletedAt)];
  if (query.q?.trim()) filters.push(projectSearchCondition(query.q));
  if (query.status) filters.push(eq(projects.status, query.status));
  if (query.stageId) filters.push(eq(projects.stageId, query.stageId));
  if (query.processId) filters.push(eq(projects.processId, query.processId));
  if (query.organizationId) {
    const owner = eq(projects.organizationId, query.organizationId);
    // The organisation page: projects it owns, and those it takes part in (contractor, design institute …).
    filters.push(
      query.includeRelated === 'true'
        ? (or(owner, sql`exists (select 1 from ${projectOrganizations} po where po.project_id = ${projects.id} and po.organization_id = ${query.organizationId})`) as SQL)
        : owner,
    );
  }
  if (query.ownerId) filters.push(eq(projects.ownerId, query.ownerId));
  if (query.mine === 'true') filters.push(eq(projects.ownerId, actor.userId));
  if (query.productLine) filters.push(sql`${projects.productLines} @> ${JSON.stringify([query.productLine])}::jsonb`);
  if (query.region) filters.push(eq(projects.region, query.region));
  if (query.source) filters.push(eq(projects.source, query.source));
  if (query.parentId) filters.push(eq(projects.parentId, query.parentId));
  if (query.amountMin) filters.push(sql`${projects.amount} >= ${query.amountMin}::numeric`);
  if (query.amountMax) filters.push(sql`${projects.amount} <= ${query.amountMax}::numeric`);
  if (query.expectedFrom) filters.push(sql`${projects.expectedSignDate} >= ${query.expectedFrom}::date`);
  if (query.expectedTo) filters.push(sql`${projects.expectedSignDate} <= ${query.expectedTo}::date`);
  filters.push(...(await customFieldFilters(db, PROJECT, query, projects.customFields)));

  const sortKey = (query.sort ?? '-updatedAt').replace(/^-/, '') as keyof typeof sortColumns;
  const column = sortColumns[sortKey] ?? projects.updatedAt;
  const direction = (query.sort?.startsWith('-') ?? true) ? desc : asc;
  const record = recordColumns<ProjectRow>(db, readColumns);
  const rows = await db
    .select({
      // On PGlite one JSON text per row rather than a field per column (db/json-rows.ts).
      project: record.selection,
      ...joinedColumns,
      canWrite: sql<boolean>`${scopeCondition(actor, scoped, 'write')}`,
      total: scopedCount(actor, scoped, and(...filters)).as('total'),
    })
    .from(projects)
    .innerJoin(salesStages, eq(salesStages.id, projects.stageId))
    .where(and(...filters, scopeCondition(actor, scoped)))
    .orderBy(direction(column), asc(projects.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = await totalCarried(rows, query, () => countInScope(db, actor, scoped, and(...filters)));
  return {
    items: rows.map((row) => toProject(actor, record.read(row.project), row, Boolean(row.canWrite))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getProject(db: DbOrTx, actor: Actor, id: string): Promise<Project> {
  const [row] = await db
    .select({ project: readColumns, ...joinedColumns, canWrite: sql<boolean>`${scopeCondition(actor, scoped, 'write')}` })
    .from(projects)
    .innerJoin(salesStages, eq(salesStages.id, projects.stageId))
    .where(and(recordCondition(actor, scoped, id, 'read'), isNull(projects.deletedAt)));
  if (!row) throw notFound();
  const [related, members, phases, rollup] = await Promise.all([relatedOrganizationsOf(db, id), membersOf(db, id), phasesOf(db, id), parentRollup(db, id)]);
  return { ...toProject(actor, row.project, row, Boolean(row.canWrite)), organizations: related, members, phases, rollup };
}

/** A locked, writable project for a change: 404 outside scope, 403 read-only, 409 stale version. */
export async function lockForWrite(tx: DbOrTx, actor: Actor, id: string, version?: number) {
  const [current] = await tx.select().from(projects).where(and(recordCondition(actor, scoped, id, 'write'), isNull(projects.deletedAt))).for('update');
  if (!current) {
    const [readable] = await tx.select({ id: projects.id }).from(projects).where(and(recordCondition(actor, scoped, id, 'read'), isNull(projects.deletedAt)));
    throw readable ? new AppError('forbidden', 'Read-only access to this project') : notFound();
  }
  if (version !== undefined && current.version !== version) throw staleVersion();
  return current;
}

/** Option-list fields of a project (PLAT-7). */
const optionFields = { region: 'region', source: 'source' } as const;

/**
 * Every problem of the input at once (API.md: name every field): owner organisation and related ones readable,
 * option values known, owner an active user, parent a readable top-level project.
 */
async function inputProblems(tx: DbOrTx, actor: Actor, input: Partial<ProjectInput>, current?: typeof projects.$inferSelect): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const problem = (path: string, code: string) => problems.push({ path, code, message: code });
  const orgScope = ownedRecordTables.organization;
  const readableOrgs = async (ids: string[]) => {
    if (ids.length === 0) return new Set<string>();
    const rows = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(inArray(organizations.id, ids), isNull(organizations.deletedAt), scopeCondition(actor, orgScope)));
    return new Set(rows.map((row) => row.id));
  };
  // An organisation already taking part stays, even one the caller cannot read (a colleague's design institute): the
  // list is sent whole on every edit, and a rep must be able to add one without losing the others.
  const alreadyLinked =
    current && input.organizations
      ? new Set((await tx.select({ id: projectOrganizations.organizationId }).from(projectOrganizations).where(eq(projectOrganizations.projectId, current.id))).map((row) => row.id))
      : new Set<string>();
  const relatedIds = (input.organizations ?? []).map((entry) => entry.organizationId).filter((id) => !alreadyLinked.has(id));
  const checkIds = [...new Set([...(input.organizationId && input.organizationId !== current?.organizationId ? [input.organizationId] : []), ...relatedIds])];
  const readable = await readableOrgs(checkIds);
  if (input.organizationId && input.organizationId !== current?.organizationId && !readable.has(input.organizationId)) problem('organizationId', 'organization_not_found');
  (input.organizations ?? []).forEach((entry, index) => {
    if (!alreadyLinked.has(entry.organizationId) && !readable.has(entry.organizationId)) problem(`organizations.${index}.organizationId`, 'organization_not_found');
  });
  const seen = new Set<string>();
  (input.organizations ?? []).forEach((entry, index) => {
    const key = `${entry.organizationId}/${entry.role}`;
    if (seen.has(key)) problem(`organizations.${index}`, 'duplicate_entry');
    seen.add(key);
  });
  const optionValues: Record<string, { listKey: string; value: string | null | undefined }> = Object.fromEntries(
    Object.entries(optionFields).map(([field, listKey]) => [field, { listKey, value: input[field as keyof typeof optionFields] }]),
  );
  const knownLines = new Set(current?.productLines ?? []);
  (input.productLines ?? []).forEach((line, index) => {
    if (!knownLines.has(line)) optionValues[`productLines.${index}`] = { listKey: 'product_line', value: line };
  });
  problems.push(...(await unknownOptionValues(tx, optionValues, (current ?? {}) as Record<string, unknown>)));
  if (input.ownerId && input.ownerId !== current?.ownerId) {
    const [user] = await tx.select({ status: users.status }).from(users).where(eq(users.id, input.ownerId));
    if (!user) problem('ownerId', 'unknown_user');
    else if (user.status !== 'active') problem('ownerId', 'user_departed');
  }
  if (input.parentId && input.parentId !== current?.parentId) {
    const [parent] = await tx
      .select({ id: projects.id, parentId: projects.parentId })
      .from(projects)
      .where(and(recordCondition(actor, scoped, input.parentId, 'read'), isNull(projects.deletedAt)));
    if (!parent) problem('parentId', 'project_not_found');
    else if (parent.id === current?.id) problem('parentId', 'self_parent');
    // One level: a phase has no phases (一期 / 二期 under one parent).
    else if (parent.parentId) problem('parentId', 'parent_is_phase');
    else if (current) {
      const [child] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.parentId, current.id), isNull(projects.deletedAt))).limit(1);
      if (child) problem('parentId', 'has_phases');
    }
  }
  return problems;
}

function assertMayAssign(actor: Actor, ownerId: string | null | undefined, currentOwnerId: string | null) {
  if (ownerId === undefined || ownerId === currentOwnerId) return;
  if (!actor.permissions.has('project.assign')) throw new AppError('forbidden', 'Changing the owner needs the assign permission');
}

/** Search keys of the name (pinyin, initials) and the site. The registration module refines nameKey through its hook. */
/** Pinyin keys for search; the registration keys (PRJ-13) by the registration module's rule, so every write keeps them. */
function searchKeys(fields: { name?: string | undefined; site?: string | null | undefined }) {
  return {
    ...(fields.name ? { ...nameSearchKeys(fields.name), nameKey: projectNameKey(fields.name) } : {}),
    ...(fields.site !== undefined ? { siteKey: siteKey(fields.site) } : {}),
  };
}

export async function createProject(db: Db, actor: Actor, input: ProjectInput): Promise<Project> {
  assertMayAssign(actor, input.ownerId, actor.userId);
  const id = await db.transaction(async (tx) => {
    const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
    const problems = await inputProblems(tx, actor, input);
    let customFieldValues: Record<string, unknown> = {};
    try {
      customFieldValues = await validateCustomFieldValues(tx, PROJECT, input.customFields, null);
    } catch (error) {
      if (error instanceof AppError && error.errors) problems.push(...error.errors);
      else throw error;
    }
    if (problems.length > 0) throw new AppError('invalid_input', 'Invalid input', problems);
    const processId = await resolveProcess(tx, { productLines: input.productLines, ownerId });
    const stage = await firstStage(tx, processId);
    const { organizations: related, customFields: _customFields, ...fields } = input;
    const now = new Date();
    const [row] = await tx
      .insert(projects)
      .values({
        ...fields,
        ...searchKeys(input),
        number: await nextNumber(tx, PROJECT),
        ownerId,
        productLines: input.productLines ?? [],
        tags: input.tags ?? [],
        customFields: customFieldValues,
        processId,
        stageId: stage.id,
        stageEnteredAt: now,
        probability: stage.probability,
        createdBy: actor.userId,
      })
      .returning();
    const created = row!;
    if (related?.length) await replaceRelatedOrganizations(tx, actor, created.id, related, false);
    await tx.insert(projectStageHistory).values({ projectId: created.id, fromStageId: null, toStageId: stage.id, kind: 'create', movedBy: actor.userId, movedAt: now });
    await writeHistory(tx, actor, {
      recordType: PROJECT,
      recordId: created.id,
      action: 'create',
      changes: [
        ...diffFields({} as Record<string, unknown>, created as unknown as Record<string, unknown>, projectEditableFields).filter((change) => change.new !== null),
        ...(related?.length ? [{ field: 'organizations', old: null, new: related.map(({ organizationId, role, influence }) => ({ organizationId, role, influence: influence ?? null })) }] : []),
      ],
    });
    await projectCreated({ tx, actor, projectId: created.id });
    return created.id;
  });
  return getProject(db, actor, id);
}

export async function updateProject(db: Db, actor: Actor, id: string, patch: ProjectPatch): Promise<Project> {
  await db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, patch.version);
    assertMayAssign(actor, patch.ownerId, current.ownerId);
    const problems = await inputProblems(tx, actor, patch, current);
    const { version, customFields: customFieldInput, organizations: related, ...fields } = patch;
    let customFieldValues = current.customFields;
    try {
      if (customFieldInput !== undefined) customFieldValues = await validateCustomFieldValues(tx, PROJECT, customFieldInput, current.customFields);
    } catch (error) {
      if (error instanceof AppError && error.errors) problems.push(...error.errors);
      else throw error;
    }
    if (problems.length > 0) throw new AppError('invalid_input', 'Invalid input', problems);
    const next = { ...fields, customFields: customFieldValues, ...searchKeys(fields) };
    const changes = diffFields(current as unknown as Record<string, unknown>, next, projectEditableFields);
    const relatedChanged = related ? await replaceRelatedOrganizations(tx, actor, id, related) : false;
    if (changes.length === 0 && !relatedChanged) return;
    const updated = await tx
      .update(projects)
      .set({ ...next, version: version + 1, updatedAt: new Date() })
      .where(and(eq(projects.id, id), eq(projects.version, version)))
      .returning({ id: projects.id });
    if (updated.length === 0) throw staleVersion();
    if (changes.length > 0) await writeHistory(tx, actor, { recordType: PROJECT, recordId: id, action: 'update', changes, onBehalfOf: onBehalfOf(actor, current.ownerId) });
    await projectChanged({ tx, actor, projectId: id });
  });
  return getProject(db, actor, id);
}

/** Soft delete; a parent with live phases is refused (delete or move the phases first). */
export async function deleteProject(db: Db, actor: Actor, id: string, version?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, version);
    const [phase] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.parentId, id), isNull(projects.deletedAt))).limit(1);
    if (phase) throw new AppError('in_use', 'The project has phases', [{ path: 'id', code: 'has_phases', message: 'has_phases' }]);
    await tx.update(projects).set({ deletedAt: new Date(), version: current.version + 1, updatedAt: new Date() }).where(eq(projects.id, id));
    await writeHistory(tx, actor, { recordType: PROJECT, recordId: id, action: 'delete', onBehalfOf: onBehalfOf(actor, current.ownerId) });
  });
}

export async function projectHistory(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db.select({ id: projects.id }).from(projects).where(recordCondition(actor, scoped, id, 'read'));
  if (!row) throw notFound();
  return { items: await listHistory(db, PROJECT, id) };
}
