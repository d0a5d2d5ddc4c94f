// Outgoing mail: every message is kept in the outbox; with SMTP_URL it is also sent.
import { desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import { outboxMails } from './notify.table';

export type Mail = { to: string; subject: string; text: string };

const transports = new Map<string, nodemailer.Transporter>();
function transportFor(url: string) {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

export async function sendMail(db: Db, config: AppConfig, mail: Mail): Promise<void> {
  const [row] = await db.insert(outboxMails).values(mail).returning({ id: outboxMails.id });
  if (!config.smtpUrl || !row) return;
  try {
    await transportFor(config.smtpUrl).sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
    await db.update(outboxMails).set({ sentAt: new Date() }).where(eq(outboxMails.id, row.id));
  } catch (error) {
    // The mail stays in the outbox with the reason, visible to administrators.
    await db.update(outboxMails).set({ error: String((error as Error).message).slice(0, 500) }).where(eq(outboxMails.id, row.id));
  }
}

export async function listOutbox(db: DbOrTx, page: number, pageSize: number) {
  const rows = await db.select().from(outboxMails).orderBy(desc(outboxMails.createdAt)).limit(pageSize).offset((page - 1) * pageSize);
  const total = (await db.$count(outboxMails)) ?? 0;
  return {
    items: rows.map((row) => ({
      id: row.id,
      to: row.to,
      subject: row.subject,
      text: row.text,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      error: row.error,
    })),
    total,
    page,
    pageSize,
  };
}
