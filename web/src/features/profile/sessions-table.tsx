import { Button, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useRevokeSession, useSessions } from './profile.api';
import type { Session } from './profile.api';

/** "Chrome on Windows" is enough to recognise a device; the full string is in the tooltip. */
const describeAgent = (userAgent: string | null) => {
  if (!userAgent) return '—';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Chrome\//.test(userAgent) ? 'Chrome' : /Firefox\//.test(userAgent) ? 'Firefox' : /Safari\//.test(userAgent) ? 'Safari' : /curl|node|python/i.test(userAgent) ? 'Script' : 'Browser';
  const system = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : '';
  return system ? `${browser} · ${system}` : browser;
};

export const SessionsTable = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const handleError = useApiErrorHandler();

  return (
    <>
      <Typography.Paragraph type="secondary">{t('profile.sessionsHelp')}</Typography.Paragraph>
      <Table<Session>
        rowKey="id"
        size="middle"
        loading={sessions.isPending}
        dataSource={sessions.data}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t('profile.device'),
            key: 'device',
            render: (_, session) => (
              <>
                <Tooltip title={session.userAgent}>{session.kind === 'api_token' ? (session.name ?? t('profile.apiToken')) : describeAgent(session.userAgent)}</Tooltip>{' '}
                {session.kind === 'api_token' && <Tag>{t('profile.apiToken')}</Tag>}
                {session.current && <Tag color="green">{t('profile.thisSession')}</Tag>}
              </>
            ),
          },
          { title: t('profile.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
          { title: t('fields.common.createdAt'), dataIndex: 'createdAt', render: (value: string) => format.dateTime(value) },
          { title: t('profile.lastSeen'), dataIndex: 'lastSeenAt', render: (value: string | null) => format.dateTime(value) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, session) =>
              session.current ? null : (
                <Popconfirm
                  title={t('profile.revokeConfirm')}
                  okText={t('profile.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutateAsync(session.id).catch((error: unknown) => handleError(error))}
                >
                  <Button size="small" danger>
                    {t('profile.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
};
