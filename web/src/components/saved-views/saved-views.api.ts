// Saved list views (PLAT-9): the caller's own views of one list, and the changes to them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedView, SavedViewInput, SavedViewPatch, ViewListKey } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export const savedViewKeys = {
  all: ['saved-views'] as const,
  list: (listKey: ViewListKey) => [...savedViewKeys.all, listKey] as const,
};

export const useSavedViews = (listKey: ViewListKey) =>
  useQuery({
    queryKey: savedViewKeys.list(listKey),
    queryFn: ({ signal }) => api.get<{ items: SavedView[] }>('/views', { listKey }, signal),
    select: (data) => data.items,
    staleTime: 60_000,
  });

/** Every change can move the default of another view: the list is read again after each. */
const useViewMutation = <TInput,>(listKey: ViewListKey, mutationFn: (input: TInput) => Promise<unknown>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.list(listKey) }) });
};

export const useCreateView = (listKey: ViewListKey) =>
  useViewMutation(listKey, (input: Omit<SavedViewInput, 'listKey'>) => api.post<SavedView>('/views', { ...input, listKey }));

export const useUpdateView = (listKey: ViewListKey) =>
  useViewMutation(listKey, ({ id, ...patch }: SavedViewPatch & { id: string }) => api.patch<SavedView>(`/views/${id}`, patch));

export const useDeleteView = (listKey: ViewListKey) => useViewMutation(listKey, (id: string) => api.delete(`/views/${id}`));
