// The one registration point of global search (PLAT-9). Every record type that wants to be found from the header box
// registers a provider here, once at start-up (see register-search-providers.ts):
//
//   registerSearchProvider({
//     type: 'project',                 // a value of searchTypes in contracts/src/search.ts
//     permission: 'project.view',      // callers without it never see the group (and its query never runs)
//     search: (db, actor, q, limit) => …, // ONE indexed query, scope filter in SQL, ORDER BY rank, LIMIT `limit`
//   });
//
// A provider returns at most `limit` items, best first: exact name, then names starting with the query, then the rest.
// Providers run in parallel, so each must be a single round trip; the service guards the query (length, shape).
import type { Permission, SearchItem, SearchType } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';

/** The query as the providers get it: trimmed, with its lower-case form and what it could be. */
export type SearchText = {
  text: string;
  lower: string;
  /** Only Latin letters: may be pinyin or pinyin initials. */
  isLatin: boolean;
  /** Digits and phone punctuation only. */
  isPhoneLike: boolean;
  /** Looks like an e-mail address (has an @). */
  isEmailLike: boolean;
};

export type SearchProvider = {
  type: SearchType;
  permission: Permission;
  search: (db: DbOrTx, actor: Actor, q: SearchText, limit: number) => Promise<SearchItem[]>;
};

const providers = new Map<SearchType, SearchProvider>();

/** Registers (or replaces, so tests and hot reloads may call it twice) the provider of one record type. */
export function registerSearchProvider(provider: SearchProvider) {
  providers.set(provider.type, provider);
}

export function searchProviders(): SearchProvider[] {
  return [...providers.values()];
}
