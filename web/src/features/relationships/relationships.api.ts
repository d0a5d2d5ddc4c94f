// Relationship ties and graphs (CUS-7): the ties of an organisation or a contact, the graph around either, and the
// shortest chain of person ties between two people.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Graph, OrganizationTie, OrganizationTieInput, PersonPath, PersonTie, PersonTieInput } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export type GraphOptions = { depth: number; types?: string[] };
export type PersonRef = `${'user' | 'contact'}:${string}`;

export const relationshipKeys = {
  all: ['relationships'] as const,
  organizationTies: (id: string) => [...relationshipKeys.all, 'organization-ties', id] as const,
  personTies: (id: string) => [...relationshipKeys.all, 'person-ties', id] as const,
  graphs: () => [...relationshipKeys.all, 'graph'] as const,
  graph: (kind: 'organizations' | 'contacts', id: string, options: GraphOptions) => [...relationshipKeys.graphs(), kind, id, options] as const,
  path: (from: string, to: string, maxDepth: number) => [...relationshipKeys.all, 'path', from, to, maxDepth] as const,
};

const graphQuery = (options: GraphOptions) => ({ depth: options.depth, types: options.types?.length ? options.types.join(',') : undefined });

export const useOrganizationTies = (id: string) =>
  useQuery({
    queryKey: relationshipKeys.organizationTies(id),
    queryFn: () => api.get<{ items: OrganizationTie[] }>(`/organizations/${id}/ties`),
    select: (data) => data.items,
  });

export const usePersonTies = (id: string) =>
  useQuery({
    queryKey: relationshipKeys.personTies(id),
    queryFn: () => api.get<{ items: PersonTie[] }>(`/contacts/${id}/ties`),
    select: (data) => data.items,
  });

/** A tie changes the ties lists, every graph and the records' history: drop them all (they are cheap to read again). */
const useInvalidateRelationships = () => {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: relationshipKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['organizations', 'history'] });
    void queryClient.invalidateQueries({ queryKey: ['contacts'] });
  };
};

export const useAddOrganizationTie = (id: string) => {
  const invalidate = useInvalidateRelationships();
  return useMutation({ mutationFn: (input: OrganizationTieInput) => api.post(`/organizations/${id}/ties`, input), onSuccess: invalidate });
};

export const useRemoveOrganizationTie = (id: string) => {
  const invalidate = useInvalidateRelationships();
  return useMutation({ mutationFn: ({ tieId, note }: { tieId: string; note?: string }) => api.delete(`/organizations/${id}/ties/${tieId}`, note ? { note } : {}), onSuccess: invalidate });
};

export const useAddPersonTie = (id: string) => {
  const invalidate = useInvalidateRelationships();
  return useMutation({ mutationFn: (input: PersonTieInput) => api.post(`/contacts/${id}/ties`, input), onSuccess: invalidate });
};

export const useRemovePersonTie = (id: string) => {
  const invalidate = useInvalidateRelationships();
  return useMutation({ mutationFn: ({ tieId, note }: { tieId: string; note?: string }) => api.delete(`/contacts/${id}/ties/${tieId}`, note ? { note } : {}), onSuccess: invalidate });
};

export const useRelationshipGraph = (kind: 'organizations' | 'contacts', id: string, options: GraphOptions) =>
  useQuery({
    queryKey: relationshipKeys.graph(kind, id, options),
    queryFn: ({ signal }) => api.get<Graph>(`/graph/${kind}/${id}`, graphQuery(options), signal),
    placeholderData: keepPreviousData,
  });

export const usePersonPath = (from: PersonRef | null, to: PersonRef | null, maxDepth: number) =>
  useQuery({
    queryKey: relationshipKeys.path(from ?? '', to ?? '', maxDepth),
    queryFn: ({ signal }) => api.get<PersonPath>('/graph/path', { from, to, maxDepth }, signal),
    enabled: Boolean(from && to),
  });
