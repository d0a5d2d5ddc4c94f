import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../components/user-select';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { hasPermission, useCurrentUser } from '../../lib/session';
import { useCreateDelegation } from './delegations.api';
import type { DelegationScope } from './delegations.api';

type DelegationValues = { fromUserId: string; toUserId: string; period: [Dayjs, Dayjs]; scope: DelegationScope; reason?: string; startsAt?: string; endsAt?: string };

const FORM_ID = 'delegation-form';

export const DelegationFormModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DelegationValues>();
  const create = useCreateDelegation();
  const handleError = useApiErrorHandler();
  const format = useFormat();
  const fromUserId = Form.useWatch('fromUserId', form);
  const me = useCurrentUser();
  // Only someone with user.assign may set up a delegation for another person; everyone else delegates their own work.
  const forAnyone = hasPermission(me, 'user.assign');

  const onFinish = (values: DelegationValues) => {
    const [start, end] = values.period;
    create.mutate(
      {
        fromUserId: values.fromUserId,
        toUserId: values.toUserId,
        startsAt: format.fromPicker(start),
        endsAt: format.fromPicker(end),
        reason: values.reason?.trim() || null,
        scope: values.scope,
      },
      {
        onSuccess: () => {
          void message.success(t('delegations.created'));
          onClose();
        },
        onError: (error) => {
          // The server names `endsAt`/`startsAt`; the form shows both under the one period picker.
          handleError(error, { form, recordType: 'delegation' });
          const periodErrors = form.getFieldsError([['endsAt'], ['startsAt']]).flatMap((field) => field.errors);
          if (periodErrors.length) form.setFields([{ name: 'period', errors: periodErrors }]);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('delegations.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<DelegationValues>
        id={FORM_ID}
        form={form}
        clearOnDestroy
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ fromUserId: me.id, scope: 'all', period: [format.toPicker().startOf('hour'), format.toPicker().add(7, 'day').endOf('day')] }}
      >
        <Form.Item name="fromUserId" label={t('fields.delegation.fromUserId')} extra={t('delegations.fromHelp')} rules={[{ required: true, message: t('validation.required') }]}>
          <UserSelect knownUsers={[{ id: me.id, displayName: me.displayName }]} disabled={!forAnyone} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="toUserId"
          label={t('fields.delegation.toUserId')}
          dependencies={['fromUserId']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                if (value && value === getFieldValue('fromUserId')) throw new Error(t('validation.same_user'));
              },
            }),
          ]}
        >
          <UserSelect excludeIds={fromUserId ? [fromUserId] : []} autoFocus />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('delegations.period')}
          rules={[
            { required: true, message: t('validation.required') },
            {
              validator: async (_rule, value: [Dayjs, Dayjs] | undefined) => {
                if (value && !value[1].isAfter(value[0])) throw new Error(t('validation.ends_before_start'));
              },
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={format.dateTimeFormat} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="scope" label={t('fields.delegation.scope')} extra={t('delegations.scopeHelp')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group
            data-testid="delegation-scope"
            options={[
              { value: 'all', label: t('delegations.scopes.all') },
              { value: 'approvals', label: t('delegations.scopes.approvals') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('fields.delegation.reason')} rules={[{ max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} />
        </Form.Item>
        {/* Field errors from the server land on these names before being shown under the period. */}
        <Form.Item name="startsAt" hidden>
          <Input />
        </Form.Item>
        <Form.Item name="endsAt" hidden>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
};
