// Approval flows and their instances (WF-1 … WF-3). A flow's definition is versioned: every saved edit is a new
// row of approval_flow_versions, and an instance points at the version it started with.
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from 'drizzle-orm/pg-core';
import type { Condition, StepDefinition } from '@openpsm/contracts';
import { users } from '../org-structure/org-structure.table';

export const approvalFlows = pgTable(
  'approval_flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentType: text('document_type').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    priority: integer('priority').notNull().default(100),
    active: boolean('active').notNull().default(true),
    /** The definition new instances start with. */
    currentVersionId: uuid('current_version_id'),
    definitionVersion: integer('definition_version').notNull().default(1),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('approval_flows_document_type_idx').on(table.documentType, table.priority)],
);

export const approvalFlowVersions = pgTable(
  'approval_flow_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    flowId: uuid('flow_id').notNull().references(() => approvalFlows.id),
    definitionVersion: integer('definition_version').notNull(),
    name: text('name').notNull(),
    condition: jsonb('condition').$type<Condition | null>(),
    steps: jsonb('steps').$type<StepDefinition[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('approval_flow_versions_key').on(table.flowId, table.definitionVersion)],
);

export const approvalInstances = pgTable(
  'approval_instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    documentType: text('document_type').notNull(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    /** The record as submitted: a title and field → value pairs for the inbox and the drawer. */
    title: text('title').notNull(),
    fields: jsonb('fields').$type<{ field: string; value: unknown }[]>().notNull().default(sql`'[]'::jsonb`),
    flowId: uuid('flow_id').notNull().references(() => approvalFlows.id),
    flowVersionId: uuid('flow_version_id').notNull().references(() => approvalFlowVersions.id),
    submitterId: uuid('submitter_id').notNull().references(() => users.id),
    status: text('status').notNull(),
    /** Index of the step waiting for a decision; null once ended or returned to the submitter. */
    currentStep: integer('current_step'),
    reason: text('reason'),
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One open approval per record: it is what locks the record.
    uniqueIndex('approval_instances_open_record_key')
      .on(table.recordType, table.recordId)
      .where(sql`${table.status} in ('pending', 'returned')`),
    index('approval_instances_record_idx').on(table.recordType, table.recordId),
    index('approval_instances_submitter_idx').on(table.submitterId, table.submittedAt),
    // The inbox: a box's instances (their ids come from the task indexes) are read for status and submission time
    // from this index alone (an index-only scan), and only the page's rows from the table — see listApprovals.
    index('approval_instances_inbox_idx').on(table.id, table.status, table.submittedAt),
    uniqueIndex('approval_instances_number_key').on(table.number),
  ],
);

export const approvalSteps = pgTable(
  'approval_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instanceId: uuid('instance_id').notNull().references(() => approvalInstances.id),
    index: integer('index').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    mode: text('mode').notNull(),
    state: text('state').notNull(),
    skippedBecause: text('skipped_because'),
    /** Resolved at submission (and again on a resubmission): who decides this step. */
    approverIds: jsonb('approver_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    remindAfterHours: integer('remind_after_hours'),
    escalateAfterHours: integer('escalate_after_hours'),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('approval_steps_instance_index_key').on(table.instanceId, table.index)],
);

export const approvalTasks = pgTable(
  'approval_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instanceId: uuid('instance_id').notNull().references(() => approvalInstances.id),
    stepId: uuid('step_id').notNull().references(() => approvalSteps.id),
    approverId: uuid('approver_id').notNull().references(() => users.id),
    state: text('state').notNull(),
    actedBy: uuid('acted_by').references(() => users.id),
    onBehalfOf: uuid('on_behalf_of').references(() => users.id),
    comment: text('comment'),
    actedAt: timestamp('acted_at', { withTimezone: true }),
    /** The approver this task was escalated from (their manager holds it now). */
    escalatedFrom: uuid('escalated_from').references(() => users.id),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The inbox: the instances with a pending task of one approver (and of those who delegate to them), and those
    // an approver decided — both read from the index alone (index-only scans), see listApprovals.
    index('approval_tasks_pending_idx').on(table.approverId, table.instanceId).where(sql`${table.state} = 'pending'`),
    index('approval_tasks_acted_idx').on(table.actedBy, table.instanceId),
    index('approval_tasks_instance_idx').on(table.instanceId),
    // The deadline job scans pending tasks by age.
    index('approval_tasks_pending_age_idx').on(table.createdAt).where(sql`${table.state} = 'pending'`),
  ],
);

export const approvalEvents = pgTable(
  'approval_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instanceId: uuid('instance_id').notNull().references(() => approvalInstances.id),
    kind: text('kind').notNull(),
    stepIndex: integer('step_index'),
    actorId: uuid('actor_id').references(() => users.id),
    onBehalfOf: uuid('on_behalf_of').references(() => users.id),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('approval_events_instance_idx').on(table.instanceId, table.id)],
);
