// Firefox's WebDriver BiDi does not reach extension pages (it skips every browsing context with an
// add-on's principal), so tests reach them the way about:debugging's "Inspect" does: Firefox's own
// remote debugging protocol, a length-prefixed JSON stream on a local port. Code is evaluated in the
// extension's background page, which holds the extension's other pages (browser.extension.getViews).
import { connect, type Socket } from 'node:net';

type Packet = Record<string, any> & { from: string };

export class ExtensionConsole {
  private buffer = Buffer.alloc(0);
  private waiting = new Map<string, ((p: Packet) => void)[]>();
  // Evaluation results arrive as events, possibly before the reply that names them is handled.
  private results = new Map<string, Packet>();
  private resultWaiters = new Map<string, (p: Packet) => void>();
  private targets: Record<string, any>[] = [];
  private consoleActor = '';
  private next = 0;

  private constructor(private socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const colon = this.buffer.indexOf(':');
        if (colon < 0) return;
        const length = Number(this.buffer.subarray(0, colon).toString());
        if (this.buffer.length < colon + 1 + length) return;
        const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as Packet;
        this.buffer = this.buffer.subarray(colon + 1 + length);
        // Replies come in order per actor; events (a `type`) are not waited for here.
        if (packet.type && !packet.error) {
          if (packet.type === 'target-available-form') this.targets.push(packet.target);
          if (packet.type === 'evaluationResult') {
            const waiter = this.resultWaiters.get(packet.resultID);
            if (waiter) waiter(packet);
            else this.results.set(packet.resultID, packet);
          }
          continue;
        }
        this.waiting.get(packet.from)?.shift()?.(packet);
      }
    });
  }

  /** Connect to the debugger server on `port` and attach to the add-on `id`'s background. */
  static async attach(port: number, id: string, timeout = 20_000): Promise<ExtensionConsole> {
    const until = Date.now() + timeout;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const rdp = new ExtensionConsole(socket);
        const greeting = new Promise<Packet>((resolve) => rdp.waiting.set('root', [resolve]));
        await greeting;
        for (;;) {
          const { addons } = await rdp.request('root', 'listAddons');
          const addon = (addons as any[]).find((a) => a.id === id);
          if (addon) {
            // The add-on's watcher announces a target for each of its documents: the background page's holds the console.
            const watcher = await rdp.request(addon.actor, 'getWatcher', { isServerTargetSwitchingEnabled: true });
            await rdp.request(watcher.actor, 'watchTargets', { targetType: 'frame' });
            for (;;) {
              const background = rdp.targets.find((t) => /background/.test(String(t.url)));
              if (background) {
                rdp.consoleActor = background.consoleActor;
                return rdp;
              }
              if (Date.now() > until) throw new Error(`no background page among ${JSON.stringify(rdp.targets.map((t) => t.url))}`);
              await new Promise((r) => setTimeout(r, 100));
            }
          }
          if (Date.now() > until) throw new Error(`add-on ${id} not listed by Firefox`);
          await new Promise((r) => setTimeout(r, 200));
        }
      } catch (e) {
        if (Date.now() > until) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private request(to: string, type: string, extra: Record<string, unknown> = {}): Promise<Packet> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(to) ?? [];
      queue.push((p) => (p.error ? reject(new Error(`${type}: ${p.error} ${p.message ?? ''}`)) : resolve(p)));
      this.waiting.set(to, queue);
      const body = Buffer.from(JSON.stringify({ to, type, ...extra }), 'utf8');
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  /** Evaluate an expression in the background page; its value must be a string (or undefined). */
  private async evaluate(text: string): Promise<string | undefined> {
    const { resultID } = await this.request(this.consoleActor, 'evaluateJSAsync', { text });
    // The answer arrives as an event: wait for it on the socket.
    const packet =
      this.results.get(resultID) ?? (await new Promise<Packet>((resolve) => this.resultWaiters.set(resultID, resolve)));
    this.results.delete(resultID);
    this.resultWaiters.delete(resultID);
    if (packet.exception !== undefined && packet.exception !== null) throw new Error(String(packet.exceptionMessage ?? 'exception'));
    const result = packet.result;
    if (result && typeof result === 'object' && result.type === 'longString') {
      const { substring } = await this.request(result.actor, 'substring', { start: 0, end: result.length });
      return substring;
    }
    return typeof result === 'string' ? result : undefined;
  }

  /**
   * Run `fn(view, arg)` in the background page, `view` being the window of the extension page
   * `file` (or the background's own when `file` is null), awaiting its promise; returns its value
   * through JSON.
   */
  run<T>(file: string | null, fn: string, arg: unknown, timeout = 30_000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the extension's background in ${timeout} ms`)), timeout);
    });
    return Promise.race([this.runInBackground<T>(file, fn, arg), late]).finally(() => clearTimeout(timer));
  }

  private async runInBackground<T>(file: string | null, fn: string, arg: unknown): Promise<T> {
    const id = ++this.next;
    const view = file === null ? 'window' : `browser.extension.getViews().find((w) => w.location.pathname === '/${file}')`;
    await this.evaluate(
      `globalThis.__hubLens ??= {}; (async () => (${fn})(${view}, ${JSON.stringify(arg)}))().then(` +
        `(v) => (globalThis.__hubLens[${id}] = { ok: JSON.stringify(v ?? null) }), (e) => (globalThis.__hubLens[${id}] = { error: String(e?.stack ?? e) })); ''`,
    );
    for (;;) {
      const out = await this.evaluate(`JSON.stringify(globalThis.__hubLens?.[${id}] ?? null)`);
      const answer = out ? JSON.parse(out) : null;
      if (answer?.error) throw new Error(answer.error);
      if (answer) {
        await this.evaluate(`delete globalThis.__hubLens[${id}], ''`);
        return JSON.parse(answer.ok) as T;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
