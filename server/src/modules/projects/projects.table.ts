// Sales projects (PRJ-1 … PRJ-13): the centre of OpenPSM. A project has an owner (data scope as organisations), an
// owner organisation plus related ones with their role, a process and the stage it stands in, phases under a parent,
// and around it the stakeholder map, competitors, team, checklist, milestones, tasks, notes, stage history and
// registration conflicts. Tenders live in tenders.table.ts.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../../platform/org-structure/org-structure.table';
import { contacts } from '../contacts/contacts.table';
import { salesProcesses, salesStages } from '../methodology/methodology.table';
import { organizations } from '../organizations/organizations.table';

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull().default(''),
    nameInitials: text('name_initials').notNull().default(''),
    searchBigrams: text('search_bigrams')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`psm_bigrams(name)`),
    /**
     * The name without region, legal-form and generic words (项目, 工程, 采购 …), punctuation and width (projectNameKey in
     * project-name.ts): what registration (PRJ-13) compares, with the owner organisation and the site.
     */
    nameKey: text('name_key').notNull().default(''),
    /** The owner organisation (业主). */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** Where the physical project is (项目地点): registration matches owner + site + name. */
    site: text('site'),
    siteKey: text('site_key').notNull().default(''),
    region: text('region'),
    description: text('description'),
    amount: numeric('amount', { precision: 18, scale: 2 }),
    currency: text('currency').notNull().default('CNY'),
    expectedSignDate: date('expected_sign_date'),
    source: text('source'),
    /** Option codes of list 'product_line'. */
    productLines: jsonb('product_lines').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Value assessment inputs (PRJ-8). */
    budgetConfirmed: boolean('budget_confirmed'),
    /** 1 (vague) … 5 (written specification). */
    needClarity: smallint('need_clarity'),
    processId: uuid('process_id')
      .notNull()
      .references(() => salesProcesses.id),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => salesStages.id),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull().defaultNow(),
    /** The stage's probability when it was entered (a stage edited later does not rewrite projects in flight). */
    probability: smallint('probability').notNull(),
    /** open, won, lost, suspended. */
    status: text('status').notNull().default('open'),
    ownerId: uuid('owner_id').references(() => users.id),
    /** Phases (一期 / 二期) sit under a parent project whose totals roll up from them. */
    parentId: uuid('parent_id').references((): AnyPgColumn => projects.id),
    phaseLabel: text('phase_label'),
    /** Value assessment (PRJ-8): score 0–100 and grade A/B/C, recomputed on every change of its inputs. */
    valueScore: numeric('value_score', { precision: 5, scale: 2 }),
    valueGrade: text('value_grade'),
    /** Deal health 0–100 (PRJ-4, formula in docs/projects.md), recomputed on changes and nightly (recency decays). */
    healthScore: smallint('health_score'),
    /** Closing (PRJ-9). */
    closeReason: text('close_reason'),
    lessonsLearned: text('lessons_learned'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When lost: who won, and at what price. */
    winnerOrganizationId: uuid('winner_organization_id').references(() => organizations.id),
    winningPrice: numeric('winning_price', { precision: 18, scale: 2 }),
    /** Registration (PRJ-13): clear, pending (a conflict waits for a manager), granted, refused. */
    registrationStatus: text('registration_status').notNull().default('clear'),
    protectedUntil: timestamp('protected_until', { withTimezone: true }),
    /** Last follow-up (activities move it) and the stalled alert already sent for the current stage. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    stalledAlertedAt: timestamp('stalled_alerted_at', { withTimezone: true }),
    tags: jsonb('tags').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('projects_number_key').on(table.number),
    index('projects_owner_idx').on(table.ownerId, table.updatedAt),
    // The board (written by hand in migrations 0010 and 0012: drizzle's index builder has no INCLUDE), all partial on
    // open, live projects: projects_board_scope_idx (process, owner, stage) INCLUDE (amount, probability, expected date,
    // id) for a few owners' rows; projects_board_amount_idx (process, stage, amount desc, id) and
    // projects_board_expected_idx (process, stage, expected date, id), both INCLUDE (owner and the other sort key), walked
    // in card order until a page of the owners in scope is found. The column sums come from pipeline_totals.
    index('projects_organization_idx').on(table.organizationId),
    index('projects_parent_idx').on(table.parentId).where(sql`parent_id is not null`),
    index('projects_updated_idx').on(table.updatedAt),
    index('projects_expected_idx').on(table.expectedSignDate),
    index('projects_status_idx').on(table.status),
    index('projects_name_trgm_idx').using('gin', sql`${table.name} gin_trgm_ops`),
    index('projects_name_key_trgm_idx').using('gin', sql`${table.nameKey} gin_trgm_ops`),
    index('projects_pinyin_trgm_idx').using('gin', sql`${table.namePinyin} gin_trgm_ops`),
    index('projects_initials_trgm_idx').using('gin', sql`${table.nameInitials} gin_trgm_ops`),
    index('projects_search_bigrams_idx').using('gin', table.searchBigrams),
    index('projects_custom_fields_idx').using('gin', table.customFields),
    index('projects_stalled_idx').on(table.stageEnteredAt).where(sql`status = 'open' and deleted_at is null`),
  ],
);

/** Organisations around the project with their role (PRJ-1): the chain design institute → owner → contractor. */
export const projectOrganizations = pgTable(
  'project_organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** general_contractor, design_institute, supplier, distributor, other. */
    role: text('role').notNull(),
    /** 1 (little) … 5 (decisive) influence on the decision. */
    influence: smallint('influence'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('project_organizations_key').on(table.projectId, table.organizationId, table.role),
    index('project_organizations_organization_idx').on(table.organizationId),
  ],
);

/** The stakeholder map (PRJ-4, 找对人): contacts on the project as this project sees them. */
export const projectStakeholders = pgTable(
  'project_stakeholders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    buyingRole: text('buying_role'),
    attitude: text('attitude'),
    /** 1 … 5: weight in this decision. */
    influence: smallint('influence'),
    /** 1 … 5: how close we are (the contact's own level is the default). */
    relationshipLevel: smallint('relationship_level'),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('project_stakeholders_key').on(table.projectId, table.contactId), index('project_stakeholders_contact_idx').on(table.contactId)],
);

