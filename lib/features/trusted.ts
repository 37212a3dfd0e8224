/** Only the user's own click counts: the page's scripts can dispatch synthetic ones. */
export const trusted = (e: Event) => e.isTrusted;
