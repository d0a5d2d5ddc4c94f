// The tenders tab of the project page (PRJ-12): each tender as a card — decision, deadlines, our price, bidders,
// result, documents — with the actions the caller may take.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Project, Tender } from '@openpsm/contracts';
import { QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { TenderBiddersEditor, TenderBiddersTable } from './tender-bidders';
import { TenderDocuments } from './tender-documents';
import { TenderDecisionModal, TenderFormModal, TenderResultModal } from './tender-forms';
import { useDeleteTender, useTenders } from './tenders.api';

const decisionColor = { pending: 'default', bid: 'processing', no_bid: 'default' } as const;
const resultColor = { pending: 'default', won: 'success', lost: 'error', cancelled: 'warning' } as const;

const Deadline = ({ value }: { value: string | null }) => {
  const { t } = useTranslation();
  const format = useFormat();
  if (!value) return <>—</>;
  const days = dayjs(value).diff(dayjs(), 'day', true);
  return (
    <Flex gap={6} wrap>
      <span>{format.dateTime(value)}</span>
      {days < 0 ? <Tag>{t('tenders.overdue')}</Tag> : days <= 7 ? <Tag color="orange">{t('tenders.daysLeft', { count: Math.ceil(days) })}</Tag> : null}
    </Flex>
  );
};

type Dialog = { kind: 'edit' | 'decision' | 'result' | 'bidders'; tender: Tender } | { kind: 'create' } | null;

const TenderCard = ({ tender, canEdit, onOpen, projectId }: { tender: Tender; canEdit: boolean; onOpen: (dialog: Dialog) => void; projectId: string }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const remove = useDeleteTender(projectId);
  return (
    <Card
      size="small"
      data-testid="tender-card"
      title={
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">{tender.number}</Typography.Text>
          <span style={{ whiteSpace: 'normal' }}>{tender.title}</span>
          <Tag color={decisionColor[tender.bidDecision]} data-testid="tender-decision-tag">
            {t(`tenders.decisions.${tender.bidDecision}`)}
          </Tag>
          <Tag color={resultColor[tender.result]} data-testid="tender-result-tag">
            {t(`tenders.results.${tender.result}`)}
          </Tag>
        </Flex>
      }
      extra={
        canEdit && (
          <Flex gap={4} wrap>
            <Button size="small" onClick={() => onOpen({ kind: 'decision', tender })} data-testid="tender-decide">
              {t('tenders.decide')}
            </Button>
            <Button size="small" onClick={() => onOpen({ kind: 'result', tender })} data-testid="tender-set-result">
              {t('tenders.setResult')}
            </Button>
            <Button size="small" onClick={() => onOpen({ kind: 'edit', tender })} data-testid="tender-edit">
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('tenders.deleteConfirm', { number: tender.number })}
              onConfirm={() => remove.mutateAsync({ id: tender.id, version: tender.version }).then(() => void message.success(t('tenders.deleted')), handleError)}
            >
              <Button size="small" danger data-testid="tender-delete">
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Flex>
        )
      }
    >
      <Row gutter={[16, 12]}>
        <Col xs={24} lg={12}>
          <Descriptions size="small" column={1} title={t('tenders.deadlines')}>
            <Descriptions.Item label={t('tenders.fields.noticeOn')}>{format.date(tender.noticeOn)}</Descriptions.Item>
            <Descriptions.Item label={t('tenders.fields.questionsDueAt')}>
              <Deadline value={tender.questionsDueAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tenders.fields.submissionDueAt')}>
              <Deadline value={tender.submissionDueAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tenders.fields.openingAt')}>
              <Deadline value={tender.openingAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tenders.fields.tenderer')}>{tender.tendererOrganization?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('tenders.fields.ourPrice')}>{format.money(tender.ourPrice)}</Descriptions.Item>
            {tender.bidDecision !== 'pending' && (
              <Descriptions.Item label={t('tenders.fields.decisionReason')}>
                <Flex vertical>
                  <span data-testid="tender-decision-reason-text">{tender.decisionReason}</span>
                  {tender.decidedBy && tender.decidedAt && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('tenders.decided', { name: tender.decidedBy.displayName, date: format.date(tender.decidedAt) })}
                    </Typography.Text>
                  )}
                </Flex>
              </Descriptions.Item>
            )}
            {(tender.result === 'won' || tender.result === 'lost') && (
              <Descriptions.Item label={t('tenders.fields.winner')}>
                {tender.winnerOrganization?.name ?? '—'} {tender.winningPrice && `· ${format.money(tender.winningPrice)}`}
              </Descriptions.Item>
            )}
          </Descriptions>
          {tender.result === 'lost' && <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('tenders.lostHint')} />}
        </Col>
        <Col xs={24} lg={12}>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('tenders.bidders')}</Typography.Text>
            {canEdit && (
              <Button size="small" onClick={() => onOpen({ kind: 'bidders', tender })} data-testid="tender-edit-bidders">
                {t('tenders.editBidders')}
              </Button>
            )}
          </Flex>
          <TenderBiddersTable tender={tender} />
          <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
            {t('tenders.documents')}
          </Typography.Text>
          <TenderDocuments tenderId={tender.id} canEdit={canEdit} />
        </Col>
      </Row>
    </Card>
  );
};

export const TendersTab = ({ project }: { project: Project }) => {
  const { t } = useTranslation();
  const mayEdit = usePermission('project.edit');
  const canEdit = mayEdit && project.access.edit;
  const tenders = useTenders(project.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const selected = dialog && dialog.kind !== 'create' ? dialog.tender : null;

  if (tenders.isLoading) return <Skeleton active />;
  if (tenders.isError) return <QueryErrorResult error={tenders.error} onRetry={() => void tenders.refetch()} />;
  const items = tenders.data ?? [];
  return (
    <Flex vertical gap={12} data-testid="project-tenders">
      <Flex justify="space-between" align="center" wrap gap={8}>
        {!canEdit ? <Alert type="info" showIcon title={t('tenders.readOnly')} /> : <span />}
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="tender-add">
            {t('tenders.add')}
          </Button>
        )}
      </Flex>
      {items.length === 0 && <Empty description={t('tenders.empty')} />}
      {items.map((tender) => (
        <TenderCard key={tender.id} tender={tender} canEdit={canEdit} onOpen={setDialog} projectId={project.id} />
      ))}
      <TenderFormModal projectId={project.id} open={dialog?.kind === 'create' || dialog?.kind === 'edit'} tender={dialog?.kind === 'edit' ? dialog.tender : undefined} onClose={close} />
      <TenderDecisionModal projectId={project.id} tender={dialog?.kind === 'decision' ? selected : null} onClose={close} />
      <TenderResultModal projectId={project.id} tender={dialog?.kind === 'result' ? selected : null} onClose={close} />
      <TenderBiddersEditor projectId={project.id} tender={dialog?.kind === 'bidders' ? selected : null} onClose={close} />
    </Flex>
  );
};
