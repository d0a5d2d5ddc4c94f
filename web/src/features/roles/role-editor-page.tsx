// Creating or editing one role: name, permission matrix, data scope per record type, protected fields.
import { App, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DataScope, Permission, Role } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { translateDynamic } from '../../lib/i18n';
import { roleDisplayName, usePermissionCatalog } from '../../lib/reference-data';
import type { PermissionCatalog } from '../../lib/reference-data';
import { usePermission } from '../../lib/session';
import { useCreateRole, useRole, useUpdateRole } from './roles.api';
import { PermissionMatrix } from './permission-matrix';

type RoleValues = {
  code: string;
  name: string;
  description?: string;
  permissions: Permission[];
  scopes: Record<string, DataScope>;
  visibleProtectedFields: string[];
};

const CODE = /^[a-z][a-z0-9_]*$/;

const RoleEditor = ({ role, catalog }: { role?: Role; catalog: PermissionCatalog }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<RoleValues>();
  const canConfigure = usePermission('role.configure');
  const create = useCreateRole();
  const update = useUpdateRole(role?.id ?? '');
  const handleError = useApiErrorHandler();

  const initialValues: RoleValues = role
    ? { code: role.code, name: role.name, description: role.description ?? '', permissions: role.permissions, scopes: role.scopes, visibleProtectedFields: role.visibleProtectedFields }
    : { code: '', name: '', description: '', permissions: [], scopes: Object.fromEntries(catalog.scopedRecordTypes.map((type) => [type, 'own' as DataScope])), visibleProtectedFields: [] };

  const onFinish = (values: RoleValues) => {
    const body = {
      name: values.name.trim(),
      description: values.description?.trim() || null,
      permissions: values.permissions,
      scopes: values.scopes as { organization: DataScope },
      visibleProtectedFields: values.visibleProtectedFields,
    };
    const onError = (error: unknown) => handleError(error, { form, recordType: 'role' });
    if (role) {
      update.mutate({ ...body, version: role.version }, { onSuccess: () => void message.success(t('common.saved')), onError });
    } else {
      create.mutate(
        { ...body, code: values.code.trim() },
        {
          onSuccess: (created) => {
            void message.success(t('roles.created'));
            navigate(`/admin/roles/${created.id}`, { replace: true });
          },
          onError,
        },
      );
    }
  };

  const protectedOptions = Object.entries(catalog.protectedFields).flatMap(([recordType, fields]) =>
    fields.map((field) => ({
      value: `${recordType}.${field}`,
      label: `${translateDynamic(`recordTypes.${recordType}`, recordType)} · ${translateDynamic(`fields.${recordType}.${field}`, field)}`,
    })),
  );

  return (
    <Form<RoleValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={!canConfigure}>
      <Card title={t('roles.basics')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('fields.role.code')} rules={[{ required: true, message: t('validation.required') }, { pattern: CODE, message: t('validation.code_format') }, { min: 2, max: 40 }]}>
              <Input disabled={Boolean(role)} maxLength={40} autoFocus={!role} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('fields.role.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
              <Input maxLength={60} autoFocus={Boolean(role)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="description" label={t('fields.role.description')} rules={[{ max: 300 }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('roles.permissions')} style={{ marginBottom: 16 }}>
        <Form.Item name="permissions" noStyle>
          <PermissionMatrix modules={catalog.modules} disabled={!canConfigure} />
        </Form.Item>
      </Card>
      <Card title={t('roles.dataScopes')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('roles.dataScopesHelp')}</Typography.Paragraph>
        <Row gutter={16}>
          {catalog.scopedRecordTypes.map((recordType) => (
            <Col xs={24} md={12} key={recordType}>
              <Form.Item name={['scopes', recordType]} label={translateDynamic(`recordTypes.${recordType}`, recordType)} rules={[{ required: true, message: t('validation.required') }]}>
                <Select options={catalog.dataScopes.map((scope) => ({ value: scope, label: translateDynamic(`roles.scopes.${scope}`, scope) }))} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('roles.protectedFields')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('roles.protectedFieldsHelp')}</Typography.Paragraph>
        <Form.Item name="visibleProtectedFields" noStyle>
          <Checkbox.Group>
            <Space orientation="vertical">
              {protectedOptions.map((option) => (
                <Checkbox key={option.value} value={option.value}>
                  {option.label}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </Card>
      {canConfigure && (
        <Flex gap={8} justify="flex-end" style={{ position: 'sticky', bottom: 0, zIndex: 5, padding: '12px 0', background: '#f5f6f8' }}>
          <Button onClick={() => navigate('/admin/roles')} disabled={false}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="role-save">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
};

export const RoleEditorPage = () => {
  const { id } = useParams();
  const { t } = useTranslation();
  const role = useRole(id);
  const catalog = usePermissionCatalog();

  if ((id && role.isPending) || catalog.isPending) return <PageSkeleton />;
  if (role.isError) return <QueryErrorResult error={role.error} onRetry={() => void role.refetch()} />;
  if (catalog.isError) return <QueryErrorResult error={catalog.error} onRetry={() => void catalog.refetch()} />;

  return (
    <>
      <PageHeader backTo="/admin/roles" title={role.data ? roleDisplayName(role.data) : t('roles.create')} subtitle={role.data?.builtin ? t('roles.builtinHelp') : undefined} />
      <RoleEditor key={role.data ? `${role.data.id}:${role.data.version}` : 'new'} role={role.data} catalog={catalog.data} />
    </>
  );
};
