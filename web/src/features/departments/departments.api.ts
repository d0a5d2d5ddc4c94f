// Departments: the organisation chart that data scopes are computed from.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Department, HistoryEntry } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { referenceKeys } from '../../lib/reference-data';

export type DepartmentInput = { name: string; parentId: string | null; headUserId?: string | null };
export type DepartmentPatch = { name?: string; parentId?: string | null; headUserId?: string | null; active?: boolean; version: number };

export const departmentKeys = {
  all: referenceKeys.departments,
  history: (id: string) => [...referenceKeys.departments, 'history', id] as const,
};

export const useCreateDepartment = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DepartmentInput) => api.post<Department>('/departments', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
  });
};

export const useUpdateDepartment = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: DepartmentPatch & { id: string }) => api.patch<Department>(`/departments/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
  });
};

export const useDepartmentHistory = (id: string | null) =>
  useQuery({
    queryKey: departmentKeys.history(id ?? ''),
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/departments/${id}/history`),
    select: (data) => data.items,
    enabled: Boolean(id),
  });
