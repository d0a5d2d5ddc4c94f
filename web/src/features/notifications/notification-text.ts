import type { Notification } from '@openpsm/contracts';
import type { Formatter } from '../../lib/format';
import { i18n, translateDynamic } from '../../lib/i18n';

/** Parameters as the server sends them, plus readable forms of the ones that are codes, dates or counts. */
const readableParams = (params: Record<string, unknown>, format: Formatter): Record<string, unknown> => {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) result[key] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  if (typeof params.recordType === 'string') result.recordTypeLabel = translateDynamic(`recordTypes.${params.recordType}`, params.recordType);
  if (params.access === 'read' || params.access === 'edit') result.accessLabel = i18n.t(params.access === 'edit' ? 'organizations.accessEdit' : 'organizations.accessRead');
  for (const key of ['startsAt', 'endsAt', 'returnAt', 'dueAt']) if (typeof params[key] === 'string') result[key] = format.dateTime(params[key]);
  if (params.transferred && typeof params.transferred === 'object') {
    result.count = Object.values(params.transferred).reduce<number>((sum, count) => sum + (typeof count === 'number' ? count : 0), 0);
  }
  // approval.decided reads differently per decision: i18next picks `decided_<decision>` by context.
  if (typeof params.decision === 'string') {
    result.context = params.decision;
    result.decisionLabel = translateDynamic(`approvals.decisions.${params.decision}`, params.decision);
  }
  return result;
};

/** The server sends a kind and parameters; the sentence is written here in the reader's language. */
export const notificationText = (item: Pick<Notification, 'kind' | 'params'>, format: Formatter): string => {
  const text = translateDynamic(`notifications.kinds.${item.kind}`, '', readableParams(item.params, format));
  // A template whose parameters the server did not send would show raw {{placeholders}}.
  if (text && !text.includes('{{')) return text;
  return i18n.t('notifications.generic', { kind: item.kind });
};
