// Global search over organisations: the list's own search condition (name and short name by bigrams + ILIKE, pinyin,
// initials, phone, credit code), within the caller's data scope, exact and prefix name matches first.
import { eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SearchItem, SearchMatchField } from '@openpsm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../access/actor';
import { ownedRecordTables } from '../../access/owned-records';
import { scopeCondition } from '../../access/record-scope';
import { organizations } from '../../../modules/organizations/organizations.table';
import { searchCondition } from '../../../modules/organizations/organizations.service';
import type { SearchProvider, SearchText } from '../search-registry';
import { contains, prefixPattern, rankedRows, rankedSearch } from '../search-text';

type MatchRow = {
  name: string;
  shortName: string | null;
  phone: string | null;
  creditCode: string | null;
  namePinyin: string;
  nameInitials: string;
};

/** Which field brought the row: the name first, since that is what the box highlights. */
export function organizationMatchedOn(row: MatchRow, q: SearchText): SearchMatchField {
  if (contains(row.name, q)) return 'name';
  if (contains(row.shortName, q)) return 'shortName';
  if (row.creditCode && row.creditCode === q.text.toUpperCase()) return 'creditCode';
  if (q.isPhoneLike && contains(row.phone, q)) return 'phone';
  if (q.isLatin && contains(row.namePinyin, q)) return 'pinyin';
  if (q.isLatin && contains(row.nameInitials, q)) return 'initials';
  return 'name';
}

/** 0 the exact name, short name or full pinyin; 1 a name, short name, pinyin or initials that starts with the query; 2 the rest. */
function rankOf(q: SearchText): SQL {
  const prefix = prefixPattern(q.text);
  const lowerPrefix = prefixPattern(q.lower);
  return sql`case
    when lower(${organizations.name}) = ${q.lower} or lower(${organizations.shortName}) = ${q.lower} or ${organizations.namePinyin} = ${q.lower} then 0
    when ${organizations.name} ilike ${prefix} or ${organizations.shortName} ilike ${prefix}
      or ${organizations.namePinyin} like ${lowerPrefix} or ${organizations.nameInitials} like ${lowerPrefix} then 1
    else 2 end`;
}

type OrganizationHit = MatchRow & { id: string; number: string; ownerName: string | null };

async function searchOrganizations(db: DbOrTx, actor: Actor, q: SearchText, limit: number): Promise<SearchItem[]> {
  const result = await db.execute<OrganizationHit>(
    rankedSearch({
      select: sql`${organizations.id} as id, ${organizations.number} as number, ${organizations.name} as name,
        ${organizations.shortName} as "shortName", ${organizations.phone} as phone, ${organizations.creditCode} as "creditCode",
        ${organizations.namePinyin} as "namePinyin", ${organizations.nameInitials} as "nameInitials",
        (select u.display_name from users u where u.id = ${organizations.ownerId}) as "ownerName"`,
      from: sql`${organizations}`,
      where: sql`${isNull(organizations.deletedAt)} and ${scopeCondition(actor, ownedRecordTables.organization)}`,
      // The trigram indexes answer equality even for two characters (the string is padded), in well under a millisecond.
      exact: or(eq(organizations.name, q.text), eq(organizations.shortName, q.text)) as SQL,
      match: searchCondition(q.text),
      rank: rankOf(q),
      order: sql`char_length(${organizations.name})`,
      limit,
    }),
  );
  return rankedRows(result.rows, limit).map((row) => {
    const matchedOn = organizationMatchedOn(row, q);
    const detail = matchedOn === 'phone' ? row.phone : matchedOn === 'creditCode' ? row.creditCode : matchedOn === 'shortName' ? row.shortName : null;
    return {
      id: row.id,
      type: 'organization' as const,
      title: row.name,
      subtitle: [row.number, detail, row.ownerName].filter(Boolean).join(' · ') || null,
      link: `/organizations/${row.id}`,
      matchedOn,
    };
  });
}

export const organizationSearchProvider: SearchProvider = {
  type: 'organization',
  permission: 'organization.view',
  search: searchOrganizations,
};
