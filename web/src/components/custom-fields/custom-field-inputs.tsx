// Form.Items for the active custom fields of a record type, chosen by field type; values live under `customFields`.
import type { ReactNode } from 'react';
import { Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '@openpsm/contracts';
import { moneySchema } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import type { Formatter } from '../../lib/format';
import { optionLabel, useCustomFieldDefinitions } from '../../lib/reference-data';
import type { CustomFieldRecordType } from '../../lib/reference-data';
import { UserSelect } from '../user-select';
import type { KnownUser } from '../user-select';
import { customFieldLabel, userIdOf } from './custom-field-format';

type CustomFieldInputsProps = {
  recordType: CustomFieldRecordType;
  /** Users referenced by the record's values, so pickers show names at once. */
  knownUsers?: KnownUser[];
  /** One column on phones and in narrow drawers. */
  singleColumn?: boolean;
  /** A divider heading shown only when there is at least one field. */
  title?: ReactNode;
};

const MONEY_PATTERN = /^-?\d{1,15}(\.\d{1,4})?$/;

/**
 * The control for one field. A plain function, not a component: Form.Item hands `value`/`onChange` to its direct
 * child, which must be the antd control itself.
 */
const customFieldInput = (field: CustomField, format: Formatter, knownUsers?: KnownUser[]) => {
  const options = field.options.map((option) => ({ value: option.code, label: optionLabel(option, format.locale) }));
  switch (field.type) {
    case 'long_text':
      return <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'money':
      return <Input inputMode="decimal" placeholder="0.00" suffix={format.currency} />;
    case 'date':
      return <DatePicker format={format.dateFormat} style={{ width: '100%' }} />;
    case 'select':
      return <Select allowClear options={options} showSearch={{ optionFilterProp: 'label' }} />;
    case 'multi_select':
      return <Select mode="multiple" allowClear options={options} showSearch={{ optionFilterProp: 'label' }} />;
    case 'user':
      return <UserSelect knownUsers={knownUsers} />;
    default:
      return <Input maxLength={200} />;
  }
};

export const CustomFieldInputs = ({ recordType, knownUsers, singleColumn, title }: CustomFieldInputsProps) => {
  const { t, i18n } = useTranslation();
  const definitions = useCustomFieldDefinitions(recordType);
  const format = useFormat();
  const active = (definitions.data ?? []).filter((field) => field.active);
  if (active.length === 0) return null;

  const rulesFor = (field: CustomField): Rule[] => {
    const rules: Rule[] = [];
    if (field.required) rules.push({ required: true, message: t('validation.required') });
    if (field.type === 'money') {
      rules.push({
        validator: async (_rule, value: unknown) => {
          if (value === undefined || value === null || value === '') return;
          if (!MONEY_PATTERN.test(String(value)) || !moneySchema.safeParse(String(value)).success) throw new Error(t('validation.money_format'));
        },
      });
    }
    return rules;
  };

  return (
    <>
      {title && (
        <Divider titlePlacement="start" plain>
          {title}
        </Divider>
      )}
    <Row gutter={16}>
      {active.map((field) => {
        const wide = singleColumn || field.type === 'long_text' || field.type === 'multi_select';
        const dateProps =
          field.type === 'date'
            ? {
                getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : undefined }),
                normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
              }
            : field.type === 'user'
              ? { getValueProps: (value: unknown) => ({ value: userIdOf(value) }), normalize: (value: string | undefined) => value ?? null }
              : {};
        return (
          <Col key={field.key} xs={24} md={wide ? 24 : 12}>
            <Form.Item name={['customFields', field.key]} label={customFieldLabel(field, i18n.language)} rules={rulesFor(field)} {...dateProps}>
              {customFieldInput(field, format, knownUsers)}
            </Form.Item>
          </Col>
        );
      })}
    </Row>
    </>
  );
};
