// Picks a user by typing part of a name; the server's look-up answers any signed-in user.
import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserLookup } from '../lib/reference-data';
import { useDebouncedValue } from './use-debounced-value';

export type KnownUser = { id: string; displayName: string };

type UserSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'mode'> & {
  /** Users already referenced by the record, so their names show before any search. */
  knownUsers?: (KnownUser | null | undefined)[];
  excludeIds?: string[];
};

export const UserSelect = ({ knownUsers = [], excludeIds = [], placeholder, ...props }: UserSelectProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const lookup = useUserLookup(q);

  const options = useMemo(() => {
    const seen = new Set<string>();
    const result: { value: string; label: string; title?: string }[] = [];
    for (const user of lookup.data ?? []) {
      if (seen.has(user.id) || excludeIds.includes(user.id)) continue;
      seen.add(user.id);
      result.push({
        value: user.id,
        label: user.departmentName ? `${user.displayName} · ${user.departmentName}` : user.displayName,
        title: user.displayName,
      });
    }
    for (const user of knownUsers) {
      if (!user || seen.has(user.id)) continue;
      seen.add(user.id);
      result.push({ value: user.id, label: user.displayName });
    }
    return result;
  }, [lookup.data, knownUsers, excludeIds]);

  return (
    <Select<string>
      allowClear
      {...props}
      placeholder={placeholder ?? t('common.searchUser')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      notFoundContent={lookup.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
};
