import { useState } from 'react';
import { App, Button, Card, Popconfirm, Tabs } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useDeleteOrganization, useOrganization } from './organizations.api';
import { GradeTag, OrganizationTypeTag } from './organization-labels';
import { OrganizationDetails } from './organization-details';
import { OrganizationShares } from './organization-shares';
import { OrganizationHistory } from './organization-history';
import { OrganizationFormDrawer } from './organization-form-drawer';

export const OrganizationDetailPage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const organization = useOrganization(id);
  const remove = useDeleteOrganization();
  const handleError = useApiErrorHandler();
  const [editing, setEditing] = useState(false);
  const tab = searchParams.get('tab') ?? 'details';

  if (organization.isPending) return <PageSkeleton />;
  if (organization.isError) return <QueryErrorResult error={organization.error} onRetry={() => void organization.refetch()} />;
  const record = organization.data;

  const onDelete = () =>
    remove.mutateAsync(record.id).then(
      () => {
        void message.success(t('organizations.deleted', { name: record.name }));
        navigate('/organizations', { replace: true });
      },
      (error: unknown) => handleError(error),
    );

  return (
    <>
      <PageHeader
        backTo="/organizations"
        title={record.name}
        tags={
          <>
            <OrganizationTypeTag type={record.type} />
            <GradeTag grade={record.grade} />
          </>
        }
        subtitle={[record.number, record.owner ? t('organizations.ownedBy', { name: record.owner.displayName }) : null].filter(Boolean).join(' · ')}
        extra={
          <>
            {record.access.edit && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
                {t('common.edit')}
              </Button>
            )}
            {record.access.delete && (
              <Popconfirm
                title={t('organizations.deleteConfirmTitle')}
                description={t('organizations.deleteConfirm', { name: record.name })}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={onDelete}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="org-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearchParams(key === 'details' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'details', label: t('organizations.tabs.details'), children: <OrganizationDetails organization={record} /> },
            {
              key: 'sharing',
              label: <span data-testid="org-sharing-tab">{t('organizations.tabs.sharing')}</span>,
              children: <OrganizationShares organizationId={record.id} canShare={record.access.share} ownerId={record.owner?.id} />,
            },
            { key: 'history', label: <span data-testid="org-history-tab">{t('organizations.tabs.history')}</span>, children: <OrganizationHistory id={record.id} /> },
          ]}
        />
      </Card>
      {record.access.edit && (
        <OrganizationFormDrawer open={editing} organization={record} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      )}
    </>
  );
};
