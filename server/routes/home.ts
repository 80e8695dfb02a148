/**
 * What someone sees who opens the server's address itself: not a questionnaire (those
 * live behind their anonymous links), but where to go next, in Dutch.
 */
import type { FastifyPluginAsync } from 'fastify';
import { html } from '../views/html.ts';
import { publicPage } from '../views/layout.ts';

const home: FastifyPluginAsync = async (app) => {
  app.get('/', async (_request, reply) => {
    const body = html`<section class="card message">
  <h1>wijkmeter</h1>
  <p>De jaarlijkse meting van sociale wijkteams: groepsdynamica, bakens van Welzijn Nieuwe Stijl en transitiecompetenties, van nulmeting tot vervolgmetingen.</p>
  <h2>Vult u de vragenlijst in?</h2>
  <p>Gebruik de link uit de uitnodiging van uw team. Uw antwoorden zijn anoniem.</p>
  <h2>Onderzoekers</h2>
  <p>Een meting zet u op met <code class="code">npm run wave -- create</code>; de links per team staan daarna klaar. De vragenlijstversies staan in <a href="/api/questionnaires">/api/questionnaires</a>. Zie de README voor export en analyse.</p>
</section>`;
    return reply.type('text/html; charset=utf-8').send(publicPage({ lang: 'nl', title: 'Welkom' }, body).value);
  });
};

export default home;
