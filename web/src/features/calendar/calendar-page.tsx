// The calendar (ACT-2): day / week / month / agenda of my activities and tasks, or my team's (one person or one
// department for managers). Entries are read for the visible range only; a click opens the activity or the task; a
// selected slot plans an activity there. Mine/team, person and department are in the URL (shareable, survive reload).
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined, ScheduleOutlined, UnorderedListOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { UserSelect } from '../../components/user-select';
import { useIsMobile } from '../../components/use-is-mobile';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { ActivityDrawer } from '../activities/activity-drawer';
import { ActivityEditor } from '../activities/activity-editor';
import { useActivityTypes } from '../activities/activity-labels';
import { QuickLogButton } from '../activities/quick-log-button';
import { useTask } from '../tasks/tasks.api';
import { TaskFormDrawer } from '../tasks/task-form-drawer';
import { useCalendar, type CalendarRange } from './calendar.api';
import { OVERDUE_COLOR, TASK_COLOR, defaultCalendarView, toCalendarEvent } from './calendar-logic';

const CalendarView = lazy(async () => ({ default: (await import('./calendar-view')).CalendarView }));

type Slot = { startsAt: string; endsAt: string | null; allDay: boolean };

/** A task opened from the calendar: read, then edited in the task drawer. */
const TaskOpener = ({ id, onClose }: { id: string; onClose: () => void }) => {
  const task = useTask(id);
  return task.data ? <TaskFormDrawer key={id} open task={task.data} onClose={onClose} /> : null;
};

const Legend = () => {
  const { t } = useTranslation();
  const { types } = useActivityTypes();
  return (
    <Flex gap={4} wrap style={{ marginBottom: 8 }} data-testid="calendar-legend">
      {types.map((type) => (
        <Tag key={type.code} color={type.color} style={{ marginInlineEnd: 0 }}>
          {type.label}
        </Tag>
      ))}
      <Tag color={TASK_COLOR} style={{ marginInlineEnd: 0 }}>
        {t('calendar.legend.task')}
      </Tag>
      <Tag color={OVERDUE_COLOR} style={{ marginInlineEnd: 0 }}>
        {t('calendar.legend.overdue')}
      </Tag>
      <Tag style={{ marginInlineEnd: 0, borderStyle: 'dashed' }}>
        {t('calendar.legend.planned')}
      </Tag>
    </Flex>
  );
};

export const CalendarPage = () => {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const format = useFormat();
  const canCreate = usePermission('activity.create');
  const canSeeDepartments = usePermission('department.view');
  const [searchParams, setSearchParams] = useSearchParams();
  const scope = searchParams.get('view') === 'team' ? 'team' : 'mine';
  const userId = searchParams.get('userId') ?? undefined;
  const departmentId = searchParams.get('departmentId') ?? undefined;
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [openActivity, setOpenActivity] = useState<string | null>(null);
  const [openTask, setOpenTask] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [creatingTask, setCreatingTask] = useState(false);
  // The first view follows the screen the page opened on; FullCalendar keeps it from then on.
  const [initialView] = useState(() => defaultCalendarView(isMobile));

  const query: CalendarRange | null = range ? { ...range, view: scope, userId: scope === 'team' ? userId : undefined, departmentId: scope === 'team' ? departmentId : undefined } : null;
  const calendar = useCalendar(query);
  const events = useMemo(
    () => (calendar.data?.entries ?? []).map((entry) => toCalendarEvent(entry, { showOwner: scope === 'team', taskPrefix: '☐' })),
    [calendar.data, scope],
  );

  const setParam = (patch: Record<string, string | undefined>) =>
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

  const onRangeChange = useCallback(({ start, end }: { start: Date; end: Date }) => {
    const from = dayjs(start).format();
    const to = dayjs(end).format();
    setRange((previous) => (previous?.from === from && previous.to === to ? previous : { from, to }));
  }, []);

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        extra={
          <>
            <Link to="/activities">
              <Button icon={<UnorderedListOutlined />} data-testid="calendar-to-activities">
                {t('activities.nav')}
              </Button>
            </Link>
            {canCreate && (
              <Button icon={<PlusOutlined />} onClick={() => setCreatingTask(true)} data-testid="calendar-new-task">
                {t('tasks.create')}
              </Button>
            )}
            {canCreate && (
              <Button
                icon={<ScheduleOutlined />}
                onClick={() => setSlot({ startsAt: dayjs().add(1, 'hour').startOf('hour').format(), endsAt: null, allDay: false })}
                data-testid="calendar-plan"
              >
                {t('activities.plan')}
              </Button>
            )}
            <QuickLogButton />
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 8 : 16 } }}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
          <Segmented
            value={scope}
            onChange={(value) => setParam({ view: value === 'team' ? 'team' : undefined, userId: undefined, departmentId: undefined })}
            options={[
              { value: 'mine', label: t('calendar.mine') },
              { value: 'team', label: t('calendar.team') },
            ]}
            data-testid="calendar-scope"
          />
          {scope === 'team' && (
            <Space wrap>
              <UserSelect style={{ minWidth: 160 }} placeholder={t('calendar.allPeople')} value={userId} onChange={(value?: string) => setParam({ userId: value, departmentId: undefined })} data-testid="calendar-user" />
              {canSeeDepartments && (
                <DepartmentTreeSelect style={{ minWidth: 180 }} value={departmentId} onChange={(value?: string) => setParam({ departmentId: value, userId: undefined })} data-testid="calendar-department" />
              )}
            </Space>
          )}
          {calendar.isFetching && <Typography.Text type="secondary">{t('calendar.loading')}</Typography.Text>}
        </Flex>
        {!isMobile && <Legend />}
        {calendar.data?.truncated && <Alert type="warning" showIcon title={t('calendar.truncated')} style={{ marginBottom: 8 }} data-testid="calendar-truncated" />}
        {calendar.isError && <QueryErrorResult error={calendar.error} onRetry={() => void calendar.refetch()} />}
        <Suspense fallback={<Skeleton active paragraph={{ rows: 12 }} />}>
          <CalendarView
            events={events}
            initialView={initialView}
            language={i18n.language}
            timeZone={format.timeZone}
            isMobile={isMobile}
            selectable={canCreate}
            onRangeChange={onRangeChange}
            onEntryClick={(kind, id) => (kind === 'activity' ? setOpenActivity(id) : setOpenTask(id))}
            onSelectSlot={({ start, end, allDay }) =>
              setSlot({ startsAt: dayjs(start).format(), endsAt: allDay ? null : dayjs(end).format(), allDay })
            }
          />
        </Suspense>
      </Card>
      <ActivityDrawer activityId={openActivity} onClose={() => setOpenActivity(null)} />
      {openTask && <TaskOpener id={openTask} onClose={() => setOpenTask(null)} />}
      {slot && <ActivityEditor open mode="plan" initialTime={slot} onClose={() => setSlot(null)} />}
      <TaskFormDrawer open={creatingTask} onClose={() => setCreatingTask(false)} />
    </>
  );
};
