// Read-only display of a record's custom field values, for detail pages.
import { Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useCustomFieldDefinitions } from '../../lib/reference-data';
import type { CustomFieldRecordType } from '../../lib/reference-data';
import { customFieldLabel, isEmptyValue, renderCustomFieldValue } from './custom-field-format';

type DescriptionItems = NonNullable<DescriptionsProps['items']>;

/** Items to merge into a record's own <Descriptions>; inactive fields show only if they hold a value. */
export const useCustomFieldDescriptionItems = (recordType: CustomFieldRecordType, values: Record<string, unknown> | undefined): DescriptionItems => {
  const { t, i18n } = useTranslation();
  const definitions = useCustomFieldDefinitions(recordType);
  const format = useFormat();
  return (definitions.data ?? [])
    .filter((field) => field.active || !isEmptyValue(values?.[field.key]))
    .map((field) => ({
      key: `cf.${field.key}`,
      label: customFieldLabel(field, i18n.language),
      span: field.type === 'long_text' ? ('filled' as const) : undefined,
      children: renderCustomFieldValue(field, values?.[field.key], format, t('common.empty')),
    }));
};

type CustomFieldValuesProps = { recordType: CustomFieldRecordType; values: Record<string, unknown> | undefined; title?: string };

export const CustomFieldValues = ({ recordType, values, title }: CustomFieldValuesProps) => {
  const items = useCustomFieldDescriptionItems(recordType, values);
  if (items.length === 0) return null;
  return <Descriptions title={title} bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} />;
};
