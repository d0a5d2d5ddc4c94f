// The Activities tab of an organisation, contact or project (ACT-1, ACT-8 of issue 6): the record's follow-ups and
// planned activities as a timeline, newest first, with the quick log prefilled with the record.
import { useState } from 'react';
import { Button, Empty, Flex, Segmented, Skeleton, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryErrorResult } from '../../components/results';
import { useActivities } from './activities.api';
import { activityTypeColor } from './activity-logic';
import { ActivityCard } from './activity-card';
import { ActivityDrawer } from './activity-drawer';
import type { ActivityContext } from './activity-editor';
import { QuickLogButton } from './quick-log-button';

const PAGE = 20;

type RecordActivitiesProps = {
  /** Which record's activities: the list filter. */
  filter: { organizationId: string } | { projectId: string } | { contactId: string };
  /** What the quick log is prefilled with. */
  context: ActivityContext;
};

type StatusFilter = 'all' | 'done' | 'planned';

export const RecordActivities = ({ filter, context }: RecordActivitiesProps) => {
  const { t } = useTranslation();
  const [pageSize, setPageSize] = useState(PAGE);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const activities = useActivities({ ...filter, status: status === 'all' ? undefined : status, sort: '-startsAt', page: 1, pageSize });
  const items = activities.data?.items ?? [];
  const total = activities.data?.total ?? 0;
  const hideTarget = 'organizationId' in filter ? 'organization' : 'projectId' in filter ? 'project' : undefined;

  return (
    <Flex vertical gap={12} data-testid="record-activities">
      <Flex justify="space-between" gap={8} wrap>
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: t('activities.record.all') },
            { value: 'done', label: t('activities.record.done') },
            { value: 'planned', label: t('activities.record.planned') },
          ]}
        />
        <QuickLogButton context={context} testId="record-quick-log" />
      </Flex>
      {activities.isPending ? (
        <Skeleton active avatar paragraph={{ rows: 4 }} />
      ) : activities.isError ? (
        <QueryErrorResult error={activities.error} onRetry={() => void activities.refetch()} />
      ) : items.length === 0 ? (
        <Empty description={t(status === 'planned' ? 'activities.record.noPlanned' : 'activities.record.empty')} />
      ) : (
        <>
          <Timeline
            items={items.map((activity) => ({
              key: activity.id,
              color: activity.status === 'planned' ? 'gray' : activityTypeColor(activity.type).hex,
              content: <ActivityCard activity={activity} onOpen={setOpenId} hideTarget={hideTarget} />,
            }))}
          />
          {total > items.length && (
            <Button onClick={() => setPageSize((size) => Math.min(200, size + PAGE))} loading={activities.isFetching} data-testid="record-activities-more">
              {t('activities.record.more', { shown: items.length, total })}
            </Button>
          )}
        </>
      )}
      <ActivityDrawer activityId={openId} onClose={() => setOpenId(null)} />
    </Flex>
  );
};
