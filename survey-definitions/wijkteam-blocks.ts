/**
 * The content the wijkteam versions share: background, group dynamics (GD), the
 * beacons of Welzijn Nieuwe Stijl (WNS), transition competences (TC), the statements of
 * EXP and ORG in their 2015 wording, the open question, and the constructs scored on
 * them. Each version file builds its blocks from here with its own lineage policy.
 *
 * Everything below is asked in a published version: changing a text here changes
 * `wijkteam@2015` and `wijkteam@2016`, which the pinned content hashes in the tests
 * refuse. A new version that needs different wording copies the table it changes into
 * its own file. Ids, wording and constructs follow the instrument codebook.
 */
import { gapConstruct, groupOf, meanConstruct, t, twins, withLineage, type TLineagePolicy } from './build.ts';
import type { TBlockInput, TCondition, TItemInput, TText } from './schema.ts';

// ---------------------------------------------------------------------------------------
// Constructs. Phases, beacons and competences are listed here as data, in the order the
// reports print them; code elsewhere reads them from the definition.

/**
 * Levine's phases as the 2015 report profiles them: its two crises (authority,
 * intimacy) appear as phases of their own (codebook, block GD).
 */
const levinePhases = [
  { id: 'levine.parallel', label: t('Parallelfase', 'Parallel phase') },
  { id: 'levine.authority', label: t('Autoriteitsfase', 'Authority phase') },
  { id: 'levine.inclusion', label: t('Opnemingsfase', 'Inclusion phase') },
  { id: 'levine.intimacy', label: t('Intimiteitsfase', 'Intimacy phase') },
  { id: 'levine.mutuality', label: t('Wederkerigheidsfase', 'Mutuality phase') },
] as const;

const gdScores = [
  {
    id: 'gd.self_efficacy',
    label: t('Interpersoonlijke self-efficacy', 'Interpersonal self-efficacy'),
  },
  /** The report's "Totaal gemiddelde": all twelve now-items, not the mean of the phases. */
  { id: 'gd.total', label: t('Totaal gemiddelde', 'Overall mean') },
] as const;

const GD_TOTAL = 'gd.total';
const IMPORTANCE = '.importance';

const levineConstructs = levinePhases.map((p) => meanConstruct(p.id, 'levine', p.label));
const gdConstructs = gdScores.map((c) => meanConstruct(c.id, 'gd', c.label));
const importanceConstructs = [...levinePhases, ...gdScores].map((c) =>
  meanConstruct(c.id + IMPORTANCE, 'gd_importance', t(`${c.label.nl} (belang)`, `${c.label.en} (importance)`)),
);

/** The eight beacons in their official numbering (Bussemaker 2010; VWS 2011). */
const beacons = [
  { n: 1, label: t('Gericht op de vraag achter de vraag', 'Aimed at the question behind the question') },
  { n: 2, label: t('Gebaseerd op de eigen kracht van de burger', "Based on the citizen's own strength") },
  { n: 3, label: t('Direct er op af', 'Going straight to it') },
  { n: 4, label: t('Formeel en informeel in optimale verhouding', 'Formal and informal in optimal balance') },
  { n: 5, label: t('Doordachte balans van collectief en individueel', 'A considered balance of collective and individual') },
  { n: 6, label: t('Integraal werken', 'Integrated working') },
  { n: 7, label: t('Niet vrijblijvend, maar resultaatgericht', 'Not without obligation, but result-oriented') },
  { n: 8, label: t('Gebaseerd op ruimte voor de professional', 'Based on room for the professional') },
] as const;

const bakenId = (n: number): string => `baken.${n}`;
const bakenConstructs = beacons.map((b) =>
  // The number stays in the label: another ordering of the same beacons circulates
  // (the HAN reflector), and a chart must not be read against the wrong one.
  meanConstruct(bakenId(b.n), 'baken', t(`${b.n}. ${b.label.nl}`, `${b.n}. ${b.label.en}`)),
);

