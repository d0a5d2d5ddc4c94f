// Paged lists (API.md: items, total, page, pageSize).

/**
 * The total of a page whose rows carry it (a count in the list's select, see scopedCount): one round trip
 * for the page and its total. An empty page has no row to carry it: on page 1 the total is 0, past the end
 * it is counted apart.
 */
export async function totalCarried(rows: { total: unknown }[], page: { page: number }, count: () => Promise<number>): Promise<number> {
  if (rows.length > 0) return Number(rows[0]!.total);
  return page.page === 1 ? 0 : count();
}
