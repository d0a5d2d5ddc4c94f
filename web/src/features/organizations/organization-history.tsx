import { useTranslation } from 'react-i18next';
import type { OptionListKey, OrganizationType } from '@openpsm/contracts';
import { organizationTypes } from '@openpsm/contracts';
import { useCustomFieldDefinitions, useOptionLabeler } from '../../lib/reference-data';
import { HistoryTimeline } from '../../components/history-timeline';
import { customFieldLabel, customFieldValueText } from '../../components/custom-fields/custom-field-format';
import { QueryErrorResult } from '../../components/results';
import { useOrganizationHistory } from './organizations.api';

const optionFields: Record<string, OptionListKey> = { industry: 'industry', region: 'region', source: 'source', scale: 'scale', creditRating: 'credit_rating' };
const CUSTOM_PREFIX = /^customFields[./]/;

export const OrganizationHistory = ({ id }: { id: string }) => {
  const { t, i18n } = useTranslation();
  const history = useOrganizationHistory(id, true);
  const labelOf = useOptionLabeler(i18n.language);
  const definitions = useCustomFieldDefinitions('organization');

  const definitionOf = (field: string) => definitions.data?.find((definition) => definition.key === field.replace(CUSTOM_PREFIX, ''));

  const formatValue = (field: string, value: unknown): string | undefined => {
    if (value === null || value === undefined || value === '') return undefined;
    if (field === 'type' && organizationTypes.includes(value as OrganizationType)) return t(`organizations.types.${value as OrganizationType}`);
    const listKey = optionFields[field];
    if (listKey && typeof value === 'string') return labelOf(listKey, value);
    if (field === 'owner' && typeof value === 'object' && 'displayName' in value) return String(value.displayName);
    if (CUSTOM_PREFIX.test(field)) {
      const definition = definitionOf(field);
      return definition ? customFieldValueText(definition, value, i18n.language) : undefined;
    }
    return undefined;
  };

  const fieldLabel = (field: string) => {
    if (!CUSTOM_PREFIX.test(field)) return undefined;
    const definition = definitionOf(field);
    return definition ? customFieldLabel(definition, i18n.language) : field.replace(CUSTOM_PREFIX, '');
  };

  if (history.isError) return <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  return <HistoryTimeline entries={history.data} loading={history.isPending} recordType="organization" formatValue={formatValue} fieldLabel={fieldLabel} />;
};
