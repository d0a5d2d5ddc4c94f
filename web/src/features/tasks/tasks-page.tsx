// Tasks (ACT-2): mine, assigned by me, overdue, my team's — the view, status, search and page in the URL; ?open=<id>
// opens a task (the activity drawer links a next step's task here).
import { useState } from 'react';
import { Badge, Button, Card, Empty, Flex, Segmented, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { taskViews, type Task } from '@openpsm/contracts';
import { ListToolbar, SearchBox, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { usePermission } from '../../lib/session';
import { useTask, useTasks } from './tasks.api';
import { TaskFormDrawer } from './task-form-drawer';
import { TaskList } from './task-list';

type View = (typeof taskViews)[number];
type StatusFilter = 'open' | 'done' | 'cancelled' | 'all';
const isView = (value: string | undefined): value is View => taskViews.includes(value as View);

export const TasksPage = () => {
  const { t } = useTranslation();
  const canCreate = usePermission('activity.create');
  const params = useListParams({ pageSize: 20 });
  const view: View = isView(params.filters.view) ? params.filters.view : 'mine';
  const status = (params.filters.status as StatusFilter | undefined) ?? 'open';
  const tasks = useTasks({ view, status: view === 'overdue' || status === 'all' ? undefined : status, q: params.q || undefined, page: params.page, pageSize: params.pageSize });
  const overdue = useTasks({ view: 'overdue', page: 1, pageSize: 1 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const linked = useTask(params.filters.open);
  const shown = editing ?? (params.filters.open ? (linked.data ?? null) : null);
  const closeEditor = () => {
    setEditing(null);
    if (params.filters.open) params.update({ open: undefined, page: params.page === 1 ? undefined : params.page });
  };

  const createButton = canCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">
      {t('tasks.create')}
    </Button>
  );
  const empty = params.q ? (
    <Empty description={t('tasks.noMatch')} />
  ) : (
    <Empty description={t(`tasks.empty.${view}`)}>{view === 'mine' && status === 'open' && createButton}</Empty>
  );
  const overdueCount = overdue.data?.total ?? 0;

  return (
    <>
      <PageHeader title={t('tasks.title')} extra={createButton} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={view}
          onChange={(key) => params.update({ view: key === 'mine' ? undefined : key, status: undefined })}
          items={taskViews.map((key) => ({
            key,
            label: (
              <Flex component="span" gap={6} align="center" data-testid={`tasks-tab-${key}`}>
                {t(`tasks.views.${key}`)}
                {key === 'overdue' && overdueCount > 0 && <Badge count={overdueCount} size="small" overflowCount={99} />}
              </Flex>
            ),
          }))}
        />
        <ListToolbar
          search={<SearchBox value={params.q} onSearch={(q) => params.update({ q })} placeholder={t('tasks.searchPlaceholder')} testId="tasks-search" />}
          filters={
            view !== 'overdue' && (
              <Segmented<StatusFilter>
                value={status}
                onChange={(value) => params.update({ status: value === 'open' ? undefined : value })}
                options={(['open', 'done', 'cancelled', 'all'] as const).map((value) => ({ value, label: t(`tasks.statusFilter.${value}`) }))}
                data-testid="tasks-filter-status"
              />
            )
          }
        />
        {tasks.isError ? (
          <QueryErrorResult error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : (
          <TaskList
            tasks={tasks.data?.items}
            loading={tasks.isFetching}
            emptyText={tasks.isPending ? ' ' : empty}
            onEdit={setEditing}
            pagination={
              (tasks.data?.total ?? 0) > params.pageSize || params.page > 1
                ? { ...paginationOf(params, tasks.data?.total, (total) => t('common.total', { total })), onChange: (page, pageSize) => params.update({ page, pageSize: pageSize === 20 ? undefined : pageSize }) }
                : false
            }
          />
        )}
      </Card>
      <TaskFormDrawer open={creating} onClose={() => setCreating(false)} />
      {shown && <TaskFormDrawer key={shown.id} open task={shown} onClose={closeEditor} />}
    </>
  );
};
