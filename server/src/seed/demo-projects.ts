// Demo sales projects (issue 5): about 80 projects in Chinese on the demo customers, over every stage of both built-in
// processes. Written straight into the tables, but by the rules the services keep: every gate a project passed is
// satisfied (checked with the methodology module's own evaluator, and whatever it finds missing is added — a decision
// maker on the map, the pre-sales engineer on the team, a competitor, a bid decision), the stage history ends at the
// current stage with realistic days per stage (some projects stalled), closed projects carry a reason from the option
// lists and their lessons, numbers come from the numbering rules, and registration runs through the registration
// module (one conflict waits for arbitration).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { GateCriterion } from '@openpsm/contracts';
import type { DbOrTx } from '../db/client';
import { recordShares } from '../platform/access/access.table';
import { systemActor, type Actor } from '../platform/access/actor';
import { writeHistory } from '../platform/audit/history.service';
import { authChanged } from '../platform/auth/actor-cache';
import { nextNumber } from '../platform/config/numbering.service';
import { users } from '../platform/org-structure/org-structure.table';
import { contacts } from '../modules/contacts/contacts.table';
import { gateFromFacts, loadGateFacts, type StageRow } from '../modules/methodology/gate-criteria';
import { salesProcesses, salesStages } from '../modules/methodology/methodology.table';
import { nameSearchKeys } from '../modules/organizations/organizations.service';
import { organizations } from '../modules/organizations/organizations.table';
import { scoreProject } from '../modules/project-insight/project-scores';
import { projectChecklist, projectCompetitors, projectMembers, projectMilestones, projectNotes, projectOrganizations, projects, projectStageHistory, projectStakeholders } from '../modules/projects/projects.table';
import { registerNewProject } from '../modules/registration/registration.service';
import { projectNameKey, siteKey } from '../modules/registration/project-name';
import { tenderBidders, tenders } from '../modules/tenders/tenders.table';
import { demoProjectSpecs, type DemoProjectSpec } from './demo-project-specs';

const DAY = 86_400_000;

type Org = { id: string; name: string; shortName: string | null; type: string; region: string | null; ownerId: string | null };
type Stage = StageRow;
type Context = {
  db: DbOrTx;
  now: Date;
  orgsByName: Map<string, Org>;
  orgs: Org[];
  userIds: Map<string, string>;
  stagesOf: Map<string, Stage[]>;
  processIds: Map<string, string>;
};

export async function loadDemoProjects(db: DbOrTx, now = new Date()): Promise<void> {
  const processRows = await db.select().from(salesProcesses).where(inArray(salesProcesses.code, ['ctmp8', 'ctmp7']));
  if (processRows.length < 2) throw new Error('demo projects: the built-in sales processes are missing (ensureBaseline seeds them)');
  const stagesOf = new Map<string, Stage[]>();
  for (const process of processRows) {
    const stages = await db.select().from(salesStages).where(and(eq(salesStages.processId, process.id), isNull(salesStages.archivedAt))).orderBy(asc(salesStages.sort));
    stagesOf.set(process.code, stages);
  }
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, shortName: organizations.shortName, type: organizations.type, region: organizations.region, ownerId: organizations.ownerId })
    .from(organizations)
    .where(isNull(organizations.deletedAt));
  const userRows = await db.select({ id: users.id, username: users.username }).from(users);
  const context: Context = {
    db,
    now,
    orgs,
    orgsByName: new Map(orgs.map((org) => [org.name, org])),
    userIds: new Map(userRows.map((user) => [user.username, user.id])),
    stagesOf,
    processIds: new Map(processRows.map((process) => [process.code, process.id])),
  };

  // Oldest first: numbers follow creation, and registration compares each project with the ones before it.
  const planned = demoProjectSpecs()
    .map((spec) => ({ spec, timeline: timeline(spec, stagesOf.get(spec.process)!, now) }))
    .sort((left, right) => left.timeline.createdAt.getTime() - right.timeline.createdAt.getTime());
  const ids = new Map<string, string>();
  for (const { spec, timeline: times } of planned) ids.set(spec.key, await insertProject(context, spec, times));
  // Phases under their parent (a phase signed long ago may be older than the parent's record).
  for (const { spec } of planned) {
    if (spec.parentKey) await db.update(projects).set({ parentId: ids.get(spec.parentKey)! }).where(eq(projects.id, ids.get(spec.key)!));
  }
  for (const id of ids.values()) await scoreProject(db, id, now);
  // Team members reach their projects through the access layer: cached actors must see it.
  await authChanged(db);
}

