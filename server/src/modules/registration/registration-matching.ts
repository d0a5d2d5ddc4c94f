// Finding the protected projects a name collides with (PRJ-13): same owner organisation (merges followed both ways),
// a similar site when both have one, a similar name key, no different phase number — among open or suspended projects
// whose protection has not ended and whose registration was not refused. One statement, led by the owner index.
import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { RegistrationMatch } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { scopeCondition } from '../../platform/access/record-scope';
import { users } from '../../platform/org-structure/org-structure.table';
import { projectScope } from '../projects/project-access';
import { projects } from '../projects/projects.table';
import { differentParts } from './project-name';

/**
 * Name keys from this trigram similarity on are the same deal. Keys differing by a procedural word are equal already
 * (the key drops them); 浦东机场3期给排水设备 still reaches 浦东机场3期扩建给排水设备, 虹桥机场给排水 does not
 * (registration.routes.test.ts).
 * Documented in docs/projects.md.
 */
export const REGISTRATION_NAME_THRESHOLD = 0.45;
/** Sites are short and written loosely (浦东新区 / 浦东新区机场镇): similar from 0.3, or one containing the other. */
export const REGISTRATION_SITE_THRESHOLD = 0.3;
const MAX_MATCHES = 20;

export type HolderRow = {
  id: string;
  number: string;
  name: string;
  nameKey: string;
  site: string | null;
  status: string;
  registrationStatus: string;
  protectedUntil: Date | null;
  ownerId: string | null;
  ownerName: string | null;
  parentId: string | null;
  score: number;
  accessible: boolean;
};

/** The owner organisation and every organisation merged into the same surviving one (projects keep the old id). */
function ownerFamily(organizationId: string): SQL {
  return sql`(with recursive up(id, merged_into_id, depth) as (
      select o.id, o.merged_into_id, 0 from organizations o where o.id = ${organizationId}
      union all
      select o.id, o.merged_into_id, up.depth + 1 from organizations o join up on o.id = up.merged_into_id where up.depth < 20),
    down(id, depth) as (
      select id, 0 from (select id from up order by depth desc limit 1) root
      union all
      select o.id, down.depth + 1 from organizations o join down on o.merged_into_id = down.id where down.depth < 20)
    select id from down)`;
}

export type HolderSearch = { organizationId: string; nameKey: string; siteKey: string; excludeId?: string | undefined; now: Date };

/** Protected projects matching, best first; `accessible` says whether the actor may read each (null actor: none). */
export async function findHolders(db: DbOrTx, actor: Actor | null, search: HolderSearch): Promise<HolderRow[]> {
  if ([...search.nameKey].length < 2) return [];
  const nameScore = sql<number>`similarity(${projects.nameKey}, ${search.nameKey})`;
  const siteMatches = search.siteKey
    ? sql`(${projects.siteKey} = '' or similarity(${projects.siteKey}, ${search.siteKey}) >= ${sql.raw(String(REGISTRATION_SITE_THRESHOLD))}
          or strpos(${projects.siteKey}, ${search.siteKey}) > 0 or strpos(${search.siteKey}, ${projects.siteKey}) > 0)`
    : undefined;
  const rows = await db
    .select({
      id: projects.id,
      number: projects.number,
      name: projects.name,
      nameKey: projects.nameKey,
      site: projects.site,
      status: projects.status,
      registrationStatus: projects.registrationStatus,
      protectedUntil: projects.protectedUntil,
      ownerId: projects.ownerId,
      ownerName: users.displayName,
      parentId: projects.parentId,
      score: nameScore,
      accessible: actor ? sql<boolean>`(${scopeCondition(actor, projectScope)}) is true` : sql<boolean>`false`,
    })
    .from(projects)
    .leftJoin(users, eq(users.id, projects.ownerId))
    .where(
      and(
        sql`${projects.organizationId} in ${ownerFamily(search.organizationId)}`,
        isNull(projects.deletedAt),
        inArray(projects.status, ['open', 'suspended']),
        sql`${projects.protectedUntil} > ${search.now.toISOString()}::timestamptz`,
        ne(projects.registrationStatus, 'refused'),
        sql`${nameScore} >= ${sql.raw(String(REGISTRATION_NAME_THRESHOLD))}`,
        siteMatches,
        search.excludeId ? ne(projects.id, search.excludeId) : undefined,
      ),
    )
    .orderBy(desc(nameScore), projects.createdAt)
    .limit(MAX_MATCHES);
  return rows.filter((row) => !differentParts(row.nameKey, search.nameKey)).map((row) => ({ ...row, score: Math.round(Number(row.score) * 1000) / 1000 }));
}

/** What the caller sees of a match: all of it within scope; name, owner and protection end outside. */
export function matchForActor(row: HolderRow): RegistrationMatch {
  const protectedUntil = row.protectedUntil?.toISOString() ?? null;
  if (!row.accessible) {
    return { id: null, accessible: false, number: null, name: row.name, ownerName: row.ownerName, site: null, status: null, registrationStatus: null, protectedUntil, score: row.score };
  }
  return {
    id: row.id,
    accessible: true,
    number: row.number,
    name: row.name,
    ownerName: row.ownerName,
    site: row.site,
    status: row.status,
    registrationStatus: row.registrationStatus,
    protectedUntil,
    score: row.score,
  };
}
