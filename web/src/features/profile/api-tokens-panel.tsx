import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useApiTokens, useCreateApiToken } from './profile.api';
import type { ApiToken } from './profile.api';

type TokenValues = { name: string; expiresInDays?: number | null };

export const ApiTokensPanel = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<TokenValues>();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const onFinish = (values: TokenValues) => {
    create.mutate(
      { name: values.name.trim(), expiresInDays: values.expiresInDays ?? undefined },
      {
        onSuccess: ({ token }) => {
          setCreating(false);
          form.resetFields();
          setSecret(token);
        },
        onError: (error) => handleError(error, { form }),
      },
    );
  };

  return (
    <>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('profile.tokensHelp')}</Typography.Text>
        <Button type="primary" icon={<KeyOutlined />} onClick={() => setCreating(true)}>
          {t('profile.createToken')}
        </Button>
      </Flex>
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        loading={tokens.isPending}
        dataSource={tokens.data}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: t('profile.noTokens') }}
        columns={[
          { title: t('fields.common.name'), dataIndex: 'name' },
          { title: t('fields.common.createdAt'), dataIndex: 'createdAt', render: (value: string) => format.dateTime(value) },
          { title: t('profile.lastSeen'), dataIndex: 'lastSeenAt', render: (value: string | null) => format.dateTime(value) },
          { title: t('profile.expiresAt'), dataIndex: 'expiresAt', render: (value: string | null) => format.dateTime(value, t('profile.never')) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('profile.revokeTokenHint')}
      </Typography.Paragraph>

      <Modal
        open={creating}
        title={t('profile.createToken')}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        okButtonProps={{ htmlType: 'submit', form: 'api-token-form' }}
        destroyOnHidden
      >
        <Form<TokenValues> id="api-token-form" form={form} clearOnDestroy layout="vertical" onFinish={onFinish} initialValues={{ expiresInDays: 90 }}>
          <Form.Item name="name" label={t('fields.common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
            <Input autoFocus maxLength={60} placeholder={t('profile.tokenNamePlaceholder')} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('profile.expiresInDays')} extra={t('profile.expiresInDaysHelp')}>
            <InputNumber min={1} max={3650} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={secret !== null}
        title={t('profile.tokenCreated')}
        onCancel={() => setSecret(null)}
        footer={
          <Button type="primary" onClick={() => setSecret(null)}>
            {t('common.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('profile.tokenShownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '' }} code style={{ wordBreak: 'break-all' }} data-testid="api-token-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    </>
  );
};
