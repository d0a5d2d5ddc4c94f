import { Button, Form, Input, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { AuthLayout } from './auth-layout';
import { useForgotPassword } from './auth.api';

export const ForgotPasswordPage = () => {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ login: string }>();
  const forgot = useForgotPassword();
  const handleError = useApiErrorHandler();

  if (forgot.isSuccess) {
    return (
      <AuthLayout title={t('auth.forgotPassword')}>
        <Result
          status="success"
          title={t('auth.resetSentTitle')}
          subTitle={t('auth.resetSentText')}
          extra={<Link to="/login">{t('auth.backToSignIn')}</Link>}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.forgotPassword')}>
      <p>{t('auth.forgotPasswordHelp')}</p>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => forgot.mutate({ login: values.login.trim() }, { onError: (error) => handleError(error, { form }) })}>
        <Form.Item name="login" label={t('auth.usernameOrEmail')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={forgot.isPending}>
          {t('auth.sendResetLink')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/login">{t('auth.backToSignIn')}</Link>
      </div>
    </AuthLayout>
  );
};
