// Company-wide settings: profile, currency, date format, fiscal year, time zone, default language.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { referenceKeys } from '../../lib/reference-data';

export type SettingsPatch = Partial<Omit<Settings, 'version'>> & { version: number };

export const useUpdateSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => api.patch<Settings>('/settings', patch),
    // The same query every date and amount on screen reads (useCompanySettings): a save shows everywhere at once.
    onSuccess: (settings) => queryClient.setQueryData(referenceKeys.settings, settings),
  });
};
