// Handing an organisation to a rep, who must accept it within the hours given (or the default).
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@openpsm/contracts';
import { UserSelect } from '../../components/user-select';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useHandOver, useLeadRules } from './leads.api';

type Values = { toUserId: string; note?: string; hours?: number | null };

export const HandoverModal = ({ organization, open, onClose }: { organization: Organization; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const rules = useLeadRules();
  const handOver = useHandOver();
  const [form] = Form.useForm<Values>();

  const submit = async (values: Values) => {
    try {
      await handOver.mutateAsync({ organizationId: organization.id, toUserId: values.toUserId, note: values.note?.trim() || undefined, hours: values.hours ?? undefined });
      void message.success(t('leads.handedOver'));
      form.resetFields();
      onClose();
    } catch (error) {
      handleError(error, { form });
    }
  };

  return (
    <Modal open={open} title={t('leads.handoverTitle', { name: organization.name })} onOk={() => form.submit()} confirmLoading={handOver.isPending} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="toUserId" label={t('leads.handoverTo')} rules={[{ required: true, message: t('validation.required') }]}>
          <UserSelect excludeIds={organization.owner ? [organization.owner.id] : []} />
        </Form.Item>
        <Form.Item name="note" label={t('leads.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="hours" label={t('leads.hours')} extra={t('leads.hoursHelp', { hours: rules.data?.defaultHours ?? 48 })}>
          <InputNumber min={1} max={720} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
