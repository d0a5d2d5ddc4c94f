// One stage of the board: its count, amount and weighted amount, its first cards and a "more" button; a drop target.
import { useState } from 'react';
import { Button, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PipelineCard as Card, PipelineColumn as Column } from '@openpsm/contracts';
import { useApiErrorHandler } from '../../components/use-api-error-handler';
import { useFormat } from '../../lib/format';
import { fetchColumnPage, type BoardFilters } from './pipeline.api';
import { CARD_DRAG_TYPE, PipelineCard, type StageOption } from './pipeline-card';

type Props = {
  column: Column;
  stages: StageOption[];
  filters: BoardFilters;
  onMove: (card: Card, toStageId: string) => void;
  /** Looks a dragged card up by id across the board (and the pages loaded with "more"). */
  findCard: (id: string) => Card | undefined;
  onCardsLoaded: (cards: Card[]) => void;
};

export const PipelineColumn = ({ column, stages, filters, onMove, findCard, onCardsLoaded }: Props) => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const handleError = useApiErrorHandler();
  const [extra, setExtra] = useState<{ key: string; cards: Card[]; hasMore: boolean }>({ key: '', cards: [], hasMore: false });
  const [loading, setLoading] = useState(false);
  const [over, setOver] = useState(false);
  const { stage } = column;
  // Cards loaded with "more" belong to the board they were loaded for; new filters or data start again.
  const boardKey = JSON.stringify([filters, column.count, column.cards.map((card) => `${card.id}:${card.version}`)]);
  const loaded = extra.key === boardKey ? extra.cards : [];
  const cards = [...column.cards, ...loaded];
  const hasMore = extra.key === boardKey ? extra.hasMore : column.count > column.cards.length;
  const name = i18n.language === 'en' ? stage.nameEn : stage.nameZh;

  const loadMore = async () => {
    setLoading(true);
    try {
      const page = await fetchColumnPage(stage.id, cards.length, filters);
      onCardsLoaded(page.items);
      setExtra({ key: boardKey, cards: [...loaded, ...page.items], hasMore: page.hasMore });
    } catch (error) {
      handleError(error);
    } finally {
      setLoading(false);
    }
  };

  return (
    <section
      data-testid={`pipeline-column-${stage.code}`}
      data-stage-id={stage.id}
      aria-label={name}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(CARD_DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (!over) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const card = findCard(event.dataTransfer.getData(CARD_DRAG_TYPE));
        if (card && card.stageId !== stage.id) onMove(card, stage.id);
      }}
      style={{
        flex: '0 0 272px',
        display: 'flex',
        flexDirection: 'column',
        background: over ? 'rgba(22, 119, 255, 0.08)' : 'rgba(0, 0, 0, 0.03)',
        outline: over ? '2px dashed #1677ff' : 'none',
        borderRadius: 8,
        padding: 8,
        maxHeight: 'calc(100vh - 260px)',
        minHeight: 200,
      }}
    >
      <div style={{ padding: '4px 4px 8px' }}>
        <Flex justify="space-between" align="baseline" gap={8}>
          <Typography.Text strong>
            {name}
            {stage.archived ? t('pipeline.archivedStage') : ''}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid={`pipeline-column-count-${stage.code}`}>
            {t('pipeline.count', { count: column.count })}
          </Typography.Text>
        </Flex>
        <Typography.Text style={{ display: 'block', fontSize: 12 }} data-testid={`pipeline-column-amount-${stage.code}`}>
          {t('pipeline.amount', { amount: format.money(column.amount) })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('pipeline.weighted', { amount: format.money(column.weightedAmount) })} · {stage.probability}%
        </Typography.Text>
      </div>
      <Flex vertical gap={8} style={{ overflowY: 'auto', flex: 1, paddingInlineEnd: 2 }}>
        {cards.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.emptyColumn')} />
        ) : (
          cards.map((card) => <PipelineCard key={card.id} card={card} stages={stages} onMove={onMove} />)
        )}
        {hasMore && (
          <Button block loading={loading} onClick={() => void loadMore()} data-testid={`pipeline-column-more-${stage.code}`}>
            {t('pipeline.loadMore')}
          </Button>
        )}
      </Flex>
    </section>
  );
};
