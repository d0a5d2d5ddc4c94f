// The project page's stage panel (PRJ-2, PRJ-3): the process as steps with the days spent in each, the current stage's
// description and checklist, the next gate's criteria met / unmet, and advance / back / move / override with a reason.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Input, List, Modal, Select, Skeleton, Space, Steps, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined, CheckCircleTwoTone, CloseCircleTwoTone, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GateCriterionStatus, Project, ProjectStageStatus } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { isApiError } from '../../lib/api-client';
import { UnmetCriteria, useCriterionText } from '../pipeline/unmet-criteria';
import { useAdvanceProject, useProjectStages, useToggleChecklist } from './methodology.api';

type Refusal = { stageId: string; unmet: GateCriterionStatus[] };

export const StagePanel = ({ project }: { project: Project }) => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const stagesQuery = useProjectStages(project.id);
  const advance = useAdvanceProject(project.id);
  const toggle = useToggleChecklist(project.id);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [overrideOpen, setOverrideOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [moveTarget, setMoveTarget] = useState<string | undefined>();
  const english = i18n.language === 'en';
  const data = stagesQuery.data;
  const names = useMemo(() => new Map((data?.stages ?? []).map((entry) => [entry.stage.code, entry.stage])), [data]);
  const describe = useCriterionText(names);

  if (stagesQuery.isLoading) return <Skeleton active />;
  if (stagesQuery.isError || !data) return <Alert type="error" showIcon title={t('methodology.panel.loadFailed')} />;

  const name = (stage: { nameZh: string; nameEn: string }) => (english ? stage.nameEn : stage.nameZh);
  const stages = data.stages;
  const currentIndex = stages.findIndex((entry) => entry.current);
  const current = stages[currentIndex];
  const live = stages.filter((entry) => !entry.stage.archivedAt);
  const next = live.find((entry) => current && entry.stage.sort > current.stage.sort);
  const previous = [...live].reverse().find((entry) => current && entry.stage.sort < current.stage.sort);
  const open = data.status === 'open';
  const canMove = open && data.access.edit;
  const stageById = (id: string) => stages.find((entry) => entry.stage.id === id);

  const move = (toStageId: string, override?: string) => {
    advance.mutate(
      { toStageId, version: data.version, ...(override ? { override: { reason: override } } : {}) },
      {
        onSuccess: (result) => {
          setRefusal(null);
          setOverrideOpen(false);
          setReason('');
          const target = stageById(toStageId);
          if (result.outcome === 'pending_approval') void message.info(t('methodology.panel.pending'));
          else void message.success(t('methodology.panel.moved', { stage: target ? name(target.stage) : '' }));
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'stage_gate_unmet') {
            setRefusal({ stageId: toStageId, unmet: (error.problem.unmet ?? []) as GateCriterionStatus[] });
            return;
          }
          handleError(error);
        },
      },
    );
  };

  const tick = (stageId: string, itemKey: string, done: boolean) => toggle.mutate({ stageId, itemKey, done }, { onError: (error) => handleError(error) });

  const criterionRow = (status: GateCriterionStatus) => {
    const owner = status.code === 'checklist_item_open' ? names.get(String(status.params.stage)) : undefined;
    const item = owner?.checklist.find((entry) => entry.key === status.params.item);
    return (
      <List.Item key={`${status.stageId}-${JSON.stringify(status.criterion)}`} data-testid="stage-criterion" data-met={status.met ? 'true' : 'false'} data-code={status.code}>
        <Space align="start">
          {status.met ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
          {owner && item && canMove ? (
            <Checkbox checked={status.met} onChange={(event) => tick(owner.id, item.key, event.target.checked)} data-testid={`stage-criterion-check-${owner.code}-${item.key}`}>
              {describe(status)}
            </Checkbox>
          ) : (
            <span>{describe(status)}</span>
          )}
        </Space>
      </List.Item>
    );
  };

  const refusedStage = refusal ? stageById(refusal.stageId) : undefined;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="stage-panel">
      <Typography.Text type="secondary">{t('methodology.panel.process', { name: name(data.process) })}</Typography.Text>
      <div style={{ overflowX: 'auto' }}>
        <Steps
          size="small"
          current={currentIndex}
          responsive
          data-testid="stage-steps"
          items={stages.map((entry: ProjectStageStatus, index) => ({
            title: (
              <span data-testid={`stage-step-${entry.stage.code}`} data-current={entry.current ? 'true' : 'false'}>
                {name(entry.stage)}
                {entry.stage.archivedAt ? t('methodology.panel.archived') : ''}
              </span>
            ),
            description: (
              <span data-testid={`stage-days-${entry.stage.code}`}>
                {entry.stage.probability}% · {t('methodology.panel.days', { days: entry.days })}
              </span>
            ),
            status: index < currentIndex ? 'finish' : index === currentIndex ? 'process' : 'wait',
          }))}
        />
      </div>

      {!open && <Alert type="info" showIcon title={t('methodology.panel.closedHint')} />}

      {current && (
        <Card
          size="small"
          title={
            <Space wrap>
              <span>{t('methodology.panel.current')}：</span>
              <strong data-testid="stage-current-name">{name(current.stage)}</strong>
              <Tag>{t('methodology.panel.probability', { probability: current.stage.probability })}</Tag>
              <Tag color="blue" data-testid="stage-current-days">
                {t('methodology.panel.daysInStage', { days: current.days })}
              </Tag>
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            {(
              [
                ['inputs', english ? current.stage.inputsEn : current.stage.inputsZh],
                ['outputs', english ? current.stage.outputsEn : current.stage.outputsZh],
                ['success', english ? current.stage.successEn : current.stage.successZh],
                ['milestone', english ? current.stage.milestoneEn : current.stage.milestoneZh],
              ] as const
            )
              .filter(([, value]) => value)
              .map(([key, value]) => (
                <Descriptions.Item key={key} label={t(`methodology.panel.${key}`)}>
                  {value}
                </Descriptions.Item>
              ))}
          </Descriptions>
          <Typography.Title level={5}>{t('methodology.panel.checklist', { stage: name(current.stage) })}</Typography.Title>
          {current.checklist.length === 0 ? (
            <Typography.Text type="secondary">{t('methodology.panel.noChecklist')}</Typography.Text>
          ) : (
            <Space direction="vertical" data-testid="stage-checklist">
              {current.checklist.map((item) => (
                <Checkbox
                  key={item.key}
                  checked={item.done}
                  disabled={!canMove || toggle.isPending}
                  onChange={(event) => tick(current.stage.id, item.key, event.target.checked)}
                  data-testid={`stage-checklist-${current.stage.code}-${item.key}`}
                >
                  {english ? item.labelEn : item.labelZh}
                  {item.doneBy && (
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {item.doneBy.displayName}
                    </Typography.Text>
                  )}
                </Checkbox>
              ))}
            </Space>
          )}
        </Card>
      )}

      {next && (
        <Card size="small" title={t('methodology.panel.nextGate', { stage: name(next.stage) })} data-testid="stage-next-gate">
          {next.criteria.length === 0 ? (
            <Typography.Text type="secondary">{t('methodology.panel.noCriteria')}</Typography.Text>
          ) : (
            <List size="small" dataSource={next.criteria} renderItem={criterionRow} />
          )}
        </Card>
      )}

      {canMove && (
        <Space wrap>
          {previous && (
            <Button icon={<ArrowLeftOutlined />} loading={advance.isPending} onClick={() => move(previous.stage.id)} data-testid="stage-back">
              {t('methodology.panel.back')}
            </Button>
          )}
          {next && (
            <Button type="primary" icon={<ArrowRightOutlined />} loading={advance.isPending} onClick={() => move(next.stage.id)} data-testid="stage-advance" disabled={next.stage.kind === 'won'} title={next.stage.kind === 'won' ? t('methodology.panel.wonHint') : undefined}>
              {t('methodology.panel.advance')}
            </Button>
          )}
          <Select
            style={{ minWidth: 200 }}
            placeholder={t('methodology.panel.moveTo')}
            value={moveTarget}
            onChange={setMoveTarget}
            data-testid="stage-move-select"
            options={live.filter((entry) => !entry.current && entry.stage.kind !== 'won').map((entry) => ({ value: entry.stage.id, label: name(entry.stage) }))}
          />
          <Button disabled={!moveTarget} loading={advance.isPending} onClick={() => moveTarget && move(moveTarget)} data-testid="stage-move">
            {t('methodology.panel.moveTo')}
          </Button>
        </Space>
      )}

      {refusal && refusedStage && (
        <Alert
          type="warning"
          showIcon
          data-testid="stage-unmet"
          title={t('methodology.panel.refusedTitle', { stage: name(refusedStage.stage) })}
          description={
            <List
              size="small"
              data-testid="pipeline-unmet-list"
              dataSource={refusal.unmet}
              renderItem={(status) => {
                // A checklist item of any stage on the way can be ticked right here; it then leaves the list.
                const owner = status.code === 'checklist_item_open' ? names.get(String(status.params.stage)) : undefined;
                const item = owner?.checklist.find((entry) => entry.key === status.params.item);
                const tickHere = () =>
                  owner &&
                  item &&
                  toggle.mutate(
                    { stageId: owner.id, itemKey: item.key, done: true },
                    { onSuccess: () => setRefusal((current) => current && { ...current, unmet: current.unmet.filter((entry) => entry !== status) }), onError: (error) => handleError(error) },
                  );
                return (
                  <List.Item data-testid="pipeline-unmet-item" data-code={status.code}>
                    {owner && item && canMove ? (
                      <Checkbox checked={false} onChange={tickHere} data-testid={`stage-unmet-check-${owner.code}-${item.key}`}>
                        {describe(status)}
                      </Checkbox>
                    ) : (
                      describe(status)
                    )}
                  </List.Item>
                );
              }}
            />
          }
          action={
            data.access.override ? (
              <Button danger icon={<ThunderboltOutlined />} onClick={() => setOverrideOpen(true)} data-testid="stage-override">
                {t('methodology.panel.override')}
              </Button>
            ) : undefined
          }
          closable
          onClose={() => setRefusal(null)}
        />
      )}

      <Modal
        open={overrideOpen && Boolean(refusal)}
        title={refusedStage ? t('methodology.panel.overrideTitle', { stage: name(refusedStage.stage) }) : ''}
        okText={t('methodology.panel.override')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: advance.isPending, ...({ 'data-testid': 'stage-override-submit' } as object) }}
        onOk={() => refusal && move(refusal.stageId, reason.trim())}
        onCancel={() => setOverrideOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('methodology.panel.overrideHint')}</Typography.Paragraph>
        {refusal && <UnmetCriteria unmet={refusal.unmet} stages={names} />}
        <Input.TextArea rows={3} value={reason} maxLength={1000} onChange={(event) => setReason(event.target.value)} placeholder={t('methodology.panel.reasonPlaceholder')} aria-label={t('methodology.panel.reason')} data-testid="stage-override-reason" />
      </Modal>

      <Card size="small" title={t('methodology.panel.history')}>
        {data.history.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline
            data-testid="stage-history"
            items={[...data.history].reverse().map((entry) => {
              const from = entry.fromStageId ? stageById(entry.fromStageId) : undefined;
              const to = stageById(entry.toStageId);
              return {
                key: entry.id,
                color: entry.kind === 'override' ? 'red' : entry.kind === 'back' ? 'orange' : 'blue',
                content: (
                  <div data-testid="stage-history-entry" data-kind={entry.kind}>
                    <Space wrap>
                      <Tag>{t(`methodology.panel.kinds.${entry.kind}`)}</Tag>
                      <span>{from ? t('methodology.panel.historyLine', { from: name(from.stage), to: to ? name(to.stage) : '' }) : to ? name(to.stage) : ''}</span>
                      <Typography.Text type="secondary">
                        {new Date(entry.movedAt).toLocaleString(i18n.language)} {entry.movedBy?.displayName ?? ''}
                      </Typography.Text>
                    </Space>
                    {entry.reason && <div>{entry.reason}</div>}
                  </div>
                ),
              };
            })}
          />
        )}
      </Card>
    </Space>
  );
};
