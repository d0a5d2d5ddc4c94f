// Sales methodologies (PRJ-2): a process is an ordered list of stages; each stage carries its win probability, the
// entry criteria its gate checks (PRJ-3), a task checklist, a milestone and its expected outputs. Two processes from
// seed 002 are built in (bootstrap); administrators add their own and assign them per product line or department.
//
// Editing never corrupts a project in flight: a stage a project stands in (or has stood in) is archived, never
// deleted; criteria changes apply to the next advance, and the stage history keeps what happened.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ChecklistItem, GateCriterion } from '@openpsm/contracts';

export const salesProcesses = pgTable(
  'sales_processes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable key: 'ctmp8' and 'ctmp7' for the built-in ones. */
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    builtin: boolean('builtin').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** The process new projects get when no product line or department assignment applies. */
    isDefault: boolean('is_default').notNull().default(false),
    /** Option codes of list 'product_line' whose projects use this process. */
    productLines: jsonb('product_lines').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Departments (and their sub-departments) whose projects use this process. */
    departmentIds: jsonb('department_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('sales_processes_code_key').on(table.code)],
);

export const salesStages = pgTable(
  'sales_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    processId: uuid('process_id')
      .notNull()
      .references(() => salesProcesses.id),
    /** Stable within the process: 'G' … 'S' for the 8-stage process, 'initiation' … for the 7-stage one. */
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sort: integer('sort').notNull(),
    /** Win probability in percent (0–100) a project in this stage carries. */
    probability: smallint('probability').notNull(),
    /** 'open' for working stages; 'won' for the final stage a won project stands in (S 签约成交, 合同执行). */
    kind: text('kind').notNull().default('open'),
    /** What the gate into this stage checks (PRJ-3). */
    criteria: jsonb('criteria').$type<GateCriterion[]>().notNull().default(sql`'[]'::jsonb`),
    /** The stage's task checklist; items a criterion of a later stage names must be done before that gate opens. */
    checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull().default(sql`'[]'::jsonb`),
    /** 输入: what the stage starts from. */
    inputsZh: text('inputs_zh'),
    inputsEn: text('inputs_en'),
    /** 阶段成功的标准: when the stage has done its work. */
    successZh: text('success_zh'),
    successEn: text('success_en'),
    /** 里程碑. */
    milestoneZh: text('milestone_zh'),
    milestoneEn: text('milestone_en'),
    /** 输出: what the stage hands to the next. */
    outputsZh: text('outputs_zh'),
    outputsEn: text('outputs_en'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('sales_stages_process_code_key').on(table.processId, table.code), index('sales_stages_process_idx').on(table.processId, table.sort)],
);
