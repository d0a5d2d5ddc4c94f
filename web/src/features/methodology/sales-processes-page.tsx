// Administration of sales processes (PRJ-2, project.configure): the processes, their assignment to product lines and
// departments, and each process's stages — reorder, edit (criteria builder, checklist editor), archive, delete.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, Popconfirm, Row, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SalesProcess, SalesProcessInput, SalesStage } from '@openpsm/contracts';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { FormDrawer } from '../../components/form-drawer';
import { PageHeader } from '../../components/page-header';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { OptionSelect } from '../projects/project-pickers';
import { useCreateProcess, useDeleteProcess, useDeleteStage, useReorderStages, useSalesProcesses, useSaveStage, useUpdateProcess } from './methodology.api';
import { StageEditor } from './stage-editor';

type ProcessForm = Omit<SalesProcessInput, 'stages'>;

const ProcessDrawer = ({ process, open, onClose }: { process: SalesProcess | null; open: boolean; onClose: (created?: SalesProcess) => void }) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProcessForm>();
  const handleError = useApiErrorHandler();
  const create = useCreateProcess();
  const update = useUpdateProcess(process?.id ?? '');
  const submit = (values: ProcessForm) => {
    const onError = (error: unknown) => handleError(error, { form });
    if (process) update.mutate({ ...values, version: process.version }, { onSuccess: () => onClose(), onError });
    else
      create.mutate(
        // A new process starts with one working stage; the stage editor adds the rest.
        { ...values, stages: [{ code: 'S1', nameZh: '阶段一', nameEn: 'Stage 1', probability: 10, kind: 'open', criteria: [], checklist: [] }] },
        { onSuccess: (created) => onClose(created), onError },
      );
  };
  return (
    <FormDrawer open={open} title={process ? t('methodology.admin.editTitle', { name: process.nameZh }) : t('methodology.admin.createTitle')} formId="process-form" submitting={create.isPending || update.isPending} onClose={() => onClose()}>
      <Form id="process-form" form={form} layout="vertical" onFinish={submit} initialValues={process ?? { active: true, isDefault: false, productLines: [], departmentIds: [] }} data-testid="process-form">
        {!process && (
          <Form.Item name="code" label={t('methodology.admin.code')} rules={[{ required: true }]}>
            <Input data-testid="process-form-code" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="nameZh" label={t('methodology.admin.nameZh')} rules={[{ required: true }]}>
              <Input data-testid="process-form-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('methodology.admin.nameEn')} rules={[{ required: true }]}>
              <Input data-testid="process-form-name-en" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="descriptionZh" label={t('methodology.admin.descriptionZh')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t('methodology.admin.descriptionEn')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="productLines" label={t('methodology.admin.productLines')} extra={t('methodology.admin.assignmentHelp')}>
          <OptionSelect listKey="product_line" multiple data-testid="process-form-product-lines" />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('methodology.admin.departmentIds')}>
          <DepartmentTreeSelect multiple />
        </Form.Item>
        <Space>
          <Form.Item name="active" valuePropName="checked">
            <Checkbox>{t('methodology.admin.active')}</Checkbox>
          </Form.Item>
          <Form.Item name="isDefault" valuePropName="checked">
            <Checkbox data-testid="process-form-default">{t('methodology.admin.isDefault')}</Checkbox>
          </Form.Item>
        </Space>
      </Form>
    </FormDrawer>
  );
};

const StagesTable = ({ process }: { process: SalesProcess }) => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const reorder = useReorderStages(process.id);
  const save = useSaveStage(process.id);
  const remove = useDeleteStage(process.id);
  const [editing, setEditing] = useState<SalesStage | null | undefined>(undefined);
  const english = i18n.language === 'en';
  const ids = process.stages.map((stage) => stage.id);
  const swap = (index: number, by: number) => {
    const next = [...ids];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    reorder.mutate({ version: process.version, stageIds: next }, { onError: (error) => handleError(error) });
  };
  return (
    <>
      <Table<SalesStage>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={process.stages}
        data-testid="process-stages"
        rowClassName={(stage) => (stage.archivedAt ? 'psm-row-muted' : '')}
        columns={[
          {
            key: 'order',
            width: 80,
            render: (_value, _stage, index) => (
              <Space size={0}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t('methodology.admin.moveUp')} disabled={index === 0 || reorder.isPending} onClick={() => swap(index, -1)} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={t('methodology.admin.moveDown')} disabled={index === ids.length - 1 || reorder.isPending} onClick={() => swap(index, 1)} />
              </Space>
            ),
          },
          { key: 'code', dataIndex: 'code', title: t('methodology.admin.code'), width: 110 },
          {
            key: 'name',
            title: t('methodology.admin.stages'),
            render: (_value, stage) => (
              <Space wrap>
                <span data-testid={`process-stage-${stage.code}`}>{english ? stage.nameEn : stage.nameZh}</span>
                {stage.kind === 'won' && <Tag color="green">{t('methodology.admin.kinds.won')}</Tag>}
                {stage.archivedAt && <Tag>{t('methodology.admin.inactive')}</Tag>}
              </Space>
            ),
          },
          { key: 'probability', dataIndex: 'probability', title: t('methodology.admin.probability'), width: 110, render: (value: number) => `${value}%` },
          { key: 'criteria', title: t('methodology.admin.criteriaCount'), width: 70, render: (_value, stage) => stage.criteria.length },
          { key: 'checklist', title: t('methodology.admin.checklistCount'), width: 70, render: (_value, stage) => stage.checklist.length },
          { key: 'projects', dataIndex: 'projectCount', title: t('methodology.admin.projectCount'), width: 80 },
          {
            key: 'actions',
            width: 220,
            render: (_value, stage) => (
              <Space size={4} wrap>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(stage)} data-testid={`process-stage-edit-${stage.code}`}>
                  {t('common.edit')}
                </Button>
                <Button
                  size="small"
                  onClick={() => save.mutate({ stageId: stage.id, version: process.version, archived: !stage.archivedAt }, { onError: (error) => handleError(error) })}
                  data-testid={`process-stage-archive-${stage.code}`}
                >
                  {stage.archivedAt ? t('methodology.admin.restore') : t('methodology.admin.archive')}
                </Button>
                <Popconfirm
                  title={t('methodology.admin.deleteStageConfirm')}
                  onConfirm={() =>
                    remove.mutate(
                      { stageId: stage.id, version: process.version },
                      {
                        onSuccess: (result) => void message.success(result.outcome === 'archived' ? t('methodology.admin.stageArchived') : t('methodology.admin.stageDeleted')),
                        onError: (error) => handleError(error),
                      },
                    )
                  }
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('methodology.admin.deleteStage')} data-testid={`process-stage-delete-${stage.code}`} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Button icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(null)} data-testid="process-add-stage">
        {t('methodology.admin.addStage')}
      </Button>
      {editing !== undefined && <StageEditor process={process} stage={editing} open onClose={() => setEditing(undefined)} />}
    </>
  );
};

