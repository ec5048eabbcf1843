import { runCli } from "./support/run-cli.js";

test.each<[string[], string]>([
  [["collect", "--output", "x.json", "--role-name", "r"], "--role-name applies to --accounts only: give --accounts a,b,c or --accounts organization"],
  [["collect", "--output", "x.json", "--accounts", "organization"], "--accounts: expected the role to assume in each account, with --role-name NAME or --role-arn TEMPLATE (not both)"],
  [["collect", "--output", "x.json", "--accounts", "1234", "--role-name", "r"], '--accounts: expected 12-digit account ids or organization; got "1234"'],
  [["collect", "--output", "x.json", "--accounts", "111111111111", "--role-arn", "arn:aws:iam::111111111111:role/r"], '--role-arn: expected an ARN template holding {account}, such as arn:aws:iam::{account}:role/kms-audit; got "arn:aws:iam::111111111111:role/r"'],
  [["scan", "--snapshot", "fixtures/two-subnets-one-without-path.snapshot.json", "--accounts", "organization"], "--snapshot: --accounts applies to live collection only"],
])("%j: one line, exit 2, before any AWS call", async (args, message) => {
  const run = await runCli(args, { env: { AWS_ACCESS_KEY_ID: "AKIDNOTUSED", AWS_SECRET_ACCESS_KEY: "x", AWS_REGION: "eu-west-1", AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
  expect([run.code, run.stderr]).toEqual([2, `kms-audit: ${message}\n`]);
});
