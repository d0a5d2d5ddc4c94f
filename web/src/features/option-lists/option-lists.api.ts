// Option lists (industry, source, region, scale, credit rating): the values select fields offer.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Option, OptionListKey } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import { referenceKeys } from '../../lib/reference-data';

export type OptionInput = { listKey: OptionListKey; code: string; labelZh: string; labelEn: string; sort?: number };
export type OptionPatch = { labelZh?: string; labelEn?: string; sort?: number; active?: boolean; version: number };

export const optionListKeys = { all: referenceKeys.optionLists };

export const useCreateOption = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OptionInput) => api.post<Option>('/option-lists', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: optionListKeys.all }),
  });
};

export const useUpdateOption = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: OptionPatch & { id: string }) => api.patch<Option>(`/option-lists/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: optionListKeys.all }),
  });
};
