// The plan tab of the project page (PRJ-7): milestones, tasks with their assignees, and tracking notes.
import { Alert, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, List, Popconfirm, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Project, ProjectMilestone, ProjectTask } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { UserSelect } from '../../components/user-select';
import { useFormat } from '../../lib/format';
import {
  useCreateMilestone,
  useCreateNote,
  useCreateTask,
  useDeleteMilestone,
  useDeleteNote,
  useDeleteTask,
  useProjectPlan,
  useUpdateMilestone,
  useUpdateTask,
} from './project-plan.api';

const toDate = (value?: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null);
const isOverdue = (dueOn: string | null, done: boolean) => !done && dueOn !== null && dayjs(dueOn).isBefore(dayjs(), 'day');

const Milestones = ({ projectId, items, canEdit }: { projectId: string; items: ProjectMilestone[]; canEdit: boolean }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ title: string; dueOn?: Dayjs }>();
  const create = useCreateMilestone(projectId);
  const update = useUpdateMilestone(projectId);
  const remove = useDeleteMilestone(projectId);
  return (
    <Card size="small" title={t('projectPlan.milestones')} data-testid="plan-milestones">
      {canEdit && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12, rowGap: 8 }}
          onFinish={(values) =>
            create.mutateAsync({ title: values.title, dueOn: toDate(values.dueOn) }).then(() => form.resetFields(), (error) => handleError(error, { form }))
          }
        >
          <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ flex: '1 1 200px' }}>
            <Input placeholder={t('projectPlan.title')} maxLength={200} data-testid="plan-milestone-title" />
          </Form.Item>
          <Form.Item name="dueOn">
            <DatePicker placeholder={t('projectPlan.dueOn')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="plan-milestone-add">
            {t('projectPlan.addMilestone')}
          </Button>
        </Form>
      )}
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: t('projectPlan.noMilestones') }}
        renderItem={(milestone) => (
          <List.Item
            data-testid="plan-milestone-item"
            actions={
              canEdit
                ? [
                    <Popconfirm key="delete" title={t('projectPlan.deleteConfirm')} onConfirm={() => remove.mutateAsync(milestone.id).catch(handleError)}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Flex gap={8} align="center" wrap>
              <Checkbox
                checked={milestone.done}
                disabled={!canEdit}
                onChange={(event) => update.mutateAsync({ id: milestone.id, done: event.target.checked, version: milestone.version }).catch(handleError)}
                data-testid="plan-milestone-done"
              >
                <Typography.Text delete={milestone.done}>{milestone.title}</Typography.Text>
              </Checkbox>
              {milestone.dueOn && <Tag color={isOverdue(milestone.dueOn, milestone.done) ? 'red' : 'default'}>{format.date(milestone.dueOn)}</Tag>}
              {milestone.done && milestone.doneBy && milestone.doneAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('projectPlan.doneBy', { name: milestone.doneBy.displayName, date: format.date(milestone.doneAt) })}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
};

type TaskForm = { title: string; assigneeId?: string; dueOn?: Dayjs; milestoneId?: string };

const Tasks = ({ projectId, items, milestones, canEdit }: { projectId: string; items: ProjectTask[]; milestones: ProjectMilestone[]; canEdit: boolean }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<TaskForm>();
  const create = useCreateTask(projectId);
  const update = useUpdateTask(projectId);
  const remove = useDeleteTask(projectId);
  const milestoneTitle = new Map(milestones.map((milestone) => [milestone.id, milestone.title]));
  return (
    <Card size="small" title={t('projectPlan.tasks')} data-testid="plan-tasks">
      {canEdit && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12, rowGap: 8 }}
          onFinish={(values) =>
            create
              .mutateAsync({ title: values.title, assigneeId: values.assigneeId ?? null, dueOn: toDate(values.dueOn), milestoneId: values.milestoneId ?? null })
              .then(() => form.resetFields(), (error) => handleError(error, { form }))
          }
        >
          <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ flex: '1 1 200px' }}>
            <Input placeholder={t('projectPlan.title')} maxLength={200} data-testid="plan-task-title" />
          </Form.Item>
          <Form.Item name="assigneeId">
            <UserSelect style={{ width: 160 }} placeholder={t('projectPlan.assignee')} data-testid="plan-task-assignee" />
          </Form.Item>
          <Form.Item name="dueOn">
            <DatePicker placeholder={t('projectPlan.dueOn')} />
          </Form.Item>
          {milestones.length > 0 && (
            <Form.Item name="milestoneId">
              <Select allowClear style={{ width: 160 }} placeholder={t('projectPlan.milestone')} options={milestones.map((milestone) => ({ value: milestone.id, label: milestone.title }))} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="plan-task-add">
            {t('projectPlan.addTask')}
          </Button>
        </Form>
      )}
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: t('projectPlan.noTasks') }}
        renderItem={(task) => {
          const done = task.status === 'done';
          return (
            <List.Item
              data-testid="plan-task-item"
              actions={
                task.canEdit
                  ? [
                      <Popconfirm key="delete" title={t('projectPlan.deleteConfirm')} onConfirm={() => remove.mutateAsync(task.id).catch(handleError)}>
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Flex gap={8} align="center" wrap>
                <Checkbox
                  checked={done}
                  disabled={!task.canComplete}
                  aria-label={done ? t('projectPlan.reopen') : t('projectPlan.markDone')}
                  onChange={(event) => update.mutateAsync({ id: task.id, status: event.target.checked ? 'done' : 'open', version: task.version }).catch(handleError)}
                  data-testid="plan-task-done"
                >
                  <Typography.Text delete={done}>{task.title}</Typography.Text>
                </Checkbox>
                {task.assignee && <Tag>{task.assignee.displayName}</Tag>}
                {task.dueOn && <Tag color={isOverdue(task.dueOn, done) ? 'red' : 'default'}>{format.date(task.dueOn)}</Tag>}
                {task.milestoneId && milestoneTitle.has(task.milestoneId) && <Tag color="blue">{milestoneTitle.get(task.milestoneId)}</Tag>}
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
};

const Notes = ({ projectId, plan }: { projectId: string; plan: NonNullable<ReturnType<typeof useProjectPlan>['data']> }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ body: string }>();
  const create = useCreateNote(projectId);
  const remove = useDeleteNote(projectId);
  return (
    <Card size="small" title={t('projectPlan.notes')} data-testid="plan-notes">
      {plan.canEdit && (
        <Form form={form} onFinish={(values) => create.mutateAsync(values.body).then(() => form.resetFields(), (error) => handleError(error, { form }))}>
          <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
            <Input.TextArea rows={3} maxLength={4000} placeholder={t('projectPlan.notePlaceholder')} data-testid="plan-note-body" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="plan-note-add" style={{ marginBottom: 12 }}>
            {t('projectPlan.addNote')}
          </Button>
        </Form>
      )}
      <List
        size="small"
        dataSource={plan.notes}
        locale={{ emptyText: t('projectPlan.noNotes') }}
        renderItem={(note) => (
          <List.Item
            data-testid="plan-note-item"
            actions={
              note.canDelete
                ? [
                    <Popconfirm key="delete" title={t('projectPlan.deleteConfirm')} onConfirm={() => remove.mutateAsync(note.id).catch(handleError)}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {note.author?.displayName ?? '—'} · {format.dateTime(note.createdAt)}
                </Typography.Text>
              }
              description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{note.body}</Typography.Paragraph>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
};

export const ProjectPlanTab = ({ project }: { project: Project }) => {
  const { t } = useTranslation();
  const plan = useProjectPlan(project.id);
  if (plan.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (plan.isError) return <QueryErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  const { milestones, tasks, canEdit } = plan.data;
  return (
    <Flex vertical gap={16} data-testid="project-plan">
      {!canEdit && <Alert type="info" showIcon title={t('projectPlan.readOnly')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Milestones projectId={project.id} items={milestones} canEdit={canEdit} />
        </Col>
        <Col xs={24} lg={14}>
          <Tasks projectId={project.id} items={tasks} milestones={milestones} canEdit={canEdit} />
        </Col>
      </Row>
      <Notes projectId={project.id} plan={plan.data} />
    </Flex>
  );
};
