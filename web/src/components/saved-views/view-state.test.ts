import { describe, expect, it } from 'vitest';
import { isPristine, searchParamsOf, viewMatches, viewStateOf } from './view-state';

const DEFAULT_SORT = '-updatedAt';

describe('view state ↔ URL', () => {
  it('takes filters and the search text from the URL, not paging, and the sort only when not the default', () => {
    const params = new URLSearchParams('q=华东&type=owner&cf.level=A&page=3&pageSize=50&sort=name');
    expect(viewStateOf(params, DEFAULT_SORT)).toEqual({ filters: { q: '华东', type: 'owner', 'cf.level': 'A' }, sort: 'name' });
    expect(viewStateOf(new URLSearchParams('sort=-updatedAt&grade='), DEFAULT_SORT)).toEqual({ filters: {}, sort: null });
  });

  it('opens a view on page 1 with its filters and sort, keeping the page size', () => {
    const current = new URLSearchParams('q=旧&page=4&pageSize=50&industry=电力');
    const next = searchParamsOf({ filters: { grade: 'A', mine: 'true' }, sort: '-createdAt' }, current, DEFAULT_SORT);
    expect(Object.fromEntries(next)).toEqual({ grade: 'A', mine: 'true', sort: '-createdAt', pageSize: '50' });
    // The default sort is left out of the URL, as the list does itself; reserved keys in a view are ignored.
    const plain = searchParamsOf({ filters: { page: '9', type: 'owner' }, sort: DEFAULT_SORT }, new URLSearchParams(), DEFAULT_SORT);
    expect(plain.toString()).toBe('type=owner');
  });

  it('round-trips: the URL a view opens matches the view', () => {
    const view = { filters: { type: 'owner', q: '机械' }, sort: 'name' };
    const url = searchParamsOf(view, new URLSearchParams('pageSize=100'), DEFAULT_SORT);
    expect(viewMatches(view, url, DEFAULT_SORT)).toBe(true);
    expect(viewStateOf(url, DEFAULT_SORT)).toEqual(view);
  });

  it('no longer matches once a filter or the sort changes', () => {
    const view = { filters: { type: 'owner' }, sort: null };
    expect(viewMatches(view, new URLSearchParams('type=owner&page=2'), DEFAULT_SORT)).toBe(true);
    expect(viewMatches(view, new URLSearchParams('type=owner&sort=-updatedAt'), DEFAULT_SORT)).toBe(true);
    expect(viewMatches(view, new URLSearchParams('type=owner&grade=A'), DEFAULT_SORT)).toBe(false);
    expect(viewMatches(view, new URLSearchParams('type=owner&sort=name'), DEFAULT_SORT)).toBe(false);
    expect(viewMatches(view, new URLSearchParams(''), DEFAULT_SORT)).toBe(false);
  });

  it('calls a URL pristine when it holds paging at most', () => {
    expect(isPristine(new URLSearchParams(''))).toBe(true);
    expect(isPristine(new URLSearchParams('pageSize=50'))).toBe(true);
    expect(isPristine(new URLSearchParams('q=华东'))).toBe(false);
    expect(isPristine(new URLSearchParams('sort=name'))).toBe(false);
  });
});
