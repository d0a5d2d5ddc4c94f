// The calendar (ACT-2): my (or my team's) activities and tasks over the visible range, read as the reader moves.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Calendar, CalendarQuery } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export type CalendarRange = Pick<CalendarQuery, 'from' | 'to' | 'view'> & { userId?: string; departmentId?: string };

export const calendarKeys = {
  all: ['calendar'] as const,
  range: (query: CalendarRange) => [...calendarKeys.all, query] as const,
};

export const useCalendar = (query: CalendarRange | null) =>
  useQuery({
    queryKey: calendarKeys.range(query ?? { from: '', to: '', view: 'mine' }),
    queryFn: ({ signal }) => api.get<Calendar>('/calendar', query ?? undefined, signal),
    enabled: query !== null,
    // Moving a week keeps the previous entries on screen until the new ones arrive, without a flash of emptiness.
    placeholderData: keepPreviousData,
  });
