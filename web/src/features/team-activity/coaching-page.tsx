// /coaching/:userId (ACT-3, 点评): one rep's recent activities and submitted reports, each with its comment thread, so a
// manager reads and comments on them in one place.
import { Card, Empty, Flex, Segmented, Tabs, Tag, Typography } from 'antd';
import { EnvironmentOutlined, ExportOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Coaching } from '@openpsm/contracts';
import { CommentThread } from '../../components/comments/comment-thread';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useFormat } from '../../lib/format';
import { useOptionLabeler } from '../../lib/reference-data';
import { usePeriodText, WorkReportKindTag } from '../work-reports/work-report-labels';
import { useCoaching } from './team-activity.api';

const dayChoices = [7, 14, 30] as const;
type CoachedActivity = Coaching['activities'][number];
type CoachedReport = Coaching['reports'][number];

const Labelled = ({ label, text }: { label: string; text: string | null }) =>
  text?.trim() ? (
    <div style={{ marginBottom: 6 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} ellipsis={{ rows: 4, expandable: 'collapsible' }}>
        {text}
      </Typography.Paragraph>
    </div>
  ) : null;

const ActivityCard = ({ activity }: { activity: CoachedActivity }) => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const typeLabel = useOptionLabeler(i18n.language);
  return (
    <Card
      size="small"
      data-testid="coaching-activity"
      data-activity-id={activity.id}
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <Tag color="blue">{typeLabel('activity_type', activity.type)}</Tag>
          {activity.status !== 'done' && <Tag>{t(`coaching.activityStatuses.${activity.status}`)}</Tag>}
          <Typography.Text strong>{activity.subject}</Typography.Text>
        </Flex>
      }
      extra={
        <Link to={`/activities?open=${activity.id}`} aria-label={t('coaching.openActivity')} title={t('coaching.openActivity')}>
          <ExportOutlined />
        </Link>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{format.dateTime(activity.startsAt)}</Typography.Text>
        {activity.organization && <Link to={`/organizations/${activity.organization.id}`}>{activity.organization.name}</Link>}
        {activity.project && <Link to={`/projects/${activity.project.id}`}>{activity.project.name}</Link>}
        {activity.contacts.length > 0 && <Typography.Text type="secondary">{activity.contacts.map((contact) => contact.name).join('、')}</Typography.Text>}
        {activity.checkin && (
          <Tag icon={<EnvironmentOutlined />} color="green">
            {t('coaching.checkedIn')}
          </Tag>
        )}
      </Flex>
      <Labelled label={t('coaching.content')} text={activity.content} />
      <Labelled label={t('coaching.outcome')} text={activity.outcome} />
      <Labelled label={t('coaching.nextStep')} text={activity.nextStep ? `${activity.nextStep}${activity.nextAt ? `（${format.dateTime(activity.nextAt)}）` : ''}` : null} />
      <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 8, paddingTop: 8 }}>
        <CommentThread recordType="activity" recordId={activity.id} initialComments={activity.comments} composer="button" />
      </div>
    </Card>
  );
};

const ReportCard = ({ report }: { report: CoachedReport }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const periodText = usePeriodText();
  return (
    <Card
      size="small"
      data-testid="coaching-report"
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <WorkReportKindTag kind={report.kind} />
          <Link to={`/work-reports/${report.id}`}>{periodText(report)}</Link>
        </Flex>
      }
      extra={<Typography.Text type="secondary">{report.submittedAt ? format.dateTime(report.submittedAt) : null}</Typography.Text>}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 8, expandable: 'collapsible' }}>
        {report.summary}
      </Typography.Paragraph>
      <Labelled label={t('coaching.problems')} text={report.problems} />
      <Labelled label={t('coaching.plans')} text={report.plans} />
      <div style={{ borderTop: '1px solid #f0f0f0', marginTop: 8, paddingTop: 8 }}>
        <CommentThread recordType="work_report" recordId={report.id} initialComments={report.comments} composer="button" />
      </div>
    </Card>
  );
};

export const CoachingPage = () => {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const requestedDays = Number(searchParams.get('days'));
  const days = dayChoices.find((choice) => choice === requestedDays) ?? 14;
  const tab = searchParams.get('tab') === 'reports' ? 'reports' : 'activities';
  const coaching = useCoaching(userId, days);

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

  if (coaching.isPending) return <PageSkeleton />;
  if (coaching.isError) return <QueryErrorResult error={coaching.error} onRetry={() => void coaching.refetch()} />;
  const { user, activities, reports } = coaching.data;
  const label = (text: string, count: number) => (
    <Flex gap={6} align="center">
      {text}
      <Typography.Text type="secondary">{count}</Typography.Text>
    </Flex>
  );

  return (
    <>
      <PageHeader
        backTo="/team-activity"
        title={t('coaching.title', { name: user?.displayName ?? '—' })}
        subtitle={t('coaching.subtitle')}
        extra={
          <Segmented<number>
            value={days}
            onChange={(value) => set({ days: value === 14 ? undefined : String(value) })}
            options={dayChoices.map((choice) => ({ value: choice, label: t('coaching.days', { days: choice }) }))}
            data-testid="coaching-days"
          />
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }} loading={coaching.isFetching && coaching.isPlaceholderData}>
        <Tabs
          activeKey={tab}
          onChange={(key) => set({ tab: key === 'reports' ? key : undefined })}
          items={[
            {
              key: 'activities',
              label: <span data-testid="coaching-tab-activities">{label(t('coaching.tabs.activities'), activities.length)}</span>,
              children:
                activities.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coaching.noActivities')} />
                ) : (
                  <Flex vertical gap={12}>
                    {activities.map((activity) => (
                      <ActivityCard key={activity.id} activity={activity} />
                    ))}
                  </Flex>
                ),
            },
            {
              key: 'reports',
              label: <span data-testid="coaching-tab-reports">{label(t('coaching.tabs.reports'), reports.length)}</span>,
              children:
                reports.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coaching.noReports')} />
                ) : (
                  <Flex vertical gap={12}>
                    {reports.map((report) => (
                      <ReportCard key={report.id} report={report} />
                    ))}
                  </Flex>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
};
