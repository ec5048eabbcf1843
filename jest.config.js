/** Tests are TypeScript, run as ESM through ts-jest (transpile only: tsconfig's isolatedModules; `npm run typecheck` checks types). */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }] },
  setupFiles: ["<rootDir>/test/support/quiet.ts"],
  testTimeout: 60000,
};
