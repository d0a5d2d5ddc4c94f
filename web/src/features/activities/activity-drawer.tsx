// One activity in a drawer, opened from the list, the calendar, a record's timeline or a team-visibility link: every
// field, its contacts, photos, check-in / out, the manager's comments (点评) and the history; edit, complete a planned
// one as a follow-up record, cancel, delete.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Descriptions, Drawer, Dropdown, Flex, Result, Skeleton, Tabs, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, EditOutlined, MoreOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@openpsm/contracts';
import { CommentThread } from '../../components/comments/comment-thread';
import { QueryErrorResult } from '../../components/results';
import { useActivityErrorHandler } from './use-activity-error';
import { useIsMobile } from '../../components/use-is-mobile';
import { isApiError } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { useActivity, useDeleteActivity, useUpdateActivity } from './activities.api';
import { ActivityAttachments } from './activity-attachments';
import { ActivityEditor } from './activity-editor';
import { ActivityHistory } from './activity-history';
import { ActivityStatusTag, ActivityTypeTag, useTimeRange } from './activity-labels';
import { CheckInButton, CheckPoints } from './check-in';

const Text = ({ value }: { value: string | null }) =>
  value ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, wordBreak: 'break-word' }}>{value}</Typography.Paragraph> : <Typography.Text type="secondary">—</Typography.Text>;

const ActivityDetails = ({ activity, onEdit, onComplete, onDone }: { activity: Activity; onEdit: () => void; onComplete: () => void; onDone: () => void }) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const format = useFormat();
  const handleError = useActivityErrorHandler();
  const canEditModule = usePermission('activity.edit');
  const canDeleteModule = usePermission('activity.delete');
  const update = useUpdateActivity();
  const remove = useDeleteActivity();
  const timeRange = useTimeRange();
  const canEdit = activity.canEdit && canEditModule;
  const canDelete = activity.canEdit && canDeleteModule;
  const planned = activity.status === 'planned';

  const askCancel = () =>
    modal.confirm({
      title: t('activities.detail.cancelConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'activity-cancel-confirm' } as ButtonProps,
      onOk: () =>
        update.mutateAsync({ id: activity.id, status: 'cancelled', version: activity.version }).then(
          () => void message.success(t('activities.detail.cancelled')),
          (error: unknown) => handleError(error),
        ),
    });
  const askDelete = () =>
    modal.confirm({
      title: t('activities.detail.deleteConfirm'),
      content: activity.subject,
      okButtonProps: { danger: true, 'data-testid': 'activity-delete-confirm' } as ButtonProps,
      onOk: () =>
        remove.mutateAsync({ id: activity.id, version: activity.version }).then(
          () => {
            void message.success(t('activities.detail.deleted'));
            onDone();
          },
          (error: unknown) => handleError(error),
        ),
    });

  const moreItems = [
    ...(canEdit && planned ? [{ key: 'cancel', icon: <StopOutlined />, label: t('activities.detail.cancel'), onClick: askCancel }] : []),
    ...(canDelete ? [{ key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('common.delete'), onClick: askDelete }] : []),
  ];

  const row = (label: string, content: ReactNode, testId?: string) => ({ key: label, label, children: <span data-testid={testId}>{content}</span> });
  const items = [
    row(t('activities.fields.time'), timeRange(activity), 'activity-time'),
    row(
      t('activities.fields.organization'),
      activity.organization ? <Link to={`/organizations/${activity.organization.id}`}>{activity.organization.name}</Link> : '—',
      'activity-organization-link',
    ),
    ...(activity.project ? [row(t('activities.fields.project'), <Link to={`/projects/${activity.project.id}`}>{activity.project.name}</Link>, 'activity-project-link')] : []),
    row(
      t('activities.fields.contacts'),
      activity.contacts.length > 0 ? (
        <Flex gap={8} wrap>
          {activity.contacts.map((contact) => (
            <Link key={contact.id} to={`/contacts/${contact.id}`}>
              {contact.name}
            </Link>
          ))}
        </Flex>
      ) : (
        '—'
      ),
      'activity-contacts-view',
    ),
    row(t('activities.fields.owner'), activity.owner?.displayName ?? '—', 'activity-owner'),
    ...(activity.createdBy && activity.createdBy.id !== activity.owner?.id ? [row(t('activities.fields.createdBy'), activity.createdBy.displayName)] : []),
    row(t(planned ? 'activities.fields.agenda' : 'activities.fields.content'), <Text value={activity.content} />, 'activity-content-view'),
    ...(planned ? [] : [row(t('activities.fields.outcome'), <Text value={activity.outcome} />, 'activity-outcome-view')]),
    ...(activity.nextStep || activity.nextAt
      ? [
          row(
            t('activities.fields.nextStep'),
            <Flex vertical gap={2}>
              <span>{activity.nextStep ?? '—'}</span>
              {activity.nextAt && (
                <Typography.Text type="secondary">
                  {format.dateTime(activity.nextAt)}
                  {activity.nextTaskId && (
                    <>
                      {' · '}
                      <Link to={`/tasks?open=${activity.nextTaskId}`} data-testid="activity-next-task">
                        {t('activities.detail.openTask')}
                      </Link>
                    </>
                  )}
                </Typography.Text>
              )}
            </Flex>,
            'activity-next-view',
          ),
        ]
      : []),
    ...(activity.doneAt && activity.status === 'done' ? [row(t('activities.fields.doneAt'), format.dateTime(activity.doneAt))] : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <ActivityTypeTag type={activity.type} />
        <ActivityStatusTag status={activity.status} />
      </Flex>
      <Flex gap={8} wrap>
        <CheckInButton activity={activity} />
        {canEdit && planned && (
          <Button type="primary" icon={<CheckCircleOutlined />} onClick={onComplete} data-testid="activity-complete">
            {t('activities.detail.complete')}
          </Button>
        )}
        {canEdit && (
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="activity-edit">
            {t('common.edit')}
          </Button>
        )}
        {moreItems.length > 0 && (
          <Dropdown menu={{ items: moreItems }} trigger={['click']}>
            <Button icon={<MoreOutlined />} aria-label={t('common.more')} data-testid="activity-more-actions" />
          </Dropdown>
        )}
      </Flex>
      <CheckPoints activity={activity} />
      <Descriptions size="small" column={1} bordered items={items} styles={{ label: { width: 96, whiteSpace: 'nowrap' } }} data-testid="activity-details" />
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('activities.fields.photos')}
        </Typography.Title>
        <ActivityAttachments activityId={activity.id} canEdit={canEdit} />
      </div>
      <Tabs
        items={[
          {
            key: 'comments',
            label: <span data-testid="activity-comments-tab">{t('activities.detail.comments', { count: activity.commentCount })}</span>,
            children: <CommentThread recordType="activity" recordId={activity.id} />,
          },
          { key: 'history', label: <span data-testid="activity-history-tab">{t('common.history')}</span>, children: <ActivityHistory id={activity.id} /> },
        ]}
      />
    </Flex>
  );
};

