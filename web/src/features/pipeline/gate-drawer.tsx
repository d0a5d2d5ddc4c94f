// A refused move (422 stage_gate_unmet) opens the card's drawer: the unmet criteria of every stage passed, a link to
// the project to fix them, a retry, and for project.approve holders an override with a required reason.
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Divider, Drawer, Flex, Form, Input, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { GateCriterionStatus, PipelineCard } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useIsMobile } from '../../components/use-is-mobile';
import { isApiError } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { usePermission } from '../../lib/session';
import { useAdvanceFromBoard } from './pipeline.api';
import { UnmetCriteria } from './unmet-criteria';

export type RefusedMove = {
  card: PipelineCard;
  toStage: { id: string; nameZh: string; nameEn: string };
  unmet: GateCriterionStatus[];
};

type Props = {
  refused: RefusedMove | null;
  stages: Map<string, { nameZh: string; nameEn: string }>;
  onClose: () => void;
  onRefusedAgain: (refused: RefusedMove) => void;
};

export const GateDrawer = ({ refused, stages, onClose, onRefusedAgain }: Props) => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const isMobile = useIsMobile();
  const mayOverride = usePermission('project.approve');
  const advance = useAdvanceFromBoard();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<{ reason: string }>();
  const [reasonShown, setReasonShown] = useState(false);
  const english = i18n.language === 'en';
  const stageName = refused ? (english ? refused.toStage.nameEn : refused.toStage.nameZh) : '';

  const submit = async (override?: { reason: string }) => {
    if (!refused) return;
    try {
      const result = await advance.mutateAsync({ projectId: refused.card.id, toStageId: refused.toStage.id, version: refused.card.version, ...(override ? { override } : {}) });
      const submitted = Boolean(result && typeof result === 'object' && 'approval' in result);
      void message.success(submitted ? t('pipeline.drawer.overrideSubmitted') : t('pipeline.moved', { stage: stageName }));
      form.resetFields();
      setReasonShown(false);
      onClose();
    } catch (error) {
      if (isApiError(error) && error.code === 'stage_gate_unmet') {
        onRefusedAgain({ ...refused, unmet: (error.problem.unmet ?? []) as GateCriterionStatus[] });
        return;
      }
      handleError(error, { form });
    }
  };

  return (
    <Drawer
      open={refused !== null}
      onClose={onClose}
      title={t('pipeline.drawer.title')}
      size={isMobile ? '100%' : 520}
      destroyOnHidden
      data-testid="pipeline-gate-drawer"
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          {refused && (
            <Link to={`/projects/${refused.card.id}`} data-testid="pipeline-gate-open-project">
              <Button>{t('pipeline.drawer.openProject')}</Button>
            </Link>
          )}
          <Button type="primary" loading={advance.isPending} onClick={() => void submit()} data-testid="pipeline-gate-retry">
            {t('pipeline.drawer.retry')}
          </Button>
        </Flex>
      }
    >
      {refused && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={refused.card.number}>
              <Typography.Text strong>{refused.card.name}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('pipeline.drawer.organization')}>{refused.card.organizationName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pipeline.drawer.owner')}>{refused.card.owner?.displayName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pipeline.drawer.amount')}>{format.money(refused.card.amount, t('pipeline.noAmount'))}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 16 }} data-testid="pipeline-gate-target">
            {t('pipeline.drawer.target', { stage: stageName })}
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={t('pipeline.drawer.unmetTitle')} description={t('pipeline.drawer.unmetHint')} />
          <UnmetCriteria unmet={refused.unmet} stages={stages} />
          {mayOverride && (
            <>
              <Divider />
              {!reasonShown ? (
                <Button danger onClick={() => setReasonShown(true)} data-testid="pipeline-override-open">
                  {t('pipeline.drawer.override')}
                </Button>
              ) : (
                <Form form={form} layout="vertical" onFinish={(values) => void submit({ reason: values.reason })}>
                  <Form.Item name="reason" label={t('pipeline.drawer.overrideReason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                    <Input.TextArea rows={3} maxLength={1000} placeholder={t('pipeline.drawer.overrideReasonPlaceholder')} data-testid="pipeline-override-reason" />
                  </Form.Item>
                  <Button danger htmlType="submit" loading={advance.isPending} data-testid="pipeline-override-submit">
                    {t('pipeline.drawer.override')}
                  </Button>
                </Form>
              )}
            </>
          )}
        </>
      )}
    </Drawer>
  );
};
