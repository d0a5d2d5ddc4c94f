// The Tasks tab of an organisation, contact or project: the record's tasks within the reader's scope, open ones first
// (done ones on request), and a new task prefilled with the record.
import { useState } from 'react';
import { Button, Empty, Flex, Segmented } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Task } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { usePermission } from '../../lib/session';
import { useTasks } from './tasks.api';
import { TaskFormDrawer, type TaskContext } from './task-form-drawer';
import { TaskList } from './task-list';

type RecordTasksProps = {
  filter: { organizationId: string } | { projectId: string } | { contactId: string };
  context: TaskContext;
};

const PAGE_SIZE = 50;

export const RecordTasks = ({ filter, context }: RecordTasksProps) => {
  const { t } = useTranslation();
  const canCreate = usePermission('activity.create');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  // Everyone's tasks on this record that the reader may see, not only their own.
  const tasks = useTasks({ view: 'team', ...filter, status, page, pageSize: PAGE_SIZE });
  const total = tasks.data?.total ?? 0;
  return (
    <Flex vertical gap={8} data-testid="record-tasks">
      <Flex justify="space-between" gap={8} wrap>
        <Segmented<'open' | 'done'>
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={[
            { value: 'open', label: t('tasks.statusFilter.open') },
            { value: 'done', label: t('tasks.statusFilter.done') },
          ]}
          data-testid="record-tasks-status"
        />
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="record-task-create">
            {t('tasks.create')}
          </Button>
        )}
      </Flex>
      {tasks.isError ? (
        <QueryErrorResult error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : (
        <TaskList
          tasks={tasks.data?.items}
          loading={tasks.isFetching}
          emptyText={tasks.isPending ? ' ' : <Empty description={t(status === 'open' ? 'tasks.empty.record' : 'tasks.empty.recordDone')} />}
          onEdit={setEditing}
          hideRecord={'organizationId' in filter}
          pagination={total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, onChange: setPage, size: 'small' } : false}
        />
      )}
      <TaskFormDrawer open={creating} context={context} onClose={() => setCreating(false)} />
      {editing && <TaskFormDrawer key={editing.id} open task={editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
};
