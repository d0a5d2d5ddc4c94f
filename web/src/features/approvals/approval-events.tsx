// What happened to an approval, in order: submissions, decisions, comments, reminders, escalations.
import { Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetail, ApprovalEventKind } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';

const eventColor: Record<ApprovalEventKind, string> = {
  submitted: 'blue',
  resubmitted: 'blue',
  approved: 'green',
  self_approved: 'green',
  completed: 'green',
  rejected: 'red',
  no_approver: 'red',
  returned: 'orange',
  escalated: 'orange',
  withdrawn: 'gray',
  skipped: 'gray',
  reminded: 'gray',
  commented: 'purple',
};

export const ApprovalEvents = ({ approval }: { approval: Pick<ApprovalDetail, 'events' | 'steps'> }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const stepName = (index: number | null) => (index === null ? null : (approval.steps.find((step) => step.index === index)?.name ?? null));
  // The server lists events in the order they happened; several written in one transaction may share a time.
  const events = approval.events;

  return (
    <Timeline
      items={events.map((event) => {
        const step = stepName(event.stepIndex);
        return {
          key: event.id,
          color: eventColor[event.kind],
          content: (
            <div data-testid="approval-event">
              <Flex gap={6} align="center" wrap>
                <Tag color={eventColor[event.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`approvals.events.${event.kind}`)}
                </Tag>
                <Typography.Text strong>{event.actor?.displayName ?? t('history.system')}</Typography.Text>
                {event.onBehalfOf && <Typography.Text type="secondary">{t('history.onBehalfOf', { name: event.onBehalfOf.displayName })}</Typography.Text>}
                {step && <Typography.Text type="secondary">· {step}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {format.dateTime(event.at)}
                </Typography.Text>
              </Flex>
              {event.comment && (
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{event.comment}</Typography.Paragraph>
              )}
            </div>
          ),
        };
      })}
    />
  );
};
