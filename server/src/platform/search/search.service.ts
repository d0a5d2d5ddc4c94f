// Global search (PLAT-9): asks every provider the caller may use, in parallel, and groups the answers by type.
import type { SearchGroup, SearchQuery, SearchResponse } from '@openpsm/contracts';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../access/actor';
import { searchProviders } from './search-registry';
import { isSearchable, readSearchText } from './search-text';

export async function search(db: DbOrTx, actor: Actor, query: SearchQuery): Promise<SearchResponse> {
  const q = readSearchText(query.q);
  const providers = searchProviders().filter(
    (provider) => actor.permissions.has(provider.permission) && (!query.types || query.types.includes(provider.type)),
  );
  if (!isSearchable(q)) return { q: q.text, groups: [], items: [] };
  // One indexed query per provider, all at once: the slowest provider sets the time, not their sum.
  const answers = await Promise.all(providers.map(async (provider) => ({ type: provider.type, items: await provider.search(db, actor, q, query.limit) })));
  const groups: SearchGroup[] = answers.filter((group) => group.items.length > 0);
  return { q: q.text, groups, items: groups.flatMap((group) => group.items) };
}
