import type { ContentPart } from './content';
import type { BackgroundPart } from './protocol';

// Test builds only (`WXT_FAULT=<feature> wxt build --mode fault`): that feature's parts throw
// everywhere, to prove that each feature fails alone. In every other build `WXT_FAULT` is
// undefined and the bundler drops this module.

const boom = (): never => {
  throw new Error('fault injected by the test build');
};

export const faultyContent = (part: ContentPart): ContentPart => ({
  start: part.start && boom,
  sections: part.sections?.map((s) => ({ ...s, View: boom })),
});

export const faultyBackground = (part: BackgroundPart): BackgroundPart => ({
  ...part,
  describe: part.describe && boom,
  handlers: part.handlers && Object.fromEntries(Object.entries(part.handlers).map(([type, h]) => [type, { ...h, run: boom }])),
});
