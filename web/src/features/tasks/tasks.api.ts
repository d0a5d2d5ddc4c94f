// Tasks (ACT-2): mine, assigned by me, overdue, my team's; a next step of an activity becomes one on the server.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse, Task, TaskInput, TaskPatch } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export const taskKeys = {
  all: ['tasks'] as const,
  lists: () => [...taskKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...taskKeys.lists(), query] as const,
  detail: (id: string) => [...taskKeys.all, 'detail', id] as const,
};

export const useTasks = (query: QueryParams, enabled = true) =>
  useQuery({
    queryKey: taskKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<Task>>('/tasks', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useTask = (id: string | null | undefined) =>
  useQuery({
    queryKey: taskKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Task>(`/tasks/${id}`, undefined, signal),
    enabled: Boolean(id),
  });

/** A task shows in the lists, on the calendar and in the day's reminders: all are read again. */
const useRefresh = () => {
  const queryClient = useQueryClient();
  return (task?: Task) => {
    if (task) queryClient.setQueryData(taskKeys.detail(task.id), task);
    for (const key of ['tasks', 'calendar', 'reminders']) void queryClient.invalidateQueries({ queryKey: [key] });
  };
};

export const useCreateTask = () => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: TaskInput) => api.post<Task>('/tasks', input), onSuccess: refresh });
};

export const useUpdateTask = () => {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, ...patch }: TaskPatch & { id: string }) => api.patch<Task>(`/tasks/${id}`, patch), onSuccess: refresh });
};

export const useDeleteTask = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/tasks/${id}?version=${version}`),
    onSuccess: () => refresh(),
  });
};
