// Paged lists (API.md: items, total, page, pageSize).

/**
 * The total of a paged list, counting only when the page cannot tell it: a page with fewer rows than asked
 * for is the last one, so its offset plus its rows is the total. A small list then costs one query, not two.
 */
export async function totalOfPage(rowsOnPage: number, page: { page: number; pageSize: number }, count: () => Promise<number>): Promise<number> {
  if (rowsOnPage > 0 && rowsOnPage < page.pageSize) return (page.page - 1) * page.pageSize + rowsOnPage;
  if (rowsOnPage === 0 && page.page === 1) return 0;
  return count();
}
