// Creating and editing a user account in a drawer.
import { App, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale, Position, User } from '@openpsm/contracts';
import { FormDrawer } from '../../components/form-drawer';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { UserSelect } from '../../components/user-select';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useIsMobile } from '../../components/use-is-mobile';
import { roleDisplayName, useRoles } from '../../lib/reference-data';
import { useCreateUser, useUpdateUser } from './users.api';
import type { UserInput, UserPatch } from './users.api';
import { positionOptions } from './user-labels';

const FORM_ID = 'user-form';
const USERNAME = /^[a-zA-Z0-9._-]+$/;

type UserFormValues = {
  username: string;
  displayName: string;
  email?: string;
  phone?: string;
  departmentId: string;
  position: Position;
  managerId?: string | null;
  roleIds: string[];
  locale: Locale;
  password?: string;
};

const blankToNull = (value: string | undefined | null) => (value && value.trim() ? value.trim() : null);

type UserFormDrawerProps = { open: boolean; user?: User; onClose: () => void };

export const UserFormDrawer = ({ open, user, onClose }: UserFormDrawerProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<UserFormValues>();
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser(user?.id ?? '');
  const handleError = useApiErrorHandler();
  const half = isMobile ? 24 : 12;
  const required = { required: true, message: t('validation.required') };

  const initialValues: Partial<UserFormValues> = user
    ? {
        username: user.username,
        displayName: user.displayName,
        email: user.email ?? '',
        phone: user.phone ?? '',
        departmentId: user.departmentId ?? undefined,
        position: user.position,
        managerId: user.managerId,
        roleIds: user.roleIds,
        locale: user.locale,
      }
    : { position: 'rep', locale: 'zh-CN', roleIds: [] };

  const onFinish = (values: UserFormValues) => {
    const common = {
      displayName: values.displayName.trim(),
      email: blankToNull(values.email),
      phone: blankToNull(values.phone),
      departmentId: values.departmentId,
      position: values.position,
      managerId: values.managerId ?? null,
      roleIds: values.roleIds,
      locale: values.locale,
    };
    const onError = (error: unknown) => handleError(error, { form, recordType: 'user', onReload: onClose });
    if (user) {
      const patch: UserPatch = { ...common, version: user.version };
      update.mutate(patch, {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError,
      });
      return;
    }
    const input: UserInput = { ...common, username: values.username.trim(), password: values.password || undefined };
    create.mutate(input, {
      onSuccess: () => {
        void message.success(input.password ? t('users.createdWithPassword') : t('users.createdWithLink'));
        onClose();
      },
      onError,
    });
  };

  return (
    <FormDrawer
      open={open}
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.create')}
      formId={FORM_ID}
      submitting={create.isPending || update.isPending}
      onClose={onClose}
      width={640}
    >
      <Form<UserFormValues> id={FORM_ID} form={form} clearOnDestroy layout="vertical" initialValues={initialValues} onFinish={onFinish} scrollToFirstError>
        <Row gutter={16}>
          <Col span={half}>
            <Form.Item
              name="username"
              label={t('fields.user.username')}
              rules={[required, { min: 2, max: 40, message: t('validation.too_small') }, { pattern: USERNAME, message: t('validation.username_format') }]}
              extra={user ? undefined : t('users.usernameHelp')}
            >
              <Input autoFocus={!user} disabled={Boolean(user)} maxLength={40} autoComplete="off" data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="displayName" label={t('fields.user.displayName')} rules={[{ ...required, whitespace: true }, { max: 60 }]}>
              <Input autoFocus={Boolean(user)} maxLength={60} data-testid="user-display-name" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="email" label={t('fields.user.email')} rules={[{ type: 'email', message: t('validation.invalid_format') }]}>
              <Input type="email" maxLength={120} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="phone" label={t('fields.user.phone')}>
              <Input type="tel" maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="departmentId" label={t('fields.user.department')} rules={[required]}>
              <DepartmentTreeSelect />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="position" label={t('fields.user.position')} rules={[required]}>
              <Select options={positionOptions(t)} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="managerId" label={t('fields.user.manager')}>
              <UserSelect knownUsers={user?.managerId && user.managerName ? [{ id: user.managerId, displayName: user.managerName }] : []} excludeIds={user ? [user.id] : []} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="locale" label={t('fields.user.locale')}>
              <Select
                options={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="roleIds" label={t('fields.user.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.role_required') }]}>
              <Select
                mode="multiple"
                loading={roles.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={(roles.data ?? []).map((role) => ({ value: role.id, label: roleDisplayName(role) }))}
                data-testid="user-roles"
              />
            </Form.Item>
          </Col>
          {!user && (
            <Col span={24}>
              <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHelp')} rules={[{ min: 8, message: t('validation.password_too_short') }, { max: 200 }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </FormDrawer>
  );
};
