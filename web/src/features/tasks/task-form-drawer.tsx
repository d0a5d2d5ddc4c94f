// Create or edit a task (ACT-2): title, due time, a reminder counted back from it, priority, the assignee (anyone in
// the caller's scope — the server checks), and the organisation / project / contact it concerns.
import { useState } from 'react';
import { App, DatePicker, Flex, Form, Input, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { taskPriorities, type Task, type TaskInput } from '@openpsm/contracts';
import { FormDrawer } from '../../components/form-drawer';
import { UserSelect } from '../../components/user-select';
import { useActivityErrorHandler } from '../activities/use-activity-error';
import { useFormat } from '../../lib/format';
import { useCurrentUser } from '../../lib/session';
import { ContactSelect, OrganizationSelect, ProjectSelect } from '../activities/activity-pickers';
import { useCreateTask, useUpdateTask } from './tasks.api';
import { offsetOf, remindAtFor, reminderOffsets, type ReminderOffset } from './task-logic';

type Ref = { id: string; name: string };
export type TaskContext = { organization?: Ref | null; project?: Ref | null; contact?: Ref | null };

type Values = {
  title: string;
  description?: string;
  dueAt?: Dayjs | null;
  reminder: ReminderOffset;
  remindAt?: Dayjs | null;
  priority: Task['priority'];
  assigneeId?: string;
  organizationId?: string | null;
  projectId?: string | null;
  contactId?: string | null;
};

type TaskFormDrawerProps = {
  open: boolean;
  onClose: () => void;
  task?: Task;
  context?: TaskContext;
  /** A due time to start from (a day picked on the calendar). */
  initialDueAt?: string;
  onSaved?: (task: Task) => void;
};

const FORM_ID = 'task-form';

const TaskForm = ({ task, context = {}, initialDueAt, onSaved, onBusy }: Omit<TaskFormDrawerProps, 'open' | 'onClose'> & { onBusy: (busy: boolean) => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const user = useCurrentUser();
  const handleError = useActivityErrorHandler();
  const create = useCreateTask();
  const update = useUpdateTask();
  const [form] = Form.useForm<Values>();
  const [organization, setOrganization] = useState<Ref | null>(task?.organization ?? context.organization ?? null);
  const [initialValues] = useState<Values>(() =>
    task
      ? {
          title: task.title,
          description: task.description ?? undefined,
          dueAt: task.dueAt ? format.toPicker(task.dueAt) : null,
          reminder: offsetOf(task.dueAt, task.remindAt),
          remindAt: task.remindAt ? format.toPicker(task.remindAt) : null,
          priority: task.priority,
          assigneeId: task.assignee?.id,
          organizationId: task.organization?.id ?? null,
          projectId: task.project?.id ?? null,
          contactId: task.contact?.id ?? null,
        }
      : {
          title: '',
          dueAt: initialDueAt ? format.toPicker(initialDueAt) : null,
          reminder: initialDueAt ? '1h' : 'none',
          priority: 'normal',
          assigneeId: user.id,
          organizationId: context.organization?.id ?? null,
          projectId: context.project?.id ?? null,
          contactId: context.contact?.id ?? null,
        },
  );
  const reminder = Form.useWatch('reminder', form);
  const organizationId = Form.useWatch('organizationId', form);
  const today = format.toPicker(dayjs());
  const at = (day: Dayjs, hour: number) => day.hour(hour).minute(0).second(0).millisecond(0);

  const submit = (values: Values) => {
    const remindAt = remindAtFor(values.dueAt, values.reminder, values.remindAt);
    const input = {
      title: values.title.trim(),
      description: values.description?.trim() || null,
      dueAt: values.dueAt ? format.fromPicker(values.dueAt) : null,
      remindAt: remindAt ? format.fromPicker(remindAt) : null,
      priority: values.priority,
      assigneeId: values.assigneeId ?? user.id,
      organizationId: values.organizationId ?? null,
      projectId: values.projectId ?? null,
      contactId: values.contactId ?? null,
    } satisfies TaskInput;
    onBusy(true);
    const saving = task ? update.mutateAsync({ id: task.id, version: task.version, ...input }) : create.mutateAsync(input);
    saving.then(
      (saved) => {
        onBusy(false);
        void message.success(t(task ? 'tasks.updated' : 'tasks.created'));
        onSaved?.(saved);
      },
      (error: unknown) => {
        onBusy(false);
        handleError(error, { form, recordType: 'task' });
      },
    );
  };

  return (
    <Form<Values> id={FORM_ID} form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark={false} data-testid="task-form">
      <Form.Item name="title" label={t('tasks.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
        <Input maxLength={200} autoFocus placeholder={t('tasks.titlePlaceholder')} data-testid="task-title" />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="dueAt" label={t('tasks.fields.dueAt')} style={{ flex: '1 1 200px' }}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format={format.dateTimeFormat}
            style={{ width: '100%' }}
            presets={[
              { label: t('tasks.presets.todayEvening'), value: at(today, 18) },
              { label: t('tasks.presets.tomorrowMorning'), value: at(today.add(1, 'day'), 9) },
              { label: t('tasks.presets.nextMonday'), value: at(today.add(1, 'week').startOf('week').add(1, 'day'), 9) },
            ]}
            data-testid="task-due-at"
          />
        </Form.Item>
        <Form.Item
          name="reminder"
          label={t('tasks.fields.reminder')}
          dependencies={['dueAt']}
          rules={[
            {
              validator: (_rule, value: ReminderOffset) =>
                value === 'none' || value === 'custom' || form.getFieldValue('dueAt') ? Promise.resolve() : Promise.reject(new Error(t('tasks.reminderNeedsDue'))),
            },
          ]}
          style={{ flex: '1 1 160px' }}
        >
          <Select options={reminderOffsets.map((offset) => ({ value: offset, label: t(`tasks.reminders.${offset}`) }))} data-testid="task-reminder" />
        </Form.Item>
      </Flex>
      {reminder === 'custom' && (
        <Form.Item name="remindAt" label={t('tasks.fields.remindAt')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format={format.dateTimeFormat} style={{ width: '100%' }} data-testid="task-remind-at" />
        </Form.Item>
      )}
      <Flex gap={8} wrap>
        <Form.Item name="priority" label={t('tasks.fields.priority')} style={{ flex: '1 1 200px' }}>
          <Segmented block options={taskPriorities.map((priority) => ({ value: priority, label: t(`tasks.priorities.${priority}`) }))} data-testid="task-priority" />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('tasks.fields.assignee')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: '1 1 200px' }}>
          <UserSelect allowClear={false} knownUsers={[{ id: user.id, displayName: user.displayName }, task?.assignee]} data-testid="task-assignee" />
        </Form.Item>
      </Flex>
      <Form.Item name="organizationId" label={t('tasks.fields.organization')}>
        <OrganizationSelect
          known={[organization]}
          onChange={(id, picked) => {
            setOrganization(id && picked ? picked : null);
            form.setFieldsValue({ contactId: null });
          }}
          data-testid="task-organization"
        />
      </Form.Item>
      <Form.Item name="projectId" label={t('tasks.fields.project')}>
        <ProjectSelect
          organizationId={organizationId}
          known={[task?.project ?? context.project]}
          onChange={(_id, project) => {
            if (project?.organization && !form.getFieldValue('organizationId')) {
              form.setFieldValue('organizationId', project.organization.id);
              setOrganization(project.organization);
            }
          }}
          data-testid="task-project"
        />
      </Form.Item>
      <Form.Item name="contactId" label={t('tasks.fields.contact')}>
        <ContactSelect organizationId={organizationId} known={[task?.contact ?? context.contact].filter((item): item is Ref => Boolean(item))} data-testid="task-contact" />
      </Form.Item>
      <Form.Item name="description" label={t('tasks.fields.description')} rules={[{ max: 4000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} data-testid="task-description" />
      </Form.Item>
    </Form>
  );
};

export const TaskFormDrawer = ({ open, onClose, onSaved, ...props }: TaskFormDrawerProps) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <FormDrawer open={open} title={t(props.task ? 'tasks.editTitle' : 'tasks.createTitle')} formId={FORM_ID} submitting={busy} onClose={onClose}>
      <TaskForm
        {...props}
        onBusy={setBusy}
        onSaved={(task) => {
          onSaved?.(task);
          onClose();
        }}
      />
    </FormDrawer>
  );
};
