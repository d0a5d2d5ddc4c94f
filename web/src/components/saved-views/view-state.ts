// A saved view ↔ the list state in the URL. The list keeps its search, filters and sort in the search params
// (use-list-params.ts); a view holds the same, minus paging, plus the visible columns (kept by the list itself).
import type { SavedView } from '@openpsm/contracts';

/** Paging belongs to the moment, not to a view; sort has its own field. */
const NOT_FILTERS = new Set(['page', 'pageSize', 'sort']);

export type ViewState = { filters: Record<string, string>; sort: string | null };

/** The view-worthy part of the URL: every filter (the search text `q` included) and the sort, if not the list's default. */
export const viewStateOf = (params: URLSearchParams, defaultSort?: string): ViewState => {
  const filters: Record<string, string> = {};
  for (const [key, value] of params.entries()) if (!NOT_FILTERS.has(key) && value !== '') filters[key] = value;
  const sort = params.get('sort');
  return { filters, sort: sort && sort !== defaultSort ? sort : null };
};

/** The URL a view opens: its filters and sort on page 1; the reader's page size stays. */
export const searchParamsOf = (view: Pick<SavedView, 'filters' | 'sort'>, current: URLSearchParams, defaultSort?: string): URLSearchParams => {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(view.filters)) if (!NOT_FILTERS.has(key) && value !== '') next.set(key, value);
  if (view.sort && view.sort !== defaultSort) next.set('sort', view.sort);
  const pageSize = current.get('pageSize');
  if (pageSize) next.set('pageSize', pageSize);
  return next;
};

const sameFilters = (left: Record<string, string>, right: Record<string, string>) => {
  const leftKeys = Object.keys(left).filter((key) => left[key] !== '');
  const rightKeys = Object.keys(right).filter((key) => right[key] !== '');
  return leftKeys.length === rightKeys.length && leftKeys.every((key) => left[key] === right[key]);
};

/** Whether the URL shows exactly what the view holds (columns aside: they do not live in the URL). */
export const viewMatches = (view: Pick<SavedView, 'filters' | 'sort'>, params: URLSearchParams, defaultSort?: string): boolean => {
  const state = viewStateOf(params, defaultSort);
  const viewSort = view.sort && view.sort !== defaultSort ? view.sort : null;
  return state.sort === viewSort && sameFilters(state.filters, view.filters);
};

/** True when the URL carries no list state of its own: then the default view may apply. */
export const isPristine = (params: URLSearchParams): boolean => [...params.keys()].every((key) => key === 'page' || key === 'pageSize');
