// Relationship ties (CUS-7): organisation ↔ organisation, and person ↔ person where a person is a contact or one of
// our users (so "from one of our reps to a decision maker" is a path in one graph).
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';

export const organizationTies = pgTable(
  'organization_ties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromOrganizationId: uuid('from_organization_id')
      .notNull()
      .references(() => organizations.id),
    toOrganizationId: uuid('to_organization_id')
      .notNull()
      .references(() => organizations.id),
    /** parent_of, partner, design_institute_of, supplier_to, competitor_of, custom (directed: from → to). */
    type: text('type').notNull(),
    /** The name of a custom tie. */
    label: text('label'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('organization_ties_key').on(table.fromOrganizationId, table.toOrganizationId, table.type),
    index('organization_ties_to_idx').on(table.toOrganizationId),
  ],
);

export const personTies = pgTable(
  'person_ties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'contact' or 'user'. */
    fromKind: text('from_kind').notNull(),
    fromId: uuid('from_id').notNull(),
    toKind: text('to_kind').notNull(),
    toId: uuid('to_id').notNull(),
    /** reports_to, friend, former_colleague, relative, knows, custom (reports_to is directed; the others are not). */
    type: text('type').notNull(),
    label: text('label'),
    /** 1 … 5: how strong the tie is. */
    strength: integer('strength'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('person_ties_key').on(table.fromKind, table.fromId, table.toKind, table.toId, table.type),
    index('person_ties_from_idx').on(table.fromId),
    index('person_ties_to_idx').on(table.toId),
  ],
);
