// The project list (PRJ-11 list view): search, filters in the URL, saved views, export, create.
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Card, Empty, Select, Space, Switch, Table, Tooltip } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { projectStatuses, type Project } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { ListToolbar, SearchBox, paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { SavedViewsBar } from '../../components/saved-views/saved-views-bar';
import { usePermission } from '../../lib/session';
import { useProjects } from './projects.api';
import { useProjectColumns } from './project-columns';
import { ProjectFormDrawer } from './project-form-drawer';
import { OptionSelect } from './project-pickers';
import { ProjectViewSwitch } from '../pipeline/project-view-switch';

export const ProjectsPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canCreate = usePermission('project.create');
  const canExport = usePermission('project.export');
  const params = useListParams({ pageSize: 20, sort: '-updatedAt' });
  const projects = useProjects(params.apiQuery);
  const columns = useProjectColumns(params.sortOrderOf);
  const [creating, setCreating] = useState(false);

  const createButton = canCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-create">
      {t('projects.create')}
    </Button>
  );
  const exportHref = () => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...params.apiQuery, page: undefined, pageSize: undefined })) {
      if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
    }
    return `/api/v1/projects/export?${query.toString()}`;
  };
  const emptyText = params.hasFilters ? (
    <Empty description={t('projects.noMatch')}>
      <Button onClick={params.clearFilters}>{t('common.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty description={t('projects.empty')}>{createButton}</Empty>
  );

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        extra={
          <Space wrap>
            <ProjectViewSwitch current="list" />
            {canExport && (
              <Tooltip title={t('projects.exportHelp')}>
                <Button icon={<DownloadOutlined />} href={exportHref()} data-testid="project-export">
                  {t('projects.export')}
                </Button>
              </Tooltip>
            )}
            {createButton}
          </Space>
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <SavedViewsBar listKey="projects" defaultSort="-updatedAt" />
        <ListToolbar
          search={<SearchBox value={params.q} onSearch={(q) => params.update({ q })} placeholder={t('projects.searchPlaceholder')} testId="project-search" />}
          filters={
            <Space wrap>
              <Select
                allowClear
                style={{ minWidth: 120 }}
                placeholder={t('projects.allStatuses')}
                value={params.filters.status}
                onChange={(status?: string) => params.update({ status })}
                options={projectStatuses.map((status) => ({ value: status, label: t(`projects.statuses.${status}`) }))}
                data-testid="project-filter-status"
              />
              <div style={{ minWidth: 160 }}>
                <OptionSelect listKey="product_line" value={params.filters.productLine ?? null} onChange={(productLine) => params.update({ productLine: productLine as string | null })} />
              </div>
              <Space>
                <Switch size="small" checked={params.filters.mine === 'true'} onChange={(mine) => params.update({ mine: mine ? 'true' : undefined })} data-testid="project-filter-mine" />
                {t('projects.mine')}
              </Space>
            </Space>
          }
          showClear={params.hasFilters}
          onClear={params.clearFilters}
        />
        {projects.isError ? (
          <QueryErrorResult error={projects.error} onRetry={() => void projects.refetch()} />
        ) : (
          <Table<Project>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={projects.data?.items}
            loading={projects.isFetching}
            onChange={params.onTableChange}
            pagination={paginationOf(params, projects.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: projects.isPending ? ' ' : emptyText }}
            rowClassName="psm-row-link"
            onRow={(project) => ({ 'data-testid': 'project-row', onClick: () => navigate(`/projects/${project.id}`) }) as HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>
      <ProjectFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(project) => {
          setCreating(false);
          navigate(`/projects/${project.id}`);
        }}
      />
    </>
  );
};
