// The reminder service's user-facing parts: e-mail preference and the day's agenda (ACT-7 of issue 6, CUS-9, PRJ-11).
import { z } from 'zod';

export const reminderEmailModes = ['off', 'immediate', 'digest'] as const;
export const reminderEmailModeSchema = z.enum(reminderEmailModes);
export type ReminderEmailMode = z.infer<typeof reminderEmailModeSchema>;

export const reminderSettingsSchema = z.object({ email: reminderEmailModeSchema });
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

/** A reminder as the user sees it in their list of upcoming ones. */
export const reminderSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  recordType: z.string(),
  recordId: z.uuid(),
  dueAt: z.string(),
  params: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'cancelled']),
});
export type Reminder = z.infer<typeof reminderSchema>;

/** GET /me/reminders: what is still to come (soonest first, at most 200) and the last 20 that went out. */
export const myRemindersSchema = z.object({ pending: z.array(reminderSchema), sent: z.array(reminderSchema) });
export type MyReminders = z.infer<typeof myRemindersSchema>;

const agendaRefSchema = z.object({ id: z.uuid(), name: z.string() }).nullable();

/** An open task of the agenda: due today, or overdue (due before today and still open). */
export const agendaTaskSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  priority: z.string(),
  organization: agendaRefSchema,
  project: agendaRefSchema,
});
export type AgendaTask = z.infer<typeof agendaTaskSchema>;

/** A planned activity starting today. */
export const agendaActivitySchema = z.object({
  id: z.uuid(),
  type: z.string(),
  subject: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  allDay: z.boolean(),
  organization: agendaRefSchema,
  project: agendaRefSchema,
});
export type AgendaActivity = z.infer<typeof agendaActivitySchema>;

/**
 * The user's items of today in the company time zone — the morning digest's content and the web app's "today" panel.
 * `reminders` leaves out those about a task or activity already listed.
 */
export const agendaSchema = z.object({
  /** Today, `YYYY-MM-DD`, in `timeZone` (the company's). */
  date: z.string(),
  timeZone: z.string(),
  /** Today's tasks and the most recent overdue ones, at most 50, soonest first. */
  tasks: z.array(agendaTaskSchema),
  /** Open tasks due by today left out of `tasks` (a long overdue backlog). */
  moreTasks: z.number().int(),
  activities: z.array(agendaActivitySchema),
  reminders: z.array(reminderSchema),
});
export type Agenda = z.infer<typeof agendaSchema>;
