// Merging two organisations or two contacts (CUS-3): the two records side by side, and the merge itself.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact, ContactMergeInput, MergeResult, Organization, OrganizationMergeInput } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export type MergeKind = 'organization' | 'contact';
export type MergeRecord = Organization | Contact;
const resource = (kind: MergeKind) => (kind === 'organization' ? 'organizations' : 'contacts');

export const mergeKeys = {
  record: (kind: MergeKind, id: string) => [resource(kind), 'detail', id] as const,
};

/** The same query key as the record's own page: what the page loaded is reused, what the merge changes is refreshed. */
export const useMergeRecord = (kind: MergeKind, id: string) =>
  useQuery({
    queryKey: mergeKeys.record(kind, id),
    queryFn: () => api.get<MergeRecord>(`/${resource(kind)}/${id}`),
    enabled: Boolean(id),
  });

export const useMergeRecords = (kind: MergeKind) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationMergeInput | ContactMergeInput) => api.post<MergeResult>(`/${resource(kind)}/merge`, input),
    onSuccess: (result) => {
      queryClient.removeQueries({ queryKey: mergeKeys.record(kind, result.mergedId) });
      // Contacts, ties, shares … of the kept record changed too: everything of both kinds is read again.
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
};
