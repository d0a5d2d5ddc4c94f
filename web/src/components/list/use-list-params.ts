// List state (page, size, sort, search, filters) lives in the URL, so back/forward and shared links keep it.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { SorterResult, SortOrder, TablePaginationConfig } from 'antd/es/table/interface';

type ListDefaults = { pageSize?: number; sort?: string };
type PatchValue = string | number | boolean | null | undefined;

const RESERVED = new Set(['page', 'pageSize', 'sort', 'q']);

export const useListParams = (defaults: ListDefaults = {}) => {
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const pageSize = Math.min(200, Number(searchParams.get('pageSize')) || defaults.pageSize || 20);
  const sort = searchParams.get('sort') ?? defaults.sort;
  const q = searchParams.get('q') ?? '';

  const filters = useMemo(() => {
    const result: Record<string, string> = {};
    for (const [key, value] of searchParams.entries()) if (!RESERVED.has(key)) result[key] = value;
    return result;
  }, [searchParams]);

  /** Changes some parameters; anything but paging sends the reader back to page 1. */
  const update = useCallback(
    (patch: Record<string, PatchValue>) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '' || value === false) next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          if (next.get('page') === '1') next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  const clearFilters = useCallback(() => {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams();
        const keepSize = previous.get('pageSize');
        const keepSort = previous.get('sort');
        if (keepSize) next.set('pageSize', keepSize);
        if (keepSort) next.set('sort', keepSort);
        return next;
      },
      { replace: true },
    );
  }, [setSearchParams]);

  const apiQuery = useMemo(() => ({ ...filters, page, pageSize, sort, q: q || undefined }), [filters, page, pageSize, sort, q]);

  /** Wire into <Table onChange>: server-side paging and sorting. */
  const onTableChange = useCallback(
    <T,>(pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => {
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = single?.columnKey ?? single?.field;
      const nextSort = single?.order && field ? `${single.order === 'descend' ? '-' : ''}${String(field)}` : undefined;
      const sortChanged = (nextSort ?? defaults.sort) !== sort;
      update({
        page: sortChanged || pagination.current === 1 ? undefined : pagination.current,
        pageSize: pagination.pageSize === (defaults.pageSize ?? 20) ? undefined : pagination.pageSize,
        sort: nextSort === defaults.sort ? undefined : (nextSort ?? ''),
      });
    },
    [update, sort, defaults.sort, defaults.pageSize],
  );

  /** The controlled sort order of a column. */
  const sortOrderOf = useCallback(
    (field: string): SortOrder => {
      if (sort === field) return 'ascend';
      if (sort === `-${field}`) return 'descend';
      return null;
    },
    [sort],
  );

  const hasFilters = q !== '' || Object.keys(filters).length > 0;

  return { page, pageSize, sort, q, filters, apiQuery, update, clearFilters, onTableChange, sortOrderOf, hasFilters };
};

export type ListParams = ReturnType<typeof useListParams>;
