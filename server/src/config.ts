// The only reader of process.env: parsed once, fails fast with every problem named.
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((value) => value === '1' || value === 'true');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  DEMO_DATA: booleanFlag.default(true),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('OpenPSM <no-reply@openpsm.local>'),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(20),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  JOBS: booleanFlag.default(true),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  ATTACHMENT_MAX_MB: z.coerce.number().min(0.001).max(200).default(20),
}).refine((value) => value.WORKERS === 1 || value.DATABASE_URL, {
  path: ['WORKERS'],
  message: 'several workers need PostgreSQL (DATABASE_URL): the embedded database allows one process',
});

export type AppConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  demoData: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string | undefined;
  sessionDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimit: number;
  trustProxy: boolean;
  logLevel: string;
  webDist: string;
  jobs: boolean;
  /** Server processes sharing the port (node:cluster), to use more than one core; PostgreSQL only. */
  workers: number;
  /** Largest attachment accepted (tender documents …), in bytes. */
  attachmentMaxBytes: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    adminPassword: value.ADMIN_PASSWORD,
    demoData: value.DEMO_DATA,
    smtpUrl: value.SMTP_URL,
    mailFrom: value.MAIL_FROM,
    publicUrl: value.PUBLIC_URL,
    sessionDays: value.SESSION_DAYS,
    loginMaxFailures: value.LOGIN_MAX_FAILURES,
    loginLockMinutes: value.LOGIN_LOCK_MINUTES,
    loginRateLimit: value.LOGIN_RATE_LIMIT,
    trustProxy: value.TRUST_PROXY,
    logLevel: value.LOG_LEVEL,
    webDist: path.resolve(value.WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
    jobs: value.JOBS,
    workers: value.WORKERS,
    attachmentMaxBytes: Math.round(value.ATTACHMENT_MAX_MB * 1024 * 1024),
  };
}
