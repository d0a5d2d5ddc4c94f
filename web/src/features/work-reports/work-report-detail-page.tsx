// /work-reports/:id — a report: the author edits and submits their draft; readers see the text, the period's
// activities and the comment thread (点评).
import { Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { UnorderedListOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WorkReport } from '@openpsm/contracts';
import { CommentThread } from '../../components/comments/comment-thread';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { activitiesLink } from '../team-activity/team-activity-period';
import { WorkReportEditor } from './work-report-editor';
import { usePeriodText, WorkReportKindTag, WorkReportStatusTag } from './work-report-labels';
import { useWorkReport } from './work-reports.api';

const Section = ({ title, text, testId }: { title: string; text: string | null; testId: string }) => {
  const { t } = useTranslation();
  return (
    <section style={{ marginBottom: 20 }}>
      <Typography.Title level={5}>{title}</Typography.Title>
      {text?.trim() ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid={testId}>
          {text}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t('workReports.detail.noText')}</Typography.Text>
      )}
    </section>
  );
};

const ReportText = ({ report }: { report: WorkReport }) => {
  const { t } = useTranslation();
  return (
    <div data-testid="work-report-text">
      <Section title={t('workReports.editor.summary')} text={report.summary} testId="work-report-summary-text" />
      <Section title={t('workReports.editor.problems')} text={report.problems} testId="work-report-problems-text" />
      <Section title={t('workReports.editor.plans')} text={report.plans} testId="work-report-plans-text" />
    </div>
  );
};

const ReportFacts = ({ report }: { report: WorkReport }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const periodText = usePeriodText();
  const canSeeActivities = usePermission('activity.view');
  const activities = report.user
    ? activitiesLink({ ownerId: report.user.id, status: 'done' }, { from: report.periodStart, to: report.periodEnd }, format.timeZone)
    : null;
  return (
    <Card size="small">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'author', label: t('workReports.columns.author'), children: report.user?.displayName ?? t('common.empty') },
          { key: 'period', label: t('workReports.columns.period'), children: periodText(report) },
          { key: 'status', label: t('workReports.columns.status'), children: <WorkReportStatusTag status={report.status} /> },
          {
            key: 'submittedAt',
            label: t('workReports.columns.submittedAt'),
            children: report.submittedAt ? format.dateTime(report.submittedAt) : t('workReports.detail.notSubmitted'),
          },
          {
            key: 'activities',
            label: t('workReports.columns.activityCount'),
            children: (
              <Flex vertical gap={2}>
                <span data-testid="work-report-activity-count">{t('workReports.detail.activities', { count: report.activityCount })}</span>
                {activities && canSeeActivities && report.activityCount > 0 && (
                  <Link to={activities}>
                    <UnorderedListOutlined /> {t('workReports.detail.viewActivities')}
                  </Link>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
};

export const WorkReportDetailPage = () => {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const periodText = usePeriodText();
  const report = useWorkReport(id);
  if (report.isPending) return <PageSkeleton />;
  if (report.isError) return <QueryErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  const data = report.data;
  const editing = data.canEdit && data.status === 'draft';

  return (
    <>
      <PageHeader
        backTo="/work-reports"
        title={`${t(`workReports.kinds.${data.kind}`)} · ${periodText(data)}`}
        subtitle={data.user?.displayName}
        tags={
          <>
            <WorkReportKindTag kind={data.kind} />
            <WorkReportStatusTag status={data.status} />
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Flex vertical gap={16}>
            <Card>{editing ? <WorkReportEditor key={`${data.id}-${data.version}`} report={data} /> : <ReportText report={data} />}</Card>
            <Card size="small" title={t('comments.title')} data-testid="work-report-comments">
              {data.status === 'submitted' ? (
                <CommentThread recordType="work_report" recordId={data.id} />
              ) : (
                <Typography.Text type="secondary">{t('workReports.detail.commentsHint')}</Typography.Text>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <ReportFacts report={data} />
        </Col>
      </Row>
    </>
  );
};
