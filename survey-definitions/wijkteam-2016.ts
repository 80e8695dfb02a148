/**
 * `wijkteam@2016` — the second wave. Repeats background, GD, WNS, TC and the open
 * question unchanged; asks the 2015 expectations as experiences; adds statements on the
 * team, feedback and the team's knowledge, and collaboration with specialist care
 * providers. Published: never edit; a change is a new version (see README.md).
 */
import { asNew, asSame, t, type TLineagePolicy, type TItemDraft, withLineage } from './build.ts';
import type { TBlockInput, TDefinitionInput, TItemInput, TLineage, TText } from './schema.ts';
import { agree5, agree5Strong, frequency5, grade10, intensity5 } from './scales.ts';
import {
  backgroundBlock,
  expStatements,
  gdBlock,
  openBlock,
  orgBlock,
  orgStatements,
  statementItem,
  tcBlock,
  wijkteamConstructGroups,
  wijkteamConstructs,
  wnsBlock,
  type TStatement,
} from './wijkteam-blocks.ts';

const expectationToExperience = t(
  'Verwachting (2015) omgezet in ervaring (2016): ‘Ik verwacht …’ werd ‘Ik merk …’.',
  'Expectation (2015) turned into experience (2016): ‘I expect …’ became ‘I notice …’.',
);

/**
 * The 2015 statements that were expectations, in their 2016 wording. Statements that
 * were not phrased as an expectation (attitudes such as "Ik vind het belangrijk …",
 * self-assessments such as "Ik heb voldoende kennis …") are asked unchanged: their
 * lineage is `same`, which keeps them comparable without a caveat.
 */
const experienceWording: Readonly<Record<string, { text: TText; note?: TText }>> = {
  'exp.more_efficient': {
    text: t(
      'Ik merk dat werken in het sociale wijkteam leidt tot een efficiëntere werkwijze.',
      'I notice that working in the social district team leads to a more efficient way of working.',
    ),
  },
  'exp.citizens_satisfied': {
    text: t(
      'Ik merk dat de nieuwe manier van werken leidt tot tevredenheid bij burgers.',
      'I notice that the new way of working leads to satisfied citizens.',
    ),
  },
  'exp.feel_comfortable': {
    text: t(
      'Ik merk dat ik mij prettig voel bij de nieuwe manier van werken.',
      'I notice that I feel comfortable with the new way of working.',
    ),
  },
  'exp.let_go_frame': {
    text: t(
      'Ik merk dat ik mijn eigen referentiekader los kan laten.',
      'I notice that I can let go of my own frame of reference.',
    ),
  },
  'exp.advocacy_room': {
    text: t(
      'Ik merk dat ik binnen het sociale wijkteam mogelijkheden heb om aandacht te besteden aan belangenbehartiging voor burgers.',
      'I notice that I have opportunities within the social district team to pay attention to advocacy for citizens.',
    ),
  },
  'exp.teach_citizens_advocacy': {
    text: t(
      'Ik merk dat ik burgers leer voor hun eigen belangen op te komen.',
      'I notice that I teach citizens to stand up for their own interests.',
    ),
  },
  // The straight rewording would duplicate gen.generalist_more_often, which 2016 adds
  // right after it; this one asks about the respondent's own work instead.
  'exp.generalist_more': {
    text: t(
      'Ik merk dat ik in mijn eigen werk vaker generalistisch werk dan voorheen.',
      'I notice that in my own work I work as a generalist more often than before.',
    ),
    note: t(
      'Verwachting omgezet in ervaring, en toegespitst op het eigen werk om de stelling te onderscheiden van gen.generalist_more_often (over de sociale wijkteams).',
      'Expectation turned into experience, and narrowed to the respondent’s own work to set it apart from gen.generalist_more_often (about the social district teams).',
    ),
  },
  'exp.task_impoverishment': {
    text: t(
      'Ik merk dat er in mijn werk sprake is van taakverschraling omdat voormalige beroepsspecifieke taken door andere disciplines worden uitgevoerd.',
      'I notice that my work has become narrower because tasks formerly specific to my profession are carried out by other disciplines.',
    ),
  },
  'exp.action_learning_helps': {
    text: t(
      'Ik merk dat de methode ‘Actie leren’ mij helpt mijn werkwijze te verbeteren.',
      'I notice that the ‘Action learning’ method helps me improve my way of working.',
    ),
  },
  'org.registration_less_time': {
    text: t('Ik merk dat registreren minder tijd kost dan voorheen.', 'I notice that registration takes less time than before.'),
  },
  'org.frameworks_clearer': {
    text: t(
      'Ik merk dat de organisatorische kaders duidelijker zijn dan voorheen.',
      'I notice that the organisational frameworks are clearer than before.',
    ),
  },
  'org.task_boundaries_clearer': {
    text: t(
      'Ik merk dat de taakafbakening voor medewerkers van het sociale wijkteam duidelijker is dan voorheen.',
      'I notice that the boundaries of the tasks of social district team members are clearer than before.',
    ),
  },
  'org.authority_clearer': {
    text: t(
      'Ik merk dat de bevoegdheden duidelijker zijn dan voorheen.',
      'I notice that who may decide what is clearer than before.',
    ),
  },
  'org.faster_decisions': {
    text: t(
      'Ik merk dat besluitvorming sneller plaatsvindt dan voorheen.',
      'I notice that decisions are made faster than before.',
    ),
  },
  'org.better_fit_citizen': {
    text: t(
      'Ik merk dat door de samenstelling van het sociale wijkteam beter aangesloten kan worden bij de burger.',
      'I notice that the composition of the social district team makes it possible to connect better with the citizen.',
    ),
  },
};

