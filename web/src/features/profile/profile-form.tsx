import { App, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { changeLocale } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { useUpdateProfile } from './profile.api';
import type { ProfileInput } from './profile.api';

type ProfileValues = { displayName: string; email: string; phone: string; locale: Locale };

export const ProfileForm = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateProfile();
  const handleError = useApiErrorHandler();
  // CurrentUser carries no phone; the server keeps it and the form shows what was typed last.
  const initialValues: Partial<ProfileValues> = { displayName: user.displayName, email: user.email ?? '', locale: user.locale };

  const onFinish = (values: ProfileValues) => {
    // The signed-in user record carries no phone, so an untouched (empty) phone field must not erase the stored one.
    const input: ProfileInput = { displayName: values.displayName.trim(), email: values.email?.trim() || null, locale: values.locale };
    if (form.isFieldTouched('phone')) input.phone = values.phone?.trim() || null;
    update.mutate(
      input,
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          void changeLocale(values.locale);
        },
        onError: (error) => handleError(error, { form, recordType: 'user' }),
      },
    );
  };

  return (
    <Form<ProfileValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} style={{ maxWidth: 480 }}>
      <Form.Item name="displayName" label={t('fields.user.displayName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
        <Input autoFocus maxLength={60} />
      </Form.Item>
      <Form.Item name="email" label={t('fields.user.email')} rules={[{ type: 'email', message: t('validation.invalid_format') }]}>
        <Input type="email" autoComplete="email" maxLength={120} />
      </Form.Item>
      <Form.Item name="phone" label={t('fields.user.phone')} extra={t('profile.phoneHelp')}>
        <Input type="tel" autoComplete="tel" maxLength={40} />
      </Form.Item>
      <Form.Item name="locale" label={t('fields.user.locale')}>
        <Select
          options={[
            { value: 'zh-CN', label: '简体中文' },
            { value: 'en', label: 'English' },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
};
