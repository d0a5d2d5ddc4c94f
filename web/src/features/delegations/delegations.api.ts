// Delegations: one user acts for another for a period (holidays, handovers).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { delegationSchema } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export type Delegation = z.infer<typeof delegationSchema>;
export type DelegationScope = Delegation['scope'];
export type DelegationInput = { fromUserId: string; toUserId: string; startsAt: string; endsAt: string; reason?: string | null; scope: DelegationScope };

export const delegationKeys = {
  all: ['delegations'] as const,
  list: (query: QueryParams) => [...delegationKeys.all, 'list', query] as const,
};

export const useDelegations = (query: QueryParams) =>
  useQuery({
    queryKey: delegationKeys.list(query),
    queryFn: ({ signal }) => api.get<{ items: Delegation[]; total?: number }>('/delegations', query, signal),
    placeholderData: keepPreviousData,
  });

export const useCreateDelegation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DelegationInput) => api.post<Delegation>('/delegations', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: delegationKeys.all }),
  });
};

export const useRevokeDelegation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Delegation>(`/delegations/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: delegationKeys.all }),
  });
};
