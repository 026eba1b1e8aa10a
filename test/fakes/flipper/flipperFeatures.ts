// The fake's features, their gate values held as Flipper's adapters hold them (lib/flipper/adapters/memory.rb:
// strings, and sets of strings) and rendered as Flipper::Api renders a feature (lib/flipper/api/v1/decorators/
// feature.rb and gate.rb): `{ key, state, gates }`, every gate of lib/flipper/feature.rb in its order, each
// `{ key, value, name }` with the value as the adapter gave it ("true", "25", ["alice"], or null).
import type { FakeFeature, FeatureSnapshot, FeatureState } from './flipperModel';

interface Gates {
  boolean: string | null;
  actors: Set<string>;
  percentage_of_actors: string | null;
  percentage_of_time: string | null;
}

export type PercentageGate = 'percentage_of_actors' | 'percentage_of_time';

/** The expression and groups gates are never set: the fake has no action that sets them. */
const GATES: readonly { readonly key: string; readonly name: string; readonly value: (gates: Gates) => unknown }[] = [
  { key: 'boolean', name: 'boolean', value: (g) => g.boolean },
  { key: 'expression', name: 'expression', value: () => null },
  { key: 'actors', name: 'actor', value: (g) => [...g.actors] },
  { key: 'percentage_of_actors', name: 'percentage_of_actors', value: (g) => g.percentage_of_actors },
  { key: 'percentage_of_time', name: 'percentage_of_time', value: (g) => g.percentage_of_time },
  { key: 'groups', name: 'group', value: () => [] },
];

/** The adapter's default_config: what a new feature has, and what clearing (or disabling the boolean gate) leaves. */
function defaultGates(): Gates {
  return { boolean: null, actors: new Set(), percentage_of_actors: null, percentage_of_time: null };
}

/** Typecast.to_number of a stored value: a float when it has a dot, else Ruby's String#to_i; nil is 0. */
function toNumber(value: string | null): number {
  if (value === null) return 0;
  const number = value.includes('.') ? Number.parseFloat(value) : Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : 0;
}

/**
 * The `percentage` param as the gate actions take it (percentage_of_actors_gate.rb, Types::Percentage): it must
 * hold a digit and come to 0–100 through Typecast.to_number; stored as Ruby prints the number ("10", "0.05",
 * "25.0"). Undefined: invalid (error 3).
 */
export function percentageValue(param: string | undefined): string | undefined {
  const text = param ?? '';
  if (!/\d/.test(text)) return undefined;
  const value = toNumber(text);
  if (value < 0 || value > 100) return undefined;
  return text.includes('.') && Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** Feature#state: on with the boolean gate or 100% of the time, conditional with any other gate enabled. */
function state(gates: Gates): FeatureState {
  if (gates.boolean === 'true' || toNumber(gates.percentage_of_time) === 100) return 'on';
  if (gates.actors.size > 0 || toNumber(gates.percentage_of_actors) > 0 || toNumber(gates.percentage_of_time) > 0) return 'conditional';
  return 'off';
}

/** Every write goes through Feature, which adds the feature first: writing to an unknown feature creates it. */
export class FlipperFeatures {
  private readonly features = new Map<string, Gates>();

  set(features: readonly FakeFeature[]): void {
    this.features.clear();
    for (const f of features) {
      const percentage = f.percentageOfActors;
      if (percentage !== undefined && !(percentage >= 0 && percentage <= 100)) throw new Error(`percentageOfActors of ${f.key} is not in 0–100`);
      this.features.set(f.key, { ...defaultGates(), boolean: f.boolean ? 'true' : null, actors: new Set(f.actors), percentage_of_actors: percentage === undefined ? null : String(percentage) });
    }
  }

  has(key: string): boolean {
    return this.features.has(key);
  }

  /** In the order they were added, as the memory adapter lists them. */
  keys(): string[] {
    return [...this.features.keys()];
  }

  add(key: string): void {
    this.gates(key);
  }

  remove(key: string): void {
    this.features.delete(key);
  }

  /** Also what disabling the boolean gate does (the adapters reset every gate). */
  clear(key: string): void {
    this.features.set(key, defaultGates());
  }

  /** Enabling the boolean gate resets the others too. */
  enable(key: string): void {
    this.features.set(key, { ...defaultGates(), boolean: 'true' });
  }

  /** Disabling a percentage gate stores "0". */
  setPercentage(key: string, gate: PercentageGate, value: string): void {
    this.gates(key)[gate] = value;
  }

  setActor(key: string, flipperId: string, enabled: boolean): void {
    const actors = this.gates(key).actors;
    if (enabled) actors.add(flipperId);
    else actors.delete(flipperId);
  }

  json(key: string, options: { readonly excludeGates?: boolean; readonly excludeGateNames?: boolean } = {}): Record<string, unknown> {
    const gates = this.gates(key);
    const result: Record<string, unknown> = { key, state: state(gates) };
    if (!options.excludeGates) result.gates = GATES.map((g) => ({ key: g.key, value: g.value(gates), ...(options.excludeGateNames ? {} : { name: g.name }) }));
    return result;
  }

  snapshot(key: string): FeatureSnapshot | undefined {
    const gates = this.features.get(key);
    if (!gates) return undefined;
    const number = (value: string | null) => (value === null ? null : toNumber(value));
    return { key, state: state(gates), boolean: gates.boolean === 'true', percentageOfActors: number(gates.percentage_of_actors), percentageOfTime: number(gates.percentage_of_time), actors: [...gates.actors] };
  }

  private gates(key: string): Gates {
    const gates = this.features.get(key) ?? defaultGates();
    this.features.set(key, gates);
    return gates;
  }
}
