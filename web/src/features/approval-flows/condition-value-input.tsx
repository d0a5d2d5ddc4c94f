// The value side of a condition rule, by field type: a decimal for money, a number, options, departments, users, yes / no.
import { Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConditionField, ConditionOperator } from '@openpsm/contracts';
import { DepartmentTreeMultiSelect, DepartmentTreeSelect } from '../../components/department-tree-select';
import { UserMultiSelect, UserSelect } from '../../components/user-select';
import { useOptionChoices } from '../../components/approvals/condition-field-value';
import { isListOperator } from './flow-form-values';

type ConditionValueInputProps = {
  field: ConditionField | undefined;
  op: ConditionOperator | undefined;
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
  status?: '' | 'error' | 'warning';
};

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const asStrings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

const OptionValueSelect = ({ field, list, value, onChange, id }: { field: ConditionField; list: boolean; value?: unknown; onChange?: (value: unknown) => void; id?: string }) => {
  const { t } = useTranslation();
  const choices = useOptionChoices(field.key, field);
  return list ? (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={asStrings(value)}
      onChange={onChange}
      options={choices}
      placeholder={t('approvalFlows.pickValues')}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
    />
  ) : (
    <Select<string>
      id={id}
      value={asString(value)}
      onChange={onChange}
      options={choices}
      placeholder={t('approvalFlows.pickValue')}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
    />
  );
};

export const ConditionValueInput = ({ field, op, value, onChange, id, status }: ConditionValueInputProps) => {
  const { t } = useTranslation();
  const list = isListOperator(op);
  if (!field) return <Input id={id} disabled placeholder={t('approvalFlows.pickFieldFirst')} />;

  switch (field.type) {
    case 'money':
      return <Input id={id} status={status} value={asString(value)} onChange={(event) => onChange?.(event.target.value)} placeholder="12500.00" inputMode="decimal" />;
    case 'number':
      return (
        <InputNumber<number>
          id={id}
          status={status}
          value={typeof value === 'number' ? value : null}
          onChange={(next) => onChange?.(next ?? undefined)}
          style={{ width: '100%' }}
        />
      );
    case 'boolean':
      return (
        // Select values are strings; the rule keeps a real boolean.
        <Select<string>
          id={id}
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(next) => onChange?.(next === 'true')}
          options={[
            { value: 'true', label: t('approvals.yes') },
            { value: 'false', label: t('approvals.no') },
          ]}
          style={{ width: '100%' }}
        />
      );
    case 'option':
      return <OptionValueSelect id={id} field={field} list={list} value={value} onChange={onChange} />;
    case 'department':
      return list ? (
        <DepartmentTreeMultiSelect id={id} value={asStrings(value)} onChange={onChange} style={{ width: '100%' }} />
      ) : (
        <DepartmentTreeSelect id={id} value={asString(value)} onChange={onChange} style={{ width: '100%' }} />
      );
    case 'user':
      return list ? (
        <UserMultiSelect id={id} value={asStrings(value)} onChange={onChange} style={{ width: '100%' }} />
      ) : (
        <UserSelect id={id} value={asString(value)} onChange={onChange} style={{ width: '100%' }} />
      );
    case 'text':
      return list ? (
        <Select<string[]>
          id={id}
          mode="tags"
          value={asStrings(value)}
          onChange={onChange}
          open={false}
          suffixIcon={null}
          placeholder={t('approvalFlows.typeValues')}
          style={{ width: '100%' }}
        />
      ) : (
        <Input id={id} status={status} value={asString(value)} onChange={(event) => onChange?.(event.target.value)} />
      );
  }
};
