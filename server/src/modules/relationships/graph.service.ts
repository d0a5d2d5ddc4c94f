// The relationship graph around one organisation or contact (CUS-7), walked level by level with one query per kind
// of edge and level (ids travel as arrays, never a query per node), bounded by depth and a node cap.
//
// Scope: organisations outside the caller's scope appear as name-only nodes (readable=false) and the walk does not
// go through them (neither their contacts nor their ties); contacts of organisations the caller cannot read never
// appear; our users appear with their department. Employment edges (contact → organisation) are always walked; the
// `types` filter applies to ties.
import { sql } from 'drizzle-orm';
import { organizationTieTypes, personTieTypes, EMPLOYMENT_EDGE, type Graph, type GraphEdge, type GraphNode, type GraphNodeKind } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { notFound } from '../../platform/errors';
import {
  activeUsers,
  contactsInScope,
  contactsOfOrganizations,
  contactSubtitle,
  organizationEnds,
  uuidArray,
  type ContactEnd,
  type OrganizationEnd,
} from './relationship-scope';

export const GRAPH_NODE_LIMIT = 300;

type Frontier = Record<GraphNodeKind, string[]>;
const emptyFrontier = (): Frontier => ({ organization: [], contact: [], user: [] });
const key = (kind: string, id: string) => `${kind}:${id}`;
const textArray = (values: readonly string[]) => sql`${`{${values.join(',')}}`}::text[]`;

type TieRow = { id: string; from_kind: string; from_id: string; to_kind: string; to_id: string; type: string; label: string | null; strength: number | null };

/** Collects nodes up to the cap and the edges between collected nodes. */
class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  /** Contact → its organisation, for the employment edges drawn at the end. */
  readonly employer = new Map<string, string>();
  truncated = false;

  constructor(readonly limit: number) {}

  /** Adds a node at `depth`; false when it was there already or the cap is reached. */
  add(node: Omit<GraphNode, 'id'>): boolean {
    const id = key(node.kind, node.recordId);
    if (this.nodes.has(id)) return false;
    if (this.nodes.size >= this.limit) {
      this.truncated = true;
      return false;
    }
    this.nodes.set(id, { id, ...node });
    return true;
  }

  addOrganization(organization: OrganizationEnd, depth: number) {
    return this.add({ kind: 'organization', recordId: organization.id, name: organization.name, subtitle: organization.readable ? organization.type : null, readable: organization.readable, depth });
  }

  addContact(contact: ContactEnd, depth: number) {
    const added = this.add({ kind: 'contact', recordId: contact.id, name: contact.name, subtitle: contactSubtitle(contact), readable: true, depth });
    if (added) this.employer.set(contact.id, contact.organizationId);
    return added;
  }

  edge(edgeKey: string, edge: GraphEdge) {
    if (this.nodes.has(edge.from) && this.nodes.has(edge.to)) this.edges.set(edgeKey, edge);
  }

  result(centre: string): Graph {
    for (const [contactId, organizationId] of this.employer) {
      this.edge(`employment:${contactId}`, { from: key('contact', contactId), to: key('organization', organizationId), type: EMPLOYMENT_EDGE, label: null });
    }
    return { centre, nodes: [...this.nodes.values()], edges: [...this.edges.values()], truncated: this.truncated, nodeLimit: this.limit };
  }
}

type WalkOptions = { depth: number; types?: string[] | undefined; limit?: number };

