// Every approval this organisation went through (its deletion requests today), each opening in the inbox drawer.
import type { HTMLAttributes } from 'react';
import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApprovalSummary } from '@openpsm/contracts';
import { approvalLink, documentTypeLabel } from '../../lib/approvals';
import { useFormat } from '../../lib/format';
import { ApprovalStatusTag } from '../../components/approvals/approval-status-tag';

export const OrganizationApprovals = ({ approvals }: { approvals: ApprovalSummary[] }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const empty = t('common.empty');
  return (
    <Table<ApprovalSummary>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={approvals}
      scroll={{ x: 'max-content' }}
      onRow={() => ({ 'data-testid': 'org-approval-row' }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'number',
          title: t('approvals.columns.number'),
          className: 'psm-nowrap',
          render: (_, approval) => <Link to={approvalLink(approval.id)}>{approval.number}</Link>,
        },
        { key: 'documentType', title: t('approvals.columns.documentType'), className: 'psm-nowrap', render: (_, approval) => documentTypeLabel(approval.documentType) },
        { key: 'status', title: t('approvals.columns.status'), render: (_, approval) => <ApprovalStatusTag status={approval.status} /> },
        {
          key: 'submitted',
          title: t('approvals.columns.submitted'),
          className: 'psm-nowrap',
          render: (_, approval) => `${approval.submitter?.displayName ?? empty} · ${format.dateTime(approval.submittedAt)}`,
        },
        { key: 'currentStep', title: t('approvals.columns.currentStep'), render: (_, approval) => approval.currentStep?.name ?? empty },
        { key: 'decidedAt', title: t('approvals.columns.decidedAt'), className: 'psm-nowrap', render: (_, approval) => format.dateTime(approval.decidedAt) },
        {
          key: 'reason',
          title: t('approvals.columns.reason'),
          render: (_, approval) =>
            approval.reason ? (
              <Typography.Paragraph style={{ margin: 0, maxWidth: 360, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
                {approval.reason}
              </Typography.Paragraph>
            ) : (
              empty
            ),
        },
      ]}
    />
  );
};