/** The 14 transition competences, in the order of the 2015 report's table. */
const competences = [
  { key: 'curious', name: t('Nieuwsgierig zijn', 'Being curious') },
  { key: 'open_questions', name: t('Onbevangen vragen stellen', 'Asking questions without preconceptions') },
  { key: 'analysing', name: t('Analyseren van situaties/kwesties', 'Analysing situations and issues') },
  { key: 'reflective', name: t('Reflectief vermogen aanwenden', 'Using reflective ability') },
  { key: 'integral_thinking', name: t('Integraal denken', 'Integrated thinking') },
  { key: 'inquiring', name: t('Onderzoekend vermogen gebruiken', 'Using inquiring ability') },
  { key: 'creativity', name: t('Creativiteit aanwenden', 'Using creativity') },
  { key: 'persuasion', name: t('Overtuigingskracht en lef hebben', 'Having persuasiveness and nerve') },
  { key: 'networking', name: t('Netwerken en lobbyen', 'Networking and lobbying') },
  { key: 'patterns', name: t('Patronen herkennen', 'Recognising patterns') },
  { key: 'innovative', name: t('Innoverend vermogen inzetten', 'Using innovative ability') },
  { key: 'results_insight', name: t('Inzicht geven in resultaten', 'Providing insight into results') },
  { key: 'mobilising', name: t('Mobiliserend vermogen gebruiken', 'Using mobilising ability') },
  { key: 'entrepreneurship', name: t('Ondernemerschap aan de dag leggen', 'Showing entrepreneurship') },
] as const;

const TC_NOW = 'tc.now';
const TC_TARGET = 'tc.target';
const tcNowId = (key: string): string => `tc.${key}.now`;
const tcTargetId = (key: string): string => `tc.${key}.target`;

const tcConstructs = [
  meanConstruct(TC_NOW, 'tc', t('Huidig niveau (ik beschik over)', 'Current level (I have)')),
  meanConstruct(TC_TARGET, 'tc', t('Gewenst niveau (ik wil toewerken naar)', 'Target level (I want to work towards)')),
];
const tcGapConstructs = competences.map((c) =>
  gapConstruct(`tc.gap.${c.key}`, 'tc_gap', c.name, tcNowId(c.key), tcTargetId(c.key)),
);

/** Every construct of the wijkteam versions, in report order. */
export const wijkteamConstructs = [
  ...levineConstructs,
  ...gdConstructs,
  ...importanceConstructs,
  ...bakenConstructs,
  ...tcConstructs,
  ...tcGapConstructs,
];

/** The report's tables, in the order the report prints them. */
export const wijkteamConstructGroups = [
  groupOf(
    'levine',
    t('Groepsdynamica: fasen van Levine', "Group dynamics: Levine's phases"),
    levineConstructs,
    t(
      'Fasen van groepsontwikkeling (Levine, naar Remmerswaal); de autoriteits- en intimiteitscrisis als eigen fase. Alleen medewerkers.',
      'Phases of group development (Levine, after Remmerswaal); the authority and intimacy crises profiled as phases. Staff members only.',
    ),
  ),
  groupOf(
    'gd',
    t('Groepsdynamica: self-efficacy en totaal', 'Group dynamics: self-efficacy and total'),
    gdConstructs,
    t(
      'Het totaal is het gemiddelde van alle twaalf stellingen (fasen en self-efficacy), niet van de fasescores.',
      'The total is the mean of all twelve statements (phases and self-efficacy), not of the phase scores.',
    ),
  ),
  groupOf(
    'gd_importance',
    t('Belang van samenwerking', 'Importance of collaboration'),
    importanceConstructs,
    t(
      'Dezelfde berekening op de belang-stellingen ("Ik vind het belangrijk dat …").',
      'The same computation on the importance statements ("I find it important that …").',
    ),
  ),
  groupOf(
    'baken',
    t('Bakens Welzijn Nieuwe Stijl', 'Beacons of Welzijn Nieuwe Stijl'),
    bakenConstructs,
    t('In de officiële nummering van de bakens.', 'In the official numbering of the beacons.'),
  ),
  groupOf('tc', t('Transitiecompetenties', 'Transition competences'), tcConstructs),
  groupOf(
    'tc_gap',
    t('Verschilscore transitiecompetenties', 'Transition competences: gap'),
    tcGapConstructs,
    t(
      'Gewenst min huidig niveau, per respondent berekend en dan gemiddeld; in cijferpunten.',
      'Target minus current level, computed per respondent and then averaged; in grade points.',
    ),
  ),
];

// ---------------------------------------------------------------------------------------
// Background

