// Creates or edits a project in a drawer: sends only what changed, with the version.
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Project } from '@openpsm/contracts';
import { FormDrawer } from '../../components/form-drawer';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { changedFormPayload, createFormPayload } from '../../components/custom-fields/custom-field-payload';
import { useCreateProject, useUpdateProject, type ProjectPayload } from './projects.api';
import { ProjectForm, toFormValues, type ProjectFormValues } from './project-form';
import { ProjectRegistrationHint } from '../registration/project-registration-hint';

const FORM_ID = 'project-form';

type ProjectFormDrawerProps = {
  open: boolean;
  project?: Project;
  /** Create only: prefilled values (the organisation page passes its organisation). */
  initial?: Partial<ProjectFormValues>;
  knownOrganizations?: { id: string; name: string }[];
  onClose: () => void;
  onSaved: (project: Project) => void;
};

export const ProjectFormDrawer = ({ open, project, initial, knownOrganizations, onClose, onSaved }: ProjectFormDrawerProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectFormValues>();
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? '');
  const handleError = useApiErrorHandler();

  const onFinish = (values: ProjectFormValues) => {
    const onError = (error: unknown) => handleError(error, { form, recordType: 'project', onReload: onClose });
    const onSuccess = (saved: Project) => {
      void message.success(project ? t('common.saved') : t('projects.created'));
      onSaved(saved);
    };
    if (!project) {
      create.mutate(createFormPayload(values) as ProjectPayload, { onSuccess, onError });
      return;
    }
    const payload = changedFormPayload(values, toFormValues(project) as Record<string, unknown>) as ProjectPayload;
    if (Object.keys(payload).length === 0) {
      onClose();
      return;
    }
    update.mutate({ ...payload, version: project.version }, { onSuccess, onError });
  };

  return (
    <FormDrawer
      open={open}
      title={project ? t('projects.editTitle', { name: project.name }) : t('projects.create')}
      formId={FORM_ID}
      submitting={create.isPending || update.isPending}
      onClose={onClose}
      width={760}
    >
      {open && <ProjectForm form={form} formId={FORM_ID} project={project} initial={initial} knownOrganizations={knownOrganizations} onFinish={onFinish} nameHint={<ProjectRegistrationHint form={form} projectId={project?.id} />} />}
    </FormDrawer>
  );
};
