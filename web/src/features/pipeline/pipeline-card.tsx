// One project on the board: draggable to another column when the reader may move it, with a "move to" menu as the
// keyboard (and touch) way to do the same.
import { Button, Card, Dropdown, Flex, Tooltip, Typography } from 'antd';
import { HolderOutlined, SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PipelineCard as Card_ } from '@openpsm/contracts';
import { useFormat } from '../../lib/format';
import { ProjectScoreBadges } from '../project-insight/project-score-badges';

export type StageOption = { id: string; code: string; name: string };

type Props = {
  card: Card_;
  stages: StageOption[];
  onMove: (card: Card_, toStageId: string) => void;
};

/** The drag payload's type: a card dragged out of the board is nothing another page could take. */
export const CARD_DRAG_TYPE = 'application/x-openpsm-project';

export const PipelineCard = ({ card, stages, onMove }: Props) => {
  const { t } = useTranslation();
  const format = useFormat();
  const targets = stages.filter((stage) => stage.id !== card.stageId);
  return (
    <Card
      size="small"
      data-testid="pipeline-card"
      data-project-id={card.id}
      data-project-number={card.number}
      draggable={card.canEdit}
      onDragStart={(event) => {
        event.dataTransfer.setData(CARD_DRAG_TYPE, card.id);
        event.dataTransfer.setData('text/plain', card.number);
        event.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: card.canEdit ? 'grab' : 'default' }}
      styles={{ body: { padding: 10 } }}
    >
      <Flex justify="space-between" align="flex-start" gap={4}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {card.canEdit && <HolderOutlined aria-hidden style={{ marginInlineEnd: 4 }} />}
            {card.number}
          </Typography.Text>
          <div>
            <Link to={`/projects/${card.id}`} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
              {card.name}
            </Link>
          </div>
        </div>
        {card.canEdit ? (
          <Dropdown
            trigger={['click']}
            menu={{
              items: targets.map((stage) => ({ key: stage.id, label: <span data-testid={`pipeline-move-to-${stage.code}`}>{stage.name}</span> })),
              onClick: ({ key }) => onMove(card, key),
            }}
          >
            <Tooltip title={t('pipeline.moveTo')}>
              <Button size="small" type="text" icon={<SwapOutlined />} aria-label={t('pipeline.moveTo')} data-testid="pipeline-card-move" />
            </Tooltip>
          </Dropdown>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pipeline.readOnly')}
          </Typography.Text>
        )}
      </Flex>
      {card.organizationName && (
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
          {card.organizationName}
        </Typography.Text>
      )}
      <Flex justify="space-between" align="center" wrap gap={4} style={{ marginTop: 4 }}>
        <Typography.Text strong data-testid="pipeline-card-amount">
          {format.money(card.amount, t('pipeline.noAmount'))}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {card.owner?.displayName ?? '—'}
        </Typography.Text>
      </Flex>
      <Flex justify="space-between" align="center" wrap gap={4} style={{ marginTop: 4 }}>
        <ProjectScoreBadges healthScore={card.healthScore} valueGrade={card.valueGrade} />
        <Typography.Text type={card.daysInStage > 30 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {t('pipeline.daysInStage', { days: card.daysInStage })}
        </Typography.Text>
      </Flex>
      {card.expectedSignDate && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('pipeline.expected', { date: format.date(card.expectedSignDate) })}
        </Typography.Text>
      )}
    </Card>
  );
};
