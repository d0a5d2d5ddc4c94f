// Contacts (CUS-2): people at organisations. A contact has no owner of its own: who may read or edit it follows its
// organisation through the access layer, so the knowledge stays with the customer record, not with a rep.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull().default(''),
    nameInitials: text('name_initials').notNull().default(''),
    searchBigrams: text('search_bigrams')
      .array()
      .notNull()
      .generatedAlwaysAs(sql`psm_bigrams(name)`),
    gender: text('gender'),
    title: text('title'),
    department: text('department'),
    mobile: text('mobile'),
    phone: text('phone'),
    email: text('email'),
    wechat: text('wechat'),
    birthday: date('birthday'),
    /** decision_maker, technical_evaluator, user, procurement, finance, coach. */
    buyingRole: text('buying_role'),
    /** supporter, neutral, opponent. */
    attitude: text('attitude'),
    /** 1 (just met) … 5 (trusted): how close we are. */
    relationshipLevel: smallint('relationship_level'),
    hobbies: text('hobbies'),
    familyNotes: text('family_notes'),
    personalNotes: text('personal_notes'),
    /** Next planned revisit (CUS-9). */
    revisitOn: date('revisit_on'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    tags: jsonb('tags').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => contacts.id),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('contacts_number_key').on(table.number),
    index('contacts_organization_idx').on(table.organizationId, table.name).where(sql`deleted_at is null`),
    index('contacts_updated_idx').on(table.updatedAt),
    index('contacts_name_trgm_idx').using('gin', sql`${table.name} gin_trgm_ops`),
    index('contacts_pinyin_trgm_idx').using('gin', sql`${table.namePinyin} gin_trgm_ops`),
    index('contacts_initials_trgm_idx').using('gin', sql`${table.nameInitials} gin_trgm_ops`),
    index('contacts_search_bigrams_idx').using('gin', table.searchBigrams),
    // The b-trees answer the duplicate check's equality; the trigram indexes answer fragments (contact-search.ts,
    // whose conditions repeat these expressions exactly: spaces, dashes and brackets do not count in a number).
    index('contacts_mobile_idx').on(table.mobile),
    index('contacts_phone_idx').on(table.phone),
    index('contacts_email_idx').on(sql`lower(${table.email})`),
    index('contacts_mobile_trgm_idx').using('gin', sql`translate(${table.mobile}, ' -()', '') gin_trgm_ops`),
    index('contacts_phone_trgm_idx').using('gin', sql`translate(${table.phone}, ' -()', '') gin_trgm_ops`),
    index('contacts_email_trgm_idx').using('gin', sql`lower(${table.email}) gin_trgm_ops`),
    index('contacts_custom_fields_idx').using('gin', table.customFields),
    index('contacts_birthday_idx').on(sql`extract(month from ${table.birthday})`, sql`extract(day from ${table.birthday})`).where(sql`birthday is not null and deleted_at is null`),
    index('contacts_revisit_idx').on(table.revisitOn).where(sql`revisit_on is not null`),
  ],
);

/** Where a contact worked and as what (CUS-2 job changes): the open row is the current position. */
export const contactPositions = pgTable(
  'contact_positions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title'),
    department: text('department'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [
    index('contact_positions_contact_idx').on(table.contactId, table.startedAt),
    index('contact_positions_organization_idx').on(table.organizationId),
  ],
);
