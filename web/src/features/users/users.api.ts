// User accounts: list, create, edit, deactivate / reactivate, transfer of records, history.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HistoryEntry, ListResponse, Locale, Position, User } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';
import { referenceKeys } from '../../lib/reference-data';

export type UserInput = {
  username: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  departmentId: string;
  position: Position;
  managerId?: string | null;
  roleIds: string[];
  locale?: Locale;
  password?: string;
};
export type UserPatch = Partial<Omit<UserInput, 'username' | 'password'>> & { version: number };

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...userKeys.lists(), query] as const,
  history: (id: string) => [...userKeys.all, 'history', id] as const,
};

export const useUsers = (query: QueryParams) =>
  useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<User>>('/users', query, signal),
    placeholderData: keepPreviousData,
  });

/** Users, roles' user counts and departments' member counts all move together. */
const useInvalidateUsers = () => {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: userKeys.all });
    void queryClient.invalidateQueries({ queryKey: referenceKeys.departments });
    void queryClient.invalidateQueries({ queryKey: referenceKeys.roles });
  };
};

export const useCreateUser = () => {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (input: UserInput) => api.post<User>('/users', input), onSuccess: invalidate });
};

export const useUpdateUser = (id: string) => {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (patch: UserPatch) => api.patch<User>(`/users/${id}`, patch), onSuccess: invalidate });
};

export const useDeactivateUser = () => {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (id: string) => api.post<User>(`/users/${id}/deactivate`), onSuccess: invalidate });
};

export const useReactivateUser = () => {
  const invalidate = useInvalidateUsers();
  return useMutation({ mutationFn: (id: string) => api.post<User>(`/users/${id}/reactivate`), onSuccess: invalidate });
};

export const useTransferUserRecords = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, toUserId }: { id: string; toUserId: string }) =>
      api.post<{ transferred: Record<string, number> }>(`/users/${id}/transfer`, { toUserId }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
  });
};

export const useUserHistory = (id: string | null) =>
  useQuery({
    queryKey: userKeys.history(id ?? ''),
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/users/${id}/history`),
    select: (data) => data.items,
    enabled: Boolean(id),
  });
