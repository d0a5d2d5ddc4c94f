// The approval inbox: what waits for me, what I submitted, what I decided; one approval opens in a drawer (?open=<id>).
import { useCallback } from 'react';
import type { HTMLAttributes } from 'react';
import { Badge, Card, Empty, Flex, Select, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { approvalStatuses } from '@openpsm/contracts';
import type { ApprovalStatus, ApprovalSummary } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { ListToolbar, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { useIsMobile } from '../../components/use-is-mobile';
import { ApprovalStatusTag } from '../../components/approvals/approval-status-tag';
import { documentTypeLabel, useApprovalCounts } from '../../lib/approvals';
import { useFormat } from '../../lib/format';
import { inboxBoxes, useApprovals } from './approvals.api';
import type { InboxBox } from './approvals.api';
import { ApprovalDrawer } from './approval-drawer';

const DEFAULT_SORT = '-submittedAt';
const isBox = (value: string | null): value is InboxBox => inboxBoxes.includes(value as InboxBox);
const isStatus = (value: string | undefined): value is ApprovalStatus => approvalStatuses.includes(value as ApprovalStatus);

/** The title opens the drawer as a real link: reachable by keyboard, and a new tab keeps the list. */
const OpenLink = ({ approval }: { approval: ApprovalSummary }) => {
  const [searchParams] = useSearchParams();
  const next = new URLSearchParams(searchParams);
  next.set('open', approval.id);
  return (
    <Link to={`?${next.toString()}`} replace onClick={(event) => event.stopPropagation()} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
      {approval.title}
    </Link>
  );
};

const useInboxColumns = (box: InboxBox, sortOrder: 'ascend' | 'descend' | null): TableColumnsType<ApprovalSummary> => {
  const { t } = useTranslation();
  const format = useFormat();
  const isMobile = useIsMobile();
  const empty = t('common.empty');
  const waitingFor = (approval: ApprovalSummary) => approval.waitingFor.map((user) => user.displayName).join(t('approvals.listSeparator')) || empty;

  if (isMobile) {
    // One stacked cell per approval: a phone has no room for eight columns.
    return [
      {
        key: 'summary',
        title: t('approvals.columns.title'),
        render: (_, approval) => (
          <Flex vertical gap={2}>
            <Flex justify="space-between" gap={8} align="flex-start">
              <OpenLink approval={approval} />
              <ApprovalStatusTag status={approval.status} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[approval.number, documentTypeLabel(approval.documentType), approval.submitter?.displayName].filter(Boolean).join(' · ')}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {format.dateTime(approval.submittedAt)}
              {approval.currentStep && ` · ${approval.currentStep.name} · ${waitingFor(approval)}`}
            </Typography.Text>
          </Flex>
        ),
      },
    ];
  }

  return [
    { key: 'number', title: t('approvals.columns.number'), dataIndex: 'number', className: 'psm-nowrap' },
    { key: 'title', title: t('approvals.columns.title'), render: (_, approval) => <OpenLink approval={approval} /> },
    { key: 'documentType', title: t('approvals.columns.documentType'), className: 'psm-nowrap', render: (_, approval) => documentTypeLabel(approval.documentType) },
    { key: 'submitter', title: t('approvals.columns.submitter'), className: 'psm-nowrap', render: (_, approval) => approval.submitter?.displayName ?? empty },
    {
      key: 'submittedAt',
      title: t('approvals.columns.submittedAt'),
      className: 'psm-nowrap',
      sorter: true,
      sortOrder,
      sortDirections: ['descend', 'ascend'],
      render: (_, approval) => format.dateTime(approval.submittedAt),
    },
    { key: 'currentStep', title: t('approvals.columns.currentStep'), render: (_, approval) => approval.currentStep?.name ?? empty },
    { key: 'waitingFor', title: t('approvals.columns.waitingFor'), render: (_, approval) => waitingFor(approval) },
    ...(box === 'waiting'
      ? []
      : [{ key: 'decidedAt', title: t('approvals.columns.decidedAt'), className: 'psm-nowrap', render: (_: unknown, approval: ApprovalSummary) => format.dateTime(approval.decidedAt) }]),
    { key: 'status', title: t('approvals.columns.status'), render: (_, approval) => <ApprovalStatusTag status={approval.status} /> },
  ];
};

export const ApprovalsPage = () => {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useListParams({ pageSize: 20, sort: DEFAULT_SORT });
  const requestedBox = searchParams.get('box');
  const box: InboxBox = isBox(requestedBox) ? requestedBox : 'waiting';
  const status = isStatus(params.filters.status) ? params.filters.status : undefined;
  const openId = searchParams.get('open');
  const counts = useApprovalCounts();
  const approvals = useApprovals({ box, status, page: params.page, pageSize: params.pageSize, sort: params.sort });
  const columns = useInboxColumns(box, params.sortOrderOf('submittedAt'));

  // Opening or closing the drawer keeps the list where it is (page, filters).
  const setOpen = useCallback(
    (id: string | null) =>
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (id) next.set('open', id);
          else next.delete('open');
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  const tabLabel = (key: InboxBox, count: number | undefined, color?: string) => (
    <span data-testid={`approvals-tab-${key}`}>
      {t(`approvals.boxes.${key}`)} {count ? <Badge count={count} overflowCount={99} color={color} size="small" /> : null}
    </span>
  );

  const emptyText = status ? (
    <Empty description={t('approvals.noMatch')} />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`approvals.empty.${box}`)} />
  );

  return (
    <>
      <PageHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={box}
          onChange={(key) => params.update({ box: key === 'waiting' ? undefined : key, status: undefined })}
          items={[
            { key: 'waiting', label: tabLabel('waiting', counts.data?.waiting) },
            { key: 'submitted', label: tabLabel('submitted', counts.data?.returned, 'orange') },
            { key: 'done', label: tabLabel('done', undefined) },
          ]}
        />
        {box !== 'waiting' && (
          <ListToolbar
            filters={
              <Select<ApprovalStatus>
                allowClear
                style={{ minWidth: 160 }}
                placeholder={t('approvals.columns.status')}
                value={status}
                onChange={(value) => params.update({ status: value })}
                options={approvalStatuses.map((value) => ({ value, label: t(`approvals.statuses.${value}`) }))}
                data-testid="approvals-status-filter"
              />
            }
            showClear={Boolean(status)}
            onClear={() => params.update({ status: undefined })}
          />
        )}
        {approvals.isError ? (
          <QueryErrorResult error={approvals.error} onRetry={() => void approvals.refetch()} />
        ) : (
          <Table<ApprovalSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={approvals.data?.items}
            loading={approvals.isFetching}
            onChange={params.onTableChange}
            pagination={paginationOf(params, approvals.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: approvals.isPending ? ' ' : emptyText }}
            rowClassName="psm-row-link"
            onRow={(approval) =>
              ({
                'data-testid': 'approval-row',
                onClick: () => setOpen(approval.id),
              }) as HTMLAttributes<HTMLElement>
            }
          />
        )}
      </Card>
      <ApprovalDrawer id={openId} onClose={() => setOpen(null)} />
    </>
  );
};
