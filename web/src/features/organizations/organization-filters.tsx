import { Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomField, OptionListKey } from '@openpsm/contracts';
import { optionLabel, useOptions } from '../../lib/reference-data';
import { CustomFieldFilters } from '../../components/custom-fields/custom-field-filters';
import { gradeOptions, useOrganizationTypeOptions } from './organization-labels';

type OrganizationFiltersProps = {
  filters: Record<string, string>;
  customFields: CustomField[];
  onChange: (key: string, value: string | undefined) => void;
};

const OptionFilter = ({ listKey, placeholder, value, onChange }: { listKey: OptionListKey; placeholder: string; value?: string; onChange: (value?: string) => void }) => {
  const { i18n } = useTranslation();
  const { options } = useOptions(listKey);
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 120 }}
      placeholder={placeholder}
      value={value}
      onChange={onChange}
      options={options.map((option) => ({ value: option.code, label: optionLabel(option, i18n.language) }))}
    />
  );
};

export const OrganizationFilters = ({ filters, customFields, onChange }: OrganizationFiltersProps) => {
  const { t } = useTranslation();
  const typeOptions = useOrganizationTypeOptions();
  return (
    <>
      <Segmented
        value={filters.mine === 'true' ? 'mine' : 'all'}
        onChange={(value) => onChange('mine', value === 'mine' ? 'true' : undefined)}
        options={[
          { value: 'all', label: t('organizations.filterAll') },
          { value: 'mine', label: t('organizations.filterMine') },
        ]}
        data-testid="org-filter-mine"
      />
      <Select
        allowClear
        style={{ minWidth: 130 }}
        placeholder={t('fields.organization.type')}
        value={filters.type}
        onChange={(value?: string) => onChange('type', value)}
        options={typeOptions}
        data-testid="org-filter-type"
      />
      <Select
        allowClear
        style={{ minWidth: 90 }}
        placeholder={t('fields.organization.grade')}
        value={filters.grade}
        onChange={(value?: string) => onChange('grade', value)}
        options={gradeOptions}
      />
      <OptionFilter listKey="industry" placeholder={t('fields.organization.industry')} value={filters.industry} onChange={(value) => onChange('industry', value)} />
      <OptionFilter listKey="region" placeholder={t('fields.organization.region')} value={filters.region} onChange={(value) => onChange('region', value)} />
      <OptionFilter listKey="source" placeholder={t('fields.organization.source')} value={filters.source} onChange={(value) => onChange('source', value)} />
      <CustomFieldFilters definitions={customFields} values={filters} onChange={onChange} />
    </>
  );
};
