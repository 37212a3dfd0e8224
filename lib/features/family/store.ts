import type { Family } from '@/lib/family/family';
import type { HistoryStore } from '@/lib/history-store';

// The family feature's cache in the database (the `families` store): each family by its
// original's id, and on the member's record which family it is in.

/** A cached family (checked by its reader: `isFresh` and `holds` read its fields). */
export const readFamily = async (store: HistoryStore, head: string): Promise<Family | undefined> =>
  (await store.read((d) => d.get('families', head))) as Family | undefined;

/** Cache a family and note it on the member's record, in one transaction. */
export const putFamily = (store: HistoryStore, family: Family, memberId: string) =>
  store.write(async (d) => {
    const tx = d.transaction(['models', 'families'], 'readwrite');
    await tx.objectStore('families').put({ ...family });
    const record = await tx.objectStore('models').get(memberId);
    if (record) await tx.objectStore('models').put({ ...record, familyHead: family.head });
    await tx.done;
  });
