// A report's period as text, kept free of React and i18n so it is tested alone.
import dayjs from 'dayjs';
import type { WorkReport } from '@openpsm/contracts';

export type PeriodTexts = { daily: (date: string, weekday: string) => string; weekly: (start: string, end: string) => string };

/** A day reads with its weekday (2025-06-03 周二); a week as its first and last day. */
export const periodText = (report: Pick<WorkReport, 'kind' | 'periodStart' | 'periodEnd'>, formatDate: (value: string) => string, texts: PeriodTexts): string =>
  report.kind === 'daily' || report.periodStart === report.periodEnd
    ? texts.daily(formatDate(report.periodStart), dayjs(report.periodStart).format('ddd'))
    : texts.weekly(formatDate(report.periodStart), formatDate(report.periodEnd));
