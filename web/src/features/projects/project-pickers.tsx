// Pickers the project form uses: an organisation the caller can read (typed search; the record's current one shows
// by name before any search) and an option list as a (multi-)select.
import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ListResponse, OptionListKey, Organization } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { optionLabel, useOptions } from '../../lib/reference-data';
import { useDebouncedValue } from '../../components/use-debounced-value';

type OrganizationPickerProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Organisations the record names already (id and name), so they show before a search. */
  known?: ({ id: string; name: string } | null | undefined)[];
  'data-testid'?: string;
};

export const OrganizationPicker = ({ id, value, onChange, known = [], ...rest }: OrganizationPickerProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['projects', 'organization-picker', q],
    queryFn: ({ signal }) => api.get<ListResponse<Organization>>('/organizations', { q: q || undefined, pageSize: 20, sort: 'name' }, signal),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const seen = new Set<string>();
    const all = [...(found.data?.items ?? []), ...known.filter((item): item is { id: string; name: string } => Boolean(item))];
    return all.filter((item) => !seen.has(item.id) && seen.add(item.id)).map((item) => ({ value: item.id, label: item.name }));
  }, [found.data, known]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next)}
      options={options}
      loading={found.isFetching}
      placeholder={t('common.searchPlaceholder', { defaultValue: '' })}
      notFoundContent={found.isFetching ? null : undefined}
      data-testid={rest['data-testid']}
    />
  );
};

type OptionSelectProps = { listKey: OptionListKey; id?: string; value?: string | string[] | null; onChange?: (value: unknown) => void; multiple?: boolean; 'data-testid'?: string };

export const OptionSelect = ({ listKey, id, value, onChange, multiple, ...rest }: OptionSelectProps) => {
  const { i18n } = useTranslation();
  const { options, isLoading } = useOptions(listKey);
  const choices = options.map((option) => ({ value: option.code, label: optionLabel(option, i18n.language) }));
  // A record may hold a code that was since deactivated: keep it selectable so saving does not erase it.
  for (const code of Array.isArray(value) ? value : value ? [value] : []) if (!choices.some((choice) => choice.value === code)) choices.push({ value: code, label: code });
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      loading={isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(next: unknown) => onChange?.(next ?? (multiple ? [] : null))}
      options={choices}
      data-testid={rest['data-testid']}
    />
  );
};
