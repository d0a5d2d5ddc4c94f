// Tasks as a list: tick to complete (untick to reopen), overdue in red, who it is for and from, what it concerns;
// edit, cancel and delete. The tasks page and the record tabs use it.
import type { ReactNode } from 'react';
import { App, Button, Checkbox, Dropdown, Flex, List, Tag, Typography } from 'antd';
import type { ButtonProps, PaginationProps } from 'antd';
import { ClockCircleOutlined, DeleteOutlined, EditOutlined, MoreOutlined, StopOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Task } from '@openpsm/contracts';
import { useActivityErrorHandler } from '../activities/use-activity-error';
import { useFormat } from '../../lib/format';
import { useCurrentUser, usePermission } from '../../lib/session';
import { useDeleteTask, useUpdateTask } from './tasks.api';
import { priorityColor } from './task-logic';

type TaskItemProps = { task: Task; onEdit: (task: Task) => void; hideRecord?: boolean };

const TaskItem = ({ task, onEdit, hideRecord }: TaskItemProps) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const format = useFormat();
  const user = useCurrentUser();
  const handleError = useActivityErrorHandler();
  const canDeleteModule = usePermission('activity.delete');
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const done = task.status === 'done';
  const cancelled = task.status === 'cancelled';

  const setStatus = (status: Task['status']) =>
    update.mutate(
      { id: task.id, status, version: task.version },
      {
        onSuccess: () => void message.success(t(status === 'done' ? 'tasks.completed' : status === 'cancelled' ? 'tasks.cancelled' : 'tasks.reopened')),
        onError: (error) => handleError(error),
      },
    );
  const askDelete = () =>
    modal.confirm({
      title: t('tasks.deleteConfirm'),
      content: task.title,
      okButtonProps: { danger: true, 'data-testid': 'task-delete-confirm' } as ButtonProps,
      onOk: () => remove.mutateAsync({ id: task.id, version: task.version }).then(() => void message.success(t('tasks.deleted')), (error: unknown) => handleError(error)),
    });
  const askCancel = () =>
    modal.confirm({
      title: t('tasks.cancelConfirm'),
      content: task.title,
      okButtonProps: { 'data-testid': 'task-cancel-confirm' } as ButtonProps,
      onOk: () => setStatus('cancelled'),
    });

  const menu = [
    ...(task.canEdit && task.status === 'open' ? [{ key: 'cancel', icon: <StopOutlined />, label: t('tasks.cancel'), onClick: askCancel }] : []),
    ...(task.canEdit && cancelled ? [{ key: 'reopen', label: t('tasks.reopen'), onClick: () => setStatus('open') }] : []),
    ...(task.canEdit && canDeleteModule ? [{ key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('common.delete'), onClick: askDelete }] : []),
  ];
  const related: ReactNode[] = [];
  if (!hideRecord && task.organization) related.push(<Link key="o" to={`/organizations/${task.organization.id}`}>{task.organization.name}</Link>);
  if (task.project) related.push(<Link key="p" to={`/projects/${task.project.id}`}>{task.project.name}</Link>);
  if (task.contact) related.push(<Link key="c" to={`/contacts/${task.contact.id}`}>{task.contact.name}</Link>);

  return (
    <List.Item
      data-testid="task-item"
      actions={[
        ...(task.canEdit ? [<Button key="edit" size="small" type="text" icon={<EditOutlined />} onClick={() => onEdit(task)} aria-label={t('common.edit')} data-testid="task-edit" />] : []),
        ...(menu.length > 0
          ? [
              <Dropdown key="more" menu={{ items: menu }} trigger={['click']}>
                <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('common.more')} data-testid="task-more" />
              </Dropdown>,
            ]
          : []),
      ]}
    >
      <Flex gap={10} align="flex-start" style={{ minWidth: 0 }}>
        <Checkbox
          checked={done}
          disabled={!task.canEdit || cancelled || update.isPending}
          onChange={(event) => setStatus(event.target.checked ? 'done' : 'open')}
          aria-label={done ? t('tasks.reopen') : t('tasks.complete')}
          style={{ marginTop: 2 }}
          data-testid="task-done"
        />
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Flex gap={6} align="center" wrap>
            <Typography.Text delete={done || cancelled} type={cancelled ? 'secondary' : undefined} strong={!done && !cancelled} style={{ wordBreak: 'break-word' }} data-testid="task-title-text">
              {task.title}
            </Typography.Text>
            {task.priority !== 'normal' && <Tag color={priorityColor[task.priority]}>{t(`tasks.priorities.${task.priority}`)}</Tag>}
            {cancelled && <Tag>{t('tasks.statuses.cancelled')}</Tag>}
            {task.overdue && task.status === 'open' && (
              <Tag color="red" data-testid="task-overdue">
                {t('tasks.overdue')}
              </Tag>
            )}
          </Flex>
          <Flex gap={8} wrap style={{ fontSize: 12 }}>
            {task.dueAt && (
              <Typography.Text type={task.overdue && task.status === 'open' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                <ClockCircleOutlined /> {format.dateTime(task.dueAt)}
              </Typography.Text>
            )}
            {task.assignee && task.assignee.id !== user.id && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tasks.for', { name: task.assignee.displayName })}
              </Typography.Text>
            )}
            {task.createdBy && task.createdBy.id !== user.id && task.createdBy.id !== task.assignee?.id && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tasks.from', { name: task.createdBy.displayName })}
              </Typography.Text>
            )}
            {related.length > 0 && (
              <Flex gap={6} wrap style={{ fontSize: 12 }}>
                {related}
              </Flex>
            )}
          </Flex>
          {task.description && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0, fontSize: 12 }}>
              {task.description}
            </Typography.Paragraph>
          )}
        </Flex>
      </Flex>
    </List.Item>
  );
};

type TaskListProps = {
  tasks: Task[] | undefined;
  loading: boolean;
  emptyText: ReactNode;
  onEdit: (task: Task) => void;
  pagination?: PaginationProps | false;
  hideRecord?: boolean;
};

export const TaskList = ({ tasks, loading, emptyText, onEdit, pagination = false, hideRecord }: TaskListProps) => (
  <List
    dataSource={tasks}
    loading={loading}
    locale={{ emptyText }}
    pagination={pagination}
    renderItem={(task) => <TaskItem key={task.id} task={task} onEdit={onEdit} hideRecord={hideRecord} />}
    data-testid="task-list"
  />
);
