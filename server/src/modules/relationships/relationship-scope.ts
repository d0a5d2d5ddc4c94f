// What the caller may see of the records at the ends of a tie, always for many ids in one query: organisations
// through the access layer, contacts through their organisation (a contact has no owner), users when active.
import { and, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { scopeCondition, type AccessMode } from '../../platform/access/record-scope';
import { departments, users } from '../../platform/org-structure/org-structure.table';
import { contacts } from '../contacts/contacts.table';
import { organizations } from '../organizations/organizations.table';

const scoped = ownedRecordTables.organization;

/** A uuid[] literal: one parameter whatever the number of ids, on both drivers. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

export type OrganizationEnd = { id: string; name: string; type: string; readable: boolean; writable: boolean };
export type ContactEnd = { id: string; name: string; title: string | null; organizationId: string; organizationName: string };
export type UserEnd = { id: string; name: string; departmentName: string | null };

/**
 * Every live organisation among `ids`, readable or not: out of scope it is still named (the graph shows it as a
 * name-only node, never its contacts or ties), so the caller learns that a tie exists, not what is behind it.
 */
export async function organizationEnds(db: DbOrTx, actor: Actor, ids: readonly string[]): Promise<Map<string, OrganizationEnd>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      type: organizations.type,
      readable: sql<boolean>`${scopeCondition(actor, scoped, 'read')}`,
      writable: sql<boolean>`${scopeCondition(actor, scoped, 'write')}`,
    })
    .from(organizations)
    .where(and(sql`${organizations.id} = any(${uuidArray(ids)})`, isNull(organizations.deletedAt), isNull(organizations.mergedIntoId)));
  return new Map(rows.map((row) => [row.id, { ...row, readable: Boolean(row.readable), writable: Boolean(row.writable) }]));
}

/** The live contacts among `ids` whose organisation the caller may read (or write): the others do not exist for them. */
export async function contactsInScope(db: DbOrTx, actor: Actor, ids: readonly string[], mode: AccessMode = 'read'): Promise<Map<string, ContactEnd>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      title: contacts.title,
      organizationId: contacts.organizationId,
      organizationName: organizations.name,
    })
    .from(contacts)
    .innerJoin(organizations, sql`${organizations.id} = ${contacts.organizationId}`)
    .where(
      and(
        sql`${contacts.id} = any(${uuidArray(ids)})`,
        isNull(contacts.deletedAt),
        isNull(contacts.mergedIntoId),
        isNull(organizations.deletedAt),
        scopeCondition(actor, scoped, mode),
      ),
    );
  return new Map(rows.map((row) => [row.id, row]));
}

/** The contacts working at the given (readable) organisations, by name; at most `limit`. */
export async function contactsOfOrganizations(db: DbOrTx, organizationIds: readonly string[], limit: number): Promise<ContactEnd[]> {
  if (organizationIds.length === 0 || limit <= 0) return [];
  return db
    .select({
      id: contacts.id,
      name: contacts.name,
      title: contacts.title,
      organizationId: contacts.organizationId,
      organizationName: organizations.name,
    })
    .from(contacts)
    .innerJoin(organizations, sql`${organizations.id} = ${contacts.organizationId}`)
    .where(and(sql`${contacts.organizationId} = any(${uuidArray(organizationIds)})`, isNull(contacts.deletedAt), isNull(contacts.mergedIntoId)))
    .orderBy(contacts.name, contacts.id)
    .limit(limit);
}

/** Our active users among `ids`, with their department. */
export async function activeUsers(db: DbOrTx, ids: readonly string[]): Promise<Map<string, UserEnd>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, sql`${departments.id} = ${users.departmentId}`)
    .where(and(sql`${users.id} = any(${uuidArray(ids)})`, sql`${users.status} = 'active'`));
  return new Map(rows.map((row) => [row.id, row]));
}

export const contactSubtitle = (contact: ContactEnd) => [contact.title, contact.organizationName].filter(Boolean).join(' · ') || null;