/** A 2015 statement as asked in 2016: in its experience wording if it has one, else unchanged. */
function asExperience(s: TStatement, scale: string): TItemInput {
  const reworded = experienceWording[s.id];
  if (!reworded) return statementItem(s, scale, asSame);
  const lineage: TLineage = {
    kind: 'reworded',
    from: s.id,
    note: reworded.note ?? expectationToExperience,
  };
  return statementItem({ ...s, text: reworded.text }, scale, () => lineage);
}

const generalistMoreOften = statementItem(
  {
    id: 'gen.generalist_more_often',
    theme: 'generalistisch',
    text: t(
      'Ik merk dat generalistisch werken in sociale wijkteams vaker dan voorheen plaatsvindt.',
      'I notice that generalist working happens more often than before in social district teams.',
    ),
  },
  agree5.id,
  asNew,
);

const expItems = expStatements.flatMap((s) => {
  const item = asExperience(s, agree5.id);
  // Side by side, the respondent sees the difference between own work and the teams.
  return s.id === 'exp.generalist_more' ? [item, generalistMoreOften] : [item];
});

/** An agree5 statement block of items that are new in 2016. */
function newStatementBlock(id: string, title: TText, intro: TText, statements: readonly TStatement[]): TBlockInput {
  return { id, title, intro, items: statements.map((s) => statementItem(s, agree5.id, asNew)) };
}

const agreeQuestion = t('In hoeverre bent u het ermee eens?', 'To what extent do you agree?');

const teamBlock = newStatementBlock(
  'team',
  t('Het team', 'The team'),
  t(
    `De volgende stellingen gaan over uw sociale wijkteam als geheel. ${agreeQuestion.nl}`,
    `The following statements are about your social district team as a whole. ${agreeQuestion.en}`,
  ),
  [
    {
      id: 'team.safe',
      text: t(
        'Ik voel mij binnen het team veilig om aan te geven hoe het met mij gaat.',
        'Within the team I feel safe to say how I am doing.',
      ),
    },
    { id: 'team.goal_clear', text: t('Het doel van het team is mij duidelijk.', 'The goal of the team is clear to me.') },
    {
      id: 'team.collaboration_must_improve',
      reverseKeyed: true,
      text: t(
        'Ik heb het gevoel dat de samenwerking binnen het team beter moet.',
        'I feel that collaboration within the team needs to improve.',
      ),
    },
    {
      id: 'team.problem_solving',
      text: t('Het team zet zijn probleemoplossend vermogen in.', 'The team uses its problem-solving ability.'),
    },
  ],
);

