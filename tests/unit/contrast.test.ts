import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Contrast that axe cannot see: control boundaries and icons (3:1, WCAG 1.4.11), and text on every
// background it sits on (4.5:1), in light and dark, from the colours the stylesheets define.

const css = (file: string) => readFileSync(new URL(`../../components/${file}`, import.meta.url), 'utf8');

/** The `--name: #hex` of each block, in order: light first, then dark. */
function palettes(text: string, light: RegExp, dark: RegExp): Record<string, string>[] {
  const vars = (block: string) => Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{3,6})\b/gi)].map((m) => [m[1]!, m[2]!]));
  const base = vars(text.match(light)![0]);
  return [base, { ...base, ...vars(text.match(dark)![0]) }];
}

function luminance(hex: string): number {
  const h = hex.length === 4 ? hex.replace(/\w/g, (c) => c + c) : hex;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const ratio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

function check(p: Record<string, string>, pairs: [string, string[], number][]) {
  const low: string[] = [];
  for (const [fg, bgs, min] of pairs) {
    for (const bg of bgs) {
      const r = ratio(p[fg]!, p[bg]!);
      if (!(r >= min)) low.push(`${fg} on ${bg}: ${r.toFixed(2)} < ${min}`);
    }
  }
  return low;
}

describe('contrast of Hub Lens’s colours', () => {
  it('in the shadow roots on huggingface.co (components/theme.css), light and dark', () => {
    const [light, dark] = palettes(css('theme.css'), /:host \{[^}]*\}/, /:host\(\.dark\) \{[^}]*\}/);
    for (const p of [light!, dark!]) {
      expect(
        check(p, [
          ['text', ['bg', 'bg-soft', 'warn-bg', 'alert-bg'], 4.5],
          ['muted', ['bg', 'bg-soft', 'warn-bg', 'alert-bg'], 4.5],
          ['accent', ['bg', 'bg-soft'], 4.5],
          ['warn', ['bg', 'bg-soft', 'warn-bg'], 4.5],
          ['alert', ['bg', 'bg-soft', 'alert-bg'], 4.5],
          // the pressed range button: the page's background on the accent
          ['bg', ['accent'], 4.5],
          // arrows and control boundaries
          ['up', ['bg', 'bg-soft'], 3],
          ['down', ['bg', 'bg-soft'], 3],
          ['control', ['bg', 'bg-soft', 'warn-bg', 'alert-bg'], 3],
        ]),
      ).toEqual([]);
    }
  });

  it('on the extension pages (components/extension-page.css), light and dark', () => {
    const [light, dark] = palettes(css('extension-page.css'), /:root \{[^}]*\}/, /@media \(prefers-color-scheme: dark\) \{\s*:root \{[^}]*\}/);
    for (const p of [light!, dark!]) {
      expect(
        check(p, [
          ['text', ['bg', 'soft'], 4.5],
          ['muted', ['bg', 'soft'], 4.5],
          ['accent', ['bg', 'soft'], 4.5],
          ['ok', ['bg'], 4.5],
          ['error', ['bg'], 4.5],
          ['warn', ['bg'], 3],
          ['alert', ['bg'], 3],
          ['danger-text', ['danger-bg'], 4.5],
          ['up', ['bg'], 3],
          ['down', ['bg'], 3],
          ['control', ['bg', 'soft'], 3],
        ]),
      ).toEqual([]);
    }
  });
});
