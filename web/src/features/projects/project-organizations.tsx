// The related organisations tab (PRJ-1): the chain design institute → owner → contractor with role and influence.
// They are edited in the project form; this tab shows them.
import { Empty, Rate, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Project } from '@openpsm/contracts';

export const ProjectOrganizations = ({ project }: { project: Project }) => {
  const { t } = useTranslation();
  const rows = [
    { id: 'owner', organization: project.organization, role: null, influence: null, notes: null },
    ...(project.organizations ?? []),
  ];
  if (rows.length === 0) return <Empty description={t('projects.noOrganizations')} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="project-organizations"
      columns={[
        { title: t('projects.fields.organization'), key: 'organization', render: (_, row) => <Link to={`/organizations/${row.organization.id}`}>{row.organization.name}</Link> },
        {
          title: t('projects.fields.role'),
          key: 'role',
          render: (_, row) => (row.role ? <Tag>{t(`projects.orgRoles.${row.role}`)}</Tag> : <Tag color="blue">{t('projects.orgTab.asOwner')}</Tag>),
        },
        { title: t('projects.fields.influence'), key: 'influence', render: (_, row) => (row.influence ? <Rate disabled count={5} value={row.influence} /> : '—') },
        { title: t('projects.fields.notes'), dataIndex: 'notes', render: (notes: string | null) => notes ?? '' },
      ]}
    />
  );
};
