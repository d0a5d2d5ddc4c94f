// Administration of pools and their rules: one per department (with its sub-departments) or the company's.
import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, InputNumber, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { poolRuleFields } from '@openpsm/contracts';
import type { CustomerPool, PoolRuleField } from '@openpsm/contracts';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { FormDrawer } from '../../components/form-drawer';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { usePermission } from '../../lib/session';
import { useDeletePool, usePools, useSavePool, type PoolPayload } from './pool.api';

type Values = Omit<PoolPayload, PoolRuleField | 'departmentId'> & Partial<Record<PoolRuleField, number | null>> & { departmentId?: string | null };

const PoolForm = ({ pool, onDone }: { pool: CustomerPool | 'new'; onDone: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const save = useSavePool();
  const [form] = Form.useForm<Values>();
  const existing = pool === 'new' ? null : pool;

  const submit = async (values: Values) => {
    const rules = Object.fromEntries(poolRuleFields.map((field) => [field, values[field] ?? null]));
    try {
      await save.mutateAsync({
        ...(existing ? { id: existing.id, version: existing.version } : {}),
        name: values.name,
        departmentId: values.departmentId ?? null,
        active: values.active ?? true,
        ...rules,
      });
      void message.success(t('poolRules.saved'));
      onDone();
    } catch (error) {
      handleError(error, { form, recordType: 'pool' });
    }
  };

  return (
    <FormDrawer open title={existing ? t('poolRules.edit') : t('poolRules.create')} formId="pool-form" submitting={save.isPending} onClose={onDone}>
      <Form id="pool-form" form={form} layout="vertical" onFinish={submit} initialValues={existing ?? { active: true, departmentId: null }}>
        <Form.Item name="name" label={t('poolRules.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={60} data-testid="pool-name" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('poolRules.fields.departmentId')} extra={t('poolRules.departmentHelp')}>
          <DepartmentTreeSelect allowClear />
        </Form.Item>
        {poolRuleFields.map((field) => (
          <Form.Item key={field} name={field} label={t(`poolRules.fields.${field}`)}>
            <InputNumber min={1} max={3650} precision={0} placeholder={t('poolRules.emptyRule')} style={{ width: 200 }} />
          </Form.Item>
        ))}
        <Form.Item name="active" label={t('poolRules.fields.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
};

export const PoolRulesPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const canConfigure = usePermission('pool.configure');
  const pools = usePools();
  const remove = useDeletePool();
  const [editing, setEditing] = useState<CustomerPool | 'new' | null>(null);
  const rule = (value: number | null) => (value === null ? <span style={{ opacity: 0.5 }}>{t('poolRules.emptyRule')}</span> : value);

  const columns: TableColumnsType<CustomerPool> = [
    { key: 'name', title: t('poolRules.fields.name'), render: (_, pool) => <Space>{pool.name}{!pool.active && <Tag>{t('common.disabled')}</Tag>}</Space> },
    { key: 'department', title: t('poolRules.fields.departmentId'), render: (_, pool) => pool.departmentName ?? <Tag color="gold">{t('poolRules.company')}</Tag> },
    ...poolRuleFields.map((field) => ({ key: field, title: t(`poolRules.fields.${field}`), render: (_: unknown, pool: CustomerPool) => rule(pool[field]), responsive: field === 'maxOwnedPerRep' || field === 'noFollowUpDays' ? undefined : (['lg'] as ['lg']) })),
    { key: 'count', dataIndex: 'organizationCount', title: t('poolRules.fields.organizationCount') },
    ...(canConfigure
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, pool: CustomerPool) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => setEditing(pool)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('poolRules.deleteConfirm')}
                  onConfirm={async () => {
                    try {
                      await remove.mutateAsync(pool.id);
                      void message.success(t('poolRules.deleted'));
                    } catch (error) {
                      handleError(error);
                    }
                  }}
                >
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('poolRules.title')}
        subtitle={t('poolRules.subtitle')}
        extra={
          canConfigure && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="pool-create">
              {t('poolRules.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        {pools.isError ? (
          <QueryErrorResult error={pools.error} onRetry={() => void pools.refetch()} />
        ) : (
          <Table<CustomerPool>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={pools.data?.items}
            loading={pools.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: pools.isPending ? ' ' : <Empty description={t('poolRules.empty')} /> }}
          />
        )}
      </Card>
      {editing && <PoolForm pool={editing} onDone={() => setEditing(null)} />}
    </>
  );
};
