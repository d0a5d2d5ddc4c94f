// Organisations (单位): list, read, create, edit, delete, history and sharing.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { HistoryEntry, ListResponse, Organization, OrganizationInput, shareSchema } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export type Share = z.infer<typeof shareSchema>;
export type ShareInput = { userId?: string; departmentId?: string; access: Share['access'] };
export type OrganizationPayload = Partial<OrganizationInput> & { confirmDuplicate?: boolean };

export const organizationKeys = {
  all: ['organizations'] as const,
  lists: () => [...organizationKeys.all, 'list'] as const,
  list: (query: QueryParams) => [...organizationKeys.lists(), query] as const,
  detail: (id: string) => [...organizationKeys.all, 'detail', id] as const,
  history: (id: string) => [...organizationKeys.all, 'history', id] as const,
  shares: (id: string) => [...organizationKeys.all, 'shares', id] as const,
};

export const useOrganizations = (query: QueryParams) =>
  useQuery({
    queryKey: organizationKeys.list(query),
    queryFn: ({ signal }) => api.get<ListResponse<Organization>>('/organizations', query, signal),
    placeholderData: keepPreviousData,
  });

export const useOrganization = (id: string) =>
  useQuery({
    queryKey: organizationKeys.detail(id),
    queryFn: () => api.get<Organization>(`/organizations/${id}`),
  });

export const useCreateOrganization = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: OrganizationPayload) => api.post<Organization>('/organizations', payload),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(organization.id), organization);
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
    },
  });
};

export const useUpdateOrganization = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (payload: OrganizationPayload & { version: number }) => api.patch<Organization>(`/organizations/${id}`, payload),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationKeys.detail(id), organization);
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.history(id) });
    },
  });
};

export const useDeleteOrganization = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/organizations/${id}`),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: organizationKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.lists() });
    },
  });
};

export const useOrganizationHistory = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: organizationKeys.history(id),
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/organizations/${id}/history`),
    select: (data) => data.items,
    enabled,
  });

export const useOrganizationShares = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: organizationKeys.shares(id),
    queryFn: () => api.get<{ items: Share[] }>(`/organizations/${id}/shares`),
    select: (data) => data.items,
    enabled,
  });

export const useAddOrganizationShare = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ShareInput) => api.post<Share>(`/organizations/${id}/shares`, input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: organizationKeys.shares(id) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.history(id) });
    },
  });
};

export const useRemoveOrganizationShare = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string) => api.delete(`/organizations/${id}/shares/${shareId}`),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: organizationKeys.shares(id) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.history(id) });
    },
  });
};
