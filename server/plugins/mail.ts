/** `app.mailer`: outgoing e-mail when SMTP_URL is set, else undefined (see services/mail.ts). */
import fp from 'fastify-plugin';
import { createMailer, type TMailer } from '../services/mail.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mailer: TMailer | undefined;
  }
}

export default fp(
  async (app) => {
    app.decorate('mailer', createMailer(app.config));
  },
  { name: 'mail' },
);
