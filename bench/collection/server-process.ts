/**
 * Child process that serves a synthetic account (or organization) over the loopback AWS test server, so that the
 * server's own CPU (XML for thousands of resources) does not share a thread with the collector being measured, as AWS
 * would not.
 *   server-process.ts <functions> <functions per VPC> <seed>
 *   server-process.ts organization <accounts> <functions per VPC> <seed> <regions, comma-separated>
 * IPC: {faults} sets the faults and starts a new request log; {log} answers the log and the server's CPU time since;
 * {close} ends.
 */
import { ACCOUNT } from "../../test/support/build.js";
import { startAwsServer, type Faults } from "../../test/support/aws-server/index.js";
import { asCollected, syntheticRegions } from "../synthetic.js";
import { syntheticOrganization } from "../synthetic/organization.js";

export type ServerRequest = { readonly type: "faults"; readonly faults: Faults } | { readonly type: "log" } | { readonly type: "close" };

/** One logged request: [service, operation, region, status, fault, account acted as]. */
export type LoggedRequest = readonly [string, string, string, number, string, string];

export type ServerReply =
  | { readonly type: "ready"; readonly url: string }
  | { readonly type: "ok" }
  | { readonly type: "log"; readonly requests: readonly LoggedRequest[]; readonly maxInFlight: number; readonly cpuMs: number };

async function start() {
  const args = process.argv.slice(2);
  if (args[0] === "organization") {
    const [accounts, perVpc, seed] = args.slice(1, 4).map(Number);
    const regions = args[4]?.split(",");
    return startAwsServer(syntheticOrganization({ accounts: accounts ?? 100, functionsPerVpc: perVpc ?? 8, seed: seed ?? 1, ...(regions === undefined ? {} : { regions }) }));
  }
  const [functions, perVpc, seed] = args.map(Number);
  return startAwsServer({ accountId: ACCOUNT, regions: asCollected(syntheticRegions({ functions: functions ?? 1200, functionsPerVpc: perVpc ?? 8, seed: seed ?? 1 })) });
}

const server = await start();
let mark = 0;
let cpuMark = process.cpuUsage();
const reply = (message: ServerReply): void => {
  process.send?.(message);
};

process.on("message", (message: ServerRequest) => {
  if (message.type === "faults") {
    server.setFaults(message.faults);
    mark = server.requests.length;
    cpuMark = process.cpuUsage();
    reply({ type: "ok" });
  } else if (message.type === "log") {
    const requests = server.requests.slice(mark).map((r): LoggedRequest => [r.service, r.operation, r.region, r.status, r.fault ?? "", r.account]);
    const cpu = process.cpuUsage(cpuMark);
    reply({ type: "log", requests, maxInFlight: server.maxInFlight(), cpuMs: (cpu.user + cpu.system) / 1000 });
  } else {
    void server.close().then(() => process.exit(0));
  }
});
reply({ type: "ready", url: server.url });