export const SalesProcessesPage = () => {
  const { t, i18n } = useTranslation();
  const handleError = useApiErrorHandler();
  const processes = useSalesProcesses();
  const removeProcess = useDeleteProcess();
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [drawer, setDrawer] = useState<'create' | 'edit' | null>(null);
  const english = i18n.language === 'en';
  const items = processes.data ?? [];
  const selected = items.find((process) => process.id === selectedId) ?? items[0];

  return (
    <>
      <PageHeader
        title={t('methodology.admin.title')}
        subtitle={t('methodology.admin.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer('create')} data-testid="process-create">
            {t('methodology.admin.create')}
          </Button>
        }
      />
      {processes.isLoading && <Skeleton active />}
      {processes.isError && <Alert type="error" showIcon title={t('errors.load_failed')} />}
      {processes.isSuccess && items.length === 0 && <Empty description={t('methodology.admin.empty')} />}
      {selected && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div style={{ overflowX: 'auto' }}>
            <Segmented
              value={selected.id}
              onChange={(value) => setSelectedId(String(value))}
              data-testid="process-switch"
              options={items.map((process) => ({ value: process.id, label: english ? process.nameEn : process.nameZh }))}
            />
          </div>
          <Card
            title={
              <Space wrap>
                <span data-testid="process-name">{english ? selected.nameEn : selected.nameZh}</span>
                {selected.builtin && <Tag>{t('methodology.admin.builtin')}</Tag>}
                {selected.isDefault && <Tag color="blue">{t('methodology.admin.default')}</Tag>}
                {!selected.active && <Tag color="red">{t('methodology.admin.inactive')}</Tag>}
              </Space>
            }
            extra={
              <Space wrap>
                <Button icon={<EditOutlined />} onClick={() => setDrawer('edit')} data-testid="process-edit">
                  {t('common.edit')}
                </Button>
                {!selected.builtin && (
                  <Popconfirm title={t('methodology.admin.deleteProcessConfirm')} onConfirm={() => removeProcess.mutate(selected.id, { onSuccess: () => setSelectedId(undefined), onError: (error) => handleError(error) })}>
                    <Button danger icon={<DeleteOutlined />} data-testid="process-delete">
                      {t('methodology.admin.deleteProcess')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            }
          >
            {(english ? selected.descriptionEn : selected.descriptionZh) && <Typography.Paragraph type="secondary">{english ? selected.descriptionEn : selected.descriptionZh}</Typography.Paragraph>}
            <StagesTable process={selected} />
          </Card>
        </Space>
      )}
      {drawer && (
        <ProcessDrawer
          process={drawer === 'edit' ? (selected ?? null) : null}
          open
          onClose={(created) => {
            setDrawer(null);
            if (created) setSelectedId(created.id);
          }}
        />
      )}
    </>
  );
};
