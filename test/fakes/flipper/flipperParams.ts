// A request's params as Flipper::Api's actions read them (Rack::Request#params): the query, overridden by a form
// body (application/x-www-form-urlencoded, multipart/form-data, or a POST without Content-Type, as Rack reads
// one) or by a JSON body. Flipper::Api::JsonParams reads JSON only under exactly `Content-Type: application/json`
// (lib/flipper/api/json_params.rb compares the header as a string): with `; charset=utf-8` nobody reads the body.

export type Params = Readonly<Record<string, string>>;

/** Undefined: a body Flipper::Api raises on (JSON that is not an object, malformed multipart); the app answers 500. */
export async function flipperParams(method: string, url: URL, body: Buffer, contentType: string | undefined): Promise<Params | undefined> {
  const query = Object.fromEntries(url.searchParams);
  if (contentType === 'application/json') {
    if (!body.length) return query;
    const fields = jsonFields(body.toString('utf8'));
    return fields && { ...query, ...fields };
  }
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded' || (mediaType === undefined && method === 'POST')) return { ...query, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
  if (mediaType === 'multipart/form-data' && contentType) {
    const fields = await multipartFields(body, contentType);
    return fields && { ...query, ...fields };
  }
  return query;
}

/** Values as Rack reads them once JsonParams has put them in the query: text; a null is no value at all. */
function jsonFields(text: string): Record<string, string> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** The text fields; files are left out. */
async function multipartFields(body: Buffer, contentType: string): Promise<Record<string, string> | undefined> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return undefined;
  }
  const fields: Record<string, string> = {};
  form.forEach((value, key) => typeof value === 'string' && (fields[key] = value));
  return fields;
}