/** One level: the ties and employments of the frontier; new nodes only while `grow` (the last pass joins known nodes). */
async function expand(db: DbOrTx, actor: Actor, graph: GraphBuilder, frontier: Frontier, depth: number, grow: boolean, options: WalkOptions): Promise<Frontier> {
  const next = emptyFrontier();
  const organizationTypes = options.types?.filter((type) => (organizationTieTypes as readonly string[]).includes(type));
  const personTypes = options.types?.filter((type) => (personTieTypes as readonly string[]).includes(type));

  // Organisation ties of the (readable) frontier organisations.
  if (frontier.organization.length > 0 && (!organizationTypes || organizationTypes.length > 0)) {
    const ties = await db.execute<TieRow>(sql`
      select id, 'organization' as from_kind, from_organization_id as from_id, 'organization' as to_kind, to_organization_id as to_id, type, label, null::int as strength
        from organization_ties
       where (from_organization_id = any(${uuidArray(frontier.organization)}) or to_organization_id = any(${uuidArray(frontier.organization)}))
         ${organizationTypes ? sql`and type = any(${textArray(organizationTypes)})` : sql``}
       order by created_at, id`);
    const unknown = [...new Set(ties.rows.flatMap((tie) => [tie.from_id, tie.to_id]))].filter((id) => !graph.nodes.has(key('organization', id)));
    if (grow && unknown.length > 0) {
      const ends = await organizationEnds(db, actor, unknown);
      for (const id of unknown) {
        const end = ends.get(id);
        // Only a readable organisation is walked on; one out of scope stays a name at the edge of the graph.
        if (end && graph.addOrganization(end, depth) && end.readable) next.organization.push(id);
      }
    }
    for (const tie of ties.rows) graph.edge(`tie:${tie.id}`, { from: key('organization', tie.from_id), to: key('organization', tie.to_id), type: tie.type, label: tie.label });
  }

  // The people at the frontier organisations, and the organisations of the frontier people.
  if (grow && actor.permissions.has('contact.view')) {
    if (frontier.organization.length > 0) {
      const room = graph.limit - graph.nodes.size;
      const people = await contactsOfOrganizations(db, frontier.organization, room + 1);
      for (const contact of people) if (graph.addContact(contact, depth)) next.contact.push(contact.id);
    }
    const employers = [...new Set(frontier.contact.map((id) => graph.employer.get(id)!))].filter((id) => !graph.nodes.has(key('organization', id)));
    const ends = await organizationEnds(db, actor, employers);
    for (const id of employers) {
      const end = ends.get(id);
      if (end && graph.addOrganization(end, depth) && end.readable) next.organization.push(id);
    }
  }

  // Person ties of the frontier contacts and users.
  const people = [...frontier.contact, ...frontier.user];
  if (people.length > 0 && (!personTypes || personTypes.length > 0)) {
    const ties = await db.execute<TieRow>(sql`
      select id, from_kind, from_id, to_kind, to_id, type, label, strength
        from person_ties
       where (from_id = any(${uuidArray(people)}) or to_id = any(${uuidArray(people)}))
         ${personTypes ? sql`and type = any(${textArray(personTypes)})` : sql``}
       order by created_at, id`);
    const inFrontier = new Set([...frontier.contact.map((id) => key('contact', id)), ...frontier.user.map((id) => key('user', id))]);
    const relevant = ties.rows.filter((tie) => inFrontier.has(key(tie.from_kind, tie.from_id)) || inFrontier.has(key(tie.to_kind, tie.to_id)));
    if (grow) {
      const ends = relevant.flatMap((tie) => [
        { kind: tie.from_kind, id: tie.from_id },
        { kind: tie.to_kind, id: tie.to_id },
      ]);
      const unknown = (kind: string) => [...new Set(ends.filter((end) => end.kind === kind && !graph.nodes.has(key(kind, end.id))).map((end) => end.id))];
      const [contacts, users] = await Promise.all([contactsInScope(db, actor, unknown('contact')), activeUsers(db, unknown('user'))]);
      for (const tie of relevant) {
        for (const end of [
          { kind: tie.from_kind, id: tie.from_id },
          { kind: tie.to_kind, id: tie.to_id },
        ]) {
          const contact = end.kind === 'contact' ? contacts.get(end.id) : undefined;
          if (contact && actor.permissions.has('contact.view') && graph.addContact(contact, depth)) next.contact.push(end.id);
          const user = end.kind === 'user' ? users.get(end.id) : undefined;
          if (user && graph.add({ kind: 'user', recordId: user.id, name: user.name, subtitle: user.departmentName, readable: true, depth })) next.user.push(end.id);
        }
      }
    }
    for (const tie of relevant) {
      graph.edge(`tie:${tie.id}`, { from: key(tie.from_kind, tie.from_id), to: key(tie.to_kind, tie.to_id), type: tie.type, label: tie.label, strength: tie.strength });
    }
  }
  return next;
}

async function walk(db: DbOrTx, actor: Actor, graph: GraphBuilder, start: Frontier, centre: string, options: WalkOptions): Promise<Graph> {
  let frontier = start;
  for (let depth = 1; depth <= options.depth + 1; depth += 1) {
    const grow = depth <= options.depth;
    if (!frontier.organization.length && !frontier.contact.length && !frontier.user.length) break;
    frontier = await expand(db, actor, graph, frontier, depth, grow, options);
  }
  return graph.result(centre);
}

export async function organizationGraph(db: DbOrTx, actor: Actor, organizationId: string, options: WalkOptions): Promise<Graph> {
  const start = (await organizationEnds(db, actor, [organizationId])).get(organizationId);
  if (!start?.readable) throw notFound();
  const graph = new GraphBuilder(options.limit ?? GRAPH_NODE_LIMIT);
  graph.addOrganization(start, 0);
  return walk(db, actor, graph, { ...emptyFrontier(), organization: [organizationId] }, key('organization', organizationId), options);
}

export async function contactGraph(db: DbOrTx, actor: Actor, contactId: string, options: WalkOptions): Promise<Graph> {
  const start = (await contactsInScope(db, actor, [contactId])).get(contactId);
  if (!start) throw notFound();
  const graph = new GraphBuilder(options.limit ?? GRAPH_NODE_LIMIT);
  graph.addContact(start, 0);
  return walk(db, actor, graph, { ...emptyFrontier(), contact: [contactId] }, key('contact', contactId), options);
}
