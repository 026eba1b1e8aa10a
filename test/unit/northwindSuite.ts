// What the unit tests against the fake ServiceNow share: one Northwind instance per suite, its data fresh for each test.
import { type FakeServiceNow } from '../fakes/servicenow/fakeServiceNow';
import { northwindServiceNow, startNorthwindServiceNow } from '../fakes/servicenow/northwind';

/**
 * Registers the current suite's hooks: starts the fake ServiceNow with Northwind's records as of `now` and hands it to
 * `started`, resets it to those records before each test, and stops it after the suite.
 */
export function useNorthwindServiceNow(now: Date, started: (sn: FakeServiceNow) => void): void {
  let sn: FakeServiceNow;
  before(async () => {
    sn = await startNorthwindServiceNow(now);
    started(sn);
  });
  after(() => sn.stop());
  beforeEach(() => {
    sn.reset();
    northwindServiceNow(sn, now);
  });
}
