// Administration of the project settings: value model weights (shown as shares of the score), the A / B thresholds and
// the full-marks amount, stalled days and the registration protection period. Saving re-scores the open projects.
import { useEffect } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { valueIndicators, type ProjectSettings } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { usePermission } from '../../lib/session';
import { useProjectSettings, useSaveProjectSettings } from './project-insight.api';

type Values = Omit<ProjectSettings, 'version'>;
const required = (message: string) => [{ required: true, message }];

export const ProjectSettingsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const canConfigure = usePermission('project.configure');
  const settings = useProjectSettings();
  const save = useSaveProjectSettings();
  const [form] = Form.useForm<Values>();
  const weights = Form.useWatch(['valueModel', 'weights'], form) as Values['valueModel']['weights'] | undefined;
  const total = valueIndicators.reduce((sum, key) => sum + (weights?.[key] ?? 0), 0);

  useEffect(() => {
    if (settings.data) {
      const { version: _version, ...values } = settings.data;
      form.setFieldsValue(values);
    }
  }, [settings.data, form]);

  if (settings.isPending) return <PageSkeleton />;
  if (settings.isError) return <QueryErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;

  const submit = async (values: Values) => {
    const amountCap = values.valueModel.amountCap?.toString().trim() || null;
    try {
      await save.mutateAsync({ ...values, valueModel: { ...values.valueModel, amountCap }, version: settings.data.version });
      void message.success(t('projectInsight.settings.saved'));
    } catch (error) {
      handleError(error, { form });
    }
  };

  return (
    <>
      <PageHeader title={t('projectInsight.settings.title')} subtitle={t('projectInsight.settings.subtitle')} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={!canConfigure} data-testid="project-settings-form">
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card title={t('projectInsight.settings.valueModel')}>
              {valueIndicators.map((key) => (
                <Form.Item
                  key={key}
                  name={['valueModel', 'weights', key]}
                  label={t(`projectInsight.settings.indicators.${key}`)}
                  extra={t('projectInsight.settings.weightShare', { share: total ? Math.round(((weights?.[key] ?? 0) / total) * 100) : 0 })}
                  rules={required(t('validation.required'))}
                >
                  <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} data-testid={`project-settings-weight-${key}`} />
                </Form.Item>
              ))}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card title={t('projectInsight.settings.thresholds')}>
                <Form.Item name={['valueModel', 'thresholds', 'a']} label={t('projectInsight.settings.thresholdA')} rules={required(t('validation.required'))}>
                  <InputNumber min={0} max={100} style={{ width: 160 }} data-testid="project-settings-threshold-a" />
                </Form.Item>
                <Form.Item name={['valueModel', 'thresholds', 'b']} label={t('projectInsight.settings.thresholdB')} rules={required(t('validation.required'))}>
                  <InputNumber min={0} max={100} style={{ width: 160 }} data-testid="project-settings-threshold-b" />
                </Form.Item>
                <Form.Item name={['valueModel', 'amountCap']} label={t('projectInsight.settings.amountCap')} extra={t('projectInsight.settings.amountCapHelp')} rules={[{ pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('validation.amount_format') }]}>
                  <Input inputMode="decimal" style={{ width: 200 }} data-testid="project-settings-amount-cap" />
                </Form.Item>
              </Card>
              <Card>
                <Form.Item name="stalledDays" label={t('projectInsight.settings.stalledDays')} extra={t('projectInsight.settings.stalledDaysHelp')} rules={required(t('validation.required'))}>
                  <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} data-testid="project-settings-stalled-days" />
                </Form.Item>
                <Form.Item name="protectionDays" label={t('projectInsight.settings.protectionDays')} extra={t('projectInsight.settings.protectionDaysHelp')} rules={required(t('validation.required'))}>
                  <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} data-testid="project-settings-protection-days" />
                </Form.Item>
              </Card>
            </Space>
          </Col>
        </Row>
        {canConfigure && (
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="project-settings-save">
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Form>
    </>
  );
};
