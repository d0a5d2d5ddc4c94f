// Team visibility (ACT-5) and the coaching view (ACT-3): query keys and hooks.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Coaching, IdleOrganizationList, TeamActivity } from '@openpsm/contracts';
import { api } from '../../lib/api-client';

export type TeamActivityFilters = { from: string; to: string; departmentId?: string; idleDays: number };

export const teamActivityKeys = {
  all: ['team-activity'] as const,
  report: (filters: TeamActivityFilters) => [...teamActivityKeys.all, 'report', filters] as const,
  idle: (userId: string, idleDays: number) => [...teamActivityKeys.all, 'idle', userId, idleDays] as const,
};

/** Under the `coaching` prefix, which a new comment invalidates (the comment thread knows that prefix). */
export const coachingKeys = {
  all: ['coaching'] as const,
  view: (userId: string, days: number) => [...coachingKeys.all, userId, days] as const,
};

export const useTeamActivity = (filters: TeamActivityFilters) =>
  useQuery({
    queryKey: teamActivityKeys.report(filters),
    queryFn: ({ signal }) => api.get<TeamActivity>('/team-activity', filters, signal),
    // Changing the period keeps the old table on screen (dimmed by the loading state) instead of a blank.
    placeholderData: keepPreviousData,
  });

export const useIdleOrganizations = (userId: string | null, idleDays: number) =>
  useQuery({
    queryKey: teamActivityKeys.idle(userId ?? '', idleDays),
    queryFn: ({ signal }) => api.get<IdleOrganizationList>('/team-activity/idle-organizations', { userId: userId ?? '', idleDays }, signal),
    enabled: Boolean(userId),
  });

export const useCoaching = (userId: string, days: number) =>
  useQuery({
    queryKey: coachingKeys.view(userId, days),
    queryFn: ({ signal }) => api.get<Coaching>('/coaching', { userId, days }, signal),
    placeholderData: keepPreviousData,
  });
