// Giving a customer up to the pool: a reason is required, and the organisation's version guards against a stale page.
import { App, Form, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { poolErrorMessage } from './pool-errors';
import { useReleaseOrganization } from './pool.api';

export const ReleaseModal = ({ organization, open, onClose }: { organization: Organization; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const release = useReleaseOrganization();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ reason: string }>();

  const submit = async ({ reason }: { reason: string }) => {
    try {
      await release.mutateAsync({ id: organization.id, reason: reason.trim(), version: organization.version });
      void message.success(t('pool.released'));
      onClose();
      // Without an owner the record is out of the reader's scope: the pool is where it now is.
      void navigate('/pool');
    } catch (error) {
      const text = poolErrorMessage(error, format);
      if (text) void message.error(text);
      else handleError(error, { form });
    }
  };

  return (
    <Modal
      open={open}
      title={t('pool.releaseTitle', { name: organization.name })}
      okText={t('pool.release')}
      okButtonProps={{ danger: true, 'data-testid': 'pool-release-confirm' } as ButtonProps}
      onOk={() => form.submit()}
      confirmLoading={release.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('pool.releaseHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('pool.releaseReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="pool-release-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