const feedbackBlock = newStatementBlock(
  'fb',
  t('Feedback in het team', 'Feedback in the team'),
  t(
    `De volgende stellingen gaan over hoe u in het team met elkaar omgaat en elkaar feedback geeft. ${agreeQuestion.nl}`,
    `The following statements are about how you deal with each other in the team and give each other feedback. ${agreeQuestion.en}`,
  ),
  [
    {
      id: 'fb.relations_allow_collaboration',
      text: t(
        'De onderlinge verhoudingen binnen het team zijn zodanig dat wij kunnen samenwerken.',
        'Relations within the team are such that we can work together.',
      ),
    },
    {
      id: 'fb.question_ways_of_working',
      text: t(
        'Het team is in staat verschillende manieren van werken ter discussie te stellen.',
        'The team is able to question different ways of working.',
      ),
    },
    { id: 'fb.opinions_voiced', text: t('In het team worden meningen uitgesproken.', 'Opinions are voiced in the team.') },
    {
      id: 'fb.hallway_feedback',
      text: t(
        'Wij geven elkaar tussen de bedrijven door (in de wandelgangen) feedback.',
        'We give each other feedback in passing (in the corridors).',
      ),
    },
    {
      id: 'fb.planned_moments',
      text: t(
        'Binnen het team zijn voldoende geplande momenten om elkaar feedback te geven.',
        'Within the team there are enough planned moments to give each other feedback.',
      ),
    },
  ],
);

const qualityBlock = newStatementBlock(
  'q',
  t('Kennis en samenstelling van het team', 'Knowledge and composition of the team'),
  t(
    `De volgende stellingen gaan over de kennis en competenties in uw team. ${agreeQuestion.nl}`,
    `The following statements are about the knowledge and competences in your team. ${agreeQuestion.en}`,
  ),
  [
    {
      id: 'q.team_handles_all_questions',
      text: t(
        'Met de huidige samenstelling kan het team alle hulpvragen oppakken.',
        'With its current composition, the team can take on every request for help.',
      ),
    },
    {
      id: 'q.own_knowledge_ok',
      text: t('Ik ben tevreden over mijn eigen kennisniveau.', 'I am satisfied with my own level of knowledge.'),
    },
    {
      id: 'q.team_knowledge_ok',
      text: t('Ik ben tevreden over het kennisniveau in het team.', 'I am satisfied with the level of knowledge in the team.'),
    },
    {
      id: 'q.team_competences_ok',
      text: t(
        'Ik ben tevreden over de aanwezige competenties in het team.',
        'I am satisfied with the competences present in the team.',
      ),
    },
  ],
);

/** Categories of specialist care providers; `partner` completes "samenwerken met …". */
const providerCategories: readonly { key: string; partner: TText }[] = [
  {
    key: 'maatschappelijke_ondersteuning',
    partner: t('aanbieders van maatschappelijke ondersteuning en zorg', 'providers of social support and care'),
  },
  {
    key: 'huishoudelijke_hulp',
    partner: t(
      'aanbieders van huishoudelijke hulp, thuiszorg en woonzorg',
      'providers of domestic help, home care and sheltered housing care',
    ),
  },
  {
    key: 'individuele_begeleiding',
    partner: t('aanbieders van individuele begeleiding', 'providers of individual support'),
  },
  {
    key: 'participatie',
    partner: t(
      'aanbieders op het gebied van participatie (bijv. werk en dagbesteding)',
      'providers in the field of participation (e.g. work and day activities)',
    ),
  },
  {
    key: 'ggz',
    partner: t('aanbieders van geestelijke gezondheidszorg (ggz)', 'mental health care providers'),
  },
  { key: 'verslavingszorg', partner: t('aanbieders van verslavingszorg', 'addiction care providers') },
  {
    key: 'jeugdbescherming_jeugdzorg',
    partner: t('jeugdbescherming en jeugdzorg', 'child protection and youth care'),
  },
  {
    key: 'vrijgevestigden',
    partner: t('vrijgevestigde hulpverleners', 'independent practitioners'),
  },
  { key: 'overig', partner: t('andere specialistische zorgaanbieders', 'other specialist care providers') },
];

