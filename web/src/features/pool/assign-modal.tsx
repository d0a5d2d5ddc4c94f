// A manager hands a pool customer to a rep; past the rep's maximum only when forced, with a reason.
import { App, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PoolOrganization } from '@openpsm/contracts';
import { UserSelect } from '../../components/user-select';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { poolErrorMessage } from './pool-errors';
import { useAssignOrganization } from './pool.api';

type Values = { userId: string; force?: boolean; reason?: string };

export const AssignModal = ({ organization, onClose }: { organization: PoolOrganization | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const assign = useAssignOrganization();
  const [form] = Form.useForm<Values>();
  const force = Form.useWatch('force', form);

  const submit = async (values: Values) => {
    if (!organization) return;
    try {
      await assign.mutateAsync({ id: organization.id, userId: values.userId, force: values.force || undefined, reason: values.reason?.trim() || undefined });
      void message.success(t('pool.assigned'));
      form.resetFields();
      onClose();
    } catch (error) {
      const text = poolErrorMessage(error, format);
      if (text) void message.error(text);
      else handleError(error, { form });
    }
  };

  return (
    <Modal
      open={Boolean(organization)}
      title={organization ? t('pool.assignTitle', { name: organization.name }) : ''}
      okText={t('pool.assign')}
      onOk={() => form.submit()}
      confirmLoading={assign.isPending}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="userId" label={t('pool.assignTo')} rules={[{ required: true, message: t('validation.required') }]}>
          <UserSelect />
        </Form.Item>
        <Form.Item name="force" valuePropName="checked" extra={t('pool.forceHelp')}>
          <Checkbox>{t('pool.force')}</Checkbox>
        </Form.Item>
        <Form.Item name="reason" label={t('pool.reason')} rules={force ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
