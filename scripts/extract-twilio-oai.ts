/**
 * Cuts the part of Twilio's OpenAPI spec (twilio/twilio-oai, spec/json/twilio_api_v2010.json) that the
 * Twilio API stand-in imitates and its contract test checks: the operations below, with every
 * component they reference, minus the response examples. Output is deterministic (sorted components),
 * so re-running it on the same input gives the same file.
 *
 *   npx tsx scripts/extract-twilio-oai.ts <path/to/twilio_api_v2010.json> [out.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Path → the operations the stand-in serves. */
export const OPERATIONS: Record<string, string[]> = {
  '/2010-04-01/Accounts.json': ['get', 'post'],
  '/2010-04-01/Accounts/{Sid}.json': ['get', 'post'],
  '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json': ['get'],
  '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json': ['get', 'post'],
  '/2010-04-01/Accounts/{AccountSid}/Messages.json': ['get', 'post'],
};

const DEFAULT_OUT = fileURLToPath(new URL('../tests/fixtures/twilio-oai/twilio_api_v2010.subset.json', import.meta.url));

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy without `examples` (large, and not part of the contract). */
function withoutExamples(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'examples')
      .map(([key, inner]) => [key, withoutExamples(inner)]),
  );
}

function collectRefs(value: Json, into: Set<string>) {
  if (Array.isArray(value)) value.forEach((inner) => collectRefs(inner, into));
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') into.add(inner);
      else collectRefs(inner, into);
    }
  }
}

export function extract(spec: JsonObject): JsonObject {
  const paths = spec.paths;
  const components = spec.components;
  if (!isObject(paths) || !isObject(components)) throw new Error('not an OpenAPI document: no paths/components');

  const outPaths: JsonObject = {};
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    const item = paths[path];
    if (!isObject(item)) throw new Error(`spec has no path ${path}`);
    const kept: JsonObject = {};
    if (item.servers !== undefined) kept.servers = item.servers;
    if (item.description !== undefined) kept.description = item.description;
    for (const method of methods) {
      const operation = item[method];
      if (!isObject(operation)) throw new Error(`spec has no ${method.toUpperCase()} ${path}`);
      kept[method] = withoutExamples(operation);
    }
    outPaths[path] = kept;
  }

  // Follow $refs transitively: schemas reference enums and other schemas.
  const wanted = new Set<string>();
  collectRefs(outPaths, wanted);
  const outComponents: Record<string, JsonObject> = {};
  const seen = new Set<string>();
  const queue = [...wanted];
  while (queue.length > 0) {
    const ref = queue.shift()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    if (!match) throw new Error(`unsupported $ref ${ref}`);
    const [, kind, name] = match as unknown as [string, string, string];
    const section = components[kind];
    const target = isObject(section) ? section[name] : undefined;
    if (target === undefined) throw new Error(`dangling $ref ${ref}`);
    const copy = withoutExamples(target);
    (outComponents[kind] ??= {})[name] = copy;
    const inner = new Set<string>();
    collectRefs(copy, inner);
    queue.push(...inner);
  }
  const sortedComponents: JsonObject = {};
  for (const kind of Object.keys(outComponents).sort()) {
    const section = outComponents[kind]!;
    sortedComponents[kind] = Object.fromEntries(Object.keys(section).sort().map((name) => [name, section[name]!]));
  }
  if (components.securitySchemes !== undefined) sortedComponents.securitySchemes = components.securitySchemes;

  const out: JsonObject = { openapi: spec.openapi ?? null, info: spec.info ?? null };
  if (spec.servers !== undefined) out.servers = spec.servers;
  if (spec.security !== undefined) out.security = spec.security;
  out.paths = outPaths;
  out.components = sortedComponents;
  return out;
}

function main() {
  const [input, output = DEFAULT_OUT] = process.argv.slice(2);
  if (!input) {
    console.error('usage: npx tsx scripts/extract-twilio-oai.ts <path/to/twilio_api_v2010.json> [out.json]');
    process.exit(2);
  }
  const spec = JSON.parse(readFileSync(input, 'utf8')) as Json;
  if (!isObject(spec)) throw new Error(`${input} is not a JSON object`);
  writeFileSync(output, `${JSON.stringify(extract(spec), null, 2)}\n`);
  console.log(`wrote ${output}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
