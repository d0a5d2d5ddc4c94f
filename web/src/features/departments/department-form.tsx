// One modal for the three department edits: create (under a parent), rename / change head, move.
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '@openpsm/contracts';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { UserSelect } from '../../components/user-select';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useCreateDepartment, useUpdateDepartment } from './departments.api';

export type DepartmentDialog =
  | { kind: 'create'; parent: Department | null }
  | { kind: 'edit'; department: Department }
  | { kind: 'move'; department: Department };

type DepartmentValues = { name?: string; headUserId?: string | null; parentId?: string | null };

const FORM_ID = 'department-form';

export const DepartmentFormModal = ({ dialog, onClose }: { dialog: DepartmentDialog | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentValues>();
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const handleError = useApiErrorHandler();

  const title = !dialog
    ? ''
    : dialog.kind === 'create'
      ? dialog.parent
        ? t('departments.createUnder', { name: dialog.parent.name })
        : t('departments.createTop')
      : dialog.kind === 'edit'
        ? t('departments.editTitle', { name: dialog.department.name })
        : t('departments.moveTitle', { name: dialog.department.name });

  const initialValues: DepartmentValues = !dialog
    ? {}
    : dialog.kind === 'create'
      ? { parentId: dialog.parent?.id ?? null }
      : { name: dialog.department.name, headUserId: dialog.department.headUserId, parentId: dialog.department.parentId };

  const done = () => {
    void message.success(t('common.saved'));
    onClose();
  };
  const onError = (error: unknown) => handleError(error, { form, recordType: 'department', onReload: onClose });

  const onFinish = (values: DepartmentValues) => {
    if (!dialog) return;
    if (dialog.kind === 'create') {
      create.mutate({ name: (values.name ?? '').trim(), parentId: values.parentId ?? null, headUserId: values.headUserId ?? null }, { onSuccess: done, onError });
    } else if (dialog.kind === 'edit') {
      const { department } = dialog;
      update.mutate({ id: department.id, version: department.version, name: (values.name ?? '').trim(), headUserId: values.headUserId ?? null }, { onSuccess: done, onError });
    } else {
      const { department } = dialog;
      update.mutate({ id: department.id, version: department.version, parentId: values.parentId ?? null }, { onSuccess: done, onError });
    }
  };

  return (
    <Modal
      open={dialog !== null}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<DepartmentValues> id={FORM_ID} form={form} clearOnDestroy layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        {dialog?.kind !== 'move' && (
          <>
            <Form.Item name="name" label={t('fields.department.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
              <Input autoFocus maxLength={60} />
            </Form.Item>
            <Form.Item name="headUserId" label={t('fields.department.headUserId')}>
              <UserSelect />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'move' && (
          <Form.Item name="parentId" label={t('departments.newParent')} extra={t('departments.moveHelp')}>
            <DepartmentTreeSelect excludeSubtreeOf={dialog.department.id} placeholder={t('departments.topLevel')} autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
