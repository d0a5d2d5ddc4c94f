// The shortest chain of person ties between two people (CUS-7), e.g. from one of our reps to a decision maker.
// Bidirectional breadth-first search: each step expands the smaller side by one whole level in one query (the ids
// travel as an array), so a chain of six ties costs about six queries. Ties are walked both ways (knowing someone
// is mutual enough to ask for an introduction); only contacts the caller may read and active users are passed.
import { sql } from 'drizzle-orm';
import type { GraphEdge, GraphNode, PersonKind, PersonPath } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { notFound } from '../../platform/errors';
import { activeUsers, contactsInScope, contactSubtitle, uuidArray } from './relationship-scope';

type PersonRef = { kind: PersonKind; id: string };
type TieRow = { id: string; from_kind: string; from_id: string; to_kind: string; to_id: string; type: string; label: string | null; strength: number | null };
type Visit = { parent: string | null; via: TieRow | null; distance: number };
type Side = { visits: Map<string, Visit>; frontier: string[]; distance: number };
type NodeInfo = Omit<GraphNode, 'depth'>;

const refKey = (kind: string, id: string) => `${kind}:${id}`;
const parseKey = (value: string): PersonRef => {
  const [kind, id] = value.split(':') as [PersonKind, string];
  return { kind, id };
};

/** Who the caller may pass through, remembered across levels: one query per kind for the unseen ones. */
class Visibility {
  private readonly known = new Map<string, NodeInfo | null>();
  constructor(
    private readonly db: DbOrTx,
    private readonly actor: Actor,
  ) {}

  async resolve(keys: string[]) {
    const unseen = [...new Set(keys)].filter((candidate) => !this.known.has(candidate)).map(parseKey);
    const ids = (kind: PersonKind) => unseen.filter((ref) => ref.kind === kind).map((ref) => ref.id);
    const [contacts, users] = await Promise.all([contactsInScope(this.db, this.actor, ids('contact')), activeUsers(this.db, ids('user'))]);
    for (const ref of unseen) {
      const id = refKey(ref.kind, ref.id);
      const contact = ref.kind === 'contact' ? contacts.get(ref.id) : undefined;
      const user = ref.kind === 'user' ? users.get(ref.id) : undefined;
      if (contact) this.known.set(id, { id, kind: 'contact', recordId: contact.id, name: contact.name, subtitle: contactSubtitle(contact), readable: true });
      else if (user) this.known.set(id, { id, kind: 'user', recordId: user.id, name: user.name, subtitle: user.departmentName, readable: true });
      else this.known.set(id, null);
    }
  }

  get(key: string) {
    return this.known.get(key) ?? null;
  }
}

/** Expands one side by a level; returns the meeting node with the shortest total, if the sides touched. */
async function expandSide(db: DbOrTx, visibility: Visibility, side: Side, other: Side): Promise<string | null> {
  const ids = side.frontier.map((key) => parseKey(key).id);
  const ties = await db.execute<TieRow>(sql`
    select id, from_kind, from_id, to_kind, to_id, type, label, strength
      from person_ties
     where from_id = any(${uuidArray(ids)}) or to_id = any(${uuidArray(ids)})
     order by strength desc nulls last, created_at, id`);
  const inFrontier = new Set(side.frontier);
  const steps: { from: string; to: string; tie: TieRow }[] = [];
  for (const tie of ties.rows) {
    const fromKey = refKey(tie.from_kind, tie.from_id);
    const toKey = refKey(tie.to_kind, tie.to_id);
    if (inFrontier.has(fromKey) && !side.visits.has(toKey)) steps.push({ from: fromKey, to: toKey, tie });
    if (inFrontier.has(toKey) && !side.visits.has(fromKey)) steps.push({ from: toKey, to: fromKey, tie });
  }
  await visibility.resolve(steps.map((step) => step.to));
  const distance = side.distance + 1;
  const next: string[] = [];
  let meeting: string | null = null;
  for (const step of steps) {
    if (side.visits.has(step.to) || !visibility.get(step.to)) continue;
    side.visits.set(step.to, { parent: step.from, via: step.tie, distance });
    next.push(step.to);
    const across = other.visits.get(step.to);
    if (across && (meeting === null || across.distance < other.visits.get(meeting)!.distance)) meeting = step.to;
  }
  side.frontier = next;
  side.distance = distance;
  return meeting;
}

/** The chain from the start of `side` to `key`, start first. */
function chainTo(side: Side, key: string): { keys: string[]; ties: TieRow[] } {
  const keys: string[] = [];
  const ties: TieRow[] = [];
  let cursor: string | null = key;
  while (cursor) {
    keys.unshift(cursor);
    const visit: Visit = side.visits.get(cursor)!;
    if (visit.via) ties.unshift(visit.via);
    cursor = visit.parent;
  }
  return { keys, ties };
}

export async function shortestPersonPath(db: DbOrTx, actor: Actor, from: PersonRef, to: PersonRef, maxDepth: number): Promise<PersonPath> {
  const visibility = new Visibility(db, actor);
  const fromKey = refKey(from.kind, from.id);
  const toKey = refKey(to.kind, to.id);
  await visibility.resolve([fromKey, toKey]);
  // An end the caller cannot see does not exist for them.
  if (!visibility.get(fromKey) || !visibility.get(toKey)) throw notFound();
  const start: Side = { visits: new Map([[fromKey, { parent: null, via: null, distance: 0 }]]), frontier: [fromKey], distance: 0 };
  const goal: Side = { visits: new Map([[toKey, { parent: null, via: null, distance: 0 }]]), frontier: [toKey], distance: 0 };

  let meeting: string | null = fromKey === toKey ? fromKey : null;
  while (!meeting && start.distance + goal.distance < maxDepth && start.frontier.length > 0 && goal.frontier.length > 0) {
    // The smaller frontier is the cheaper level to read.
    meeting = start.frontier.length <= goal.frontier.length ? await expandSide(db, visibility, start, goal) : await expandSide(db, visibility, goal, start);
  }
  if (!meeting) return { found: false, nodes: [], edges: [] };

  const head = chainTo(start, meeting);
  const tail = chainTo(goal, meeting);
  const keys = [...head.keys, ...tail.keys.reverse().slice(1)];
  const ties = [...head.ties, ...tail.ties.reverse()];
  return {
    found: true,
    nodes: keys.map((key, depth) => ({ ...visibility.get(key)!, depth })),
    edges: ties.map(
      (tie): GraphEdge => ({ from: refKey(tie.from_kind, tie.from_id), to: refKey(tie.to_kind, tie.to_id), type: tie.type, label: tie.label, strength: tie.strength }),
    ),
  };
}
