/**
 * `npm run check:wire`: the loopback test server's XML must be AWS's XML. For every documented EC2 sample response
 * (the project's reference notes: <repository>/../shared/reference/wire/ec2, or the directory in KMS_AUDIT_WIRE_DIR),
 * the SDK reads the sample, the server's serializer writes what the SDK read, and both documents must have the same
 * element paths (lowerCamel names, …Set/item lists and the exceptions such as securityGroupInfo, ipPermissionsEgress,
 * groups). The serializer is generic, so this also checks element names of shapes no sample shows.
 *
 * Not part of `npm test` (a plain clone has no reference notes); `.ci/run` runs it after the tests.
 * Exit 0: no difference; 1: differences (listed); 2: the samples are missing.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as Ec2 from "@aws-sdk/client-ec2";
import { ec2Response } from "../test/support/aws-server/ec2-xml.js";

const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WIRE = path.join(process.env.KMS_AUDIT_WIRE_DIR ?? path.join(REPOSITORY, "..", "shared", "reference", "wire"), "ec2");

/** The operations the samples must cover. */
const EXPECTED_OPERATIONS = [
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
];

/** Sample elements the SDK's model has no member for, so the SDK drops them: nothing to write back. */
const NOT_IN_SDK_MODEL = ["DescribeSecurityGroupsResponse/securityGroupInfo/item/ipPermissions/item/groups/item/securityGroupRuleId"];

/** Each sample document (some files hold two), comments removed. */
async function samples(): Promise<{ file: string; operation: string; xml: string }[]> {
  const files = (await readdir(WIRE)).filter((f) => /^Describe[A-Za-z]+\..*xml$/.test(f));
  const docs = [];
  for (const file of files.sort()) {
    const text = (await readFile(path.join(WIRE, file), "utf8")).replace(/<!--[\s\S]*?-->/g, "").replace(/<\?xml[^>]*\?>/g, "");
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

async function main(): Promise<number> {
  if (!existsSync(WIRE)) {
    console.error(`check:wire: no AWS wire samples at ${WIRE}: this check needs the project's reference notes beside the repository (../shared/reference/wire), or KMS_AUDIT_WIRE_DIR=<dir holding ec2/>`);
    return 2;
  }
  const docs = await samples();
  const operations = [...new Set(docs.map((d) => d.operation))].sort();
  const missing = EXPECTED_OPERATIONS.filter((op) => !operations.includes(op));
  if (missing.length > 0) {
    console.error(`check:wire: ${WIRE} lacks samples of ${missing.join(", ")}`);
    return 2;
  }
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const ec2 = await import("@aws-sdk/client-ec2");
  let body = "";
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/xml" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new ec2.EC2Client({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: "AKIDKMSAUDITTEST", secretAccessKey: "kms-audit-test-secret" },
    maxAttempts: 1,
  });
  let differences = 0;
  try {
    for (const sample of docs) {
      body = sample.xml;
      const Command = (ec2 as unknown as Record<string, new (input: object) => Ec2.DescribeVpcsCommand>)[`${sample.operation}Command`]!;
      const { $metadata: _m, ...output } = (await client.send(new Command({}))) as unknown as Record<string, unknown>;
      const written = elementPaths(ec2Response(sample.operation, output, "req-1"));
      const expected = elementPaths(sample.xml);
      const onlyInSample = expected.filter((p) => !written.includes(p) && !NOT_IN_SDK_MODEL.includes(p));
      const onlyInServer = written.filter((p) => !expected.includes(p));
      for (const p of onlyInSample) console.error(`check:wire: ${sample.file} ${sample.operation}: only in the sample: ${p}`);
      for (const p of onlyInServer) console.error(`check:wire: ${sample.file} ${sample.operation}: only in the server's XML: ${p}`);
      differences += onlyInSample.length + onlyInServer.length;
    }
  } finally {
    client.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (differences > 0) return 1;
  console.log(`check:wire: ${docs.length} sample documents of ${operations.length} operations: the test server writes the element paths AWS does`);
  return 0;
}

process.exitCode = await main();
