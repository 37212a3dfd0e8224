// The polling period in words, as every string that names it says it (the user sets it: 15 min to 24 h).

/** 15 → "15 min", 60 → "1 hour", 120 → "2 hours". */
export const periodWords = (minutes: number) => (minutes < 60 ? `${minutes} min` : minutes === 60 ? '1 hour' : `${minutes / 60} hours`);

/** 15 → "every 15 min", 60 → "every hour", 120 → "every 2 hours". */
export const everyPeriod = (minutes: number) => `every ${minutes === 60 ? 'hour' : periodWords(minutes)}`;
