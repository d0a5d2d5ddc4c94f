// One activity as a compact card: the record timelines and the list at phone width show these instead of a table.
import { Avatar, Flex, Tooltip, Typography } from 'antd';
import { CameraOutlined, EnvironmentOutlined, MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@openpsm/contracts';
import { activityTypeColor } from './activity-logic';
import { ActivityStatusTag, activityTypeIcon, useActivityTypeLabel, useTimeRange } from './activity-labels';

type ActivityCardProps = {
  activity: Activity;
  onOpen: (id: string) => void;
  /** The record page already says which organisation or project it is. */
  hideTarget?: 'organization' | 'project';
};

export const ActivityCard = ({ activity, onOpen, hideTarget }: ActivityCardProps) => {
  const { t } = useTranslation();
  const typeLabel = useActivityTypeLabel();
  const timeRange = useTimeRange();
  const target = [hideTarget === 'organization' ? null : activity.organization?.name, hideTarget === 'project' ? null : activity.project?.name].filter(Boolean);
  const people = activity.contacts.map((contact) => contact.name).join('、');
  return (
    <Flex
      gap={12}
      align="flex-start"
      role="button"
      tabIndex={0}
      onClick={() => onOpen(activity.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(activity.id);
        }
      }}
      style={{ cursor: 'pointer', paddingBlock: 4, opacity: activity.status === 'cancelled' ? 0.55 : 1 }}
      data-testid="activity-card"
    >
      <Tooltip title={typeLabel(activity.type)}>
        <Avatar size={36} icon={activityTypeIcon(activity.type)} style={{ background: activityTypeColor(activity.type).hex, flex: 'none' }} />
      </Tooltip>
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong delete={activity.status === 'cancelled'} style={{ wordBreak: 'break-word' }} data-testid="activity-card-subject">
            {activity.subject}
          </Typography.Text>
          {activity.status !== 'done' && <ActivityStatusTag status={activity.status} />}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[timeRange(activity), activity.owner?.displayName, ...target].filter(Boolean).join(' · ')}
        </Typography.Text>
        {people && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('activities.card.with', { names: people })}
          </Typography.Text>
        )}
        {(activity.content || activity.outcome) && (
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
            {activity.content ?? activity.outcome}
          </Typography.Paragraph>
        )}
        <Flex gap={12} style={{ fontSize: 12 }}>
          {activity.checkin && (
            <Typography.Text type="success" style={{ fontSize: 12 }} data-testid="activity-card-checked-in">
              <EnvironmentOutlined /> {t('activities.card.checkedIn')}
            </Typography.Text>
          )}
          {activity.attachmentCount > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <CameraOutlined /> {activity.attachmentCount}
            </Typography.Text>
          )}
          {activity.commentCount > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="activity-card-comments">
              <MessageOutlined /> {activity.commentCount}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
    </Flex>
  );
};
