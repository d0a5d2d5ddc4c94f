// An activity's field-level history: who logged, edited, completed, checked in.
import { useTranslation } from 'react-i18next';
import type { ActivityStatus } from '@openpsm/contracts';
import { activityStatuses } from '@openpsm/contracts';
import { HistoryTimeline } from '../../components/history-timeline';
import { QueryErrorResult } from '../../components/results';
import { UserName } from '../../components/user-name';
import { useFormat } from '../../lib/format';
import { useActivityHistory } from './activities.api';
import { useActivityTypeLabel } from './activity-labels';

const TIME_FIELDS = new Set(['startsAt', 'endsAt', 'nextAt', 'doneAt', 'checkinAt', 'checkoutAt']);

export const ActivityHistory = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const typeLabel = useActivityTypeLabel();
  const history = useActivityHistory(id);
  const formatValue = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    if (field === 'type' && typeof value === 'string') return typeLabel(value);
    if (field === 'status' && activityStatuses.includes(value as ActivityStatus)) return t(`activities.statuses.${value as ActivityStatus}`);
    if (TIME_FIELDS.has(field) && typeof value === 'string') return format.dateTime(value);
    if ((field === 'ownerId' || field === 'createdBy') && typeof value === 'string') return <UserName id={value} />;
    return undefined;
  };
  if (history.isError) return <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  return <HistoryTimeline entries={history.data} loading={history.isPending} recordType="activity" formatValue={formatValue} />;
};
