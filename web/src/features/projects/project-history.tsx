import { useTranslation } from 'react-i18next';
import type { OptionListKey } from '@openpsm/contracts';
import { HistoryTimeline } from '../../components/history-timeline';
import { QueryErrorResult } from '../../components/results';
import { UserName } from '../../components/user-name';
import { useOptionLabeler } from '../../lib/reference-data';
import { useProjectHistory } from './projects.api';

const optionFields: Record<string, OptionListKey> = { region: 'region', source: 'source' };

export const ProjectHistory = ({ id }: { id: string }) => {
  const { t, i18n } = useTranslation();
  const history = useProjectHistory(id);
  const labelOf = useOptionLabeler(i18n.language);
  const formatValue = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    const listKey = optionFields[field];
    if (listKey && typeof value === 'string') return labelOf(listKey, value);
    if (field === 'productLines' && Array.isArray(value)) return value.map((code) => labelOf('product_line', String(code))).join('、');
    if (field === 'status' && typeof value === 'string') return t(`projects.statuses.${value}`, { defaultValue: value });
    if (field === 'ownerId' && typeof value === 'string') return <UserName id={value} />;
    return undefined;
  };
  if (history.isError) return <QueryErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  return <HistoryTimeline entries={history.data} loading={history.isPending} recordType="project" formatValue={formatValue} />;
};
