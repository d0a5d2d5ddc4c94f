// Who within the reader's scope has not submitted the report of a period (ACT-4): nothing written, or a draft left.
import type { HTMLAttributes } from 'react';
import { Card, Col, DatePicker, Empty, Flex, Result, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { workReportKinds } from '@openpsm/contracts';
import type { MissingReports, WorkReportKind } from '@openpsm/contracts';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { QueryErrorResult } from '../../components/results';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { isCalendarDate, todayIn } from '../team-activity/team-activity-period';
import { usePeriodText } from './work-report-labels';
import { useMissingReports } from './work-reports.api';

type MissingRow = MissingReports['missing'][number];

export const MissingReportsPanel = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const periodText = usePeriodText();
  const canPickDepartment = usePermission('department.view');
  const [searchParams, setSearchParams] = useSearchParams();
  const requestedKind = searchParams.get('kind');
  const kind: WorkReportKind = requestedKind === 'weekly' ? 'weekly' : 'daily';
  const requestedDate = searchParams.get('date');
  const date = isCalendarDate(requestedDate) ? requestedDate : todayIn(format.timeZone);
  const departmentId = searchParams.get('departmentId') ?? undefined;
  const missing = useMissingReports({ kind, date, departmentId });

  const set = (patch: Record<string, string | undefined>) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(patch)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<MissingRow> = [
    {
      key: 'user',
      title: t('workReports.missing.user'),
      render: (_, row) => (row.user ? <Link to={`/coaching/${row.user.id}`}>{row.user.displayName}</Link> : t('common.empty')),
    },
    { key: 'department', title: t('workReports.missing.department'), render: (_, row) => row.departmentName ?? t('common.empty') },
    {
      key: 'status',
      title: t('workReports.missing.status'),
      render: (_, row) => <Tag color={row.status === 'draft' ? 'gold' : 'red'}>{t(`workReports.missing.statuses.${row.status}`)}</Tag>,
    },
  ];

  const data = missing.data;
  return (
    <Flex vertical gap={12} data-testid="missing-reports">
      <Flex gap={8} wrap align="center">
        <Segmented<WorkReportKind>
          value={kind}
          onChange={(value) => set({ kind: value === 'daily' ? undefined : value })}
          options={workReportKinds.map((value) => ({ value, label: t(`workReports.kinds.${value}`) }))}
          data-testid="missing-reports-kind"
        />
        <DatePicker
          allowClear={false}
          format={format.dateFormat}
          value={dayjs(date)}
          onChange={(value) => set({ date: value ? value.format('YYYY-MM-DD') : undefined })}
          aria-label={t('workReports.missing.date')}
          data-testid="missing-reports-date"
        />
        {canPickDepartment && (
          <DepartmentTreeSelect style={{ minWidth: 200 }} placeholder={t('workReports.missing.department')} value={departmentId} onChange={(value) => set({ departmentId: value })} />
        )}
        {data && (
          <Typography.Text type="secondary">
            {t('workReports.missing.period', { period: periodText({ kind: data.kind, periodStart: data.periodStart, periodEnd: data.periodEnd }) })}
          </Typography.Text>
        )}
      </Flex>
      {missing.isError ? (
        <QueryErrorResult error={missing.error} onRetry={() => void missing.refetch()} />
      ) : (
        <>
          <Row gutter={12}>
            <Col xs={8} sm={6} md={4}>
              <Card size="small">
                <Statistic title={t('workReports.missing.expected')} value={data?.expected ?? '—'} loading={missing.isPending} />
              </Card>
            </Col>
            <Col xs={8} sm={6} md={4}>
              <Card size="small">
                <Statistic title={t('workReports.missing.submitted')} value={data?.submitted ?? '—'} loading={missing.isPending} styles={{ content: { color: '#389e0d' } }} />
              </Card>
            </Col>
            <Col xs={8} sm={6} md={4}>
              <Card size="small">
                <Statistic
                  title={t('workReports.missing.missingCount')}
                  value={data?.missing.length ?? '—'}
                  loading={missing.isPending}
                  styles={{ content: { color: data && data.missing.length > 0 ? '#cf1322' : undefined } }}
                />
              </Card>
            </Col>
          </Row>
          {data && data.expected > 0 && data.missing.length === 0 ? (
            <Result status="success" title={t('workReports.missing.allSubmitted')} />
          ) : (
            <Table<MissingRow>
              rowKey={(row) => row.user?.id ?? row.departmentName ?? ''}
              size="middle"
              columns={columns}
              dataSource={data?.missing}
              loading={missing.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: missing.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              onRow={() => ({ 'data-testid': 'missing-report-row' }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </>
      )}
    </Flex>
  );
};
