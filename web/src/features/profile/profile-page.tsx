import { Alert, Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { useCurrentUser } from '../../lib/session';
import { ProfileForm } from './profile-form';
import { ChangePasswordForm } from './change-password-form';
import { SessionsTable } from './sessions-table';
import { ApiTokensPanel } from './api-tokens-panel';
import { ReminderSettingsPanel } from './reminder-settings-panel';

const tabs = ['profile', 'password', 'reminders', 'sessions', 'tokens'] as const;
type Tab = (typeof tabs)[number];

export const ProfilePage = () => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const active: Tab = user.mustChangePassword ? 'password' : (tabs.find((tab) => tab === requested) ?? 'profile');

  return (
    <>
      <PageHeader title={t('profile.title')} subtitle={`${user.username}${user.departmentName ? ` · ${user.departmentName}` : ''}`} />
      {user.mustChangePassword && <Alert type="warning" showIcon title={t('profile.mustChangePassword')} style={{ marginBottom: 16 }} />}
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setSearchParams({ tab: key }, { replace: true })}
          items={[
            { key: 'profile', label: t('profile.tabs.profile'), children: <ProfileForm />, disabled: user.mustChangePassword },
            { key: 'password', label: t('profile.tabs.password'), children: <ChangePasswordForm /> },
            { key: 'reminders', label: t('reminderSettings.tab'), children: <ReminderSettingsPanel />, disabled: user.mustChangePassword },
            { key: 'sessions', label: t('profile.tabs.sessions'), children: <SessionsTable />, disabled: user.mustChangePassword },
            { key: 'tokens', label: t('profile.tabs.tokens'), children: <ApiTokensPanel />, disabled: user.mustChangePassword },
          ]}
        />
      </Card>
    </>
  );
};
