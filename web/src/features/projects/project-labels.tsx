// Small shared pieces of the project pages: status tag, stage label, money and option-code labels.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Project, ProjectStatus } from '@openpsm/contracts';
import { useOptionLabeler } from '../../lib/reference-data';

const statusColor: Record<ProjectStatus, string> = { open: 'processing', won: 'success', lost: 'error', suspended: 'warning' };

export const ProjectStatusTag = ({ status }: { status: ProjectStatus }) => {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="project-status">
      {t(`projects.statuses.${status}`)}
    </Tag>
  );
};

export const useStageName = () => {
  const { i18n } = useTranslation();
  return (stage: Project['stage']) => (i18n.language === 'en' ? stage.nameEn : stage.nameZh);
};

/** A decimal string as money in the reader's locale (display only: no arithmetic on floats). */
export const formatMoney = (value: string | null | undefined, currency = 'CNY', locale = 'zh-CN') => {
  if (value === null || value === undefined || value === '') return '—';
  const [whole = '0', fraction = ''] = value.split('.');
  const grouped = new Intl.NumberFormat(locale).format(BigInt(whole.replace('-', ''))) ;
  const sign = whole.startsWith('-') ? '-' : '';
  const symbol = currency === 'CNY' ? '¥' : `${currency} `;
  return `${sign}${symbol}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
};

export const useProductLineLabels = () => {
  const { i18n } = useTranslation();
  const labelOf = useOptionLabeler(i18n.language);
  return (codes: string[]) => codes.map((code) => labelOf('product_line', code)).join('、');
};
