// The price history (PRJ-12): every bidder's price at every opening of tenders in projects the caller may read, by
// product line and region over a period — what competitors bid and how our prices moved. One statement.
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { TenderPriceHistory, TenderPriceHistoryQuery } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { scopeCondition } from '../../platform/access/record-scope';
import { projectScope } from '../projects/project-access';
import { projects } from '../projects/projects.table';
import { tenderBidders, tenders } from './tenders.table';

/** A chart reads a few thousand points; more says "narrow the filter" (truncated). */
const MAX_POINTS = 2000;

export async function tenderPriceHistory(db: DbOrTx, actor: Actor, query: TenderPriceHistoryQuery): Promise<TenderPriceHistory> {
  // The date a price belongs to: the opening, else the submission deadline, else when the tender was recorded.
  const pointDate = sql<string>`(coalesce(${tenders.openingAt}, ${tenders.submissionDueAt}, ${tenders.createdAt}))`;
  const rows = await db
    .select({
      tenderId: tenders.id,
      tenderNumber: tenders.number,
      tenderTitle: tenders.title,
      projectId: tenders.projectId,
      date: sql<string>`to_char(${pointDate} at time zone 'UTC', 'YYYY-MM-DD')`,
      bidder: tenderBidders.bidderName,
      organizationId: tenderBidders.organizationId,
      isUs: tenderBidders.isUs,
      price: tenderBidders.price,
      rank: tenderBidders.rank,
      result: tenderBidders.result,
      productLine: tenders.productLine,
      region: tenders.region,
    })
    .from(tenderBidders)
    .innerJoin(tenders, eq(tenders.id, tenderBidders.tenderId))
    .innerJoin(projects, eq(projects.id, tenders.projectId))
    .where(
      and(
        scopeCondition(actor, projectScope),
        isNull(projects.deletedAt),
        isNull(tenders.deletedAt),
        isNotNull(tenderBidders.price),
        query.productLine ? eq(tenders.productLine, query.productLine) : undefined,
        query.region ? eq(tenders.region, query.region) : undefined,
        query.from ? sql`${pointDate} >= ${query.from}::date` : undefined,
        query.to ? sql`${pointDate} < ${query.to}::date + 1` : undefined,
      ),
    )
    .orderBy(asc(pointDate), asc(tenders.id), asc(tenderBidders.rank))
    .limit(MAX_POINTS + 1);
  return { items: rows.slice(0, MAX_POINTS).map((row) => ({ ...row, price: row.price! })), truncated: rows.length > MAX_POINTS };
}
