import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Card, Empty, Space, Table, Tooltip } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { ListToolbar, SearchBox, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { SavedViewsBar } from '../../components/saved-views/saved-views-bar';
import { useCustomFieldDefinitions } from '../../lib/reference-data';
import { usePermission } from '../../lib/session';
import { useOrganizations } from './organizations.api';
import { ColumnChooser, useOrganizationColumns } from './organization-columns';
import { OrganizationFilters } from './organization-filters';
import { OrganizationFormDrawer } from './organization-form-drawer';

export const OrganizationsPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canCreate = usePermission('organization.create');
  const canExport = usePermission('organization.export');
  const canImport = usePermission('organization.import');
  const params = useListParams({ pageSize: 20, sort: '-updatedAt' });
  const organizations = useOrganizations(params.apiQuery);
  const customFields = useCustomFieldDefinitions('organization');
  const { columns, entries, visible, choose, reset } = useOrganizationColumns(customFields.data ?? [], params.sortOrderOf);
  const [creating, setCreating] = useState(false);

  const createButton = canCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
      {t('organizations.create')}
    </Button>
  );

  // A plain download link: the browser sends the session cookie, and a GET needs no CSRF token.
  const exportHref = () => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...params.apiQuery, page: undefined, pageSize: undefined })) {
      if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
    }
    // The file has the columns the list shows (the saved view's), in their order.
    query.set('columns', visible.join(','));
    return `/api/v1/organizations/export?${query.toString()}`;
  };
  const exportButton = canExport && (
    <Tooltip title={t('organizations.exportHelp')}>
      <Button icon={<DownloadOutlined />} href={exportHref()} data-testid="org-export">
        {t('organizations.export')}
      </Button>
    </Tooltip>
  );

  const emptyText = params.hasFilters ? (
    <Empty description={t('organizations.noMatch')}>
      <Button onClick={params.clearFilters}>{t('common.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty description={t('organizations.empty')}>{createButton}</Empty>
  );

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        extra={
          <Space wrap>
            {canImport && (
              <Button icon={<ImportOutlined />} onClick={() => navigate('/imports')} data-testid="org-import">
                {t('imports.importButton')}
              </Button>
            )}
            {exportButton}
            {createButton}
          </Space>
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <SavedViewsBar listKey="organizations" defaultSort="-updatedAt" columns={visible} onApplyColumns={choose} />
        <ListToolbar
          search={<SearchBox value={params.q} onSearch={(q) => params.update({ q })} placeholder={t('organizations.searchPlaceholder')} testId="org-search" />}
          filters={<OrganizationFilters filters={params.filters} customFields={customFields.data ?? []} onChange={(key, value) => params.update({ [key]: value })} />}
          showClear={params.hasFilters}
          onClear={params.clearFilters}
          actions={<ColumnChooser entries={entries} visible={visible} onChange={choose} onReset={reset} />}
        />
        {organizations.isError ? (
          <QueryErrorResult error={organizations.error} onRetry={() => void organizations.refetch()} />
        ) : (
          <Table<Organization>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={organizations.data?.items}
            loading={organizations.isFetching}
            onChange={params.onTableChange}
            pagination={paginationOf(params, organizations.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: organizations.isPending ? ' ' : emptyText }}
            rowClassName="psm-row-link"
            onRow={(organization) =>
              ({
                'data-testid': 'org-row',
                onClick: () => navigate(`/organizations/${organization.id}`),
              }) as HTMLAttributes<HTMLElement>
            }
          />
        )}
      </Card>
      <OrganizationFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(organization) => {
          setCreating(false);
          navigate(`/organizations/${organization.id}`);
        }}
      />
    </>
  );
};
