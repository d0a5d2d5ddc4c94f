// The contact's field-level history; codes (roles, attitudes) read as words, a job change as "from → to", custom fields one line each.
import { useTranslation } from 'react-i18next';
import { buyingRoles, contactAttitudes } from '@openpsm/contracts';
import type { BuyingRole, ContactAttitude } from '@openpsm/contracts';
import { HistoryTimeline } from '../../components/history-timeline';
import { splitCustomFieldChanges, useCustomFieldHistory } from '../../components/custom-fields/custom-field-history';
import { QueryErrorResult } from '../../components/results';
import { translateDynamic } from '../../lib/i18n';
import { useContactHistory } from './contacts.api';

export const ContactHistory = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const history = useContactHistory(id);
  const customFields = useCustomFieldHistory('contact');

  const formatValue = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    if (field === 'buyingRole' && buyingRoles.includes(value as BuyingRole)) return t(`contacts.buyingRoles.${value as BuyingRole}`);
    if (field === 'attitude' && contactAttitudes.includes(value as ContactAttitude)) return t(`contacts.attitudes.${value as ContactAttitude}`);
    if (field === 'gender' && (value === 'male' || value === 'female')) return t(`contacts.genders.${value}`);
    return customFields.formatValue(field, value);
  };

  if (history.isError) return <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  // The organisation's id travels beside its name for other modules; the reader needs the name only.
  const entries = history.data && splitCustomFieldChanges(history.data).map((entry) => ({
    ...entry,
    changes: entry.changes.filter((change) => change.field !== 'organizationId'),
    note: entry.note === 'duplicate_confirmed' ? t('contacts.duplicateConfirmedNote') : entry.note,
  }));
  return (
    <HistoryTimeline
      entries={entries}
      loading={history.isPending}
      recordType="contact"
      formatValue={formatValue}
      // Fields other modules write into a contact's history (ties …) keep the timeline's own look-up.
      fieldLabel={(field) => customFields.fieldLabel(field) ?? (translateDynamic(`contacts.fields.${field}`, '') || undefined)}
    />
  );
};
