// Company-wide settings: profile, currency, date format, fiscal year, time zone, default language.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export type SettingsPatch = Partial<Omit<Settings, 'version'>> & { version: number };

export const settingsKeys = { all: ['settings'] as const };

export const useSettings = () =>
  useQuery({
    queryKey: settingsKeys.all,
    queryFn: () => api.get<Settings>('/settings'),
  });

export const useUpdateSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => api.patch<Settings>('/settings', patch),
    onSuccess: (settings) => queryClient.setQueryData(settingsKeys.all, settings),
  });
};
