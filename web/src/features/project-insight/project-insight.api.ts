// Project insight (PRJ-4, 5, 8): the stakeholder map, competitors, scores and the project settings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Contact,
  ListResponse,
  ProjectCompetitor,
  ProjectCompetitorInput,
  ProjectCompetitorPatch,
  ProjectScores,
  ProjectSettings,
  ProjectSettingsInput,
  Stakeholder,
  StakeholderInput,
  StakeholderList,
  StakeholderPatch,
} from '@openpsm/contracts';
import { api, apiRequest } from '../../lib/api-client';

const apiPut = <T,>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body });

export const projectInsightKeys = {
  all: ['project-insight'] as const,
  stakeholders: (projectId: string) => [...projectInsightKeys.all, 'stakeholders', projectId] as const,
  competitors: (projectId: string) => [...projectInsightKeys.all, 'competitors', projectId] as const,
  scores: (projectId: string) => [...projectInsightKeys.all, 'scores', projectId] as const,
  settings: () => [...projectInsightKeys.all, 'settings'] as const,
  contacts: (organizationId: string) => [...projectInsightKeys.all, 'contacts', organizationId] as const,
  competitorOrganizations: (q: string) => [...projectInsightKeys.all, 'competitor-organizations', q] as const,
};

/**
 * A change of the map or the competition moves the project's scores (and its history): the project's own queries
 * (held by the projects feature under the 'projects' prefix) are refreshed by prefix, so this feature need not
 * import theirs.
 */
const useRefreshProject = (projectId: string) => {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: projectInsightKeys.scores(projectId) });
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
  };
};

export const useStakeholders = (projectId: string) =>
  useQuery({ queryKey: projectInsightKeys.stakeholders(projectId), queryFn: () => api.get<StakeholderList>(`/projects/${projectId}/stakeholders`) });

const useStakeholderMutation = <V,>(projectId: string, mutationFn: (variables: V) => Promise<unknown>) => {
  const queryClient = useQueryClient();
  const refreshProject = useRefreshProject(projectId);
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: projectInsightKeys.stakeholders(projectId) });
      refreshProject();
    },
  });
};

export const useAddStakeholder = (projectId: string) =>
  useStakeholderMutation(projectId, (input: StakeholderInput) => api.post<Stakeholder>(`/projects/${projectId}/stakeholders`, input));
export const useUpdateStakeholder = (projectId: string) =>
  useStakeholderMutation(projectId, ({ id, ...patch }: StakeholderPatch & { id: string }) => api.patch<Stakeholder>(`/projects/${projectId}/stakeholders/${id}`, patch));
export const useRemoveStakeholder = (projectId: string) =>
  useStakeholderMutation(projectId, (id: string) => api.delete<void>(`/projects/${projectId}/stakeholders/${id}`));

export const useCompetitors = (projectId: string) =>
  useQuery({ queryKey: projectInsightKeys.competitors(projectId), queryFn: () => api.get<{ items: ProjectCompetitor[] }>(`/projects/${projectId}/competitors`) });

const useCompetitorMutation = <V,>(projectId: string, mutationFn: (variables: V) => Promise<unknown>) => {
  const queryClient = useQueryClient();
  const refreshProject = useRefreshProject(projectId);
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: projectInsightKeys.competitors(projectId) });
      refreshProject();
    },
  });
};

export const useAddCompetitor = (projectId: string) =>
  useCompetitorMutation(projectId, (input: ProjectCompetitorInput) => api.post<ProjectCompetitor>(`/projects/${projectId}/competitors`, input));
export const useUpdateCompetitor = (projectId: string) =>
  useCompetitorMutation(projectId, ({ id, ...patch }: ProjectCompetitorPatch & { id: string }) => api.patch<ProjectCompetitor>(`/projects/${projectId}/competitors/${id}`, patch));
export const useRemoveCompetitor = (projectId: string) =>
  useCompetitorMutation(projectId, (id: string) => api.delete<void>(`/projects/${projectId}/competitors/${id}`));

/** The parts of the scores, fetched only when someone opens the explanation. */
export const useProjectScores = (projectId: string, enabled: boolean) =>
  useQuery({ queryKey: projectInsightKeys.scores(projectId), queryFn: () => api.get<ProjectScores>(`/projects/${projectId}/scores`), enabled });

export const useProjectSettings = () => useQuery({ queryKey: projectInsightKeys.settings(), queryFn: () => api.get<ProjectSettings>('/project-settings') });

export const useSaveProjectSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectSettingsInput) => apiPut<ProjectSettings>('/project-settings', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(projectInsightKeys.settings(), saved);
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
};

/** Contacts of one organisation around the project, to pick a stakeholder from (the caller's scope applies). */
export const useOrganizationContacts = (organizationId: string | undefined) =>
  useQuery({
    queryKey: projectInsightKeys.contacts(organizationId ?? ''),
    queryFn: () => api.get<ListResponse<Contact>>('/contacts', { organizationId, pageSize: 200, sort: 'name' }),
    enabled: Boolean(organizationId),
  });

/** Competitor organisations matching what is typed. */
export const useCompetitorOrganizations = (q: string) =>
  useQuery({
    queryKey: projectInsightKeys.competitorOrganizations(q),
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/competitor-options', { q: q || undefined }),
  });
