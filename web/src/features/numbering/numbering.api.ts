// Numbering rules: how record numbers such as ORG-2025-00001 are formed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { numberingResets, numberingRuleSchema } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export type NumberingRule = z.infer<typeof numberingRuleSchema>;
export type NumberingReset = (typeof numberingResets)[number];
export type NumberingPatch = { pattern?: string; reset?: NumberingReset; version: number };

export const numberingKeys = { all: ['numbering-rules'] as const };

export const useNumberingRules = () =>
  useQuery({
    queryKey: numberingKeys.all,
    queryFn: () => api.get<{ items: NumberingRule[] }>('/numbering-rules'),
    select: (data) => data.items,
  });

export const useUpdateNumberingRule = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: NumberingPatch & { id: string }) => api.patch<NumberingRule>(`/numbering-rules/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: numberingKeys.all }),
  });
};
