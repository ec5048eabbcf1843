import { fork, type ChildProcess } from "node:child_process";
import type { ServerReply, ServerRequest } from "./server-process.js";

export interface ServerHandle {
  readonly url: string;
  ask(request: ServerRequest): Promise<ServerReply>;
  close(): void;
}

/** Starts bench/collection/server-process.ts with `args` and waits until it listens. */
export async function startServerProcess(args: readonly string[]): Promise<ServerHandle> {
  const child: ChildProcess = fork("bench/collection/server-process.ts", [...args], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = (): Promise<ServerReply> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        child.off("exit", onExit);
        resolve(message as ServerReply);
      };
      const onExit = (code: number | null): void => {
        child.off("message", onMessage);
        reject(new Error(`the test server exited with ${code}`));
      };
      child.once("message", onMessage);
      child.once("exit", onExit);
    });
  const ready = await next();
  if (ready.type !== "ready") throw new Error("the test server did not start");
  return {
    url: ready.url,
    ask: (request) => {
      const answer = next();
      child.send(request);
      return answer;
    },
    close: () => {
      child.send({ type: "close" } satisfies ServerRequest);
    },
  };
}
