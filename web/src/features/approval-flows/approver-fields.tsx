// Who approves a step: the approver kind and the parameters that kind needs.
import { Col, Form, InputNumber, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { approverKinds } from '@openpsm/contracts';
import type { ApproverKind } from '@openpsm/contracts';
import { DepartmentTreeSelect } from '../../components/department-tree-select';
import { UserMultiSelect } from '../../components/user-select';
import { roleDisplayName, useRoles } from '../../lib/reference-data';
import type { ApproverValues, StepValues } from './flow-form-values';

/** What a kind starts with when chosen, so the step is valid as soon as its required choice is made. */
const defaultsOf = (kind: ApproverKind): ApproverValues => {
  switch (kind) {
    case 'nth_manager':
      return { kind, level: 2 };
    case 'department_head':
      return { kind, departmentId: null, levelsUp: 0 };
    case 'role':
      return { kind, within: 'department' };
    case 'users':
      return { kind, userIds: [] };
    default:
      return { kind };
  }
};

type ApproverFieldsProps = {
  /** The step's name inside the steps Form.List, and its index from the form's root. */
  name: number;
  index: number;
};

export const ApproverFields = ({ name, index }: ApproverFieldsProps) => {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const kind = Form.useWatch(['steps', index, 'approver', 'kind'], { form, preserve: true }) as ApproverKind | undefined;
  const steps = (Form.useWatch(['steps'], { form, preserve: true }) as StepValues[] | undefined) ?? [];
  const roles = useRoles();
  const required = { required: true, message: t('validation.required') };
  const earlierSteps = steps.slice(0, index).map((step, position) => ({
    value: step.key,
    label: step.name?.trim() || t('approvalFlows.stepN', { n: position + 1 }),
  }));

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={[name, 'approver', 'kind']} label={t('fields.approvalFlow.kind')} rules={[required]}>
          <Select
            data-testid="flow-approver-kind"
            options={approverKinds.map((value) => ({ value, label: t(`approvalFlows.approverKinds.${value}`) }))}
            onChange={(next: ApproverKind) => form.setFieldValue(['steps', index, 'approver'], defaultsOf(next))}
          />
        </Form.Item>
      </Col>
      {kind === 'nth_manager' && (
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'approver', 'level']} label={t('fields.approvalFlow.level')} extra={t('approvalFlows.levelHelp')} rules={[required]}>
            <InputNumber<number> min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      )}
      {kind === 'department_head' && (
        <>
          <Col xs={24} md={8}>
            <Form.Item name={[name, 'approver', 'departmentId']} label={t('fields.approvalFlow.departmentId')} extra={t('approvalFlows.departmentHelp')}>
              <DepartmentTreeSelect placeholder={t('approvalFlows.submitterDepartment')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={[name, 'approver', 'levelsUp']} label={t('fields.approvalFlow.levelsUp')} extra={t('approvalFlows.levelsUpHelp')} rules={[required]}>
              <InputNumber<number> min={0} max={10} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </>
      )}
      {kind === 'role' && (
        <>
          <Col xs={24} md={8}>
            <Form.Item name={[name, 'approver', 'roleId']} label={t('fields.approvalFlow.roleId')} rules={[required]}>
              <Select
                loading={roles.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                options={(roles.data ?? []).map((role) => ({ value: role.id, label: roleDisplayName(role) }))}
                notFoundContent={roles.data ? undefined : t('approvalFlows.rolesUnavailable')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={[name, 'approver', 'within']} label={t('fields.approvalFlow.within')} rules={[required]}>
              <Radio.Group
                options={[
                  { value: 'department', label: t('approvalFlows.within.department') },
                  { value: 'company', label: t('approvalFlows.within.company') },
                ]}
              />
            </Form.Item>
          </Col>
        </>
      )}
      {kind === 'users' && (
        <Col xs={24} md={16}>
          <Form.Item
            name={[name, 'approver', 'userIds']}
            label={t('fields.approvalFlow.userIds')}
            rules={[required, { type: 'array', min: 1, max: 20, message: t('approvalFlows.usersCount') }]}
          >
            <UserMultiSelect maxCount={20} data-testid="flow-approver-users" />
          </Form.Item>
        </Col>
      )}
      {kind === 'same_as_step' && (
        <Col xs={24} md={8}>
          <Form.Item
            name={[name, 'approver', 'stepKey']}
            label={t('fields.approvalFlow.stepKey')}
            dependencies={[['steps']]}
            rules={[
              required,
              {
                // Only an earlier step: the same or a later one is circular.
                validator: async (_rule, value: unknown) => {
                  if (value && !earlierSteps.some((step) => step.value === value)) throw new Error(t('validation.circular_reference'));
                },
              },
            ]}
          >
            <Select options={earlierSteps} notFoundContent={t('approvalFlows.noEarlierStep')} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
};
