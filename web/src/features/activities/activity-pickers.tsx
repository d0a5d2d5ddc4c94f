// Inputs of the activity form: the type as big buttons (a thumb hits them on a phone), a project of the chosen
// organisation, and the people of that organisation (and of the organisations taking part in the project).
import { useMemo, useState } from 'react';
import { Button, Select, Skeleton } from 'antd';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Contact, ListResponse, Organization, Project } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { projectKeys } from '../projects/projects.api';
import { useActivityTypes } from './activity-labels';
import { contactOptions, contactOrganizations, flatOptions } from './activity-logic';

type TypeButtonsProps = { value?: string; onChange?: (value: string) => void; id?: string };

export const TypeButtons = ({ value, onChange, id }: TypeButtonsProps) => {
  const { types, isLoading } = useActivityTypes();
  if (isLoading) return <Skeleton.Button active block style={{ height: 64 }} />;
  return (
    <div id={id} role="radiogroup" style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 8 }} data-testid="quick-log-types">
      {types.map((type) => {
        const selected = type.code === value;
        return (
          <Button
            key={type.code}
            role="radio"
            aria-checked={selected}
            onClick={() => onChange?.(type.code)}
            style={{
              height: 64,
              flexDirection: 'column',
              gap: 2,
              paddingInline: 4,
              fontSize: 14,
              borderColor: selected ? type.color : undefined,
              background: selected ? type.color : undefined,
              color: selected ? '#fff' : undefined,
            }}
            data-testid={`quick-log-type-${type.code}`}
          >
            <span style={{ fontSize: 20, lineHeight: 1, color: selected ? '#fff' : type.color }}>{type.icon}</span>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%' }}>{type.label}</span>
          </Button>
        );
      })}
    </div>
  );
};

type Ref = { id: string; name: string };

type OrganizationSelectProps = {
  id?: string;
  value?: string | null;
  /** With the name, which the proposed subject needs. */
  onChange?: (value: string | null, organization?: Ref) => void;
  known?: (Ref | null | undefined)[];
  'data-testid'?: string;
};

/** An organisation the caller can read, found by typing part of its name. */
export const OrganizationSelect = ({ id, value, onChange, known = [], ...rest }: OrganizationSelectProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['organizations', 'activity-picker', q],
    queryFn: ({ signal }) => api.get<ListResponse<Organization>>('/organizations', { q: q || undefined, pageSize: 20, sort: '-updatedAt' }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const seen = new Set<string>();
    const all = [...(found.data?.items ?? []), ...known.filter((item): item is Ref => Boolean(item))];
    return all.filter((item) => !seen.has(item.id) && seen.add(item.id)).map((item) => ({ value: item.id, label: item.name }));
  }, [found.data, known]);
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      options={options}
      loading={found.isFetching}
      placeholder={t('activities.fields.organizationPlaceholder')}
      onChange={(next?: string) => {
        const option = options.find((item) => item.value === next);
        onChange?.(next ?? null, option ? { id: option.value, name: option.label } : undefined);
      }}
      data-testid={rest['data-testid']}
    />
  );
};

type ProjectSelectProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null, project?: Ref & { organization: Ref | null }) => void;
  /** Only this organisation's projects (as owner or related); any readable project without it. */
  organizationId?: string | null;
  known?: (Ref | null | undefined)[];
  'data-testid'?: string;
};

export const ProjectSelect = ({ id, value, onChange, organizationId, known = [], ...rest }: ProjectSelectProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['projects', 'activity-picker', organizationId ?? null, q],
    queryFn: ({ signal }) =>
      api.get<ListResponse<Project>>(
        '/projects',
        { q: q || undefined, organizationId: organizationId ?? undefined, includeRelated: organizationId ? 'true' : undefined, status: 'open', pageSize: 30, sort: '-updatedAt' },
        signal,
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const seen = new Set<string>();
    const result: { value: string; label: string; project?: Project }[] = [];
    for (const project of found.data?.items ?? []) {
      seen.add(project.id);
      result.push({ value: project.id, label: project.name, project });
    }
    for (const item of known) if (item && !seen.has(item.id)) result.push({ value: item.id, label: item.name });
    return result;
  }, [found.data, known]);
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      options={options}
      loading={found.isFetching}
      placeholder={t('activities.fields.projectPlaceholder')}
      onChange={(next?: string) => {
        const project = options.find((option) => option.value === next)?.project;
        onChange?.(next ?? null, project ? { id: project.id, name: project.name, organization: project.organization } : undefined);
      }}
      data-testid={rest['data-testid']}
    />
  );
};

