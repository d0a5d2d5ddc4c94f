// The competitor profile (CUS-10) of an organisation of type competitor: products, strengths, weaknesses, price level.
import { useEffect } from 'react';
import { App, Button, Col, Form, Input, Row, Segmented, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { priceLevels, type CompetitorProfileInput, type Organization } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { useCompetitorProfile, useSaveCompetitorProfile } from './organizations.api';

type ProfileValues = Omit<CompetitorProfileInput, 'version'>;
const textFields = ['products', 'strengths', 'weaknesses', 'notes'] as const;

export const CompetitorProfilePanel = ({ organization }: { organization: Organization }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [form] = Form.useForm<ProfileValues>();
  const profile = useCompetitorProfile(organization.id);
  const save = useSaveCompetitorProfile(organization.id);
  const handleError = useApiErrorHandler();
  const canEdit = organization.access.edit;

  useEffect(() => {
    if (profile.data) form.setFieldsValue(profile.data);
  }, [profile.data, form]);

  if (profile.isPending) return <Skeleton active />;
  if (profile.isError) return <QueryErrorResult error={profile.error} onRetry={() => void profile.refetch()} />;
  const current = profile.data;

  const onFinish = (values: ProfileValues) => {
    const clean = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' && value.trim() === '' ? null : (value ?? null)]));
    save.mutate(
      { ...clean, version: current.version },
      {
        onSuccess: () => void message.success(t('competitor.saved')),
        onError: (error) => handleError(error, { form, recordType: 'organization', onReload: () => void profile.refetch() }),
      },
    );
  };

  return (
    <Form<ProfileValues> form={form} layout="vertical" disabled={!canEdit} onFinish={onFinish} data-testid="competitor-profile-form" style={{ maxWidth: 880 }}>
      {current.version === 0 ? (
        <Typography.Paragraph type="secondary">{t('competitor.empty')}</Typography.Paragraph>
      ) : (
        current.updatedBy &&
        current.updatedAt && (
          <Typography.Paragraph type="secondary">{t('competitor.updated', { name: current.updatedBy.displayName, at: format.dateTime(current.updatedAt) })}</Typography.Paragraph>
        )
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="category" label={t('competitor.category')} rules={[{ max: 80 }]}>
            <Input maxLength={80} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="priceLevel" label={t('competitor.priceLevel')}>
            <Segmented<string> options={priceLevels.map((level) => ({ value: level, label: t(`competitor.priceLevels.${level}`) }))} data-testid="competitor-price-level" />
          </Form.Item>
        </Col>
        {textFields.map((field) => (
          <Col xs={24} md={12} key={field}>
            <Form.Item name={field} label={t(`competitor.${field}`)} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid={`competitor-${field}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {canEdit && (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="competitor-save">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
};
