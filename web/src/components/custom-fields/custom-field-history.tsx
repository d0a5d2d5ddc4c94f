// Custom fields in a record's history: the server records them as one object; the reader wants one line per field,
// named by its label and with its value as the record's page shows it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { useCustomFieldDefinitions } from '../../lib/reference-data';
import type { CustomFieldRecordType } from '../../lib/reference-data';
import { UserName } from '../user-name';
import { customFieldLabel, customFieldValueText } from './custom-field-format';

const CUSTOM_PREFIX = 'customFields.';

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** One change per custom field that changed, named `customFields.<key>`. */
export const splitCustomFieldChanges = (entries: HistoryEntry[]): HistoryEntry[] =>
  entries.map((entry) => ({
    ...entry,
    changes: entry.changes.flatMap((change) => {
      if (change.field !== 'customFields') return [change];
      const before = asRecord(change.old);
      const after = asRecord(change.new);
      return [...new Set([...Object.keys(before), ...Object.keys(after)])]
        .filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
        .map((key) => ({ field: `${CUSTOM_PREFIX}${key}`, old: before[key] ?? null, new: after[key] ?? null }));
    }),
  }));

/** Label and value formatting for the split lines; undefined for any other field (the caller's own rules apply). */
export const useCustomFieldHistory = (recordType: CustomFieldRecordType) => {
  const { i18n } = useTranslation();
  const format = useFormat();
  const definitions = useCustomFieldDefinitions(recordType);
  const definitionOf = (field: string) => definitions.data?.find((definition) => `${CUSTOM_PREFIX}${definition.key}` === field);

  const formatValue = (field: string, value: unknown): ReactNode | undefined => {
    if (!field.startsWith(CUSTOM_PREFIX) || value === null || value === undefined || value === '') return undefined;
    const definition = definitionOf(field);
    if (definition?.type === 'user' && typeof value === 'string') return <UserName id={value} />;
    return definition ? customFieldValueText(definition, value, format) : undefined;
  };

  const fieldLabel = (field: string): string | undefined => {
    if (!field.startsWith(CUSTOM_PREFIX)) return undefined;
    const definition = definitionOf(field);
    return definition ? customFieldLabel(definition, i18n.language) : field.slice(CUSTOM_PREFIX.length);
  };

  return { formatValue, fieldLabel };
};
