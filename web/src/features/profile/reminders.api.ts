// The signed-in user's reminder preferences (e-mail off / each / morning digest) and their upcoming reminders.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyReminders, ReminderSettings } from '@openpsm/contracts';
import { api, apiRequest } from '../../lib/api-client';

export const reminderKeys = {
  all: ['me', 'reminders'] as const,
  settings: () => [...reminderKeys.all, 'settings'] as const,
  list: () => [...reminderKeys.all, 'list'] as const,
};

export const useReminderSettings = () =>
  useQuery({ queryKey: reminderKeys.settings(), queryFn: ({ signal }) => api.get<ReminderSettings>('/me/reminder-settings', undefined, signal) });

const apiPut = (settings: ReminderSettings) => apiRequest<ReminderSettings>('/me/reminder-settings', { method: 'PUT', body: settings });

/** Shown as chosen at once; put back if the server refuses. */
export const useUpdateReminderSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ReminderSettings) => apiPut(settings),
    onMutate: async (settings) => {
      await queryClient.cancelQueries({ queryKey: reminderKeys.settings() });
      const previous = queryClient.getQueryData<ReminderSettings>(reminderKeys.settings());
      queryClient.setQueryData(reminderKeys.settings(), settings);
      return { previous };
    },
    onError: (_error, _settings, context) => {
      if (context?.previous) queryClient.setQueryData(reminderKeys.settings(), context.previous);
    },
    onSuccess: (saved) => queryClient.setQueryData(reminderKeys.settings(), saved),
  });
};

export const useMyReminders = () =>
  useQuery({ queryKey: reminderKeys.list(), queryFn: ({ signal }) => api.get<MyReminders>('/me/reminders', undefined, signal) });
