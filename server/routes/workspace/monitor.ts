/**
 * The response monitor of a wave. Counts only, never answers, so `results` suffices:
 * managers may follow the response of their programme too (see services/progress.ts on
 * why counts below the threshold are shown).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireWaveAccess } from '../../auth/access.ts';
import { waveProgress } from '../../services/progress.ts';
import { waveDetail } from '../../services/wave-admin.ts';
import { waveMessages } from '../../views/workspace/messages-waves.ts';
import { monitorBody } from '../../views/workspace/monitor-page.ts';
import { langOf, sendFramed } from './setup-common.ts';
import { ZIdParams } from './setup-forms.ts';

const monitor: FastifyPluginAsyncZod = async (app) => {
  app.get('/metingen/:id/respons', { schema: { params: ZIdParams } }, async (request, reply) => {
    const { id } = request.params;
    await requireWaveAccess(request, id, 'results');
    const lang = langOf(request);
    const t = waveMessages(lang);
    const [wave, progress] = await Promise.all([waveDetail(app.db, id), waveProgress(app.db, id)]);
    const crumbs = [
      { label: t.programmes, href: '/werkruimte/programmas' },
      { label: wave.programmeName, href: `/werkruimte/programmas/${wave.programmeId}` },
      { label: wave.label, href: `/werkruimte/metingen/${id}` },
    ];
    const body = monitorBody(t, lang, progress, wave.programmeName);
    return sendFramed(request, reply, 200, {
      title: `${t.monitor}: ${wave.label}`,
      crumbs,
      body,
      scripts: ['/static/monitor.js'],
    });
  });
};

export default monitor;
