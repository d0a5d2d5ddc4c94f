// The stakeholder map tab (PRJ-4, 找对人): the gaps as alerts, then the people either as a table or as a grid of buying
// role × attitude where each card shows influence and our relationship level — the picture a manager asks for.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Row, Segmented, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buyingRoles, contactAttitudes, type Project, type Stakeholder } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useIsMobile } from '../../components/use-is-mobile';
import { useRemoveStakeholder, useStakeholders } from './project-insight.api';
import { StakeholderForm } from './stakeholder-form';

const attitudeColor = { supporter: 'green', neutral: 'default', opponent: 'red' } as const;
const gapType = { error: 'error', warning: 'warning', info: 'info' } as const;

const ContactName = ({ stakeholder }: { stakeholder: Stakeholder }) => {
  const { t } = useTranslation();
  if (stakeholder.contact.readable) return <Link to={`/contacts/${stakeholder.contact.id}`}>{stakeholder.contact.name}</Link>;
  return (
    <Tooltip title={t('projectInsight.stakeholders.unreadable')}>
      <span>
        {stakeholder.contact.name} <LockOutlined />
      </span>
    </Tooltip>
  );
};

export const StakeholderMap = ({ project }: { project: Project }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const isMobile = useIsMobile();
  const list = useStakeholders(project.id);
  const remove = useRemoveStakeholder(project.id);
  const [view, setView] = useState<'table' | 'grid'>('table');
  const [form, setForm] = useState<{ open: boolean; editing: Stakeholder | null }>({ open: false, editing: null });
  const canEdit = project.access.edit;

  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const { items, gaps } = list.data;

  const removeOne = async (stakeholder: Stakeholder) => {
    try {
      await remove.mutateAsync(stakeholder.id);
      void message.success(t('projectInsight.stakeholders.removed'));
    } catch (error) {
      handleError(error);
    }
  };

  const actions = (stakeholder: Stakeholder) =>
    canEdit && (
      <Space size={0}>
        <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} data-testid={`stakeholder-edit-${stakeholder.id}`} onClick={() => setForm({ open: true, editing: stakeholder })} />
        <Popconfirm title={t('projectInsight.stakeholders.removeConfirm', { name: stakeholder.contact.name })} onConfirm={() => removeOne(stakeholder)} okText={t('common.remove')} cancelText={t('common.cancel')}>
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`stakeholder-remove-${stakeholder.id}`} />
        </Popconfirm>
      </Space>
    );

  const table = (
    <Table<Stakeholder>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={false}
      scroll={{ x: 720 }}
      data-testid="stakeholder-table"
      locale={{ emptyText: <Empty description={t('projectInsight.stakeholders.empty')} /> }}
      columns={[
        { key: 'contact', title: t('projectInsight.stakeholders.columns.contact'), render: (_, row) => <ContactName stakeholder={row} />, fixed: isMobile ? undefined : 'left' },
        { key: 'organization', title: t('projectInsight.stakeholders.columns.organization'), render: (_, row) => row.contact.organization.name },
        { key: 'buyingRole', title: t('projectInsight.stakeholders.columns.buyingRole'), render: (_, row) => (row.buyingRole ? t(`contacts.buyingRoles.${row.buyingRole}`) : '—') },
        {
          key: 'attitude',
          title: t('projectInsight.stakeholders.columns.attitude'),
          render: (_, row) => (row.attitude ? <Tag color={attitudeColor[row.attitude]}>{t(`contacts.attitudes.${row.attitude}`)}</Tag> : '—'),
        },
        { key: 'influence', title: t('projectInsight.stakeholders.columns.influence'), render: (_, row) => row.influence ?? '—' },
        { key: 'relationshipLevel', title: t('projectInsight.stakeholders.columns.relationshipLevel'), render: (_, row) => (row.relationshipLevel ? `${row.relationshipLevel} · ${t(`contacts.levels.${row.relationshipLevel}` as 'contacts.levels.1')}` : '—') },
        { key: 'notes', title: t('projectInsight.stakeholders.columns.notes'), dataIndex: 'notes', ellipsis: true },
        { key: 'actions', title: '', render: (_, row) => actions(row), width: 80 },
      ]}
    />
  );

  // Rows are buying roles (plus "no role" when someone has none), columns the three attitudes (plus "unknown").
  const roles = [...buyingRoles, ...(items.some((item) => !item.buyingRole) ? [null] : [])];
  const attitudes = [...contactAttitudes, ...(items.some((item) => !item.attitude) ? [null] : [])];
  const grid = (
    <div style={{ overflowX: 'auto' }} data-testid="stakeholder-grid">
      <table style={{ borderCollapse: 'separate', borderSpacing: 6, minWidth: 560, width: '100%' }}>
        <thead>
          <tr>
            <th />
            {attitudes.map((attitude) => (
              <th key={attitude ?? 'none'} style={{ textAlign: 'left' }}>
                {attitude ? <Tag color={attitudeColor[attitude]}>{t(`contacts.attitudes.${attitude}`)}</Tag> : t('projectInsight.stakeholders.unknownAttitude')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => (
            <tr key={role ?? 'none'}>
              <th style={{ textAlign: 'left', whiteSpace: 'nowrap', verticalAlign: 'top' }}>{role ? t(`contacts.buyingRoles.${role}`) : t('projectInsight.stakeholders.unassignedRole')}</th>
              {attitudes.map((attitude) => {
                const cell = items.filter((item) => item.buyingRole === role && item.attitude === attitude);
                return (
                  <td key={attitude ?? 'none'} data-testid={`stakeholder-cell-${role ?? 'none'}-${attitude ?? 'none'}`} style={{ verticalAlign: 'top', background: 'rgba(0,0,0,0.02)', borderRadius: 6, padding: 6, minWidth: 120 }}>
                    <Space direction="vertical" size={4} style={{ width: '100%' }}>
                      {cell.map((item) => (
                        <Card key={item.id} size="small" styles={{ body: { padding: 8 } }}>
                          <ContactName stakeholder={item} />
                          <div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {item.contact.title ?? item.contact.organization.name}
                            </Typography.Text>
                          </div>
                          <Space size={4} wrap>
                            {item.relationshipLevel != null && <Tag>{t('projectInsight.stakeholders.level', { level: item.relationshipLevel })}</Tag>}
                            {item.influence != null && <Tag color="purple">{`${t('projectInsight.stakeholders.columns.influence')} ${item.influence}`}</Tag>}
                          </Space>
                        </Card>
                      ))}
                    </Space>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="stakeholder-map">
      {gaps.map((gap) => (
        <Alert key={gap.code} type={gapType[gap.severity]} showIcon message={t(`projectInsight.stakeholders.gaps.${gap.code}`, gap.params)} data-testid={`stakeholder-gap-${gap.code}`} />
      ))}
      <Row justify="space-between" align="middle" gutter={[8, 8]}>
        <Col>
          <Segmented
            value={view}
            onChange={(value) => setView(value as 'table' | 'grid')}
            options={[
              { value: 'table', label: <span data-testid="stakeholder-view-table">{t('projectInsight.stakeholders.table')}</span> },
              { value: 'grid', label: <span data-testid="stakeholder-view-grid">{t('projectInsight.stakeholders.grid')}</span> },
            ]}
          />
        </Col>
        <Col>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })} data-testid="stakeholder-add">
              {t('projectInsight.stakeholders.add')}
            </Button>
          )}
        </Col>
      </Row>
      {view === 'table' ? table : grid}
      <StakeholderForm project={project} editing={form.editing} open={form.open} onClose={() => setForm({ open: false, editing: null })} />
    </Space>
  );
};
