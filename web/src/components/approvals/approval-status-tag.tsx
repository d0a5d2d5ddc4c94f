import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalStatus } from '@openpsm/contracts';
import { approvalStatusColor } from '../../lib/approvals';

export const ApprovalStatusTag = ({ status }: { status: ApprovalStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={approvalStatusColor[status]} style={{ marginInlineEnd: 0 }} data-testid="approval-status">
      {t(`approvals.statuses.${status}`)}
    </Tag>
  );
};
