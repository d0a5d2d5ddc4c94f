// Creates or edits an organisation in a drawer: sends only what changed, with the version; handles duplicates.
import { useState } from 'react';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@openpsm/contracts';
import { isApiError } from '../../lib/api-client';
import { FormDrawer } from '../../components/form-drawer';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { changedFormPayload, createFormPayload } from '../../components/custom-fields/custom-field-payload';
import { useCreateOrganization, useUpdateOrganization } from './organizations.api';
import type { OrganizationPayload } from './organizations.api';
import { OrganizationForm, toFormValues } from './organization-form';
import type { OrganizationFormValues } from './organization-form';
import { DuplicateCandidatesModal } from './duplicate-candidates-modal';

const FORM_ID = 'organization-form';

const createPayload = (values: OrganizationFormValues) => createFormPayload(values) as OrganizationPayload;
const changedPayload = (values: OrganizationFormValues, organization: Organization) =>
  changedFormPayload(values, toFormValues(organization) as Record<string, unknown>) as OrganizationPayload;

type OrganizationFormDrawerProps = {
  open: boolean;
  organization?: Organization;
  onClose: () => void;
  onSaved: (organization: Organization) => void;
};

export const OrganizationFormDrawer = ({ open, organization, onClose, onSaved }: OrganizationFormDrawerProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrganizationFormValues>();
  const create = useCreateOrganization();
  const update = useUpdateOrganization(organization?.id ?? '');
  const handleError = useApiErrorHandler();
  const [pending, setPending] = useState<{ payload: OrganizationPayload; candidates: unknown[] } | null>(null);

  const save = (payload: OrganizationPayload) => {
    const onError = (error: unknown) => {
      if (isApiError(error) && error.code === 'duplicate_organization') {
        setPending({ payload, candidates: error.candidates });
        return;
      }
      setPending(null);
      handleError(error, { form, recordType: 'organization', onReload: onClose });
    };
    const onSuccess = (saved: Organization) => {
      setPending(null);
      void message.success(organization ? t('common.saved') : t('organizations.created'));
      onSaved(saved);
    };
    if (organization) update.mutate({ ...payload, version: organization.version }, { onSuccess, onError });
    else create.mutate(payload, { onSuccess, onError });
  };

  const onFinish = (values: OrganizationFormValues) => {
    if (!organization) {
      save(createPayload(values));
      return;
    }
    const payload = changedPayload(values, organization);
    if (Object.keys(payload).length === 0) {
      onClose();
      return;
    }
    save(payload);
  };

  const saving = create.isPending || update.isPending;

  return (
    <>
      <FormDrawer
        open={open}
        title={organization ? t('organizations.editTitle', { name: organization.name }) : t('organizations.create')}
        formId={FORM_ID}
        submitting={saving}
        onClose={onClose}
        width={720}
      >
        <OrganizationForm form={form} formId={FORM_ID} organization={organization} onFinish={onFinish} />
      </FormDrawer>
      <DuplicateCandidatesModal
        candidates={pending?.candidates ?? null}
        saving={saving}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && save({ ...pending.payload, confirmDuplicate: true })}
      />
    </>
  );
};
