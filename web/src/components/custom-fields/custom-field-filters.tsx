// List filters for custom fields shown in lists that have a fixed set of values (`cf.<key>=<code>`).
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@openpsm/contracts';
import { optionLabel } from '../../lib/reference-data';
import { customFieldLabel } from './custom-field-format';

type CustomFieldFiltersProps = {
  definitions: CustomField[];
  values: Record<string, string>;
  onChange: (key: string, value: string | undefined) => void;
};

export const customFieldFilterKey = (field: Pick<CustomField, 'key'>) => `cf.${field.key}`;

export const filterableCustomFields = (definitions: CustomField[]) =>
  definitions.filter((field) => field.active && field.showInList && (field.type === 'select' || field.type === 'multi_select'));

export const CustomFieldFilters = ({ definitions, values, onChange }: CustomFieldFiltersProps) => {
  const { i18n } = useTranslation();
  return (
    <>
      {filterableCustomFields(definitions).map((field) => (
        <Select
          key={field.key}
          allowClear
          style={{ minWidth: 140 }}
          placeholder={customFieldLabel(field, i18n.language)}
          value={values[customFieldFilterKey(field)]}
          onChange={(value?: string) => onChange(customFieldFilterKey(field), value)}
          options={field.options.map((option) => ({ value: option.code, label: optionLabel(option, i18n.language) }))}
        />
      ))}
    </>
  );
};
