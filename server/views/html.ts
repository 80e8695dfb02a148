/**
 * How every page of wijkmeter is written: the `html` tagged template, which escapes every
 * interpolated value unless it is already trusted markup (`SafeHtml`), plus typed helpers
 * for the places where plain escaping is not enough — attributes that may be absent or
 * boolean (`attrs`), URLs built from parts (`url`, `safeHref`) and JSON handed to browser
 * scripts (`jsonIsland`). No JSX and no template files: a page is a function returning
 * `SafeHtml`, so the compiler checks its inputs and nothing reaches the browser unescaped
 * by accident. Tests: tests/server/views/html.test.ts.
 */

/** Markup that is safe to send as it is: only `html`, `attrs` and `jsonIsland` make it. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A URL that was built or checked here: its scheme is http(s), mailto, or it is relative. */
export class SafeUrl {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type Interpolation = SafeHtml | SafeUrl | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  // `false`, null and undefined render as nothing, so `${cond ? html`…` : ''}` and
  // `${cond && html`…`}` both work; `true` is never meant to be printed.
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof SafeUrl) return escapeHtml(value.value);
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Text with paragraphs: blank lines separate paragraphs. */
export function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`)}`;
}

// ---- Attributes -----------------------------------------------------------------------

export type AttrValue = string | number | boolean | SafeUrl | null | undefined;

const ATTR_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/;
/** Attributes a browser follows as a link or loads from: a string there must pass safeHref. */
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'data', 'xlink:href']);

/**
 * Attributes from a record, each with a leading space: `<input${attrs({ checked, name })}>`.
 * `true` writes a bare boolean attribute, `false`/null/undefined leaves it out, anything
 * else is written quoted and escaped. URL attributes (href, src, action, …) take a
 * `SafeUrl` or a string that passes `safeHref`, so `javascript:` never becomes a link.
 */
export function attrs(record: Readonly<Record<string, AttrValue>>): SafeHtml {
  let out = '';
  for (const [name, value] of Object.entries(record)) {
    if (!ATTR_NAME.test(name)) throw new Error(`not an attribute name: ${JSON.stringify(name)}`);
    if (value === null || value === undefined || value === false) continue;
    if (value === true) {
      out += ` ${name}`;
      continue;
    }
    const text =
      value instanceof SafeUrl ? value.value : URL_ATTRS.has(name.toLowerCase()) ? safeHref(String(value)).value : String(value);
    out += ` ${name}="${escapeHtml(text)}"`;
  }
  return new SafeHtml(out);
}

/** Class names from a record of flags, in order: `classes({ q: true, 'has-error': !!error })`. */
export function classes(...names: (string | false | null | undefined | Readonly<Record<string, boolean>>)[]): string {
  const out: string[] = [];
  for (const n of names) {
    if (!n) continue;
    if (typeof n === 'string') out.push(n);
    else for (const [name, on] of Object.entries(n)) if (on) out.push(name);
  }
  return out.join(' ');
}

// ---- URLs -----------------------------------------------------------------------------

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Checks a URL that comes from elsewhere (configuration, stored data). Relative URLs and
 * http(s)/mailto pass; any other scheme (`javascript:`, `data:`, `vbscript:`, …) throws.
 * Browsers ignore control characters and whitespace inside a scheme, so we do too.
 */
export function safeHref(value: string): SafeUrl {
  // eslint-disable-next-line no-control-regex
  const squeezed = value.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(squeezed);
  if (scheme && !SAFE_SCHEMES.has(scheme[1]!.toLowerCase())) throw new Error(`unsafe URL scheme "${scheme[1]}:"`);
  return new SafeUrl(value);
}

/** The `:name` parameters of a path pattern, as a type: `'/v/:token/b/:block'` → `'token' | 'block'`. */
export type PathParamNames<P extends string> = P extends `${'http' | 'https'}://${infer Path}`
  ? PathParamNames<Path>
  : P extends `${string}:${infer Name}/${infer Rest}`
    ? Name | PathParamNames<`/${Rest}`>
    : P extends `${string}:${infer Name}`
      ? Name
      : never;

export type PathParams<P extends string> = [PathParamNames<P>] extends [never]
  ? Record<string, never>
  : Record<PathParamNames<P>, string | number>;

export type QueryValue = string | number | boolean | null | undefined;

/**
 * Builds a URL from a pattern: `url('/v/:token/b/:block', { token, block }, { taal: 'en' })`.
 * Each parameter is one encoded path segment (a `/` or `..` in a value cannot change the
 * path), query values are form-encoded (null/undefined left out), and the fragment is
 * encoded too. The pattern is ours, so it must be a path (`/…`) or an http(s) URL.
 */
export function url<P extends string>(
  pattern: P,
  params: PathParams<P>,
  query?: Readonly<Record<string, QueryValue>>,
  fragment?: string,
): SafeUrl {
  if (!/^(\/(?!\/)|https?:\/\/[^/]+\/?)/.test(pattern))
    throw new Error(`a URL pattern is a path or an http(s) URL: ${JSON.stringify(pattern)}`);
  const values = params as Readonly<Record<string, string | number>>;
  const used = new Set<string>();
  let path = pattern.replace(/:([a-zA-Z_][a-zA-Z0-9_]*)/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`URL parameter "${name}" is missing for ${pattern}`);
    used.add(name);
    const segment = String(v);
    // "." and ".." are resolved away by browsers even when encoded as %2E.
    if (segment === '' || segment === '.' || segment === '..')
      throw new Error(`URL parameter "${name}" is not a path segment: ${JSON.stringify(segment)}`);
    return encodeURIComponent(segment);
  });
  for (const name of Object.keys(values)) if (!used.has(name)) throw new Error(`URL parameter "${name}" is not in ${pattern}`);
  if (query) {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined) search.append(k, String(v));
    const text = search.toString();
    if (text) path += `?${text}`;
  }
  if (fragment !== undefined) path += `#${encodeURIComponent(fragment)}`;
  return new SafeUrl(path);
}

// ---- JSON for scripts -----------------------------------------------------------------

/**
 * Data for a browser script (a chart configuration, say) as
 * `<script type="application/json" id="…">`: the strict CSP forbids inline scripts, and a
 * JSON island is not executed. `<`, `>`, `&` and the line separators are written as
 * `\u…` escapes so no value can close the element or open a comment; `JSON.parse` of the
 * element's text gives the data back unchanged.
 */
export function jsonIsland(id: string, data: unknown): SafeHtml {
  if (!/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(id)) throw new Error(`not a usable element id: ${JSON.stringify(id)}`);
  const json = JSON.stringify(data);
  if (json === undefined) throw new Error('jsonIsland needs JSON-serialisable data');
  const escaped = json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new SafeHtml(`<script type="application/json" id="${id}">${escaped}</script>`);
}
