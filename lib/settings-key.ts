/** Where the settings are kept (storage.local): its own module, so a page that reads only the polling period loads nothing else. */
export const SETTINGS_KEY = 'settings';
