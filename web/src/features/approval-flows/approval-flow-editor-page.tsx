// Creating or editing one approval flow: basics, the flow's condition, the chain of steps. Each save is a new
// definition version; approvals in flight keep the version they started with.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApprovalFlow, DocumentTypeInfo } from '@openpsm/contracts';
import { isApiError } from '../../lib/api-client';
import type { ApiError } from '../../lib/api-client';
import { toFieldPath, validationMessage } from '../../lib/api-errors';
import { documentTypeLabel, useDocumentTypes } from '../../lib/approvals';
import { translateDynamic } from '../../lib/i18n';
import { usePermission } from '../../lib/session';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useApprovalFlow, useApprovalFlows, useCreateApprovalFlow, useUpdateApprovalFlow } from './approval-flows.api';
import { ConditionEditor } from './condition-editor';
import { FlowStepsEditor } from './flow-steps-editor';
import { toFlowInput, toFormValues } from './flow-form-values';
import type { FlowValues, StepValues } from './flow-form-values';

type Problem = { path: string; where: string; message: string };

const PRIORITY_STEP = 10;

/** `steps.1.approver.userIds.0` → "Step 2 › Approver › Users": where the server found the problem, in words. */
const useDescribePath = () => {
  const { t } = useTranslation();
  return (path: string): string => {
    const segments = path.split(/[./]/).filter(Boolean);
    const parts: string[] = [];
    for (let index = 0; index < segments.length; index += 1) {
      const segment = segments[index] ?? '';
      const next = segments[index + 1];
      const position = next !== undefined && /^\d+$/.test(next) ? Number(next) + 1 : null;
      if (segment === 'steps' && position !== null) {
        parts.push(t('approvalFlows.stepN', { n: position }));
        index += 1;
      } else if (segment === 'rules' && position !== null) {
        parts.push(t('approvalFlows.ruleN', { n: position }));
        index += 1;
      } else if (segment === 'approver' && next !== undefined) {
        // "Approver › Users" says no more than "Users".
        continue;
      } else if (!/^\d+$/.test(segment)) {
        parts.push(translateDynamic(`fields.approvalFlow.${segment}`, segment));
      }
    }
    return parts.join(' › ');
  };
};

type FlowEditorProps = {
  flow?: ApprovalFlow;
  documentTypes: DocumentTypeInfo[];
  initialDocumentType: string;
  initialPriority: number;
  onReload: () => void;
};

