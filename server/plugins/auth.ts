/**
 * Who is asking: resolves `Authorization: Bearer <token>` (a personal API token, stored
 * as a hash) into `request.principal`. Sessions from the workspace login set the same
 * field. The checks themselves live in auth/access.ts.
 */
import fp from 'fastify-plugin';
import type { TPrincipal } from '../auth/access.ts';
import { userByApiToken, type TUser } from '../services/users.ts';

export function principalOf(user: TUser, via: TPrincipal['via']): TPrincipal {
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    programmeIds: user.programmeIds,
    via,
  };
}

const BEARER = /^Bearer\s+(\S{10,200})$/i;

export default fp(
  async (app) => {
    app.decorateRequest('principal', undefined);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (typeof header !== 'string') return;
      const match = BEARER.exec(header);
      if (!match) return;
      const user = await userByApiToken(app.db, match[1]!);
      // An unknown or revoked token is simply nobody: the route answers 401.
      if (user && !user.disabled) request.principal = principalOf(user, 'token');
    });
  },
  { name: 'auth', dependencies: ['database'] },
);
