// In-app notifications: the list, marking read, and the server-sent event stream that announces new ones.
import { useEffect, useRef } from 'react';
import { App } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Notification } from '@openpsm/contracts';
import { API_BASE, api } from '../../lib/api-client';
import { approvalKeys } from '../../lib/approvals';
import { useFormat } from '../../lib/format';
import { notificationText } from './notification-text';

export const notificationKeys = {
  all: ['notifications'] as const,
};

type NotificationList = { items: Notification[]; unread: number };

export const useNotifications = () =>
  useQuery({
    queryKey: notificationKeys.all,
    queryFn: () => api.get<NotificationList>('/notifications'),
    // The stream announces new ones; polling only covers a dropped stream.
    refetchInterval: 5 * 60_000,
  });

export const useMarkNotificationRead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${id}/read`),
    onMutate: (id) => {
      queryClient.setQueryData<NotificationList>(notificationKeys.all, (list) =>
        list
          ? {
              unread: Math.max(0, list.unread - (list.items.some((item) => item.id === id && !item.readAt) ? 1 : 0)),
              items: list.items.map((item) => (item.id === id && !item.readAt ? { ...item, readAt: new Date().toISOString() } : item)),
            }
          : list,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
};

export const useMarkAllNotificationsRead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
};

/** Listens to the server-sent events while the shell is mounted; each message is one new notification. */
export const useNotificationStream = () => {
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const format = useFormat();
  // Read at message time, so a change of settings or language does not reopen the stream.
  const latestFormat = useRef(format);
  useEffect(() => {
    latestFormat.current = format;
  }, [format]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource(`${API_BASE}/notifications/stream`, { withCredentials: true });
    source.onmessage = (event: MessageEvent<string>) => {
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      let item: Notification;
      try {
        item = JSON.parse(event.data) as Notification;
      } catch {
        return;
      }
      // Something arrived, was decided or withdrawn: the inbox, its counts and that approval are out of date.
      if (item.kind.startsWith('approval.')) {
        void queryClient.invalidateQueries({ queryKey: approvalKeys.lists() });
        void queryClient.invalidateQueries({ queryKey: approvalKeys.counts() });
        if (typeof item.params.approvalId === 'string') void queryClient.invalidateQueries({ queryKey: approvalKeys.detail(item.params.approvalId) });
      }
      notification.info({
        key: item.id,
        title: notificationText(item, latestFormat.current),
        placement: 'topRight',
        onClick: () => {
          if (item.link) navigate(item.link);
          notification.destroy(item.id);
        },
      });
    };
    return () => source.close();
  }, [queryClient, notification, navigate]);
};
