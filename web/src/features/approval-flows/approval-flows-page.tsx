// Approval flows per document type, in the order they are tried: the first active flow whose condition holds is used.
import type { HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Empty, Popconfirm, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApprovalFlow, DocumentTypeInfo } from '@openpsm/contracts';
import { documentTypeLabel, useDocumentTypes } from '../../lib/approvals';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useApprovalFlows, useDeleteApprovalFlow, useUpdateApprovalFlow } from './approval-flows.api';
import { ConditionSummary } from './condition-summary';

const FlowTable = ({ documentType }: { documentType: DocumentTypeInfo }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const format = useFormat();
  const flows = useApprovalFlows(documentType.key);
  const canConfigure = usePermission('approval.configure');
  const update = useUpdateApprovalFlow();
  const remove = useDeleteApprovalFlow();
  const handleError = useApiErrorHandler();
  const editorPath = (flow: ApprovalFlow) => `/admin/approval-flows/${flow.id}`;
  const newPath = `/admin/approval-flows/new?documentType=${encodeURIComponent(documentType.key)}`;
  const items = flows.data ?? [];
  const noActiveFlow = documentType.required && !flows.isPending && !items.some((flow) => flow.active);

  if (flows.isError) return <QueryErrorResult error={flows.error} onRetry={() => void flows.refetch()} />;

  const toggle = (flow: ApprovalFlow, active: boolean) =>
    update.mutate(
      { id: flow.id, patch: { active, version: flow.version } },
      {
        onSuccess: () => void message.success(active ? t('approvalFlows.activated', { name: flow.name }) : t('approvalFlows.deactivated', { name: flow.name })),
        onError: (error) => handleError(error),
      },
    );

  return (
    <>
      {documentType.required && (
        <Alert
          type={noActiveFlow ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t(noActiveFlow ? 'approvalFlows.requiredNoFlow' : 'approvalFlows.requiredHelp', { documentType: documentTypeLabel(documentType.key) })}
        />
      )}
      <Table<ApprovalFlow>
        rowKey="id"
        size="middle"
        loading={flows.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={() => ({ 'data-testid': 'flow-row' }) as HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: flows.isPending ? (
            ' '
          ) : (
            <Empty description={t('approvalFlows.empty', { documentType: documentTypeLabel(documentType.key) })}>
              {canConfigure && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(newPath)}>
                  {t('approvalFlows.create')}
                </Button>
              )}
            </Empty>
          ),
        }}
        columns={[
          { key: 'priority', title: t('fields.approvalFlow.priority'), dataIndex: 'priority', align: 'right', width: 80 },
          {
            key: 'name',
            title: t('fields.approvalFlow.name'),
            render: (_, flow) => (
              <div style={{ minWidth: 160 }}>
                <Link to={editorPath(flow)}>{flow.name}</Link>
                {flow.description && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, maxWidth: 320 }} ellipsis={{ rows: 2 }}>
                    {flow.description}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          },
          {
            key: 'condition',
            title: t('fields.approvalFlow.condition'),
            render: (_, flow) => (
              <div style={{ maxWidth: 360 }}>
                <ConditionSummary condition={flow.condition} fields={documentType.fields} />
              </div>
            ),
          },
          {
            key: 'steps',
            title: t('fields.approvalFlow.steps'),
            align: 'right',
            render: (_, flow) => (
              <Tooltip title={flow.steps.map((step) => step.name).join(' → ')}>
                <span>{flow.steps.length}</span>
              </Tooltip>
            ),
          },
          {
            key: 'active',
            title: t('fields.approvalFlow.active'),
            render: (_, flow) =>
              canConfigure ? (
                <Switch
                  size="small"
                  checked={flow.active}
                  loading={update.isPending && update.variables.id === flow.id}
                  onChange={(checked) => toggle(flow, checked)}
                  aria-label={t('fields.approvalFlow.active')}
                  data-testid="flow-active-switch"
                />
              ) : flow.active ? (
                <Tag color="green">{t('common.enabled')}</Tag>
              ) : (
                <Tag>{t('common.disabled')}</Tag>
              ),
          },
          { key: 'definitionVersion', title: t('approvalFlows.definitionVersion'), align: 'right', render: (_, flow) => `v${flow.definitionVersion}` },
          { key: 'instancesInFlight', title: t('approvalFlows.instancesInFlight'), dataIndex: 'instancesInFlight', align: 'right' },
          {
            key: 'updatedAt',
            title: t('fields.common.updatedAt'),
            className: 'psm-nowrap',
            render: (_, flow) => (
              <>
                {format.dateTime(flow.updatedAt)}
                {flow.updatedBy && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {flow.updatedBy.displayName}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 100,
            render: (_, flow) => (
              <>
                <Button
                  type="text"
                  size="small"
                  icon={canConfigure ? <EditOutlined /> : <EyeOutlined />}
                  aria-label={canConfigure ? t('common.edit') : t('approvalFlows.view')}
                  onClick={() => navigate(editorPath(flow))}
                />
                {canConfigure && (
                  <Popconfirm
                    title={t('approvalFlows.deleteConfirm', { name: flow.name })}
                    description={flow.instancesInFlight > 0 ? t('approvalFlows.deleteInFlight', { count: flow.instancesInFlight }) : undefined}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true, 'data-testid': 'flow-delete-confirm' } as ButtonProps}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      remove.mutateAsync(flow.id).then(
                        () => void message.success(t('common.deleted')),
                        (error: unknown) => handleError(error),
                      )
                    }
                  >
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="flow-delete" />
                  </Popconfirm>
                )}
              </>
            ),
          },
        ]}
      />
    </>
  );
};

export const ApprovalFlowsPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const documentTypes = useDocumentTypes();
  const canConfigure = usePermission('approval.configure');
  const types = documentTypes.data ?? [];
  const requested = searchParams.get('documentType');
  const active = types.find((type) => type.key === requested) ?? types[0];

  if (documentTypes.isError) return <QueryErrorResult error={documentTypes.error} onRetry={() => void documentTypes.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('approvalFlows.title')}
        subtitle={t('approvalFlows.subtitle')}
        extra={
          canConfigure &&
          active && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/admin/approval-flows/new?documentType=${encodeURIComponent(active.key)}`)}
              data-testid="flow-create"
            >
              {t('approvalFlows.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }} loading={documentTypes.isPending}>
        {types.length === 0 ? (
          <Empty description={t('approvalFlows.noDocumentTypes')} />
        ) : (
          <Tabs
            activeKey={active?.key}
            onChange={(key) => setSearchParams({ documentType: key }, { replace: true })}
            destroyOnHidden
            items={types.map((type) => ({ key: type.key, label: documentTypeLabel(type.key), children: <FlowTable documentType={type} /> }))}
          />
        )}
      </Card>
    </>
  );
};
