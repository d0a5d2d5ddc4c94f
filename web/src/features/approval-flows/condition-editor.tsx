// The condition builder: match all / any of up to 20 rules, each `field operator value`, the operators limited to
// what the field's type allows. Off means "always" (null).
import { Button, Flex, Form, Select, Switch, Typography, theme } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { operatorsByFieldType } from '@openpsm/contracts';
import type { ConditionField, ConditionOperator } from '@openpsm/contracts';
import { approvalFieldLabel } from '../../lib/approvals';
import { ConditionValueInput } from './condition-value-input';
import { MONEY_PATTERN, isListOperator, newCondition, newRule } from './flow-form-values';
import type { ConditionValues } from './flow-form-values';

const MAX_RULES = 20;

/** `name` is relative to the enclosing Form.List (as antd wants it); `path` is the same field from the form's root. */
type FieldPath = (string | number)[];

type RuleRowProps = {
  name: number;
  path: FieldPath;
  fields: ConditionField[];
  canRemove: boolean;
  onRemove: () => void;
  disabled?: boolean;
};

const RuleRow = ({ name, path, fields, canRemove, onRemove, disabled }: RuleRowProps) => {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const fieldKey = Form.useWatch([...path, 'field'], { form, preserve: true }) as string | undefined;
  const op = Form.useWatch([...path, 'op'], { form, preserve: true }) as ConditionOperator | undefined;
  const field = fields.find((candidate) => candidate.key === fieldKey);
  const operators = field ? operatorsByFieldType[field.type] : [];

  return (
    <Flex gap={8} align="flex-start" wrap style={{ marginTop: 8 }} data-testid="condition-rule">
      <Form.Item name={[name, 'field']} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: '1 1 160px', marginBottom: 0 }}>
        <Select
          aria-label={t('fields.approvalFlow.field')}
          placeholder={t('fields.approvalFlow.field')}
          options={fields.map((candidate) => ({ value: candidate.key, label: approvalFieldLabel(candidate.key) }))}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(key: string) => {
            // A new field may not allow the old operator, and the old value means nothing to it.
            const next = fields.find((candidate) => candidate.key === key);
            form.setFieldValue([...path, 'op'], next ? operatorsByFieldType[next.type][0] : undefined);
            form.setFieldValue([...path, 'value'], undefined);
          }}
        />
      </Form.Item>
      <Form.Item name={[name, 'op']} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: '0 1 150px', marginBottom: 0 }}>
        <Select
          aria-label={t('fields.approvalFlow.op')}
          placeholder={t('fields.approvalFlow.op')}
          options={operators.map((operator) => ({ value: operator, label: t(`approvalFlows.operators.${operator}`) }))}
          onChange={(next: ConditionOperator) => {
            // One value and a list of values do not convert into each other.
            if (isListOperator(next) !== isListOperator(op)) form.setFieldValue([...path, 'value'], undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        name={[name, 'value']}
        style={{ flex: '2 1 220px', marginBottom: 0 }}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) throw new Error(t('validation.required'));
              if (field?.type === 'money' && !MONEY_PATTERN.test(String(value).trim())) throw new Error(t('validation.money_format'));
            },
          },
        ]}
      >
        <ConditionValueInput field={field} op={op} />
      </Form.Item>
      <Button type="text" icon={<DeleteOutlined />} disabled={disabled || !canRemove} onClick={onRemove} aria-label={t('approvalFlows.removeRule')} />
    </Flex>
  );
};

type ConditionEditorProps = {
  name: FieldPath;
  path: FieldPath;
  fields: ConditionField[];
  /** What "no condition" means here: the flow applies to every record, or the step always runs. */
  offText: string;
  disabled?: boolean;
  testId?: string;
};

export const ConditionEditor = ({ name, path, fields, offText, disabled, testId }: ConditionEditorProps) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const form = Form.useFormInstance();
  const condition = Form.useWatch(path, { form, preserve: true }) as ConditionValues | undefined;
  const on = Boolean(condition);

  return (
    <div data-testid={testId}>
      <Flex gap={8} align="center">
        <Switch
          size="small"
          checked={on}
          disabled={disabled || fields.length === 0}
          onChange={(checked) => form.setFieldValue(path, checked ? newCondition(fields) : null)}
          aria-label={t('approvalFlows.conditionToggle')}
        />
        <Typography.Text type={on ? undefined : 'secondary'}>{on ? t('approvalFlows.conditionOn') : offText}</Typography.Text>
      </Flex>
      {on && (
        <div style={{ marginTop: 8, padding: 12, background: token.colorFillQuaternary, borderRadius: token.borderRadius }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('approvalFlows.matchPrefix')}</Typography.Text>
            <Form.Item name={[...name, 'match']} noStyle>
              <Select
                style={{ width: 140 }}
                aria-label={t('fields.approvalFlow.match')}
                options={[
                  { value: 'all', label: t('approvalFlows.match.all') },
                  { value: 'any', label: t('approvalFlows.match.any') },
                ]}
              />
            </Form.Item>
            <Typography.Text>{t('approvalFlows.matchSuffix')}</Typography.Text>
          </Flex>
          <Form.List name={[...name, 'rules']}>
            {(ruleFields, { add, remove }, meta) => (
              <>
                {ruleFields.map((ruleField) => (
                  <RuleRow
                    key={ruleField.key}
                    name={ruleField.name}
                    path={[...path, 'rules', ruleField.name]}
                    fields={fields}
                    canRemove={ruleFields.length > 1}
                    onRemove={() => remove(ruleField.name)}
                    disabled={disabled}
                  />
                ))}
                <Form.ErrorList errors={meta.errors} />
                <Button
                  type="dashed"
                  size="small"
                  icon={<PlusOutlined />}
                  style={{ marginTop: 8 }}
                  disabled={disabled || ruleFields.length >= MAX_RULES}
                  onClick={() => add(newRule(fields))}
                >
                  {t('approvalFlows.addRule')}
                </Button>
              </>
            )}
          </Form.List>
        </div>
      )}
    </div>
  );
};
