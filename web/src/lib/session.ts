// Who is signed in and what they may do: read by the shell, the route guards and every feature.
import { useQuery } from '@tanstack/react-query';
import type { CurrentUser, Permission } from '@openpsm/contracts';
import { api, isApiError } from './api-client';

export const sessionKeys = {
  me: ['auth', 'me'] as const,
};

export const fetchCurrentUser = () => api.get<CurrentUser>('/auth/me');

/** `null` while signed out; the 401 is the expected answer there, not an error to show. */
export const useCurrentUserQuery = () =>
  useQuery({
    queryKey: sessionKeys.me,
    queryFn: async () => {
      try {
        return await fetchCurrentUser();
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });

/** For components rendered inside the signed-in shell, where the user is known to exist. */
export const useCurrentUser = (): CurrentUser => {
  const { data } = useCurrentUserQuery();
  if (!data) throw new Error('useCurrentUser used outside the signed-in shell');
  return data;
};

export const hasPermission = (user: CurrentUser | null | undefined, permission: Permission) =>
  Boolean(user?.permissions.includes(permission));

export const usePermission = (permission: Permission) => {
  const { data } = useCurrentUserQuery();
  return hasPermission(data, permission);
};

export const canSeeProtectedField = (user: CurrentUser | null | undefined, field: string) =>
  Boolean(user?.visibleProtectedFields.includes(field));
