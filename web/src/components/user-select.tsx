// Picks a user (or several) by typing part of a name; the server's look-up answers any signed-in user.
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Select, Spin } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUserLookup } from '../lib/reference-data';
import { useDebouncedValue } from './use-debounced-value';
import { UserName } from './user-name';

export type KnownUser = { id: string; displayName: string };

type UserOption = { value: string; label: ReactNode; title?: string };

type PickerProps = {
  /** Users already referenced by the record, so their names show before any search. */
  knownUsers?: (KnownUser | null | undefined)[];
  excludeIds?: string[];
};

/** Look-up matches, then the users the record names, then any selected id still unnamed (its name is read by id). */
const useUserOptions = ({ knownUsers = [], excludeIds = [] }: PickerProps, selected: string[]) => {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const lookup = useUserLookup(q);
  const selectedKey = selected.join(',');

  const options = useMemo(() => {
    const seen = new Set<string>();
    const result: UserOption[] = [];
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
    for (const id of selectedKey ? selectedKey.split(',') : []) {
      if (seen.has(id)) continue;
      seen.add(id);
      result.push({ value: id, label: <UserName id={id} /> });
    }
    return result;
  }, [lookup.data, knownUsers, excludeIds, selectedKey]);

  return { options, setSearch, fetching: lookup.isFetching };
};

type UserSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'mode'> & PickerProps;

export const UserSelect = ({ knownUsers, excludeIds, placeholder, ...props }: UserSelectProps) => {
  const { t } = useTranslation();
  const { options, setSearch, fetching } = useUserOptions({ knownUsers, excludeIds }, props.value ? [props.value] : []);
  return (
    <Select<string>
      allowClear
      {...props}
      placeholder={placeholder ?? t('common.searchUser')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      notFoundContent={fetching ? <Spin size="small" /> : t('common.noMatch')}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
};

type UserMultiSelectProps = Omit<SelectProps<string[]>, 'options' | 'showSearch' | 'mode'> & PickerProps;

export const UserMultiSelect = ({ knownUsers, excludeIds, placeholder, ...props }: UserMultiSelectProps) => {
  const { t } = useTranslation();
  const { options, setSearch, fetching } = useUserOptions({ knownUsers, excludeIds }, props.value ?? []);
  return (
    <Select<string[]>
      allowClear
      {...props}
      mode="multiple"
      placeholder={placeholder ?? t('common.searchUser')}
      showSearch={{ filterOption: false, onSearch: setSearch, autoClearSearchValue: true }}
      options={options}
      notFoundContent={fetching ? <Spin size="small" /> : t('common.noMatch')}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
};
