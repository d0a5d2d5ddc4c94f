// Picks the organisation a contact works at, by typing part of its name (only organisations the reader can see).
import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ListResponse, Organization } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { useDebouncedValue } from '../../components/use-debounced-value';

type OrganizationPickerProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string) => void;
  /** The organisation the record names, so its name shows before any search. */
  known?: { id: string; name: string } | null;
  disabled?: boolean;
};

export const OrganizationPicker = ({ id, value, onChange, known, disabled }: OrganizationPickerProps) => {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['organizations', 'list', { q, pageSize: 20, picker: true }],
    queryFn: ({ signal }) => api.get<ListResponse<Organization>>('/organizations', { q: q || undefined, pageSize: 20, sort: 'name' }, signal),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const result = (found.data?.items ?? []).map((organization) => ({ value: organization.id, label: organization.name }));
    if (known && !result.some((option) => option.value === known.id)) result.unshift({ value: known.id, label: known.name });
    return result;
  }, [found.data, known]);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(next: string) => onChange?.(next)}
      options={options}
      disabled={disabled}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      data-testid="contact-organization"
    />
  );
};
