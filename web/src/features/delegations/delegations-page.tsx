import { useState } from 'react';
import { App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { useCurrentUser, hasPermission } from '../../lib/session';
import { useDelegations, useRevokeDelegation } from './delegations.api';
import type { Delegation } from './delegations.api';
import { DelegationFormModal } from './delegation-form';

type Status = 'revoked' | 'ended' | 'upcoming' | 'active';
const statusColor: Record<Status, string> = { active: 'green', upcoming: 'blue', ended: 'default', revoked: 'red' };

const statusOf = (delegation: Delegation): Status => {
  if (delegation.revokedAt) return 'revoked';
  const now = dayjs();
  if (now.isAfter(delegation.endsAt)) return 'ended';
  if (now.isBefore(delegation.startsAt)) return 'upcoming';
  return 'active';
};

export const DelegationsPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const params = useListParams({ pageSize: 20 });
  const delegations = useDelegations(params.apiQuery);
  const revoke = useRevokeDelegation();
  const handleError = useApiErrorHandler();
  const user = useCurrentUser();
  const managesAll = hasPermission(user, 'user.assign');
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('delegations.title')}
        subtitle={managesAll ? t('delegations.subtitleAll') : t('delegations.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="delegation-create">
            {t('delegations.create')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        {delegations.isError ? (
          <QueryErrorResult error={delegations.error} onRetry={() => void delegations.refetch()} />
        ) : (
          <Table<Delegation>
            rowKey="id"
            size="middle"
            loading={delegations.isFetching}
            dataSource={delegations.data?.items}
            onChange={params.onTableChange}
            pagination={delegations.data?.total === undefined ? false : paginationOf(params, delegations.data.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('delegations.empty') }}
            columns={[
              { title: t('fields.delegation.fromUserId'), dataIndex: 'fromUserName' },
              { title: t('fields.delegation.toUserId'), dataIndex: 'toUserName' },
              {
                title: t('delegations.period'),
                key: 'period',
                className: 'psm-nowrap',
                render: (_, delegation) => `${format.dateTime(delegation.startsAt)} – ${format.dateTime(delegation.endsAt)}`,
              },
              {
                title: t('fields.delegation.scope'),
                key: 'scope',
                className: 'psm-nowrap',
                // Delegations made before scopes existed cover all work.
                render: (_, delegation) => (
                  <Tag color={delegation.scope === 'approvals' ? 'geekblue' : 'default'}>{t(`delegations.scopes.${delegation.scope ?? 'all'}`)}</Tag>
                ),
              },
              { title: t('fields.delegation.reason'), dataIndex: 'reason', render: (value: string | null) => value ?? '' },
              {
                title: t('fields.common.status'),
                key: 'status',
                render: (_, delegation) => {
                  const status = statusOf(delegation);
                  return <Tag color={statusColor[status]}>{t(`delegations.status.${status}`)}</Tag>;
                },
              },
              { title: t('fields.common.createdAt'), dataIndex: 'createdAt', className: 'psm-nowrap', render: (value: string) => format.dateTime(value) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, delegation) => {
                  const status = statusOf(delegation);
                  const involved = managesAll || delegation.fromUserId === user.id;
                  if (!involved || status === 'revoked' || status === 'ended') return null;
                  return (
                    <Popconfirm
                      title={t('delegations.revokeConfirm')}
                      okText={t('delegations.revoke')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() =>
                        revoke.mutateAsync(delegation.id).then(
                          () => void message.success(t('delegations.revoked')),
                          (error: unknown) => handleError(error),
                        )
                      }
                    >
                      <Button size="small" danger>
                        {t('delegations.revoke')}
                      </Button>
                    </Popconfirm>
                  );
                },
              },
            ]}
          />
        )}
      </Card>
      <DelegationFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
};
