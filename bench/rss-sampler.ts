import { readdirSync, readFileSync } from "node:fs";

/**
 * Samples the resident memory of the dynamic provider host(s) started by one `pulumi` run: descendants
 * of that run's CLI process whose command line names the dynamic provider. Provider hosts of other
 * runs on the machine are ignored.
 */
export class ProviderHostRssSampler {
  private timer: NodeJS.Timeout | undefined;
  peakTotalBytes = 0;
  peakSingleBytes = 0;
  hostsSeen = new Set<number>();
  samples = 0;

  start(cliPid: number, intervalMs = 100): void {
    this.timer = setInterval(() => this.sample(cliPid), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private sample(cliPid: number): void {
    const parents = new Map<number, number>();
    const hosts: number[] = [];
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        // Fields after the parenthesized command: state ppid ...
        parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
        if (cmdline.includes("dynamic-provider") || cmdline.includes("pulumi-resource-pulumi-nodejs")) hosts.push(Number(entry));
      } catch {
        // the process ended between listing and reading
      }
    }
    const startedByCli = (pid: number) => {
      for (let current = parents.get(pid); current !== undefined && current > 1; current = parents.get(current)) {
        if (current === cliPid) return true;
      }
      return false;
    };
    let total = 0;
    for (const pid of hosts.filter(startedByCli)) {
      try {
        const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
        total += rssKb * 1024;
        this.peakSingleBytes = Math.max(this.peakSingleBytes, rssKb * 1024);
        this.hostsSeen.add(pid);
      } catch {
        // ended meanwhile
      }
    }
    this.samples += 1;
    this.peakTotalBytes = Math.max(this.peakTotalBytes, total);
  }
}
