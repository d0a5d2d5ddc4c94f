// Administration of the grading model: indicator weights (shown as shares of the score) and the A / B thresholds.
import { useEffect } from 'react';
import { App, Button, Card, Col, Form, InputNumber, Row, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gradingIndicators } from '@openpsm/contracts';
import type { GradingModel } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { useGradingModel, useRunGrading, useSaveGradingModel } from './grading.api';

type Values = Pick<GradingModel, 'weights' | 'thresholds'>;

export const GradingModelPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const canConfigure = usePermission('config.configure');
  const model = useGradingModel();
  const save = useSaveGradingModel();
  const run = useRunGrading();
  const [form] = Form.useForm<Values>();
  const weights = Form.useWatch('weights', form);
  const total = gradingIndicators.reduce((sum, key) => sum + (weights?.[key] ?? 0), 0);

  useEffect(() => {
    if (model.data) form.setFieldsValue({ weights: model.data.weights, thresholds: model.data.thresholds });
  }, [model.data, form]);

  if (model.isPending) return <PageSkeleton />;
  if (model.isError) return <QueryErrorResult error={model.error} onRetry={() => void model.refetch()} />;

  const submit = async (values: Values) => {
    try {
      await save.mutateAsync({ ...values, version: model.data.version });
      void message.success(t('grading.saved'));
    } catch (error) {
      handleError(error, { form });
    }
  };

  const runNow = async () => {
    try {
      const result = await run.mutateAsync();
      void message.success(t('grading.ran', result));
    } catch (error) {
      handleError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('grading.title')}
        subtitle={t('grading.subtitle')}
        extra={
          canConfigure && (
            <Button icon={<ReloadOutlined />} onClick={runNow} loading={run.isPending} data-testid="grading-run">
              {t('grading.runNow')}
            </Button>
          )
        }
      />
      <Form form={form} layout="vertical" onFinish={submit} disabled={!canConfigure}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card title={t('grading.weights')}>
              {gradingIndicators.map((key) => (
                <Form.Item
                  key={key}
                  name={['weights', key]}
                  label={t(`grading.indicators.${key}`)}
                  extra={`${t(`grading.indicatorHelp.${key}`)} · ${t('grading.weightShare', { share: total ? Math.round(((weights?.[key] ?? 0) / total) * 100) : 0 })}`}
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} />
                </Form.Item>
              ))}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('grading.thresholds')}>
              <Form.Item name={['thresholds', 'a']} label={t('grading.thresholdA')} rules={[{ required: true, message: t('validation.required') }]}>
                <InputNumber min={0} max={100} step={1} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name={['thresholds', 'b']} label={t('grading.thresholdB')} rules={[{ required: true, message: t('validation.required') }]}>
                <InputNumber min={0} max={100} step={1} style={{ width: 160 }} />
              </Form.Item>
              <Typography.Text type="secondary">
                {model.data.lastRunAt ? t('grading.lastRun', { time: format.dateTime(model.data.lastRunAt) }) : t('grading.neverRun')}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
        {canConfigure && (
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="grading-save">
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Form>
    </>
  );
};
