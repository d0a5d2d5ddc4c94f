import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '@openpsm/contracts';
import { OVERDUE_COLOR, TASK_COLOR, defaultCalendarView, entryClasses, entryColor, isCalendarView, toCalendarEvent } from './calendar-logic';
import { activityTypeColor } from '../activities/activity-logic';

const entry = (patch: Partial<CalendarEntry> = {}): CalendarEntry => ({
  kind: 'activity',
  id: '7b0c8f7e-3c1a-4a57-9a55-0d6a1b1e2f3a',
  title: '拜访 · 宏达集团',
  type: 'visit',
  status: 'done',
  start: '2025-03-10T02:00:00Z',
  end: '2025-03-10T03:00:00Z',
  allDay: false,
  owner: { id: 'b1d4c3a2-1111-4222-8333-944455556666', displayName: '王磊' },
  organizationName: '宏达集团',
  projectName: null,
  overdue: false,
  ...patch,
});

describe('calendar entries', () => {
  it('colour activities by type and tasks apart, overdue ones red', () => {
    expect(entryColor(entry())).toBe(activityTypeColor('visit').hex);
    expect(entryColor(entry({ type: 'call' }))).toBe(activityTypeColor('call').hex);
    expect(entryColor(entry({ kind: 'task', type: 'task', status: 'open' }))).toBe(TASK_COLOR);
    expect(entryColor(entry({ kind: 'task', type: 'task', status: 'open', overdue: true }))).toBe(OVERDUE_COLOR);
  });

  it('fade what is finished and mark what is planned', () => {
    expect(entryColor(entry({ status: 'cancelled' }))).not.toBe(activityTypeColor('visit').hex);
    expect(entryColor(entry({ kind: 'task', type: 'task', status: 'done', overdue: true }))).not.toBe(OVERDUE_COLOR);
    expect(entryClasses(entry({ status: 'planned' }))).toEqual(['psm-cal-activity', 'psm-cal-planned']);
    expect(entryClasses(entry({ kind: 'task', status: 'done' }))).toEqual(['psm-cal-task', 'psm-cal-finished']);
    expect(entryClasses(entry({ kind: 'task', status: 'open', overdue: true }))).toEqual(['psm-cal-task', 'psm-cal-overdue']);
  });

  it('become FullCalendar events that know their record, with the owner in the team view', () => {
    const event = toCalendarEvent(entry(), { showOwner: true, taskPrefix: '☐' });
    expect(event).toMatchObject({ id: 'activity:7b0c8f7e-3c1a-4a57-9a55-0d6a1b1e2f3a', title: '王磊 · 拜访 · 宏达集团', end: '2025-03-10T03:00:00Z' });
    expect(event.extendedProps).toMatchObject({ kind: 'activity', recordId: '7b0c8f7e-3c1a-4a57-9a55-0d6a1b1e2f3a' });
    const task = toCalendarEvent(entry({ kind: 'task', type: 'task', status: 'open', title: '寄送报价', end: null }), { showOwner: false, taskPrefix: '☐' });
    expect(task.title).toBe('☐ 寄送报价');
    expect(task).not.toHaveProperty('end');
    expect(task.id.startsWith('task:')).toBe(true);
  });

  it('start phones on the agenda and desktops on the week', () => {
    expect(defaultCalendarView(true)).toBe('listWeek');
    expect(defaultCalendarView(false)).toBe('timeGridWeek');
    expect(isCalendarView('timeGridDay')).toBe(true);
    expect(isCalendarView('resourceTimeline')).toBe(false);
  });
});
