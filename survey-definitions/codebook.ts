/**
 * The codebook of a questionnaire version, generated from its definition: what a
 * researcher attaches to a data set so that every value can be read without the
 * platform. Markdown for reading, CSV (RFC 4180) for a spreadsheet or a syntax file.
 */
import { stringify } from 'csv-stringify/sync';
import { contentHash } from './hash.ts';
import {
  definitionKey,
  type TBlock,
  type TCondition,
  type TConstruct,
  type TDefinition,
  type TItem,
  type TLanguage,
  type TScale,
  type TText,
  type TTwin,
} from './schema.ts';

const words = {
  nl: {
    codebook: 'Codebook',
    questionnaire: 'Vragenlijst',
    version: 'Versie',
    previous: 'Vorige versie',
    none: '—',
    firstVersion: '— (eerste versie)',
    dropped: 'Vervallen items',
    droppedNone: 'geen',
    languages: 'Talen',
    hash: 'Inhoudshash (sha256)',
    reading: 'Lezen van de gegevens',
    readingLines: [
      'De item-id is de vaste naam van een vraag: dezelfde id in twee versies is dezelfde vraag (zie Herkomst).',
      'Antwoorden op een schaal staan als ruwe waarde (bijv. 0–4). De rapporten rekenen om naar 0–1: (waarde − min) / (max − min).',
      'Een lege waarde betekent: niet beantwoord, of niet getoond omdat niet aan de voorwaarde was voldaan. *Verplicht* geldt alleen als de vraag getoond is.',
      'Negatief geformuleerde stellingen (veel instemming is ongunstig) staan in hun ruwe richting; ze zijn nergens omgepoold.',
      'Herkomst: *gelijk* is direct vergelijkbaar met de vorige versie; *geherformuleerd* is vergelijkbaar met een voorbehoud; *nieuw* heeft geen voorganger.',
    ],
    scales: 'Antwoordschalen',
    scale: 'Schaal',
    values: 'Waarden',
    labels: 'Labels',
    presentation: { labels: 'antwoordlabels', grade: 'rapportcijfer' },
    blocks: 'Vragen per blok',
    block: 'Blok',
    blockCondition: 'Dit blok wordt alleen getoond als',
    blockScales: 'Antwoordschaal',
    item: 'Item',
    wording: 'Formulering',
    kind: 'Soort',
    required: 'Verplicht',
    condition: 'Voorwaarde',
    constructs: 'Constructen',
    twin: 'Tweeling',
    lineage: 'Herkomst',
    yes: 'ja',
    no: 'nee',
    onlyIf: 'alleen als',
    and: 'en',
    or: 'of',
    help: 'toelichting',
    theme: 'thema',
    reverse: 'negatief geformuleerd',
    kinds: {
      likert: 'likert',
      grade: 'rapportcijfer',
      single_choice: 'keuze',
      team: 'team',
      number: 'getal',
      text: 'open tekst',
    },
    roles: { now: 'nu', importance: 'belang', target: 'streven' },
    teamValues: 'team uit de teamlijst van de meting (of vast via de uitnodigingslink)',
    textValues: (n: number) => `vrije tekst, max. ${n} tekens`,
    lineageNew: 'nieuw',
    lineageSame: (from: string | undefined, prev: string) => (from ? `gelijk aan \`${from}\` (${prev})` : `gelijk (${prev})`),
    lineageReworded: (from: string | undefined, prev: string) =>
      from ? `geherformuleerd uit \`${from}\` (${prev})` : `geherformuleerd (${prev})`,
    moreThan: (label: string) => `meer dan ‘${label}’`,
    constructsTitle: 'Constructen',
    constructsIntro:
      'Een construct is een score over meerdere items. *Gemiddelde*: het gemiddelde van de 0–1-scores van de items; voor een groep (een team) het gemiddelde over de items van de itemgemiddelden van die groep. *Verschil*: streven − nu per respondent, in cijferpunten, daarna gemiddeld.',
    construct: 'Construct',
    label: 'Label',
    computation: 'Berekening',
    meanOf: 'gemiddelde van',
    gap: (target: string, now: string) => `\`${target}\` − \`${now}\` (per respondent)`,
  },
  en: {
    codebook: 'Codebook',
    questionnaire: 'Questionnaire',
    version: 'Version',
    previous: 'Previous version',
    none: '—',
    firstVersion: '— (first version)',
    dropped: 'Dropped items',
    droppedNone: 'none',
    languages: 'Languages',
    hash: 'Content hash (sha256)',
    reading: 'How to read the data',
    readingLines: [
      'The item id is the fixed name of a question: the same id in two versions is the same question (see Lineage).',
      'Answers on a scale are stored as raw values (e.g. 0–4). The reports convert them to 0–1: (value − min) / (max − min).',
      'An empty value means: not answered, or not shown because its condition was not met. *Required* applies only when the question was shown.',
      'Negatively worded statements (high agreement is unfavourable) are kept in their raw direction; nothing is reverse-scored.',
      'Lineage: *same* is directly comparable with the previous version; *reworded* is comparable with a caveat; *new* has no predecessor.',
    ],
    scales: 'Answer scales',
    scale: 'Scale',
    values: 'Values',
    labels: 'Labels',
    presentation: { labels: 'answer labels', grade: 'report grade' },
    blocks: 'Questions by block',
    block: 'Block',
    blockCondition: 'This block is only shown if',
    blockScales: 'Answer scale',
    item: 'Item',
    wording: 'Wording',
    kind: 'Kind',
    required: 'Required',
    condition: 'Condition',
    constructs: 'Constructs',
    twin: 'Twin',
    lineage: 'Lineage',
    yes: 'yes',
    no: 'no',
    onlyIf: 'only if',
    and: 'and',
    or: 'or',
    help: 'help',
    theme: 'theme',
    reverse: 'negatively worded',
    kinds: {
      likert: 'Likert',
      grade: 'report grade',
      single_choice: 'single choice',
      team: 'team',
      number: 'number',
      text: 'open text',
    },
    roles: { now: 'now', importance: 'importance', target: 'target' },
    teamValues: "team from the wave's team list (or fixed by the invitation link)",
    textValues: (n: number) => `free text, at most ${n} characters`,
    lineageNew: 'new',
    lineageSame: (from: string | undefined, prev: string) => (from ? `same as \`${from}\` (${prev})` : `same (${prev})`),
    lineageReworded: (from: string | undefined, prev: string) =>
      from ? `reworded from \`${from}\` (${prev})` : `reworded (${prev})`,
    moreThan: (label: string) => `more than ‘${label}’`,
    constructsTitle: 'Constructs',
    constructsIntro:
      "A construct is a score over several items. *Mean*: the mean of the items' 0–1 scores; for a group (a team) the mean over the items of that group's item means. *Gap*: target − now per respondent, in grade points, then averaged.",
    construct: 'Construct',
    label: 'Label',
    computation: 'Computation',
    meanOf: 'mean of',
    gap: (target: string, now: string) => `\`${target}\` − \`${now}\` (per respondent)`,
  },
} as const;

