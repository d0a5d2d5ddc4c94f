// Deal health and value grade of a project as two small tags, for the project header and the board cards. With a
// project id, a click opens what each score is made of (fetched only then, so a board of cards costs no requests).
import { useState } from 'react';
import { Popover, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectScores } from '@openpsm/contracts';
import { useProjectScores } from './project-insight.api';

type Props = {
  healthScore: number | null;
  valueGrade: string | null;
  valueScore?: string | null;
  /** When given, the tags explain themselves on click. */
  projectId?: string;
};

export const healthColor = (score: number | null) => (score == null ? 'default' : score >= 70 ? 'green' : score >= 40 ? 'orange' : 'red');
const gradeColor = (grade: string | null) => (grade === 'A' ? 'green' : grade === 'B' ? 'blue' : grade === 'C' ? 'default' : 'default');

const ScoreParts = ({ projectId }: { projectId: string }) => {
  const { t } = useTranslation();
  const scores = useProjectScores(projectId, true);
  if (scores.isPending) return <Skeleton active paragraph={{ rows: 4 }} style={{ width: 240 }} />;
  if (scores.isError) return <Typography.Text type="danger">{t('errors.unexpected')}</Typography.Text>;
  const data: ProjectScores = scores.data;
  const row = (label: string, value: number, key: string) => (
    <div key={key} style={{ width: 240 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Progress percent={Math.round(value * 100)} size="small" />
    </div>
  );
  return (
    <Space direction="vertical" size={4} data-testid="project-score-parts">
      <Typography.Text strong>{t('projectInsight.badges.healthTitle')}</Typography.Text>
      {(['gate', 'coverage', 'recency', 'competition'] as const).map((key) => row(t(`projectInsight.badges.parts.${key}`), data.health[key], `h-${key}`))}
      <Typography.Text strong>{t('projectInsight.badges.valueTitle', { score: data.valueScore ?? '—' })}</Typography.Text>
      {(['amount', 'budgetConfirmed', 'needClarity', 'relationship', 'competition'] as const).map((key) => row(t(`projectInsight.badges.parts.${key}`), data.value[key], `v-${key}`))}
    </Space>
  );
};

export const ProjectScoreBadges = ({ healthScore, valueGrade, valueScore, projectId }: Props) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const tags = (
    <Space size={4} data-testid="project-score-badges" style={projectId ? { cursor: 'pointer' } : undefined}>
      <Tag color={healthColor(healthScore)} data-testid="project-health-badge" title={t('projectInsight.badges.healthTitle')}>
        {healthScore == null ? t('projectInsight.badges.healthUnknown') : t('projectInsight.badges.health', { score: healthScore })}
      </Tag>
      <Tag color={gradeColor(valueGrade)} data-testid="project-value-badge" title={valueScore ? t('projectInsight.badges.valueTitle', { score: valueScore }) : undefined}>
        {valueGrade ? t('projectInsight.badges.grade', { grade: valueGrade }) : t('projectInsight.badges.gradeUnknown')}
      </Tag>
    </Space>
  );
  if (!projectId) return tags;
  return (
    <Popover trigger="click" open={open} onOpenChange={setOpen} content={open ? <ScoreParts projectId={projectId} /> : null}>
      <span role="button" tabIndex={0} onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && setOpen(!open)}>
        {tags}
      </span>
    </Popover>
  );
};
