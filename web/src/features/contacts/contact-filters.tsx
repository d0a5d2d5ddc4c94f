import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CustomFieldFilters } from '../../components/custom-fields/custom-field-filters';
import { useCustomFieldDefinitions } from '../../lib/reference-data';
import { useAttitudeOptions, useBuyingRoleOptions, useRelationshipLevelOptions } from './contact-labels';

type ContactFiltersProps = {
  filters: Record<string, string>;
  onChange: (key: string, value: string | undefined) => void;
};

export const ContactFilters = ({ filters, onChange }: ContactFiltersProps) => {
  const { t } = useTranslation();
  const buyingRoleOptions = useBuyingRoleOptions();
  const attitudeOptions = useAttitudeOptions();
  const levelOptions = useRelationshipLevelOptions().map((option) => ({ ...option, value: String(option.value) }));
  const customFields = useCustomFieldDefinitions('contact');
  return (
    <>
      <Select
        allowClear
        style={{ minWidth: 130 }}
        placeholder={t('contacts.fields.buyingRole')}
        value={filters.buyingRole}
        onChange={(value?: string) => onChange('buyingRole', value)}
        options={buyingRoleOptions}
        data-testid="contact-filter-role"
      />
      <Select allowClear style={{ minWidth: 100 }} placeholder={t('contacts.fields.attitude')} value={filters.attitude} onChange={(value?: string) => onChange('attitude', value)} options={attitudeOptions} />
      <Select
        allowClear
        style={{ minWidth: 120 }}
        placeholder={t('contacts.fields.relationshipLevel')}
        value={filters.relationshipLevel}
        onChange={(value?: string) => onChange('relationshipLevel', value)}
        options={levelOptions}
      />
      <CustomFieldFilters definitions={customFields.data ?? []} values={filters} onChange={onChange} />
    </>
  );
};
