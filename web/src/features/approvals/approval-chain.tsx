// The chain of an approval: each step with its mode and state, each approver's task, who acted and what they said.
import { Flex, Steps, Tag, Typography } from 'antd';
import type { StepsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetail } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';

type Step = ApprovalDetail['steps'][number];
type Task = Step['tasks'][number];

const stepStatus: Record<Step['state'], NonNullable<StepsProps['status']>> = {
  waiting: 'wait',
  pending: 'process',
  approved: 'finish',
  rejected: 'error',
  returned: 'wait',
  skipped: 'wait',
  cancelled: 'wait',
};

export const stepStateColor: Record<Step['state'], string> = {
  waiting: 'default',
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  skipped: 'default',
  cancelled: 'default',
};

const taskStateColor: Record<Task['state'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  cancelled: 'default',
  escalated: 'purple',
};

const TaskLine = ({ task }: { task: Task }) => {
  const { t } = useTranslation();
  const format = useFormat();
  // A delegate acting for the approver is named with "on behalf of"; the approver acting needs no second name.
  const actor = task.actedBy && task.actedBy.id !== task.approver.id ? task.actedBy.displayName : null;
  return (
    <div data-testid="approval-task" style={{ marginBottom: 6 }}>
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong>{task.approver.displayName}</Typography.Text>
        <Tag color={taskStateColor[task.state]} style={{ marginInlineEnd: 0 }}>
          {t(`approvals.taskStates.${task.state}`)}
        </Tag>
        {actor && <Typography.Text>{t('approvals.actedBy', { name: actor })}</Typography.Text>}
        {task.onBehalfOf && <Typography.Text type="secondary">{t('history.onBehalfOf', { name: task.onBehalfOf.displayName })}</Typography.Text>}
        {task.escalatedFrom && <Typography.Text type="secondary">{t('approvals.escalatedFrom', { name: task.escalatedFrom.displayName })}</Typography.Text>}
        {task.actedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format.dateTime(task.actedAt)}
          </Typography.Text>
        )}
      </Flex>
      {task.comment && (
        <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          “{task.comment}”
        </Typography.Paragraph>
      )}
    </div>
  );
};

const StepContent = ({ step }: { step: Step }) => {
  const { t } = useTranslation();
  if (step.state === 'skipped') {
    return <Typography.Text type="secondary">{t(step.skippedBecause === 'self' ? 'approvals.skippedSelf' : 'approvals.skippedCondition')}</Typography.Text>;
  }
  if (step.tasks.length === 0) {
    return step.state === 'waiting' ? <Typography.Text type="secondary">{t('approvals.notReached')}</Typography.Text> : null;
  }
  return (
    <div style={{ paddingTop: 4 }}>
      {step.tasks.map((task) => (
        <TaskLine key={task.id} task={task} />
      ))}
    </div>
  );
};

export const ApprovalChain = ({ steps }: { steps: ApprovalDetail['steps'] }) => {
  const { t } = useTranslation();
  const ordered = [...steps].sort((a, b) => a.index - b.index);
  return (
    <Steps
      orientation="vertical"
      size="small"
      // The step waiting for a decision is the current one (its icon stands out); -1 when none waits.
      current={ordered.findIndex((step) => step.state === 'pending')}
      items={ordered.map((step) => ({
        key: step.key,
        status: stepStatus[step.state],
        title: step.name,
        subTitle: (
          <Flex gap={4} wrap component="span">
            <Tag style={{ marginInlineEnd: 0 }}>{t(`approvals.modes.${step.mode}`)}</Tag>
            <Tag color={stepStateColor[step.state]} style={{ marginInlineEnd: 0 }}>
              {t(`approvals.stepStates.${step.state}`)}
            </Tag>
          </Flex>
        ),
        content: <StepContent step={step} />,
      }))}
    />
  );
};
