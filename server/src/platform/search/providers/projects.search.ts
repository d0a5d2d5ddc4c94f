// Global search over projects: name (bigrams + ILIKE), pinyin, initials and number, within the caller's data scope and
// teams, exact and prefix matches first.
import { eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SearchItem, SearchMatchField } from '@openpsm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../access/actor';
import { ownedRecordTables } from '../../access/owned-records';
import { scopeCondition } from '../../access/record-scope';
import { projects } from '../../../modules/projects/projects.table';
import { projectSearchCondition } from '../../../modules/projects/projects.service';
import type { SearchProvider, SearchText } from '../search-registry';
import { contains, prefixPattern, rankedRows, rankedSearch } from '../search-text';

type ProjectHit = { id: string; number: string; name: string; namePinyin: string; nameInitials: string; organizationName: string | null; ownerName: string | null };

function matchedOn(row: ProjectHit, q: SearchText): SearchMatchField {
  if (contains(row.name, q)) return 'name';
  if (contains(row.number, q)) return 'number';
  if (q.isLatin && contains(row.namePinyin, q)) return 'pinyin';
  if (q.isLatin && contains(row.nameInitials, q)) return 'initials';
  return 'name';
}

function rankOf(q: SearchText): SQL {
  const prefix = prefixPattern(q.text);
  const lowerPrefix = prefixPattern(q.lower);
  return sql`case
    when lower(${projects.name}) = ${q.lower} or ${projects.namePinyin} = ${q.lower} or lower(${projects.number}) = ${q.lower} then 0
    when ${projects.name} ilike ${prefix} or ${projects.number} ilike ${prefix}
      or ${projects.namePinyin} like ${lowerPrefix} or ${projects.nameInitials} like ${lowerPrefix} then 1
    else 2 end`;
}

async function searchProjects(db: DbOrTx, actor: Actor, q: SearchText, limit: number): Promise<SearchItem[]> {
  const result = await db.execute<ProjectHit>(
    rankedSearch({
      select: sql`${projects.id} as id, ${projects.number} as number, ${projects.name} as name,
        ${projects.namePinyin} as "namePinyin", ${projects.nameInitials} as "nameInitials",
        (select o.name from organizations o where o.id = ${projects.organizationId}) as "organizationName",
        (select u.display_name from users u where u.id = ${projects.ownerId}) as "ownerName"`,
      from: sql`${projects}`,
      where: sql`${isNull(projects.deletedAt)} and ${scopeCondition(actor, ownedRecordTables.project)}`,
      exact: or(eq(projects.name, q.text), eq(projects.number, q.text.toUpperCase())) as SQL,
      match: projectSearchCondition(q.text),
      rank: rankOf(q),
      order: sql`char_length(${projects.name})`,
      limit,
    }),
  );
  return rankedRows(result.rows, limit).map((row) => ({
    id: row.id,
    type: 'project' as const,
    title: row.name,
    subtitle: [row.number, row.organizationName, row.ownerName].filter(Boolean).join(' · ') || null,
    link: `/projects/${row.id}`,
    matchedOn: matchedOn(row, q),
  }));
}

export const projectSearchProvider: SearchProvider = {
  type: 'project',
  permission: 'project.view',
  search: searchProjects,
};
