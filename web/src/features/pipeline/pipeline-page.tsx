// The pipeline board (PRJ-11): the chosen process's stages as columns; a card dragged to another column is moved
// through the gate (POST /projects/:id/advance); a refusal opens the card's drawer with the unmet criteria.
import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert, App, Flex, Select, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { GateCriterionStatus, PipelineCard as Card } from '@openpsm/contracts';
import { PageHeader } from '../../components/page-header';
import { PageSkeleton, QueryErrorResult } from '../../components/results';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { isApiError } from '../../lib/api-client';
import { useFormat } from '../../lib/format';
import { GateDrawer, type RefusedMove } from './gate-drawer';
import { useAdvanceFromBoard, usePipelineBoard, type BoardFilters } from './pipeline.api';
import { PipelineColumn } from './pipeline-column';
import { PipelineFilters } from './pipeline-filters';
import { ProjectViewSwitch } from './project-view-switch';

const filterKeys = ['processId', 'owner', 'department', 'productLine', 'amountMin', 'amountMax', 'expectedFrom', 'expectedTo', 'grade', 'healthMin', 'sort'] as const;

/** The filters live in the address, so a board can be bookmarked and shared. */
const readFilters = (params: URLSearchParams): BoardFilters => {
  const filters: Record<string, unknown> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) filters[key] = key === 'healthMin' ? Number(value) : value;
  }
  return filters as BoardFilters;
};

export const PipelinePage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const board = usePipelineBoard(filters);
  const advance = useAdvanceFromBoard();
  const handleError = useApiErrorHandler();
  const [refused, setRefused] = useState<RefusedMove | null>(null);
  // Cards loaded with a column's "more" button, so a drop finds them too.
  const extraCards = useRef(new Map<string, Card>());
  const english = i18n.language === 'en';

  const setFilters = (patch: Partial<BoardFilters>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next, { replace: true });
  };

  const columns = board.data?.columns ?? [];
  const stageOptions = columns.map((column) => ({ id: column.stage.id, code: column.stage.code, name: english ? column.stage.nameEn : column.stage.nameZh }));
  const stagesByCode = useMemo(() => new Map(columns.map((column) => [column.stage.code, column.stage])), [columns]);

  const findCard = useCallback(
    (id: string) => {
      for (const column of columns) {
        const card = column.cards.find((candidate) => candidate.id === id);
        if (card) return card;
      }
      return extraCards.current.get(id);
    },
    [columns],
  );

  const move = async (card: Card, toStageId: string) => {
    const target = columns.find((column) => column.stage.id === toStageId)?.stage;
    if (!target || card.stageId === toStageId) return;
    try {
      await advance.mutateAsync({ projectId: card.id, toStageId, version: card.version });
      void message.success(t('pipeline.moved', { stage: english ? target.nameEn : target.nameZh }));
    } catch (error) {
      if (isApiError(error) && error.code === 'stage_gate_unmet') {
        setRefused({ card, toStage: target, unmet: (error.problem.unmet ?? []) as GateCriterionStatus[] });
        return;
      }
      handleError(error);
    }
  };

  const process = board.data?.process;
  return (
    <div data-testid="pipeline-page">
      <PageHeader
        title={t('pipeline.title')}
        subtitle={t('pipeline.subtitle')}
        extra={
          <>
            <ProjectViewSwitch current="board" />
            <Select
              style={{ minWidth: 200 }}
              aria-label={t('pipeline.process')}
              value={process?.id}
              onChange={(processId) => setFilters({ processId })}
              options={(board.data?.processes ?? []).map((item) => ({ value: item.id, label: english ? item.nameEn : item.nameZh }))}
              data-testid="pipeline-process-select"
            />
          </>
        }
      />
      <PipelineFilters filters={filters} onChange={setFilters} onClear={() => setParams(filters.processId ? { processId: filters.processId } : {}, { replace: true })} />
      {board.isPending ? (
        <PageSkeleton />
      ) : board.isError ? (
        <QueryErrorResult error={board.error} onRetry={() => void board.refetch()} />
      ) : !process ? (
        <Alert type="info" showIcon title={t('pipeline.noProcess')} />
      ) : (
        <>
          <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
            <Typography.Text data-testid="pipeline-totals">
              {t('pipeline.totals', {
                count: board.data.totals.count,
                amount: format.money(board.data.totals.amount),
                weighted: format.money(board.data.totals.weightedAmount),
              })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('pipeline.dragHint')}
            </Typography.Text>
          </Flex>
          <Flex gap={12} style={{ overflowX: 'auto', paddingBottom: 8, opacity: board.isFetching || advance.isPending ? 0.7 : 1 }} data-testid="pipeline-board">
            {columns.map((column) => (
              <PipelineColumn
                key={column.stage.id}
                column={column}
                stages={stageOptions}
                filters={filters}
                onMove={(card, toStageId) => void move(card, toStageId)}
                findCard={findCard}
                onCardsLoaded={(cards) => cards.forEach((card) => extraCards.current.set(card.id, card))}
              />
            ))}
          </Flex>
        </>
      )}
      <GateDrawer refused={refused} stages={stagesByCode} onClose={() => setRefused(null)} onRefusedAgain={setRefused} />
    </div>
  );
};
