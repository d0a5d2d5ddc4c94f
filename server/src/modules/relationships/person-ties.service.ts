// Person ↔ person ties (CUS-7): a contact and another contact, or one of our users and a contact ("our rep knows
// them"). Written from the contact's side; each change is a history line on every contact it touches.
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { directedTieTypes, type PersonKind, type PersonTie, type PersonTieType, type TieDirection, type TieEnd } from '@openpsm/contracts';
import type { z } from 'zod';
import type { personTieInputSchema } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { writeHistory } from '../../platform/audit/history.service';
import type { FieldChange } from '../../platform/audit/audit.table';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { activeUsers, contactsInScope, contactSubtitle } from './relationship-scope';
import { personTies } from './relationships.table';

type TieInput = z.output<typeof personTieInputSchema>;
type TieRow = typeof personTies.$inferSelect;
type PersonRef = { kind: PersonKind; id: string };

const reverseIsDuplicate = (type: string) => !directedTieTypes.includes(type) || type === 'reports_to';

const touches = (person: PersonRef) =>
  or(
    and(eq(personTies.fromKind, person.kind), eq(personTies.fromId, person.id)),
    and(eq(personTies.toKind, person.kind), eq(personTies.toId, person.id)),
  );

/** The person ends the caller may see: contacts of readable organisations, active users. */
async function visibleEnds(db: DbOrTx, actor: Actor, refs: PersonRef[]): Promise<Map<string, TieEnd>> {
  const ids = (kind: PersonKind) => [...new Set(refs.filter((ref) => ref.kind === kind).map((ref) => ref.id))];
  const [contactRows, userRows] = await Promise.all([contactsInScope(db, actor, ids('contact')), activeUsers(db, ids('user'))]);
  const ends = new Map<string, TieEnd>();
  for (const contact of contactRows.values()) {
    ends.set(`contact:${contact.id}`, { kind: 'contact', id: contact.id, name: contact.name, subtitle: contactSubtitle(contact), readable: true });
  }
  for (const user of userRows.values()) ends.set(`user:${user.id}`, { kind: 'user', id: user.id, name: user.name, subtitle: user.departmentName, readable: true });
  return ends;
}

export async function listPersonTies(db: DbOrTx, actor: Actor, contactId: string): Promise<PersonTie[]> {
  if (!(await contactsInScope(db, actor, [contactId])).has(contactId)) throw notFound();
  const self: PersonRef = { kind: 'contact', id: contactId };
  const rows = await db
    .select({ tie: personTies, createdBy: users.displayName })
    .from(personTies)
    .leftJoin(users, eq(users.id, personTies.createdBy))
    .where(touches(self))
    .orderBy(desc(personTies.createdAt), personTies.id);
  const isFrom = (tie: TieRow) => tie.fromKind === 'contact' && tie.fromId === contactId;
  const otherOf = (tie: TieRow): PersonRef => (isFrom(tie) ? { kind: tie.toKind as PersonKind, id: tie.toId } : { kind: tie.fromKind as PersonKind, id: tie.fromId });
  const ends = await visibleEnds(db, actor, rows.map((row) => otherOf(row.tie)));
  return rows.flatMap(({ tie, createdBy }) => {
    const other = otherOf(tie);
    // A contact of an organisation the caller cannot read is left out entirely: not even that it exists.
    const end = ends.get(`${other.kind}:${other.id}`);
    if (!end) return [];
    return [
      {
        id: tie.id,
        type: tie.type as PersonTieType,
        label: tie.label,
        strength: tie.strength,
        note: tie.note,
        direction: isFrom(tie) ? ('outgoing' as const) : ('incoming' as const),
        other: end,
        createdBy,
        createdAt: tie.createdAt.toISOString(),
      },
    ];
  });
}

function tieChanges(tie: TieRow, direction: TieDirection, other: string, removing: boolean): FieldChange[] {
  const values: [string, unknown][] = [
    ['tieType', tie.type],
    ['tieDirection', direction],
    ['tiedRecord', other],
  ];
  if (tie.label) values.push(['tieLabel', tie.label]);
  if (tie.strength) values.push(['tieStrength', tie.strength]);
  return values.map(([field, value]) => (removing ? { field, old: value, new: null } : { field, old: null, new: value }));
}

