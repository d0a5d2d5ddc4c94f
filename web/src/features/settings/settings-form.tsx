import { useMemo } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useUpdateSettings } from './settings.api';

type SettingsValues = Omit<Settings, 'version'>;

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'AUD', 'CAD', 'KRW', 'TWD', 'CHF'];
const DATE_FORMATS: Settings['dateFormat'][] = ['YYYY-MM-DD', 'YYYY/MM/DD', 'DD/MM/YYYY', 'MM/DD/YYYY'];
const FALLBACK_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'];

const timeZones = (): string[] => {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : FALLBACK_ZONES;
};

export const SettingsForm = ({ settings, canEdit }: { settings: Settings; canEdit: boolean }) => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const update = useUpdateSettings();
  const handleError = useApiErrorHandler();
  const zones = useMemo(() => timeZones().map((zone) => ({ value: zone, label: zone })), []);
  const months = useMemo(
    () => Array.from({ length: 12 }, (_, index) => ({ value: index + 1, label: dayjs().locale(i18n.language === 'en' ? 'en' : 'zh-cn').month(index).format('MMMM') })),
    [i18n.language],
  );

  const onFinish = (values: SettingsValues) => {
    const changed = Object.fromEntries(
      Object.entries(values)
        .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value] as const)
        .filter(([key, value]) => value !== settings[key as keyof SettingsValues]),
    ) as Partial<SettingsValues>;
    if (Object.keys(changed).length === 0) {
      void message.info(t('common.noChanges'));
      return;
    }
    update.mutate({ ...changed, version: settings.version }, { onSuccess: () => void message.success(t('common.saved')), onError: (error) => handleError(error, { form, recordType: 'settings' }) });
  };

  return (
    <Form<SettingsValues> form={form} layout="vertical" initialValues={settings} onFinish={onFinish} disabled={!canEdit}>
      <Card title={t('settings.company')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="companyName" label={t('fields.settings.companyName')} rules={[{ max: 120 }]}>
              <Input autoFocus maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="companyShortName" label={t('fields.settings.companyShortName')} rules={[{ max: 60 }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="companyAddress" label={t('fields.settings.companyAddress')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="companyPhone" label={t('fields.settings.companyPhone')} rules={[{ max: 40 }]}>
              <Input type="tel" maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('settings.regional')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="currency" label={t('fields.settings.currency')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Z]{3}$/, message: t('validation.currency_code') }]}>
              <Select showSearch options={CURRENCIES.map((code) => ({ value: code, label: code }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dateFormat" label={t('fields.settings.dateFormat')}>
              <Select options={DATE_FORMATS.map((format) => ({ value: format, label: `${format} (${dayjs().format(format)})` }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="fiscalYearStartMonth" label={t('fields.settings.fiscalYearStartMonth')}>
              <Select options={months} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="timeZone" label={t('fields.settings.timeZone')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={zones} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="defaultLocale" label={t('fields.settings.defaultLocale')} extra={t('settings.defaultLocaleHelp')}>
              <Select
                options={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      {canEdit && (
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
};
