// The organisation duplicate check (CUS-3): same credit code, similar normalised name, same phone.
import { and, inArray, sql, type SQL } from 'drizzle-orm';
import type { DuplicateCandidate } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../platform/access/actor';
import { ownedRecordTables } from '../../platform/access/owned-records';
import { scopeCondition } from '../../platform/access/record-scope';
import { organizations } from './organizations.table';
import { companyNameKey } from './company-name';

/**
 * Two normalised names are a likely duplicate from this trigram similarity on. 华东机械 against 华东机械设备 is 0.5
 * (one is the other plus an industry word); 华东电气 or 华南机械 against 华东机械设备 stay at 0.2 and below. Documented in
 * docs/customers.md.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.45;
/** A shared phone number is strong evidence, but a switchboard can be shared: below a credit code, above most names. */
export const PHONE_MATCH_SCORE = 0.9;
const MAX_CANDIDATES = 10;

/**
 * Runs the check with pg_trgm's `%` threshold at ours, so the GIN index hands back only rows that can reach it: at
 * the default 0.3 a name shares enough trigrams with thousands of others through an industry word (机械设备) alone,
 * and each would be re-checked. The setting is local to the transaction (a new one, or the caller's).
 */
async function withSimilarityThreshold<T>(db: DbOrTx, query: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const run = async (tx: DbOrTx) => {
    await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(NAME_SIMILARITY_THRESHOLD)}, true)`);
    return query(tx);
  };
  return 'rollback' in db ? run(db) : db.transaction(run);
}

export type DuplicateCheckInput = {
  name?: string | null | undefined;
  creditCode?: string | null | undefined;
  phone?: string | null | undefined;
};

/** A credit code is 18 letters or digits; anything shorter (typing in progress) cannot match one. */
const usableCreditCode = (value: string | null | undefined) => {
  const code = value?.trim().toUpperCase();
  return code && /^[0-9A-Z]{18}$/.test(code) ? code : null;
};
/** At least six digits: shorter strings are extensions or typing in progress. */
const usablePhone = (value: string | null | undefined) => {
  const phone = value?.trim();
  return phone && (phone.match(/\d/g)?.length ?? 0) >= 6 ? phone : null;
};

/**
 * Likely duplicates of an organisation about to be saved, best first, at most ten, over every live organisation
 * whoever owns it (the caller decides what to show of them: see candidatesForActor). Credit code always wins (score 1).
 * The name arm is answered from the trigram index on name_key (`%` with pg_trgm's default threshold 0.3, below ours,
 * so the index never drops a row we want); the phone arm is an equality on the phone's trigram index.
 */
export async function findDuplicateOrganizations(db: DbOrTx, input: DuplicateCheckInput, excludeId?: string): Promise<DuplicateCandidate[]> {
  const key = input.name ? companyNameKey(input.name) : '';
  const creditCode = usableCreditCode(input.creditCode);
  const phone = usablePhone(input.phone);
  const nameScore = [...key].length >= 2 ? sql<number>`similarity(${organizations.nameKey}, ${key})` : null;
  // Constants as literals: a parameter inside CASE would take the type of its neighbour (integer 0).
  const threshold = sql.raw(String(NAME_SIMILARITY_THRESHOLD));
  const arms: SQL[] = [];
  // `%` holds our threshold (withSimilarityThreshold); the explicit comparison keeps the rule when it does not.
  if (nameScore) arms.push(sql`(${organizations.nameKey} % ${key} and ${nameScore} >= ${threshold})`);
  if (creditCode) arms.push(sql`${organizations.creditCode} = ${creditCode}`);
  if (phone) arms.push(sql`${organizations.phone} = ${phone}`);
  if (arms.length === 0) return [];
  const score = sql<number>`greatest(
      ${creditCode ? sql`case when ${organizations.creditCode} = ${creditCode} then 1 else 0 end` : sql`0`},
      ${nameScore ? sql`case when ${nameScore} >= ${threshold} then ${nameScore} else 0 end` : sql`0`},
      ${phone ? sql`case when ${organizations.phone} = ${phone} then ${sql.raw(String(PHONE_MATCH_SCORE))} else 0 end` : sql`0`})`;
  const rows = await withSimilarityThreshold(db, (tx) =>
    tx
      .select({
        id: organizations.id,
        name: organizations.name,
        creditCode: organizations.creditCode,
        phone: organizations.phone,
        ownerId: organizations.ownerId,
        ownerName: sql<string | null>`(select u.display_name from users u where u.id = ${organizations.ownerId})`,
        nameScore: nameScore ?? sql<number>`0`,
        score,
      })
      .from(organizations)
      .where(and(sql`${organizations.deletedAt} is null`, sql`(${sql.join(arms, sql` or `)})`, excludeId ? sql`${organizations.id} <> ${excludeId}` : undefined))
      .orderBy(
        // A credit-code match comes first even against an identical name: the code identifies the company.
        ...(creditCode ? [sql`(${organizations.creditCode} = ${creditCode}) is true desc`] : []),
        sql`${score} desc`,
        organizations.name,
      )
      .limit(MAX_CANDIDATES),
  );
  return rows.map((row) => {
    // The reason is the strongest evidence, the one the score comes from.
    const samePhone = Boolean(phone && row.phone === phone);
    const reason: DuplicateCandidate['reason'] =
      creditCode && row.creditCode === creditCode ? 'credit_code' : samePhone && Number(row.nameScore) < PHONE_MATCH_SCORE ? 'phone' : 'name';
    return {
      id: row.id,
      name: row.name,
      creditCode: row.creditCode,
      ownerName: row.ownerName,
      owner: row.ownerId ? { id: row.ownerId, displayName: row.ownerName ?? '' } : null,
      score: Math.round(Number(row.score) * 100) / 100,
      reason,
    };
  });
}

/**
 * What the caller may see of the candidates. Outside their scope a candidate keeps name, owner, score and reason
 * (the point of 查重: "this customer is 王五's already"), its credit code only when that is the match (the caller
 * typed it), and says `accessible: false` so the form offers no link or merge.
 */
export async function candidatesForActor(db: DbOrTx, actor: Actor, candidates: DuplicateCandidate[]): Promise<DuplicateCandidate[]> {
  if (candidates.length === 0) return [];
  const readable = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.id, candidates.map((candidate) => candidate.id)), scopeCondition(actor, ownedRecordTables.organization)));
  const readableIds = new Set(readable.map((row) => row.id));
  return candidates.map((candidate) =>
    readableIds.has(candidate.id)
      ? { ...candidate, accessible: true }
      : { ...candidate, creditCode: candidate.reason === 'credit_code' ? candidate.creditCode : null, accessible: false },
  );
}
