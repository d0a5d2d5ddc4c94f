// The fields of an organisation, for both create and edit.
import { Col, Form, Input, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OptionListKey, Organization, OrganizationType } from '@openpsm/contracts';
import { optionLabel, useOptions } from '../../lib/reference-data';
import { canSeeProtectedField, hasPermission, useCurrentUser } from '../../lib/session';
import { CustomFieldInputs } from '../../components/custom-fields/custom-field-inputs';
import { UserSelect } from '../../components/user-select';
import { useIsMobile } from '../../components/use-is-mobile';
import { gradeOptions, useOrganizationTypeOptions } from './organization-labels';
import { DuplicateCandidatesHint } from './duplicate-candidates-hint';

export type OrganizationFormValues = {
  name: string;
  shortName?: string | null;
  type: OrganizationType;
  creditCode?: string | null;
  industry?: string | null;
  region?: string | null;
  address?: string | null;
  phone?: string | null;
  website?: string | null;
  scale?: string | null;
  source?: string | null;
  grade?: string | null;
  creditRating?: string | null;
  tags?: string[];
  notes?: string | null;
  ownerId?: string | null;
  customFields?: Record<string, unknown>;
};

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const PHONE = /^[0-9+\-() ]*$/;

const OptionSelect = ({ listKey, value, onChange, id }: { listKey: OptionListKey; value?: string | null; onChange?: (value: string | null) => void; id?: string }) => {
  const { i18n } = useTranslation();
  const { options, isLoading } = useOptions(listKey);
  const choices = options.map((option) => ({ value: option.code, label: optionLabel(option, i18n.language) }));
  // A record may hold a code that was since deactivated: keep it selectable so saving does not erase it.
  if (value && !choices.some((choice) => choice.value === value)) choices.push({ value, label: value });
  return (
    <Select
      id={id}
      allowClear
      loading={isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(next?: string) => onChange?.(next ?? null)}
      options={choices}
    />
  );
};

export const toFormValues = (organization?: Organization): Partial<OrganizationFormValues> =>
  organization
    ? {
        ...organization,
        ownerId: organization.owner?.id ?? null,
        customFields: { ...organization.customFields },
      }
    : { type: 'owner', tags: [], customFields: {} };

type OrganizationFormProps = {
  form: FormInstance<OrganizationFormValues>;
  formId: string;
  organization?: Organization;
  onFinish: (values: OrganizationFormValues) => void;
};

export const OrganizationForm = ({ form, formId, organization, onFinish }: OrganizationFormProps) => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isMobile = useIsMobile();
  const typeOptions = useOrganizationTypeOptions();
  const half = isMobile ? 24 : 12;
  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Form<OrganizationFormValues> id={formId} form={form} clearOnDestroy layout="vertical" initialValues={toFormValues(organization)} onFinish={onFinish} scrollToFirstError>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('fields.organization.name')} rules={[required, { min: 2, message: t('validation.too_short') }, { max: 120 }]}>
            <Input autoFocus maxLength={120} data-testid="org-name" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <DuplicateCandidatesHint form={form} organizationId={organization?.id} />
        </Col>
        <Col span={half}>
          <Form.Item name="shortName" label={t('fields.organization.shortName')} rules={[{ max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="type" label={t('fields.organization.type')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={typeOptions} data-testid="org-type" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item
            name="creditCode"
            label={t('fields.organization.creditCode')}
            normalize={(value: string) => value?.toUpperCase()}
            rules={[{ pattern: CREDIT_CODE, message: t('validation.credit_code_format') }]}
          >
            <Input maxLength={18} placeholder="91110000XXXXXXXXXX" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="grade" label={t('fields.organization.grade')}>
            <Select allowClear options={gradeOptions} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="industry" label={t('fields.organization.industry')}>
            <OptionSelect listKey="industry" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="region" label={t('fields.organization.region')}>
            <OptionSelect listKey="region" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="source" label={t('fields.organization.source')}>
            <OptionSelect listKey="source" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="scale" label={t('fields.organization.scale')}>
            <OptionSelect listKey="scale" />
          </Form.Item>
        </Col>
        {canSeeProtectedField(user, 'organization.creditRating') && (
          <Col span={half}>
            <Form.Item name="creditRating" label={t('fields.organization.creditRating')}>
              <OptionSelect listKey="credit_rating" />
            </Form.Item>
          </Col>
        )}
        {hasPermission(user, 'organization.assign') && (
          <Col span={half}>
            <Form.Item name="ownerId" label={t('fields.organization.owner')} extra={organization ? undefined : t('organizations.ownerDefault')}>
              <UserSelect knownUsers={[organization?.owner]} />
            </Form.Item>
          </Col>
        )}
        <Col span={half}>
          <Form.Item name="phone" label={t('fields.organization.phone')} rules={[{ pattern: PHONE, message: t('validation.phone_format') }, { max: 40 }]}>
            <Input type="tel" maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="website" label={t('fields.organization.website')} rules={[{ max: 200 }]}>
            <Input maxLength={200} placeholder="https://" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('fields.organization.address')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="tags" label={t('fields.organization.tags')} extra={t('organizations.tagsHelp')}>
            <Select mode="tags" tokenSeparators={[',', '，']} maxCount={20} open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="notes" label={t('fields.organization.notes')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
          </Form.Item>
        </Col>
      </Row>
      <CustomFieldInputs recordType="organization" singleColumn={isMobile} title={t('organizations.customFields')} />
    </Form>
  );
};
