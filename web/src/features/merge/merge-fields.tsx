// The fields a merge chooses between, and how each value reads, for organisations and contacts.
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { contactMergeFields, organizationMergeFields, type Contact, type Organization, type OrganizationType } from '@openpsm/contracts';
import { translateDynamic } from '../../lib/i18n';
import type { MergeKind, MergeRecord } from './merge.api';

export const mergeFieldsOf = (kind: MergeKind): readonly string[] => (kind === 'organization' ? organizationMergeFields : contactMergeFields);

export const fieldLabel = (kind: MergeKind, field: string) =>
  kind === 'organization'
    ? translateDynamic(`fields.organization.${field === 'ownerId' ? 'owner' : field}`, field)
    : translateDynamic(`contacts.fields.${field === 'organizationId' ? 'organization' : field}`, field);

/** The stored value the merge compares (ids for references), as the API names it in the merge input. */
export const rawValue = (kind: MergeKind, record: MergeRecord, field: string): unknown => {
  if (kind === 'organization' && field === 'ownerId') return (record as Organization).owner?.id ?? null;
  if (kind === 'contact' && field === 'organizationId') return (record as Contact).organization.id;
  return (record as Record<string, unknown>)[field] ?? null;
};

export const isEmptyValue = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

/** What the reader sees for a value: names for references, labels for codes, lists joined. */
export const displayValue = (kind: MergeKind, record: MergeRecord, field: string, t: TFunction): ReactNode => {
  const value = rawValue(kind, record, field);
  if (isEmptyValue(value)) return null;
  if (kind === 'organization' && field === 'ownerId') return (record as Organization).owner?.displayName ?? null;
  if (kind === 'organization' && field === 'type') return t(`organizations.types.${value as OrganizationType}`);
  if (kind === 'contact' && field === 'organizationId') return (record as Contact).organization.name;
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key}: ${Array.isArray(inner) ? inner.join('、') : String(inner)}`)
      .join('；');
  }
  return String(value);
};
