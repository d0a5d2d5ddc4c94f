import { useState } from 'react';
import { Alert, Badge, Button, Card, Flex, Tabs, Tooltip } from 'antd';
import { DeleteOutlined, EditOutlined, LockOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { approvalLink, documentTypeLabel, useRecordApprovals } from '../../lib/approvals';
import { useOrganization } from './organizations.api';
import { GradeTag, OrganizationTypeTag } from './organization-labels';
import { organizationTabs, type OrganizationTabContext } from './organization-tabs';
import { hasPermission, useCurrentUser } from '../../lib/session';
import type { Permission } from '@openpsm/contracts';
import { OrganizationFormDrawer } from './organization-form-drawer';
import { OrganizationDeleteModal } from './organization-delete-modal';
import { OrganizationMergeModal } from './organization-merge-modal';
import { OrganizationApprovals } from './organization-approvals';
import { DeletedOrganization } from './deleted-organization';
import { isApiError } from '../../lib/api-client';
import { QuickLogButton } from '../activities/quick-log-button';

export const OrganizationDetailPage = () => {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const organization = useOrganization(id);
  const approvals = useRecordApprovals('organization', id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [merging, setMerging] = useState(false);
  const tab = searchParams.get('tab') ?? 'details';

  if (organization.isPending) return <PageSkeleton />;
  if (organization.isError) {
    if (isApiError(organization.error) && organization.error.status === 404) return <DeletedOrganization id={id} error={organization.error} />;
    return <QueryErrorResult error={organization.error} onRetry={() => void organization.refetch()} />;
  }
  const record = organization.data;
  // A pending approval (a deletion request) freezes the record until it is decided.
  const lock = record.lockedBy ?? null;
  const lockedHint = lock ? t('organizations.lockedHint') : undefined;
  const approvalItems = approvals.data?.items ?? [];
  const context: OrganizationTabContext = { organization: record, can: (permission) => hasPermission(user, permission as Permission), t };
  const moduleTabs = organizationTabs
    .filter((entry) => entry.visible?.(context) ?? true)
    .map((entry) => ({ order: entry.order, key: entry.key, label: entry.label(context), children: entry.render(context) }));
  // Only once the record has been through an approval: no empty placeholder tab.
  const approvalTab = approvalItems.length > 0
    ? [
        {
          order: 950,
          key: 'approvals',
          label: (
            <Flex component="span" gap={6} align="center" data-testid="org-approvals-tab">
              {t('organizations.tabs.approvals')}
              <Badge count={approvalItems.length} color="gray" size="small" />
            </Flex>
          ),
          children: <OrganizationApprovals approvals={approvalItems} />,
        },
      ]
    : [];
  const tabs = [...moduleTabs, ...approvalTab].sort((left, right) => left.order - right.order).map(({ order: _order, ...item }) => item);

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
            <QuickLogButton context={{ organization: { id: record.id, name: record.name } }} />
            {record.access.edit && (
              <Tooltip title={lockedHint}>
                <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} disabled={Boolean(lock)} data-testid="org-edit">
                  {t('common.edit')}
                </Button>
              </Tooltip>
            )}
            {record.access.edit && record.access.delete && (
              <Tooltip title={lockedHint}>
                <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} disabled={Boolean(lock)} data-testid="org-merge">
                  {t('merge.action')}
                </Button>
              </Tooltip>
            )}
            {record.access.delete && (
              <Tooltip title={lockedHint}>
                <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)} disabled={Boolean(lock)} data-testid="org-delete">
                  {t('common.delete')}
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      {lock && (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 16 }}
          data-testid="org-locked"
          title={t('organizations.locked', { documentType: documentTypeLabel(lock.documentType) })}
          description={t('organizations.lockedHint')}
          action={
            <Link to={approvalLink(lock.approvalId)} data-testid="org-locked-open">
              {t('organizations.openApproval')}
            </Link>
          }
        />
      )}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tabs.some((item) => item.key === tab) ? tab : 'details'}
          onChange={(key) => setSearchParams(key === 'details' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={tabs}
        />
      </Card>
      {record.access.edit && !lock && (
        <OrganizationFormDrawer open={editing} organization={record} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      )}
      {record.access.delete && <OrganizationDeleteModal organization={record} open={deleting} onClose={() => setDeleting(false)} />}
      {record.access.edit && record.access.delete && <OrganizationMergeModal organization={record} open={merging} onClose={() => setMerging(false)} />}
    </>
  );
};