const FlowEditor = ({ flow, documentTypes, initialDocumentType, initialPriority, onReload }: FlowEditorProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FlowValues>();
  const canConfigure = usePermission('approval.configure');
  const create = useCreateApprovalFlow();
  const update = useUpdateApprovalFlow();
  const handleError = useApiErrorHandler();
  const describePath = useDescribePath();
  const [problems, setProblems] = useState<Problem[]>([]);
  const documentType = (Form.useWatch('documentType', form) as string | undefined) ?? flow?.documentType ?? initialDocumentType;
  const fields = documentTypes.find((type) => type.key === documentType)?.fields ?? [];
  const listPath = `/admin/approval-flows?documentType=${encodeURIComponent(documentType)}`;

  /** Every field problem is listed; those whose input is on the page also show under it. */
  const showFieldProblems = (error: ApiError) => {
    const registered = form.getFieldsError().map((field) => field.name.join('.'));
    const placeFor = (path: (string | number)[]): string | undefined => {
      const key = path.join('.');
      if (registered.includes(key)) return key;
      // `steps.1.approver` has no input of its own: show it under the approver kind (or the first input below it).
      const below = registered.filter((name) => name.startsWith(`${key}.`) && !name.endsWith('.key'));
      return below.find((name) => name.endsWith('.kind') || name.endsWith('.name')) ?? below[0];
    };
    const grouped = new Map<string, string[]>();
    for (const problem of error.fieldErrors) {
      const place = placeFor(toFieldPath(problem.path));
      if (!place) continue;
      grouped.set(place, [...(grouped.get(place) ?? []), validationMessage(problem)]);
    }
    form.setFields(
      [...grouped.entries()].map(([place, errors]) => ({
        name: place.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment)),
        errors,
      })),
    );
    setProblems(error.fieldErrors.map((problem) => ({ path: problem.path, where: describePath(problem.path), message: validationMessage(problem) })));
  };

  const onError = (error: unknown) => {
    if (isApiError(error) && error.fieldErrors.length > 0) {
      showFieldProblems(error);
      void message.error(t('errors.validation_failed'));
      return;
    }
    handleError(error, { form, onReload });
  };

  const onFinish = (values: FlowValues) => {
    setProblems([]);
    const input = toFlowInput(values, fields);
    if (flow) {
      const { documentType: _fixed, ...patch } = input;
      update.mutate(
        { id: flow.id, patch: { ...patch, version: flow.version } },
        { onSuccess: (saved) => void message.success(t('approvalFlows.savedVersion', { version: saved.definitionVersion })), onError },
      );
      return;
    }
    create.mutate(input, {
      onSuccess: (created) => {
        void message.success(t('approvalFlows.created'));
        navigate(`/admin/approval-flows/${created.id}`, { replace: true });
      },
      onError,
    });
  };

  const clearConditions = () => {
    // Conditions name the old document type's fields; they would not hold for the new one.
    form.setFieldValue('condition', null);
    const steps = (form.getFieldValue('steps') as StepValues[] | undefined) ?? [];
    steps.forEach((_step, index) => form.setFieldValue(['steps', index, 'condition'], null));
  };

  return (
    <Form<FlowValues>
      form={form}
      layout="vertical"
      initialValues={toFormValues(flow, initialDocumentType, initialPriority)}
      onFinish={onFinish}
      onFinishFailed={() => void message.error(t('errors.validation_failed'))}
      disabled={!canConfigure}
      scrollToFirstError
    >
      {flow && flow.instancesInFlight > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('approvalFlows.inFlightNote', { count: flow.instancesInFlight, version: flow.definitionVersion })} />
      )}
      <Card title={t('approvalFlows.basics')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('fields.approvalFlow.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60 }]}>
              <Input maxLength={60} autoFocus={!flow} data-testid="flow-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="documentType"
              label={t('fields.approvalFlow.documentType')}
              extra={flow ? t('approvalFlows.documentTypeFixed') : undefined}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                disabled={Boolean(flow)}
                options={documentTypes.map((type) => ({ value: type.key, label: documentTypeLabel(type.key) }))}
                onChange={clearConditions}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="priority" label={t('fields.approvalFlow.priority')} extra={t('approvalFlows.priorityHelp')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber<number> min={0} max={9999} precision={0} style={{ width: '100%' }} data-testid="flow-priority" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="active" label={t('fields.approvalFlow.active')} valuePropName="checked" extra={t('approvalFlows.activeHelp')}>
              <Switch data-testid="flow-active" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('fields.approvalFlow.description')} rules={[{ max: 500 }]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('approvalFlows.flowCondition')} style={{ marginBottom: 16 }}>
        <ConditionEditor
          name={['condition']}
          path={['condition']}
          fields={fields}
          offText={t('approvalFlows.flowAlways')}
          disabled={!canConfigure}
          testId="flow-condition"
        />
      </Card>
      <Card title={t('approvalFlows.steps')} style={{ marginBottom: 16 }}>
        <FlowStepsEditor fields={fields} disabled={!canConfigure} />
      </Card>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('approvalFlows.serverProblems')}
          data-testid="flow-problems"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((problem, index) => (
                <li key={`${problem.path}:${index}`}>{problem.where ? `${problem.where}: ${problem.message}` : problem.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {canConfigure && (
        <Flex gap={8} justify="flex-end" style={{ position: 'sticky', bottom: 0, zIndex: 5, padding: '12px 0', background: '#f5f6f8' }}>
          <Button onClick={() => navigate(listPath)}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="flow-save">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
};

export const ApprovalFlowEditorPage = () => {
  const { id } = useParams();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const flow = useApprovalFlow(id);
  const documentTypes = useDocumentTypes();
  const requestedType = searchParams.get('documentType');
  const initialDocumentType = flow.data?.documentType ?? documentTypes.data?.find((type) => type.key === requestedType)?.key ?? documentTypes.data?.[0]?.key ?? '';
  // A new flow goes after the existing ones of its document type unless the administrator says otherwise.
  const siblings = useApprovalFlows(id ? undefined : initialDocumentType || undefined);
  const initialPriority = (siblings.data ?? []).reduce((max, sibling) => Math.max(max, sibling.priority + PRIORITY_STEP), PRIORITY_STEP);

  if ((id && flow.isPending) || documentTypes.isPending || (!id && initialDocumentType && siblings.isPending)) return <PageSkeleton />;
  if (flow.isError) return <QueryErrorResult error={flow.error} onRetry={() => void flow.refetch()} />;
  if (documentTypes.isError) return <QueryErrorResult error={documentTypes.error} onRetry={() => void documentTypes.refetch()} />;

  const backTo = `/admin/approval-flows${initialDocumentType ? `?documentType=${encodeURIComponent(initialDocumentType)}` : ''}`;
  return (
    <>
      <PageHeader
        backTo={backTo}
        title={flow.data ? flow.data.name : t('approvalFlows.create')}
        subtitle={
          flow.data
            ? t('approvalFlows.versionLine', {
                documentType: documentTypeLabel(flow.data.documentType),
                version: flow.data.definitionVersion,
                by: flow.data.updatedBy?.displayName ?? t('history.system'),
              })
            : undefined
        }
      />
      <FlowEditor
        key={flow.data ? `${flow.data.id}:${flow.data.version}` : `new:${initialDocumentType}`}
        flow={flow.data}
        documentTypes={documentTypes.data}
        initialDocumentType={initialDocumentType}
        initialPriority={initialPriority}
        onReload={() => void flow.refetch()}
      />
    </>
  );
};
