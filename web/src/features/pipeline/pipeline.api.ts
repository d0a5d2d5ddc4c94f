// The pipeline board (PRJ-11): the board of a process, a column's next cards, and moving a card (the advance action).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdvanceInput, PipelineBoard, PipelineColumnPage } from '@openpsm/contracts';
import { api } from '../../lib/api-client';
import type { QueryParams } from '../../lib/api-client';

export type BoardFilters = {
  processId?: string;
  owner?: string;
  department?: string;
  productLine?: string;
  amountMin?: string;
  amountMax?: string;
  expectedFrom?: string;
  expectedTo?: string;
  grade?: string;
  healthMin?: number;
  sort?: 'amount' | 'expectedSignDate';
};

export const pipelineKeys = {
  all: ['pipeline'] as const,
  board: (filters: BoardFilters) => [...pipelineKeys.all, 'board', filters] as const,
};

export const usePipelineBoard = (filters: BoardFilters) =>
  useQuery({
    queryKey: pipelineKeys.board(filters),
    queryFn: ({ signal }) => api.get<PipelineBoard>('/pipeline/board', filters as QueryParams, signal),
    placeholderData: keepPreviousData,
  });

export const fetchColumnPage = (stageId: string, offset: number, filters: BoardFilters) => {
  const { processId: _processId, ...rest } = filters;
  return api.get<PipelineColumnPage>('/pipeline/board/column', { ...rest, stageId, offset } as QueryParams);
};

/** POST /projects/:id/advance (the methodology module's action): 422 stage_gate_unmet lists the unmet criteria. */
export const useAdvanceFromBoard = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, ...input }: AdvanceInput & { projectId: string }) => api.post<unknown>(`/projects/${projectId}/advance`, input),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
};
