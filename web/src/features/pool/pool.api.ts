// Public pool (公海): the pools I work with, the pool list, claim / release / assign, and the pool rules.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerPool, CustomerPoolInput, ListResponse, MyPools, PoolMoveResult, PoolOrganization } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';
import { organizationKeys } from '../organizations/organizations.api';

export const poolKeys = {
  all: ['pool'] as const,
  mine: () => [...poolKeys.all, 'mine'] as const,
  lists: () => [...poolKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...poolKeys.lists(), query] as const,
  rules: () => [...poolKeys.all, 'rules'] as const,
};

export const useMyPools = () => useQuery({ queryKey: poolKeys.mine(), queryFn: () => api.get<MyPools>('/pool/mine') });

export const usePoolOrganizations = (query: QueryParams) =>
  useQuery({
    queryKey: poolKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<PoolOrganization>>('/pool/organizations', query, signal),
    placeholderData: keepPreviousData,
  });

/** Any move changes the pool, the counters and the organisation (its owner and version). */
const useMoveMutation = <Input,>(call: (input: Input) => Promise<PoolMoveResult>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: poolKeys.all });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.detail(result.organizationId) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.history(result.organizationId) });
    },
  });
};

export const useClaimOrganization = () => useMoveMutation((id: string) => api.post<PoolMoveResult>(`/organizations/${id}/claim`));

export const useReleaseOrganization = () =>
  useMoveMutation(({ id, ...body }: { id: string; reason: string; version?: number }) => api.post<PoolMoveResult>(`/organizations/${id}/release`, body));

export const useAssignOrganization = () =>
  useMoveMutation(({ id, ...body }: { id: string; userId: string; force?: boolean; reason?: string }) => api.post<PoolMoveResult>(`/organizations/${id}/assign`, body));

export const usePools = () => useQuery({ queryKey: poolKeys.rules(), queryFn: () => api.get<{ items: CustomerPool[] }>('/pools') });

export type PoolPayload = Partial<CustomerPoolInput> & { version?: number };

export const useSavePool = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...payload }: PoolPayload & { id?: string }) =>
      id ? api.patch<CustomerPool>(`/pools/${id}`, payload) : api.post<CustomerPool>('/pools', payload),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: poolKeys.all }),
  });
};

export const useDeletePool = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/pools/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: poolKeys.all }),
  });
};
