// Hub Lens's UI on huggingface.co lives in shadow roots, so the page's styles and ours never
// meet. One constructed style sheet is shared by every root (a list page has hundreds).

let shared: CSSStyleSheet | null | undefined;

function adopt(shadow: ShadowRoot, css: string) {
  try {
    if (shared === undefined) {
      shared = new CSSStyleSheet();
      shared.replaceSync(css);
    }
    if (shared) {
      shadow.adoptedStyleSheets = [shared];
      return;
    }
  } catch {
    shared = null; // a browser that cannot adopt sheets here: a style element per root
  }
  const style = document.createElement('style');
  style.textContent = css;
  shadow.append(style);
}

export interface Mounted {
  host: HTMLElement;
  container: HTMLElement;
}

/** A host element `data-hub-lens="<feature>"` with a shadow root holding `css` and an empty container. */
export function createShadowHost(feature: string, css: string, tag: 'div' | 'span' = 'div'): Mounted {
  const host = document.createElement(`hub-lens-${feature}`);
  host.setAttribute('data-hub-lens', feature);
  const shadow = host.attachShadow({ mode: 'open' });
  adopt(shadow, css);
  const container = document.createElement(tag);
  shadow.append(container);
  return { host, container };
}

/** Is this node one of Hub Lens's own hosts (or inside one)? Its mutations are not the page's. */
export const isOwnNode = (node: Node) => node instanceof Element && node.closest('[data-hub-lens]') !== null;
