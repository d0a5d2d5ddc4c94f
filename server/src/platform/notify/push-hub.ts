// Real-time push: each instance LISTENs on the notification channel and forwards to its open browsers (SSE).
import type { Notification } from '@openpsm/contracts';
import type { Database } from '../../db/client';
import { NOTIFY_CHANNEL } from './notifications.service';

type Subscriber = (notification: Notification) => void;

export type PushHub = {
  subscribe: (userId: string, subscriber: Subscriber) => () => void;
  stop: () => Promise<void>;
};

export async function startPushHub(database: Database): Promise<PushHub> {
  const subscribers = new Map<string, Set<Subscriber>>();
  const unlisten = await database.listen(NOTIFY_CHANNEL, (payload) => {
    try {
      const message = JSON.parse(payload) as { userId: string; notification: Notification };
      for (const subscriber of subscribers.get(message.userId) ?? []) subscriber(message.notification);
    } catch {
      // A malformed payload is not ours to act on.
    }
  });
  return {
    subscribe(userId, subscriber) {
      const set = subscribers.get(userId) ?? new Set();
      set.add(subscriber);
      subscribers.set(userId, set);
      return () => {
        set.delete(subscriber);
        if (set.size === 0) subscribers.delete(userId);
      };
    },
    stop: unlisten,
  };
}
