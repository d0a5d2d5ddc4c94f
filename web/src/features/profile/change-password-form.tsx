import { App, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-client';
import { errorCodeMessage } from '../../lib/api-errors';
import { confirmPasswordRules, newPasswordRules } from '../../components/password-rules';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useCurrentUser } from '../../lib/session';
import { useChangePassword } from './profile.api';

type PasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

export const ChangePasswordForm = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<PasswordValues>();
  const change = useChangePassword();
  const handleError = useApiErrorHandler();

  const onFinish = (values: PasswordValues) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('profile.passwordChanged'));
          if (user.mustChangePassword) navigate('/', { replace: true });
        },
        onError: (error) => {
          // A wrong current password belongs under that field.
          if (isApiError(error) && (error.status === 401 || error.status === 422 || error.code === 'invalid_credentials' || error.code === 'wrong_password')) {
            form.setFields([{ name: 'currentPassword', errors: [errorCodeMessage(error.code)] }]);
            return;
          }
          handleError(error, { form });
        },
      },
    );
  };

  return (
    <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 480 }}>
      <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoFocus autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('auth.newPassword')} rules={newPasswordRules(t)} extra={t('auth.passwordHint')} hasFeedback>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirmPassword" label={t('auth.confirmPassword')} dependencies={['newPassword']} rules={confirmPasswordRules(t)} hasFeedback>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('profile.changePassword')}
      </Button>
    </Form>
  );
};
