// /work-reports (ACT-4): write today's or this week's report, my reports, the team's submitted ones, who has not submitted.
import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Popover, Segmented, Tabs } from 'antd';
import { CalendarOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WorkReportKind } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { useCurrentUser, usePermission } from '../../lib/session';
import { todayIn } from '../team-activity/team-activity-period';
import { MissingReportsPanel } from './missing-reports-panel';
import { WorkReportList } from './work-report-list';
import { useDraftWorkReport } from './work-reports.api';

const tabs = ['mine', 'team', 'missing'] as const;
type Tab = (typeof tabs)[number];

/** Opens (or drafts) the reader's report of the period containing today, then shows its editor. */
const useWriteReport = () => {
  const navigate = useNavigate();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const draft = useDraftWorkReport();
  const write = (kind: WorkReportKind, date = todayIn(format.timeZone)) =>
    draft.mutate({ kind, date }, { onSuccess: (report) => navigate(`/work-reports/${report.id}`), onError: (error) => handleError(error) });
  return { write, pendingKind: draft.isPending ? draft.variables?.kind : undefined };
};

/** A report of an earlier day or week: the one forgotten yesterday, or last week's. */
const EarlierReport = ({ onOpen, pending }: { onOpen: (kind: WorkReportKind, date: string) => void; pending: boolean }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const today = dayjs(todayIn(format.timeZone));
  const [kind, setKind] = useState<WorkReportKind>('daily');
  const [date, setDate] = useState<Dayjs>(today.subtract(1, 'day'));
  const content = (
    <Flex vertical gap={8} style={{ width: 260 }}>
      <Segmented<WorkReportKind> block value={kind} onChange={setKind} options={(['daily', 'weekly'] as const).map((value) => ({ value, label: t(`workReports.kinds.${value}`) }))} />
      <DatePicker
        value={date}
        picker={kind === 'weekly' ? 'week' : 'date'}
        format={kind === 'weekly' ? undefined : format.dateFormat}
        allowClear={false}
        disabledDate={(current) => current.isAfter(today, 'day')}
        onChange={(value) => value && setDate(value)}
        data-testid="write-earlier-date"
      />
      <Button type="primary" loading={pending} onClick={() => onOpen(kind, date.format('YYYY-MM-DD'))} data-testid="write-earlier-open">
        {t('workReports.open')}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" title={t('workReports.writeEarlierTitle')} content={content} placement="bottomRight">
      <Button icon={<HistoryOutlined />} data-testid="write-earlier-report">
        {t('workReports.writeEarlier')}
      </Button>
    </Popover>
  );
};

export const WorkReportsPage = () => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = usePermission('work_report.create');
  const [searchParams, setSearchParams] = useSearchParams();
  // A reader whose scope is their own reports has no team to read.
  const hasTeam = (user.scopes.work_report ?? 'own') !== 'own';
  const visibleTabs = tabs.filter((tab) => tab === 'mine' || hasTeam);
  const requested = searchParams.get('tab');
  const active: Tab = visibleTabs.find((tab) => tab === requested) ?? (canWrite || !hasTeam ? 'mine' : 'team');
  const { write, pendingKind } = useWriteReport();

  const writeButtons = canWrite && (
    <>
      <Button type="primary" icon={<EditOutlined />} loading={pendingKind === 'daily'} disabled={Boolean(pendingKind)} onClick={() => write('daily')} data-testid="write-daily-report">
        {t('workReports.writeDaily')}
      </Button>
      <Button icon={<CalendarOutlined />} loading={pendingKind === 'weekly'} disabled={Boolean(pendingKind)} onClick={() => write('weekly')} data-testid="write-weekly-report">
        {t('workReports.writeWeekly')}
      </Button>
      <EarlierReport onOpen={write} pending={Boolean(pendingKind)} />
    </>
  );

  return (
    <>
      <PageHeader title={t('workReports.title')} subtitle={t('workReports.subtitle')} extra={writeButtons} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          // Each tab keeps its own filters; switching starts the next one clean.
          onChange={(key) => setSearchParams(key === 'mine' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={visibleTabs.map((tab) => ({
            key: tab,
            label: <span data-testid={`work-reports-tab-${tab}`}>{t(`workReports.tabs.${tab}`)}</span>,
            children: tab === 'missing' ? <MissingReportsPanel /> : <WorkReportList mode={tab} />,
          }))}
        />
      </Card>
    </>
  );
};
