import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Flex, Input } from 'antd';
import { FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../use-debounced-value';
import { useIsMobile } from '../use-is-mobile';

type SearchBoxProps = {
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  testId?: string;
};

/** Searches as the reader types (debounced) and at once on Enter. */
export const SearchBox = ({ value, onSearch, placeholder, testId }: SearchBoxProps) => {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const debounced = useDebouncedValue(text, 400);
  // Only a change of the typed text should search; the URL catching up (or being cleared) must not search again.
  const lastTyped = useRef(debounced);

  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (debounced === lastTyped.current) return;
    lastTyped.current = debounced;
    if (debounced.trim() !== value) onSearch(debounced.trim());
  }, [debounced, value, onSearch]);

  return (
    <Input
      allowClear
      type="search"
      prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
      value={text}
      placeholder={placeholder ?? t('common.search')}
      onChange={(event) => setText(event.target.value)}
      onPressEnter={() => onSearch(text.trim())}
      style={{ width: 260, maxWidth: '100%' }}
      aria-label={placeholder ?? t('common.search')}
      data-testid={testId}
    />
  );
};

type ListToolbarProps = {
  search?: ReactNode;
  filters?: ReactNode;
  actions?: ReactNode;
  onClear?: () => void;
  showClear?: boolean;
};

/** Search, filters and list actions; on phones the filters fold behind one button so the list stays in view. */
export const ListToolbar = ({ search, filters, actions, onClear, showClear }: ListToolbarProps) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const foldFilters = isMobile && Boolean(filters);
  return (
    <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap align="center" style={{ flex: '1 1 auto' }}>
        {search}
        {foldFilters && (
          <Button icon={<FilterOutlined />} type={showClear ? 'primary' : 'default'} ghost={showClear} onClick={() => setFiltersOpen((open) => !open)} aria-expanded={filtersOpen}>
            {t('common.filters')}
          </Button>
        )}
        {(!foldFilters || filtersOpen) && filters}
        {showClear && onClear && (
          <Button type="link" onClick={onClear}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Flex>
      {actions && (
        <Flex gap={8} wrap align="center">
          {actions}
        </Flex>
      )}
    </Flex>
  );
};

/** Paging as the server does it: the reader can pick a size, total is shown. */
export const paginationOf = (params: { page: number; pageSize: number }, total: number | undefined, totalText: (total: number) => string) => ({
  current: params.page,
  pageSize: params.pageSize,
  total: total ?? 0,
  showSizeChanger: true,
  pageSizeOptions: [10, 20, 50, 100, 200],
  showTotal: totalText,
  responsive: true,
});
