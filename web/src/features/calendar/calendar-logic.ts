// How calendar entries (activities and tasks) look on FullCalendar: colour by activity type, tasks in gold (overdue
// in red), planned activities outlined, finished and cancelled ones faded; and which view a screen starts in.
import type { CalendarEntry } from '@openpsm/contracts';
import { activityTypeColor } from '../activities/activity-logic';

export const TASK_COLOR = '#d48806';
export const OVERDUE_COLOR = '#f5222d';
const FADED = '#bfbfbf';

export type CalendarEventInput = {
  id: string;
  title: string;
  start: string;
  end?: string;
  allDay: boolean;
  color: string;
  className: string;
  extendedProps: { kind: CalendarEntry['kind']; recordId: string; ownerName: string | null; entry: CalendarEntry };
};

export const entryColor = (entry: Pick<CalendarEntry, 'kind' | 'type' | 'status' | 'overdue'>): string => {
  if (entry.kind === 'task') {
    if (entry.status !== 'open') return FADED;
    return entry.overdue ? OVERDUE_COLOR : TASK_COLOR;
  }
  if (entry.status === 'cancelled') return FADED;
  return activityTypeColor(entry.type).hex;
};

/** CSS classes (calendar-page.css) that set tasks, planned activities and finished items apart beyond the colour. */
export const entryClasses = (entry: Pick<CalendarEntry, 'kind' | 'status' | 'overdue'>): string[] => {
  const classes = [`psm-cal-${entry.kind}`];
  if (entry.kind === 'activity' && entry.status === 'planned') classes.push('psm-cal-planned');
  if (entry.status === 'cancelled' || (entry.kind === 'task' && entry.status === 'done')) classes.push('psm-cal-finished');
  if (entry.overdue && entry.status === 'open') classes.push('psm-cal-overdue');
  return classes;
};

/**
 * One entry as FullCalendar takes it. Ids are prefixed by kind (an activity and a task never collide). In the team
 * view the owner's name leads the title, since the colours already say the type. A task is shown at its due time.
 */
export const toCalendarEvent = (entry: CalendarEntry, options: { showOwner: boolean; taskPrefix: string }): CalendarEventInput => {
  const owner = entry.owner?.displayName ?? null;
  const base = entry.kind === 'task' ? `${options.taskPrefix} ${entry.title}` : entry.title;
  return {
    id: `${entry.kind}:${entry.id}`,
    title: options.showOwner && owner ? `${owner} · ${base}` : base,
    start: entry.start,
    ...(entry.end ? { end: entry.end } : {}),
    allDay: entry.allDay,
    color: entryColor(entry),
    className: entryClasses(entry).join(' '),
    extendedProps: { kind: entry.kind, recordId: entry.id, ownerName: owner, entry },
  };
};

export type CalendarViewName = 'dayGridMonth' | 'timeGridWeek' | 'timeGridDay' | 'listWeek';
export const calendarViewNames: CalendarViewName[] = ['dayGridMonth', 'timeGridWeek', 'timeGridDay', 'listWeek'];

/** A phone starts on the week's agenda (readable at 390 px); a desktop on the week's time grid. */
export const defaultCalendarView = (isMobile: boolean): CalendarViewName => (isMobile ? 'listWeek' : 'timeGridWeek');

export const isCalendarView = (value: string | null | undefined): value is CalendarViewName => calendarViewNames.includes(value as CalendarViewName);
