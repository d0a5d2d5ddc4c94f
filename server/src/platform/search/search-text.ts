// Helpers the search providers share: reading the query, LIKE patterns, and which field matched.
import { and, sql, type SQL } from 'drizzle-orm';
import type { SearchText } from './search-registry';

/** Escapes LIKE's wildcards so the user's text is matched literally. */
export const likeEscape = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
export const containsPattern = (text: string) => `%${likeEscape(text)}%`;
export const prefixPattern = (text: string) => `${likeEscape(text)}%`;

export function readSearchText(q: string): SearchText {
  const text = q.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  return {
    text,
    lower,
    isLatin: /^[a-z]+$/.test(lower),
    isPhoneLike: /^[0-9+\-() ]{5,}$/.test(text),
    isEmailLike: /^[^\s@]+@[^\s@]*$/.test(text),
  };
}

/**
 * Whether a query is worth running. Fewer than two characters matches a large part of any table and no index helps
 * (bigrams need two, trigrams three); a Latin-only query is matched against pinyin through trigram indexes, so it
 * needs three letters (two letters would read every row's pinyin).
 */
export function isSearchable(q: SearchText): boolean {
  const length = [...q.text.replace(/\s/g, '')].length;
  if (length < 2) return false;
  if (q.isLatin && length < 3) return false;
  return true;
}

/** True when `value` contains the query, ignoring case. */
export const contains = (value: string | null | undefined, q: SearchText) => Boolean(value && value.toLowerCase().includes(q.lower));

/** How many matches a provider ranks at most: enough to hold every useful answer, few enough to stay fast. */
export const SEARCH_CANDIDATES = 200;

/**
 * One statement, two index lookups. Exact matches come first, always: `exact` should be answered by an index that
 * finds them directly (pg_trgm indexes `=`). The other matches are ranked by `rank` (lower first; ties by `order`)
 * among the first SEARCH_CANDIDATES the index gives, so a broad query ("北京", a tenth of the table) reads two hundred
 * rows instead of sorting twenty thousand. The caller drops the exact rows the second part repeats.
 */
export function rankedSearch(options: { select: SQL; from: SQL; where: SQL; exact: SQL; match: SQL; rank: SQL; order: SQL; limit: number }): SQL {
  const { select, from, where, exact, match, rank, order, limit } = options;
  return sql`(select ${select}, 0 as rank, 0 as "order" from ${from} where ${and(where, exact)} limit ${limit})
    union all
    (select * from (select ${select}, ${rank} as rank, ${order} as "order" from ${from} where ${and(where, match)} limit ${SEARCH_CANDIDATES}) as candidates
      order by rank, "order" limit ${limit + 1})`;
}

/** The rows of a rankedSearch, best first, each once, at most `limit`. */
export function rankedRows<T extends { id: string }>(rows: T[], limit: number): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.id) && seen.add(row.id)).slice(0, limit);
}
