// The activities list (ACT-1, ACT-2): everyone's follow-ups and planned activities within the reader's scope, filtered
// by owner, department, type, status, period, organisation and project — all in the URL, so team-visibility drill-down
// links (?ownerId=…&from=…&to=…&type=…&open=<id>) land on exactly those records with the drawer open.
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Card, DatePicker, Empty, List, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalendarOutlined, CameraOutlined, EnvironmentOutlined, MessageOutlined, ScheduleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { activityStatuses, type Activity } from '@openpsm/contracts';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { ListToolbar, SearchBox, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { UserSelect } from '../../components/user-select';
import { useIsMobile } from '../../components/use-is-mobile';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { useActivities } from './activities.api';
import { ActivityCard } from './activity-card';
import { ActivityDrawer } from './activity-drawer';
import { ActivityEditor } from './activity-editor';
import { ActivityStatusTag, ActivityTypeTag, useActivityTypes, useTimeRange } from './activity-labels';
import { activityApiQuery } from './activity-logic';
import { OrganizationSelect, ProjectSelect } from './activity-pickers';
import { QuickLogButton } from './quick-log-button';

const DEFAULT_SORT = '-startsAt';

/** A bound in the URL (a day, or an instant from a link) as the picker's day. */
const pickerDay = (value: string | undefined, toPicker: (value: string) => Dayjs) => (value ? toPicker(value) : null);

export const ActivitiesPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const isMobile = useIsMobile();
  const canSeeDepartments = usePermission('department.view');
  const canCreate = usePermission('activity.create');
  const params = useListParams({ pageSize: 20, sort: DEFAULT_SORT });
  const { types } = useActivityTypes();
  const timeRange = useTimeRange();
  const [planning, setPlanning] = useState(false);
  const activities = useActivities(activityApiQuery(params.apiQuery, format.timeZone));
  const navigate = useNavigate();
  // `/activities/<id>` (a reminder's link) and `?open=<id>` (a drill-down link) both open the drawer.
  const { id: linkedId } = useParams();
  const openId = params.filters.open ?? linkedId ?? null;
  const setOpen = (id: string | undefined) => {
    if (linkedId) navigate({ pathname: '/activities', search: id ? `?open=${id}` : '' }, { replace: true });
    else params.update({ open: id, page: params.page === 1 ? undefined : params.page });
  };
  // Names of the filtered organisation / project (from the rows) so the pickers can show them before any search.
  const first = activities.data?.items[0];

  const columns: TableColumnsType<Activity> = [
    {
      key: 'startsAt',
      title: t('activities.fields.time'),
      sorter: true,
      sortOrder: params.sortOrderOf('startsAt'),
      render: (_value, activity) => <span className="psm-nowrap">{timeRange(activity)}</span>,
    },
    { key: 'type', title: t('activities.fields.type'), render: (_value, activity) => <ActivityTypeTag type={activity.type} /> },
    {
      key: 'subject',
      title: t('activities.fields.subject'),
      render: (_value, activity) => (
        <Space size={4} wrap>
          <Typography.Text strong delete={activity.status === 'cancelled'} data-testid="activity-row-subject">
            {activity.subject}
          </Typography.Text>
          {activity.status !== 'done' && <ActivityStatusTag status={activity.status} />}
        </Space>
      ),
    },
    {
      key: 'target',
      title: t('activities.list.target'),
      render: (_value, activity) => (
        <Space vertical size={0}>
          {activity.organization && (
            <Link to={`/organizations/${activity.organization.id}`} onClick={(event) => event.stopPropagation()}>
              {activity.organization.name}
            </Link>
          )}
          {activity.project && (
            <Link to={`/projects/${activity.project.id}`} onClick={(event) => event.stopPropagation()}>
              <Typography.Text type="secondary">{activity.project.name}</Typography.Text>
            </Link>
          )}
        </Space>
      ),
    },
    { key: 'contacts', title: t('activities.fields.contacts'), render: (_value, activity) => activity.contacts.map((contact) => contact.name).join('、') || '—' },
    { key: 'owner', title: t('activities.fields.owner'), render: (_value, activity) => <span className="psm-nowrap">{activity.owner?.displayName ?? '—'}</span> },
    {
      key: 'signals',
      title: '',
      render: (_value, activity) => (
        <Space size={12} className="psm-nowrap">
          {activity.checkin && (
            <Tooltip title={t('activities.card.checkedIn')}>
              <EnvironmentOutlined style={{ color: '#52c41a' }} />
            </Tooltip>
          )}
          {activity.attachmentCount > 0 && (
            <Typography.Text type="secondary">
              <CameraOutlined /> {activity.attachmentCount}
            </Typography.Text>
          )}
          {activity.commentCount > 0 && (
            <Typography.Text type="secondary">
              <MessageOutlined /> {activity.commentCount}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  const from = pickerDay(params.filters.from, format.toPicker);
  const to = pickerDay(params.filters.to, format.toPicker);
  const today = format.toPicker(dayjs());
  const filters = (
    <Space wrap>
      <UserSelect style={{ minWidth: 150 }} placeholder={t('activities.list.owner')} value={params.filters.ownerId} onChange={(ownerId?: string) => params.update({ ownerId })} data-testid="activities-filter-owner" />
      {canSeeDepartments && (
        <DepartmentTreeSelect style={{ minWidth: 160 }} value={params.filters.departmentId} onChange={(departmentId?: string) => params.update({ departmentId })} data-testid="activities-filter-department" />
      )}
      <Select
        allowClear
        style={{ minWidth: 110 }}
        placeholder={t('activities.fields.type')}
        value={params.filters.type}
        onChange={(type?: string) => params.update({ type })}
        options={types.map((type) => ({ value: type.code, label: type.label }))}
        data-testid="activities-filter-type"
      />
      <Select
        allowClear
        style={{ minWidth: 100 }}
        placeholder={t('activities.fields.status')}
        value={params.filters.status}
        onChange={(status?: string) => params.update({ status })}
        options={activityStatuses.map((status) => ({ value: status, label: t(`activities.statuses.${status}`) }))}
        data-testid="activities-filter-status"
      />
      <DatePicker.RangePicker
        value={[from, to]}
        allowEmpty={[true, true]}
        format={format.dateFormat}
        presets={[
          { label: t('activities.list.today'), value: [today.startOf('day'), today.endOf('day')] },
          { label: t('activities.list.thisWeek'), value: [today.startOf('week'), today.endOf('week')] },
          { label: t('activities.list.thisMonth'), value: [today.startOf('month'), today.endOf('month')] },
          { label: t('activities.list.last30Days'), value: [today.subtract(29, 'day'), today] },
        ]}
        onChange={(range) => params.update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        data-testid="activities-filter-period"
      />
      <div style={{ minWidth: 180 }}>
        <OrganizationSelect
          value={params.filters.organizationId ?? null}
          known={[first?.organization?.id === params.filters.organizationId ? first?.organization : null]}
          onChange={(organizationId) => params.update({ organizationId })}
          data-testid="activities-filter-organization"
        />
      </div>
      <div style={{ minWidth: 180 }}>
        <ProjectSelect
          value={params.filters.projectId ?? null}
          organizationId={params.filters.organizationId}
          known={[first?.project?.id === params.filters.projectId ? first?.project : null]}
          onChange={(projectId) => params.update({ projectId })}
          data-testid="activities-filter-project"
        />
      </div>
      <Space>
        <Switch size="small" checked={params.filters.checkedIn === 'true'} onChange={(checked) => params.update({ checkedIn: checked ? 'true' : undefined })} data-testid="activities-filter-checked-in" />
        {t('activities.list.checkedInOnly')}
      </Space>
    </Space>
  );

  const filtersWithoutDrawer = Object.keys(params.filters).some((key) => key !== 'open') || params.q !== '';
  const emptyText = filtersWithoutDrawer ? (
    <Empty description={t('activities.list.noMatch')}>
      <Button onClick={params.clearFilters}>{t('common.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty description={t('activities.list.empty')}>
      <QuickLogButton />
    </Empty>
  );

  return (
    <>
      <PageHeader
        title={t('activities.title')}
        extra={
          <>
            <Link to="/calendar">
              <Button icon={<CalendarOutlined />} data-testid="activities-to-calendar">
                {t('calendar.nav')}
              </Button>
            </Link>
            {canCreate && (
              <Button icon={<ScheduleOutlined />} onClick={() => setPlanning(true)} data-testid="activity-plan">
                {t('activities.plan')}
              </Button>
            )}
            <QuickLogButton />
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <ListToolbar
          search={<SearchBox value={params.q} onSearch={(q) => params.update({ q })} placeholder={t('activities.list.searchPlaceholder')} testId="activities-search" />}
          filters={filters}
          showClear={filtersWithoutDrawer}
          onClear={params.clearFilters}
        />
        {activities.isError ? (
          <QueryErrorResult error={activities.error} onRetry={() => void activities.refetch()} />
        ) : isMobile ? (
          <List
            dataSource={activities.data?.items}
            loading={activities.isFetching}
            locale={{ emptyText: activities.isPending ? ' ' : emptyText }}
            pagination={{ ...paginationOf(params, activities.data?.total, (total) => t('common.total', { total })), showSizeChanger: false, onChange: (page) => params.update({ page }) }}
            renderItem={(activity) => (
              <List.Item style={{ paddingInline: 0 }}>
                <ActivityCard activity={activity} onOpen={setOpen} />
              </List.Item>
            )}
            data-testid="activities-list"
          />
        ) : (
          <Table<Activity>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={activities.data?.items}
            loading={activities.isFetching}
            onChange={params.onTableChange}
            pagination={paginationOf(params, activities.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: activities.isPending ? ' ' : emptyText }}
            rowClassName="psm-row-link"
            onRow={(activity) => ({ 'data-testid': 'activity-row', onClick: () => setOpen(activity.id) }) as HTMLAttributes<HTMLElement>}
            data-testid="activities-table"
          />
        )}
      </Card>
      <ActivityDrawer activityId={openId} onClose={() => setOpen(undefined)} />
      <ActivityEditor open={planning} mode="plan" onClose={() => setPlanning(false)} />
    </>
  );
};
