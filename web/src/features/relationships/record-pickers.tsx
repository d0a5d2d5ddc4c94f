// Pickers for the other end of a tie: an organisation or a contact the caller can see (typed search), or a person —
// one of our users or a contact.
import { useMemo, useState } from 'react';
import { Flex, Segmented, Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Contact, ListResponse, Organization, PersonKind } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { UserSelect } from '../../components/user-select';

type PickerProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Records that cannot be picked (the page's own record). */
  excludeIds?: string[];
  'data-testid'?: string;
};

const useRecordSearch = <T,>(path: string, search: string) => {
  const q = useDebouncedValue(search.trim(), 250);
  return useQuery({
    queryKey: ['relationships', 'picker', path, q],
    queryFn: ({ signal }) => api.get<ListResponse<T>>(path, { q: q || undefined, pageSize: 20, sort: 'name' }, signal),
    staleTime: 30_000,
  });
};

export const OrganizationSelect = ({ id, value, onChange, excludeIds = [], ...rest }: PickerProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useRecordSearch<Organization>('/organizations', search);
  const options = useMemo(
    () => (found.data?.items ?? []).filter((item) => !excludeIds.includes(item.id)).map((item) => ({ value: item.id, label: item.name })),
    [found.data, excludeIds],
  );
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      placeholder={t('relationships.ties.searchOrganization')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      data-testid={rest['data-testid']}
    />
  );
};

export const ContactSelect = ({ id, value, onChange, excludeIds = [], ...rest }: PickerProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useRecordSearch<Contact>('/contacts', search);
  const options = useMemo(
    () =>
      (found.data?.items ?? [])
        .filter((item) => !excludeIds.includes(item.id))
        .map((item) => ({ value: item.id, label: `${item.name} · ${item.organization.name}`, title: item.name })),
    [found.data, excludeIds],
  );
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      placeholder={t('relationships.ties.searchContact')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      data-testid={rest['data-testid']}
    />
  );
};

export type PersonValue = { kind: PersonKind; id?: string | undefined };

/** A person: pick the kind, then the user or contact. */
export const PersonPicker = ({
  value = { kind: 'contact' },
  onChange,
  excludeContactIds,
  testId,
}: {
  value?: PersonValue;
  onChange?: (value: PersonValue) => void;
  excludeContactIds?: string[];
  testId?: string;
}) => {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap>
      <Segmented<PersonKind>
        value={value.kind}
        onChange={(kind) => onChange?.({ kind })}
        options={(['contact', 'user'] as const).map((kind) => ({ value: kind, label: t(`relationships.ties.personKinds.${kind}`) }))}
      />
      <div style={{ flex: 1, minWidth: 200 }}>
        {value.kind === 'user' ? (
          <UserSelect value={value.id} onChange={(id?: string) => onChange?.({ kind: 'user', id })} style={{ width: '100%' }} data-testid={testId ? `${testId}-user` : undefined} />
        ) : (
          <ContactSelect value={value.id} onChange={(id) => onChange?.({ kind: 'contact', id })} excludeIds={excludeContactIds} data-testid={testId ? `${testId}-contact` : undefined} />
        )}
      </div>
    </Flex>
  );
};
