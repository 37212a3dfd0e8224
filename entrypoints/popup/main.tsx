import { render } from 'preact';
import './popup.css';

// The watch-list summary arrives with polling; until then the popup says how Hub Lens works.
function Popup() {
  return (
    <main>
      <h1>Hub Lens</h1>
      <p>
        Open any model on <a href="https://huggingface.co/models" target="_blank" rel="noreferrer">huggingface.co</a>:
        a panel under its header shows likes, downloads and trending score, and how fast they move in the history Hub
        Lens keeps on this computer.
      </p>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
