import { describe, expect, it } from 'vitest';
import { activitiesLink, formatMinutes, presetRange, rangeInstants, resolvePeriod, todayIn, weekStart } from './team-activity-period';

describe('weekStart', () => {
  it('is the Monday of the week, Sunday belonging to the week before it', () => {
    expect(weekStart('2025-06-04')).toBe('2025-06-02'); // Wednesday
    expect(weekStart('2025-06-02')).toBe('2025-06-02'); // Monday
    expect(weekStart('2025-06-08')).toBe('2025-06-02'); // Sunday
  });
});

describe('presetRange', () => {
  it('gives this and last week from Monday to Sunday', () => {
    expect(presetRange('thisWeek', '2025-06-08')).toEqual({ from: '2025-06-02', to: '2025-06-08' });
    expect(presetRange('lastWeek', '2025-06-02')).toEqual({ from: '2025-05-26', to: '2025-06-01' });
  });

  it('gives a week across a year end', () => {
    expect(presetRange('thisWeek', '2025-01-01')).toEqual({ from: '2024-12-30', to: '2025-01-05' });
  });

  it('gives the whole month, February of a leap year included', () => {
    expect(presetRange('thisMonth', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('gives the calendar quarter', () => {
    expect(presetRange('thisQuarter', '2025-05-15')).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(presetRange('thisQuarter', '2025-12-31')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetRange('thisQuarter', '2025-01-01')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
  });
});

describe('resolvePeriod', () => {
  const today = '2025-06-04';

  it('defaults to this week', () => {
    expect(resolvePeriod({}, today)).toEqual({ preset: 'thisWeek', from: '2025-06-02', to: '2025-06-08' });
  });

  it('keeps a valid custom range and puts reversed dates in order', () => {
    expect(resolvePeriod({ preset: 'custom', from: '2025-03-01', to: '2025-03-31' }, today)).toEqual({ preset: 'custom', from: '2025-03-01', to: '2025-03-31' });
    expect(resolvePeriod({ from: '2025-03-31', to: '2025-03-01' }, today)).toEqual({ preset: 'custom', from: '2025-03-01', to: '2025-03-31' });
  });

  it('falls back to this week for an unknown preset or a broken custom range', () => {
    expect(resolvePeriod({ preset: 'nextYear' }, today).preset).toBe('thisWeek');
    expect(resolvePeriod({ preset: 'custom', from: '2025-13-01', to: '2025-03-31' }, today).preset).toBe('thisWeek');
  });

  it('shortens a custom range to the longest the server reads', () => {
    expect(resolvePeriod({ preset: 'custom', from: '2024-01-01', to: '2026-01-01' }, today)).toEqual({ preset: 'custom', from: '2024-01-01', to: '2024-12-31' });
  });

  it('lets a preset win over stale dates in the URL', () => {
    expect(resolvePeriod({ preset: 'thisMonth', from: '2020-01-01', to: '2020-01-31' }, today)).toEqual({ preset: 'thisMonth', from: '2025-06-01', to: '2025-06-30' });
  });
});

describe('todayIn', () => {
  it('reads the date in the company time zone', () => {
    const instant = new Date('2025-06-03T17:30:00Z'); // 01:30 on 4 June in Shanghai
    expect(todayIn('Asia/Shanghai', instant)).toBe('2025-06-04');
    expect(todayIn('UTC', instant)).toBe('2025-06-03');
  });
});

describe('formatMinutes', () => {
  it('writes hours and zero-padded minutes', () => {
    expect(formatMinutes(0)).toBe('0:00');
    expect(formatMinutes(5)).toBe('0:05');
    expect(formatMinutes(95)).toBe('1:35');
    expect(formatMinutes(60 * 30 + 1)).toBe('30:01');
  });

  it('never shows a negative time', () => {
    expect(formatMinutes(-10)).toBe('0:00');
  });
});

describe('drill-down links', () => {
  const range = { from: '2025-06-02', to: '2025-06-08' };

  it('bound the range by the company day', () => {
    expect(rangeInstants(range, 'Asia/Shanghai')).toEqual({ from: '2025-06-02T00:00:00+08:00', to: '2025-06-08T23:59:59+08:00' });
  });

  it('filter the activity list by owner, period and what was counted', () => {
    const link = activitiesLink({ ownerId: 'u1', type: 'visit', status: 'done' }, range, 'Asia/Shanghai');
    const url = new URL(link, 'http://x');
    expect(url.pathname).toBe('/activities');
    expect(Object.fromEntries(url.searchParams)).toEqual({ ownerId: 'u1', from: '2025-06-02T00:00:00+08:00', to: '2025-06-08T23:59:59+08:00', type: 'visit', status: 'done' });
    expect(new URL(activitiesLink({ ownerId: 'u1', checkedIn: true }, range, 'UTC'), 'http://x').searchParams.get('checkedIn')).toBe('true');
  });

  it('filter the totals row by the department, or by nobody', () => {
    const byDepartment = new URL(activitiesLink({ departmentId: 'd1', status: 'planned' }, range, 'UTC'), 'http://x').searchParams;
    expect(byDepartment.get('departmentId')).toBe('d1');
    expect(byDepartment.get('ownerId')).toBeNull();
    expect(byDepartment.get('status')).toBe('planned');
    expect([...new URL(activitiesLink({}, range, 'UTC'), 'http://x').searchParams.keys()]).toEqual(['from', 'to']);
  });
});