type Timeline = { createdAt: Date; entered: Date[]; closedAt: Date | null };

/**
 * When each stage up to the current one was entered, counting back from today: the current stage since `daysInStage`
 * days (stalled ones long ago), each earlier stage lasting its typical time give or take a third.
 */
function timeline(spec: DemoProjectSpec, stages: Stage[], now: Date): Timeline {
  const typical = spec.process === 'ctmp8' ? [8, 15, 25, 20, 30, 25, 20, 0] : [12, 25, 30, 30, 25, 20, 0];
  const closedAt = spec.status === 'open' ? null : new Date(now.getTime() - spec.closedDaysAgo! * DAY);
  const end = closedAt ?? now;
  const entered: Date[] = [];
  let at = end.getTime() - spec.daysInStage * DAY;
  const last = Math.min(spec.stage, stages.length - 1);
  for (let index = last; index >= 0; index -= 1) {
    entered[index] = new Date(at);
    const days = typical[index - 1] ?? 10;
    at -= Math.round(days * (0.7 + ((spec.seed * (index + 3)) % 7) / 10)) * DAY;
  }
  return { createdAt: entered[0]!, entered, closedAt };
}

async function insertProject(context: Context, spec: DemoProjectSpec, times: Timeline): Promise<string> {
  const { db, now } = context;
  const stages = context.stagesOf.get(spec.process)!;
  const stageIndex = Math.min(spec.stage, stages.length - 1);
  const stage = stages[stageIndex]!;
  const organization = context.orgsByName.get(spec.organization);
  if (!organization) throw new Error(`demo projects: no organisation ${spec.organization}`);
  const ownerId = spec.owner ? context.userIds.get(spec.owner)! : organization.ownerId!;
  const actor: Actor = { ...systemActor(ownerId), username: spec.owner ?? 'demo' };
  const amount = (spec.amountWan * 10_000).toFixed(2);
  const lastActivity = spec.stalled ? times.entered[stageIndex]! : new Date(Math.min(now.getTime(), (times.closedAt ?? now).getTime() - ((spec.seed % 5) + 1) * DAY));
  const [row] = await db
    .insert(projects)
    .values({
      number: await nextNumber(db, 'project', times.createdAt),
      name: spec.name,
      ...nameSearchKeys(spec.name),
      nameKey: projectNameKey(spec.name),
      organizationId: organization.id,
      site: spec.site,
      siteKey: siteKey(spec.site),
      region: organization.region,
      description: spec.description,
      amount,
      expectedSignDate: new Date((times.closedAt ?? now).getTime() + (spec.status === 'open' ? (30 + (spec.seed % 5) * 30) * DAY : 0)).toISOString().slice(0, 10),
      source: spec.source,
      productLines: spec.productLines,
      budgetConfirmed: stageIndex >= 4 ? true : spec.seed % 3 === 0 ? false : null,
      needClarity: Math.min(5, 1 + Math.floor(stageIndex / 2) + (spec.seed % 2)),
      processId: context.processIds.get(spec.process)!,
      stageId: stage.id,
      stageEnteredAt: times.entered[stageIndex]!,
      probability: stage.probability,
      status: spec.status,
      ownerId,
      phaseLabel: spec.phaseLabel ?? null,
      closeReason: spec.close?.reason ?? null,
      lessonsLearned: spec.close?.lessons ?? null,
      closedAt: times.closedAt,
      lastActivityAt: lastActivity,
      tags: spec.tags ?? [],
      createdBy: ownerId,
      version: 1 + stageIndex + (spec.status === 'open' ? 0 : 1),
      createdAt: times.createdAt,
      updatedAt: times.closedAt ?? lastActivity,
    })
    .returning({ id: projects.id });
  const id = row!.id;
  await writeHistory(db, actor, {
    recordType: 'project',
    recordId: id,
    action: 'create',
    at: times.createdAt,
    changes: [
      { field: 'name', old: null, new: spec.name },
      { field: 'organizationId', old: null, new: organization.id },
      { field: 'amount', old: null, new: amount },
    ],
  });

  // The people and organisations around the deal first: the gates below count them.
  if (spec.designInstitute) await relate(context, id, ownerId, spec.designInstitute, 'design_institute', times.createdAt);
  if (spec.contractor) await relate(context, id, ownerId, spec.contractor, 'general_contractor', times.createdAt);
  for (const name of spec.competitors ?? []) await compete(context, id, name, spec, times.createdAt);
  await addStakeholders(context, id, organization.id, 2, times.createdAt);
  if (spec.presales) await addMember(context, id, ownerId, 'guopeng', 'presales', 'edit', times.createdAt);

  // Checklists: every item of the stages passed; about half of the current stage's (all of them once won).
  const checklistRows: (typeof projectChecklist.$inferInsert)[] = [];
  for (let index = 0; index <= stageIndex; index += 1) {
    const items = stages[index]!.checklist;
    const done = index < stageIndex || spec.status === 'won' ? items.length : Math.floor(items.length / 2) + (spec.seed % 2);
    const doneAt = new Date((times.entered[index + 1] ?? times.closedAt ?? now).getTime() - DAY);
    for (const item of items.slice(0, done)) checklistRows.push({ projectId: id, stageId: stages[index]!.id, itemKey: item.key, doneBy: ownerId, doneAt: doneAt < times.entered[index]! ? times.entered[index]! : doneAt });
  }
  if (checklistRows.length) await db.insert(projectChecklist).values(checklistRows).onConflictDoNothing();

  await satisfyGates(context, id, stages[0]!, stage, ownerId, spec, times);
  await writeStageHistory(context, id, stages, stageIndex, times, spec, ownerId);
  if (spec.tender) await addTender(context, id, spec, organization, times);
  if (spec.status === 'lost') {
    const [winner] = await db.select({ organizationId: projectCompetitors.organizationId, price: projectCompetitors.price }).from(projectCompetitors).where(eq(projectCompetitors.projectId, id)).orderBy(asc(projectCompetitors.createdAt)).limit(1);
    await db.update(projects).set({ winnerOrganizationId: winner?.organizationId ?? null, winningPrice: winner?.price ?? null }).where(eq(projects.id, id));
  }
  if (spec.status !== 'open') {
    await writeHistory(db, actor, {
      recordType: 'project',
      recordId: id,
      action: 'close',
      at: times.closedAt!,
      changes: [
        { field: 'status', old: 'open', new: spec.status },
        { field: 'closeReason', old: null, new: spec.close!.reason },
      ],
    });
  }
  if (spec.notes) await db.insert(projectNotes).values(spec.notes.map((body, index) => ({ projectId: id, body, authorId: ownerId, createdAt: new Date(lastActivity.getTime() - index * 9 * DAY) })));
  if (spec.shareWith) {
    // A joint account: the customer is shared with the colleague who (re-)registers a project there.
    await db.insert(recordShares).values({ recordType: 'organization', recordId: organization.id, userId: ownerId, access: 'read', createdBy: organization.ownerId }).onConflictDoNothing();
  }
  await registerNewProject(db, actor, id, times.createdAt);
  return id;
}