/** Asked first: the GD block's condition refers to the function. */
export function backgroundBlock(lineage: TLineagePolicy): TBlockInput {
  return {
    id: 'bg',
    title: t('Over u', 'About you'),
    intro: t(
      'Eerst enkele vragen over uzelf en uw team. De vragenlijst is anoniem: uw teamleider ziet alleen resultaten van het hele team, nooit uw eigen antwoorden, en resultaten van een groep met te weinig respondenten worden niet getoond. Alleen team en functie zijn verplicht.',
      'First a few questions about yourself and your team. The questionnaire is anonymous: your team leader only sees results for the whole team, never your own answers, and results for a group with too few respondents are not shown. Only team and function are required.',
    ),
    items: withLineage(
      [
        {
          id: 'bg.team',
          kind: 'team',
          text: t('In welk sociaal wijkteam werkt u?', 'Which social district team do you work in?'),
          help: t(
            'Bent u via de link van uw team gekomen, dan is dit al ingevuld.',
            "If you came in through your team's link, this is already filled in.",
          ),
          required: true,
        },
        {
          id: 'bg.function',
          kind: 'single_choice',
          text: t('Wat is uw functie?', 'What is your position?'),
          required: true,
          options: [
            { value: 'medewerker', label: t('Medewerker sociaal wijkteam', 'Social district team member') },
            { value: 'teamleider', label: t('Teamleider', 'Team leader') },
            {
              value: 'overig',
              label: t(
                'Overig (bijv. maatschappelijk werker, werkbegeleider, inhoudelijk ondersteuner, wijkverpleegkundige)',
                'Other (e.g. social worker, work supervisor, professional support, district nurse)',
              ),
            },
          ],
        },
        {
          id: 'bg.gender',
          kind: 'single_choice',
          text: t('Wat is uw geslacht?', 'What is your gender?'),
          required: false,
          options: [
            { value: 'man', label: t('Man', 'Male') },
            { value: 'vrouw', label: t('Vrouw', 'Female') },
            { value: 'anders', label: t('Anders', 'Other') },
            { value: 'zeg_ik_liever_niet', label: t('Zeg ik liever niet', 'I would rather not say') },
          ],
        },
        {
          id: 'bg.age',
          kind: 'number',
          text: t('Wat is uw leeftijd?', 'How old are you?'),
          required: false,
          min: 16,
          max: 80,
          unit: t('jaar', 'years'),
        },
        {
          id: 'bg.experience',
          kind: 'number',
          text: t(
            'Hoeveel jaar werkervaring hebt u in het sociaal domein?',
            'How many years of work experience do you have in the social domain?',
          ),
          required: false,
          min: 0,
          max: 50,
          unit: t('jaar', 'years'),
        },
        {
          id: 'bg.organisation',
          kind: 'single_choice',
          text: t(
            'Bij welke organisatie bent u in dienst (uw moederorganisatie)?',
            'Which organisation employs you (your parent organisation)?',
          ),
          help: t(
            'De organisatie van waaruit u in het sociale wijkteam werkt.',
            'The organisation from which you work in the social district team.',
          ),
          required: false,
          options: [
            { value: 'gemeente', label: t('Gemeente', 'Municipality') },
            { value: 'welzijn', label: t('Welzijnsorganisatie', 'Welfare organisation') },
            { value: 'jeugdzorg', label: t('Jeugdzorg', 'Youth care') },
            { value: 'mee', label: t('MEE', 'MEE') },
            {
              value: 'zorg',
              label: t(
                'Zorgorganisatie (bijv. thuiszorg, wijkverpleging, ggz)',
                'Care organisation (e.g. home care, district nursing, mental health care)',
              ),
            },
            { value: 'overig', label: t('Andere organisatie', 'Other organisation') },
          ],
        },
      ],
      lineage,
    ),
  };
}

// ---------------------------------------------------------------------------------------
// Block GD — group dynamics and interpersonal self-efficacy

/** Team leaders did not answer this block in 2015 (the reason N differs between tables). */
export const onlyStaffMembers: TCondition = { op: 'eq', item: 'bg.function', value: 'medewerker' };

interface TGdStatement {
  id: string;
  /** The mean construct the statement scores in; its importance twin scores in `<score>.importance`. */
  score: string;
  now: TText;
  importance: TText;
  /** High agreement with the now-statement is unfavourable. */
  reverseKeyed?: boolean;
}

