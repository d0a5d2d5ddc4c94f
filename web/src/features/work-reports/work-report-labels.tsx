// How a report's kind, status and period read on screen.
import { useCallback } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkReport, WorkReportKind } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { periodText } from './work-report-period';

export const usePeriodText = () => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return useCallback(
    (report: Pick<WorkReport, 'kind' | 'periodStart' | 'periodEnd'>) =>
      periodText(report, (value) => format.date(value), {
        daily: (date, weekday) => t('workReports.periodDaily', { date, weekday }),
        weekly: (start, end) => t('workReports.periodWeekly', { start, end }),
      }),
    // The weekday follows the language (dayjs switches with it), hence the language among the dependencies.
    [format, t, i18n.language],
  );
};

export const WorkReportKindTag = ({ kind }: { kind: WorkReportKind }) => {
  const { t } = useTranslation();
  return <Tag color={kind === 'daily' ? 'blue' : 'purple'}>{t(`workReports.kinds.${kind}`)}</Tag>;
};

export const WorkReportStatusTag = ({ status }: { status: WorkReport['status'] }) => {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'submitted' ? 'green' : 'default'} data-testid="work-report-status">
      {t(`workReports.statuses.${status}`)}
    </Tag>
  );
};