/** Adds whatever the gates of the stages passed still miss, asking the methodology module's own evaluator. */
async function satisfyGates(context: Context, id: string, first: Stage, current: Stage, ownerId: string, spec: DemoProjectSpec, times: Timeline) {
  const { db } = context;
  if (current.id === first.id) return;
  await planStakeholders(context, id, first, current, ownerId, times.createdAt);
  let unmet: unknown[] = [];
  for (let round = 0; round < 6; round += 1) {
    const [project] = await db.select().from(projects).where(eq(projects.id, id));
    const gate = gateFromFacts(await loadGateFacts(db, { ...project!, stageId: first.id }), current);
    if (gate.passed) return;
    unmet = gate.unmet.map((status) => status.criterion);
    for (const { criterion, stageId } of gate.unmet) await satisfy(context, id, project!.organizationId, ownerId, criterion, stageId, spec, times);
  }
  throw new Error(`demo projects: the gates of ${spec.name} stay unmet: ${JSON.stringify(unmet)}`);
}

/**
 * The map's roles, planned once for all stakeholder criteria of the stages passed: each criterion gets its own people
 * (a decision maker who is also the supporter a later gate asks for counts for both), new contacts before re-labelled
 * ones, and another related organisation's people when the customer's run out.
 */
async function planStakeholders(context: Context, id: string, first: Stage, current: Stage, ownerId: string, at: Date) {
  const { db } = context;
  const [project] = await db.select().from(projects).where(eq(projects.id, id));
  const gate = gateFromFacts(await loadGateFacts(db, { ...project!, stageId: first.id }), current);
  const wanted = gate.criteria.map((status) => status.criterion).filter((criterion): criterion is Extract<GateCriterion, { type: 'stakeholder' }> => criterion.type === 'stakeholder');
  // The narrowest first: an attitude and one role, then one role, then any of several.
  wanted.sort((left, right) => Number(Boolean(right.attitude)) - Number(Boolean(left.attitude)));
  const pinned = new Set<string>();
  for (const criterion of wanted) {
    const roles: string[] | null = criterion.buyingRoles?.length ? criterion.buyingRoles : criterion.buyingRole ? [criterion.buyingRole] : null;
    const fits = (entry: { buyingRole: string | null; attitude: string | null }) => (!roles || (entry.buyingRole !== null && roles.includes(entry.buyingRole))) && (!criterion.attitude || entry.attitude === criterion.attitude);
    for (let round = 0; round < 4; round += 1) {
      const onMap = await db.select().from(projectStakeholders).where(eq(projectStakeholders.projectId, id)).orderBy(asc(projectStakeholders.createdAt));
      // Already there (pinned ones count too: one supporter decision maker serves two criteria).
      const matching = onMap.filter(fits);
      matching.forEach((entry) => pinned.add(entry.id));
      if (matching.length >= criterion.minCount) break;
      const relatedIds = (await db.select({ id: projectOrganizations.organizationId }).from(projectOrganizations).where(eq(projectOrganizations.projectId, id))).map((row) => row.id);
      const pool = roles?.[0] === 'technical_evaluator' ? [...relatedIds, project!.organizationId] : [project!.organizationId, ...relatedIds];
      const added = await addStakeholders(context, id, pool, criterion.minCount - matching.length, at, { buyingRole: roles?.[0] ?? null, attitude: criterion.attitude ?? 'supporter' });
      if (added > 0) continue;
      const free = onMap.find((entry) => !pinned.has(entry.id));
      if (free) {
        await db.update(projectStakeholders).set({ buyingRole: roles?.[0] ?? free.buyingRole, attitude: criterion.attitude ?? free.attitude }).where(eq(projectStakeholders.id, free.id));
        continue;
      }
      const [institute, contractor] = [regionalInstitute(context, project!.organizationId), regionalContractor(context, project!.organizationId)];
      const instituteId = context.orgsByName.get(institute)!.id;
      await relate(context, id, ownerId, relatedIds.includes(instituteId) ? contractor : institute, relatedIds.includes(instituteId) ? 'general_contractor' : 'design_institute', at);
    }
  }
}