async function writeTieHistory(tx: DbOrTx, actor: Actor, tie: TieRow, names: Map<string, string>, action: 'tie.add' | 'tie.remove', note: string | null | undefined) {
  const sides = [
    [tie.fromKind, tie.fromId, 'outgoing', `${tie.toKind}:${tie.toId}`],
    [tie.toKind, tie.toId, 'incoming', `${tie.fromKind}:${tie.fromId}`],
  ] as const;
  for (const [kind, recordId, direction, otherKey] of sides) {
    // Users keep no record history of this kind; the contact side says who knows them.
    if (kind !== 'contact') continue;
    await writeHistory(tx, actor, { recordType: 'contact', recordId, action, changes: tieChanges(tie, direction, names.get(otherKey) ?? otherKey, action === 'tie.remove'), note: note ?? null });
  }
}

export async function addPersonTie(db: Db, actor: Actor, contactId: string, input: TieInput): Promise<PersonTie[]> {
  const other: PersonRef = input.person;
  if (other.kind === 'contact' && other.id === contactId) throw new AppError('self_tie', 'A contact cannot be tied to themselves');
  if (input.type === 'reports_to' && other.kind === 'user') throw invalidField('type', 'reports_to_contacts_only');
  await db.transaction(async (tx) => {
    if (!(await contactsInScope(tx, actor, [contactId], 'write')).has(contactId)) {
      throw (await contactsInScope(tx, actor, [contactId])).has(contactId) ? new AppError('forbidden', 'Read-only access to this contact') : notFound();
    }
    const ends = await visibleEnds(tx, actor, [{ kind: 'contact', id: contactId }, other]);
    if (!ends.has(`${other.kind}:${other.id}`)) throw notFound('The other person was not found');
    const self: PersonRef = { kind: 'contact', id: contactId };
    const [from, to] = input.direction === 'outgoing' ? [self, other] : [other, self];
    const key = [`${from.kind}:${from.id}`, `${to.kind}:${to.id}`].sort().join('|');
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`person_tie:${key}`}))`);
    const sameWay = and(eq(personTies.fromKind, from.kind), eq(personTies.fromId, from.id), eq(personTies.toKind, to.kind), eq(personTies.toId, to.id));
    const otherWay = and(eq(personTies.fromKind, to.kind), eq(personTies.fromId, to.id), eq(personTies.toKind, from.kind), eq(personTies.toId, from.id));
    const [existing] = await tx
      .select({ id: personTies.id })
      .from(personTies)
      .where(and(eq(personTies.type, input.type), reverseIsDuplicate(input.type) ? or(sameWay, otherWay) : sameWay));
    if (existing) throw new AppError('duplicate_tie', 'These people already have this tie', undefined, { tieId: existing.id });
    const [tie] = await tx
      .insert(personTies)
      .values({
        fromKind: from.kind,
        fromId: from.id,
        toKind: to.kind,
        toId: to.id,
        type: input.type,
        label: input.type === 'custom' ? (input.label ?? null) : null,
        strength: input.strength ?? null,
        note: input.note ?? null,
        createdBy: actor.userId,
      })
      .returning();
    const names = new Map([...ends].map(([endKey, end]) => [endKey, end.name]));
    await writeTieHistory(tx, actor, tie!, names, 'tie.add', input.note);
  });
  return listPersonTies(db, actor, contactId);
}

export async function removePersonTie(db: Db, actor: Actor, contactId: string, tieId: string, note: string | null | undefined): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await contactsInScope(tx, actor, [contactId], 'write')).has(contactId)) {
      throw (await contactsInScope(tx, actor, [contactId])).has(contactId) ? new AppError('forbidden', 'Read-only access to this contact') : notFound();
    }
    const [tie] = await tx
      .delete(personTies)
      .where(and(eq(personTies.id, tieId), touches({ kind: 'contact', id: contactId })))
      .returning();
    if (!tie) throw notFound('Tie not found');
    // The other side's history names this side even when the caller could not read that side.
    const names = new Map<string, string>();
    const namesResult = await tx.execute<{ key: string; name: string }>(sql`
      select 'contact:' || id as key, name from contacts where id in (${tie.fromId}, ${tie.toId})
      union all select 'user:' || id, display_name from users where id in (${tie.fromId}, ${tie.toId})`);
    for (const row of namesResult.rows) names.set(row.key, row.name);
    await writeTieHistory(tx, actor, tie, names, 'tie.remove', note);
  });
}
