// Global search over contacts: name (bigrams + ILIKE), pinyin, initials, fragments of mobile, phone and e-mail. A contact has no
// owner: it is found when its organisation is within the caller's scope (the access layer's condition, in SQL).
import { eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SearchItem, SearchMatchField } from '@openpsm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../access/actor';
import { ownedRecordTables } from '../../access/owned-records';
import { scopeCondition } from '../../access/record-scope';
import { contactPointConditions, contactPointMatchedOn } from '../../../modules/contacts/contact-search';
import { contacts } from '../../../modules/contacts/contacts.table';
import { organizations } from '../../../modules/organizations/organizations.table';
import type { SearchProvider, SearchText } from '../search-registry';
import { contains, containsPattern, prefixPattern, rankedRows, rankedSearch } from '../search-text';

/** One OR of indexed conditions: the bigram GIN index, the trigram indexes on pinyin, and on mobile, phone and e-mail (fragments). */
function contactCondition(q: SearchText): SQL {
  const nameMatch = ilike(contacts.name, containsPattern(q.text));
  const matches: SQL[] = [sql`(${contacts.searchBigrams} @> psm_bigrams(${q.text}) and ${nameMatch})`];
  if (q.isLatin) matches.push(ilike(contacts.namePinyin, containsPattern(q.lower)), ilike(contacts.nameInitials, containsPattern(q.lower)));
  matches.push(...contactPointConditions(q.text));
  return or(...matches) as SQL;
}

export function contactMatchedOn(row: { name: string; namePinyin: string; nameInitials: string; mobile: string | null; phone: string | null; email: string | null }, q: SearchText): SearchMatchField {
  if (contains(row.name, q)) return 'name';
  const contactPoint = contactPointMatchedOn(row, q.text);
  if (contactPoint) return contactPoint;
  if (q.isLatin && contains(row.namePinyin, q)) return 'pinyin';
  if (q.isLatin && contains(row.nameInitials, q)) return 'initials';
  return 'name';
}

/** 0 the exact name or full pinyin; 1 a name, pinyin or initials that starts with the query; 2 the rest. */
function rankOf(q: SearchText): SQL {
  const lowerPrefix = prefixPattern(q.lower);
  return sql`case
    when lower(${contacts.name}) = ${q.lower} or ${contacts.namePinyin} = ${q.lower} then 0
    when ${contacts.name} ilike ${prefixPattern(q.text)} or ${contacts.namePinyin} like ${lowerPrefix} or ${contacts.nameInitials} like ${lowerPrefix} then 1
    else 2 end`;
}

type ContactHit = Parameters<typeof contactMatchedOn>[0] & { id: string; title: string | null; organizationName: string };

async function searchContacts(db: DbOrTx, actor: Actor, q: SearchText, limit: number): Promise<SearchItem[]> {
  const result = await db.execute<ContactHit>(
    rankedSearch({
      select: sql`${contacts.id} as id, ${contacts.name} as name, ${contacts.namePinyin} as "namePinyin", ${contacts.nameInitials} as "nameInitials",
        ${contacts.title} as title, ${contacts.mobile} as mobile, ${contacts.phone} as phone, ${contacts.email} as email,
        ${organizations.name} as "organizationName"`,
      // The organisation decides who may see the contact: its scope, and it must not be deleted.
      from: sql`${contacts} join ${organizations} on ${organizations.id} = ${contacts.organizationId}`,
      where: sql`${isNull(contacts.deletedAt)} and ${isNull(organizations.deletedAt)} and ${scopeCondition(actor, ownedRecordTables.organization)}`,
      exact: eq(contacts.name, q.text),
      match: contactCondition(q),
      rank: rankOf(q),
      order: sql`char_length(${contacts.name})`,
      limit,
    }),
  );
  return rankedRows(result.rows, limit).map((row) => {
    const matchedOn = contactMatchedOn(row, q);
    const detail = matchedOn === 'mobile' ? row.mobile : matchedOn === 'phone' ? row.phone : matchedOn === 'email' ? row.email : null;
    return {
      id: row.id,
      type: 'contact' as const,
      title: row.name,
      subtitle: [row.organizationName, row.title, detail].filter(Boolean).join(' · ') || null,
      link: `/contacts/${row.id}`,
      matchedOn,
    };
  });
}

export const contactSearchProvider: SearchProvider = {
  type: 'contact',
  permission: 'contact.view',
  search: searchContacts,
};
