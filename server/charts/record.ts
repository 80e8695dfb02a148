/**
 * A 2D context that draws into a real one and writes down, as it goes, every call and
 * every property it is given, so that the same drawing can be played again into a second
 * context. A PNG and an SVG of one chart then cost one chart.js layout instead of two:
 * chart.js draws once into the PNG's canvas through a recorder, and the recording is
 * played into the SVG's canvas (render.ts `renderPngAndSvg`). chart.js's layout — text
 * measuring, scales, labels — was about a third of the time of a pair.
 *
 * The recorder is built from the target's own prototype, so every method and property
 * of @napi-rs/canvas's context is covered, not a list that could fall behind:
 * - queries (measureText, getTransform, …) go to the target and are not recorded;
 * - createPattern / create…Gradient are recorded with their result, so playback makes
 *   its own pattern or gradient on its own context (and a gradient's colour stops too);
 * - every other method call and property write is recorded, then done on the target.
 *
 * Playback may use another scale than the recording (`scale`): the PNG is drawn at 2×,
 * the SVG at 1×. Only absolute transforms (setTransform, resetTransform) carry the
 * device scale, so only those are multiplied by it; relative ones (scale, translate,
 * rotate, transform) and everything in user space (coordinates, line widths, fonts,
 * patterns) stay as they are.
 */

type TContext = Record<string | symbol, unknown>;

/** One recorded step: a property write, a call, or an object made (pattern, gradient). */
type TStep =
  | { set: string; value: unknown }
  | { call: string; args: unknown[] }
  | { make: string; args: unknown[]; made: object }
  | { on: object; call: string; args: unknown[] };

export interface TRecorder {
  /** The context to hand to chart.js: draws into the target and records. */
  context: object;
  /** Ends the recording (later calls still draw, e.g. chart.js's clear on destroy) and returns it. */
  stop(): TRecording;
}

export interface TRecording {
  steps: readonly TStep[];
}

/** Reads only: sent to the target, never recorded (they draw nothing). */
const QUERIES = new Set([
  'measureText',
  'getTransform',
  'getLineDash',
  'getImageData',
  'createImageData',
  'isPointInPath',
  'isPointInStroke',
  'getContextAttributes',
  'isContextLost',
]);
const MAKERS = new Set(['createPattern', 'createLinearGradient', 'createRadialGradient', 'createConicGradient']);

/** The methods and accessors of a context's prototype chain, once per prototype. */
const membersOf = new WeakMap<object, Map<string, PropertyDescriptor>>();
function members(target: object): Map<string, PropertyDescriptor> {
  const proto = Object.getPrototypeOf(target) as object;
  let found = membersOf.get(proto);
  if (!found) {
    found = new Map();
    for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null)
      for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(p)))
        if (name !== 'constructor' && !found.has(name)) found.set(name, d);
    membersOf.set(proto, found);
  }
  // Own properties of the instance win (a method patched onto it).
  // (`canvas` is the recorder's own: see record().)
  const own = Object.entries(Object.getOwnPropertyDescriptors(target)).filter(([name]) => name !== 'canvas');
  if (own.length === 0) return found;
  const all = new Map(found);
  for (const [name, d] of own) all.set(name, d);
  return all;
}

/**
 * A recorder over `target`. `canvas` is what the context's `.canvas` returns (chart.js
 * reads the canvas's size from it and sets the device size on it).
 */
export function record(target: object, canvas: object): TRecorder {
  const t = target as TContext;
  const steps: TStep[] = [];
  let recording = true;
  const context: TContext = {};
  for (const [name, d] of members(target)) {
    if (name === 'canvas') {
      Object.defineProperty(context, name, { get: () => canvas });
    } else if (typeof d.value === 'function') {
      const method = d.value as (...args: unknown[]) => unknown;
      context[name] = QUERIES.has(name)
        ? (...args: unknown[]) => method.apply(target, args)
        : MAKERS.has(name)
          ? (...args: unknown[]) => {
              const made = method.apply(target, args) as object | null;
              if (recording && made) {
                steps.push({ make: name, args, made });
                if ('addColorStop' in made) recordStops(made, steps, () => recording);
              }
              return made;
            }
          : (...args: unknown[]) => {
              if (recording) steps.push({ call: name, args });
              return method.apply(target, args);
            };
    } else if (d.get || d.set) {
      Object.defineProperty(context, name, {
        get: () => t[name],
        set: (value: unknown) => {
          if (recording) steps.push({ set: name, value });
          t[name] = value;
        },
      });
    }
  }
  return {
    context,
    stop() {
      recording = false;
      return { steps };
    },
  };
}

function recordStops(gradient: object, steps: TStep[], recording: () => boolean): void {
  const g = gradient as { addColorStop(offset: number, colour: string): void };
  const add = g.addColorStop.bind(g);
  g.addColorStop = (offset, colour) => {
    if (recording()) steps.push({ on: gradient, call: 'addColorStop', args: [offset, colour] });
    add(offset, colour);
  };
}

export interface TPlayOptions {
  /** Device scale of the target relative to the recording's (0.5: a 2× recording into 1×). */
  scale?: number;
  /** Called before each fillText / strokeText on the target (the SVG turns a font feature off there). */
  beforeText?: () => void;
}

/** Plays `recording` into `target`. */
export function play(recording: TRecording, target: object, options: TPlayOptions = {}): void {
  const t = target as TContext;
  const s = options.scale ?? 1;
  const made = new Map<object, unknown>();
  const mapped = (v: unknown) => (typeof v === 'object' && v !== null && made.has(v) ? made.get(v) : v);
  const call = (name: string, args: unknown[]) => (t[name] as (...a: unknown[]) => unknown).apply(target, args);
  for (const step of recording.steps) {
    if ('set' in step) t[step.set] = mapped(step.value);
    else if ('make' in step) made.set(step.made, call(step.make, step.args.map(mapped)));
    else if ('on' in step) {
      const own = made.get(step.on) as Record<string, (...a: unknown[]) => unknown> | undefined;
      own?.[step.call]!.apply(own, step.args);
    } else if (s !== 1 && step.call === 'setTransform') {
      const [a, b, c, d, e, f] = step.args.length === 1 ? matrixOf(step.args[0]) : (step.args as number[]);
      call('setTransform', [a! * s, b! * s, c! * s, d! * s, e! * s, f! * s]);
    } else if (s !== 1 && step.call === 'resetTransform') {
      call('setTransform', [s, 0, 0, s, 0, 0]);
    } else {
      if (options.beforeText && (step.call === 'fillText' || step.call === 'strokeText')) options.beforeText();
      call(step.call, step.args.map(mapped));
    }
  }
}

function matrixOf(m: unknown): number[] {
  const x = (m ?? {}) as { a?: number; b?: number; c?: number; d?: number; e?: number; f?: number };
  return [x.a ?? 1, x.b ?? 0, x.c ?? 0, x.d ?? 1, x.e ?? 0, x.f ?? 0];
}
