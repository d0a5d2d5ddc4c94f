// Roles: function permissions, data scopes and protected-field visibility.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataScope, Permission, Role } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { referenceKeys } from '../../lib/reference-data';
import { sessionKeys } from '../../lib/session';

export type RoleInput = {
  code: string;
  name: string;
  description?: string | null;
  permissions: Permission[];
  scopes: { organization: DataScope };
  visibleProtectedFields: string[];
};
export type RolePatch = Partial<Omit<RoleInput, 'code'>> & { version: number };

export const roleKeys = {
  all: referenceKeys.roles,
  detail: (id: string) => [...referenceKeys.roles, 'detail', id] as const,
};

export const useRole = (id: string | undefined) =>
  useQuery({
    queryKey: roleKeys.detail(id ?? ''),
    queryFn: () => api.get<Role>(`/roles/${id}`),
    enabled: Boolean(id),
  });

/** A role change may change what the editor themself may do. */
const useInvalidateRoles = () => {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: roleKeys.all });
    void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
  };
};

export const useCreateRole = () => {
  const invalidate = useInvalidateRoles();
  return useMutation({ mutationFn: (input: RoleInput) => api.post<Role>('/roles', input), onSuccess: invalidate });
};

export const useUpdateRole = (id: string) => {
  const invalidate = useInvalidateRoles();
  return useMutation({ mutationFn: (patch: RolePatch) => api.patch<Role>(`/roles/${id}`, patch), onSuccess: invalidate });
};

export const useDeleteRole = () => {
  const invalidate = useInvalidateRoles();
  return useMutation({ mutationFn: (id: string) => api.delete(`/roles/${id}`), onSuccess: invalidate });
};
