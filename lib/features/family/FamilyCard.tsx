import type { FamilyCard as Card, Run } from '@/lib/family/card';
import { modelUrl } from '@/lib/hub-url';

// Lays out the card the background composed (lib/family/card.ts): names render as text, links
// are built from the ids.

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((r) =>
        typeof r === 'string' ? r : 'link' in r ? <ModelLink id={r.link} /> : 'muted' in r ? <span class="muted">{r.muted}</span> : <span class="mono">{r.mono}</span>,
      )}
    </>
  );
}

function ModelLink({ id }: { id: string }) {
  return (
    <a href={modelUrl(id)} class="mono">
      {id}
    </a>
  );
}

/** A model's re-upload family and where this repo stands in it. */
export function FamilyCard({ card }: { card: Card }) {
  return (
    <section class="family" aria-label="Re-upload family">
      <p class="family-head">
        <strong>
          Family of <ModelLink id={card.head} />
        </strong>
        <Runs runs={card.headRuns} />
      </p>
      <p class="family-place" data-role={card.place.role}>
        <Runs runs={card.place.runs} />
      </p>
      {card.notices.map((runs) => (
        <p class="notice">
          <Runs runs={runs} />
        </p>
      ))}
      {card.relatives.length > 0 && (
        <table class="copies">
          <thead>
            <tr>
              <th scope="col">Largest relatives</th>
              <th scope="col">kind</th>
              <th scope="col">downloads 30 d</th>
              <th scope="col">likes</th>
              <th scope="col" title="Estimated from the Hub trending score (likes over 7 days)">likes/day</th>
            </tr>
          </thead>
          <tbody>
            {card.relatives.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <ModelLink id={m.id} />
                </th>
                <td>{m.kind}</td>
                <td>{m.downloads}</td>
                <td>{m.likes}</td>
                <td title={m.basis}>{m.likesPerDay}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
