/**
 * Endpoints that fail the way real networks do, for the diagnosis tests: a server that accepts connections and never
 * answers, one that answers every request with a fixed status and body, and a port nobody listens on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface BrokenEndpoint {
  readonly url: string;
  /** Requests received so far. */
  requests(): number;
  close(): Promise<void>;
}

async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<BrokenEndpoint> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    received += 1;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Accepts every connection and request, and never answers. */
export function startSilentServer(): Promise<BrokenEndpoint> {
  return serve(() => undefined);
}

/** Answers every request with `status` and `body` (e.g. 500 and an HTML error page from a proxy). */
export function startStatusServer(status: number, body: string, contentType = "text/html"): Promise<BrokenEndpoint> {
  return serve((_req, res) => {
    res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
}

/** A loopback URL whose port was just free: connecting is refused. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
