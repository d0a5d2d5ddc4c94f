// Creates or edits a contact in a drawer: sends only what changed, with the version; shows duplicates before saving.
import { useState } from 'react';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactDuplicateCandidate } from '@openpsm/contracts';
import { isApiError } from '../../lib/api-client';
import { FormDrawer } from '../../components/form-drawer';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { changedFormPayload, createFormPayload } from '../../components/custom-fields/custom-field-payload';
import { useCreateContact, useUpdateContact } from './contacts.api';
import type { ContactPayload } from './contacts.api';
import { ContactForm, toFormValues } from './contact-form';
import type { ContactFormValues } from './contact-form';
import { ContactDuplicatesModal } from './contact-duplicates-modal';

const FORM_ID = 'contact-form';

const createPayload = (values: ContactFormValues) => createFormPayload(values) as ContactPayload;
const changedPayload = (values: ContactFormValues, contact: Contact) => changedFormPayload(values, toFormValues(contact)) as ContactPayload;

type ContactFormDrawerProps = {
  open: boolean;
  contact?: Contact;
  /** Adding from an organisation's page: the contact is created under it. */
  organization?: { id: string; name: string };
  onClose: () => void;
  onSaved: (contact: Contact) => void;
};

export const ContactFormDrawer = ({ open, contact, organization, onClose, onSaved }: ContactFormDrawerProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactFormValues>();
  const create = useCreateContact();
  const update = useUpdateContact(contact?.id ?? '');
  const handleError = useApiErrorHandler();
  const [pending, setPending] = useState<{ payload: ContactPayload; candidates: ContactDuplicateCandidate[] } | null>(null);

  const save = (payload: ContactPayload) => {
    const onError = (error: unknown) => {
      if (isApiError(error) && error.code === 'duplicate_contact') {
        setPending({ payload, candidates: error.candidates as ContactDuplicateCandidate[] });
        return;
      }
      setPending(null);
      handleError(error, { form, recordType: 'contact', onReload: onClose });
    };
    const onSuccess = (saved: Contact) => {
      setPending(null);
      if (contact && saved.organization.id !== contact.organization.id) {
        void message.success(t('contacts.moved', { from: contact.organization.name, to: saved.organization.name }));
      } else void message.success(contact ? t('common.saved') : t('contacts.created'));
      onSaved(saved);
    };
    if (contact) update.mutate({ ...payload, version: contact.version }, { onSuccess, onError });
    else create.mutate(payload, { onSuccess, onError });
  };

  const onFinish = (values: ContactFormValues) => {
    if (!contact) {
      save(createPayload({ ...values, organizationId: organization?.id ?? values.organizationId }));
      return;
    }
    const payload = changedPayload(values, contact);
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
        title={contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.create')}
        formId={FORM_ID}
        submitting={saving}
        onClose={onClose}
        width={720}
      >
        <ContactForm form={form} formId={FORM_ID} contact={contact} organization={organization} onFinish={onFinish} />
      </FormDrawer>
      <ContactDuplicatesModal
        candidates={pending?.candidates ?? null}
        saving={saving}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && save({ ...pending.payload, confirmDuplicate: true })}
      />
    </>
  );
};
