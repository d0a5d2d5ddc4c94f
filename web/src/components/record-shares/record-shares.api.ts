// Sharing a record with users or departments (PLAT-4), for every owned record type with /<resource>/:id/shares.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Share, ShareInput } from '../../features/organizations/organizations.api';
import { api } from '../../lib/api-client';

/** The REST collection of the record type: its shares are under /<resource>/:id/shares. */
export type SharedResource = 'organizations' | 'projects';

const sharesKey = (resource: SharedResource, id: string) => ['record-shares', resource, id] as const;

export const useRecordShares = (resource: SharedResource, id: string, enabled: boolean) =>
  useQuery({
    queryKey: sharesKey(resource, id),
    queryFn: () => api.get<{ items: Share[] }>(`/${resource}/${id}/shares`),
    select: (data) => data.items,
    enabled,
  });

/** A share changes the record's history: every query about the record (its history among them) is refetched. */
const useInvalidateRecord = (resource: SharedResource, id: string) => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(id) });
};

export const useAddRecordShare = (resource: SharedResource, id: string) => {
  const invalidate = useInvalidateRecord(resource, id);
  return useMutation({
    mutationFn: (input: ShareInput) => api.post<Share>(`/${resource}/${id}/shares`, input),
    onSettled: invalidate,
  });
};

export const useRemoveRecordShare = (resource: SharedResource, id: string) => {
  const invalidate = useInvalidateRecord(resource, id);
  return useMutation({
    mutationFn: (shareId: string) => api.delete(`/${resource}/${id}/shares/${shareId}`),
    onSettled: invalidate,
  });
};