type TWords = (typeof words)[TLanguage];

/** The codebook as Markdown, in Dutch unless `lang` says otherwise. */
export function codebookMarkdown(def: TDefinition, lang: TLanguage = 'nl'): string {
  const w = words[lang];
  const c = new CodebookContext(def, lang);
  const out: string[] = [];
  const key = definitionKey(def);
  const dropped =
    def.dropped.length > 0 ? def.dropped.map((id) => `\`${id}\``).join(', ') : def.previous ? w.droppedNone : w.none;

  out.push(`# ${w.codebook} ${key}: ${c.text(def.title)}`, '');
  if (def.description) out.push(c.text(def.description), '');
  out.push(
    `- **${w.questionnaire}:** \`${key}\``,
    `- **${w.version}:** ${def.version}`,
    `- **${w.previous}:** ${def.previous ? `\`${def.previous}\`` : w.firstVersion}`,
    `- **${w.dropped}:** ${dropped}`,
    `- **${w.languages}:** ${def.languages.join(', ')}`,
    `- **${w.hash}:** \`${contentHash(def)}\``,
    '',
  );

  out.push(`## ${w.reading}`, '', ...w.readingLines.map((l) => `- ${l}`), '');

  out.push(`## ${w.scales}`, '', `| ${w.scale} | ${w.values} | ${w.labels} |`, '|---|---|---|');
  for (const scale of def.scales) {
    out.push(
      `| \`${scale.id}\` | ${scale.min}–${scale.max} (${w.presentation[scale.presentation]}) | ${cell(c.scaleValues(scale))} |`,
    );
  }
  out.push('');

  out.push(`## ${w.blocks}`, '');
  def.blocks.forEach((block, b) => {
    out.push(`### ${b + 1}. ${cell(c.text(block.title))} (\`${block.id}\`)`, '', `> ${c.text(block.intro)}`, '');
    if (block.condition) out.push(`${w.blockCondition} ${c.conditionText(block.condition)}.`, '');
    // The labels of a scale are given once per block rather than in every row: a block
    // of 28 grades would otherwise repeat the same eleven labels 28 times.
    const blockScales = [...new Set(block.items.flatMap((i) => (i.kind === 'likert' || i.kind === 'grade' ? [i.scale] : [])))];
    for (const id of blockScales) {
      const scale = def.scales.find((x) => x.id === id);
      if (scale) out.push(`${w.blockScales} \`${id}\`: ${cell(c.scaleValues(scale))}.`, '');
    }
    out.push(
      `| ${w.item} | ${w.wording} | ${w.kind} | ${w.scale} | ${w.values} | ${w.required} | ${w.condition} | ${w.constructs} | ${w.twin} | ${w.lineage} |`,
      '|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const item of block.items) {
      const row = c.row(block, item);
      const scale = row.scale ? def.scales.find((x) => x.id === row.scale) : undefined;
      // The block's condition is stated above the table; the row adds the item's own.
      const condition = item.condition ? c.condition(item.condition) : '';
      out.push(
        [
          `\`${item.id}\``,
          cell(c.wordingWithNotes(item)),
          w.kinds[item.kind],
          row.scale ? `\`${row.scale}\`` : '',
          cell(scale ? `${scale.min}–${scale.max}` : row.values),
          row.required,
          cell(condition),
          row.constructs.map((id) => `\`${id}\``).join(', '),
          row.twin ? `\`${row.twin.item}\` (${w.roles[row.twin.role]})` : '',
          cell(c.lineageText(item)),
        ]
          .join(' | ')
          .replace(/^/, '| ')
          .concat(' |'),
      );
    }
    out.push('');
  });

  if (def.constructGroups.length > 0) {
    out.push(`## ${w.constructsTitle}`, '', w.constructsIntro, '');
    for (const group of def.constructGroups) {
      out.push(`### ${cell(c.text(group.label))} (\`${group.id}\`)`, '');
      if (group.description) out.push(c.text(group.description), '');
      out.push(`| ${w.construct} | ${w.label} | ${w.computation} |`, '|---|---|---|');
      for (const id of group.constructs) {
        const construct = def.constructs.find((x) => x.id === id);
        if (construct) out.push(`| \`${id}\` | ${cell(c.text(construct.label))} | ${cell(c.computation(construct))} |`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

export const CODEBOOK_CSV_COLUMNS = [
  'item_id',
  'block',
  'wording',
  'kind',
  'scale',
  'values',
  'required',
  'condition',
  'constructs',
  'twin',
  'lineage',
  'lineage_from',
] as const;

export interface TCodebookCsvOptions {
  lang?: TLanguage;
  /** Starts with a byte-order mark, so that Excel reads the file as UTF-8 (ë, é, ‘). */
  bom?: boolean;
}

/**
 * One row per item, in definition order; ids and kinds as in the data, texts in the
 * chosen language. Quoted per RFC 4180 (CRLF line ends).
 */
export function codebookCsv(def: TDefinition, options: TCodebookCsvOptions = {}): string {
  const c = new CodebookContext(def, options.lang ?? 'nl');
  const records = def.blocks.flatMap((block) =>
    block.items.map((item) => {
      const row = c.row(block, item);
      return [
        item.id,
        block.id,
        c.text(item.text),
        item.kind,
        row.scale ?? '',
        row.values,
        row.required,
        row.condition,
        row.constructs.join('; '),
        row.twin?.item ?? '',
        item.lineage.kind,
        item.lineage.kind === 'new' ? '' : item.lineage.from,
      ];
    }),
  );
  return stringify([[...CODEBOOK_CSV_COLUMNS], ...records], {
    record_delimiter: 'windows',
    bom: options.bom ?? false,
  });
}

interface TRow {
  scale: string | undefined;
  values: string;
  required: string;
  condition: string;
  constructs: string[];
  twin: { item: string; role: TTwin['role'] } | undefined;
}

/** What the Markdown and the CSV share: every cell derived once, in one language. */
class CodebookContext {
  private readonly w: TWords;
  private readonly items: Map<string, TItem>;
  private readonly scales: Map<string, TScale>;

  constructor(
    private readonly def: TDefinition,
    private readonly lang: TLanguage,
  ) {
    this.w = words[lang];
    this.items = new Map(def.blocks.flatMap((b) => b.items).map((i) => [i.id, i]));
    this.scales = new Map(def.scales.map((s) => [s.id, s]));
  }

  text(t: TText): string {
    return (this.lang === 'en' ? t.en : undefined) ?? t.nl;
  }

  /**
   * `0=Oneens; 1=Deels oneens; …`. For reading (`compact`), a label that starts with its
   * own value (grades: "7 – ruim voldoende") is not prefixed again; the CSV keeps one
   * `value=label` form so that a syntax file can be generated from it.
   */
  scaleValues(scale: TScale, compact = true): string {
    return [...scale.values]
      .sort((a, b) => a.value - b.value)
      .map((v) => {
        const label = this.text(v.label);
        return compact && new RegExp(`^${v.value}(?![0-9])`).test(label) ? label : `${v.value}=${label}`;
      })
      .join('; ');
  }

  row(block: TBlock, item: TItem): TRow {
    const w = this.w;
    const scale = item.kind === 'likert' || item.kind === 'grade' ? this.scales.get(item.scale) : undefined;
    let values: string;
    switch (item.kind) {
      case 'likert':
      case 'grade':
        values = scale ? this.scaleValues(scale, false) : '';
        break;
      case 'single_choice':
        values = item.options.map((o) => `${o.value}=${this.text(o.label)}`).join('; ');
        break;
      case 'team':
        values = w.teamValues;
        break;
      case 'number':
        values = `${item.min}–${item.max}${item.unit ? ` ${this.text(item.unit)}` : ''}`;
        break;
      case 'text':
        values = w.textValues(item.maxLength);
        break;
    }
    // The effective condition: a data-set user looking at one column needs to know why
    // it is empty, whether the block or the item was skipped.
    const conditions = [block.condition, item.condition].filter((x): x is TCondition => x !== undefined);
    const twinItem = item.twin ? this.items.get(item.twin.item) : undefined;
    return {
      scale: scale?.id ?? (item.kind === 'likert' || item.kind === 'grade' ? item.scale : undefined),
      values,
      required: item.required ? w.yes : w.no,
      condition: conditions.length > 0 ? `${w.onlyIf} ${conditions.map((x) => this.conditionText(x)).join(` ${w.and} `)}` : '',
      constructs: [
        ...item.constructs,
        ...this.def.constructs.filter((x) => x.kind === 'gap' && (x.now === item.id || x.target === item.id)).map((x) => x.id),
      ],
      twin: item.twin && twinItem?.twin ? { item: twinItem.id, role: twinItem.twin.role } : undefined,
    };
  }

  /** "alleen als bg.function = medewerker (Medewerker sociaal wijkteam)" */
  condition(condition: TCondition): string {
    return `${this.w.onlyIf} ${this.conditionText(condition)}`;
  }

  conditionText(condition: TCondition): string {
    const ref = this.items.get(condition.item);
    const shown = (v: string | number): string => {
      const label = ref ? this.valueLabel(ref, v) : undefined;
      return label === undefined ? String(v) : `${v} (${label})`;
    };
    switch (condition.op) {
      case 'eq':
        return `${condition.item} = ${shown(condition.value)}`;
      case 'gt': {
        const label = ref ? this.valueLabel(ref, condition.value) : undefined;
        return `${condition.item} > ${condition.value}${label === undefined ? '' : ` (${this.w.moreThan(label)})`}`;
      }
      case 'in': {
        const values = condition.values.map(shown);
        const last = values.pop();
        return `${condition.item} = ${values.length > 0 ? `${values.join(', ')} ${this.w.or} ${last}` : last}`;
      }
    }
  }

  private valueLabel(item: TItem, value: string | number): string | undefined {
    if (item.kind === 'single_choice') {
      const option = item.options.find((o) => o.value === value);
      return option ? this.text(option.label) : undefined;
    }
    if (item.kind === 'likert' || item.kind === 'grade') {
      const v = this.scales.get(item.scale)?.values.find((x) => x.value === value);
      const label = v ? this.text(v.label) : undefined;
      // A grade label that is only its number adds nothing.
      return label === String(value) ? undefined : label;
    }
    return undefined;
  }

  wordingWithNotes(item: TItem): string {
    const w = this.w;
    const notes = [
      item.help ? `${w.help}: ${this.text(item.help)}` : undefined,
      item.theme ? `${w.theme}: ${item.theme}` : undefined,
      item.reverseKeyed ? w.reverse : undefined,
    ].filter((x): x is string => x !== undefined);
    return notes.length > 0 ? `${this.text(item.text)} _(${notes.join('; ')})_` : this.text(item.text);
  }

  lineageText(item: TItem): string {
    const lineage = item.lineage;
    const prev = this.def.previous ?? '?';
    switch (lineage.kind) {
      case 'new':
        return this.w.lineageNew;
      // The id is only repeated when it changed.
      case 'same':
        return this.w.lineageSame(lineage.from === item.id ? undefined : lineage.from, prev);
      case 'reworded': {
        const from = lineage.from === item.id ? undefined : lineage.from;
        return `${this.w.lineageReworded(from, prev)}${lineage.note ? `: ${this.text(lineage.note)}` : ''}`;
      }
    }
  }

  computation(construct: TConstruct): string {
    if (construct.kind === 'gap') return this.w.gap(construct.target, construct.now);
    const ids = [...this.items.values()].filter((i) => i.constructs.includes(construct.id)).map((i) => `\`${i.id}\``);
    return `${this.w.meanOf} ${ids.join(', ')}`;
  }
}

/** Text inside a Markdown table cell: a pipe would end the cell, a newline the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
