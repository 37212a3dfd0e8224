// What a screen reader hears where the screen shows a sign or a short form: "≈54" is read
// "about 54, estimated from the 7-day trending score", "187.7K" is read "187,654", "▲" is read
// in words. Shared by every view (panel, badges, popup, and the pages to come), with the
// `.sr-only` rule of components/theme.css and the extension pages' styles.

/** `shown` for the eyes, `said` for a screen reader: never both. */
export const Said = ({ shown, said }: { shown: preact.ComponentChildren; said: string }) => (
  <>
    <span aria-hidden="true">{shown}</span>
    <span class="sr-only">{said}</span>
  </>
);

/** The source of an estimate from the Hub's trending score, as it is read out. */
export const TRENDING_BASIS = 'from the 7-day trending score';

/** "about 54, estimated from the 7-day trending score": an estimate as a screen reader says it (`basis`: "from …"). */
export const estimateSaid = (value: string, basis: string) => `about ${value}, estimated ${basis}`;
