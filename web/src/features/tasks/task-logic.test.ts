import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { offsetOf, remindAtFor } from './task-logic';

describe('task reminders', () => {
  const due = dayjs('2025-03-10T10:00:00+08:00');

  it('counts back from the due time', () => {
    expect(remindAtFor(due, 'at_due')?.toISOString()).toBe(due.toISOString());
    expect(remindAtFor(due, '15m')?.toISOString()).toBe(due.subtract(15, 'minute').toISOString());
    expect(remindAtFor(due, '1h')?.toISOString()).toBe(due.subtract(1, 'hour').toISOString());
    expect(remindAtFor(due, '1d')?.toISOString()).toBe(due.subtract(1, 'day').toISOString());
  });

  it('has no reminder without one chosen, or without a due time to count from', () => {
    expect(remindAtFor(due, 'none')).toBeNull();
    expect(remindAtFor(null, '1h')).toBeNull();
  });

  it('takes a custom time as picked', () => {
    const custom = dayjs('2025-03-09T18:30:00+08:00');
    expect(remindAtFor(due, 'custom', custom)).toBe(custom);
    expect(remindAtFor(due, 'custom')).toBeNull();
  });

  it('recognises a stored reminder as its offset', () => {
    expect(offsetOf('2025-03-10T02:00:00Z', null)).toBe('none');
    expect(offsetOf('2025-03-10T02:00:00Z', '2025-03-10T02:00:00Z')).toBe('at_due');
    expect(offsetOf('2025-03-10T02:00:00Z', '2025-03-10T01:45:00Z')).toBe('15m');
    expect(offsetOf('2025-03-10T02:00:00Z', '2025-03-10T01:00:00Z')).toBe('1h');
    expect(offsetOf('2025-03-10T02:00:00Z', '2025-03-09T02:00:00Z')).toBe('1d');
    expect(offsetOf('2025-03-10T02:00:00Z', '2025-03-09T20:00:00Z')).toBe('custom');
    expect(offsetOf(null, '2025-03-09T20:00:00Z')).toBe('custom');
  });
});
