// The profile's reminders tab: how reminders reach me by e-mail, and the ones still to come (CUS-9, PRJ-11, ACT-2).
import { Alert, App, Card, Collapse, Empty, Flex, List, Radio, Skeleton, Tooltip, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { reminderEmailModes } from '@openpsm/contracts';
import type { Reminder, ReminderEmailMode } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { useCurrentUser } from '../../lib/session';
import { notificationText } from '../notifications/notification-text';
import { useMyReminders, useReminderSettings, useUpdateReminderSettings } from './reminders.api';

const EmailModeCard = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const handleError = useApiErrorHandler();
  const settings = useReminderSettings();
  const update = useUpdateReminderSettings();
  const mode = settings.data?.email;

  const choose = (email: ReminderEmailMode) =>
    update.mutate({ email }, { onSuccess: () => void message.success(t('reminderSettings.saved')), onError: (error) => handleError(error) });

  return (
    <Card size="small" title={t('reminderSettings.title')} data-testid="reminder-settings">
      <Typography.Paragraph type="secondary">{t('reminderSettings.help')}</Typography.Paragraph>
      {settings.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : settings.isError ? (
        <QueryErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Radio.Group
            value={mode}
            onChange={(event) => choose(event.target.value as ReminderEmailMode)}
            disabled={update.isPending}
            aria-label={t('reminderSettings.email')}
            data-testid="reminder-email-mode"
          >
            <Flex vertical gap={8}>
              {reminderEmailModes.map((value) => (
                <Radio key={value} value={value} data-testid={`reminder-email-${value}`}>
                  {t(`reminderSettings.modes.${value}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
          {mode !== 'off' && !user.email && <Alert type="warning" showIcon title={t('reminderSettings.noEmail')} />}
        </Flex>
      )}
    </Card>
  );
};

const ReminderItem = ({ reminder }: { reminder: Reminder }) => {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <List.Item
      data-testid="reminder-item"
      actions={
        reminder.link
          ? [
              <Link key="open" to={reminder.link}>
                {t('reminderSettings.open')}
              </Link>,
            ]
          : []
      }
    >
      <List.Item.Meta
        avatar={<BellOutlined style={{ color: '#1f4e8c', marginTop: 4 }} />}
        title={<span style={{ fontWeight: 400 }}>{notificationText(reminder, format)}</span>}
        description={
          <Tooltip title={format.dateTime(reminder.dueAt)}>
            <span>
              {t('reminderSettings.dueAt')} {format.dateTime(reminder.dueAt)} · {format.fromNow(reminder.dueAt)}
            </span>
          </Tooltip>
        }
      />
    </List.Item>
  );
};

const UpcomingReminders = () => {
  const { t } = useTranslation();
  const reminders = useMyReminders();
  return (
    <Card size="small" title={t('reminderSettings.upcoming')} data-testid="upcoming-reminders">
      {reminders.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : reminders.isError ? (
        <QueryErrorResult error={reminders.error} onRetry={() => void reminders.refetch()} />
      ) : (
        <>
          <List
            size="small"
            dataSource={reminders.data.pending}
            rowKey="id"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reminderSettings.upcomingEmpty')} /> }}
            renderItem={(reminder) => <ReminderItem reminder={reminder} />}
          />
          {reminders.data.sent.length > 0 && (
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'sent',
                  label: t('reminderSettings.recentlySent', { count: reminders.data.sent.length }),
                  children: <List size="small" dataSource={reminders.data.sent} rowKey="id" renderItem={(reminder) => <ReminderItem reminder={reminder} />} />,
                },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
};

export const ReminderSettingsPanel = () => (
  <Flex vertical gap={16} style={{ maxWidth: 720 }}>
    <EmailModeCard />
    <UpcomingReminders />
  </Flex>
);
