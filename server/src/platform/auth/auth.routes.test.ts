// Sign-in, sessions, CSRF, lock-out, rate limit, passwords (through a real SMTP server) and API tokens.
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/test-app';

const NEW_PASSWORD = 'battery-staple-42';

type Reply = { status: number; body: any; headers: Record<string, unknown>; cookies: { name: string; value: string; httpOnly?: boolean; sameSite?: string }[] };

async function send(app: TestApp, options: InjectOptions): Promise<Reply> {
  const response = await app.app.inject(options);
  let body: unknown = response.body;
  try {
    body = response.body ? JSON.parse(response.body) : null;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.statusCode, body, headers: response.headers, cookies: response.cookies as Reply['cookies'] };
}

const loginAs = (app: TestApp, username: string, password = TEST_PASSWORD, extra: Partial<InjectOptions> = {}) =>
  send(app, { method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, ...extra });

async function auditRows(app: TestApp, action: string, actorId: string | null) {
  return app.database.query<{ action: string; details: Record<string, unknown> }>(
    'select action, details from audit_log where action = $1 and actor_id is not distinct from $2 order by id',
    [action, actorId],
  );
}

let t: TestApp;
let department: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: '3' });
  department = await t.createDepartment('华东大区');
  ids.rep = await t.createUser({ username: 'rep', departmentId: department, role: 'sales_rep', email: 'rep@example.cn' });
  ids.locky = await t.createUser({ username: 'locky', departmentId: department, role: 'sales_rep' });
  ids.changer = await t.createUser({ username: 'changer', departmentId: department, role: 'sales_rep' });
  ids.leaver = await t.createUser({ username: 'leaver', departmentId: department, role: 'sales_rep' });
});
afterAll(async () => t?.close());

