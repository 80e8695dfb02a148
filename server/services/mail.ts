/**
 * Outgoing e-mail (invitations, password links) through nodemailer, when SMTP_URL is
 * set. Without it, the workspace shows the link to the admin to pass on instead.
 */
import nodemailer from 'nodemailer';
import type { TConfig } from '../config.ts';

export interface TMailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export function createMailer(config: TConfig): TMailer | undefined {
  if (!config.SMTP_URL) return undefined;
  const transport = nodemailer.createTransport(config.SMTP_URL);
  const from = config.MAIL_FROM ?? 'wijkmeter <noreply@localhost>';
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
