import { useState } from 'react';
import { App, Button, Card, Dropdown, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, MoreOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Position, User } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { ListToolbar, SearchBox, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { roleDisplayName, useRoles } from '../../lib/reference-data';
import { usePermission } from '../../lib/session';
import { useDeactivateUser, useReactivateUser, useUsers } from './users.api';
import { UserFormDrawer } from './user-form';
import { TransferRecordsModal } from './transfer-records-modal';
import { UserHistoryDrawer } from './user-history-drawer';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'transfer'; user: User } | { kind: 'history'; user: User } | null;

export const UsersPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const { modal, message } = App.useApp();
  const params = useListParams({ pageSize: 20 });
  const users = useUsers(params.apiQuery);
  const roles = useRoles();
  const canCreate = usePermission('user.create');
  const canEdit = usePermission('user.edit');
  const canAssign = usePermission('user.assign');
  const deactivate = useDeactivateUser();
  const reactivate = useReactivateUser();
  const handleError = useApiErrorHandler();
  const [dialog, setDialog] = useState<Dialog>(null);

  const roleById = new Map((roles.data ?? []).map((role) => [role.id, role]));

  const confirmDeactivate = (user: User) =>
    modal.confirm({
      title: t('users.deactivateTitle', { name: user.displayName }),
      content: t('users.deactivateExplain'),
      okText: t('users.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        deactivate.mutateAsync(user.id).then(
          () => void message.success(t('users.deactivated', { name: user.displayName })),
          (error: unknown) => handleError(error),
        ),
    });

  const confirmReactivate = (user: User) =>
    modal.confirm({
      title: t('users.reactivateTitle', { name: user.displayName }),
      content: t('users.reactivateExplain'),
      okText: t('users.reactivate'),
      cancelText: t('common.cancel'),
      onOk: () =>
        reactivate.mutateAsync(user.id).then(
          () => void message.success(t('users.reactivated', { name: user.displayName })),
          (error: unknown) => handleError(error),
        ),
    });

  const columns: TableColumnsType<User> = [
    {
      title: t('fields.user.displayName'),
      key: 'displayName',
      fixed: 'left',
      render: (_, user) => (
        <div>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.username}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('fields.user.department'), dataIndex: 'departmentName', render: (value: string | null) => value ?? '—' },
    { title: t('fields.user.position'), dataIndex: 'position', className: 'psm-nowrap', render: (value: Position) => t(`users.positions.${value}`) },
    {
      title: t('fields.user.roles'),
      key: 'roles',
      render: (_, user) =>
        user.roleIds.map((id) => {
          const role = roleById.get(id);
          return <Tag key={id}>{role ? roleDisplayName(role) : '…'}</Tag>;
        }),
    },
    { title: t('fields.user.manager'), dataIndex: 'managerName', render: (value: string | null) => value ?? '—' },
    { title: t('fields.user.email'), dataIndex: 'email', render: (value: string | null) => value ?? '—' },
    { title: t('fields.user.phone'), dataIndex: 'phone', className: 'psm-nowrap', render: (value: string | null) => value ?? '—' },
    {
      title: t('fields.user.status'),
      dataIndex: 'status',
      render: (status: User['status']) => (status === 'active' ? <Tag color="green">{t('users.status.active')}</Tag> : <Tag>{t('users.status.departed')}</Tag>),
    },
    { title: t('fields.user.lastLoginAt'), dataIndex: 'lastLoginAt', className: 'psm-nowrap', render: (value: string | null) => format.dateTime(value) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 110,
      render: (_, user) => (
        <>
          {canEdit && <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setDialog({ kind: 'edit', user })} />}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'history', label: t('common.history') },
                ...(canAssign ? [{ key: 'transfer', label: t('users.transfer') }] : []),
                ...(canEdit
                  ? [user.status === 'active' ? { key: 'deactivate', danger: true, label: t('users.deactivate') } : { key: 'reactivate', label: t('users.reactivate') }]
                  : []),
              ],
              onClick: ({ key }) => {
                if (key === 'history') setDialog({ kind: 'history', user });
                if (key === 'transfer') setDialog({ kind: 'transfer', user });
                if (key === 'deactivate') confirmDeactivate(user);
                if (key === 'reactivate') confirmReactivate(user);
              },
            }}
          >
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} data-testid="user-actions" />
          </Dropdown>
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          canCreate && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="user-create">
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <ListToolbar
          search={<SearchBox value={params.q} onSearch={(q) => params.update({ q })} placeholder={t('users.searchPlaceholder')} testId="user-search" />}
          filters={
            <>
              <DepartmentTreeSelect style={{ minWidth: 180 }} includeInactive value={params.filters.departmentId} onChange={(value?: string) => params.update({ departmentId: value })} />
              <Select
                allowClear
                style={{ minWidth: 110 }}
                placeholder={t('fields.user.status')}
                value={params.filters.status}
                onChange={(value?: string) => params.update({ status: value })}
                options={[
                  { value: 'active', label: t('users.status.active') },
                  { value: 'departed', label: t('users.status.departed') },
                ]}
              />
              <Select
                allowClear
                style={{ minWidth: 140 }}
                placeholder={t('fields.user.roles')}
                value={params.filters.roleId}
                onChange={(value?: string) => params.update({ roleId: value })}
                options={(roles.data ?? []).map((role) => ({ value: role.id, label: roleDisplayName(role) }))}
              />
            </>
          }
          showClear={params.hasFilters}
          onClear={params.clearFilters}
        />
        {users.isError ? (
          <QueryErrorResult error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items}
            loading={users.isFetching}
            onChange={params.onTableChange}
            pagination={paginationOf(params, users.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: params.hasFilters ? t('users.noMatch') : t('users.empty') }}
          />
        )}
      </Card>
      <UserFormDrawer
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        user={dialog?.kind === 'edit' ? dialog.user : undefined}
        onClose={() => setDialog(null)}
      />
      <TransferRecordsModal user={dialog?.kind === 'transfer' ? dialog.user : null} onClose={() => setDialog(null)} />
      <UserHistoryDrawer user={dialog?.kind === 'history' ? dialog.user : null} onClose={() => setDialog(null)} />
    </>
  );
};
