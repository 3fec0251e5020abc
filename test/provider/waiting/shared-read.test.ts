import { SharedRead } from "../../../provider/waiting/shared-read";
import { fakeClock } from "../../support/fake-clock";

/** A fetch the test answers by hand, counting calls. */
function manualFetch<T>() {
  const pending: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const fetch = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  return { fetch, pending };
}

test("callers that ask while a read is in flight join it: one fetch, one answer for all", async () => {
  const shared = new SharedRead<number>(fakeClock());
  const { fetch, pending } = manualFetch<number>();
  const answers = Promise.all([shared.read(fetch, 1_000), shared.read(fetch, 1_000), shared.read(fetch, 1_000)]);
  expect(pending).toHaveLength(1);
  pending[0]!.resolve(7);
  expect(await answers).toEqual([7, 7, 7]);
  expect(shared.reads).toBe(1);
});

test("an answer is reused within the window and read again after it", async () => {
  const clock = fakeClock();
  const shared = new SharedRead<number>(clock);
  let n = 0;
  const fetch = async () => ++n;
  expect(await shared.read(fetch, 1_000)).toBe(1);
  await clock.sleep(999);
  expect(await shared.read(fetch, 1_000)).toBe(1);
  await clock.sleep(1);
  expect(await shared.read(fetch, 1_000)).toBe(2);
  expect(shared.reads).toBe(2);
});

test("an error reaches every caller of its flight and is never reused", async () => {
  const shared = new SharedRead<number>(fakeClock());
  const { fetch, pending } = manualFetch<number>();
  const a = shared.read(fetch, 1_000);
  const b = shared.read(fetch, 1_000);
  const failure = new Error("403");
  pending[0]!.reject(failure);
  await expect(a).rejects.toBe(failure);
  await expect(b).rejects.toBe(failure);
  const c = shared.read(fetch, 1_000);
  expect(pending).toHaveLength(2);
  pending[1]!.resolve(3);
  expect(await c).toBe(3);
});
