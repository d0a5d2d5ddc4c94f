// Who is signed in and what they may do: read by the shell, the route guards and every feature.
import { createContext, useContext } from 'react';
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

/**
 * The signed-in shell provides the user it checked. Reading it from context (not the query) means that when a
 * session ends, components below never render with a missing user: the guard unmounts them first.
 */
export const CurrentUserContext = createContext<CurrentUser | null>(null);

export const useCurrentUser = (): CurrentUser => {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside the signed-in shell');
  return user;
};

export const hasPermission = (user: CurrentUser | null | undefined, permission: Permission) =>
  Boolean(user?.permissions.includes(permission));

export const usePermission = (permission: Permission) => {
  const { data } = useCurrentUserQuery();
  return hasPermission(data, permission);
};

export const canSeeProtectedField = (user: CurrentUser | null | undefined, field: string) =>
  Boolean(user?.visibleProtectedFields.includes(field));
