// Flipper::Api's actions, matched in the gem's order against the path below the mount (lib/flipper/api/
// middleware.rb, lib/flipper/api/v1/actions/*.rb of flippercloud/flipper): the same route regexps, the feature
// name percent-decoded from the path (`my/feature` may hold a slash), 200 with the feature after each gate
// change, 204 after a delete or a clear. The expression, groups, actors-check and import actions are not faked.
import { type FlipperFeatures, type PercentageGate, percentageValue } from './flipperFeatures';
import type { Params } from './flipperParams';
import { APP_REPLIES, FLIPPER_ERRORS, type Reply } from './flipperReplies';

interface Call {
  readonly features: FlipperFeatures;
  /** The feature named in the path. */
  readonly name: string;
  readonly params: Params;
}

type Handler = (call: Call) => Reply;
type Verb = 'get' | 'post' | 'delete';

interface Action {
  readonly name: string;
  readonly route: RegExp;
  /** Unset: not faked. A verb it lacks raises Flipper::Api::RequestMethodNotSupported. */
  readonly verbs?: Partial<Record<Verb, Handler>>;
}

const feature = ({ features, name }: Call): Reply => ({ status: 200, json: features.json(name) });
const noContent = (): Reply => ({ status: 204, json: {} });
/** Changes the feature, then answers. */
const changing = (change: (call: Call) => void, answer: Handler): Handler => (call) => {
  change(call);
  return answer(call);
};
/** `params['exclude_gates']` and the like: "true" in any case. */
const flag = (params: Params, name: string) => params[name]?.toLowerCase() === 'true';

function percentageGate(gate: PercentageGate): Partial<Record<Verb, Handler>> {
  return {
    post: (call) => {
      const value = percentageValue(call.params.percentage);
      if (value === undefined) return FLIPPER_ERRORS.percentageInvalid();
      call.features.setPercentage(call.name, gate, value);
      return feature(call);
    },
    delete: changing((call) => call.features.setPercentage(call.name, gate, '0'), feature),
  };
}

function actorsGate(enabled: boolean): Handler {
  return (call) => {
    const flipperId = call.params.flipper_id;
    if (flipperId === undefined) return FLIPPER_ERRORS.flipperIdInvalid();
    call.features.setActor(call.name, flipperId, enabled);
    return feature(call);
  };
}

/** GET /features: every feature, or those of `keys` (comma-separated, unknown ones left out). */
function listFeatures({ features, params }: Call): Reply {
  const keys = params.keys?.split(',').filter((key) => features.has(key)) ?? features.keys();
  const options = { excludeGates: flag(params, 'exclude_gates'), excludeGateNames: flag(params, 'exclude_gate_names') };
  return { status: 200, json: { features: keys.map((key) => features.json(key, options)) } };
}

/** POST /features: `name` trimmed and rid of invisible characters (Typecast.to_feature_name), as Flipper does. */
function addFeature(call: Call): Reply {
  const name = (call.params.name ?? '').replace(/[\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]/gu, '').trim();
  if (!name) return FLIPPER_ERRORS.nameInvalid();
  call.features.add(name);
  return feature({ ...call, name });
}

const ACTIONS: readonly Action[] = [
  { name: 'ExpressionGate', route: /^\/features\/(?<feature_name>.*)\/expression\/?$/ },
  { name: 'PercentageOfTimeGate', route: /^\/features\/(?<feature_name>.*)\/percentage_of_time\/?$/, verbs: percentageGate('percentage_of_time') },
  { name: 'PercentageOfActorsGate', route: /^\/features\/(?<feature_name>.*)\/percentage_of_actors\/?$/, verbs: percentageGate('percentage_of_actors') },
  { name: 'ActorsGate', route: /^\/features\/(?<feature_name>.*)\/actors\/?$/, verbs: { post: actorsGate(true), delete: actorsGate(false) } },
  { name: 'GroupsGate', route: /^\/features\/(?<feature_name>.*)\/groups\/?$/ },
  {
    name: 'BooleanGate',
    route: /^\/features\/(?<feature_name>.*)\/boolean\/?$/,
    verbs: { post: changing((call) => call.features.enable(call.name), feature), delete: changing((call) => call.features.clear(call.name), feature) },
  },
  { name: 'ClearFeature', route: /^\/features\/(?<feature_name>.*)\/clear\/?$/, verbs: { delete: changing((call) => call.features.clear(call.name), noContent) } },
  { name: 'Actors', route: /^\/actors\/(?<flipper_id>.*)\/?$/ },
  {
    name: 'Feature',
    route: /^\/features\/(?<feature_name>.*)\/?$/,
    verbs: {
      get: (call) => (call.features.has(call.name) ? { status: 200, json: call.features.json(call.name, { excludeGates: flag(call.params, 'exclude_gates') }) } : FLIPPER_ERRORS.featureNotFound()),
      delete: changing((call) => call.features.remove(call.name), noContent),
    },
  },
  { name: 'Features', route: /^\/features\/?$/, verbs: { get: listFeatures, post: addFeature } },
  { name: 'Import', route: /^\/import\/?$/ },
];

/** `pathInfo`: the path below the mount, still percent-encoded. */
export function runAction(features: FlipperFeatures, method: string, pathInfo: string, params: Params): Reply {
  const action = ACTIONS.find((a) => a.route.test(pathInfo));
  if (!action) return FLIPPER_ERRORS.noRoute();
  if (!action.verbs) return APP_REPLIES.notFaked(`Flipper::Api::V1::Actions::${action.name}`);
  const verb = method === 'HEAD' ? 'get' : method.toLowerCase();
  const handler = verb === 'get' || verb === 'post' || verb === 'delete' ? action.verbs[verb] : undefined;
  const name = unescape(action.route.exec(pathInfo)?.groups?.feature_name ?? '');
  return handler && name !== undefined ? handler({ features, name, params }) : APP_REPLIES.exception();
}

/** Rack::Utils.unescape: `+` is a space; a malformed escape raises. */
function unescape(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
