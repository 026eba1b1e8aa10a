// The Flipper of the sample's app, mounted at /flipper/api: its tokens and its features, the rated-disability
// Lighthouse rollout not started (0% of actors, boolean off), the parcel live map fully on, and the sample
// release plan's label_service_v2 at 5% of actors.
import { FakeFlipper } from './fakeFlipper';

/** One segment each, nothing a secret scan takes for a real credential. */
export const NORTHWIND_FLIPPER = { token: 'flipper-test-token', readOnlyToken: 'flipper-readonly-token' } as const;
export const LIGHTHOUSE_FEATURE = 'rated_disability_lighthouse';
export const LIVE_MAP_FEATURE = 'parcel_tracking_live_map';
/** The sample release plan's feature (sample/runbooks/release-plan.md): at the live stage's 5%. */
export const LABEL_SERVICE_FEATURE = 'label_service_v2';

export function northwindFlipper(fake: FakeFlipper): FakeFlipper {
  fake.setTokens([NORTHWIND_FLIPPER.token, { token: NORTHWIND_FLIPPER.readOnlyToken, readOnly: true }]);
  fake.setFeatures([
    { key: LIGHTHOUSE_FEATURE, boolean: false, percentageOfActors: 0 },
    { key: LIVE_MAP_FEATURE, boolean: true },
    { key: LABEL_SERVICE_FEATURE, boolean: false, percentageOfActors: 5 },
  ]);
  return fake;
}

export async function startNorthwindFlipper(): Promise<FakeFlipper> {
  return northwindFlipper(await new FakeFlipper().start());
}
