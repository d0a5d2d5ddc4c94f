// The project page: a header with what a salesperson asks first (stage, probability, amount, owner, status) and the
// tabs every project module contributes through project-tabs.tsx.
import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { App, Button, Card, Descriptions, Form, Input, Modal, Tabs, Tag } from 'antd';
import { ProjectScoreBadges } from '../project-insight/project-score-badges';
import { CheckCircleOutlined, DeleteOutlined, EditOutlined, RollbackOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { NotFoundResult, PageSkeleton, QueryErrorResult } from '../../components/results';
import { UserSelect } from '../../components/user-select';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { isApiError } from '../../lib/api-client';
import { hasPermission, useCurrentUser } from '../../lib/session';
import { useAssignProject, useClaimProject, useDeleteProject, useProject, useReopenProject } from './projects.api';
import { projectTabs, type ProjectTabContext } from './project-tabs';
import { formatMoney, ProjectStatusTag, useStageName } from './project-labels';
import { ProjectFormDrawer } from './project-form-drawer';
import { ProjectCloseModal } from './project-close-modal';
import { QuickLogButton } from '../activities/quick-log-button';

export const ProjectDetailPage = () => {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const handleError = useApiErrorHandler();
  const [searchParams, setSearchParams] = useSearchParams();
  const project = useProject(id);
  const stageName = useStageName();
  const reopen = useReopenProject(id);
  const assign = useAssignProject(id);
  const claim = useClaimProject(id);
  const remove = useDeleteProject(id);
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [newOwner, setNewOwner] = useState<string | undefined>();
  const [reopenForm] = Form.useForm<{ reason?: string }>();
  const tab = searchParams.get('tab') ?? 'details';

  if (project.isPending) return <PageSkeleton />;
  if (project.isError) {
    if (isApiError(project.error) && project.error.status === 404) return <NotFoundResult />;
    return <QueryErrorResult error={project.error} onRetry={() => void project.refetch()} />;
  }
  const record = project.data;
  const can = (permission: string) => hasPermission(user, permission as Permission);
  const context: ProjectTabContext = { project: record, can, t };
  const tabs = projectTabs
    .filter((entry) => entry.visible?.(context) ?? true)
    .sort((left, right) => left.order - right.order)
    .map((entry) => ({ key: entry.key, label: entry.label(context), children: entry.render(context) }));
  const isOpen = record.status === 'open';

  const askReopen = () =>
    modal.confirm({
      title: t('projects.close.reopenConfirm'),
      content: (
        <Form form={reopenForm} layout="vertical">
          <Form.Item name="reason" label={t('projects.close.reopenReason')}>
            <Input.TextArea rows={2} maxLength={500} data-testid="project-reopen-reason" />
          </Form.Item>
        </Form>
      ),
      okButtonProps: { 'data-testid': 'project-reopen-confirm' } as ButtonProps,
      onOk: () =>
        reopen.mutateAsync({ version: record.version, reason: reopenForm.getFieldValue('reason') || null }).then(
          () => void message.success(t('projects.close.reopened')),
          (error: unknown) => handleError(error),
        ),
    });
  const askDelete = () =>
    modal.confirm({
      title: t('common.deleteConfirm', { defaultValue: t('common.delete') }),
      okButtonProps: { danger: true, 'data-testid': 'project-delete-confirm' } as ButtonProps,
      onOk: () => remove.mutateAsync(record.version).then(() => navigate('/projects'), (error: unknown) => handleError(error)),
    });

  return (
    <>
      <PageHeader
        backTo="/projects"
        title={<span data-testid="project-name">{record.name}</span>}
        tags={
          <>
            <ProjectStatusTag status={record.status} />
            <Tag color="blue" data-testid="project-stage">{stageName(record.stage)}</Tag>
            <ProjectScoreBadges projectId={record.id} healthScore={record.healthScore} valueGrade={record.valueGrade} valueScore={record.valueScore} />
          </>
        }
        subtitle={<span data-testid="project-number">{record.number}</span>}
        extra={
          <>
            <QuickLogButton context={{ organization: record.organization, project: { id: record.id, name: record.name } }} />
            {record.access.edit && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                {t('common.edit')}
              </Button>
            )}
            {record.access.edit && isOpen && (
              <Button icon={<CheckCircleOutlined />} onClick={() => setClosing(true)} data-testid="project-close">
                {t('projects.close.action')}
              </Button>
            )}
            {record.access.edit && !isOpen && (
              <Button icon={<RollbackOutlined />} onClick={askReopen} data-testid="project-reopen">
                {t('projects.close.reopen')}
              </Button>
            )}
            {can('project.assign') && record.access.edit && (
              <Button icon={<UserSwitchOutlined />} onClick={() => setAssigning(true)} data-testid="project-assign">
                {t('projects.assign.action')}
              </Button>
            )}
            {!record.owner && can('project.create') && (
              <Button
                onClick={() => claim.mutate(record.version, { onSuccess: () => void message.success(t('projects.claim.done')), onError: (error) => handleError(error) })}
                loading={claim.isPending}
                data-testid="project-claim"
              >
                {t('projects.claim.action')}
              </Button>
            )}
            {record.access.delete && (
              <Button danger icon={<DeleteOutlined />} onClick={askDelete} data-testid="project-delete">
                {t('common.delete')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 2, sm: 3, md: 5 }} data-testid="project-header">
          <Descriptions.Item label={t('projects.fields.organization')}>{record.organization.name}</Descriptions.Item>
          <Descriptions.Item label={t('projects.fields.stage')}>{stageName(record.stage)}</Descriptions.Item>
          <Descriptions.Item label={t('projects.fields.probability')}>
            <span data-testid="project-probability">{record.probability}%</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.fields.amount')}>
            <span data-testid="project-amount">{formatMoney(record.amount, record.currency, i18n.language)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.fields.owner')}>
            <span data-testid="project-owner">{record.owner?.displayName ?? t('projects.noOwner')}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tabs.some((item) => item.key === tab) ? tab : 'details'}
          onChange={(key) => setSearchParams(key === 'details' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={tabs}
        />
      </Card>
      {record.access.edit && <ProjectFormDrawer open={editing} project={record} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {record.access.edit && isOpen && <ProjectCloseModal project={record} open={closing} onClose={() => setClosing(false)} />}
      <Modal
        open={assigning}
        title={t('projects.assign.title')}
        onCancel={() => setAssigning(false)}
        okButtonProps={{ disabled: !newOwner, 'data-testid': 'project-assign-submit' } as ButtonProps}
        confirmLoading={assign.isPending}
        onOk={() =>
          newOwner &&
          assign.mutate(
            { ownerId: newOwner, version: record.version },
            {
              onSuccess: () => {
                setAssigning(false);
                void message.success(t('projects.assign.done'));
              },
              onError: (error) => handleError(error),
            },
          )
        }
      >
        <div style={{ marginBottom: 8 }}>{t('projects.assign.newOwner')}</div>
        <UserSelect value={newOwner} onChange={(value) => setNewOwner(value as string | undefined)} excludeIds={record.owner ? [record.owner.id] : []} data-testid="project-assign-user" />
      </Modal>
    </>
  );
};
