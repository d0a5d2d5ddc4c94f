// Deleting a contact (soft): one confirmation, then back to where the reader came from.
import type { ButtonProps } from 'antd';
import { App, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useDeleteContact } from './contacts.api';

type ContactDeleteModalProps = { contact: Contact; open: boolean; onClose: () => void; onDeleted: () => void };

export const ContactDeleteModal = ({ contact, open, onClose, onDeleted }: ContactDeleteModalProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteContact();
  const handleError = useApiErrorHandler();
  return (
    <Modal
      open={open}
      title={t('contacts.deleteConfirmTitle')}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'contact-delete-confirm' } as ButtonProps}
      confirmLoading={remove.isPending}
      onCancel={onClose}
      onOk={() =>
        remove.mutate(contact.id, {
          onSuccess: () => {
            onClose();
            void message.success(t('contacts.deleted', { name: contact.name }));
            onDeleted();
          },
          onError: (error) => {
            onClose();
            handleError(error);
          },
        })
      }
    >
      <Typography.Paragraph>{t('contacts.deleteConfirm', { name: contact.name })}</Typography.Paragraph>
    </Modal>
  );
};
