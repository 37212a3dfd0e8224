import { Component, type ComponentType } from 'preact';
import type { ContentPart, SectionProps } from './content-part';
import type { BackgroundPart } from './protocol';

// Test builds only (`WXT_FAULT=1 wxt build --mode fault`, made by `npm test`): any feature's parts
// can be made to throw, synchronously or asynchronously, as the storage key `fault` says
// (`{ feature, mode: 'sync' | 'async' }`, set by tests/browser/features.test.ts), to prove that
// each feature fails alone. In every other build `WXT_FAULT` is undefined and the bundler drops
// this module.

export type FaultMode = 'sync' | 'async';
export interface Fault {
  feature: string;
  mode: FaultMode;
}
export const FAULT_KEY = 'fault';

let current: Fault | null = null;
const parse = (v: unknown): Fault | null => {
  const f = v as Partial<Fault> | undefined;
  return typeof f?.feature === 'string' && (f.mode === 'sync' || f.mode === 'async') ? (f as Fault) : null;
};

/** Reads the fault now and follows its changes (the background lives on between tests). */
export async function followFault(): Promise<void> {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && FAULT_KEY in changes) current = parse(changes[FAULT_KEY]!.newValue);
  });
  current = parse((await browser.storage.local.get(FAULT_KEY))[FAULT_KEY]);
}

const on = (feature: string, mode: FaultMode) => current?.feature === feature && current.mode === mode;

const boom = (feature: string, mode: FaultMode): never => {
  throw new Error(`fault injected by the test build (${feature}, ${mode})`);
};
/** Throws on a later turn, as work a promise continues would. */
const later = async (feature: string) => {
  await null;
  boom(feature, 'async');
};

export function faultyContent(feature: string, part: ContentPart): ContentPart {
  return {
    start:
      part.start &&
      ((env, url, kind) => {
        if (on(feature, 'sync')) boom(feature, 'sync');
        const started = part.start!(env, url, kind);
        // A timer of the feature's own, as its work would schedule one.
        if (on(feature, 'async')) env.ctx.setTimeout(env.guard(() => boom(feature, 'async')), 0);
        return started;
      }),
    sections: part.sections?.map((s) => ({ ...s, View: faultyView(feature, s.View) })),
  };
}

function faultyView(feature: string, View: ComponentType<SectionProps>): ComponentType<SectionProps> {
  return class extends Component<SectionProps> {
    override componentDidMount() {
      if (on(feature, 'async')) this.props.guard(() => later(feature))();
    }
    override render(props: SectionProps) {
      if (on(feature, 'sync')) boom(feature, 'sync');
      return <View {...props} />;
    }
  };
}

export function faultyBackground(feature: string, part: BackgroundPart): BackgroundPart {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      if (on(feature, 'sync')) boom(feature, 'sync');
      if (on(feature, 'async')) return later(feature) as R;
      return fn(...args);
    };
  return {
    ...part,
    describe: part.describe && wrap(part.describe),
    handlers: part.handlers && Object.fromEntries(Object.entries(part.handlers).map(([type, h]) => [type, { ...h, run: wrap(h.run) }])),
    alarms: part.alarms && Object.fromEntries(Object.entries(part.alarms).map(([name, a]) => [name, { ...a, run: wrap(a.run) }])),
    ports: part.ports && Object.fromEntries(Object.entries(part.ports).map(([name, p]) => [name, wrap(p)])),
  };
}
