// Adding a stakeholder (pick an organisation around the project, then one of its contacts) or editing one: buying
// role, attitude, influence, relationship level, notes. Role, attitude and level left empty take the contact's own.
import { useEffect, useMemo, useState } from 'react';
import { App, Form, Input, Modal, Radio, Rate, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { buyingRoles, contactAttitudes, type Project, type Stakeholder, type StakeholderInput } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useAddStakeholder, useOrganizationContacts, useUpdateStakeholder } from './project-insight.api';

type Values = Omit<StakeholderInput, 'contactId'> & { organizationId?: string; contactId?: string };

type Props = { project: Project; editing: Stakeholder | null; open: boolean; onClose: () => void };

export const StakeholderForm = ({ project, editing, open, onClose }: Props) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const add = useAddStakeholder(project.id);
  const update = useUpdateStakeholder(project.id);
  // The owner first, then the organisations around it (design institute, contractor …), each once.
  const organizations = useMemo(() => {
    const seen = new Map<string, string>([[project.organization.id, project.organization.name]]);
    for (const related of project.organizations ?? []) if (!seen.has(related.organization.id)) seen.set(related.organization.id, related.organization.name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [project]);
  const [organizationId, setOrganizationId] = useState<string | undefined>(project.organization.id);
  const contacts = useOrganizationContacts(editing ? undefined : organizationId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ buyingRole: editing.buyingRole, attitude: editing.attitude, influence: editing.influence, relationshipLevel: editing.relationshipLevel, notes: editing.notes });
    else {
      setOrganizationId(project.organization.id);
      form.setFieldsValue({ organizationId: project.organization.id });
    }
  }, [open, editing, form, project.organization.id]);

  const submit = async (values: Values) => {
    const { organizationId: _organizationId, contactId, ...fields } = values;
    // Untouched fields stay out of the request, so the contact's own role, attitude and level are the defaults.
    // A star rating cleared back to nothing reads 0: that is "not rated".
    const sent = Object.fromEntries(
      Object.entries(fields)
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([key, value]) => [key, value === 0 ? null : value]),
    ) as Omit<StakeholderInput, 'contactId'>;
    try {
      if (editing) {
        await update.mutateAsync({ id: editing.id, ...sent, notes: fields.notes?.trim() ? fields.notes : null, version: editing.version });
        void message.success(t('projectInsight.stakeholders.saved'));
      } else {
        await add.mutateAsync({ contactId: contactId!, ...sent });
        void message.success(t('projectInsight.stakeholders.added'));
      }
      onClose();
    } catch (error) {
      handleError(error, { form, onReload: onClose });
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('projectInsight.stakeholders.editTitle') : t('projectInsight.stakeholders.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'stakeholder-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="stakeholder-form">
        {editing ? (
          <Form.Item label={t('projectInsight.stakeholders.contact')}>{editing.contact.name}</Form.Item>
        ) : (
          <>
            <Form.Item name="organizationId" label={t('projectInsight.stakeholders.organization')}>
              <Select
                options={organizations}
                data-testid="stakeholder-organization"
                onChange={(value: string) => {
                  setOrganizationId(value);
                  form.setFieldValue('contactId', undefined);
                }}
              />
            </Form.Item>
            <Form.Item
              name="contactId"
              label={t('projectInsight.stakeholders.contact')}
              extra={t('projectInsight.stakeholders.contactHelp')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={contacts.isFetching}
                data-testid="stakeholder-contact"
                notFoundContent={contacts.isFetching ? undefined : t('projectInsight.stakeholders.noContacts')}
                options={(contacts.data?.items ?? []).map((contact) => ({ value: contact.id, label: contact.title ? `${contact.name}（${contact.title}）` : contact.name }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="buyingRole" label={t('projectInsight.stakeholders.columns.buyingRole')}>
          <Radio.Group optionType="button" size="small">
            {buyingRoles.map((role) => (
              <Radio.Button key={role} value={role} data-testid={`stakeholder-role-${role}`}>
                {t(`contacts.buyingRoles.${role}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="attitude" label={t('projectInsight.stakeholders.columns.attitude')}>
          <Radio.Group optionType="button" size="small">
            {contactAttitudes.map((attitude) => (
              <Radio.Button key={attitude} value={attitude} data-testid={`stakeholder-attitude-${attitude}`}>
                {t(`contacts.attitudes.${attitude}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="influence" label={t('projectInsight.stakeholders.columns.influence')}>
          <Rate count={5} data-testid="stakeholder-influence" />
        </Form.Item>
        <Form.Item name="relationshipLevel" label={t('projectInsight.stakeholders.columns.relationshipLevel')}>
          <Rate count={5} data-testid="stakeholder-relationship" />
        </Form.Item>
        <Form.Item name="notes" label={t('projectInsight.stakeholders.columns.notes')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
