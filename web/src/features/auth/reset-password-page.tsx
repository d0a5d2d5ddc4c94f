import { Alert, Button, Form, Input, Result } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api-client';
import { errorCodeMessage } from '../../lib/api-errors';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { AuthLayout } from './auth-layout';
import { useResetPassword } from './auth.api';
import { newPasswordRules, confirmPasswordRules } from '../../components/password-rules';

type ResetValues = { newPassword: string; confirmPassword: string };

export const ResetPasswordPage = () => {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [form] = Form.useForm<ResetValues>();
  const reset = useResetPassword();
  const handleError = useApiErrorHandler();

  if (reset.isSuccess) {
    return (
      <AuthLayout title={t('auth.resetPassword')}>
        <Result status="success" title={t('auth.resetDoneTitle')} extra={<Link to="/login">{t('auth.signIn')}</Link>} />
      </AuthLayout>
    );
  }

  // A used or expired link is a dead end worth explaining, with a way to ask for another one.
  const tokenProblem = reset.error && isApiError(reset.error) && reset.error.status !== 400 ? errorCodeMessage(reset.error.code) : null;

  return (
    <AuthLayout title={t('auth.resetPassword')}>
      {!token && <Alert type="warning" showIcon title={t('auth.resetLinkMissing')} style={{ marginBottom: 16 }} />}
      {tokenProblem && (
        <Alert
          type="error"
          showIcon
          title={tokenProblem}
          description={<Link to="/forgot-password">{t('auth.requestNewLink')}</Link>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<ResetValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={!token}
        onFinish={(values) =>
          reset.mutate(
            { token, newPassword: values.newPassword },
            {
              onError: (error) => {
                if (isApiError(error) && error.status === 400) handleError(error, { form });
              },
            },
          )
        }
      >
        <Form.Item name="newPassword" label={t('auth.newPassword')} rules={newPasswordRules(t)} hasFeedback>
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('auth.confirmPassword')} dependencies={['newPassword']} rules={confirmPasswordRules(t)} hasFeedback>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={reset.isPending}>
          {t('auth.setPassword')}
        </Button>
      </Form>
    </AuthLayout>
  );
};
