// The details tab: the project's fields, its close outcome, and a parent's phase totals.
import { Card, Descriptions, Statistic, Row, Col, Table } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Project } from '@openpsm/contracts';
import { useOptionLabeler } from '../../lib/reference-data';
import { formatMoney, ProjectStatusTag, useProductLineLabels } from './project-labels';

export const ProjectDetails = ({ project }: { project: Project }) => {
  const { t, i18n } = useTranslation();
  const labelOf = useOptionLabeler(i18n.language);
  const productLines = useProductLineLabels();
  const money = (value: string | null) => formatMoney(value, project.currency, i18n.language);
  const reasonList = project.status === 'won' ? 'project_win_reason' : project.status === 'lost' ? 'project_loss_reason' : 'project_suspend_reason';
  return (
    <>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered data-testid="project-details">
        <Descriptions.Item label={t('projects.fields.organization')}>
          <Link to={`/organizations/${project.organization.id}`}>{project.organization.name}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.site')}>{project.site ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.amount')}>{money(project.amount)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.expectedSignDate')}>{project.expectedSignDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.productLines')}>{productLines(project.productLines) || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.region')}>{labelOf('region', project.region) || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.source')}>{labelOf('source', project.source) || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.budgetConfirmed')}>
          {project.budgetConfirmed === null ? '—' : project.budgetConfirmed ? t('projects.yes') : t('projects.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.needClarity')}>{project.needClarity ? t(`projects.needClarityLevels.l${project.needClarity}` as 'projects.needClarityLevels.l1') : '—'}</Descriptions.Item>
        {project.parent && (
          <Descriptions.Item label={t('projects.fields.parent')}>
            <Link to={`/projects/${project.parent.id}`}>{project.parent.name}</Link> {project.phaseLabel}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('projects.fields.description')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{project.description ?? '—'}</span>
        </Descriptions.Item>
        {project.status !== 'open' && (
          <>
            <Descriptions.Item label={t('projects.fields.status')}>
              <ProjectStatusTag status={project.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('projects.fields.closeReason')}>
              <span data-testid="project-close-reason">{labelOf(reasonList, project.closeReason) || '—'}</span>
            </Descriptions.Item>
            {project.winnerOrganization && (
              <Descriptions.Item label={t('projects.fields.winnerOrganization')}>
                <Link to={`/organizations/${project.winnerOrganization.id}`}>{project.winnerOrganization.name}</Link>
              </Descriptions.Item>
            )}
            {project.winningPrice && <Descriptions.Item label={t('projects.fields.winningPrice')}>{money(project.winningPrice)}</Descriptions.Item>}
            <Descriptions.Item label={t('projects.fields.lessonsLearned')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{project.lessonsLearned ?? '—'}</span>
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {project.rollup && (
        <Card size="small" title={t('projects.rollup.title')} style={{ marginTop: 16 }} data-testid="project-rollup">
          <Row gutter={16}>
            <Col xs={12} md={6}><Statistic title={t('projects.rollup.count')} value={project.rollup.count} /></Col>
            <Col xs={12} md={6}><Statistic title={t('projects.rollup.amount')} value={money(project.rollup.amount)} /></Col>
            <Col xs={12} md={6}><Statistic title={t('projects.rollup.weightedAmount')} value={money(project.rollup.weightedAmount)} /></Col>
            <Col xs={12} md={6}><Statistic title={t('projects.rollup.wonAmount')} value={money(project.rollup.wonAmount)} /></Col>
          </Row>
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={project.phases ?? []}
            columns={[
              { title: t('projects.fields.phaseLabel'), dataIndex: 'phaseLabel' },
              { title: t('projects.fields.name'), dataIndex: 'name', render: (name: string, phase) => <Link to={`/projects/${phase.id}`}>{name}</Link> },
              { title: t('projects.fields.amount'), dataIndex: 'amount', align: 'right', render: (value: string | null) => money(value) },
              { title: t('projects.fields.probability'), dataIndex: 'probability', render: (value: number) => `${value}%` },
              { title: t('projects.fields.status'), dataIndex: 'status', render: (status: Project['status']) => <ProjectStatusTag status={status} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
};
