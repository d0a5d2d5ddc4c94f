// The author's editor of a draft report: summary (drafted from the activities), problems, plans; save, submit, discard.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Popconfirm, Tag } from 'antd';
import { DeleteOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useBlocker, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WorkReport } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useDeleteWorkReport, useUpdateWorkReport, workReportKeys } from './work-reports.api';

type EditorValues = { summary: string; problems: string; plans: string };

const valuesOf = (report: WorkReport): EditorValues => ({ summary: report.summary, problems: report.problems ?? '', plans: report.plans ?? '' });
const orNull = (text: string) => (text.trim() ? text : null);

/** Asks before the reader leaves with unsaved text (a report can be an hour's writing). */
const useLeaveGuard = (dirty: boolean) => {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('workReports.editor.leaveTitle'),
      content: t('workReports.editor.leaveContent'),
      okText: t('workReports.editor.leave'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
};

export const WorkReportEditor = ({ report }: { report: WorkReport }) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<EditorValues>();
  const update = useUpdateWorkReport(report.id);
  const remove = useDeleteWorkReport();
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty && !remove.isPending);
  const kindNoun = t(`workReports.kindNouns.${report.kind}`);
  const onReload = () => {
    setDirty(false);
    void queryClient.invalidateQueries({ queryKey: workReportKeys.detail(report.id) });
  };

  const patchOf = (values: EditorValues) => ({ summary: values.summary, problems: orNull(values.problems), plans: orNull(values.plans), version: report.version });

  // A draft may be saved half-written (even empty); only submitting asks for a summary.
  const save = () => {
    const values = form.getFieldsValue();
    update.mutate(patchOf(values), {
      onSuccess: () => {
        setDirty(false);
        void message.success(t('workReports.editor.saved'));
      },
      onError: (error) => handleError(error, { form, onReload, recordType: 'work_report' }),
    });
  };

  const submit = async () => {
    const values = await form.validateFields();
    modal.confirm({
      title: t('workReports.editor.submitTitle', { kind: kindNoun }),
      content: t('workReports.editor.submitContent'),
      okText: t('workReports.editor.submit'),
      cancelText: t('common.cancel'),
      onOk: () =>
        update.mutateAsync({ ...patchOf(values), submit: true }).then(
          () => {
            setDirty(false);
            void message.success(t('workReports.editor.submitted', { kind: kindNoun }));
          },
          (error: unknown) => handleError(error, { form, onReload, recordType: 'work_report' }),
        ),
    });
  };

  const discard = () =>
    remove.mutateAsync(report.id).then(
      () => {
        setDirty(false);
        void message.success(t('workReports.editor.deleted'));
        // After the state update above has let the guard go.
        setTimeout(() => navigate('/work-reports', { replace: true }));
      },
      (error: unknown) => handleError(error),
    );

  return (
    <Form<EditorValues>
      form={form}
      layout="vertical"
      initialValues={valuesOf(report)}
      onValuesChange={() => setDirty(true)}
      data-testid="work-report-editor"
    >
      <Alert type="info" showIcon title={t('workReports.editor.draftHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="summary"
        label={t('workReports.editor.summary')}
        extra={t('workReports.editor.summaryHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input.TextArea autoSize={{ minRows: 8, maxRows: 30 }} maxLength={20_000} showCount placeholder={t('workReports.editor.summaryPlaceholder')} data-testid="work-report-summary" />
      </Form.Item>
      <Form.Item name="problems" label={t('workReports.editor.problems')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} placeholder={t('workReports.editor.problemsPlaceholder')} data-testid="work-report-problems" />
      </Form.Item>
      <Form.Item name="plans" label={t('workReports.editor.plans')} extra={t('workReports.editor.plansHelp')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 15 }} maxLength={5000} data-testid="work-report-plans" />
      </Form.Item>
      <Flex gap={8} wrap align="center">
        <Button type="primary" icon={<SendOutlined />} onClick={() => void submit()} loading={update.isPending && update.variables?.submit === true} data-testid="work-report-submit">
          {t('workReports.editor.submit')}
        </Button>
        <Button icon={<SaveOutlined />} onClick={save} loading={update.isPending && !update.variables?.submit} disabled={!dirty} data-testid="work-report-save">
          {t('workReports.editor.save')}
        </Button>
        <Popconfirm title={t('workReports.editor.deleteConfirm')} okButtonProps={{ danger: true }} onConfirm={discard}>
          <Button danger type="text" icon={<DeleteOutlined />} loading={remove.isPending} data-testid="work-report-delete">
            {t('workReports.editor.deleteDraft')}
          </Button>
        </Popconfirm>
        {dirty && <Tag color="orange">{t('workReports.editor.unsaved')}</Tag>}
      </Flex>
    </Form>
  );
};
