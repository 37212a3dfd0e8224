import { formatCount, formatRate } from '@/components/format';
import type { FamilyView } from './background';
import { modelUrl } from '../../hub-url';

const REL_LABEL = { quantized: 'quantized', finetune: 'finetunes', adapter: 'adapters', merge: 'merges' } as const;
const REL_ONE = { quantized: 'quantized copy', finetune: 'finetune', adapter: 'adapter', merge: 'merge', undeclared: 'undeclared copy' } as const;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function ModelLink({ id }: { id: string }) {
  return (
    <a href={modelUrl(id)} class="mono">
      {id}
    </a>
  );
}

/** "Quantized copy of", or, when the repo declares a base without saying how, "Derived from". */
const copyOf = (relation: FamilyView['place']['relation']) => (relation ? `${capitalise(REL_ONE[relation])} of` : 'Derived from');

/** A model's re-upload family and where this repo stands in it. */
export function FamilyCard({ view, id }: { view: FamilyView; id: string }) {
  const { family, place } = view;
  const counts = view.counts.map(({ relation, count, atLeast }) => `${atLeast ? 'at least ' : ''}${formatCount(count)} ${REL_LABEL[relation]}`);
  if (family.undeclared.length) counts.push(`${family.undeclared.length} undeclared`);
  const copies = [...family.top, ...family.undeclared]
    .filter((m) => m.id !== id)
    .sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0))
    .slice(0, 5);
  // A repo with no known relatives has no family to show.
  if (counts.length === 0 && copies.length === 0 && place.role !== 'copy' && !family.partial) return null;
  // Without the original's own numbers, a share of the family's downloads would be a guess.
  const share = family.unreadableBase || place.share === undefined || place.sharedOver < 2 ? null : `${(place.share * 100).toFixed(place.share < 0.1 ? 1 : 0)}%`;

  return (
    <section class="family" aria-label="Re-upload family">
      <p class="family-head">
        <strong>Family of <ModelLink id={family.head} /></strong>
        {counts.length ? `: ${counts.join(', ')}` : family.partial ? '' : ': no known copies'}
        {family.partial && <span class="muted"> (partly fetched)</span>}
      </p>
      <p class="family-place" data-role={place.role}>
        {place.role === 'original' ? (
          <>This repo is the original{share && <>, with {share} of the family’s downloads</>}.</>
        ) : place.role === 'copy' && family.unreadableBase ? (
          // What the repo declares, and that its base could not be read: never a guess at the original.
          <>
            {copyOf(place.relation)} <ModelLink id={family.head} />; <span class="mono">{family.unreadableBase.id}</span> could not be read:{' '}
            {family.unreadableBase.reason}.
            {place.rank !== undefined && <> #{place.rank} by 30-day downloads among the relatives fetched.</>}
          </>
        ) : place.role === 'copy' ? (
          <>
            {copyOf(place.relation)} <ModelLink id={family.head} />
            {place.rank !== undefined && (
              <>
                , #{place.rank}
                {place.of ? ` of ${formatCount(place.of)}` : ''} by 30-day downloads
              </>
            )}
            {share && <>, {share} of the family’s downloads</>}.
          </>
        ) : (
          <>Not among the largest copies fetched{share && <>; {share} of the family’s downloads</>}.</>
        )}
        {share && (
          <span class="muted">
            {' '}
            (30-day downloads of the original and the {place.sharedOver - 1} largest relatives fetched
            {place.ggufInflated ? '; GGUF repos count every .gguf file fetched, so their numbers run high' : ''})
          </span>
        )}
      </p>
      {place.newVersion && (
        <p class="notice">
          This repo names a successor: <ModelLink id={place.newVersion} />
        </p>
      )}
      {place.outranking && (
        <p class="notice">
          {place.outranking.id === id ? (
            <>This {REL_ONE[place.outranking.relation]} out-downloads its original</>
          ) : (
            <>
              A {REL_ONE[place.outranking.relation]} out-downloads its original: <ModelLink id={place.outranking.id} />
            </>
          )}{' '}
          ({formatCount(place.outranking.downloads)} against {formatCount(family.headDownloads)} in 30 days)
        </p>
      )}
      {copies.length > 0 && (
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
            {copies.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <ModelLink id={m.id} />
                </th>
                <td>{REL_ONE[m.relation]}{m.gguf ? ' · GGUF' : ''}</td>
                <td>{formatCount(m.downloads)}</td>
                <td>{formatCount(m.likes)}</td>
                <td title={view.likesPerDay[m.id]?.basis}>
                  {view.likesPerDay[m.id]?.value == null ? '—' : `≈${formatRate(view.likesPerDay[m.id]!.value, false)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
