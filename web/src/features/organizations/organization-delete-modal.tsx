// Asking to delete an organisation: an approval flow may have to agree first (202), or it is deleted at once (204).
import type { ButtonProps } from 'antd';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useDeleteOrganization } from './organizations.api';

const FORM_ID = 'organization-delete-form';
const REASON_MAX = 1000;

type DeleteValues = { reason?: string };

type OrganizationDeleteModalProps = {
  organization: Organization;
  open: boolean;
  onClose: () => void;
};

export const OrganizationDeleteModal = ({ organization, open, onClose }: OrganizationDeleteModalProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DeleteValues>();
  const remove = useDeleteOrganization();
  const handleError = useApiErrorHandler();

  const onFinish = (values: DeleteValues) =>
    remove.mutate(
      { id: organization.id, reason: values.reason?.trim() || undefined },
      {
        onSuccess: (result) => {
          onClose();
          if (result) {
            void message.success(t('organizations.deletionSubmitted', { number: result.approval.number }));
            return;
          }
          void message.success(t('organizations.deleted', { name: organization.name }));
          navigate('/organizations', { replace: true });
        },
        onError: (error) => {
          onClose();
          handleError(error);
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('organizations.deleteConfirmTitle')}
      okText={t('organizations.requestDeletion')}
      cancelText={t('common.cancel')}
      confirmLoading={remove.isPending}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, danger: true, 'data-testid': 'org-delete-confirm' } as ButtonProps}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('organizations.deleteConfirm', { name: organization.name })}</Typography.Paragraph>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('organizations.deletionNeedsApproval')} />
      <Form<DeleteValues> id={FORM_ID} form={form} layout="vertical" onFinish={onFinish} clearOnDestroy>
        <Form.Item name="reason" label={t('organizations.deletionReason')} extra={t('organizations.deletionReasonHelp')} rules={[{ max: REASON_MAX }]}>
          <Input.TextArea autoFocus autoSize={{ minRows: 2, maxRows: 6 }} maxLength={REASON_MAX} data-testid="org-delete-reason"
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                form.submit();
              }
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};
