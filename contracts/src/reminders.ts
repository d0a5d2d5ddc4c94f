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