const contactsQuery = (organizationId: string) => ({
  queryKey: ['contacts', 'list', { organizationId, pageSize: 200, sort: 'name' }],
  queryFn: ({ signal }: { signal: AbortSignal }) => api.get<ListResponse<Contact>>('/contacts', { organizationId, pageSize: 200, sort: 'name' }, signal),
  staleTime: 60_000,
});

/**
 * The people an activity may name: the organisation's contacts, and with a project also those of the organisations
 * taking part in it (design institute, contractor … — the server accepts them too), grouped by organisation. An
 * organisation rarely has more than a few dozen; the first 200 by name of each.
 */
const useContactOptions = (organizationId: string | null | undefined, known: Ref[], projectId?: string | null) => {
  const project = useQuery({
    queryKey: projectKeys.detail(projectId ?? ''),
    queryFn: ({ signal }) => api.get<Project>(`/projects/${projectId}`, undefined, signal),
    enabled: Boolean(projectId),
    staleTime: 60_000,
  });
  const organizations = useMemo(() => contactOrganizations(organizationId, projectId ? project.data : undefined), [organizationId, projectId, project.data]);
  const lists = useQueries({ queries: organizations.map((organization) => contactsQuery(organization.id)) });
  const options = useMemo(() => contactOptions(organizations, lists.map((list) => list.data?.items), known), [organizations, lists, known]);
  return { options, fetching: project.isFetching || lists.some((list) => list.isFetching) };
};

type ContactsSelectProps = {
  id?: string;
  value?: string[];
  /** With the chosen people's names, which the proposed subject needs. */
  onChange?: (value: string[], chosen: Ref[]) => void;
  organizationId?: string | null;
  /** Also offers the people of the organisations taking part in this project. */
  projectId?: string | null;
  known?: Ref[];
  size?: 'large' | 'middle';
};

export const ContactsSelect = ({ id, value, onChange, organizationId, projectId, known = [], size }: ContactsSelectProps) => {
  const { t } = useTranslation();
  const { options, fetching } = useContactOptions(organizationId, known, projectId);
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      size={size}
      value={value ?? []}
      onChange={(next: string[]) => onChange?.(next, flatOptions(options).filter((option) => next.includes(option.value)).map((option) => ({ id: option.value, name: option.name })))}
      options={options}
      loading={fetching}
      disabled={!organizationId && known.length === 0}
      placeholder={organizationId ? t('activities.fields.contactsPlaceholder') : t('activities.fields.contactsNeedOrganization')}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={fetching ? undefined : t('activities.fields.noContacts')}
      data-testid="activity-contacts"
    />
  );
};

type ContactSelectProps = Omit<ContactsSelectProps, 'value' | 'onChange' | 'size'> & { value?: string | null; onChange?: (value: string | null) => void; 'data-testid'?: string };

/** One contact of the organisation (a task's person). */
export const ContactSelect = ({ id, value, onChange, organizationId, known = [], ...rest }: ContactSelectProps) => {
  const { t } = useTranslation();
  const { options, fetching } = useContactOptions(organizationId, known);
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next ?? null)}
      options={options}
      loading={fetching}
      disabled={!organizationId && known.length === 0}
      placeholder={organizationId ? t('activities.fields.contactPlaceholder') : t('activities.fields.contactsNeedOrganization')}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={fetching ? undefined : t('activities.fields.noContacts')}
      data-testid={rest['data-testid']}
    />
  );
};
