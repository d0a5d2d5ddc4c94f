// Signing in and out, and the password-reset round trip.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CurrentUser } from '@openpsm/contracts';
import { apiRequest } from '../../lib/api-client';
import { changeLocale } from '../../lib/i18n';
import { sessionKeys } from '../../lib/session';

type LoginInput = { username: string; password: string };
type LoginResponse = { user: CurrentUser; token: string };

export const useLogin = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      apiRequest<LoginResponse>('/auth/login', { method: 'POST', body: input, redirectOnUnauthorized: false }),
    onSuccess: async ({ user }) => {
      // Whatever another user left in the cache must not leak into this session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      queryClient.setQueryData(sessionKeys.me, user);
      await changeLocale(user.locale);
    },
  });
};

export const useLogout = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/auth/logout', { method: 'POST', body: {}, redirectOnUnauthorized: false }),
    // A request still in flight (the session, a list) must not land after sign-out and bring the user back.
    onMutate: () => queryClient.cancelQueries(),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me, null);
    },
  });
};

export const useForgotPassword = () =>
  useMutation({
    mutationFn: (input: { login: string }) =>
      apiRequest<void>('/auth/forgot-password', { method: 'POST', body: input, redirectOnUnauthorized: false }),
  });

export const useResetPassword = () =>
  useMutation({
    mutationFn: (input: { token: string; newPassword: string }) =>
      apiRequest<void>('/auth/reset-password', { method: 'POST', body: input, redirectOnUnauthorized: false }),
  });

