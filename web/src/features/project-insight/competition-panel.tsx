// The competition tab (PRJ-5): competitors on the project with their offer, price, strengths, weaknesses and threat.
// Only organisations of type competitor can be chosen (the server refuses others with 422 as well).
import { useEffect, useState } from 'react';
import { App, Button, Empty, Form, Input, Modal, Popconfirm, Rate, Select, Skeleton, Space, Table } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Project, ProjectCompetitor, ProjectCompetitorInput } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useFormat } from '../../lib/format';
import { useAddCompetitor, useCompetitorOrganizations, useCompetitors, useRemoveCompetitor, useUpdateCompetitor } from './project-insight.api';

type Values = Partial<ProjectCompetitorInput>;
const textFields = ['offer', 'strengths', 'weaknesses'] as const;

const CompetitorForm = ({ project, editing, open, onClose }: { project: Project; editing: ProjectCompetitor | null; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const options = useCompetitorOrganizations(q);
  const add = useAddCompetitor(project.id);
  const update = useUpdateCompetitor(project.id);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ offer: editing.offer, price: editing.price, strengths: editing.strengths, weaknesses: editing.weaknesses, threat: editing.threat });
  }, [open, editing, form]);

  const submit = async (values: Values) => {
    const clean = {
      ...Object.fromEntries(textFields.map((key) => [key, values[key]?.trim() ? values[key] : null])),
      price: values.price?.toString().trim() ? values.price.toString().trim() : null,
      threat: values.threat ? values.threat : null,
    };
    try {
      if (editing) await update.mutateAsync({ id: editing.id, ...clean, version: editing.version });
      else await add.mutateAsync({ organizationId: values.organizationId!, ...clean });
      void message.success(t(editing ? 'projectInsight.competition.saved' : 'projectInsight.competition.added'));
      onClose();
    } catch (error) {
      handleError(error, { form, onReload: onClose });
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('projectInsight.competition.editTitle') : t('projectInsight.competition.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'competitor-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="competitor-form">
        {editing ? (
          <Form.Item label={t('projectInsight.competition.organization')}>{editing.organization.name}</Form.Item>
        ) : (
          <Form.Item name="organizationId" label={t('projectInsight.competition.organization')} extra={t('projectInsight.competition.organizationHelp')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={options.isFetching}
              data-testid="competitor-organization"
              options={(options.data?.items ?? []).map((organization) => ({ value: organization.id, label: organization.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="offer" label={t('projectInsight.competition.columns.offer')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="competitor-offer" />
        </Form.Item>
        <Form.Item name="price" label={t('projectInsight.competition.columns.price')} rules={[{ pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('validation.amount_format') }]}>
          <Input inputMode="decimal" data-testid="competitor-price" />
        </Form.Item>
        <Form.Item name="strengths" label={t('projectInsight.competition.columns.strengths')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="weaknesses" label={t('projectInsight.competition.columns.weaknesses')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="threat" label={t('projectInsight.competition.columns.threat')}>
          <Rate count={5} data-testid="competitor-threat" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const CompetitionPanel = ({ project }: { project: Project }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const list = useCompetitors(project.id);
  const remove = useRemoveCompetitor(project.id);
  const [form, setForm] = useState<{ open: boolean; editing: ProjectCompetitor | null }>({ open: false, editing: null });
  const canEdit = project.access.edit;

  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />;

  const removeOne = async (competitor: ProjectCompetitor) => {
    try {
      await remove.mutateAsync(competitor.id);
      void message.success(t('projectInsight.competition.removed'));
    } catch (error) {
      handleError(error);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="competition-panel">
      {canEdit && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })} data-testid="competitor-add">
          {t('projectInsight.competition.add')}
        </Button>
      )}
      <Table<ProjectCompetitor>
        rowKey="id"
        size="small"
        dataSource={list.data.items}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="competitor-table"
        locale={{ emptyText: <Empty description={t('projectInsight.competition.empty')} /> }}
        columns={[
          { key: 'organization', title: t('projectInsight.competition.columns.organization'), render: (_, row) => <Link to={`/organizations/${row.organization.id}`}>{row.organization.name}</Link> },
          { key: 'offer', title: t('projectInsight.competition.columns.offer'), dataIndex: 'offer', ellipsis: true },
          { key: 'price', title: t('projectInsight.competition.columns.price'), align: 'right', render: (_, row) => (row.price ? format.money(row.price) : '—') },
          { key: 'strengths', title: t('projectInsight.competition.columns.strengths'), dataIndex: 'strengths', ellipsis: true },
          { key: 'weaknesses', title: t('projectInsight.competition.columns.weaknesses'), dataIndex: 'weaknesses', ellipsis: true },
          { key: 'threat', title: t('projectInsight.competition.columns.threat'), render: (_, row) => (row.threat ? <Rate disabled count={5} value={row.threat} style={{ fontSize: 12 }} /> : '—') },
          {
            key: 'actions',
            title: '',
            width: 80,
            render: (_, row) =>
              canEdit && (
                <Space size={0}>
                  <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setForm({ open: true, editing: row })} data-testid={`competitor-edit-${row.id}`} />
                  <Popconfirm title={t('projectInsight.competition.removeConfirm', { name: row.organization.name })} onConfirm={() => removeOne(row)} okText={t('common.remove')} cancelText={t('common.cancel')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`competitor-remove-${row.id}`} />
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <CompetitorForm project={project} editing={form.editing} open={form.open} onClose={() => setForm({ open: false, editing: null })} />
    </Space>
  );
};