/** The general contractor of the customer's region. */
function regionalContractor(context: Context, organizationId: string): string {
  const region = context.orgs.find((org) => org.id === organizationId)?.region;
  const contractor = context.orgs.find((org) => org.type === 'general_contractor' && org.region === region) ?? context.orgs.find((org) => org.type === 'general_contractor')!;
  return contractor.name;
}

async function satisfy(context: Context, id: string, organizationId: string, ownerId: string, criterion: GateCriterion, stageId: string, spec: DemoProjectSpec, times: Timeline) {
  const { db } = context;
  const at = times.createdAt;
  switch (criterion.type) {
    case 'field': {
      const values: Record<string, unknown> = { budgetConfirmed: true, amount: (spec.amountWan * 10_000).toFixed(2), expectedSignDate: new Date(context.now.getTime() + 60 * DAY).toISOString().slice(0, 10), productLines: spec.productLines.length ? spec.productLines : ['pumps'], source: 'rep_developed', site: spec.site, region: 'east', description: spec.description ?? '客户计划分批实施。' };
      await db.update(projects).set({ [criterion.field]: values[criterion.field] }).where(eq(projects.id, id));
      return;
    }
    case 'checklist': {
      const stage = context.stagesOf.get(spec.process)!.find((candidate) => candidate.code === criterion.stage);
      if (stage) await db.insert(projectChecklist).values({ projectId: id, stageId: stage.id, itemKey: criterion.item, doneBy: ownerId, doneAt: at }).onConflictDoNothing();
      return;
    }
    case 'stakeholder': {
      const roles = criterion.buyingRoles?.length ? criterion.buyingRoles : criterion.buyingRole ? [criterion.buyingRole] : [null];
      // A technical evaluator is often at the design institute; everyone else at the owner.
      const relatedIds = (await db.select({ id: projectOrganizations.organizationId }).from(projectOrganizations).where(eq(projectOrganizations.projectId, id))).map((row) => row.id);
      const pool = roles[0] === 'technical_evaluator' ? [...relatedIds, organizationId] : [organizationId, ...relatedIds];
      const added = await addStakeholders(context, id, pool, criterion.minCount, at, { buyingRole: roles[0] ?? null, attitude: criterion.attitude ?? 'supporter' });
      if (added < criterion.minCount) {
        // Nobody left to add: the people already on the map take the role (the contact record keeps its own).
        const onMap = await db.select({ id: projectStakeholders.id }).from(projectStakeholders).where(eq(projectStakeholders.projectId, id)).orderBy(asc(projectStakeholders.createdAt));
        const target = onMap[(spec.seed + stageId.length) % onMap.length];
        if (target) await db.update(projectStakeholders).set({ buyingRole: roles[0] ?? null, ...(criterion.attitude ? { attitude: criterion.attitude } : {}) }).where(eq(projectStakeholders.id, target.id));
        if (!target || relatedIds.length === 0) await relate(context, id, ownerId, regionalInstitute(context, organizationId), 'design_institute', at);
      }
      return;
    }
    case 'record':
      switch (criterion.record) {
        case 'team_member':
          await addMember(context, id, ownerId, 'guopeng', 'presales', 'edit', at);
          return;
        case 'competitor':
          await compete(context, id, ['上海凯泉泵业（集团）有限公司', '格兰富水泵（广州）有限公司', '沈阳鼓风机集团股份有限公司'][spec.seed % 3]!, spec, at);
          return;
        case 'related_organization':
          await relate(context, id, ownerId, regionalInstitute(context, organizationId), 'design_institute', at);
          return;
        case 'tender':
        case 'bid_decision': {
          const [organization] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
          await addTender(context, id, spec, organization!, times);
          return;
        }
        case 'milestone_done':
          await db.insert(projectMilestones).values({ projectId: id, title: '完成技术交流', dueOn: at.toISOString().slice(0, 10), doneAt: at, doneBy: ownerId, createdBy: ownerId, createdAt: at, updatedAt: at });
          return;
        case 'tracking_note':
          await db.insert(projectNotes).values({ projectId: id, body: '与设备部沟通了技术要求，客户倾向于变频方案。', authorId: ownerId, createdAt: at });
          return;
      }
  }
}

