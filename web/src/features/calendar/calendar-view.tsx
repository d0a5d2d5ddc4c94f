// FullCalendar 7 with its views, theme and locale. Only the calendar page loads this module, and lazily (its own chunk):
// FullCalendar is the heaviest library of the app and no other screen needs it.
import { useEffect, useRef, useState } from 'react';
import { Typography } from 'antd';
import FullCalendar from '@fullcalendar/react';
import type { CalendarRef } from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import listPlugin from '@fullcalendar/react/list';
import interactionPlugin from '@fullcalendar/react/interaction';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import zhCnLocale from '@fullcalendar/react/locales/zh-cn';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import './calendar-view.css';
import type { CalendarEventInput, CalendarViewName } from './calendar-logic';

export type CalendarViewProps = {
  events: CalendarEventInput[];
  initialView: CalendarViewName;
  language: string;
  /** The company's time zone: entries sit at the company's wall-clock time, as on every other screen. */
  timeZone: string;
  isMobile: boolean;
  /** May the reader plan activities (select a slot)? */
  selectable: boolean;
  onRangeChange: (range: { start: Date; end: Date; view: string }) => void;
  onEntryClick: (kind: 'activity' | 'task', id: string) => void;
  onSelectSlot: (slot: { start: Date; end: Date; allDay: boolean }) => void;
};

export const CalendarView = ({ events, initialView, language, timeZone, isMobile, selectable, onRangeChange, onEntryClick, onSelectSlot }: CalendarViewProps) => {
  const ref = useRef<CalendarRef>(null);
  // On a phone the period's title gets a line of its own above the calendar: the toolbar has no room for it.
  const [title, setTitle] = useState('');
  // Turning a phone (or narrowing a window) past the breakpoint moves between the agenda and the week grid.
  useEffect(() => {
    const api = ref.current?.getApi();
    if (!api) return;
    const current = api.view.type;
    if (isMobile && current === 'timeGridWeek') api.changeView('listWeek');
    if (!isMobile && current === 'listWeek') api.changeView('timeGridWeek');
  }, [isMobile]);

  return (
    <div className="psm-calendar" data-testid="calendar">
      {isMobile && (
        <Typography.Title level={5} style={{ margin: '0 0 8px' }} data-testid="calendar-title">
          {title}
        </Typography.Title>
      )}
      <FullCalendar
        ref={ref}
        plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicThemePlugin]}
        initialView={initialView}
        locales={[zhCnLocale]}
        locale={language === 'en' ? 'en' : 'zh-cn'}
        timeZone={timeZone}
        firstDay={1}
        headerToolbar={isMobile ? { start: 'prev,next today', end: 'listWeek,timeGridDay,dayGridMonth' } : { start: 'prev,next today', center: 'title', end: 'dayGridMonth,timeGridWeek,timeGridDay,listWeek' }}
        height={isMobile ? 'auto' : 'calc(100vh - 220px)'}
        nowIndicator
        navLinks
        dayMaxEvents
        // A team's week has many entries at the same hour: three side by side, then "+N".
        eventMaxStack={3}
        defaultTimedEventDuration="00:30:00"
        scrollTime="08:00:00"
        slotMinTime="06:00:00"
        slotMaxTime="23:00:00"
        eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        slotHeaderFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        selectable={selectable}
        selectMirror
        // A long press selects on touch screens; scrolling stays a scroll.
        selectLongPressDelay={400}
        events={events}
        listItemEventTimeClass="psm-cal-list-time"
        listItemEventTitleClass="psm-cal-list-title"
        datesSet={(info) => {
          setTitle(info.view.title);
          onRangeChange({ start: info.start, end: info.end, view: info.view.type });
        }}
        eventClick={(info) => {
          info.jsEvent.preventDefault();
          const { kind, recordId } = info.event.extendedProps as { kind: 'activity' | 'task'; recordId: string };
          onEntryClick(kind, recordId);
        }}
        select={(info) => {
          onSelectSlot({ start: info.start, end: info.end, allDay: info.allDay });
          ref.current?.getApi().unselect();
        }}
      />
    </div>
  );
};
