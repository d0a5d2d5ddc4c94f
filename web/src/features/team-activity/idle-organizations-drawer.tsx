// Drill-down of team visibility: the customers a rep owns and has not followed up for N days (or never).
import { Drawer, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IdleOrganization, UserRef } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { useIsMobile } from '../../components/use-is-mobile';
import { useFormat } from '../../lib/format';
import { useIdleOrganizations } from './team-activity.api';

type IdleOrganizationsDrawerProps = { user: NonNullable<UserRef> | null; idleDays: number; onClose: () => void };

export const IdleOrganizationsDrawer = ({ user, idleDays, onClose }: IdleOrganizationsDrawerProps) => {
  const { t } = useTranslation();
  const format = useFormat();
  const isMobile = useIsMobile();
  const idle = useIdleOrganizations(user?.id ?? null, idleDays);
  const columns: TableColumnsType<IdleOrganization> = [
    {
      key: 'name',
      title: t('teamActivity.idleDrawer.name'),
      render: (_, organization) => (
        <Link to={`/organizations/${organization.id}`} data-testid="idle-organization-link">
          {organization.name}
        </Link>
      ),
    },
    { key: 'grade', title: t('teamActivity.idleDrawer.grade'), render: (_, organization) => (organization.grade ? <Tag>{organization.grade}</Tag> : t('common.empty')) },
    {
      key: 'lastActivityAt',
      title: t('teamActivity.idleDrawer.lastActivity'),
      className: 'psm-nowrap',
      render: (_, organization) =>
        organization.lastActivityAt ? (
          <span title={format.dateTime(organization.lastActivityAt)}>
            {format.date(organization.lastActivityAt)} · {t('teamActivity.idleDrawer.daysAgo', { days: dayjs().diff(organization.lastActivityAt, 'day') })}
          </span>
        ) : (
          <Typography.Text type="danger">{t('teamActivity.idleDrawer.never')}</Typography.Text>
        ),
    },
  ];
  return (
    <Drawer
      open={Boolean(user)}
      onClose={onClose}
      size={isMobile ? '100%' : 560}
      title={user ? t('teamActivity.idleDrawer.title', { name: user.displayName, days: idleDays }) : null}
      destroyOnHidden
      data-testid="idle-organizations-drawer"
    >
      {idle.isError ? (
        <QueryErrorResult error={idle.error} onRetry={() => void idle.refetch()} />
      ) : (
        <Table<IdleOrganization>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={idle.data?.items}
          loading={idle.isFetching}
          pagination={false}
          locale={{ emptyText: idle.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teamActivity.idleDrawer.empty')} /> }}
          footer={idle.data && idle.data.total > idle.data.items.length ? () => t('common.total', { total: idle.data.total }) : undefined}
        />
      )}
    </Drawer>
  );
};
