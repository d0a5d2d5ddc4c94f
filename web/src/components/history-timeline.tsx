// Field-level history of a record: who, when, what, and each field's old → new value.
import type { ReactNode } from 'react';
import { Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '@openpsm/contracts';
import { translateDynamic } from '../lib/i18n';
import { useFormat } from '../lib/format';

type HistoryTimelineProps = {
  entries: HistoryEntry[] | undefined;
  loading?: boolean;
  /** Looks field names up as `fields.<recordType>.<field>`; unknown names show raw. */
  recordType: string;
  /** Turns stored values (codes, ids) into display text where the page knows how. */
  formatValue?: (field: string, value: unknown) => ReactNode | undefined;
  /** Names for fields the dictionary cannot know (custom fields). */
  fieldLabel?: (field: string) => string | undefined;
};

const actionColor: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  transfer: 'orange',
  share: 'purple',
  unshare: 'purple',
  'approval.submitted': 'blue',
  'approval.resubmitted': 'blue',
  'approval.approved': 'green',
  'approval.completed': 'green',
  'approval.rejected': 'red',
  'approval.returned': 'orange',
  'approval.withdrawn': 'gray',
  'approval.escalated': 'orange',
};

/** A change made by an approval notes it as `approval:<number>`; the reader gets a sentence, not the code. */
const APPROVAL_NOTE = /^approval:(.+)$/;

export const formatPlainValue = (value: unknown, empty: string): string => {
  if (value === null || value === undefined || value === '') return empty;
  if (Array.isArray(value)) return value.length ? value.map((item) => formatPlainValue(item, empty)).join(', ') : empty;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

export const HistoryTimeline = ({ entries, loading, recordType, formatValue, fieldLabel }: HistoryTimelineProps) => {
  const { t } = useTranslation();
  const format = useFormat();
  if (loading) return <Skeleton active />;
  if (!entries || entries.length === 0) return <Empty description={t('history.empty')} />;

  const noteText = (note: string) => {
    const approval = APPROVAL_NOTE.exec(note);
    return approval ? t('history.approvalNote', { number: approval[1] }) : note;
  };
  const show = (field: string, value: unknown) => formatValue?.(field, value) ?? formatPlainValue(value, t('common.empty'));
  const label = (field: string) =>
    fieldLabel?.(field) ?? translateDynamic(`fields.${recordType}.${field}`, translateDynamic(`fields.common.${field}`, field));

  return (
    <Timeline
      items={[...entries].sort((a, b) => b.at.localeCompare(a.at) || Number(b.id) - Number(a.id)).map((entry) => ({
        key: entry.id,
        color: actionColor[entry.action] ?? 'gray',
        content: (
          <div>
            <Flex gap={8} align="center" wrap>
              <Tag color={actionColor[entry.action]}>{translateDynamic(`history.actions.${entry.action}`, entry.action)}</Tag>
              <Typography.Text strong>{entry.actorName ?? t('history.system')}</Typography.Text>
              {entry.onBehalfOfName && (
                <Typography.Text type="secondary">{t('history.onBehalfOf', { name: entry.onBehalfOfName })}</Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {format.dateTime(entry.at)}
              </Typography.Text>
            </Flex>
            {entry.changes.length > 0 && (
              <ul style={{ margin: '8px 0 0', paddingInlineStart: 18 }}>
                {entry.changes.map((change) => (
                  <li key={change.field} style={{ wordBreak: 'break-word' }}>
                    <Typography.Text type="secondary">
                      {label(change.field)}
                      {': '}
                    </Typography.Text>
                    {change.old !== null && change.old !== undefined && change.old !== '' && (
                      <>
                        <Typography.Text delete type="secondary">
                          {show(change.field, change.old)}
                        </Typography.Text>{' '}
                        <ArrowRightOutlined style={{ fontSize: 11 }} />{' '}
                      </>
                    )}
                    <Typography.Text>{show(change.field, change.new)}</Typography.Text>
                  </li>
                ))}
              </ul>
            )}
            {entry.note && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {noteText(entry.note)}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
};
