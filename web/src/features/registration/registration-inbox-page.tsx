// The arbitration inbox (PRJ-13): registration conflicts of projects in the manager's scope; a decision keeps the
// holder, grants the newcomer or allows both, always with a reason.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Radio, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { registrationDecisions, type ProjectRegistration, type RegistrationDecision, type RegistrationProject } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { useDecideRegistration, useProjectRegistrations } from './registration.api';

const ProjectCell = ({ side }: { side: RegistrationProject }) => {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Flex vertical gap={2}>
      {side.accessible && side.id ? (
        <Link to={`/projects/${side.id}`}>
          {side.number} {side.name}
        </Link>
      ) : (
        <Typography.Text>
          {side.name} <Typography.Text type="secondary">{t('registration.hidden')}</Typography.Text>
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[side.ownerName && t('registration.owner', { name: side.ownerName }), side.organizationName, side.site, side.protectedUntil && t('registration.protectedUntil', { date: format.date(side.protectedUntil) })]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
    </Flex>
  );
};

type DecisionForm = { decision: RegistrationDecision; reason: string };

const DecisionModal = ({ registration, onClose }: { registration: ProjectRegistration | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<DecisionForm>();
  const decide = useDecideRegistration();
  const submit = (values: DecisionForm) =>
    decide.mutateAsync({ id: registration!.id, ...values, version: registration!.version }).then(
      () => {
        void message.success(t('registration.inbox.decided'));
        form.resetFields();
        onClose();
      },
      (error) => handleError(error, { form }),
    );
  return (
    <Modal
      open={Boolean(registration)}
      title={t('registration.inbox.decideTitle')}
      onCancel={onClose}
      okText={t('registration.inbox.decide')}
      okButtonProps={{ htmlType: 'submit', form: 'registration-decision', loading: decide.isPending, ...({ 'data-testid': 'registration-decide-submit' } as object) }}
      destroyOnHidden
    >
      {registration && (
        <Flex vertical gap={12} style={{ marginBottom: 12 }}>
          <div>
            <Typography.Text strong>{t('registration.inbox.newcomer')}</Typography.Text>
            <ProjectCell side={registration.project} />
          </div>
          <div>
            <Typography.Text strong>{t('registration.inbox.holder')}</Typography.Text>
            <ProjectCell side={registration.holder} />
          </div>
        </Flex>
      )}
      <Form form={form} id="registration-decision" layout="vertical" onFinish={submit}>
        <Form.Item name="decision" label={t('registration.inbox.decision')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group data-testid="registration-decision">
            <Flex vertical gap={4}>
              {registrationDecisions.map((decision) => (
                <Radio key={decision} value={decision} data-testid={`registration-decision-${decision}`}>
                  {t(`registration.decisions.${decision}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="reason" label={t('registration.inbox.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="registration-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const RegistrationInboxPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<ProjectRegistration | null>(null);
  const list = useProjectRegistrations({ status: status === 'pending' ? 'pending' : undefined, page });

  const columns: TableColumnsType<ProjectRegistration> = [
    { key: 'project', title: t('registration.inbox.newcomer'), render: (_, row) => <ProjectCell side={row.project} /> },
    { key: 'holder', title: t('registration.inbox.holder'), render: (_, row) => <ProjectCell side={row.holder} /> },
    { key: 'score', title: t('registration.score', { score: '' }).trim(), width: 90, render: (_, row) => `${Math.round(row.score * 100)}%` },
    {
      key: 'requested',
      title: t('registration.inbox.createdAt'),
      width: 160,
      responsive: ['md'],
      render: (_, row) => (
        <Flex vertical>
          <span>{format.dateTime(row.createdAt)}</span>
          {row.requestedBy && <Typography.Text type="secondary">{row.requestedBy.displayName}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('registration.inbox.decision'),
      render: (_, row) =>
        row.status === 'pending' ? (
          <Button type="primary" size="small" onClick={() => setDeciding(row)} data-testid="registration-decide">
            {t('registration.inbox.decide')}
          </Button>
        ) : (
          <Flex vertical>
            <Tag color={row.status === 'kept_holder' ? 'red' : 'green'}>{t(`registration.decisions.${row.status}`)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('registration.inbox.decidedBy', { name: row.decidedBy?.displayName ?? '', date: format.date(row.decidedAt) })}
            </Typography.Text>
            {row.decisionReason && <Typography.Text style={{ fontSize: 12 }}>{row.decisionReason}</Typography.Text>}
          </Flex>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('registration.inbox.title')} subtitle={t('registration.inbox.subtitle')} />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(value) => {
            setStatus(value as 'pending' | 'all');
            setPage(1);
          }}
          options={[
            { value: 'pending', label: t('registration.inbox.pending') },
            { value: 'all', label: t('registration.inbox.decidedTab') },
          ]}
          data-testid="registration-status-filter"
        />
        {list.isError ? (
          <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('registration.inbox.empty') }}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            data-testid="registration-inbox"
          />
        )}
      </Card>
      <DecisionModal registration={deciding} onClose={() => setDeciding(null)} />
    </>
  );
};
