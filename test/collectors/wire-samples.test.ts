/**
 * The test server's XML must be AWS's XML: for every documented EC2 sample response (../shared/reference/wire/ec2),
 * the SDK reads the sample, the server's serializer writes what the SDK read, and both documents must have the same
 * element paths (lowerCamel names, …Set/item lists and the exceptions such as securityGroupInfo, ipPermissionsEgress,
 * groups). The serializer is generic, so this also checks element names of shapes no sample shows.
 */
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as ec2 from "@aws-sdk/client-ec2";
import { ec2Response } from "../support/aws-server/ec2-xml.js";
import { TEST_CREDENTIALS } from "./accounts.js";

const WIRE = new URL("../../../shared/reference/wire/ec2/", import.meta.url);

/** Sample elements the SDK's model has no member for, so the SDK drops them: nothing to write back. */
const NOT_IN_SDK_MODEL = ["DescribeSecurityGroupsResponse/securityGroupInfo/item/ipPermissions/item/groups/item/securityGroupRuleId"];

let body = "";
let server: Server;
let client: ec2.EC2Client;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/xml" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  client = new ec2.EC2Client({ region: "us-east-1", endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Each sample document (some files hold two), comments removed. */
async function samples(): Promise<{ file: string; operation: string; xml: string }[]> {
  const files = (await readdir(WIRE)).filter((f) => /^Describe[A-Za-z]+\..*xml$/.test(f));
  const docs = [];
  for (const file of files.sort()) {
    const text = (await readFile(new URL(file, WIRE), "utf8")).replace(/<!--[\s\S]*?-->/g, "").replace(/<\?xml[^>]*\?>/g, "");
    for (const match of text.matchAll(/<(Describe[A-Za-z]+)Response[\s\S]*?<\/\1Response>/g)) {
      docs.push({ file, operation: match[1] as string, xml: match[0] });
    }
  }
  return docs;
}

/** Every element path of a document, e.g. "DescribeVpcsResponse/vpcSet/item/vpcId". */
function elementPaths(xml: string): string[] {
  const paths = new Set<string>();
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of xml.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (close) stack.pop();
    else {
      paths.add([...stack, name].join("/"));
      if (!selfClosing) stack.push(name as string);
    }
  }
  return [...paths].filter((p) => !p.endsWith("/requestId")).sort();
}

test("the wire samples are there to compare with", async () => {
  const operations = new Set((await samples()).map((s) => s.operation));
  expect([...operations].sort()).toEqual([
    "DescribeAddresses",
    "DescribeNatGateways",
    "DescribeNetworkAcls",
    "DescribeRouteTables",
    "DescribeSecurityGroups",
    "DescribeSubnets",
    "DescribeVpcAttribute",
    "DescribeVpcEndpointServices",
    "DescribeVpcEndpoints",
    "DescribeVpcs",
  ]);
});

test("for every sample, the server writes back the same element paths the SDK read", async () => {
  const differences: Record<string, { onlyInSample: string[]; onlyInServer: string[] }> = {};
  for (const sample of await samples()) {
    body = sample.xml;
    const Command = (ec2 as unknown as Record<string, new (input: object) => ec2.DescribeVpcsCommand>)[`${sample.operation}Command`]!;
    const { $metadata: _m, ...output } = (await client.send(new Command({}))) as unknown as Record<string, unknown>;
    const written = elementPaths(ec2Response(sample.operation, output, "req-1"));
    const expected = elementPaths(sample.xml);
    const onlyInSample = expected.filter((p) => !written.includes(p) && !NOT_IN_SDK_MODEL.includes(p));
    const onlyInServer = written.filter((p) => !expected.includes(p));
    if (onlyInSample.length + onlyInServer.length > 0) differences[`${sample.file} ${sample.operation}`] = { onlyInSample, onlyInServer };
  }
  expect(differences).toEqual({});
});