/** The design institute of the customer's region (the one most projects there go through). */
function regionalInstitute(context: Context, organizationId: string): string {
  const region = context.orgs.find((org) => org.id === organizationId)?.region;
  const institute = context.orgs.find((org) => org.type === 'design_institute' && org.region === region) ?? context.orgs.find((org) => org.type === 'design_institute')!;
  return institute.name;
}

async function relate(context: Context, projectId: string, ownerId: string, name: string, role: string, at: Date) {
  const org = context.orgsByName.get(name);
  if (!org) throw new Error(`demo projects: no organisation ${name}`);
  await context.db.insert(projectOrganizations).values({ projectId, organizationId: org.id, role, influence: role === 'design_institute' ? 4 : 3, createdBy: ownerId, createdAt: at }).onConflictDoNothing();
}

async function compete(context: Context, projectId: string, name: string, spec: DemoProjectSpec, at: Date) {
  const org = context.orgsByName.get(name);
  if (!org) throw new Error(`demo projects: no competitor ${name}`);
  const traits: [string, string][] = [
    ['价格低，本地服务网点多', '大型项目业绩少，能效偏低'],
    ['品牌知名度高，进口核心部件', '价格高，交货期长'],
    ['与设计院关系密切', '售后响应慢'],
  ];
  const [strengths, weaknesses] = traits[(spec.seed + name.length) % traits.length]!;
  await context.db
    .insert(projectCompetitors)
    .values({ projectId, organizationId: org.id, offer: '同类型变频泵组方案', price: (spec.amountWan * 10_000 * (0.88 + ((spec.seed + name.length) % 5) * 0.04)).toFixed(2), strengths, weaknesses, threat: 2 + ((spec.seed + name.length) % 4), createdAt: at, updatedAt: at })
    .onConflictDoNothing();
}

