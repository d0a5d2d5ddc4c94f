// The projects tab of the organisation 360° page: projects the organisation owns or takes part in, within the caller's
// scope, and a button to start one for it.
import { useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Button, Empty, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Organization, Project } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { usePermission } from '../../lib/session';
import { useProjects } from './projects.api';
import { useProjectColumns } from './project-columns';
import { ProjectFormDrawer } from './project-form-drawer';

export const OrganizationProjects = ({ organization }: { organization: Organization }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canCreate = usePermission('project.create');
  const [page, setPage] = useState(1);
  const projects = useProjects({ organizationId: organization.id, includeRelated: 'true', page, pageSize: 20, sort: '-updatedAt' });
  const columns = useProjectColumns().filter((column) => column.key !== 'organization');
  const [creating, setCreating] = useState(false);

  if (projects.isError) return <QueryErrorResult error={projects.error} onRetry={() => void projects.refetch()} />;
  return (
    <>
      {canCreate && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setCreating(true)} data-testid="org-project-create">
          {t('projects.orgTab.newProject')}
        </Button>
      )}
      <Table<Project>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={projects.data?.items}
        loading={projects.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: projects.data?.total, onChange: setPage, hideOnSinglePage: true }}
        locale={{ emptyText: projects.isPending ? ' ' : <Empty description={t('projects.orgTab.empty')} /> }}
        rowClassName="psm-row-link"
        onRow={(project) => ({ 'data-testid': 'org-project-row', onClick: () => navigate(`/projects/${project.id}`) }) as HTMLAttributes<HTMLElement>}
      />
      <ProjectFormDrawer
        open={creating}
        initial={{ organizationId: organization.id }}
        knownOrganizations={[{ id: organization.id, name: organization.name }]}
        onClose={() => setCreating(false)}
        onSaved={(project) => {
          setCreating(false);
          navigate(`/projects/${project.id}`);
        }}
      />
    </>
  );
};
