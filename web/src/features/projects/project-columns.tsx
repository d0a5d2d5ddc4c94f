// The columns of project tables (the list page and the organisation page's tab).
import type { TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import type { Project } from '@openpsm/contracts';
import { formatMoney, ProjectStatusTag, useProductLineLabels, useStageName } from './project-labels';

export const useProjectColumns = (sortOrderOf?: (field: string) => SortOrder): TableColumnsType<Project> => {
  const { t, i18n } = useTranslation();
  const stageName = useStageName();
  const productLines = useProductLineLabels();
  const sortable = (field: string) => (sortOrderOf ? { sorter: true, sortOrder: sortOrderOf(field), key: field } : {});
  return [
    { title: t('projects.fields.number'), dataIndex: 'number', width: 150, ...sortable('number') },
    { title: t('projects.fields.name'), dataIndex: 'name', ...sortable('name'), render: (name: string, project) => (project.phaseLabel ? `${name}（${project.phaseLabel}）` : name) },
    { title: t('projects.fields.organization'), key: 'organization', render: (_, project) => project.organization.name },
    { title: t('projects.fields.stage'), key: 'stage', render: (_, project) => stageName(project.stage) },
    { title: t('projects.fields.probability'), dataIndex: 'probability', align: 'right', width: 90, ...sortable('probability'), render: (value: number) => `${value}%` },
    { title: t('projects.fields.amount'), dataIndex: 'amount', align: 'right', ...sortable('amount'), render: (value: string | null, project) => formatMoney(value, project.currency, i18n.language) },
    { title: t('projects.fields.expectedSignDate'), dataIndex: 'expectedSignDate', width: 130, ...sortable('expectedSignDate') },
    { title: t('projects.fields.productLines'), key: 'productLines', render: (_, project) => productLines(project.productLines) },
    { title: t('projects.fields.status'), dataIndex: 'status', width: 90, render: (status: Project['status']) => <ProjectStatusTag status={status} /> },
    { title: t('projects.fields.owner'), key: 'owner', render: (_, project) => project.owner?.displayName ?? t('projects.noOwner') },
  ];
};
