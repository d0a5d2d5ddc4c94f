// Global search (PLAT-9): the query hook and the rule for when a query is worth sending (the server's rule too).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchResponse } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export const searchKeys = {
  all: ['search'] as const,
  query: (q: string) => [...searchKeys.all, q] as const,
};

/** Two characters at least, three when only Latin letters (pinyin): shorter queries use no index, so the server answers nothing. */
export const isSearchable = (q: string) => {
  const text = q.replace(/\s/g, '');
  const length = [...text].length;
  if (/^[a-z]+$/i.test(text)) return length >= 3;
  return length >= 2;
};

export const useGlobalSearch = (q: string) =>
  useQuery({
    queryKey: searchKeys.query(q),
    queryFn: ({ signal }) => api.get<SearchResponse>('/search', { q, limit: 6 }, signal),
    enabled: isSearchable(q),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
