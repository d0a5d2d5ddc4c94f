import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-client';
import { errorCodeMessage } from '../../lib/api-errors';
import { useCurrentUserQuery } from '../../lib/session';
import { AuthLayout } from './auth-layout';
import { useLogin } from './auth.api';

type LoginValues = { username: string; password: string };

/** Only same-site paths: `?next=https://evil.example` must not become an open redirect. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export const LoginPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const me = useCurrentUserQuery();
  const login = useLogin();
  const next = safeNext(searchParams.get('next'));

  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const onFinish = (values: LoginValues) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: ({ user }) => {
          if (user.mustChangePassword) navigate('/profile?tab=password', { replace: true });
          else navigate(next, { replace: true });
        },
      },
    );
  };

  const error = login.error;
  const errorText = error ? (isApiError(error) ? errorCodeMessage(error.code) : t('errors.unexpected')) : null;

  return (
    <AuthLayout title={t('auth.signIn')}>
      {errorText && <Alert type="error" showIcon title={errorText} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form<LoginValues> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
        <Form.Item name="username" label={t('auth.usernameOrEmail')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input prefix={<UserOutlined />} autoFocus autoComplete="username" data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.signIn')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
      </div>
    </AuthLayout>
  );
};