describe('sign-in', () => {
  it('signs in by username and by e-mail (case-insensitive), and refuses a wrong password with an audit row', async () => {
    const byName = await loginAs(t, 'rep');
    expect(byName.status).toBe(200);
    expect(byName.body.user).toMatchObject({ id: ids.rep, username: 'rep' });
    expect(typeof byName.body.token).toBe('string');
    const byMail = await loginAs(t, 'REP@example.cn');
    expect(byMail.status).toBe(200);
    expect(byMail.body.user.id).toBe(ids.rep);

    const wrong = await loginAs(t, 'rep', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(wrong.cookies).toEqual([]);
    expect(await auditRows(t, 'login_failed', ids.rep!)).toHaveLength(1);
    const unknown = await loginAs(t, 'nobody-here');
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_credentials');
    expect((await auditRows(t, 'login_failed', null)).map((row) => row.details.login)).toContain('nobody-here');
  });

  it('locks the account after LOGIN_MAX_FAILURES failures, even for the right password, and only that account', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await loginAs(t, 'locky', 'wrong-password')).status).toBe(401);
    const locked = await loginAs(t, 'locky');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('account_locked');
    expect(Date.parse(locked.body.lockedUntil)).toBeGreaterThan(Date.now());
    expect(await auditRows(t, 'account_locked', ids.locky!)).toHaveLength(1);
    expect((await loginAs(t, 'rep')).status).toBe(200);
    // Once the lock has run out the right password works again.
    await t.database.query(`update users set locked_until = now() - interval '1 minute' where id = $1`, [ids.locky]);
    expect((await loginAs(t, 'locky')).status).toBe(200);
  });

  it('sets an HttpOnly SameSite=Lax session cookie and a readable psm_csrf cookie', async () => {
    const response = await loginAs(t, 'rep');
    const session = response.cookies.find((cookie) => cookie.name === 'psm_session');
    const csrf = response.cookies.find((cookie) => cookie.name === 'psm_csrf');
    expect(session).toMatchObject({ value: response.body.token, httpOnly: true });
    expect(session!.sameSite?.toLowerCase()).toBe('lax');
    expect(csrf?.value).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf!.sameSite?.toLowerCase()).toBe('lax');
  });

  it('a cookie-authenticated write needs the X-CSRF-Token header; a bearer token does not', async () => {
    const login = await loginAs(t, 'rep');
    const cookies = Object.fromEntries(login.cookies.map((cookie) => [cookie.name, cookie.value]));
    const patch = { method: 'PATCH' as const, url: '/api/v1/auth/me', payload: { phone: '021-5555 0101' } };
    const missing = await send(t, { ...patch, cookies });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('csrf_failed');
    const wrong = await send(t, { ...patch, cookies, headers: { 'x-csrf-token': 'forged-value' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('csrf_failed');
    const right = await send(t, { ...patch, cookies, headers: { 'x-csrf-token': cookies.psm_csrf! } });
    expect(right.status).toBe(200);
    // Reads by cookie need no header.
    expect((await send(t, { method: 'GET', url: '/api/v1/auth/me', cookies })).status).toBe(200);
    const bearer = await t.call(login.body.token, 'PATCH', '/api/v1/auth/me', { phone: '021-5555 0102' });
    expect(bearer.status).toBe(200);
  });

  it('rotates the session: signing in again with the old cookie revokes the old token', async () => {
    const first = await loginAs(t, 'rep');
    const second = await loginAs(t, 'rep', TEST_PASSWORD, { cookies: { psm_session: first.body.token } });
    expect(second.status).toBe(200);
    expect(second.body.token).not.toBe(first.body.token);
    expect((await t.call(first.body.token, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await t.call(second.body.token, 'GET', '/api/v1/auth/me')).status).toBe(200);
  });

  it('logout revokes the token', async () => {
    const token = await t.login('rep');
    expect((await t.call(token, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    const after = await t.call(token, 'GET', '/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('not_signed_in');
    expect((await t.call(null, 'POST', '/api/v1/auth/logout')).status).toBe(401);
  });

  it('a departed user cannot sign in and their organisations remain', async () => {
    const leaver = await t.login('leaver');
    const created = await t.call(leaver, 'POST', '/api/v1/organizations', { name: '杭州钢铁集团设备部', type: 'owner' });
    expect(created.status).toBe(201);
    const admin = await t.login('admin');
    expect((await t.call(admin, 'POST', `/api/v1/users/${ids.leaver}/deactivate`)).status).toBe(200);
    const refused = await loginAs(t, 'leaver');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('account_departed');
    expect((await t.call(leaver, 'GET', '/api/v1/auth/me')).status).toBe(401);
    const kept = await t.call(admin, 'GET', `/api/v1/organizations?ownerId=${ids.leaver}`);
    expect(kept.body.items.map((item: any) => item.id)).toEqual([created.body.id]);
    expect(kept.body.items[0].owner).toEqual({ id: ids.leaver, displayName: 'leaver' });
  });

  it('sends security headers', async () => {
    for (const url of ['/healthz', '/api/v1/auth/me']) {
      const response = await t.call(null, 'GET', url);
      expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const framing = `${response.headers['x-frame-options'] ?? ''} ${response.headers['content-security-policy']}`;
      expect(framing).toMatch(/SAMEORIGIN|DENY|frame-ancestors 'none'/);
    }
  });
});

describe('the current user and passwords', () => {
  it('GET /auth/me describes the user; PATCH changes the language and refuses bad input', async () => {
    const token = await t.login('rep');
    const me = await t.call(token, 'GET', '/api/v1/auth/me');
    expect(me.body).toMatchObject({ id: ids.rep, locale: 'zh-CN', departmentName: '华东大区', scopes: { organization: 'own' } });
    expect(me.body.permissions).toContain('organization.view');
    expect(me.body.permissions).not.toContain('user.view');
    const changed = await t.call(token, 'PATCH', '/api/v1/auth/me', { locale: 'en' });
    expect(changed.status).toBe(200);
    expect(changed.body.locale).toBe('en');
    expect((await t.call(token, 'GET', '/api/v1/auth/me')).body.locale).toBe('en');
    const bad = await t.call(token, 'PATCH', '/api/v1/auth/me', { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('locale');
    const admin = await t.login('admin');
    const taken = await t.call(admin, 'PATCH', '/api/v1/auth/me', { email: 'rep@example.cn' });
    expect(taken.status).toBe(400);
    expect(taken.body.errors[0]).toMatchObject({ path: 'email', code: 'email_taken' });
  });

  it('change-password refuses a wrong current password and, on success, ends the other sessions', async () => {
    const current = await t.login('changer');
    const other = await t.login('changer');
    const wrong = await t.call(current, 'POST', '/api/v1/auth/change-password', { currentPassword: 'guess-guess', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('password_wrong');
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'password_wrong' })]);
    const short = await t.call(current, 'POST', '/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toMatchObject({ path: 'newPassword', code: 'password_too_short' });
    expect((await t.call(other, 'GET', '/api/v1/auth/me')).status).toBe(200);

    const changed = await t.call(current, 'POST', '/api/v1/auth/change-password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    expect((await t.call(current, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await t.call(other, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await loginAs(t, 'changer')).status).toBe(401);
    expect((await loginAs(t, 'changer', NEW_PASSWORD)).status).toBe(200);
  });

  it('without SMTP_URL a reset mail lands in the outbox, which only administrators read', async () => {
    expect((await t.call(null, 'POST', '/api/v1/auth/forgot-password', { login: 'rep' })).status).toBe(202);
    const admin = await t.login('admin');
    const outbox = await t.call(admin, 'GET', '/api/v1/outbox');
    expect(outbox.status).toBe(200);
    const mail = outbox.body.items.find((item: any) => item.to === 'rep@example.cn');
    expect(mail).toMatchObject({ sentAt: null, error: null });
    expect(mail.text).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{40,}/);
    const asRep = await t.call(await t.login('rep'), 'GET', '/api/v1/outbox');
    expect(asRep.status).toBe(403);
    expect(asRep.body.code).toBe('forbidden');
    // A sales director reads the configuration, but the reset links would let them sign in as anyone.
    await t.createUser({ username: 'outbox_director', departmentId: department, role: 'sales_director' });
    const asDirector = await t.call(await t.login('outbox_director'), 'GET', '/api/v1/outbox');
    expect(asDirector.status).toBe(403);
  });
});

describe('API tokens', () => {
  it('creates a token that works as a bearer, lists it, and revokes it', async () => {
    const session = await t.login('rep');
    const created = await t.call(session, 'POST', '/api/v1/auth/api-tokens', { name: '报表脚本', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const { token, apiToken } = created.body;
    expect(apiToken.name).toBe('报表脚本');
    expect(Date.parse(apiToken.expiresAt)).toBeGreaterThan(Date.now());
    expect((await t.call(token, 'GET', '/api/v1/auth/me')).body.id).toBe(ids.rep);
    const listed = await t.call(session, 'GET', '/api/v1/auth/api-tokens');
    expect(listed.body.items.map((item: any) => item.id)).toContain(apiToken.id);
    expect((await t.call(null, 'POST', '/api/v1/auth/api-tokens', { name: 'x' })).status).toBe(401);
    expect((await t.call(session, 'POST', '/api/v1/auth/api-tokens', { name: '' })).status).toBe(400);

    // Someone else cannot revoke it, and does not learn that it exists.
    const stranger = await t.call(await t.login('admin'), 'DELETE', `/api/v1/auth/sessions/${apiToken.id}`);
    expect(stranger.status).toBe(404);
    expect((await t.call(token, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await t.call(session, 'DELETE', `/api/v1/auth/sessions/${apiToken.id}`)).status).toBe(204);
    expect((await t.call(token, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await t.call(session, 'DELETE', `/api/v1/auth/sessions/${apiToken.id}`)).status).toBe(404);
    expect((await auditRows(t, 'session_revoked', ids.rep!)).length).toBe(1);
  });
});

describe('per-IP rate limit on sign-in', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(async () => limited?.close());

  it('answers the 4th attempt within a minute with 429 rate_limited, even with the right password', async () => {
    const from = (ip: string, password: string) => loginAs(limited, 'admin', password, { remoteAddress: ip });
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await from('10.1.1.1', 'wrong-password')).status).toBe(401);
    const fourth = await from('10.1.1.1', TEST_PASSWORD);
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe('rate_limited');
    expect(fourth.headers['content-type']).toContain('application/problem+json');
    // Another address has its own allowance.
    expect((await from('10.2.2.2', TEST_PASSWORD)).status).toBe(200);
  });
});

describe('password reset through a real SMTP server', () => {
  let mailer: TestApp;
  let smtp: SMTPServer;
  const mails: string[] = [];

  /** The plain text of a captured message, whichever transfer encoding nodemailer chose. */
  function mailText(raw: string): string {
    const split = raw.indexOf('\r\n\r\n');
    const headers = raw.slice(0, split);
    const body = raw.slice(split + 4);
    if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
    if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    return body;
  }

  async function requestToken(login: string): Promise<string> {
    const before = mails.length;
    expect((await mailer.call(null, 'POST', '/api/v1/auth/forgot-password', { login })).status).toBe(202);
    await expect.poll(() => mails.length, { timeout: 5000 }).toBe(before + 1);
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mailText(mails.at(-1)!))?.[1];
    expect(token).toBeTruthy();
    return token!;
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    mailer = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    const department = await mailer.createDepartment('华北大区');
    await mailer.createUser({ username: 'forgetful', departmentId: department, role: 'sales_rep', email: 'forgetful@example.cn' });
  });
  afterAll(async () => {
    await mailer?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('mails a one-time link: the token resets the password once, then is refused', async () => {
    const session = await mailer.login('forgetful');
    const token = await requestToken('forgetful@example.cn');
    expect(mails.at(-1)).toMatch(/^To: forgetful@example\.cn/im);
    const reset = await mailer.call(null, 'POST', '/api/v1/auth/reset-password', { token, newPassword: NEW_PASSWORD });
    expect(reset.status).toBe(204);
    expect((await mailer.call(session, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await loginAs(mailer, 'forgetful')).status).toBe(401);
    expect((await loginAs(mailer, 'forgetful', NEW_PASSWORD)).status).toBe(200);
    const again = await mailer.call(null, 'POST', '/api/v1/auth/reset-password', { token, newPassword: 'another-password-1' });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('reset_token_invalid');
    expect((await loginAs(mailer, 'forgetful', NEW_PASSWORD)).status).toBe(200);
    const outbox = await mailer.call(await mailer.login('admin'), 'GET', '/api/v1/outbox');
    expect(outbox.body.items[0]).toMatchObject({ to: 'forgetful@example.cn', error: null });
    expect(outbox.body.items[0].sentAt).not.toBeNull();
  });

  it('refuses an expired token', async () => {
    const token = await requestToken('forgetful');
    await mailer.database.query(`update password_resets set expires_at = now() - interval '1 minute' where used_at is null`);
    const expired = await mailer.call(null, 'POST', '/api/v1/auth/reset-password', { token, newPassword: 'too-late-password' });
    expect(expired.status).toBe(422);
    expect(expired.body.code).toBe('reset_token_invalid');
    expect((await loginAs(mailer, 'forgetful', NEW_PASSWORD)).status).toBe(200);
  });

  it('answers 202 for an unknown login and sends nothing', async () => {
    const before = mails.length;
    const outboxBefore = (await mailer.database.query<{ n: number }>('select count(*)::int as n from outbox_mails'))[0]!.n;
    expect((await mailer.call(null, 'POST', '/api/v1/auth/forgot-password', { login: 'ghost@example.cn' })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mails.length).toBe(before);
    expect((await mailer.database.query<{ n: number }>('select count(*)::int as n from outbox_mails'))[0]!.n).toBe(outboxBefore);
  });
});
