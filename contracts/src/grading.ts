// Customer grading (CUS-4): weighted indicators → a score of 0–100 → A / B / C by two thresholds.
import { z } from 'zod';
import { versionSchema } from './common';

export const gradingIndicators = ['revenue', 'profit', 'frequency', 'potential'] as const;
export type GradingIndicator = (typeof gradingIndicators)[number];

const weight = z.number().int('integer').min(0).max(100);
const threshold = z.number().min(0).max(100);

export const gradingWeightsSchema = z.object({ revenue: weight, profit: weight, frequency: weight, potential: weight });

const gradingModelFields = z.object({
  weights: gradingWeightsSchema,
  /** Score at or above `a` is grade A; at or above `b` grade B; below it C. */
  thresholds: z.object({ a: threshold, b: threshold }),
});

export const gradingModelSchema = gradingModelFields.extend({
  version: z.number().int(),
  /** When the grading job last ran. */
  lastRunAt: z.string().nullable(),
});
export type GradingModel = z.infer<typeof gradingModelSchema>;

export const gradingModelInputSchema = gradingModelFields
  .extend({ version: versionSchema })
  .refine((model) => Object.values(model.weights).some((value) => value > 0), { path: ['weights'], message: 'weights_all_zero' })
  .refine((model) => model.thresholds.a > model.thresholds.b, { path: ['thresholds', 'a'], message: 'threshold_order' });
export type GradingModelInput = z.infer<typeof gradingModelInputSchema>;

export const gradingRunResultSchema = z.object({ graded: z.number().int(), changed: z.number().int() });
