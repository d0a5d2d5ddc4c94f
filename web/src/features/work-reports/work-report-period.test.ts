import { describe, expect, it } from 'vitest';
import { periodText } from './work-report-period';

const texts = { daily: (date: string, weekday: string) => `${date} ${weekday}`, weekly: (start: string, end: string) => `${start} ~ ${end}` };
const formatDate = (value: string) => value.replaceAll('-', '/');

describe('periodText', () => {
  it('names a day with its weekday', () => {
    expect(periodText({ kind: 'daily', periodStart: '2025-06-03', periodEnd: '2025-06-03' }, formatDate, texts)).toBe('2025/06/03 Tue');
  });

  it('names a week by its first and last day in the company date format', () => {
    expect(periodText({ kind: 'weekly', periodStart: '2025-06-02', periodEnd: '2025-06-08' }, formatDate, texts)).toBe('2025/06/02 ~ 2025/06/08');
  });
});
