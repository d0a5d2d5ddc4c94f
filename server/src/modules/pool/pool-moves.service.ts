// The public pool in use (CUS-5): the list, claim, release and assignment. Every rule is checked here, inside
// one transaction holding the organisation's row lock, so the API cannot get round them and two reps claiming
// the same customer at once get one winner and one 409.
import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { MyPools, PoolListQuery, PoolMoveResult, PoolOrganization } from '@openpsm/contracts';
import type { Db, DbOrTx, Tx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { recordCondition } from '../../platform/access/record-scope';
import { writeHistory } from '../../platform/audit/history.service';
import { companyTimeZone, startOfDay, zonedDateTime } from '../../platform/config/settings.service';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { users } from '../../platform/org-structure/org-structure.table';
import { organizations } from '../organizations/organizations.table';
import { poolOfUser, reachesUser, visiblePools, type PoolRow } from './pool-membership';
import { listPools } from './pools.service';
import { customerPools, poolMoves } from './pool.table';

const DAY_MS = 86_400_000;
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Name, short name (two-character fragments first, so 华东 is indexed), pinyin, initials — as the organisation list. */
function searchCondition(q: string): SQL {
  const text = q.trim();
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const nameMatch = or(ilike(organizations.name, pattern), ilike(organizations.shortName, pattern)) as SQL;
  const matches: SQL[] = [[...text.replace(/\s/g, '')].length >= 2 ? sql`(${organizations.searchBigrams} @> psm_bigrams(${text}) and ${nameMatch})` : nameMatch];
  const lower = text.toLowerCase();
  if (/^[a-z]+$/.test(lower)) matches.push(ilike(organizations.namePinyin, `%${lower}%`), ilike(organizations.nameInitials, `%${lower}%`));
  return or(...matches) as SQL;
}

const sortColumns = { pooledAt: organizations.pooledAt, name: organizations.name, grade: organizations.grade } as const;

export async function listPoolOrganizations(db: DbOrTx, actor: Actor, query: PoolListQuery, now = new Date()) {
  const { pools } = await visiblePools(db, actor);
  const poolIds = pools.map((pool) => pool.id).filter((id) => !query.poolId || id === query.poolId);
  if (poolIds.length === 0) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const filters: SQL[] = [isNull(organizations.ownerId), isNull(organizations.deletedAt), sql`${organizations.poolId} = any(${uuidArray(poolIds)})`];
  if (query.q?.trim()) filters.push(searchCondition(query.q));
  if (query.type) filters.push(eq(organizations.type, query.type));
  const sortKey = (query.sort ?? '-pooledAt').replace(/^-/, '') as keyof typeof sortColumns;
  const direction = (query.sort ?? '-pooledAt').startsWith('-') ? desc : asc;
  const rows = await db
    .select({
      id: organizations.id,
      number: organizations.number,
      name: organizations.name,
      type: organizations.type,
      industry: organizations.industry,
      region: organizations.region,
      grade: organizations.grade,
      stage: organizations.stage,
      poolId: organizations.poolId,
      pooledAt: organizations.pooledAt,
      // Written out qualified: inside a sub-select Drizzle's bare column name would bind to the inner table.
      poolName: sql<string>`(select p.name from customer_pools p where p.id = organizations.pool_id)`,
      lastOwnerId: sql<string | null>`(select m.user_id from pool_moves m where m.organization_id = organizations.id
        and m.action in ('release', 'return') order by m.at desc limit 1)`,
      total: sql<number>`count(*) over ()`,
    })
    .from(organizations)
    .where(and(...filters))
    .orderBy(sql`${direction(sortColumns[sortKey] ?? organizations.pooledAt)} nulls last`, asc(organizations.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const ownerIds = [...new Set(rows.map((row) => row.lastOwnerId).filter((id): id is string => Boolean(id)))];
  const names = new Map<string, string>();
  if (ownerIds.length) {
    const found = await db.select({ id: users.id, name: users.displayName }).from(users).where(sql`${users.id} = any(${uuidArray(ownerIds)})`);
    for (const user of found) names.set(user.id, user.name);
  }
  const total = rows.length ? Number(rows[0]!.total) : query.page === 1 ? 0 : (await db.$count(organizations, and(...filters)));
  const items: PoolOrganization[] = rows.map((row) => ({
    id: row.id,
    number: row.number,
    name: row.name,
    type: row.type as PoolOrganization['type'],
    industry: row.industry,
    region: row.region,
    grade: row.grade as PoolOrganization['grade'],
    stage: row.stage as PoolOrganization['stage'],
    poolId: row.poolId!,
    poolName: row.poolName,
    pooledAt: row.pooledAt?.toISOString() ?? null,
    daysInPool: row.pooledAt ? Math.max(0, Math.floor((now.getTime() - row.pooledAt.getTime()) / DAY_MS)) : 0,
    lastOwner: row.lastOwnerId ? { id: row.lastOwnerId, displayName: names.get(row.lastOwnerId) ?? '' } : null,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

async function ownedCount(db: DbOrTx, userId: string): Promise<number> {
  return db.$count(organizations, and(eq(organizations.ownerId, userId), isNull(organizations.deletedAt)));
}

/** Claims since local midnight in the company's time zone (Asia/Shanghai unless an administrator changed it). */
async function claimsToday(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const local = zonedDateTime(now, await companyTimeZone(db));
  const day = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  const since = startOfDay(day, await companyTimeZone(db));
  return db.$count(poolMoves, and(eq(poolMoves.userId, userId), eq(poolMoves.action, 'claim'), sql`${poolMoves.at} >= ${since.toISOString()}`));
}

export async function myPools(db: DbOrTx, actor: Actor, now = new Date()): Promise<MyPools> {
  const { own, pools } = await visiblePools(db, actor);
  return {
    ownPoolId: own?.id ?? null,
    items: pools.length ? await listPools(db, pools.map((pool) => pool.id)) : [],
    owned: await ownedCount(db, actor.userId),
    claimedToday: await claimsToday(db, actor.userId, now),
  };
}

/**
 * One rep's counters must not be raced by two of their own claims on different customers (each holds only its
 * own row lock): a transaction-scoped advisory lock per rep serialises them. Taken before any row lock, always.
 */
async function lockRep(tx: Tx, userId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pool-rep:${userId}`}, 0))`);
}

function assertUnderMaximum(pool: PoolRow, owned: number) {
  if (pool.maxOwnedPerRep !== null && owned >= pool.maxOwnedPerRep) {
    throw new AppError('pool_limit_reached', `A rep owns at most ${pool.maxOwnedPerRep} customers (now ${owned})`, undefined, {
      params: { limit: pool.maxOwnedPerRep, owned },
    });
  }
}

type LockedOrganization = Pick<typeof organizations.$inferSelect, 'id' | 'ownerId' | 'poolId' | 'version'>;

/** Locks an organisation that sits in (or returns to) one of the given pools; outside them it does not exist. */
async function lockPoolOrganization(tx: Tx, id: string, poolIds: string[]): Promise<LockedOrganization> {
  if (poolIds.length === 0) throw notFound();
  const [row] = await tx
    .select({ id: organizations.id, ownerId: organizations.ownerId, poolId: organizations.poolId, version: organizations.version })
    .from(organizations)
    .where(and(eq(organizations.id, id), isNull(organizations.deletedAt), sql`${organizations.poolId} = any(${uuidArray(poolIds)})`))
    .for('update');
  if (!row) throw notFound();
  // Someone claimed it first (we waited on their lock, then read their committed row): one winner, the rest 409.
  if (row.ownerId !== null) throw new AppError('not_in_pool', 'The customer is no longer in the pool');
  return row;
}

async function takeOutOfPool(tx: Tx, actor: Actor, organization: LockedOrganization, pool: PoolRow, userId: string, action: 'claim' | 'assign', now: Date, reason: string | null) {
  await tx
    .update(organizations)
    .set({ ownerId: userId, ownedSince: now, pooledAt: null, poolWarnedAt: null, version: organization.version + 1, updatedAt: now })
    .where(eq(organizations.id, organization.id));
  await tx.insert(poolMoves).values({ organizationId: organization.id, poolId: pool.id, action, userId, actorId: actor.userId, reason, at: now });
  await writeHistory(tx, actor, {
    recordType: 'organization',
    recordId: organization.id,
    action: `pool.${action}`,
    changes: [{ field: 'ownerId', old: null, new: userId }],
    note: reason,
    at: now,
  });
}

async function poolById(tx: DbOrTx, id: string): Promise<PoolRow> {
  const [pool] = await tx.select().from(customerPools).where(eq(customerPools.id, id));
  if (!pool) throw notFound();
  return pool;
}

/** A rep takes a customer from their pool, within the pool's maximum, daily limit and cool-down. */
export async function claimOrganization(db: Db, actor: Actor, id: string, now = new Date()): Promise<PoolMoveResult> {
  const { pools } = await visiblePools(db, actor);
  return db.transaction(async (tx) => {
    await lockRep(tx, actor.userId);
    const organization = await lockPoolOrganization(tx, id, pools.map((pool) => pool.id));
    const pool = await poolById(tx, organization.poolId!);
    assertUnderMaximum(pool, await ownedCount(tx, actor.userId));
    if (pool.dailyClaimLimit !== null) {
      const claimed = await claimsToday(tx, actor.userId, now);
      if (claimed >= pool.dailyClaimLimit) {
        throw new AppError('claim_limit_reached', `At most ${pool.dailyClaimLimit} claims a day (${claimed} today)`, undefined, {
          params: { limit: pool.dailyClaimLimit, claimed },
        });
      }
    }
    if (pool.reclaimCooldownDays !== null) {
      const [last] = await tx
        .select({ at: poolMoves.at })
        .from(poolMoves)
        .where(and(eq(poolMoves.organizationId, id), eq(poolMoves.userId, actor.userId), sql`${poolMoves.action} in ('release', 'return')`))
        .orderBy(desc(poolMoves.at))
        .limit(1);
      const claimableAt = last ? new Date(last.at.getTime() + pool.reclaimCooldownDays * DAY_MS) : null;
      if (claimableAt && claimableAt > now) {
        throw new AppError('claim_cooldown', `You gave this customer up less than ${pool.reclaimCooldownDays} days ago; claimable from ${claimableAt.toISOString()}`, undefined, {
          params: { days: pool.reclaimCooldownDays, claimableAt: claimableAt.toISOString() },
        });
      }
    }
    await takeOutOfPool(tx, actor, organization, pool, actor.userId, 'claim', now, null);
    return { organizationId: id, ownerId: actor.userId, poolId: pool.id, action: 'claim' as const, at: now.toISOString() };
  });
}

/**
 * A manager hands a pool customer to a rep they reach. The rep's maximum applies (the point of the rule is that
 * nobody sits on more customers than they can follow) unless the manager forces it with a reason; the daily
 * limit and the cool-down restrain reps helping themselves, not a manager's decision, so they do not apply.
 */
export async function assignOrganization(db: Db, actor: Actor, id: string, input: { userId: string; force?: boolean | undefined; reason?: string | undefined }, now = new Date()): Promise<PoolMoveResult> {
  const { pools } = await visiblePools(db, actor);
  return db.transaction(async (tx) => {
    const [target] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, input.userId));
    if (!target || !reachesUser(actor, input.userId)) throw new AppError('invalid_input', 'Unknown user', [{ path: 'userId', code: 'unknown_user', message: 'unknown_user' }]);
    if (target.status !== 'active') throw new AppError('invalid_input', 'The user has left', [{ path: 'userId', code: 'user_departed', message: 'user_departed' }]);
    await lockRep(tx, input.userId);
    const organization = await lockPoolOrganization(tx, id, pools.map((pool) => pool.id));
    const pool = await poolById(tx, organization.poolId!);
    if (!input.force) assertUnderMaximum(pool, await ownedCount(tx, input.userId));
    const reason = input.force ? `force: ${input.reason ?? ''}` : (input.reason ?? null);
    await takeOutOfPool(tx, actor, organization, pool, input.userId, 'assign', now, reason);
    return { organizationId: id, ownerId: input.userId, poolId: pool.id, action: 'assign' as const, at: now.toISOString() };
  });
}

/**
 * The owner (or a manager whose scope reaches the owner) gives a customer up. It goes to the pool it came from,
 * else to the owner's pool; with no pool at all there is nowhere to put it (422 no_pool).
 */
export async function releaseOrganization(db: Db, actor: Actor, id: string, input: { reason: string; version?: number | undefined }, now = new Date()): Promise<PoolMoveResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organizations)
      .where(and(recordCondition(actor, ownedRecordTables.organization, id, 'write'), isNull(organizations.deletedAt)))
      .for('update');
    if (!current || !current.ownerId) throw notFound();
    if (input.version !== undefined && input.version !== current.version) throw staleVersion();
    const previous = current.poolId ? await tx.select().from(customerPools).where(and(eq(customerPools.id, current.poolId), eq(customerPools.active, true))) : [];
    const pool = previous[0] ?? (await poolOfUser(tx, current.ownerId));
    if (!pool) throw new AppError('no_pool', 'No public pool is set up for this owner');
    await returnToPool(tx, actor, { id, ownerId: current.ownerId, version: current.version }, pool.id, 'release', input.reason, now);
    return { organizationId: id, ownerId: null, poolId: pool.id, action: 'release' as const, at: now.toISOString() };
  });
}

async function returnToPool(tx: Tx, actor: Actor, organization: { id: string; ownerId: string; version: number }, poolId: string, action: 'release', reason: string, now: Date) {
  await tx
    .update(organizations)
    .set({ ownerId: null, poolId, pooledAt: now, ownedSince: null, poolWarnedAt: null, version: organization.version + 1, updatedAt: now })
    .where(eq(organizations.id, organization.id));
  await tx.insert(poolMoves).values({ organizationId: organization.id, poolId, action, userId: organization.ownerId, actorId: actor.userId, reason, at: now });
  await writeHistory(tx, actor, {
    recordType: 'organization',
    recordId: organization.id,
    action: `pool.${action}`,
    changes: [{ field: 'ownerId', old: organization.ownerId, new: null }],
    note: reason,
    at: now,
  });
}
