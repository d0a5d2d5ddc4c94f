// Hands a user's records (organisations …) to a colleague, typically before or after they leave.
import { App, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@openpsm/contracts';
import { UserSelect } from '../../components/user-select';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { translateDynamic } from '../../lib/i18n';
import { useTransferUserRecords } from './users.api';

export const TransferRecordsModal = ({ user, onClose }: { user: User | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ toUserId: string }>();
  const transfer = useTransferUserRecords();
  const handleError = useApiErrorHandler();

  const onFinish = ({ toUserId }: { toUserId: string }) => {
    if (!user) return;
    transfer.mutate(
      { id: user.id, toUserId },
      {
        onSuccess: ({ transferred }) => {
          onClose();
          const lines = Object.entries(transferred).map(([type, count]) => `${translateDynamic(`recordTypes.${type}`, type)}: ${count}`);
          modal.success({ title: t('users.transferDone'), content: lines.length ? lines.join('\n') : t('users.transferNothing') });
        },
        onError: (error) => handleError(error, { form }),
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.transferTitle', { name: user.displayName }) : ''}
      okText={t('users.transfer')}
      cancelText={t('common.cancel')}
      confirmLoading={transfer.isPending}
      okButtonProps={{ htmlType: 'submit', form: 'transfer-form' }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.transferExplain')}</Typography.Paragraph>
      <Form id="transfer-form" form={form} clearOnDestroy layout="vertical" onFinish={onFinish}>
        <Form.Item name="toUserId" label={t('users.transferTo')} rules={[{ required: true, message: t('validation.required') }]}>
          <UserSelect excludeIds={user ? [user.id] : []} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
};
