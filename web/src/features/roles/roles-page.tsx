import { App, Button, Card, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { roleDescription, roleDisplayName, useRoles } from '../../lib/reference-data';
import { translateDynamic } from '../../lib/i18n';
import { usePermission } from '../../lib/session';
import { useDeleteRole } from './roles.api';

export const RolesPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const roles = useRoles();
  const canConfigure = usePermission('role.configure');
  const remove = useDeleteRole();
  const handleError = useApiErrorHandler();

  if (roles.isError) return <QueryErrorResult error={roles.error} onRetry={() => void roles.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        extra={
          canConfigure && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/roles/new')} data-testid="role-create">
              {t('roles.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Table<Role>
          rowKey="id"
          size="middle"
          loading={roles.isPending}
          dataSource={roles.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('fields.role.name'),
              key: 'name',
              render: (_, role) => (
                <Link to={`/admin/roles/${role.id}`}>
                  {roleDisplayName(role)} {role.builtin && <Tag>{t('roles.builtinTag')}</Tag>}
                </Link>
              ),
            },
            { title: t('fields.role.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
            {
              title: t('roles.dataScope'),
              key: 'scope',
              render: (_, role) => (role.scopes.organization ? translateDynamic(`roles.scopes.${role.scopes.organization}`, role.scopes.organization) : '—'),
            },
            { title: t('roles.permissionCount'), key: 'permissions', align: 'right', render: (_, role) => role.permissions.length },
            { title: t('fields.role.userCount'), dataIndex: 'userCount', align: 'right' },
            { title: t('fields.role.description'), key: 'description', render: (_, role) => roleDescription(role) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              render: (_, role) => (
                <>
                  <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => navigate(`/admin/roles/${role.id}`)} />
                  {canConfigure && !role.builtin && (
                    <Popconfirm
                      title={t('roles.deleteConfirm', { name: role.name })}
                      description={role.userCount > 0 ? t('roles.deleteInUse', { count: role.userCount }) : undefined}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() =>
                        remove.mutateAsync(role.id).then(
                          () => void message.success(t('common.deleted')),
                          (error: unknown) => handleError(error),
                        )
                      }
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  )}
                  {role.builtin && canConfigure && (
                    <Tooltip title={t('roles.builtinNotDeletable')}>
                      <Button type="text" size="small" disabled icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Tooltip>
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
};
