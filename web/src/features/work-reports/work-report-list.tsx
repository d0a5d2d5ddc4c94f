// A table of work reports: the reader's own (drafts included) or the team's submitted ones, with the filters in the URL.
import type { HTMLAttributes } from 'react';
import { DatePicker, Empty, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { workReportKinds } from '@openpsm/contracts';
import type { WorkReport, WorkReportKind } from '@openpsm/contracts';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { ListToolbar, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { QueryErrorResult } from '../../components/results';
import { useIsMobile } from '../../components/use-is-mobile';
import { UserSelect } from '../../components/user-select';
import { useFormat } from '../../lib/format';
import { useCurrentUser, usePermission } from '../../lib/session';
import { usePeriodText, WorkReportKindTag, WorkReportStatusTag } from './work-report-labels';
import { useWorkReports } from './work-reports.api';

const DEFAULT_SORT = '-periodStart';
const statuses = ['draft', 'submitted'] as const;
type Status = (typeof statuses)[number];
const isKind = (value: string | undefined): value is WorkReportKind => workReportKinds.includes(value as WorkReportKind);
const isStatus = (value: string | undefined): value is Status => statuses.includes(value as Status);
const isDate = (value: string | undefined): value is string => Boolean(value && /^\d{4}-\d{2}-\d{2}$/.test(value));

export type WorkReportListMode = 'mine' | 'team';

const ReportLink = ({ report }: { report: WorkReport }) => {
  const periodText = usePeriodText();
  return (
    <Link to={`/work-reports/${report.id}`} onClick={(event) => event.stopPropagation()} style={{ fontWeight: 500 }} data-testid="work-report-link">
      {periodText(report)}
    </Link>
  );
};

const CommentCount = ({ count }: { count: number }) =>
  count > 0 ? (
    <Typography.Text type="secondary">
      <MessageOutlined /> {count}
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">0</Typography.Text>
  );

const useColumns = (mode: WorkReportListMode, sortOrderOf: (field: string) => 'ascend' | 'descend' | null): TableColumnsType<WorkReport> => {
  const { t } = useTranslation();
  const format = useFormat();
  const isMobile = useIsMobile();
  if (isMobile) {
    return [
      {
        key: 'summary',
        title: t('workReports.columns.period'),
        render: (_, report) => (
          <Flex vertical gap={2}>
            <Flex justify="space-between" gap={8} align="center">
              <ReportLink report={report} />
              <Flex gap={4}>
                <WorkReportKindTag kind={report.kind} />
                <WorkReportStatusTag status={report.status} />
              </Flex>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[mode === 'team' ? report.user?.displayName : null, `${t('workReports.columns.activityCount')} ${report.activityCount}`, `${t('workReports.columns.commentCount')} ${report.commentCount}`]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </Flex>
        ),
      },
    ];
  }
  const sorted = (field: string) => ({ sorter: true, sortOrder: sortOrderOf(field), sortDirections: ['descend', 'ascend'] as ('descend' | 'ascend')[] });
  return [
    { key: 'periodStart', title: t('workReports.columns.period'), className: 'psm-nowrap', ...sorted('periodStart'), render: (_, report) => <ReportLink report={report} /> },
    { key: 'kind', title: t('workReports.columns.kind'), render: (_, report) => <WorkReportKindTag kind={report.kind} /> },
    ...(mode === 'team' ? [{ key: 'author', title: t('workReports.columns.author'), className: 'psm-nowrap', render: (_: unknown, report: WorkReport) => report.user?.displayName ?? t('common.empty') }] : []),
    { key: 'status', title: t('workReports.columns.status'), render: (_, report) => <WorkReportStatusTag status={report.status} /> },
    { key: 'activityCount', title: t('workReports.columns.activityCount'), align: 'right', dataIndex: 'activityCount' },
    { key: 'commentCount', title: t('workReports.columns.commentCount'), align: 'right', render: (_, report) => <CommentCount count={report.commentCount} /> },
    { key: 'submittedAt', title: t('workReports.columns.submittedAt'), className: 'psm-nowrap', ...sorted('submittedAt'), render: (_, report) => format.dateTime(report.submittedAt) },
    { key: 'updatedAt', title: t('workReports.columns.updatedAt'), className: 'psm-nowrap', ...sorted('updatedAt'), render: (_, report) => format.dateTime(report.updatedAt) },
  ];
};

export const WorkReportList = ({ mode }: { mode: WorkReportListMode }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const format = useFormat();
  const canPickDepartment = usePermission('department.view');
  const params = useListParams({ pageSize: 20, sort: DEFAULT_SORT });
  const { filters } = params;
  const kind = isKind(filters.kind) ? filters.kind : undefined;
  // The team's list is for reading: submitted reports, unless the reader asks for their own drafts.
  const status = isStatus(filters.status) ? filters.status : undefined;
  const from = isDate(filters.from) ? filters.from : undefined;
  const to = isDate(filters.to) ? filters.to : undefined;
  const userId = mode === 'mine' ? user.id : filters.userId;
  const departmentId = mode === 'team' ? filters.departmentId : undefined;
  const reports = useWorkReports({
    kind,
    status: mode === 'team' ? (status ?? 'submitted') : status,
    userId,
    departmentId,
    from,
    to,
    page: params.page,
    pageSize: params.pageSize,
    sort: params.sort,
  });
  const columns = useColumns(mode, params.sortOrderOf);
  const hasFilters = Boolean(kind || status || from || to || (mode === 'team' && (filters.userId || departmentId)));

  const toolbar = (
    <ListToolbar
      filters={
        <>
          <Select<WorkReportKind>
            allowClear
            style={{ minWidth: 120 }}
            placeholder={t('workReports.filters.kind')}
            value={kind}
            onChange={(value) => params.update({ kind: value })}
            options={workReportKinds.map((value) => ({ value, label: t(`workReports.kinds.${value}`) }))}
            data-testid="work-reports-kind-filter"
          />
          {mode === 'mine' && (
            <Select<Status>
              allowClear
              style={{ minWidth: 120 }}
              placeholder={t('workReports.filters.status')}
              value={status}
              onChange={(value) => params.update({ status: value })}
              options={statuses.map((value) => ({ value, label: t(`workReports.statuses.${value}`) }))}
              data-testid="work-reports-status-filter"
            />
          )}
          {mode === 'team' && (
            <UserSelect
              style={{ minWidth: 180 }}
              placeholder={t('workReports.filters.user')}
              value={filters.userId}
              onChange={(value) => params.update({ userId: value })}
              data-testid="work-reports-user-filter"
            />
          )}
          {mode === 'team' && canPickDepartment && (
            <DepartmentTreeSelect
              style={{ minWidth: 180 }}
              placeholder={t('workReports.filters.department')}
              value={departmentId}
              onChange={(value) => params.update({ departmentId: value })}
              data-testid="work-reports-department-filter"
            />
          )}
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            format={format.dateFormat}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(value) => params.update({ from: value?.[0]?.format('YYYY-MM-DD'), to: value?.[1]?.format('YYYY-MM-DD') })}
            aria-label={t('workReports.filters.period')}
            data-testid="work-reports-period-filter"
          />
        </>
      }
      showClear={hasFilters}
      // Only this list's filters: the tab the list sits in is in the URL too.
      onClear={() => params.update({ kind: undefined, status: undefined, userId: undefined, departmentId: undefined, from: undefined, to: undefined })}
    />
  );

  if (reports.isError) {
    return (
      <>
        {toolbar}
        <QueryErrorResult error={reports.error} onRetry={() => void reports.refetch()} />
      </>
    );
  }
  const emptyText = hasFilters ? <Empty description={t('workReports.empty.team')} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`workReports.empty.${mode}`)} />;
  return (
    <>
      {toolbar}
      <Table<WorkReport>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={reports.data?.items}
        loading={reports.isFetching}
        onChange={params.onTableChange}
        pagination={paginationOf(params, reports.data?.total, (total) => t('common.total', { total }))}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: reports.isPending ? ' ' : emptyText }}
        rowClassName="psm-row-link"
        onRow={(report) => ({ 'data-testid': 'work-report-row', onClick: () => navigate(`/work-reports/${report.id}`) }) as HTMLAttributes<HTMLElement>}
      />
    </>
  );
};
