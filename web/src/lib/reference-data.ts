// Reference data several features read (company settings, option lists, custom field definitions, departments, roles,
// user look-up).
// The admin features that edit them invalidate these keys.
import { useCallback } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CustomField, Department, Locale, Option, OptionListKey, Role, Settings } from '@openpsm/contracts';
import { api } from './api-client';
import { translateDynamic } from './i18n';
import { useCurrentUserQuery, usePermission } from './session';

export type UserLookupItem = { id: string; displayName: string; departmentName: string | null };
export type PermissionCatalog = {
  modules: Record<string, string[]>;
  scopedRecordTypes: string[];
  dataScopes: string[];
  protectedFields: Record<string, string[]>;
};
export type CustomFieldRecordType = CustomField['recordType'];

export const referenceKeys = {
  settings: ['settings'] as const,
  optionLists: ['option-lists'] as const,
  customFields: (recordType: CustomFieldRecordType) => ['custom-fields', recordType] as const,
  customFieldsAll: ['custom-fields'] as const,
  departments: ['departments'] as const,
  roles: ['roles'] as const,
  permissionCatalog: ['permissions', 'catalog'] as const,
  userLookup: (q: string) => ['users', 'lookup', q] as const,
};

/**
 * Company settings (date format, time zone, currency …), which every signed-in user may read. Only asked for while
 * signed in: on the login page the 401 would count as a session that ended.
 */
export const useCompanySettings = () => {
  const signedIn = Boolean(useCurrentUserQuery().data);
  return useQuery({
    queryKey: referenceKeys.settings,
    queryFn: () => api.get<Settings>('/settings'),
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });
};

export const useOptionLists = () =>
  useQuery({
    queryKey: referenceKeys.optionLists,
    queryFn: () => api.get<{ items: Option[] }>('/option-lists'),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });

/** Active options of one list, in the configured order. */
export const useOptions = (listKey: OptionListKey, includeInactive = false) => {
  const query = useOptionLists();
  const options = (query.data ?? [])
    .filter((option) => option.listKey === listKey && (includeInactive || option.active))
    .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
  return { ...query, options };
};

export const useCustomFieldDefinitions = (recordType: CustomFieldRecordType) =>
  useQuery({
    queryKey: referenceKeys.customFields(recordType),
    queryFn: () => api.get<{ items: CustomField[] }>('/custom-fields', { recordType }),
    select: (data) => [...data.items].sort((a, b) => a.sort - b.sort),
    staleTime: 5 * 60_000,
  });

/** Needs `department.view`; without it the query stays idle instead of collecting a 403. */
export const useDepartments = () => {
  const allowed = usePermission('department.view');
  return useQuery({
    queryKey: referenceKeys.departments,
    queryFn: () => api.get<{ items: Department[] }>('/departments'),
    select: (data) => data.items,
    enabled: allowed,
  });
};

/** Needs `role.view`, like the roles page. */
export const useRoles = () => {
  const allowed = usePermission('role.view');
  return useQuery({
    queryKey: referenceKeys.roles,
    queryFn: () => api.get<{ items: Role[] }>('/roles'),
    select: (data) => data.items,
    enabled: allowed,
  });
};

export const usePermissionCatalog = () =>
  useQuery({
    queryKey: referenceKeys.permissionCatalog,
    queryFn: () => api.get<PermissionCatalog>('/permissions/catalog'),
    staleTime: Infinity,
  });

export const useUserLookup = (q: string) =>
  useQuery({
    queryKey: referenceKeys.userLookup(q),
    queryFn: ({ signal }) => api.get<{ items: UserLookupItem[] }>('/users/lookup', { q }, signal),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export const optionLabel = (option: { labelZh: string; labelEn: string }, locale: Locale | string) =>
  locale === 'en' ? option.labelEn : option.labelZh;

/** Turns a stored option code into its label in the reader's language; unknown codes show as stored. */
export const useOptionLabeler = (locale: Locale | string) => {
  const { data } = useOptionLists();
  return useCallback(
    (listKey: OptionListKey, code: string | null | undefined): string => {
      if (!code) return '';
      const option = data?.find((candidate) => candidate.listKey === listKey && candidate.code === code);
      return option ? optionLabel(option, locale) : code;
    },
    [data, locale],
  );
};

/** Built-in roles have translated names; roles made by administrators keep the name they were given. */
export const roleDisplayName = (role: Pick<Role, 'code' | 'name' | 'builtin'>): string =>
  role.builtin ? translateDynamic(`roles.builtin.${role.code}`, role.name) : role.name;

/**
 * The server seeds built-in roles with an English description (the `en` text of `roles.builtinDescription.<code>`);
 * while it is unchanged the reader gets it in their language. Text an administrator wrote is shown as written.
 */
export const roleDescription = (role: Pick<Role, 'code' | 'description' | 'builtin'>): string => {
  const description = role.description ?? '';
  if (!role.builtin) return description;
  const key = `roles.builtinDescription.${role.code}`;
  const seeded = translateDynamic(key, '', { lng: 'en' });
  return seeded && description === seeded ? translateDynamic(key, description) : description;
};

/**
 * A user's name from an id. The look-up only answers the first 20 matches of a name, so with `user.view`
 * the user is read directly; otherwise the look-up list is the best available source.
 */
export const useUserName = (id: string | null | undefined) => {
  const canReadUsers = usePermission('user.view');
  const direct = useQuery({
    queryKey: ['users', 'name', id],
    queryFn: () => api.get<{ id: string; displayName: string }>(`/users/${id}`),
    select: (user) => user.displayName,
    enabled: Boolean(id) && canReadUsers,
    staleTime: 5 * 60_000,
  });
  const lookup = useQuery({
    queryKey: referenceKeys.userLookup(''),
    queryFn: () => api.get<{ items: UserLookupItem[] }>('/users/lookup', { q: '' }),
    select: (data) => data.items,
    enabled: Boolean(id) && !canReadUsers,
    staleTime: 60_000,
  });
  return direct.data ?? lookup.data?.find((user) => user.id === id)?.displayName;
};
