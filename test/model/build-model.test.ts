import { buildModel, serviceSpec, SERVICES, subnetIsPublic, buildRegionIndex, regionOffersEndpoint, interfaceEndpointsFor, endpointGroupIds } from "../../src/model/index.js";
import { ACCOUNT, REGION, ids, lambdaFunction, regionCalls, scenario, toSnapshot, withKmsEndpoint, withNat } from "../support/build.js";

describe("buildModel", () => {
  it("evaluates KMS for every subnet of every VPC function, ordered by function ARN, subnet, service", () => {
    const d = withNat(scenario());
    d.functions.push(
      lambdaFunction({ FunctionName: "a-first", VpcConfig: { SubnetIds: [ids.privateC], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc }, Tags: { "kms-audit:uses": "sts, s3,unknown-svc" } }),
      lambdaFunction({ FunctionName: "no-vpc" }),
    );
    const model = buildModel(toSnapshot(d));
    expect(model.paths.map((p) => `${p.functionName} ${p.subnetId} ${p.service}`)).toEqual([
      `a-first ${ids.privateC} kms`,
      `a-first ${ids.privateC} s3`,
      `a-first ${ids.privateC} sts`,
      `decrypt-orders ${ids.privateA} kms`,
      `decrypt-orders ${ids.privateC} kms`,
    ]);
    const first = model.paths[0]!;
    expect(first.function).toEqual({ type: "lambda-function", id: "a-first", arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:a-first`, account: ACCOUNT, region: REGION });
    expect(first.vpcId).toBe(ids.vpc);
    expect(first.availabilityZone).toBe(`${REGION}c`);
  });

  it("adds services from options.servicesFor", () => {
    const model = buildModel(toSnapshot(withNat(scenario())), { servicesFor: () => ["secretsmanager"] });
    expect(model.paths.map((p) => p.service)).toEqual(["kms", "secretsmanager", "kms", "secretsmanager"]);
  });

  it("pathsFor and regionOf look results up", () => {
    const model = buildModel(toSnapshot(withKmsEndpoint(scenario())));
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${ids.fn}`;
    expect(model.pathsFor(arn).map((p) => `${p.subnetId} ${p.verdict}`)).toEqual([`${ids.privateA} reachable-via-endpoint`, `${ids.privateC} reachable-via-endpoint`]);
    expect(model.pathsFor(arn, "s3")).toEqual([]);
    expect(model.regionOf(ACCOUNT, REGION)?.region).toBe(REGION);
    expect(model.regionOf(ACCOUNT, "us-east-1")).toBeUndefined();
  });

  it("functions sharing subnet and SGs but not their role get each their own endpoint policy result", () => {
    const d = withKmsEndpoint(scenario());
    const allowed = `arn:aws:iam::${ACCOUNT}:role/decrypt-orders-role`;
    d.vpcEndpoints[0] = { ...d.vpcEndpoints[0]!, PolicyDocument: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: allowed }, Action: "kms:Decrypt", Resource: "*" }] }) };
    d.functions.push(lambdaFunction({ FunctionName: "other-role", VpcConfig: { SubnetIds: [ids.privateA], SecurityGroupIds: [ids.sgFunction], VpcId: ids.vpc } }));
    const model = buildModel(toSnapshot(d));
    expect(model.paths.map((p) => `${p.functionName} ${p.subnetId} ${p.verdict}`)).toEqual([
      `decrypt-orders ${ids.privateA} reachable-via-endpoint`,
      `decrypt-orders ${ids.privateC} reachable-via-endpoint`,
      `other-role ${ids.privateA} blocked`,
    ]);
    expect(model.paths[2]!.blocking.map((h) => h.code)).toEqual(["ENDPOINT_POLICY_DENIES"]);
  });

  it("notes that IPv6 is not modelled for a dual-stack function", () => {
    const d = withNat(scenario());
    d.functions[0]!.VpcConfig = { ...d.functions[0]!.VpcConfig, Ipv6AllowedForDualStack: true };
    const model = buildModel(toSnapshot(d));
    expect(model.paths[0]!.notes.map((n) => `${n.status} ${n.code}`)).toEqual(["info UNSUPPORTED_COMPONENT"]);
  });

  it("is deterministic: the same snapshot gives equal results", () => {
    const snapshot = toSnapshot(withKmsEndpoint(withNat(scenario())));
    expect(JSON.stringify(buildModel(snapshot).paths)).toBe(JSON.stringify(buildModel(snapshot).paths));
  });

  it("blocking is empty exactly when reachable", () => {
    for (const d of [scenario(), withNat(scenario()), withKmsEndpoint(scenario())]) {
      for (const path of buildModel(toSnapshot(d)).paths) {
        expect(path.blocking.length === 0).toBe(path.verdict.startsWith("reachable"));
      }
    }
  });
});

describe("service catalogue", () => {
  it("describes KMS with both endpoint names and kms:Decrypt", () => {
    const kms = serviceSpec("kms");
    expect(kms.endpointServiceSuffixes).toEqual(["kms", "kms-fips"]);
    expect(kms.requiredAction).toBe("kms:Decrypt");
    expect(kms.hasGatewayEndpoint).toBe(false);
    expect(kms.hostname(REGION)).toBe("kms.ap-northeast-1.amazonaws.com");
  });

  it("gives S3 and DynamoDB gateway endpoints", () => {
    expect(SERVICES.filter((s) => s.hasGatewayEndpoint).map((s) => s.id)).toEqual(["s3", "dynamodb"]);
    expect(serviceSpec("dynamodb").requiredAction).toBe("dynamodb:GetItem");
  });

  it("throws for an unknown service id", () => {
    expect(() => serviceSpec("nope")).toThrow('unknown service "nope"');
  });
});

describe("helpers for rules", () => {
  const index = buildRegionIndex(ACCOUNT, REGION, regionCalls(withKmsEndpoint(withNat(scenario()))));

  it("subnetIsPublic: a direct default route to an internet gateway", () => {
    expect(subnetIsPublic(index, ids.publicA)).toBe(true);
    expect(subnetIsPublic(index, ids.privateA)).toBe(false);
  });

  it("regionOffersEndpoint reads DescribeVpcEndpointServices", () => {
    expect(regionOffersEndpoint(index, serviceSpec("kms"))).toBe(true);
    expect(regionOffersEndpoint(index, serviceSpec("dynamodb"))).toBe(false);
  });

  it("endpointGroupIds falls back to the VPC default security group", () => {
    const endpoint = index.vpcEndpoints.get(ids.kmsEndpoint)!;
    expect(endpointGroupIds(index, endpoint)).toEqual([ids.sgEndpoint]);
    expect(endpointGroupIds(index, { ...endpoint, Groups: [] })).toEqual([ids.sgDefault]);
  });

  it("interfaceEndpointsFor finds the VPC's endpoints of a service", () => {
    expect(interfaceEndpointsFor(index, ids.vpc, serviceSpec("kms")).map((e) => e.VpcEndpointId)).toEqual([ids.kmsEndpoint]);
    expect(interfaceEndpointsFor(index, ids.vpc, serviceSpec("sts"))).toEqual([]);
  });
});
