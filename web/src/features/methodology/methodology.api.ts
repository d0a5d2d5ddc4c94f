// Sales processes and stage moves (PRJ-2, PRJ-3): the process administration and a project's stage panel.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdvanceInput, AdvanceResult, ProjectStages, SalesProcess, SalesProcessInput, SalesProcessPatch, SalesStageInput, SalesStagePatch } from '@openpsm/contracts';
import { api, apiRequest } from '../../lib/api-client';

export const methodologyKeys = {
  processes: ['sales-processes'] as const,
  process: (id: string) => ['sales-processes', id] as const,
  stages: (projectId: string) => ['projects', 'stages', projectId] as const,
};

export const useSalesProcesses = () =>
  useQuery({ queryKey: methodologyKeys.processes, queryFn: () => api.get<{ items: SalesProcess[] }>('/sales-processes').then((body) => body.items) });

export const useProjectStages = (projectId: string) =>
  useQuery({ queryKey: methodologyKeys.stages(projectId), queryFn: () => api.get<ProjectStages>(`/projects/${projectId}/stages`) });

/** A move or a tick changes the project, its page, the lists and the board. */
const useProjectRefresh = (projectId: string) => {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
    void queryClient.invalidateQueries({ queryKey: ['pipeline'] });
    void queryClient.invalidateQueries({ queryKey: methodologyKeys.stages(projectId) });
  };
};

export const useAdvanceProject = (projectId: string) => {
  const refresh = useProjectRefresh(projectId);
  return useMutation({ mutationFn: (input: AdvanceInput) => api.post<AdvanceResult>(`/projects/${projectId}/advance`, input), onSuccess: refresh });
};

export const useToggleChecklist = (projectId: string) => {
  const refresh = useProjectRefresh(projectId);
  return useMutation({
    mutationFn: ({ stageId, itemKey, done }: { stageId: string; itemKey: string; done: boolean }) =>
      apiRequest<{ done: boolean }>(`/projects/${projectId}/checklist/${stageId}/${encodeURIComponent(itemKey)}`, { method: 'PUT', body: { done } }),
    onSuccess: refresh,
  });
};

const useProcessRefresh = () => {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: methodologyKeys.processes });
};

export const useCreateProcess = () => {
  const refresh = useProcessRefresh();
  return useMutation({ mutationFn: (input: SalesProcessInput) => api.post<SalesProcess>('/sales-processes', input), onSuccess: refresh });
};

export const useUpdateProcess = (id: string) => {
  const refresh = useProcessRefresh();
  return useMutation({ mutationFn: (input: SalesProcessPatch) => api.patch<SalesProcess>(`/sales-processes/${id}`, input), onSuccess: refresh });
};

export const useDeleteProcess = () => {
  const refresh = useProcessRefresh();
  return useMutation({ mutationFn: (id: string) => api.delete<void>(`/sales-processes/${id}`), onSuccess: refresh });
};

export const useSaveStage = (processId: string) => {
  const refresh = useProcessRefresh();
  return useMutation({
    mutationFn: ({ stageId, ...input }: (SalesStagePatch | (SalesStageInput & { version: number })) & { stageId?: string }) =>
      stageId ? api.patch<SalesProcess>(`/sales-processes/${processId}/stages/${stageId}`, input) : api.post<SalesProcess>(`/sales-processes/${processId}/stages`, input),
    onSuccess: refresh,
  });
};

export const useReorderStages = (processId: string) => {
  const refresh = useProcessRefresh();
  return useMutation({ mutationFn: (input: { version: number; stageIds: string[] }) => apiRequest<SalesProcess>(`/sales-processes/${processId}/stage-order`, { method: 'PUT', body: input }), onSuccess: refresh });
};

export const useDeleteStage = (processId: string) => {
  const refresh = useProcessRefresh();
  return useMutation({
    mutationFn: ({ stageId, version }: { stageId: string; version: number }) =>
      api.delete<{ outcome: 'deleted' | 'archived'; process: SalesProcess }>(`/sales-processes/${processId}/stages/${stageId}?version=${version}`),
    onSuccess: refresh,
  });
};