/** Adds up to `count` contacts of the given organisations not yet on the map; returns how many were added. */
async function addStakeholders(context: Context, projectId: string, organizationIds: string | string[], count: number, at: Date, as?: { buyingRole: string | null; attitude: string }) {
  const { db } = context;
  const pool = Array.isArray(organizationIds) ? organizationIds : [organizationIds];
  if (pool.length === 0) return 0;
  const onMap = new Set((await db.select({ id: projectStakeholders.contactId }).from(projectStakeholders).where(eq(projectStakeholders.projectId, projectId))).map((row) => row.id));
  const people = await db
    .select({ id: contacts.id, organizationId: contacts.organizationId, buyingRole: contacts.buyingRole, attitude: contacts.attitude, relationshipLevel: contacts.relationshipLevel })
    .from(contacts)
    .where(and(inArray(contacts.organizationId, pool), isNull(contacts.deletedAt)))
    .orderBy(asc(contacts.number));
  const ordered = pool.flatMap((organizationId) => people.filter((person) => person.organizationId === organizationId && !onMap.has(person.id)));
  // Prefer someone whose own record already has the role asked for.
  if (as?.buyingRole) ordered.sort((left, right) => Number(right.buyingRole === as.buyingRole) - Number(left.buyingRole === as.buyingRole));
  const chosen = ordered.slice(0, count);
  if (chosen.length === 0) return 0;
  await db.insert(projectStakeholders).values(
    chosen.map((person, index) => ({
      projectId,
      contactId: person.id,
      buyingRole: as ? as.buyingRole : person.buyingRole,
      attitude: as ? as.attitude : person.attitude,
      influence: as?.buyingRole === 'decision_maker' ? 5 : 3 + (index % 2),
      relationshipLevel: person.relationshipLevel,
      createdAt: at,
      updatedAt: at,
    })),
  );
  return chosen.length;
}

async function addMember(context: Context, projectId: string, ownerId: string, username: string, role: string, access: 'read' | 'edit', at: Date) {
  const userId = context.userIds.get(username);
  if (!userId || userId === ownerId) return;
  await context.db.insert(projectMembers).values({ projectId, userId, role, access, addedBy: ownerId, createdAt: at }).onConflictDoNothing();
}

/** create → advance through every stage (one project went back once) → close. */
async function writeStageHistory(context: Context, projectId: string, stages: Stage[], stageIndex: number, times: Timeline, spec: DemoProjectSpec, ownerId: string) {
  const rows: (typeof projectStageHistory.$inferInsert)[] = [{ projectId, fromStageId: null, toStageId: stages[0]!.id, kind: 'create', movedBy: ownerId, movedAt: times.createdAt }];
  // A won project stands in the won stage it was closed into: its last working stage is the one before.
  const lastWorking = spec.status === 'won' ? stageIndex - 1 : stageIndex;
  for (let index = 1; index <= lastWorking; index += 1) {
    if (spec.wentBack && index === lastWorking && index >= 2) {
      const entered = times.entered[index]!.getTime();
      const span = entered - times.entered[index - 1]!.getTime();
      rows.push({ projectId, fromStageId: stages[index - 1]!.id, toStageId: stages[index]!.id, kind: 'advance', movedBy: ownerId, movedAt: new Date(entered - span * 0.6) });
      rows.push({ projectId, fromStageId: stages[index]!.id, toStageId: stages[index - 1]!.id, kind: 'back', reason: '客户调整了技术要求，方案需重新确认', movedBy: ownerId, movedAt: new Date(entered - span * 0.3) });
    }
    rows.push({ projectId, fromStageId: stages[index - 1]!.id, toStageId: stages[index]!.id, kind: 'advance', movedBy: ownerId, movedAt: times.entered[index]! });
  }
  if (spec.status !== 'open') {
    rows.push({ projectId, fromStageId: stages[lastWorking]!.id, toStageId: stages[stageIndex]!.id, kind: 'close', reason: `${spec.status}:${spec.close!.reason}`, movedBy: ownerId, movedAt: times.closedAt! });
  }
  await context.db.insert(projectStageHistory).values(rows);
}

