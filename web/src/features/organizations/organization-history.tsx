import { useTranslation } from 'react-i18next';
import type { HistoryEntry, OptionListKey, OrganizationType } from '@openpsm/contracts';
import { organizationTypes } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { useCustomFieldDefinitions, useOptionLabeler } from '../../lib/reference-data';
import { HistoryTimeline } from '../../components/history-timeline';
import { UserName } from '../../components/user-name';
import { customFieldLabel, customFieldValueText } from '../../components/custom-fields/custom-field-format';
import { QueryErrorResult } from '../../components/results';
import { useOrganizationHistory } from './organizations.api';

const optionFields: Record<string, OptionListKey> = { industry: 'industry', region: 'region', source: 'source', scale: 'scale', creditRating: 'credit_rating' };
const CUSTOM_PREFIX = 'customFields.';

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The server records custom fields as one object; the reader wants one line per field that changed. */
const splitCustomFieldChanges = (entries: HistoryEntry[]): HistoryEntry[] =>
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

export const OrganizationHistory = ({ id }: { id: string }) => {
  const { t, i18n } = useTranslation();
  const history = useOrganizationHistory(id, true);
  const labelOf = useOptionLabeler(i18n.language);
  const format = useFormat();
  const definitions = useCustomFieldDefinitions('organization');

  const definitionOf = (field: string) => definitions.data?.find((definition) => `${CUSTOM_PREFIX}${definition.key}` === field);

  const formatValue = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    if (field === 'type' && organizationTypes.includes(value as OrganizationType)) return t(`organizations.types.${value as OrganizationType}`);
    const listKey = optionFields[field];
    if (listKey && typeof value === 'string') return labelOf(listKey, value);
    if (field === 'ownerId' && typeof value === 'string') return <UserName id={value} />;
    if (field.startsWith(CUSTOM_PREFIX)) {
      const definition = definitionOf(field);
      if (definition?.type === 'user' && typeof value === 'string') return <UserName id={value} />;
      return definition ? customFieldValueText(definition, value, format) : undefined;
    }
    return undefined;
  };

  const fieldLabel = (field: string) => {
    if (!field.startsWith(CUSTOM_PREFIX)) return undefined;
    const definition = definitionOf(field);
    return definition ? customFieldLabel(definition, i18n.language) : field.slice(CUSTOM_PREFIX.length);
  };

  if (history.isError) return <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <HistoryTimeline
      entries={history.data ? splitCustomFieldChanges(history.data) : undefined}
      loading={history.isPending}
      recordType="organization"
      formatValue={formatValue}
      fieldLabel={fieldLabel}
    />
  );
};
