import { formatDuration, parseDurationMs } from "../../../provider/vocabulary/time";

describe("parseDurationMs", () => {
  test.each([
    ["45m", 45 * 60_000],
    ["1h30m", 90 * 60_000],
    ["90s", 90_000],
    ["1.5h", 90 * 60_000],
    ["500ms", 500],
    ["2h5m10s", 2 * 3_600_000 + 5 * 60_000 + 10_000],
    [" 10m ", 600_000],
    [600, 600_000],
    [0.25, 250],
    ["300", 300_000],
  ])("reads %p as %p milliseconds", (input, expected) => {
    expect(parseDurationMs(input)).toBe(expected);
  });

  test.each([["45 minutes"], ["m"], ["-5m"], ["0s"], [0], [-1], [Number.NaN], [""], ["1d"], [true], [null], [{}]])(
    "rejects %p as not a positive duration",
    (input) => {
      expect(parseDurationMs(input)).toBeUndefined();
    },
  );
});

describe("formatDuration", () => {
  test("shows short waits with a decimal and long ones in h/m/s", () => {
    expect(formatDuration(250)).toBe("250ms");
    expect(formatDuration(12_345)).toBe("12.3s");
    expect(formatDuration(1_000)).toBe("1s");
    expect(formatDuration(3 * 60_000 + 5_000)).toBe("3m 5s");
    expect(formatDuration(3_600_000)).toBe("1h");
  });
});