type ActivityDrawerProps = {
  /** The activity to show; null keeps the drawer closed. */
  activityId: string | null;
  onClose: () => void;
};

export const ActivityDrawer = ({ activityId, onClose }: ActivityDrawerProps) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const activity = useActivity(activityId);
  const [editing, setEditing] = useState<'edit' | 'complete' | null>(null);
  const record = activity.data;

  let body: ReactNode;
  if (activity.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (activity.isError) {
    body =
      isApiError(activity.error) && activity.error.status === 404 ? (
        <Result status="404" subTitle={t('activities.detail.notFound')} />
      ) : (
        <QueryErrorResult error={activity.error} onRetry={() => void activity.refetch()} />
      );
  } else if (record) {
    body = <ActivityDetails activity={record} onEdit={() => setEditing('edit')} onComplete={() => setEditing('complete')} onDone={onClose} />;
  }

  return (
    <>
      <Drawer
        open={Boolean(activityId)}
        onClose={onClose}
        size={isMobile ? '100%' : 640}
        title={<span data-testid="activity-drawer-title">{record?.subject ?? t('activities.detail.title')}</span>}
        destroyOnHidden
        data-testid="activity-drawer"
      >
        {body}
      </Drawer>
      {record && editing && <ActivityEditor open mode={editing} activity={record} onClose={() => setEditing(null)} />}
    </>
  );
};
