// One dialog for every action on an approval: the comment (required to reject, return or comment), the return target.
import type { ButtonProps } from 'antd';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetail } from '@openpsm/contracts';
import { isApiError } from '../../lib/api-client';
import { errorCodeMessage } from '../../lib/api-errors';
import { approvalKeys } from '../../lib/approvals';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useApprovalAction, useRefreshAfterApproval } from './approvals.api';
import type { ApprovalActionKind } from './approvals.api';

const FORM_ID = 'approval-action-form';
const COMMENT_MAX = 1000;
/** The select cannot hold null: this stands for "back to the submitter". */
const TO_SUBMITTER = 'submitter';

const commentRequired: Record<ApprovalActionKind, boolean> = {
  approve: false,
  reject: true,
  return: true,
  withdraw: false,
  resubmit: false,
  comment: true,
};

/** Someone else decided first, or the approval moved on since it was read: refresh, do not retry blindly. */
const OVERTAKEN = new Set(['approval_not_actionable', 'stale_version']);

type ActionValues = { comment?: string; toStep?: number | typeof TO_SUBMITTER };

type ApprovalActionModalProps = {
  approval: ApprovalDetail;
  action: ApprovalActionKind | null;
  onClose: () => void;
};

export const ApprovalActionModal = ({ approval, action, onClose }: ApprovalActionModalProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const mutation = useApprovalAction(approval);
  const refresh = useRefreshAfterApproval();
  const queryClient = useQueryClient();
  const handleError = useApiErrorHandler();

  const onFinish = (values: ActionValues) => {
    if (!action) return;
    mutation.mutate(
      { action, comment: values.comment?.trim(), toStep: values.toStep === TO_SUBMITTER || values.toStep === undefined ? null : values.toStep },
      {
        onSuccess: () => {
          void message.success(t(`approvals.actionDone.${action}`));
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && OVERTAKEN.has(error.code)) {
            void message.warning(error.code === 'stale_version' ? t('approvals.changedMeanwhile') : errorCodeMessage(error.code));
            void queryClient.invalidateQueries({ queryKey: approvalKeys.detail(approval.id) });
            refresh(approval);
            onClose();
            return;
          }
          handleError(error, { form });
        },
      },
    );
  };

  const required = action ? commentRequired[action] : false;
  const danger = action === 'reject' || action === 'withdraw';

  return (
    <Modal
      open={action !== null}
      title={action ? t(`approvals.actionTitles.${action}`, { number: approval.number }) : ''}
      okText={action ? t(`approvals.actions.${action}`) : ''}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID, danger, 'data-testid': 'approval-confirm' } as ButtonProps}
      onCancel={onClose}
      destroyOnHidden
    >
      {action === 'withdraw' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('approvals.withdrawExplain')} />}
      {action === 'resubmit' && <Typography.Paragraph type="secondary">{t('approvals.resubmitExplain')}</Typography.Paragraph>}
      <Form<ActionValues> id={FORM_ID} form={form} layout="vertical" onFinish={onFinish} clearOnDestroy initialValues={{ toStep: TO_SUBMITTER }}>
        {action === 'return' && (
          <Form.Item name="toStep" label={t('approvals.returnTo')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              data-testid="approval-return-target"
              options={[
                { value: TO_SUBMITTER, label: t('approvals.returnToSubmitter', { name: approval.submitter?.displayName ?? '' }) },
                ...approval.returnTargets.map((target) => ({ value: target.index, label: t('approvals.returnToStep', { name: target.name }) })),
              ]}
            />
          </Form.Item>
        )}
        <Form.Item
          name="comment"
          label={t('approvals.comment')}
          extra={t('approvals.ctrlEnter')}
          rules={[{ required, whitespace: required, message: t('approvals.commentRequired') }, { max: COMMENT_MAX }]}
        >
          <Input.TextArea
            autoFocus
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={COMMENT_MAX}
            showCount
            placeholder={required ? t('approvals.commentPlaceholderRequired') : t('approvals.commentPlaceholder')}
            data-testid="approval-comment-input"
            onKeyDown={(event) => {
              // A comment may need several lines, so plain Enter is a new line; Ctrl / ⌘ + Enter sends.
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
