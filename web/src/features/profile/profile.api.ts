// The signed-in user's own account: profile, password, sessions and API tokens.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { apiTokenSchema, CurrentUser, Locale, sessionSchema } from '@openpsm/contracts';
import { api, apiRequest } from '../../lib/api-client';
import { sessionKeys } from '../../lib/session';

export type Session = z.infer<typeof sessionSchema>;
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type ProfileInput = { displayName?: string; email?: string | null; phone?: string | null; locale?: Locale };

export const profileKeys = {
  sessions: ['auth', 'sessions'] as const,
  apiTokens: ['auth', 'api-tokens'] as const,
};

export const useUpdateProfile = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) => api.patch<CurrentUser | undefined>('/auth/me', input),
    onSuccess: (user) => {
      if (user && typeof user === 'object' && 'permissions' in user) queryClient.setQueryData(sessionKeys.me, user);
      else void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
    },
  });
};

export const useChangePassword = () => {
  const queryClient = useQueryClient();
  return useMutation({
    // A wrong current password is the reader's mistake to show on the form, not a reason to sign out.
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      apiRequest<void>('/auth/change-password', { method: 'POST', body: input, redirectOnUnauthorized: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.me }),
  });
};

export const useSessions = () =>
  useQuery({
    queryKey: profileKeys.sessions,
    queryFn: () => api.get<{ items: Session[] }>('/auth/sessions'),
    select: (data) => data.items,
  });

export const useRevokeSession = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/auth/sessions/${id}`),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: profileKeys.sessions });
      void queryClient.invalidateQueries({ queryKey: profileKeys.apiTokens });
    },
  });
};

export const useApiTokens = () =>
  useQuery({
    queryKey: profileKeys.apiTokens,
    queryFn: () => api.get<{ items: ApiToken[] }>('/auth/api-tokens'),
    select: (data) => data.items,
  });

export const useCreateApiToken = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expiresInDays?: number }) => api.post<{ token: string; apiToken: ApiToken }>('/auth/api-tokens', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: profileKeys.apiTokens });
      void queryClient.invalidateQueries({ queryKey: profileKeys.sessions });
    },
  });
};
