// Task rules the screens share: the reminder as "how long before it is due" (what people think in), priorities.
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';

export const reminderOffsets = ['none', 'at_due', '15m', '1h', '1d', 'custom'] as const;
export type ReminderOffset = (typeof reminderOffsets)[number];

const MINUTES: Record<Exclude<ReminderOffset, 'none' | 'custom'>, number> = { at_due: 0, '15m': 15, '1h': 60, '1d': 24 * 60 };

/** When the reminder goes out for an offset; a custom time is taken as picked; none without a due time to count from. */
export const remindAtFor = (dueAt: Dayjs | null | undefined, offset: ReminderOffset, custom?: Dayjs | null): Dayjs | null => {
  if (offset === 'none') return null;
  if (offset === 'custom') return custom ?? null;
  return dueAt ? dueAt.subtract(MINUTES[offset], 'minute') : null;
};

/** The offset a stored reminder corresponds to, so an edit shows "1 hour before" rather than a raw time. */
export const offsetOf = (dueAt: string | null, remindAt: string | null): ReminderOffset => {
  if (!remindAt) return 'none';
  if (!dueAt) return 'custom';
  const minutes = dayjs(dueAt).diff(dayjs(remindAt), 'minute', true);
  for (const [offset, value] of Object.entries(MINUTES)) if (Math.abs(minutes - value) < 0.5) return offset as ReminderOffset;
  return 'custom';
};

export const priorityColor = { high: 'red', normal: 'blue', low: 'default' } as const;