const gdStatements: readonly TGdStatement[] = [
  {
    id: 'gd.parallel.goal_clear',
    score: 'levine.parallel',
    now: t(
      'Bij de start van het sociale wijkteam stond mij het doel helder voor ogen.',
      'When the social district team started, its goal was clear to me.',
    ),
    importance: t(
      'Ik vind het belangrijk dat bij de start van het sociale wijkteam het doel helder is.',
      'I find it important that the goal is clear when the social district team starts.',
    ),
  },
  {
    id: 'gd.parallel.room_to_meet',
    score: 'levine.parallel',
    now: t(
      'Bij het vormen van het sociale wijkteam was er ruimte om elkaar te leren kennen.',
      'When the social district team was formed, there was room to get to know each other.',
    ),
    importance: t(
      'Ik vind het belangrijk dat er bij het vormen van het team ruimte is om elkaar te leren kennen.',
      'I find it important that there is room to get to know each other when the team is formed.',
    ),
  },
  {
    id: 'gd.authority.own_ideas',
    score: 'levine.authority',
    now: t(
      'Ik ervaar ruimte om zelf met ideeën en oplossingen te komen.',
      'I experience room to come up with ideas and solutions myself.',
    ),
    importance: t(
      'Ik vind het belangrijk dat er ruimte is om zelf met ideeën en oplossingen te komen.',
      'I find it important that there is room to come up with ideas and solutions myself.',
    ),
  },
  {
    id: 'gd.authority.address_behaviour',
    score: 'levine.authority',
    now: t(
      'In het team spreken we elkaar aan op ieders gedrag.',
      'In the team we speak to each other about everyone’s behaviour.',
    ),
    importance: t(
      'Ik vind het belangrijk dat we elkaar aanspreken op ieders gedrag.',
      'I find it important that we speak to each other about everyone’s behaviour.',
    ),
  },
  {
    id: 'gd.inclusion.subgroups',
    score: 'levine.inclusion',
    now: t('Ik merk dat er subgroepen ontstaan.', 'I notice that subgroups are forming.'),
    importance: t(
      'Ik vind het belangrijk dat het mogelijk is om subgroepen te vormen.',
      'I find it important that it is possible to form subgroups.',
    ),
    reverseKeyed: true,
  },
  {
    id: 'gd.intimacy.safe_to_share',
    score: 'levine.intimacy',
    now: t('Ik voel mij veilig om aan te geven hoe het met mij gaat.', 'I feel safe to say how I am doing.'),
    importance: t(
      'Ik vind het belangrijk dat ik mij veilig voel om aan te geven hoe het gaat.',
      'I find it important that I feel safe to say how I am doing.',
    ),
  },
  {
    id: 'gd.intimacy.disagreements_voiced',
    score: 'levine.intimacy',
    now: t('Meningsverschillen kunnen worden uitgesproken.', 'Disagreements can be voiced.'),
    importance: t(
      'Ik vind het belangrijk dat meningsverschillen worden uitgesproken.',
      'I find it important that disagreements are voiced.',
    ),
  },
  {
    id: 'gd.mutuality.collaboration_natural',
    score: 'levine.mutuality',
    now: t('Samenwerken gaat als vanzelf.', 'Working together comes naturally.'),
    importance: t(
      'Ik vind het belangrijk dat samenwerken als vanzelf gaat.',
      'I find it important that working together comes naturally.',
    ),
  },
  {
    id: 'se.colleague_help',
    score: 'gd.self_efficacy',
    now: t('Ik kan een collega om hulp vragen.', 'I can ask a colleague for help.'),
    importance: t(
      'Ik vind het belangrijk dat ik een collega om hulp kan vragen.',
      'I find it important that I can ask a colleague for help.',
    ),
  },
  {
    id: 'se.colleague_advice',
    score: 'gd.self_efficacy',
    now: t('Ik kan een collega om advies vragen.', 'I can ask a colleague for advice.'),
    importance: t(
      'Ik vind het belangrijk dat ik een collega om advies kan vragen.',
      'I find it important that I can ask a colleague for advice.',
    ),
  },
  {
    id: 'se.teamleader_advice',
    score: 'gd.self_efficacy',
    now: t('Ik kan mijn teamleider om advies vragen.', 'I can ask my team leader for advice.'),
    importance: t(
      'Ik vind het belangrijk dat ik mijn teamleider om advies kan vragen.',
      'I find it important that I can ask my team leader for advice.',
    ),
  },
  {
    id: 'se.teamleader_problems',
    score: 'gd.self_efficacy',
    now: t('Ik kan problemen met mijn teamleider bespreken.', 'I can discuss problems with my team leader.'),
    importance: t(
      'Ik vind het belangrijk dat het mogelijk is om problemen te bespreken met mijn teamleider.',
      'I find it important that it is possible to discuss problems with my team leader.',
    ),
  },
];

/**
 * Each statement followed directly by its importance twin, so the respondent judges
 * "how it is" and "how important" for one statement at a time.
 */
