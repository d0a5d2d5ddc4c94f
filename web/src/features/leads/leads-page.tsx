// Lead inbox: leads handed to me (accept within the deadline, or decline with a reason) and leads I handed on.
import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Lead } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { QueryErrorResult } from '../../components/results';
import { paginationOf } from '../../components/list/list-toolbar';
import { useListParams } from '../../components/list/use-list-params';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { poolErrorMessage } from '../pool/pool-errors';
import { useAcceptLead, useDeclineLead, useLeads } from './leads.api';

const statusColors: Record<Lead['status'], string> = { pending: 'processing', accepted: 'success', declined: 'error', expired: 'default' };

export const LeadsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const params = useListParams({ pageSize: 20 });
  const box = params.filters.box === 'sent' ? 'sent' : 'incoming';
  const leads = useLeads({ ...params.apiQuery, box });
  const accept = useAcceptLead();
  const decline = useDeclineLead();
  const [declining, setDeclining] = useState<Lead | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const report = (error: unknown) => {
    const text = poolErrorMessage(error, format);
    if (text) void message.error(text);
    else handleError(error, { form });
  };

  const onAccept = async (lead: Lead) => {
    try {
      await accept.mutateAsync(lead.id);
      void message.success(t('leads.accepted'));
    } catch (error) {
      report(error);
    }
  };

  const onDecline = async ({ reason }: { reason: string }) => {
    if (!declining) return;
    try {
      await decline.mutateAsync({ id: declining.id, reason: reason.trim() });
      void message.success(t('leads.declined'));
      setDeclining(null);
      form.resetFields();
    } catch (error) {
      report(error);
    }
  };

  const dueCell = (lead: Lead) => {
    if (lead.status !== 'pending') return format.dateTime(lead.dueAt);
    const overdue = new Date(lead.dueAt).getTime() <= Date.now();
    return (
      <span title={format.dateTime(lead.dueAt)}>
        {format.dateTime(lead.dueAt)}{' '}
        <Typography.Text type={overdue ? 'danger' : 'warning'}>{overdue ? t('leads.overdue') : format.fromNow(lead.dueAt)}</Typography.Text>
      </span>
    );
  };

  const columns: TableColumnsType<Lead> = [
    { key: 'organization', title: t('leads.columns.organization'), render: (_, lead) => <Link to={`/organizations/${lead.organization.id}`}>{lead.organization.name}</Link> },
    box === 'incoming'
      ? { key: 'from', title: t('leads.columns.from'), render: (_, lead) => lead.from?.displayName }
      : { key: 'to', title: t('leads.columns.to'), render: (_, lead) => lead.to?.displayName },
    { key: 'status', dataIndex: 'status', title: t('leads.columns.status'), render: (status: Lead['status']) => <Tag color={statusColors[status]}>{t(`leads.statuses.${status}`)}</Tag> },
    { key: 'dueAt', title: t('leads.columns.dueAt'), render: (_, lead) => dueCell(lead) },
    { key: 'note', dataIndex: 'note', title: t('leads.columns.note'), responsive: ['md'], render: (note: string | null) => note ?? t('common.empty') },
    { key: 'decisionNote', dataIndex: 'decisionNote', title: t('leads.columns.decisionNote'), responsive: ['lg'], render: (note: string | null) => note ?? t('common.empty') },
  ];
  if (box === 'incoming') {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, lead) =>
        lead.status === 'pending' && new Date(lead.dueAt).getTime() > Date.now() ? (
          <Space size={4}>
            <Popconfirm title={t('leads.acceptConfirm', { name: lead.organization.name })} onConfirm={() => onAccept(lead)}>
              <Button type="link" size="small" data-testid="lead-accept">
                {t('leads.accept')}
              </Button>
            </Popconfirm>
            <Button type="link" size="small" danger onClick={() => setDeclining(lead)} data-testid="lead-decline">
              {t('leads.decline')}
            </Button>
          </Space>
        ) : null,
    });
  }

  return (
    <>
      <PageHeader title={t('leads.title')} subtitle={t('leads.subtitle')} />
      <Card styles={{ body: { padding: 16 } }}>
        <Segmented
          style={{ marginBottom: 12 }}
          value={box}
          onChange={(value) => params.update({ box: value === 'incoming' ? undefined : value })}
          options={(['incoming', 'sent'] as const).map((key) => ({ value: key, label: t(`leads.boxes.${key}`) }))}
        />
        {leads.isError ? (
          <QueryErrorResult error={leads.error} onRetry={() => void leads.refetch()} />
        ) : (
          <Table<Lead>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={leads.data?.items}
            loading={leads.isFetching}
            onChange={params.onTableChange}
            pagination={paginationOf(params, leads.data?.total, (total) => t('common.total', { total }))}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: leads.isPending ? ' ' : <Empty description={t(`leads.empty.${box}`)} /> }}
          />
        )}
      </Card>
      <Modal
        open={Boolean(declining)}
        title={declining ? t('leads.declineTitle', { name: declining.organization.name }) : ''}
        okText={t('leads.decline')}
        okButtonProps={{ danger: true }}
        onOk={() => form.submit()}
        confirmLoading={decline.isPending}
        onCancel={() => setDeclining(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={onDecline}>
          <Form.Item name="reason" label={t('leads.declineReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};
