import { Pace, DEFAULT_DELAYS } from "../../../simulator/model/pace";
import { ENDPOINT_SEQUENCES, IllegalTransition, Schedule } from "../../../simulator/model/transitions";
import { AwsInterfaceEndpoint } from "../../../simulator/model/private-endpoint";

const pace = (timeScale = 1, jitter = 0, random = () => 0.5) => new Pace(timeScale, { ...DEFAULT_DELAYS }, jitter, random);

describe("status schedules", () => {
  it("lays out a cloud's sequence on the clock so the status at any moment is a lookup", () => {
    const schedule = Schedule.layOut(ENDPOINT_SEQUENCES.AWS, 1000, pace(0.5));
    expect(schedule.statusAt(1000)).toBe("PENDING_ACCEPTANCE");
    expect(schedule.statusAt(1000 + 1499)).toBe("PENDING_ACCEPTANCE");
    expect(schedule.statusAt(1000 + 1500)).toBe("PENDING");
    expect(schedule.statusAt(1000 + 3499)).toBe("PENDING");
    expect(schedule.statusAt(1000 + 3500)).toBe("AVAILABLE");
    expect(schedule.reachedAt("AVAILABLE")).toBe(4500);
    expect(schedule.isOver(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it("draws each jittered delay within ±jitter of its nominal value", () => {
    expect(pace(1, 0.5, () => 0).durationOf("awsPendingMs")).toBe(2000);
    expect(pace(1, 0.5, () => 0.999999).durationOf("awsPendingMs")).toBe(6000);
    expect(pace(1, 0, () => 0).durationOf("awsPendingMs")).toBe(4000);
  });

  it("never reports availableAt for an endpoint deleted before it became AVAILABLE", () => {
    const endpoint = new AwsInterfaceEndpoint("vpce-0123456789abcdef0", 0, pace(1), false);
    endpoint.requestDeletion(100, pace(1));
    expect(endpoint.status(100_000 - 1)).toBe("DELETING");
    expect(endpoint.availableAt(100_000)).toBeNull();
  });

  it("raises IllegalTransition when asked to delete an endpoint twice", () => {
    const endpoint = new AwsInterfaceEndpoint("vpce-0123456789abcdef0", 0, pace(1), false);
    endpoint.requestDeletion(1, pace(1));
    expect(() => endpoint.requestDeletion(2, pace(1))).toThrow(IllegalTransition);
  });
});
