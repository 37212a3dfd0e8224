// A stand-in huggingface.co for browser tests, at the network level: an HTTP proxy on 127.0.0.1 that
// answers `CONNECT huggingface.co:443` with a certificate made for this run (the browser is told to
// accept it) and refuses every other host. Routing by proxy reaches every request the browser makes,
// the extension background's included, in Firefox as in Chromium (Firefox's WebDriver BiDi
// interception does not see an extension's own requests).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import selfsigned from 'selfsigned';

export const HUB = 'huggingface.co';

export interface HubRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}
/** An answer, or `'offline'`: the connection drops with no answer, as when the network is gone. */
export type HubReply = { status?: number; headers?: Record<string, string>; body?: string } | 'offline';
export type HubHandler = (request: HubRequest) => HubReply | Promise<HubReply>;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): HubReply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
export const html = (body: string, status = 200): HubReply => ({ status, headers: { 'content-type': 'text/html; charset=utf-8' }, body });
export const notFound = (): HubReply => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' });

export interface HubProxy {
  port: number;
  /** Serve huggingface.co from this handler (it replaces the previous one). */
  serve(handler: HubHandler): void;
  close(): Promise<void>;
}

export async function startHubProxy(): Promise<HubProxy> {
  const { private: key, cert } = await selfsigned.generate([{ name: 'commonName', value: HUB }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: HUB }] }],
  });
  let handler: HubHandler = () => notFound();
  const sockets = new Set<Socket>();

  const hub = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let reply: HubReply;
    try {
      reply = await handler({ method: req.method ?? 'GET', url: new URL(req.url ?? '/', `https://${HUB}`), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    } catch (e) {
      reply = { status: 599, body: `test handler failed: ${e}` };
    }
    if (reply === 'offline') return void req.socket.destroy();
    res.writeHead(reply.status ?? 200, reply.headers ?? {});
    res.end(reply.body ?? '');
  });

  const proxy = createServer((_req, res) => {
    // Plain-HTTP requests through the proxy: never to the network.
    res.writeHead(403).end();
  });
  proxy.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => {});
    if (req.url !== `${HUB}:443`) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const tls = new TLSSocket(socket, { isServer: true, key, cert, ALPNProtocols: ['http/1.1'] });
    tls.on('error', () => socket.destroy());
    hub.emit('connection', tls);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));

  return {
    port: (proxy.address() as AddressInfo).port,
    serve(h) {
      handler = h;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      hub.close();
    },
  };
}
