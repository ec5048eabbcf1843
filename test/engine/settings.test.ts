import { defaultSettings, functionMatcher, resolveSettings } from "../../src/engine/settings.js";
import { lambdaFunction } from "../support/build.js";

const fn = lambdaFunction({ FunctionName: "decrypt-orders" });

describe("settings", () => {
  it("declares KMS use through the tag kms-audit:uses-kms=true (any case)", () => {
    expect(defaultSettings().declaresKms(fn)).toBe(false);
    expect(defaultSettings().declaresKms({ ...fn, Tags: { "kms-audit:uses-kms": "TRUE" } })).toBe(true);
    expect(defaultSettings().declaresKms({ ...fn, Tags: { "kms-audit:uses-kms": "false" } })).toBe(false);
  });

  it("matches configured names and ARNs with * wildcards, and nothing else", () => {
    expect(functionMatcher("decrypt-*")(fn)).toBe(true);
    expect(functionMatcher("decrypt")(fn)).toBe(false);
    expect(functionMatcher("arn:aws:lambda:ap-northeast-1:123456789012:function:decrypt-orders")(fn)).toBe(true);
    expect(functionMatcher("decrypt.orders")(fn)).toBe(false);
    expect(defaultSettings(["*-orders"]).declaresKms(fn)).toBe(true);
  });

  it("lets explicit settings replace the defaults", () => {
    expect(resolveSettings({ declaresKms: () => true }).declaresKms(fn)).toBe(true);
    expect(resolveSettings({}, ["other-*"]).declaresKms(fn)).toBe(false);
  });
});
