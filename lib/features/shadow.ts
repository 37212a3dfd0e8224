// Hub Lens's UI on huggingface.co lives in shadow roots, so the page's styles and ours never
// meet. Each style sheet is constructed once and shared by every root (a list page has
// hundreds), and a root gets only the rules it uses: style work grows with both.

const sheets = new Map<string, CSSStyleSheet>();
let adoptable = true;

function adopt(shadow: ShadowRoot, css: readonly string[]) {
  if (adoptable) {
    try {
      shadow.adoptedStyleSheets = css.map((text) => {
        let sheet = sheets.get(text);
        if (!sheet) {
          sheet = new CSSStyleSheet();
          sheet.replaceSync(text);
          sheets.set(text, sheet);
        }
        return sheet;
      });
      return;
    } catch {
      adoptable = false; // a browser that cannot adopt sheets here: style elements per root
    }
  }
  for (const text of css) {
    const style = document.createElement('style');
    style.textContent = text;
    shadow.append(style);
  }
}

export interface Mounted {
  host: HTMLElement;
  container: HTMLElement;
}

/** A host element `data-hub-lens="<feature>"` with a shadow root holding `css` and an empty container. */
export function createShadowHost(feature: string, css: readonly string[], tag: 'div' | 'span' = 'div'): Mounted {
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
