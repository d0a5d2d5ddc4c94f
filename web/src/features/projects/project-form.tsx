// The fields of a project, for both create and edit. The process and first stage are not chosen here: the server
// resolves them from the product lines and the owner's department (PRJ-2).
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { projectOrganizationRoles, type Project, type ProjectOrganizationRole } from '@openpsm/contracts';
import { hasPermission, useCurrentUser } from '../../lib/session';
import { UserSelect } from '../../components/user-select';
import { useIsMobile } from '../../components/use-is-mobile';
import { OptionSelect, OrganizationPicker } from './project-pickers';

export type ProjectFormValues = {
  name: string;
  organizationId: string;
  site?: string | null;
  region?: string | null;
  description?: string | null;
  amount?: string | null;
  expectedSignDate?: string | null;
  source?: string | null;
  productLines?: string[];
  budgetConfirmed?: boolean | null;
  needClarity?: number | null;
  ownerId?: string | null;
  phaseLabel?: string | null;
  parentId?: string | null;
  organizations?: { organizationId: string; role: ProjectOrganizationRole; influence?: number | null }[];
};

export const toFormValues = (project?: Project, defaults: Partial<ProjectFormValues> = {}): Partial<ProjectFormValues> =>
  project
    ? {
        name: project.name,
        organizationId: project.organization.id,
        site: project.site,
        region: project.region,
        description: project.description,
        amount: project.amount,
        expectedSignDate: project.expectedSignDate,
        source: project.source,
        productLines: project.productLines,
        budgetConfirmed: project.budgetConfirmed,
        needClarity: project.needClarity,
        ownerId: project.owner?.id ?? null,
        phaseLabel: project.phaseLabel,
        parentId: project.parent?.id ?? null,
        organizations: (project.organizations ?? []).map((entry) => ({ organizationId: entry.organization.id, role: entry.role, influence: entry.influence })),
      }
    : { productLines: [], organizations: [], ...defaults };

type ProjectFormProps = {
  form: FormInstance<ProjectFormValues>;
  formId: string;
  project?: Project;
  initial?: Partial<ProjectFormValues>;
  /** Names of organisations the initial values refer to, so the pickers show them. */
  knownOrganizations?: { id: string; name: string }[];
  onFinish: (values: ProjectFormValues) => void;
  /** Rendered under the name (the registration check hint of the registration module). */
  nameHint?: React.ReactNode;
};

const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;

export const ProjectForm = ({ form, formId, project, initial, knownOrganizations = [], onFinish, nameHint }: ProjectFormProps) => {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isMobile = useIsMobile();
  const half = isMobile ? 24 : 12;
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const known = [...knownOrganizations, ...(project ? [project.organization, ...(project.organizations ?? []).map((entry) => entry.organization)] : [])];

  return (
    <Form form={form} id={formId} layout="vertical" initialValues={toFormValues(project, initial)} onFinish={onFinish} scrollToFirstError>
      {!project && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('projects.processAuto')} />}
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('projects.fields.name')} rules={[required, { min: 2, message: t('validation.required') }]}>
            <Input maxLength={200} data-testid="project-form-name" />
          </Form.Item>
          {nameHint}
        </Col>
        <Col span={half}>
          <Form.Item name="organizationId" label={t('projects.fields.organization')} rules={[{ required: true, message: t('validation.required') }]}>
            <OrganizationPicker known={known} data-testid="project-form-organization" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="site" label={t('projects.fields.site')}>
            <Input maxLength={200} data-testid="project-form-site" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="amount" label={t('projects.fields.amount')} rules={[{ pattern: AMOUNT, message: t('validation.amount_format', { defaultValue: t('validation.required') }) }]}>
            <Input inputMode="decimal" prefix="¥" data-testid="project-form-amount" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item
            name="expectedSignDate"
            label={t('projects.fields.expectedSignDate')}
            getValueProps={(value?: string | null) => ({ value: value ? dayjs(value) : null })}
            normalize={(value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null)}
          >
            <DatePicker style={{ width: '100%' }} data-testid="project-form-expected" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="productLines" label={t('projects.fields.productLines')}>
            <OptionSelect listKey="product_line" multiple data-testid="project-form-product-lines" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="region" label={t('projects.fields.region')}>
            <OptionSelect listKey="region" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="source" label={t('projects.fields.source')}>
            <OptionSelect listKey="source" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="budgetConfirmed" label={t('projects.fields.budgetConfirmed')}>
            <Select allowClear options={[{ value: true, label: t('projects.yes') }, { value: false, label: t('projects.no') }]} />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name="needClarity" label={t('projects.fields.needClarity')}>
            <Select allowClear options={[1, 2, 3, 4, 5].map((level) => ({ value: level, label: t(`projects.needClarityLevels.l${level}` as 'projects.needClarityLevels.l1') }))} />
          </Form.Item>
        </Col>
        {hasPermission(user, 'project.assign') && (
          <Col span={half}>
            <Form.Item name="ownerId" label={t('projects.fields.owner')}>
              <UserSelect knownUsers={[project?.owner]} allowClear />
            </Form.Item>
          </Col>
        )}
        <Col span={half}>
          <Form.Item name="phaseLabel" label={t('projects.fields.phaseLabel')}>
            <Input maxLength={40} placeholder="一期 / 二期" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="description" label={t('projects.fields.description')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="organizations">
        {(fields, { add, remove }) => (
          <div data-testid="project-form-related">
            <div style={{ marginBottom: 8, fontWeight: 500 }}>{t('projects.fields.relatedOrganizations')}</div>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[field.name, 'organizationId']} rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: isMobile ? 260 : 280 }}>
                  <OrganizationPicker known={known} data-testid="project-form-related-organization" />
                </Form.Item>
                <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: 150 }}>
                  <Select placeholder={t('projects.fields.role')} options={projectOrganizationRoles.map((role) => ({ value: role, label: t(`projects.orgRoles.${role}`) }))} data-testid="project-form-related-role" />
                </Form.Item>
                <Form.Item name={[field.name, 'influence']} style={{ width: 120 }}>
                  <InputNumber min={1} max={5} placeholder={t('projects.fields.influence')} style={{ width: '100%' }} data-testid="project-form-related-influence" />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ influence: 3 })} data-testid="project-form-add-related">
              {t('projects.addOrganization')}
            </Button>
          </div>
        )}
      </Form.List>
    </Form>
  );
};
