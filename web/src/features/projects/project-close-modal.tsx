// Closing a project (PRJ-9): won / lost / suspended with a reason from the option list of that outcome; lost also
// asks for lessons learned (required), the winner and the winning price.
import type { ButtonProps } from 'antd';
import { App, Form, Input, Modal, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OptionListKey, Project, ProjectCloseInput } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useCompetitors } from '../project-insight/project-insight.api';
import { useCloseProject } from './projects.api';
import { OptionSelect, OrganizationPicker } from './project-pickers';

type Values = Omit<ProjectCloseInput, 'version'>;
const reasonLists: Record<Values['status'], OptionListKey> = { won: 'project_win_reason', lost: 'project_loss_reason', suspended: 'project_suspend_reason' };

export const ProjectCloseModal = ({ project, open, onClose }: { project: Project; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const close = useCloseProject(project.id);
  // The winner is usually one of the competitors recorded on the project, whoever owns their records: offered first.
  const competitors = useCompetitors(project.id);
  const competitorsOnProject = (competitors.data?.items ?? []).map((competitor) => competitor.organization);
  const handleError = useApiErrorHandler();
  const status = Form.useWatch('status', form) ?? 'won';

  const onFinish = (values: Values) =>
    close.mutate(
      { ...values, version: project.version },
      {
        onSuccess: () => {
          void message.success(t('projects.close.done'));
          onClose();
        },
        onError: (error) => handleError(error, { form, recordType: 'project', onReload: onClose }),
      },
    );

  return (
    <Modal
      open={open}
      title={t('projects.close.title', { name: project.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={close.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'project-close-submit' } as ButtonProps}
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'won' }} onFinish={onFinish} preserve={false}>
        <Form.Item name="status" label={t('projects.close.outcome')}>
          <Segmented
            data-testid="project-close-status"
            options={(['won', 'lost', 'suspended'] as const).map((value) => ({ value, label: <span data-testid={`project-close-status-${value}`}>{t(`projects.statuses.${value}`)}</span> }))}
            onChange={() => form.setFieldValue('closeReason', undefined)}
          />
        </Form.Item>
        <Form.Item name="closeReason" label={t('projects.fields.closeReason')} rules={[{ required: true, message: t('projects.close.reasonRequired') }]}>
          <OptionSelect key={status} listKey={reasonLists[status]} data-testid="project-close-reason-select" />
        </Form.Item>
        {status === 'lost' && (
          <>
            <Form.Item name="winnerOrganizationId" label={t('projects.fields.winnerOrganization')}>
              <OrganizationPicker known={competitorsOnProject} data-testid="project-close-winner" />
            </Form.Item>
            <Form.Item name="winningPrice" label={t('projects.fields.winningPrice')} rules={[{ pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('validation.required') }]}>
              <Input inputMode="decimal" prefix="¥" data-testid="project-close-price" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="lessonsLearned"
          label={t('projects.fields.lessonsLearned')}
          rules={status === 'lost' ? [{ required: true, whitespace: true, message: t('projects.close.lessonsRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="project-close-lessons" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
