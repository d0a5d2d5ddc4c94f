// Projects (PRJ-1, PRJ-6, PRJ-9, PRJ-10): list, read, create, edit, delete, history, team, close / reopen, assign, claim.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HistoryEntry, ListResponse, Project, ProjectCloseInput, ProjectInput, ProjectMember, ProjectMemberInput } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export type ProjectPayload = Partial<ProjectInput>;

export const projectKeys = {
  all: ['projects'] as const,
  lists: () => [...projectKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...projectKeys.lists(), query] as const,
  detail: (id: string) => [...projectKeys.all, 'detail', id] as const,
  history: (id: string) => [...projectKeys.all, 'history', id] as const,
  members: (id: string) => [...projectKeys.all, 'members', id] as const,
};

export const useProjects = (query: QueryParams, enabled = true) =>
  useQuery({
    queryKey: projectKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<Project>>('/projects', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useProject = (id: string) =>
  useQuery({ queryKey: projectKeys.detail(id), queryFn: () => api.get<Project>(`/projects/${id}`) });

export const useProjectHistory = (id: string) =>
  useQuery({ queryKey: projectKeys.history(id), queryFn: () => api.get<{ items: HistoryEntry[] }>(`/projects/${id}/history`).then((body) => body.items) });

/** Anything that changes a project refreshes its page, the lists (and boards) and its history; a parent's totals too. */
const useRefresh = () => {
  const queryClient = useQueryClient();
  return (project: Project | { id: string }) => {
    if ('version' in project) queryClient.setQueryData(projectKeys.detail(project.id), project);
    void queryClient.invalidateQueries({ queryKey: projectKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['pipeline'] });
  };
};

export const useCreateProject = () => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (payload: ProjectPayload) => api.post<Project>('/projects', payload), onSuccess: refresh });
};

export const useUpdateProject = (id: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (payload: ProjectPayload & { version: number }) => api.patch<Project>(`/projects/${id}`, payload), onSuccess: refresh });
};

export const useDeleteProject = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.delete<void>(`/projects/${id}?version=${version}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: projectKeys.lists() }),
  });
};

export const useCloseProject = (id: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (payload: ProjectCloseInput) => api.post<Project>(`/projects/${id}/close`, payload), onSuccess: refresh });
};

export const useReopenProject = (id: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (payload: { version: number; reason?: string | null }) => api.post<Project>(`/projects/${id}/reopen`, payload), onSuccess: refresh });
};

export const useAssignProject = (id: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (payload: { ownerId: string; version: number }) => api.post<Project>(`/projects/${id}/assign`, payload), onSuccess: refresh });
};

export const useClaimProject = (id: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (version: number) => api.post<Project>(`/projects/${id}/claim`, { version }), onSuccess: refresh });
};

export const useAddMember = (id: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (payload: ProjectMemberInput) => api.post<{ items: ProjectMember[] }>(`/projects/${id}/members`, payload), onSuccess: () => refresh({ id }) });
};

export const useUpdateMember = (id: string) => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ userId, ...patch }: { userId: string; role?: ProjectMember['role']; access?: ProjectMember['access'] }) =>
      api.patch<{ items: ProjectMember[] }>(`/projects/${id}/members/${userId}`, patch),
    onSuccess: () => refresh({ id }),
  });
};

export const useRemoveMember = (id: string) => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (userId: string) => api.delete<void>(`/projects/${id}/members/${userId}`), onSuccess: () => refresh({ id }) });
};
