// The ordered chain of steps: add, remove, move up / down; each with its name, approver, mode, condition and timers.
import { Button, Card, Col, Flex, Form, Input, InputNumber, Radio, Row, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ConditionField } from '@openpsm/contracts';
import { ApproverFields } from './approver-fields';
import { ConditionEditor } from './condition-editor';
import { newStep } from './flow-form-values';
import type { StepValues } from './flow-form-values';

const MAX_STEPS = 20;

type FlowStepsEditorProps = {
  fields: ConditionField[];
  disabled?: boolean;
};

export const FlowStepsEditor = ({ fields, disabled }: FlowStepsEditorProps) => {
  const { t } = useTranslation();
  const form = Form.useFormInstance();

  return (
    <Form.List name="steps">
      {(stepFields, { add, remove, move }, meta) => (
        <Flex vertical gap={12}>
          {stepFields.map((stepField, index) => (
            <Card
              key={stepField.key}
              size="small"
              data-testid="flow-step"
              title={
                <Flex gap={8} align="center">
                  <Typography.Text type="secondary">{t('approvalFlows.stepN', { n: index + 1 })}</Typography.Text>
                  <Form.Item noStyle shouldUpdate>
                    {() => <Typography.Text ellipsis>{(form.getFieldValue(['steps', index, 'name']) as string | undefined) ?? ''}</Typography.Text>}
                  </Form.Item>
                </Flex>
              }
              extra={
                !disabled && (
                  <Flex gap={2}>
                    <Tooltip title={t('common.moveUp')}>
                      <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('common.moveUp')} />
                    </Tooltip>
                    <Tooltip title={t('common.moveDown')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={index === stepFields.length - 1}
                        onClick={() => move(index, index + 1)}
                        aria-label={t('common.moveDown')}
                      />
                    </Tooltip>
                    <Tooltip title={t('approvalFlows.removeStep')}>
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={stepFields.length === 1}
                        onClick={() => remove(stepField.name)}
                        aria-label={t('approvalFlows.removeStep')}
                        data-testid="flow-step-remove"
                      />
                    </Tooltip>
                  </Flex>
                )
              }
            >
              {/* The key is generated and never shown: other steps refer to this one by it. */}
              <Form.Item name={[stepField.name, 'key']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[stepField.name, 'name']}
                    label={t('fields.approvalFlow.stepName')}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}
                  >
                    <Input maxLength={60} placeholder={t('approvalFlows.stepNamePlaceholder')} data-testid="flow-step-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[stepField.name, 'mode']}
                    label={t('fields.approvalFlow.mode')}
                    extra={t('approvalFlows.modeHelp')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'any', label: t('approvals.modes.any') },
                        { value: 'all', label: t('approvals.modes.all') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <ApproverFields name={stepField.name} index={index} />
              <Form.Item label={t('approvalFlows.stepCondition')}>
                <ConditionEditor
                  name={[stepField.name, 'condition']}
                  path={['steps', index, 'condition']}
                  fields={fields}
                  offText={t('approvalFlows.stepAlways')}
                  disabled={disabled}
                  testId="flow-step-condition"
                />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={[stepField.name, 'remindAfterHours']} label={t('fields.approvalFlow.remindAfterHours')} extra={t('approvalFlows.hoursHelp')}>
                    <InputNumber<number> min={1} max={720} precision={0} suffix={t('approvalFlows.hours')} placeholder={t('approvalFlows.never')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[stepField.name, 'escalateAfterHours']}
                    label={t('fields.approvalFlow.escalateAfterHours')}
                    extra={t('approvalFlows.escalateHelp')}
                    dependencies={[['steps', index, 'remindAfterHours']]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: async (_rule, value: unknown) => {
                          const remind = getFieldValue(['steps', index, 'remindAfterHours']) as unknown;
                          if (typeof value === 'number' && typeof remind === 'number' && value <= remind) throw new Error(t('approvalFlows.escalateAfterRemind'));
                        },
                      }),
                    ]}
                  >
                    <InputNumber<number> min={1} max={720} precision={0} suffix={t('approvalFlows.hours')} placeholder={t('approvalFlows.never')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={meta.errors} />
          {!disabled && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={stepFields.length >= MAX_STEPS}
              onClick={() => add(newStep(((form.getFieldValue('steps') as StepValues[] | undefined) ?? []).map((step) => step.key)))}
              data-testid="flow-add-step"
            >
              {t('approvalFlows.addStep')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
};
