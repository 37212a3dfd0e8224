import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './harness';

// Accessibility checks shared by every screen's tests (panel, badges, popup, options, and the
// pages to come): axe-core's WCAG 2.2 AA rules, a keyboard walk, computed text sizes.

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0–2.2, A and AA: target size (2.5.8) is in wcag22aa. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; summary: string }[];
}

/**
 * axe's violations on the page. `scope: 'hub-lens'` keeps only Hub Lens's own nodes on a Hub page:
 * those inside a host carrying `data-hub-lens` (axe reads their open shadow roots); `'page'`
 * keeps every node (an extension page is all ours).
 */
export async function axeViolations(page: Page, scope: 'hub-lens' | 'page'): Promise<string[]> {
  const found = await axeRun(page, scope);
  // One line per rule: what a failing test prints.
  return found.map((v) => `${v.rule} (${v.nodes.length} nodes): ${JSON.stringify(v.nodes[0]!.target)} ${v.nodes[0]!.summary.replace(/\s+/g, ' ')}`);
}

/** axe's violations in full. */
export async function axeRun(page: Page, scope: 'hub-lens' | 'page'): Promise<Violation[]> {
  // Evaluated through the debugger protocol: the extension pages' CSP does not apply.
  await page.evaluate(axeSource);
  return page.evaluate(
    async ({ tags, scope }) => {
      const axe = (window as any).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      /** A node's outermost selector is in the document: a shadow host, or the node itself. */
      const ours = (target: unknown[]) => {
        const outer = document.querySelector(String(target[0]));
        return !!outer?.closest('[data-hub-lens]');
      };
      return result.violations
        .map((v: any) => ({
          rule: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes
            .filter((n: any) => scope === 'page' || ours(n.target))
            .map((n: any) => ({ target: n.target, summary: String(n.failureSummary).slice(0, 300) })),
        }))
        .filter((v: Violation) => v.nodes.length > 0);
    },
    { tags: WCAG_TAGS, scope },
  );
}

export interface Stop {
  /** tag, and the name a person would read (label, text or aria-label) */
  name: string;
  /** inside a Hub Lens host (a shadow root), else on the page */
  ours: boolean;
  /** a focus indicator is drawn: an outline of at least 2 px, or a box shadow */
  visible: boolean;
}

/**
 * Tab from the top of the page until focus comes back round (or `max` presses): every element
 * reached, looking through open shadow roots.
 */
export async function keyboardWalk(page: Page, max = 200): Promise<Stop[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: Stop[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      let el = document.activeElement;
      let ours = false;
      while (el?.shadowRoot?.activeElement) {
        ours ||= el.hasAttribute('data-hub-lens');
        el = el.shadowRoot.activeElement;
      }
      if (!el || el === document.body) return null;
      // Each element reached gets a number, so coming back to one ends the walk.
      const w = window as unknown as { walkIds?: WeakMap<Element, number>; walkNext?: number };
      w.walkIds ??= new WeakMap();
      if (!w.walkIds.has(el)) w.walkIds.set(el, (w.walkNext = (w.walkNext ?? 0) + 1));
      // A control drawn by another element (a file input inside its label's button) shows its focus there.
      const drawn = el.getBoundingClientRect().width < 4 ? (el.closest('label') ?? el) : el;
      const s = getComputedStyle(drawn);
      const label = (el as HTMLInputElement).labels?.[0]?.textContent;
      const name = `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60)}`;
      const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      return { key: String(w.walkIds.get(el)), name, ours, visible };
    });
    if (!stop) continue;
    if (seen.has(stop.key)) break;
    seen.add(stop.key);
    stops.push({ name: stop.name, ours: stop.ours, visible: stop.visible });
  }
  return stops;
}

/**
 * Rendered text smaller than `min` px: on an extension page every text node, on a Hub page
 * only those inside Hub Lens's hosts (`scope`). Each as "font-size: text".
 */
export async function smallText(page: Page, scope: 'hub-lens' | 'page', min = 12): Promise<string[]> {
  return page.evaluate(
    ({ scope, min }) => {
      const out: string[] = [];
      const visit = (root: Document | ShadowRoot, ours: boolean) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n instanceof Element && n.shadowRoot) visit(n.shadowRoot, ours || n.hasAttribute('data-hub-lens'));
          if (n.nodeType !== Node.TEXT_NODE || !n.textContent?.trim() || (scope === 'hub-lens' && !ours)) continue;
          const el = n.parentElement;
          if (!el || ['SCRIPT', 'STYLE', 'TITLE'].includes(el.tagName) || el.closest('svg')) continue;
          if (!(el as HTMLElement).getClientRects().length) continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < min) out.push(`${size}px: ${n.textContent.trim().slice(0, 40)}`);
        }
      };
      visit(document, false);
      return out;
    },
    { scope, min },
  );
}

/**
 * Browser zoom: a viewport `factor` times smaller in CSS px, drawn at `factor` device pixels per
 * px. Returns how to screenshot it as zoomed (Playwright's own screenshot would reset the metrics).
 */
export async function zoom(page: Page, factor: number, device: { width: number; height: number }): Promise<{ screenshot(name: string): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: Math.round(device.width / factor),
    height: Math.round(device.height / factor),
    deviceScaleFactor: factor,
    mobile: false,
  });
  return {
    async screenshot(name) {
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(path.join(ARTIFACTS, `${name}.png`), Buffer.from(data, 'base64'));
    },
  };
}
