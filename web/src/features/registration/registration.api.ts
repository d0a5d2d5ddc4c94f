// Project registration (PRJ-13): the check while a project is typed, the conflict inbox and the decision.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse, ProjectRegistration, RegistrationCheckQuery, RegistrationCheckResponse, RegistrationDecisionInput } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export const registrationKeys = {
  all: ['project-registrations'] as const,
  check: (query: Partial<RegistrationCheckQuery>) => [...registrationKeys.all, 'check', query] as const,
  list: (params: { status?: string; page: number }) => [...registrationKeys.all, 'list', params] as const,
};

/** Asked only once an owner organisation and two characters of the name are there. */
export const useRegistrationCheck = (query: Partial<RegistrationCheckQuery>) =>
  useQuery({
    queryKey: registrationKeys.check(query),
    queryFn: ({ signal }) => api.get<RegistrationCheckResponse>('/projects/registration-check', query, signal),
    enabled: Boolean(query.organizationId && (query.name?.length ?? 0) >= 2),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const useProjectRegistrations = (params: { status?: string; page: number }) =>
  useQuery({
    queryKey: registrationKeys.list(params),
    queryFn: ({ signal }) => api.get<ListResponse<ProjectRegistration>>('/project-registrations', { ...params, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });

export const useDecideRegistration = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: RegistrationDecisionInput & { id: string }) => api.post<ProjectRegistration>(`/project-registrations/${id}/decide`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: registrationKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
};
