// How a custom field value reads on screen, shared by detail pages, list columns and history.
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import type { CustomField, Locale } from '@openpsm/contracts';
import type { Formatter } from '../../lib/format';
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

/** `format` (from useFormat) carries the reader's language and the company's date format and currency. */
export const renderCustomFieldValue = (field: CustomField, value: unknown, format: Formatter, empty = '—'): ReactNode => {
  if (isEmptyValue(value)) return empty;
  const locale = format.locale;
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
    case 'long_text':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
    default:
      return customFieldValueText(field, value, format, empty);
  }
};

/** Plain text for history entries and exports. */
export const customFieldValueText = (field: CustomField, value: unknown, format: Formatter, empty = '—'): string => {
  if (isEmptyValue(value)) return empty;
  const locale = format.locale;
  if (field.type === 'select') return choiceLabel(field, value, locale);
  if (field.type === 'multi_select' && Array.isArray(value)) return value.map((code) => choiceLabel(field, code, locale)).join(', ');
  if (field.type === 'number' && typeof value === 'number') return value.toLocaleString(locale);
  if (field.type === 'money' && (typeof value === 'string' || typeof value === 'number')) return format.money(value, empty);
  if (field.type === 'date' && typeof value === 'string') return format.date(value, empty);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};
