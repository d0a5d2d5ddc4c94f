// Organisation ↔ organisation ties (CUS-7): list, add, remove — each change a history line on both organisations.
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { directedTieTypes, type OrganizationTie, type OrganizationTieType, type TieDirection } from '@openpsm/contracts';
import type { z } from 'zod';
import type { organizationTieInputSchema } from '@openpsm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { assertNotLocked } from '../../platform/approvals/approval-chain';
import { writeHistory } from '../../platform/audit/history.service';
import type { FieldChange } from '../../platform/audit/audit.table';
import { AppError, notFound } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizationEnds, type OrganizationEnd } from './relationship-scope';
import { organizationTies } from './relationships.table';

type TieInput = z.output<typeof organizationTieInputSchema>;
type TieRow = typeof organizationTies.$inferSelect;

/** Ties whose reverse is the same statement or a contradiction (A parent of B and B parent of A). */
const reverseIsDuplicate = (type: string) => !directedTieTypes.includes(type) || type === 'parent_of';

/** Serialises adding ties between one pair of organisations, so "A–B" and "B–A" cannot both slip in. */
async function lockPair(tx: DbOrTx, left: string, right: string) {
  const key = [left, right].sort().join(':');
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`organization_tie:${key}`}))`);
}

/** The page's organisation must be readable (else 404) and writable (else 403). */
function assertWritable(end: OrganizationEnd | undefined): asserts end is OrganizationEnd {
  if (!end?.readable) throw notFound();
  if (!end.writable) throw new AppError('forbidden', 'Read-only access to this organisation');
}

function tieChanges(type: string, label: string | null, direction: TieDirection, other: string, removing: boolean): FieldChange[] {
  const values: [string, unknown][] = [
    ['tieType', type],
    ['tieDirection', direction],
    ['tiedRecord', other],
  ];
  if (label) values.push(['tieLabel', label]);
  return values.map(([field, value]) => (removing ? { field, old: value, new: null } : { field, old: null, new: value }));
}

/** One line on each organisation: each sees the tie from its own side. */
async function writeTieHistory(tx: DbOrTx, actor: Actor, tie: TieRow, names: Map<string, string>, action: 'tie.add' | 'tie.remove', note: string | null | undefined) {
  const removing = action === 'tie.remove';
  for (const [recordId, direction, otherId] of [
    [tie.fromOrganizationId, 'outgoing', tie.toOrganizationId],
    [tie.toOrganizationId, 'incoming', tie.fromOrganizationId],
  ] as const) {
    await writeHistory(tx, actor, {
      recordType: 'organization',
      recordId,
      action,
      changes: tieChanges(tie.type, tie.label, direction, names.get(otherId) ?? otherId, removing),
      note: note ?? null,
    });
  }
}

export async function listOrganizationTies(db: DbOrTx, actor: Actor, organizationId: string): Promise<OrganizationTie[]> {
  const page = (await organizationEnds(db, actor, [organizationId])).get(organizationId);
  if (!page?.readable) throw notFound();
  const rows = await db
    .select({ tie: organizationTies, createdBy: users.displayName })
    .from(organizationTies)
    .leftJoin(users, eq(users.id, organizationTies.createdBy))
    .where(or(eq(organizationTies.fromOrganizationId, organizationId), eq(organizationTies.toOrganizationId, organizationId)))
    .orderBy(desc(organizationTies.createdAt), organizationTies.id);
  const otherId = (tie: TieRow) => (tie.fromOrganizationId === organizationId ? tie.toOrganizationId : tie.fromOrganizationId);
  const others = await organizationEnds(db, actor, [...new Set(rows.map((row) => otherId(row.tie)))]);
  return rows.flatMap(({ tie, createdBy }) => {
    const other = others.get(otherId(tie));
    // A deleted organisation takes its ties out of sight (they stay in the history).
    if (!other) return [];
    return [
      {
        id: tie.id,
        type: tie.type as OrganizationTieType,
        label: tie.label,
        note: tie.note,
        direction: tie.fromOrganizationId === organizationId ? ('outgoing' as const) : ('incoming' as const),
        other: { kind: 'organization' as const, id: other.id, name: other.name, subtitle: other.readable ? other.type : null, readable: other.readable },
        createdBy,
        createdAt: tie.createdAt.toISOString(),
      },
    ];
  });
}

export async function addOrganizationTie(db: Db, actor: Actor, organizationId: string, input: TieInput): Promise<OrganizationTie[]> {
  if (input.organizationId === organizationId) throw new AppError('self_tie', 'An organisation cannot be tied to itself');
  await db.transaction(async (tx) => {
    const ends = await organizationEnds(tx, actor, [organizationId, input.organizationId]);
    assertWritable(ends.get(organizationId));
    const other = ends.get(input.organizationId);
    if (!other?.readable) throw notFound('The other organisation was not found');
    await assertNotLocked(tx, 'organization', organizationId);
    const [fromId, toId] = input.direction === 'outgoing' ? [organizationId, input.organizationId] : [input.organizationId, organizationId];
    await lockPair(tx, fromId, toId);
    const sameWay = and(eq(organizationTies.fromOrganizationId, fromId), eq(organizationTies.toOrganizationId, toId));
    const otherWay = and(eq(organizationTies.fromOrganizationId, toId), eq(organizationTies.toOrganizationId, fromId));
    const [existing] = await tx
      .select({ id: organizationTies.id })
      .from(organizationTies)
      .where(and(eq(organizationTies.type, input.type), reverseIsDuplicate(input.type) ? or(sameWay, otherWay) : sameWay));
    if (existing) throw new AppError('duplicate_tie', 'These organisations already have this tie', undefined, { tieId: existing.id });
    const [tie] = await tx
      .insert(organizationTies)
      .values({
        fromOrganizationId: fromId,
        toOrganizationId: toId,
        type: input.type,
        label: input.type === 'custom' ? (input.label ?? null) : null,
        note: input.note ?? null,
        createdBy: actor.userId,
      })
      .returning();
    const names = new Map([...ends.values()].map((end) => [end.id, end.name]));
    await writeTieHistory(tx, actor, tie!, names, 'tie.add', input.note);
  });
  return listOrganizationTies(db, actor, organizationId);
}

/** Either end's editor may remove a tie; the note goes into both histories. */
export async function removeOrganizationTie(db: Db, actor: Actor, organizationId: string, tieId: string, note: string | null | undefined): Promise<void> {
  await db.transaction(async (tx) => {
    const page = (await organizationEnds(tx, actor, [organizationId])).get(organizationId);
    assertWritable(page);
    await assertNotLocked(tx, 'organization', organizationId);
    const [tie] = await tx
      .delete(organizationTies)
      .where(
        and(
          eq(organizationTies.id, tieId),
          or(eq(organizationTies.fromOrganizationId, organizationId), eq(organizationTies.toOrganizationId, organizationId)),
        ),
      )
      .returning();
    if (!tie) throw notFound('Tie not found');
    const otherId = tie.fromOrganizationId === organizationId ? tie.toOrganizationId : tie.fromOrganizationId;
    // Named even when out of scope or deleted: the history of the other side must say what ended.
    const [other] = await tx.execute<{ name: string }>(sql`select name from organizations where id = ${otherId}`).then((result) => result.rows);
    const names = new Map([
      [organizationId, page.name],
      [otherId, other?.name ?? otherId],
    ]);
    await writeTieHistory(tx, actor, tie, names, 'tie.remove', note);
  });
}
