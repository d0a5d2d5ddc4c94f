// One approval in full: what was submitted, the chain, what happened, and the actions the reader may take now.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Descriptions, Drawer, Flex, Result, Skeleton, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, MessageOutlined, RedoOutlined, RollbackOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetail } from '@openpsm/contracts';
import { isApiError } from '../../lib/api-client';
import { documentTypeLabel } from '../../lib/approvals';
import { useFormat } from '../../lib/format';
import { ApprovalStatusTag } from '../../components/approvals/approval-status-tag';
import { QueryErrorResult } from '../../components/results';
import { useIsMobile } from '../../components/use-is-mobile';
import { useApproval } from './approvals.api';
import type { ApprovalActionKind } from './approvals.api';
import { ApprovalActionModal } from './approval-action-modal';
import { ApprovalChain } from './approval-chain';
import { ApprovalEvents } from './approval-events';
import { ApprovalRecordSummary } from './approval-record-summary';

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <section style={{ marginTop: 24 }}>
    <Typography.Title level={5} style={{ marginTop: 0 }}>
      {title}
    </Typography.Title>
    {children}
  </section>
);

const ApprovalBody = ({ approval }: { approval: ApprovalDetail }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const empty = t('common.empty');
  return (
    <>
      {approval.reason && (approval.status === 'rejected' || approval.status === 'returned') && (
        <Alert
          type={approval.status === 'rejected' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(approval.status === 'rejected' ? 'approvals.rejectedBecause' : 'approvals.returnedBecause')}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{approval.reason}</span>}
          data-testid="approval-reason"
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'documentType', label: t('approvals.columns.documentType'), children: documentTypeLabel(approval.documentType) },
          { key: 'submitter', label: t('approvals.columns.submitter'), children: approval.submitter?.displayName ?? empty },
          { key: 'submittedAt', label: t('approvals.columns.submittedAt'), children: format.dateTime(approval.submittedAt) },
          { key: 'decidedAt', label: t('approvals.columns.decidedAt'), children: format.dateTime(approval.decidedAt) },
          { key: 'currentStep', label: t('approvals.columns.currentStep'), children: approval.currentStep?.name ?? empty },
          {
            key: 'waitingFor',
            label: t('approvals.columns.waitingFor'),
            children: approval.waitingFor.length ? approval.waitingFor.map((user) => user.displayName).join(t('approvals.listSeparator')) : empty,
          },
          {
            key: 'flow',
            label: t('approvals.flow'),
            span: 'filled',
            children: t('approvals.flowVersion', { name: approval.flow.name, version: approval.flow.definitionVersion }),
          },
        ]}
      />
      <section style={{ marginTop: 16 }}>
        <ApprovalRecordSummary approval={approval} />
      </section>
      <Section title={t('approvals.chain')}>
        <ApprovalChain steps={approval.steps} />
      </Section>
      <Section title={t('approvals.activity')}>
        <ApprovalEvents approval={approval} />
      </Section>
    </>
  );
};

type ActionButton = { action: ApprovalActionKind; icon: ReactNode; primary?: boolean; danger?: boolean };

/** In the order they read in the footer: the decisions first, then the submitter's, the comment last. */
const actionButtons: ActionButton[] = [
  { action: 'approve', icon: <CheckOutlined />, primary: true },
  { action: 'reject', icon: <CloseOutlined />, danger: true },
  { action: 'return', icon: <RollbackOutlined /> },
  { action: 'resubmit', icon: <RedoOutlined />, primary: true },
  { action: 'withdraw', icon: <UndoOutlined />, danger: true },
  { action: 'comment', icon: <MessageOutlined /> },
];

const ActionBar = ({ approval, busy, onAction }: { approval: ApprovalDetail; busy: boolean; onAction: (action: ApprovalActionKind) => void }) => {
  const { t } = useTranslation();
  const available = actionButtons.filter((button) => approval.actions[button.action]);
  if (available.length === 0) return null;
  return (
    <Flex gap={8} wrap justify="flex-end">
      {available.map((button) => (
        <Button
          key={button.action}
          type={button.primary ? 'primary' : 'default'}
          danger={button.danger}
          icon={button.icon}
          disabled={busy}
          onClick={() => onAction(button.action)}
          data-testid={`approval-${button.action}`}
        >
          {t(`approvals.actions.${button.action}`)}
        </Button>
      ))}
    </Flex>
  );
};

type ApprovalDrawerProps = {
  /** The approval to show; null closes the drawer. */
  id: string | null;
  onClose: () => void;
};

export const ApprovalDrawer = ({ id, onClose }: ApprovalDrawerProps) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  // Keeps showing the last approval while the drawer slides shut.
  const [shownId, setShownId] = useState(id);
  if (id && id !== shownId) setShownId(id);
  const approval = useApproval(shownId);
  const [action, setAction] = useState<ApprovalActionKind | null>(null);
  const data = approval.data;

  const title = data ? (
    <Flex gap={8} align="center" wrap>
      <Typography.Text type="secondary" className="psm-nowrap">
        {data.number}
      </Typography.Text>
      <span style={{ wordBreak: 'break-word' }}>{data.title}</span>
      <ApprovalStatusTag status={data.status} />
    </Flex>
  ) : (
    t('approvals.drawerTitle')
  );

  const notFound = isApiError(approval.error) && approval.error.status === 404;

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={isMobile ? '100%' : 720}
      title={title}
      destroyOnHidden
      data-testid="approval-drawer"
      footer={data && <ActionBar approval={data} busy={action !== null || approval.isFetching} onAction={setAction} />}
    >
      {approval.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {notFound && <Result status="404" subTitle={t('approvals.notFound')} />}
      {approval.isError && !notFound && <QueryErrorResult error={approval.error} onRetry={() => void approval.refetch()} />}
      {data && <ApprovalBody approval={data} />}
      {data && <ApprovalActionModal approval={data} action={action} onClose={() => setAction(null)} />}
    </Drawer>
  );
};
