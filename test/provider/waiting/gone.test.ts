import { AtlasApiError } from "../../../provider/client";
import { goneTwice, graceAfterCreate, lookAgain, NOT_FOUND_RULES, SECOND_LOOK } from "../../../provider/waiting/gone";
import { fakeClock } from "../../support/fake-clock";

const notFound = () => new AtlasApiError({ method: "GET", path: "/x", status: 404, errorCode: "RESOURCE_NOT_FOUND", fromAtlas: true });
const refused = () => new AtlasApiError({ method: "GET", path: "/x", status: 429, retryAfterMs: 5_000, fromAtlas: true });

/** A read that answers from a script: an error to throw, or a value to return; counts its calls. */
function scripted<T>(answers: (T | Error)[]) {
  const read = async (): Promise<T> => {
    const answer = answers[read.calls++];
    if (answer === undefined) throw new Error(`read called ${read.calls} times, the script has ${answers.length} answers`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  read.calls = 0;
  return read;
}

describe("gone twice", () => {
  test("a 404 followed by a found read is a lagging read: what the second look found, after one short pause", async () => {
    const clock = fakeClock();
    const read = scripted([{ status: "AVAILABLE" }]);
    const confirmed: unknown[] = [];
    const outcome = await goneTwice(notFound(), { read, confirm: async (error) => void confirmed.push(error), clock });
    expect(outcome).toEqual({ kind: "found", value: { status: "AVAILABLE" } });
    expect(confirmed).toHaveLength(1);
    expect(read.calls).toBe(1);
    expect(clock.sleeps).toEqual([2_000]);
  });

  test("a second 404 confirms gone, with exactly one more read", async () => {
    const clock = fakeClock();
    const read = scripted<unknown>([notFound(), { status: "AVAILABLE" }]);
    expect(await goneTwice(notFound(), { read, confirm: async () => undefined, clock })).toEqual({ kind: "gone" });
    expect(read.calls).toBe(1);
  });

  test("a 404 Atlas does not confirm (confirm throws) ends before any second look", async () => {
    const read = scripted<unknown>([]);
    const rejection = new Error("not Atlas");
    await expect(
      goneTwice(notFound(), {
        read,
        confirm: async () => {
          throw rejection;
        },
        clock: fakeClock(),
      }),
    ).rejects.toBe(rejection);
    expect(read.calls).toBe(0);
  });

  test("refusals during the second look are ridden out on the wait loop, no sooner than Retry-After", async () => {
    const clock = fakeClock();
    const read = scripted<unknown>([refused(), refused(), { status: "DELETING" }]);
    const outcome = await lookAgain({ read, grace: SECOND_LOOK, clock });
    expect(outcome).toEqual({ kind: "found", value: { status: "DELETING" } });
    expect(read.calls).toBe(3);
    expect(clock.sleeps.slice(1).every((ms) => ms >= 5_000)).toBe(true);
  });

  test("refusals until the timeout end in 'not known', never in gone", async () => {
    const clock = fakeClock();
    const read = scripted<unknown>(Array.from({ length: 100 }, refused));
    await expect(lookAgain({ read, grace: SECOND_LOOK, clock, timeoutMs: 60_000 })).rejects.toThrow(
      /refused every look for 1m.*whether it is gone is not known/,
    );
    expect(read.calls).toBeGreaterThan(1);
  });
});

describe("the grace after a create", () => {
  test("404s are looked through until the grace ends, then the next 404 is gone", async () => {
    const clock = fakeClock();
    const read = scripted<unknown>(Array.from({ length: 50 }, notFound));
    expect(await lookAgain({ read, grace: graceAfterCreate(clock.now(), 1), clock })).toEqual({ kind: "gone" });
    // Every look but the last was inside the grace; the last came after it ended.
    expect(clock.now()).toBeGreaterThanOrEqual(NOT_FOUND_RULES.afterCreateGraceMs);
    expect(clock.now() - clock.sleeps.at(-1)!).toBeLessThan(NOT_FOUND_RULES.afterCreateGraceMs);
  });

  test("lasts at least the minimum number of looks however long each takes", async () => {
    const clock = fakeClock();
    const slow = scripted<unknown>(Array.from({ length: 10 }, notFound));
    // A process stalled for a minute per look: the grace's time is over at the first look.
    const read = async () => {
      await clock.sleep(60_000);
      return slow();
    };
    expect(await lookAgain({ read, grace: graceAfterCreate(clock.now(), 1), clock })).toEqual({ kind: "gone" });
    // The caller's 404 is the first look; two more 404s inside the minimum, the third decides.
    expect(slow.calls).toBe(NOT_FOUND_RULES.afterCreateMinLooks);
  });

  test("with no create (acceptedAt unknown) there is no grace: the caller's 404 decides at once", async () => {
    const read = scripted<unknown>([]);
    expect(await lookAgain({ read, grace: graceAfterCreate(undefined, 1), clock: fakeClock() })).toEqual({ kind: "gone" });
    expect(read.calls).toBe(0);
  });
});
