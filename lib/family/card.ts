import { formatCount, formatRate } from '@/components/format';
import type { Rate } from '@/lib/estimates';
import type { Family, Place, knownCounts } from './family';

// The family card's wording, composed where the family is known (the background), so the
// content script only lays out runs of text: its size budget has no room for every sentence.

/** A run of a card line: words, a link to a model (built from its id where it is shown), muted or monospace words. */
export type Run = string | { link: string } | { muted: string } | { mono: string };

export interface FamilyCard {
  /** the family's original (or the highest declared base), and what is known of its relatives */
  head: string;
  headRuns: Run[];
  place: { role: Place['role']; runs: Run[] };
  notices: Run[][];
  /** the largest relatives but this repo, by 30-day downloads */
  relatives: { id: string; kind: string; downloads: string; likes: string; likesPerDay: string; basis?: string }[];
}

/** A count of children, singular or plural: "1 merge", "3 merges". */
const REL_LABEL = { quantized: ['quantized', 'quantized'], finetune: ['finetune', 'finetunes'], adapter: ['adapter', 'adapters'], merge: ['merge', 'merges'] } as const;
const REL_ONE = { quantized: 'quantized copy', finetune: 'finetune', adapter: 'adapter', merge: 'merge', undeclared: 'undeclared copy' } as const;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Quantized copy of", or, when the repo declares a base without saying how, "Derived from". */
const copyOf = (relation: Place['relation']) => (relation ? `${capitalise(REL_ONE[relation])} of ` : 'Derived from ');

export interface FamilyFacts {
  family: Family;
  place: Place;
  /** each relative's likes a day, estimated from its trending score by the one rate rule */
  likesPerDay: Record<string, Rate>;
  /** children by relation: the Hub's counts, else those fetched */
  counts: ReturnType<typeof knownCounts>;
}

/** The card for repo `id`, or null when it has no known relatives to show. */
export function familyCard({ family, place, likesPerDay, counts: known }: FamilyFacts, id: string): FamilyCard | null {
  const counts = known.map(({ relation, count, atLeast }) => `${atLeast ? 'at least ' : ''}${formatCount(count)} ${REL_LABEL[relation][count === 1 && !atLeast ? 0 : 1]}`);
  if (family.undeclared.length) counts.push(`${formatCount(family.undeclared.length)} undeclared`);
  const copies = [...family.top, ...family.undeclared]
    .filter((m) => m.id !== id)
    .sort((a, b) => (b.downloads ?? 0) - (a.downloads ?? 0))
    .slice(0, 5);
  if (counts.length === 0 && copies.length === 0 && place.role !== 'copy' && !family.partial) return null;
  // Without the original's own numbers, a share of the family's downloads would be a guess.
  const share = family.unreadableBase || place.share === undefined || place.sharedOver < 2 ? null : `${(place.share * 100).toFixed(place.share < 0.1 ? 1 : 0)}%`;
  const head: Run = { link: family.head };

  const runs: Run[] =
    place.role === 'original'
      ? [`This repo is the original${share ? `, with ${share} of the family’s downloads` : ''}.`]
      : place.role === 'copy' && family.unreadableBase
        ? // What the repo declares, and that its base could not be read: never a guess at the original.
          [
            copyOf(place.relation),
            head,
            '; ',
            { mono: family.unreadableBase.id },
            ` could not be read: ${family.unreadableBase.reason}.`,
            place.rank !== undefined ? ` #${place.rank} by 30-day downloads among the relatives fetched.` : '',
          ]
        : place.role === 'copy'
          ? [
              copyOf(place.relation),
              head,
              place.rank !== undefined ? `, #${place.rank}${place.of ? ` of ${formatCount(place.of)}` : ''} by 30-day downloads` : '',
              share ? `, ${share} of the family’s downloads` : '',
              '.',
            ]
          : [`Not among the largest copies fetched${share ? `; ${share} of the family’s downloads` : ''}.`];
  if (share) {
    const gguf = place.ggufInflated ? '; GGUF repos count every .gguf file fetched, so their numbers run high' : '';
    const others = place.sharedOver - 1;
    runs.push({ muted: ` (30-day downloads of the original and the ${others === 1 ? 'largest relative' : `${others} largest relatives`} fetched${gguf})` });
  }

  const notices: Run[][] = [];
  if (place.newVersion) notices.push(['This repo names a successor: ', { link: place.newVersion }]);
  const out = place.outranking;
  if (out) {
    const against = ` (${formatCount(out.downloads)} against ${formatCount(family.headDownloads)} in 30 days)`;
    notices.push(
      out.id === id
        ? [`This ${REL_ONE[out.relation]} out-downloads its original${against}`]
        : [`A ${REL_ONE[out.relation]} out-downloads its original: `, { link: out.id }, against],
    );
  }

  return {
    head: family.head,
    headRuns: [counts.length ? `: ${counts.join(', ')}` : family.partial ? '' : ': no known copies', family.partial ? { muted: ' (partly fetched)' } : ''].filter((r) => r !== ''),
    place: { role: place.role, runs: runs.filter((r) => r !== '') },
    notices,
    relatives: copies.map((m) => {
      const rate = likesPerDay[m.id];
      return {
        id: m.id,
        kind: `${REL_ONE[m.relation]}${m.gguf ? ' · GGUF' : ''}`,
        downloads: formatCount(m.downloads),
        likes: formatCount(m.likes),
        likesPerDay: rate?.value == null ? '—' : `≈${formatRate(rate.value, false)}`,
        basis: rate?.basis,
      };
    }),
  };
}
