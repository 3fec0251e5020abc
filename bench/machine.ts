import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  pulumi: string;
  /** 1-minute load average when the bench started: other work on the machine skews wall-clock figures. */
  loadAverage: number;
}

export function describeMachine(): MachineInfo {
  let pulumi = "not found";
  try {
    pulumi = execFileSync(process.env.PULUMI_BIN ?? "pulumi", ["version"], { encoding: "utf8" }).trim();
  } catch {
    // reported as not found; the CLI-based figures then fail with their own error
  }
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pulumi,
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
  };
}
