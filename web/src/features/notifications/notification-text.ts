import type { Notification } from '@openpsm/contracts';
import { i18n, translateDynamic } from '../../lib/i18n';

/** The server sends a kind and parameters; the sentence is written here in the reader's language. */
export const notificationText = (item: Pick<Notification, 'kind' | 'params'>): string => {
  const params = Object.fromEntries(Object.entries(item.params).map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : value]));
  const text = translateDynamic(`notifications.kinds.${item.kind}`, '', params);
  // A template whose parameters the server did not send would show raw {{placeholders}}.
  if (text && !text.includes('{{')) return text;
  return i18n.t('notifications.generic', { kind: item.kind });
};