/** Competition (PRJ-5): competitor organisations on the project with their offer. */
export const projectCompetitors = pgTable(
  'project_competitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    offer: text('offer'),
    price: numeric('price', { precision: 18, scale: 2 }),
    strengths: text('strengths'),
    weaknesses: text('weaknesses'),
    /** 1 … 5: how dangerous they are here. */
    threat: smallint('threat'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('project_competitors_key').on(table.projectId, table.organizationId), index('project_competitors_organization_idx').on(table.organizationId)],
);

/** The team (PRJ-6): membership grants access to the project through the access layer (read, or edit). */
export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** sales_lead, presales, service, manager, other. */
    role: text('role').notNull(),
    access: text('access').notNull().default('read'),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.userId] }), index('project_members_user_idx').on(table.userId)],
);

/** Every stage change with its date (PRJ-3): days in stage, stalled alerts, the funnel. */
export const projectStageHistory = pgTable(
  'project_stage_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    fromStageId: uuid('from_stage_id').references(() => salesStages.id),
    toStageId: uuid('to_stage_id')
      .notNull()
      .references(() => salesStages.id),
    /** create, advance, back, override, close, reopen, process_change. */
    kind: text('kind').notNull(),
    reason: text('reason'),
    /** The approval an override went through, when the flow exists. */
    approvalId: uuid('approval_id'),
    movedBy: uuid('moved_by').references(() => users.id),
    movedAt: timestamp('moved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_stage_history_project_idx').on(table.projectId, table.movedAt), index('project_stage_history_stage_idx').on(table.toStageId, table.movedAt)],
);

/** Checklist items of a stage done on a project (PRJ-2 task lists). */
export const projectChecklist = pgTable(
  'project_checklist',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => salesStages.id),
    itemKey: text('item_key').notNull(),
    doneBy: uuid('done_by').references(() => users.id),
    doneAt: timestamp('done_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.stageId, table.itemKey] })],
);

/** Milestones (PRJ-7). */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    sort: integer('sort').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_milestones_project_idx').on(table.projectId, table.sort)],
);

/** Sub-tasks (PRJ-7), optionally under a milestone. */
export const projectTasks = pgTable(
  'project_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    milestoneId: uuid('milestone_id').references(() => projectMilestones.id),
    title: text('title').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    dueOn: date('due_on'),
    /** open, done. */
    status: text('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_tasks_project_idx').on(table.projectId, table.status), index('project_tasks_assignee_idx').on(table.assigneeId, table.status)],
);

/** Tracking notes (PRJ-7, 项目跟踪记录): short dated notes on how the project goes. */
export const projectNotes = pgTable(
  'project_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_notes_project_idx').on(table.projectId, table.createdAt)],
);

/**
 * Registration conflicts (PRJ-13, 报备撞单): a new project matched an existing one (same owner, similar site and name).
 * A manager arbitrates: keep the holder (the new one is refused), grant the newcomer (the holder's protection ends), or
 * allow both (different deals after all). Decisions are also history lines of both projects.
 */
export const projectRegistrations = pgTable(
  'project_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    conflictProjectId: uuid('conflict_project_id')
      .notNull()
      .references(() => projects.id),
    score: numeric('score', { precision: 4, scale: 3 }).notNull(),
    /** pending, kept_holder, granted_newcomer, both_allowed. */
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_registrations_project_idx').on(table.projectId), index('project_registrations_pending_idx').on(table.status).where(sql`status = 'pending'`)],
);
