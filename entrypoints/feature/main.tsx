import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { featurePage } from '@/lib/features/page-parts';
import '@/entrypoints/options/options.css';

// A feature's own extension page: `feature.html?name=<feature>` shows the `page.tsx` in that
// feature's folder (lib/features/page-parts.ts), loaded only here and only for that feature.

const name = new URLSearchParams(location.search).get('name') ?? '';
const app = document.getElementById('app')!;
void featurePage(name).then((part) => {
  if (!part) return render(<p>Hub Lens has no page named “{name}”.</p>, app);
  document.title = `Hub Lens: ${part.title}`;
  render(
    <ErrorBoundary feature={name}>
      <part.View />
    </ErrorBoundary>,
    app,
  );
});
