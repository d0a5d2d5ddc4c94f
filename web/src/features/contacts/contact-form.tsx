// The fields of a contact, for both create and edit; dates travel as YYYY-MM-DD strings.
import { Col, DatePicker, Divider, Form, Input, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { contactGenders } from '@openpsm/contracts';
import type { Contact, ContactInput } from '@openpsm/contracts';
import { CustomFieldInputs } from '../../components/custom-fields/custom-field-inputs';
import { useIsMobile } from '../../components/use-is-mobile';
import { OrganizationPicker } from './organization-picker';
import { useAttitudeOptions, useBuyingRoleOptions, useRelationshipLevelOptions } from './contact-labels';

export type ContactFormValues = Omit<ContactInput, 'confirmDuplicate'>;

const PHONE = /^[0-9+\-() ]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A DatePicker in the form, a date string in the values. */
const dateItemProps = {
  getValueProps: (value?: string | null) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
};

export const toFormValues = (contact?: Contact, organizationId?: string): Partial<ContactFormValues> =>
  contact
    ? { ...contact, organizationId: contact.organization.id, customFields: { ...contact.customFields } }
    : { organizationId, tags: [], customFields: {} };

type ContactFormProps = {
  form: FormInstance<ContactFormValues>;
  formId: string;
  contact?: Contact;
  /** Set when adding from an organisation's page: the organisation is given. */
  organization?: { id: string; name: string };
  onFinish: (values: ContactFormValues) => void;
};

export const ContactForm = ({ form, formId, contact, organization, onFinish }: ContactFormProps) => {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const half = isMobile ? 24 : 12;
  const buyingRoleOptions = useBuyingRoleOptions();
  const attitudeOptions = useAttitudeOptions();
  const levelOptions = useRelationshipLevelOptions();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const phoneRule = { pattern: PHONE, message: t('contacts.validation.phone') };
  const known = contact?.organization ?? organization ?? null;

  return (
    <Form<ContactFormValues> id={formId} form={form} clearOnDestroy layout="vertical" initialValues={toFormValues(contact, organization?.id)} onFinish={onFinish} scrollToFirstError>
      <Row gutter={16}>
        <Col span={half}>
          <Form.Item name="name" label={t('contacts.fields.name')} rules={[required, { max: 60 }]}>
            <Input autoFocus maxLength={60} data-testid="contact-name" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item
            name="organizationId"
            label={t('contacts.fields.organization')}
            rules={[{ required: true, message: t('validation.required') }]}
            extra={contact ? t('contacts.moveHint') : undefined}
          >
            <OrganizationPicker known={known} disabled={Boolean(organization && !contact)} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="title" label={t('contacts.fields.title')} rules={[{ max: 60 }]}>
            <Input maxLength={60} data-testid="contact-title" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="department" label={t('contacts.fields.department')} rules={[{ max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="gender" label={t('contacts.fields.gender')}>
            <Select allowClear options={contactGenders.map((gender) => ({ value: gender, label: t(`contacts.genders.${gender}`) }))} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="birthday" label={t('contacts.fields.birthday')} {...dateItemProps}>
            <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('contacts.sections.contact')}
      </Divider>
      <Row gutter={16}>
        <Col span={half}>
          <Form.Item name="mobile" label={t('contacts.fields.mobile')} rules={[phoneRule, { max: 40 }]}>
            <Input type="tel" maxLength={40} data-testid="contact-mobile" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="phone" label={t('contacts.fields.phone')} rules={[phoneRule, { max: 40 }]}>
            <Input type="tel" maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="email" label={t('contacts.fields.email')} rules={[{ pattern: EMAIL, message: t('contacts.validation.email') }, { max: 120 }]}>
            <Input type="email" maxLength={120} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="wechat" label={t('contacts.fields.wechat')} rules={[{ max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('contacts.sections.role')}
      </Divider>
      <Row gutter={16}>
        <Col span={isMobile ? 24 : 8}>
          <Form.Item name="buyingRole" label={t('contacts.fields.buyingRole')}>
            <Select allowClear options={buyingRoleOptions} data-testid="contact-buying-role" />
          </Form.Item>
        </Col>
        <Col span={isMobile ? 24 : 8}>
          <Form.Item name="attitude" label={t('contacts.fields.attitude')}>
            <Select allowClear options={attitudeOptions} data-testid="contact-attitude" />
          </Form.Item>
        </Col>
        <Col span={isMobile ? 24 : 8}>
          <Form.Item name="relationshipLevel" label={t('contacts.fields.relationshipLevel')}>
            <Select allowClear options={levelOptions} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="revisitOn" label={t('contacts.fields.revisitOn')} {...dateItemProps}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="tags" label={t('contacts.fields.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，']} maxCount={20} open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('contacts.sections.personal')}
      </Divider>
      <Form.Item name="hobbies" label={t('contacts.fields.hobbies')} rules={[{ max: 500 }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="familyNotes" label={t('contacts.fields.familyNotes')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="personalNotes" label={t('contacts.fields.personalNotes')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <CustomFieldInputs recordType="contact" singleColumn={isMobile} title={t('contacts.fields.customFields')} />
    </Form>
  );
};
