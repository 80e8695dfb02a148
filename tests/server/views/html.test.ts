/**
 * The escaping every page relies on: text, attributes, URLs and JSON islands. Property
 * tests feed arbitrary strings (fast-check) and decode the output the way a browser
 * would, so "escaped" means "comes back as exactly what went in, and never as markup".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attrs, classes, escapeHtml, html, jsonIsland, paragraphs, SafeHtml, safeHref, url } from '../../../server/views/html.ts';

/** Decodes the five entities escapeHtml writes (what an HTML parser does with them). */
function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

describe('text', () => {
  it('escapes the five characters that can start markup or end an attribute', () => {
    expect(html`<p>${'<script>alert("x")</script> & \'y\''}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it('any string comes back unchanged and never contains markup characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const out = html`${s}`.value;
        expect(out).not.toMatch(/[<>"']/);
        expect(decode(out)).toBe(s);
      }),
    );
  });

  it('trusted markup is not escaped twice; arrays join; nothing, false and true print nothing; 0 prints', () => {
    const inner = html`<b>${'a&b'}</b>`;
    expect(html`${inner}${[html`<i>1</i>`, '<2>']}`.value).toBe('<b>a&amp;b</b><i>1</i>&lt;2&gt;');
    expect(html`[${null}${undefined}${false}${true}${0}]`.value).toBe('[0]');
    expect(`${html`<br>`}`).toBe('<br>');
  });

  it('paragraphs split on blank lines and escape each', () => {
    expect(paragraphs('Een <b>\n\n  twee & drie  \n\n\n').value).toBe('<p>Een &lt;b&gt;</p><p>twee &amp; drie</p>');
  });
});

describe('attributes', () => {
  it('writes each attribute with a leading space; true is bare, false and nothing are left out', () => {
    expect(
      attrs({ type: 'radio', checked: true, required: false, 'aria-invalid': undefined, 'data-n': 0, title: null }).value,
    ).toBe(' type="radio" checked data-n="0"');
    expect(attrs({}).value).toBe('');
  });

  it('any value stays inside its quotes', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = attrs({ value: s }).value;
        expect(out.startsWith(' value="') && out.endsWith('"')).toBe(true);
        const inside = out.slice(' value="'.length, -1);
        expect(inside).not.toMatch(/["<>]/);
        expect(decode(inside)).toBe(s);
      }),
    );
  });

  it('refuses names that could break out of the tag', () => {
    for (const name of ['a b', 'x"', 'on>click', '', 'a=b']) expect(() => attrs({ [name]: 'v' })).toThrow(/attribute name/);
  });

  it('URL attributes refuse dangerous schemes given as plain strings', () => {
    expect(() => attrs({ href: 'javascript:alert(1)' })).toThrow(/unsafe URL scheme/);
    expect(() => attrs({ action: ' JaVa\tScRiPt:alert(1)' })).toThrow(/unsafe URL scheme/);
    expect(() => attrs({ src: 'data:text/html,<script>' })).toThrow(/unsafe URL scheme/);
    expect(attrs({ href: '/v/a?b=1&c=2' }).value).toBe(' href="/v/a?b=1&amp;c=2"');
    expect(attrs({ href: url('/v/:t', { t: 'x y' }) }).value).toBe(' href="/v/x%20y"');
  });

  it('classes joins the names that are on', () => {
    expect(classes('q', false, { 'has-error': true, hidden: false }, undefined, 'grade')).toBe('q has-error grade');
  });
});

describe('URLs', () => {
  it('encodes each parameter as one path segment, and the query and fragment', () => {
    expect(
      url('/v/:token/b/:block', { token: 'ab/../c', block: 'gd' }, { taal: 'en', x: undefined, y: null, q: 'a&b=c' }, 'q-a b')
        .value,
    ).toBe('/v/ab%2F..%2Fc/b/gd?taal=en&q=a%26b%3Dc#q-a%20b');
    expect(url('/werkruimte', {}).value).toBe('/werkruimte');
    expect(url('https://example.org/v/:token', { token: 'é?' }).value).toBe('https://example.org/v/%C3%A9%3F');
  });

  it('refuses missing, unknown and dot-segment parameters', () => {
    expect(() => url('/v/:token', {} as { token: string })).toThrow(/missing/);
    expect(() => url('/v/:token', { token: 'a', block: 'b' } as { token: string })).toThrow(/not in/);
    expect(() => url('/v/:token', { token: '..' })).toThrow(/path segment/);
    expect(() => url('/v/:token', { token: '' })).toThrow(/path segment/);
  });

  it('a pattern must be a path or an http(s) URL: never javascript:, data: or protocol-relative', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '//evil.example/x', 'v/relative', 'ftp://x/']) {
      expect(() => url(bad as '/x', {})).toThrow(/pattern/);
    }
  });

  it('safeHref lets relative, http(s) and mailto through and stops every other scheme, however disguised', () => {
    for (const ok of ['/a', '#top', '?taal=en', 'https://x.nl/a', 'HTTP://x', 'mailto:a@b.nl', 'page:2'.replace(':', '-')]) {
      expect(safeHref(ok).value).toBe(ok);
    }
    for (const bad of [
      'javascript:x',
      'JAVASCRIPT:x',
      ' javascript:x',
      'java\nscript:x',
      'java\u0000script:x',
      'vbscript:x',
      'data:x',
      'file:///etc',
    ]) {
      expect(() => safeHref(bad)).toThrow(/unsafe URL scheme/);
    }
  });
});

describe('JSON islands', () => {
  it('cannot close the script element or open a comment, and parses back to the same data', () => {
    const data = {
      label: '</script><script>alert(1)</script>',
      c: '<!-- x -->',
      amp: 'a&b',
      ls: 'a\u2028b\u2029c',
      n: [1, 2.5, null],
    };
    const out = jsonIsland('chart-1', data).value;
    expect(out.startsWith('<script type="application/json" id="chart-1">')).toBe(true);
    const body = out.slice(out.indexOf('>') + 1, -'</script>'.length);
    expect(body).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(body)).toEqual(data);
  });

  it('any data round-trips and never contains "<"', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        const out = jsonIsland('x', data).value;
        const body = out.slice(out.indexOf('>') + 1, -'</script>'.length);
        expect(body).not.toContain('<');
        expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });

  it('refuses an id that is not a plain name, and data that is not JSON', () => {
    expect(() => jsonIsland('a" onload="x', {})).toThrow(/element id/);
    expect(() => jsonIsland('x', undefined)).toThrow(/JSON/);
  });
});

it('escapeHtml and SafeHtml are what html uses', () => {
  expect(escapeHtml('"&')).toBe('&quot;&amp;');
  expect(new SafeHtml('<x>').toString()).toBe('<x>');
});