export function gdBlock(lineage: TLineagePolicy): TBlockInput {
  return {
    id: 'gd',
    title: t('Samenwerking in het team', 'Collaboration in the team'),
    intro: t(
      'De volgende stellingen gaan over de samenwerking in uw sociale wijkteam. Bij elke stelling geeft u eerst aan hoe het nu is, en daarna hoe belangrijk u dat vindt. In hoeverre bent u het met de stellingen eens?',
      'The following statements are about collaboration in your social district team. For each statement you first indicate how things are now, and then how important you find it. To what extent do you agree with the statements?',
    ),
    condition: onlyStaffMembers,
    items: gdStatements.flatMap((s) => {
      const importanceId = s.id + IMPORTANCE;
      return twins(
        {
          id: s.id,
          kind: 'likert',
          scale: 'agree5',
          text: s.now,
          required: true,
          constructs: [s.score, GD_TOTAL],
          reverseKeyed: s.reverseKeyed ?? false,
          lineage: lineage(s.id),
        },
        'now',
        {
          id: importanceId,
          kind: 'likert',
          scale: 'agree5',
          text: s.importance,
          required: true,
          constructs: [s.score + IMPORTANCE, GD_TOTAL + IMPORTANCE],
          lineage: lineage(importanceId),
        },
        'importance',
      );
    }),
  };
}

// ---------------------------------------------------------------------------------------
// Block WNS — how often the respondent works along the beacons

/** In the order of the report's appendix (Tabel 10); the beacon of each statement as tagged there. */
const wnsStatements: readonly { id: string; baken: number; text: TText }[] = [
  {
    id: 'wns.citizen_question_central',
    baken: 1,
    text: t('Ik stel de vraag van de burger centraal.', "I put the citizen's question first."),
  },
  {
    id: 'wns.goal_agreed_citizen',
    baken: 6,
    text: t('Ik stem het hulpverleningsdoel met de burger af.', 'I agree the goal of the support with the citizen.'),
  },
  {
    id: 'wns.open_to_citizen_ideas',
    baken: 2,
    text: t('Ik sta open voor ideeën en suggesties van burgers.', 'I am open to ideas and suggestions from citizens.'),
  },
  {
    id: 'wns.work_with_external_professionals',
    baken: 6,
    text: t(
      'Ik werk samen met professionals van buiten het sociale wijkteam, indien de situatie integraal dient te worden opgepakt.',
      'I work with professionals from outside the social district team, if the situation calls for an integrated approach.',
    ),
  },
  {
    id: 'wns.room_for_own_ideas',
    baken: 8,
    text: t(
      'Ik ervaar genoeg ruimte binnen het sociale wijkteam om zelf met ideeën en oplossingen te komen.',
      'I experience enough room within the social district team to come up with ideas and solutions myself.',
    ),
  },
  { id: 'wns.proactive', baken: 3, text: t('Ik heb een pro-actieve werkwijze.', 'I work proactively.') },
  {
    id: 'wns.control_with_citizen_light',
    baken: 3,
    text: t(
      'Ik laat in geval van lichte problematiek de regie bij de burger.',
      'With light problems, I leave control with the citizen.',
    ),
  },
  {
    id: 'wns.goal_realistic',
    baken: 7,
    text: t(
      'Ik vind het belangrijk dat het hulpverleningsdoel van een burger realistisch en haalbaar is.',
      "I find it important that a citizen's support goal is realistic and achievable.",
    ),
  },
  {
    id: 'wns.question_mapped_systematically',
    baken: 1,
    text: t('Ik breng de hulpvraag van de burger systematisch in kaart.', "I map the citizen's request for help systematically."),
  },
  {
    id: 'wns.family_network_light',
    baken: 6,
    text: t(
      'Ik betrek in geval van lichte problematiek het familienetwerk bij een hulpvraag.',
      'With light problems, I involve the family network in a request for help.',
    ),
  },
  {
    id: 'wns.family_network_heavy',
    baken: 6,
    text: t(
      'Ik betrek in geval van zware problematiek het familienetwerk bij een hulpvraag.',
      'With severe problems, I involve the family network in a request for help.',
    ),
  },
  {
    id: 'wns.knows_social_map',
    baken: 5,
    text: t(
      'Ik ben op de hoogte van de sociale kaart van de wijk.',
      'I know the social map of the district (the services and facilities available).',
    ),
  },
  {
    id: 'wns.effective_methods',
    baken: 7,
    text: t('Ik zet bewust effectieve methoden in.', 'I deliberately use effective methods.'),
  },
  {
    id: 'wns.contact_external_on_new_question',
    baken: 6,
    text: t(
      'Bij een nieuwe hulpvraag zoek ik contact met betrokken professionals van buiten het sociale wijkteam.',
      'With a new request for help, I contact the professionals involved from outside the social district team.',
    ),
  },
  {
    id: 'wns.innovative_methods',
    baken: 4,
    text: t('Ik pas in mijn werk vernieuwende werkwijzen toe.', 'I apply innovative ways of working in my work.'),
  },
  {
    id: 'wns.supports_informal_network',
    baken: 5,
    text: t('Ik ondersteun het informele netwerk van een burger.', "I support a citizen's informal network."),
  },
  {
    id: 'wns.control_with_citizen_heavy',
    baken: 3,
    text: t(
      'Ik laat in geval van zware problematiek de regie bij de burger.',
      'With severe problems, I leave control with the citizen.',
    ),
  },
  {
    id: 'wns.neighbourhood_network_light',
    baken: 3,
    text: t(
      'Ik betrek in geval van lichte problematiek het omgevingsnetwerk (wijk, buurt, straat) bij een hulpvraag.',
      'With light problems, I involve the local network (district, neighbourhood, street) in a request for help.',
    ),
  },
  {
    id: 'wns.goal_agreed_family',
    baken: 6,
    text: t(
      'Ik stem het hulpverleningsdoel met het familienetwerk van een burger af.',
      "I agree the goal of the support with a citizen's family network.",
    ),
  },
  {
    id: 'wns.neighbourhood_network_heavy',
    baken: 3,
    text: t(
      'Ik betrek in geval van zware problematiek het omgevingsnetwerk (wijk, buurt, straat) bij een hulpvraag.',
      'With severe problems, I involve the local network (district, neighbourhood, street) in a request for help.',
    ),
  },
  {
    id: 'wns.goal_agreed_neighbourhood',
    baken: 6,
    text: t(
      'Ik stem het hulpverleningsdoel met het omgevingsnetwerk (buurt, wijk, straat) van een burger af.',
      "I agree the goal of the support with a citizen's local network (neighbourhood, district, street).",
    ),
  },
  {
    id: 'wns.knows_citizen_talents',
    baken: 3,
    text: t(
      'Ik ben op de hoogte van de aanwezige talenten en kennis bij burgers in de wijk.',
      'I know the talents and knowledge present among citizens in the district.',
    ),
  },
];

