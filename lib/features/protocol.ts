import type * as z from 'zod/mini';
import type { Browser } from 'wxt/browser';
import type { HistoryStore } from '@/lib/history-store';
import type { HubClient } from '@/lib/hub/client';
import type { Settings } from '@/lib/settings';
import type { ModelRecord } from '@/lib/store/history-db';
import type { ModelHistory } from '@/lib/types';
import type { FeatureName } from './registry';

// The one protocol between the pages (content scripts, popup, options) and the background.
// Each message is declared once, beside its handler in a feature's background part: its input
// schema (checked by the background), what it returns, and who may send it. Clients get their
// types from the `Protocol` interface, which each background part extends by module
// augmentation, so a content script is typed against the handlers without bundling them.

/** A content script in a huggingface.co tab, or one of the extension's own pages. */
export type SenderKind = 'hub' | 'extension';

export interface Sender {
  kind: SenderKind;
  /** the sending tab's URL */
  url?: string;
  /** the sending tab (a Hub page's content script) */
  tabId?: number;
}

/** What every background part works with. */
export interface BackgroundContext {
  /** the history database: its one owner */
  store: HistoryStore;
  hub(): Promise<HubClient>;
  settings(): Promise<Settings>;
  /** the background parts of the features that are on */
  features(): Promise<{ name: FeatureName; part: BackgroundPart }[]>;
  now(): number;
}

export interface Handler<S extends z.ZodMiniType = z.ZodMiniType, O = unknown> {
  /** who may send it */
  from: readonly SenderKind[];
  input: S;
  run(input: z.output<S>, ctx: BackgroundContext, sender: Sender): Promise<O>;
}

/** Declares a handler, keeping its input and output types. */
export const handler = <S extends z.ZodMiniType, O>(h: Handler<S, O>): Handler<S, O> => h;

export interface BackgroundPart {
  /** its messages, by type ("feature/verb"); each keeps its own types (`handler`), any handler fits here */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handlers?: Record<string, Handler<any, any>>;
  /** long exchanges with the extension's pages (import, export), by port name */
  ports?: Record<string, (port: Browser.runtime.Port, ctx: BackgroundContext) => void>;
  /** periodic work; made sure of on every worker start, since browsers may drop alarms on restart */
  alarms?: Record<string, { periodInMinutes: number; run(ctx: BackgroundContext): Promise<void> }>;
  /** listeners to add when the worker starts (synchronously) */
  start?(ctx: BackgroundContext): void;
  /** its part of what the panel shows about a model (ModelState.parts[feature]) */
  describe?(history: ModelHistory & { record: ModelRecord }, ctx: BackgroundContext): unknown;
}

/** Every message, by type. Extended by each background part (`declare module`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Protocol {}

export type MessageType = keyof Protocol;
/* eslint-disable @typescript-eslint/no-explicit-any -- the other half of the handler, whatever it is */
export type Input<K extends MessageType> = Protocol[K] extends Handler<infer S, any> ? z.input<S> : never;
export type Output<K extends MessageType> = Protocol[K] extends Handler<any, infer O> ? O : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Why a message failed: the feature is switched off, the input was refused by its schema, its handler failed, the sender may not send it, the background is gone. */
export type FailureKind = 'off' | 'invalid' | 'failed' | 'refused' | 'gone';

/** What a message gets back: its value, or why not (`error`: in words, for a log or a person). */
export type Answer<T> = { ok: true; value: T } | { ok: false; kind: FailureKind; error: string };

/** What travels: `{ type, input }` there, an `Answer` back. */
export type Envelope = Answer<unknown>;