/** A tender with our bid and the other bidders; opened (with the result) once the project is closed. */
async function addTender(context: Context, projectId: string, spec: DemoProjectSpec, owner: Org, times: Timeline) {
  const { db, now } = context;
  const [existing] = await db.select({ id: tenders.id }).from(tenders).where(eq(tenders.projectId, projectId)).limit(1);
  if (existing) return;
  const noticeAt = new Date(Math.max(times.createdAt.getTime(), (times.closedAt ?? now).getTime() - 40 * DAY));
  const opened = spec.status === 'won' || spec.status === 'lost';
  const openingAt = opened ? new Date(times.closedAt!.getTime() - 5 * DAY) : new Date(now.getTime() + (10 + (spec.seed % 20)) * DAY);
  const ourPrice = spec.amountWan * 10_000;
  const [tender] = await db
    .insert(tenders)
    .values({
      number: await nextNumber(db, 'tender', noticeAt),
      projectId,
      title: `${spec.name}招标`,
      tendererOrganizationId: spec.contractor ? context.orgsByName.get(spec.contractor)!.id : owner.id,
      bidDecision: 'bid',
      decisionReason: '技术方案匹配度高，客户关系较好，决定投标。',
      decidedBy: owner.ownerId,
      decidedAt: new Date(noticeAt.getTime() + 2 * DAY),
      noticeOn: noticeAt.toISOString().slice(0, 10),
      questionsDueAt: new Date(noticeAt.getTime() + 10 * DAY),
      submissionDueAt: new Date(openingAt.getTime()),
      openingAt,
      productLine: spec.productLines[0] ?? null,
      region: owner.region,
      ourPrice: ourPrice.toFixed(2),
      result: spec.status === 'won' ? 'won' : spec.status === 'lost' ? 'lost' : 'pending',
      createdBy: owner.ownerId,
      createdAt: noticeAt,
      updatedAt: opened ? openingAt : noticeAt,
    })
    .returning({ id: tenders.id });
  if (!opened) return;
  const rivals = await db.select({ id: projectCompetitors.organizationId, price: projectCompetitors.price, name: organizations.name }).from(projectCompetitors).innerJoin(organizations, eq(organizations.id, projectCompetitors.organizationId)).where(eq(projectCompetitors.projectId, projectId));
  const bids = [{ organizationId: null as string | null, bidderName: '华工重装设备有限公司', isUs: true, price: ourPrice }, ...rivals.map((rival) => ({ organizationId: rival.id, bidderName: rival.name, isUs: false, price: Number(rival.price ?? ourPrice * 0.95) }))];
  // Won: we rank first; lost: the first competitor (the project's winner) does.
  const winnerIndex = spec.status === 'won' ? 0 : Math.min(1, bids.length - 1);
  const ranked = [bids[winnerIndex]!, ...bids.filter((_, index) => index !== winnerIndex)];
  await db.insert(tenderBidders).values(ranked.map((bid, index) => ({ tenderId: tender!.id, organizationId: bid.organizationId, bidderName: bid.bidderName, isUs: bid.isUs, price: bid.price.toFixed(2), rank: index + 1, result: index === 0 ? 'won' : 'lost', createdAt: openingAt })));
  const winner = ranked[0]!;
  await db.update(tenders).set({ winnerOrganizationId: winner.organizationId, winningPrice: winner.price.toFixed(2) }).where(eq(tenders.id, tender!.id));
}
