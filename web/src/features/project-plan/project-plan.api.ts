// A project's plan (PRJ-7): milestones, tasks and tracking notes, read in one request and changed item by item.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ProjectMilestone,
  ProjectMilestoneInput,
  ProjectMilestonePatch,
  ProjectNote,
  ProjectPlan,
  ProjectTask,
  ProjectTaskInput,
  ProjectTaskPatch,
} from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export const planKeys = {
  all: ['project-plan'] as const,
  plan: (projectId: string) => [...planKeys.all, projectId] as const,
};

export const useProjectPlan = (projectId: string) =>
  useQuery({ queryKey: planKeys.plan(projectId), queryFn: ({ signal }) => api.get<ProjectPlan>(`/projects/${projectId}/plan`, undefined, signal) });

/** Every plan change is a line in the project's history and may move its scores: both are read again. */
const usePlanMutation = <Input, Result>(projectId: string, run: (input: Input) => Promise<Result>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planKeys.plan(projectId) });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
};

const base = (projectId: string) => `/projects/${projectId}`;

export const useCreateMilestone = (projectId: string) =>
  usePlanMutation(projectId, (input: ProjectMilestoneInput) => api.post<ProjectMilestone>(`${base(projectId)}/milestones`, input));
export const useUpdateMilestone = (projectId: string) =>
  usePlanMutation(projectId, ({ id, ...patch }: ProjectMilestonePatch & { id: string }) => api.patch<ProjectMilestone>(`${base(projectId)}/milestones/${id}`, patch));
export const useDeleteMilestone = (projectId: string) => usePlanMutation(projectId, (id: string) => api.delete(`${base(projectId)}/milestones/${id}`));

export const useCreateTask = (projectId: string) =>
  usePlanMutation(projectId, (input: ProjectTaskInput) => api.post<ProjectTask>(`${base(projectId)}/tasks`, input));
export const useUpdateTask = (projectId: string) =>
  usePlanMutation(projectId, ({ id, ...patch }: ProjectTaskPatch & { id: string }) => api.patch<ProjectTask>(`${base(projectId)}/tasks/${id}`, patch));
export const useDeleteTask = (projectId: string) => usePlanMutation(projectId, (id: string) => api.delete(`${base(projectId)}/tasks/${id}`));

export const useCreateNote = (projectId: string) =>
  usePlanMutation(projectId, (body: string) => api.post<ProjectNote>(`${base(projectId)}/notes`, { body }));
export const useDeleteNote = (projectId: string) => usePlanMutation(projectId, (id: string) => api.delete(`${base(projectId)}/notes/${id}`));