/** The grade is asked right after its frequency, and only to those who collaborate at all. */
function externalCollaboration(lineage: TLineagePolicy): TBlockInput {
  const drafts: TItemDraft[] = providerCategories.flatMap((c) => {
    const frequencyId = `ext.${c.key}.frequency`;
    return [
      {
        id: frequencyId,
        kind: 'likert',
        scale: intensity5.id,
        text: t(`Hoe vaak werkt u samen met ${c.partner.nl}?`, `How often do you work with ${c.partner.en}?`),
        required: true,
      },
      {
        id: `ext.${c.key}.grade`,
        kind: 'grade',
        scale: grade10.id,
        text: t(
          `Welk rapportcijfer geeft u de samenwerking met ${c.partner.nl}?`,
          `What grade do you give your collaboration with ${c.partner.en}?`,
        ),
        required: true,
        condition: { op: 'gt', item: frequencyId, value: 0 },
      },
    ];
  });
  return {
    id: 'ext',
    title: t('Samenwerking met specialistische zorg', 'Collaboration with specialist care'),
    intro: t(
      'Hoe vaak werkt u samen met de volgende aanbieders van specialistische zorg en ondersteuning? Als u met hen samenwerkt, vragen we ook een rapportcijfer (0–10) voor die samenwerking.',
      'How often do you work with the following providers of specialist care and support? If you work with them, we also ask for a grade (0–10) for that collaboration.',
    ),
    items: withLineage(drafts, lineage),
  };
}

export const wijkteam2016: TDefinitionInput = {
  id: 'wijkteam',
  version: '2016',
  title: t('Wijkteammeting 2016', 'District team survey 2016'),
  description: t(
    'Tweede meting van de sociale wijkteams: groepsdynamica, bakens van Welzijn Nieuwe Stijl en transitiecompetenties als in 2015; de verwachtingen van 2015 gevraagd als ervaringen; samenwerking en feedback in het team; samenwerking met specialistische zorgaanbieders.',
    'Second measurement of the social district teams: group dynamics, beacons of Welzijn Nieuwe Stijl and transition competences as in 2015; the 2015 expectations asked as experiences; collaboration and feedback in the team; collaboration with specialist care providers.',
  ),
  languages: ['nl', 'en'],
  previous: 'wijkteam@2015',
  // Every 2015 item is asked again, unchanged or reworded.
  dropped: [],
  scales: [agree5, agree5Strong, frequency5, grade10, intensity5],
  constructGroups: wijkteamConstructGroups,
  constructs: wijkteamConstructs,
  blocks: [
    backgroundBlock(asSame),
    gdBlock(asSame),
    wnsBlock(asSame),
    tcBlock(asSame),
    {
      id: 'exp',
      title: t('Ervaringen', 'Experiences'),
      intro: t(
        'De volgende stellingen gaan over uw ervaringen met de nieuwe manier van werken in het sociale wijkteam. In hoeverre bent u het ermee eens?',
        'The following statements are about your experiences with the new way of working in the social district team. To what extent do you agree?',
      ),
      items: expItems,
    },
    orgBlock(orgStatements.map((s) => asExperience(s, agree5Strong.id))),
    teamBlock,
    feedbackBlock,
    qualityBlock,
    externalCollaboration(asNew),
    openBlock(asSame),
  ],
};
