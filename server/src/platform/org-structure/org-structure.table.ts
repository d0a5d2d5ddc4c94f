// Departments and users: the organisation chart.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    /** Materialised path `/<root id>/…/<own id>/`: "department and children" is one prefix match. */
    path: text('path').notNull(),
    headUserId: uuid('head_user_id'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('departments_path_idx').on(table.path), index('departments_parent_idx').on(table.parentId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    email: text('email'),
    displayName: text('display_name').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    departmentId: uuid('department_id').references(() => departments.id),
    position: text('position').notNull().default('rep'),
    managerId: uuid('manager_id').references((): AnyPgColumn => users.id),
    status: text('status').notNull().default('active'),
    locale: text('locale').notNull().default('zh-CN'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('users_username_key').on(sql`lower(${table.username})`),
    uniqueIndex('users_email_key').on(sql`lower(${table.email})`),
    index('users_department_idx').on(table.departmentId),
    index('users_manager_idx').on(table.managerId),
  ],
);
