import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

const MAX_RETRIES = 2;

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; only flaky networks and 5xx deserve a retry.
      retry: (failureCount, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failureCount < MAX_RETRIES;
      },
    },
    // Always send: the browser's online flag is no authority on whether our own server answers, and a write held back
    // while it reads "offline" leaves a save button spinning with nothing sent. A real failure shows as an error.
    mutations: { retry: false, networkMode: 'always' },
  },
});
