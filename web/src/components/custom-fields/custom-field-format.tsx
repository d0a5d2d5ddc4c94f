// How a custom field value reads on screen, shared by detail pages, list columns and history.
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import type { CustomField, Locale } from '@openpsm/contracts';
import { optionLabel } from '../../lib/reference-data';
import { UserName } from '../user-name';

export const customFieldLabel = (field: Pick<CustomField, 'labelZh' | 'labelEn'>, locale: Locale | string) => optionLabel(field, locale);

/** User values may arrive as an id or as `{id, displayName}`; the form works with the id. */
export const userIdOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string') return value.id;
  return undefined;
};

const choiceLabel = (field: CustomField, code: unknown, locale: Locale | string) => {
  const option = field.options.find((candidate) => candidate.code === code);
  return option ? optionLabel(option, locale) : String(code);
};

export const isEmptyValue = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

export const renderCustomFieldValue = (field: CustomField, value: unknown, locale: Locale | string, empty = '—'): ReactNode => {
  if (isEmptyValue(value)) return empty;
  switch (field.type) {
    case 'select':
      return choiceLabel(field, value, locale);
    case 'multi_select':
      return Array.isArray(value)
        ? value.map((code) => <Tag key={String(code)}>{choiceLabel(field, code, locale)}</Tag>)
        : choiceLabel(field, value, locale);
    case 'user': {
      const named = value && typeof value === 'object' && 'displayName' in value ? String(value.displayName) : undefined;
      const id = userIdOf(value);
      return named ?? (id ? <UserName id={id} /> : empty);
    }
    case 'number':
      return typeof value === 'number' ? value.toLocaleString(locale) : String(value);
    case 'money': {
      const [whole = '', fraction] = String(value).split('.');
      const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return fraction ? `${grouped}.${fraction}` : grouped;
    }
    case 'long_text':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
    default:
      return String(value);
  }
};

/** Plain text for history entries and exports. */
export const customFieldValueText = (field: CustomField, value: unknown, locale: Locale | string, empty = '—'): string => {
  if (isEmptyValue(value)) return empty;
  if (field.type === 'select') return choiceLabel(field, value, locale);
  if (field.type === 'multi_select' && Array.isArray(value)) return value.map((code) => choiceLabel(field, code, locale)).join(', ');
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};
