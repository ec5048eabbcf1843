// Loaded with `node --import`: when the process exits, writes its peak RSS and CPU time to $KMS_AUDIT_USAGE_FILE, so
// that the bench measures a command (the built CLI) as users run it, without changing it.
import { writeFileSync } from "node:fs";

const file = process.env.KMS_AUDIT_USAGE_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
