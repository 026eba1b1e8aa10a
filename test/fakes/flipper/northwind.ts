// The Flipper of the sample's app, mounted at /flipper/api: its tokens and its features, the rated-disability
// Lighthouse rollout not started (0% of actors, boolean off) and the parcel live map fully on.
import { FakeFlipper } from './fakeFlipper';

/** One segment each, nothing a secret scan takes for a real credential. */
export const NORTHWIND_FLIPPER = { token: 'flipper-test-token', readOnlyToken: 'flipper-readonly-token' } as const;
export const LIGHTHOUSE_FEATURE = 'rated_disability_lighthouse';
export const LIVE_MAP_FEATURE = 'parcel_tracking_live_map';

export function northwindFlipper(fake: FakeFlipper): FakeFlipper {
  fake.setTokens([NORTHWIND_FLIPPER.token, { token: NORTHWIND_FLIPPER.readOnlyToken, readOnly: true }]);
  fake.setFeatures([
    { key: LIGHTHOUSE_FEATURE, boolean: false, percentageOfActors: 0 },
    { key: LIVE_MAP_FEATURE, boolean: true },
  ]);
  return fake;
}

export async function startNorthwindFlipper(): Promise<FakeFlipper> {
  return northwindFlipper(await new FakeFlipper().start());
}
