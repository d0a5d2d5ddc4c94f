import { useTranslation } from 'react-i18next';
import type { OptionListKey, OrganizationType } from '@openpsm/contracts';
import { organizationTypes } from '@openpsm/contracts';
import { useOptionLabeler } from '../../lib/reference-data';
import { HistoryTimeline } from '../../components/history-timeline';
import { UserName } from '../../components/user-name';
import { splitCustomFieldChanges, useCustomFieldHistory } from '../../components/custom-fields/custom-field-history';
import { QueryErrorResult } from '../../components/results';
import { useOrganizationHistory } from './organizations.api';

const optionFields: Record<string, OptionListKey> = { industry: 'industry', region: 'region', source: 'source', scale: 'scale', creditRating: 'credit_rating' };

export const OrganizationHistory = ({ id }: { id: string }) => {
  const { t, i18n } = useTranslation();
  const history = useOrganizationHistory(id, true);
  const labelOf = useOptionLabeler(i18n.language);
  const customFields = useCustomFieldHistory('organization');

  const formatValue = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    if (field === 'type' && organizationTypes.includes(value as OrganizationType)) return t(`organizations.types.${value as OrganizationType}`);
    const listKey = optionFields[field];
    if (listKey && typeof value === 'string') return labelOf(listKey, value);
    if (field === 'ownerId' && typeof value === 'string') return <UserName id={value} />;
    return customFields.formatValue(field, value);
  };

  if (history.isError) return <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <HistoryTimeline
      entries={history.data ? splitCustomFieldChanges(history.data) : undefined}
      loading={history.isPending}
      recordType="organization"
      formatValue={formatValue}
      fieldLabel={customFields.fieldLabel}
    />
  );
};
