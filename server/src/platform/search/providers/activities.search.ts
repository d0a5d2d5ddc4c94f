// Global search over activities (follow-up records and planned ones) by subject, within the caller's activity scope:
// exact subjects first, then subjects starting with the query, then the rest — the most recent first within each.
import { and, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import type { SearchItem } from '@openpsm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../access/actor';
import { ownedRecordTables } from '../../access/owned-records';
import { scopeCondition } from '../../access/record-scope';
import { activities } from '../../../modules/activities/activities.table';
import type { SearchProvider, SearchText } from '../search-registry';
import { containsPattern, prefixPattern, rankedRows, rankedSearch } from '../search-text';

type ActivityHit = { id: string; subject: string; startsAt: Date | string; organizationName: string | null; ownerName: string | null };

async function searchActivities(db: DbOrTx, actor: Actor, q: SearchText, limit: number): Promise<SearchItem[]> {
  const result = await db.execute<ActivityHit>(
    rankedSearch({
      select: sql`${activities.id} as id, ${activities.subject} as subject, ${activities.startsAt} as "startsAt",
        (select o.name from organizations o where o.id = activities.organization_id) as "organizationName",
        (select u.display_name from users u where u.id = activities.owner_id) as "ownerName"`,
      from: sql`${activities}`,
      where: and(isNull(activities.deletedAt), scopeCondition(actor, ownedRecordTables.activity)) as SQL,
      exact: eq(activities.subject, q.text),
      match: ilike(activities.subject, containsPattern(q.text)),
      rank: sql`case when lower(${activities.subject}) = ${q.lower} then 0 when ${activities.subject} ilike ${prefixPattern(q.text)} then 1 else 2 end`,
      order: sql`-extract(epoch from ${activities.startsAt})`,
      limit,
    }),
  );
  return rankedRows(result.rows, limit).map((row) => ({
    id: row.id,
    type: 'activity' as const,
    title: row.subject,
    subtitle: [new Date(row.startsAt).toISOString().slice(0, 10), row.organizationName, row.ownerName].filter(Boolean).join(' · ') || null,
    link: `/activities/${row.id}`,
    matchedOn: 'name' as const,
  }));
}

export const activitySearchProvider: SearchProvider = {
  type: 'activity',
  permission: 'activity.view',
  search: searchActivities,
};
