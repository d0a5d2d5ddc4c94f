// The grading model (CUS-4): weights and thresholds, and a run on demand.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GradingModel, GradingModelInput } from '@openpsm/contracts';
import { api, apiRequest } from '../../lib/api-client';
import { organizationKeys } from '../organizations/organizations.api';

/** The API client has no PUT shortcut; the model is replaced whole. */
const apiPut = <T,>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body });

export const gradingKeys = { model: ['grading', 'model'] as const };

export const useGradingModel = () => useQuery({ queryKey: gradingKeys.model, queryFn: () => api.get<GradingModel>('/grading/model') });

export const useSaveGradingModel = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GradingModelInput) => apiPut<GradingModel>('/grading/model', input),
    onSuccess: (model) => queryClient.setQueryData(gradingKeys.model, model),
  });
};

export const useRunGrading = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ graded: number; changed: number }>('/grading/run'),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: gradingKeys.model });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.all });
    },
  });
};