export function wnsBlock(lineage: TLineagePolicy): TBlockInput {
  return {
    id: 'wns',
    title: t('Uw manier van werken', 'Your way of working'),
    intro: t(
      'Hoe vaak geldt het volgende voor uw werk? Kies telkens een antwoord van ‘nooit’ tot ‘altijd’.',
      'How often does the following apply to your work? Each time, choose an answer from ‘never’ to ‘always’.',
    ),
    items: wnsStatements.map((s) => ({
      id: s.id,
      kind: 'likert',
      scale: 'frequency5',
      text: s.text,
      required: true,
      constructs: [bakenId(s.baken)],
      lineage: lineage(s.id),
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Block TC — transition competences, graded now and as target

export function tcBlock(lineage: TLineagePolicy): TBlockInput {
  return {
    id: 'tc',
    title: t('Transitiecompetenties', 'Transition competences'),
    intro: t(
      'Hieronder staan veertien competenties. Geef voor elke competentie twee rapportcijfers van 0 tot 10: voor het niveau waarover u nu beschikt, en voor het niveau waar u naartoe wilt werken.',
      'Below are fourteen competences. For each competence, give two report grades from 0 to 10: for the level you have now, and for the level you want to work towards.',
    ),
    items: competences.flatMap((c) =>
      twins(
        {
          id: tcNowId(c.key),
          kind: 'grade',
          scale: 'grade10',
          text: t(`${c.name.nl}: het niveau waarover ik nu beschik`, `${c.name.en}: the level I have now`),
          required: true,
          constructs: [TC_NOW],
          lineage: lineage(tcNowId(c.key)),
        },
        'now',
        {
          id: tcTargetId(c.key),
          kind: 'grade',
          scale: 'grade10',
          text: t(`${c.name.nl}: het niveau waar ik naartoe wil werken`, `${c.name.en}: the level I want to work towards`),
          required: true,
          constructs: [TC_TARGET],
          lineage: lineage(tcTargetId(c.key)),
        },
        'target',
      ),
    ),
  };
}

// ---------------------------------------------------------------------------------------
// Blocks EXP and ORG — statements in their 2015 wording

export interface TStatement {
  id: string;
  text: TText;
  theme?: string;
  reverseKeyed?: boolean;
}

/** Expectations of the new way of working (2015, `agree5`), with the report's themes. */
export const expStatements: readonly TStatement[] = [
  {
    id: 'exp.more_efficient',
    theme: 'algemeen',
    text: t(
      'Ik verwacht dat werken in het sociale wijkteam leidt tot een efficiëntere werkwijze.',
      'I expect that working in the social district team leads to a more efficient way of working.',
    ),
  },
  {
    id: 'exp.citizens_satisfied',
    theme: 'algemeen',
    text: t(
      'Ik verwacht dat de nieuwe manier van werken leidt tot tevredenheid bij burgers.',
      'I expect that the new way of working leads to satisfied citizens.',
    ),
  },
  {
    id: 'exp.feel_comfortable',
    theme: 'algemeen',
    text: t(
      'Ik verwacht dat ik mij prettig zal voelen bij de nieuwe manier van werken.',
      'I expect that I will feel comfortable with the new way of working.',
    ),
  },
  {
    id: 'exp.let_go_frame',
    theme: 'kennis',
    text: t(
      'Ik verwacht mijn eigen referentiekader los te kunnen laten.',
      'I expect to be able to let go of my own frame of reference.',
    ),
  },
  {
    id: 'exp.new_knowledge_important',
    theme: 'kennis',
    text: t('Ik vind het belangrijk om nieuwe kennis op te doen.', 'I find it important to gain new knowledge.'),
  },
  {
    id: 'exp.new_skills_important',
    theme: 'kennis',
    text: t('Ik vind het belangrijk om nieuwe vaardigheden op te doen.', 'I find it important to gain new skills.'),
  },
  {
    id: 'exp.enough_knowledge',
    theme: 'kennis',
    text: t('Ik heb voldoende kennis om volgens de nieuwe manier te werken.', 'I have enough knowledge to work in the new way.'),
  },
  {
    id: 'exp.enough_skills',
    theme: 'kennis',
    text: t(
      'Ik heb voldoende vaardigheden om volgens de nieuwe manier te werken.',
      'I have enough skills to work in the new way.',
    ),
  },
  {
    id: 'exp.volunteer_skills_lacking',
    theme: 'vrijwilligers',
    reverseKeyed: true,
    text: t(
      'Ik heb te weinig vaardigheden om vrijwilligers aan te sturen en te faciliteren.',
      'I have too few skills to direct and facilitate volunteers.',
    ),
  },
  {
    id: 'exp.volunteer_time_important',
    theme: 'vrijwilligers',
    text: t(
      'Ik vind het belangrijk tijd te krijgen voor het aansturen en faciliteren van vrijwilligers.',
      'I find it important to be given time to direct and facilitate volunteers.',
    ),
  },
  {
    id: 'exp.volunteers_take_over',
    theme: 'vrijwilligers',
    text: t(
      'Vrijwilligers en mantelzorgers kunnen, mits goed gefaciliteerd, werkzaamheden van mij overnemen.',
      'Volunteers and informal carers can, if well facilitated, take over some of my work.',
    ),
  },
  {
    id: 'exp.advocacy_room',
    theme: 'burgers',
    text: t(
      'Ik verwacht dat ik binnen het sociale wijkteam mogelijkheden heb om aandacht te besteden aan belangenbehartiging voor burgers.',
      'I expect to have opportunities within the social district team to pay attention to advocacy for citizens.',
    ),
  },
  {
    id: 'exp.teach_citizens_advocacy',
    theme: 'burgers',
    text: t(
      'Ik verwacht dat ik burgers leer voor hun eigen belangen op te komen.',
      'I expect that I teach citizens to stand up for their own interests.',
    ),
  },
  {
    id: 'exp.generalist_more',
    theme: 'generalistisch',
    text: t(
      'Ik verwacht dat generalistisch werken vaker plaatsvindt dan voorheen.',
      'I expect that generalist working will happen more often than before.',
    ),
  },
  {
    id: 'exp.task_impoverishment',
    theme: 'generalistisch',
    reverseKeyed: true,
    text: t(
      'Ik verwacht dat er in mijn werk sprake is van taakverschraling omdat voormalige beroepsspecifieke taken door andere disciplines worden uitgevoerd.',
      'I expect my work to become narrower because tasks formerly specific to my profession are carried out by other disciplines.',
    ),
  },
  {
    id: 'exp.cost_aware',
    theme: 'kosten',
    text: t(
      'Ik neem het financiële kostenplaatje mee in mijn beslissingen.',
      'I take the financial costs into account in my decisions.',
    ),
  },
  {
    id: 'exp.action_learning_active',
    theme: 'actie leren',
    text: t(
      'Ik ben actief bezig mij de methode ‘Actie leren’ van het sociale wijkteam eigen te maken.',
      "I am actively making the social district team's ‘Action learning’ method my own.",
    ),
  },
  {
    id: 'exp.action_learning_helps',
    theme: 'actie leren',
    text: t(
      'Ik verwacht dat de methode ‘Actie leren’ mij helpt mijn werkwijze te verbeteren.',
      'I expect that the ‘Action learning’ method helps me improve my way of working.',
    ),
  },
];

/** Organisational conditions (2015, `agree5_strong`). The codebook gives no themes. */
export const orgStatements: readonly TStatement[] = [
  {
    id: 'org.adopting_rules',
    text: t(
      'Ik werk aan het eigen maken van nieuwe regelgeving, procedures en standaardisering.',
      'I am working on making new regulations, procedures and standardisation my own.',
    ),
  },
  {
    id: 'org.rules_needed',
    text: t(
      'Regelgeving, procedures en standaardisering zijn nodig om mijn werk goed uit te kunnen voeren.',
      'Regulations, procedures and standardisation are needed to do my work well.',
    ),
  },
  {
    id: 'org.registration_less_time',
    text: t(
      'Ik verwacht dat registreren minder tijd kost dan voorheen.',
      'I expect that registration takes less time than before.',
    ),
  },
  {
    id: 'org.frameworks_clearer',
    text: t(
      'Ik verwacht dat de organisatorische kaders duidelijker zijn dan voorheen.',
      'I expect that the organisational frameworks are clearer than before.',
    ),
  },
  {
    id: 'org.task_boundaries_clearer',
    text: t(
      'Ik verwacht dat de taakafbakening voor medewerkers van het sociale wijkteam duidelijker is dan voorheen.',
      'I expect that the boundaries of the tasks of social district team members are clearer than before.',
    ),
  },
  {
    id: 'org.authority_clearer',
    text: t(
      'Ik verwacht dat de bevoegdheden duidelijker zijn dan voorheen.',
      'I expect that who may decide what is clearer than before.',
    ),
  },
  {
    id: 'org.faster_decisions',
    text: t(
      'Ik verwacht dat besluitvorming sneller plaatsvindt dan voorheen.',
      'I expect that decisions are made faster than before.',
    ),
  },
  {
    id: 'org.better_fit_citizen',
    text: t(
      'Ik verwacht dat door de samenstelling van het sociale wijkteam beter aangesloten kan worden bij de burger.',
      'I expect that the composition of the social district team makes it possible to connect better with the citizen.',
    ),
  },
];

/** A required statement on a Likert scale. */
export function statementItem(s: TStatement, scale: string, lineage: TLineagePolicy): TItemInput {
  return {
    id: s.id,
    kind: 'likert',
    scale,
    text: s.text,
    required: true,
    ...(s.theme === undefined ? {} : { theme: s.theme }),
    reverseKeyed: s.reverseKeyed ?? false,
    lineage: lineage(s.id),
  };
}

/** The ORG block around its statements; 2016 asks part of them in another wording. */
export function orgBlock(items: TItemInput[]): TBlockInput {
  return {
    id: 'org',
    title: t('Organisatie', 'Organisation'),
    intro: t(
      'De volgende stellingen gaan over regels, procedures en de organisatie van het werk. In hoeverre bent u het ermee eens?',
      'The following statements are about rules, procedures and the organisation of the work. To what extent do you agree?',
    ),
    items,
  };
}

// ---------------------------------------------------------------------------------------
// Open question

export function openBlock(lineage: TLineagePolicy): TBlockInput {
  return {
    id: 'open',
    title: t('Tot slot', 'Finally'),
    intro: t(
      'U bent bijna klaar. Deze laatste vraag is niet verplicht. Noem geen namen van cliënten of collega’s, zodat u en zij anoniem blijven.',
      'You are almost done. This last question is optional. Please do not mention clients or colleagues by name, so that you and they stay anonymous.',
    ),
    items: [
      {
        id: 'open.needs',
        kind: 'text',
        text: t(
          'Wat heeft u nodig om het werk vanuit het sociale wijkteam goed vorm te kunnen geven?',
          'What do you need to give shape to the work of the social district team well?',
        ),
        required: false,
        maxLength: 2000,
        multiline: true,
        lineage: lineage('open.needs'),
      },
    ],
  };
}
