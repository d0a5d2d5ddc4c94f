import { useState } from 'react';
import { Badge, Button, Empty, Flex, Popover, Skeleton, Tooltip, Typography, theme } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Notification } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from './notifications.api';
import { notificationText } from './notification-text';

const NotificationRow = ({ item, onOpen }: { item: Notification; onOpen: (item: Notification) => void }) => {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const markRead = useMarkNotificationRead();
  const format = useFormat();
  const unread = !item.readAt;
  return (
    <Flex
      gap={8}
      align="flex-start"
      style={{ padding: '8px 4px', borderBottom: `1px solid ${token.colorBorderSecondary}`, cursor: item.link ? 'pointer' : 'default' }}
      onClick={() => onOpen(item)}
      role={item.link ? 'link' : undefined}
    >
      <Badge status={unread ? 'processing' : 'default'} style={{ marginTop: 4 }} />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text strong={unread} style={{ display: 'block', wordBreak: 'break-word' }}>
          {notificationText(item, format)}
        </Typography.Text>
        <Tooltip title={format.dateTime(item.createdAt)}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format.fromNow(item.createdAt)}
          </Typography.Text>
        </Tooltip>
      </div>
      {unread && (
        <Tooltip title={t('notifications.markRead')}>
          <Button
            size="small"
            type="text"
            icon={<CheckOutlined />}
            aria-label={t('notifications.markRead')}
            onClick={(event) => {
              event.stopPropagation();
              markRead.mutate(item.id);
            }}
          />
        </Tooltip>
      )}
    </Flex>
  );
};

export const NotificationBell = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  const openItem = (item: Notification) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) {
      setOpen(false);
      navigate(item.link);
    }
  };

  const content = (
    <div style={{ width: 'min(340px, calc(100vw - 32px))' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 400, overflowY: 'auto' }}>
        {notifications.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
        {!notifications.isPending && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />}
        {items.map((item) => (
          <NotificationRow key={item.id} item={item} onOpen={openItem} />
        ))}
      </div>
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Button type="text" aria-label={t('notifications.title')} data-testid="notification-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
};
