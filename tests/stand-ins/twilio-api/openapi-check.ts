/**
 * A strict checker for the subset of OpenAPI 3.0 schemas that Twilio's v2010 and accounts v1 specs
 * use for the stand-in's resources: $ref, type, nullable, properties, items, enum, pattern,
 * min/maxLength, minimum/maximum and the `date-time-rfc-2822` and `date-time` formats. Objects with
 * declared properties must carry every one of them and nothing else. A keyword it does not understand is reported, never skipped,
 * so a spec change cannot make the contract test pass by accident.
 */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
}

export interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  [keyword: string]: unknown;
}

export interface SchemaProblem {
  at: string;
  problem: string;
}

const CHECKED = new Set([
  '$ref', 'type', 'nullable', 'properties', 'items', 'enum', 'pattern',
  'minLength', 'maxLength', 'minimum', 'maximum', 'format',
]);
/** Keywords that describe and do not constrain. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'readOnly', 'deprecated']);
/**
 * Formats not checked, and why: `uri` because Twilio returns URIs relative to api.twilio.com although
 * the spec says `format: uri`; the others are Twilio naming conventions over plain strings/objects,
 * or integer widths.
 */
const UNCHECKED_FORMATS = new Set(['uri', 'uri-map', 'phone-number', 'http-method', 'currency', 'phone-number-capabilities', 'int64', 'int32']);

/** "Thu, 30 Jul 2015 20:00:00 +0000", as the spec's examples and Twilio's responses write dates. */
const RFC_2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
/** RFC 3339 date-time (OpenAPI's `date-time`), UTC, as accounts.twilio.com's examples write it: "2015-07-31T04:00:00Z". */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DATE_FORMATS: Record<string, { pattern: RegExp; name: string }> = {
  'date-time-rfc-2822': { pattern: RFC_2822, name: 'an RFC 2822 date' },
  'date-time': { pattern: DATE_TIME, name: 'an RFC 3339 UTC date-time' },
};

export function resolveRef(doc: OpenApiDocument, ref: string): Schema {
  const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
  const target = match ? doc.components.schemas[match[1]!] : undefined;
  if (!target) throw new Error(`unresolvable $ref ${ref}`);
  return target;
}

/** The JSON schema of one documented response, e.g. ('/2010-04-01/Accounts.json', 'post', 201). */
export function responseSchema(doc: OpenApiDocument, path: string, method: string, status: number): Schema {
  const operation = doc.paths[path]?.[method] as
    | { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }
    | undefined;
  const schema = operation?.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`spec documents no ${status} JSON response for ${method.toUpperCase()} ${path}`);
  return schema;
}

/** The HTTP statuses an operation documents (Twilio's specs document success answers only). */
export function documentedStatuses(doc: OpenApiDocument, path: string, method: string): number[] {
  const operation = doc.paths[path]?.[method] as { responses?: Record<string, unknown> } | undefined;
  if (!operation) throw new Error(`spec has no ${method.toUpperCase()} ${path}`);
  return Object.keys(operation.responses ?? {}).map(Number);
}

/** Parameter names an operation declares: query/path parameters and form body properties. */
export function declaredParameters(doc: OpenApiDocument, path: string, method: string): Set<string> {
  const operation = doc.paths[path]?.[method] as
    | {
        parameters?: Array<{ name?: string }>;
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    | undefined;
  if (!operation) throw new Error(`spec has no ${method.toUpperCase()} ${path}`);
  const names = new Set((operation.parameters ?? []).flatMap((p) => (p.name ? [p.name] : [])));
  const form = operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
  for (const name of Object.keys(form?.properties ?? {})) names.add(name);
  return names;
}

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

export function checkValue(doc: OpenApiDocument, schema: Schema, value: unknown, at = '$'): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const report = (problem: string, where = at) => problems.push({ at: where, problem });

  if (schema.$ref !== undefined) {
    const others = Object.keys(schema).filter((k) => k !== '$ref' && !ANNOTATIONS.has(k));
    if (others.length > 0) report(`checker does not support keywords beside $ref: ${others.join(', ')}`);
    return [...problems, ...checkValue(doc, resolveRef(doc, schema.$ref), value, at)];
  }
  for (const keyword of Object.keys(schema)) {
    if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) {
      report(`checker does not support keyword "${keyword}"`);
    }
  }
  if (schema.format !== undefined && !(schema.format in DATE_FORMATS) && !UNCHECKED_FORMATS.has(schema.format)) {
    report(`checker does not know format "${schema.format}"`);
  }

  if (value === null) {
    if (!schema.nullable) report('is null, but the spec does not allow null');
    return problems;
  }
  if (value === undefined) {
    report('is missing');
    return problems;
  }

  switch (schema.type) {
    case 'object': {
      if (typeOf(value) !== 'object') {
        report(`is ${typeOf(value)}, expected object`);
        break;
      }
      const record = value as Record<string, unknown>;
      if (schema.properties) {
        for (const [name, inner] of Object.entries(schema.properties)) {
          if (!(name in record)) report('is missing', `${at}.${name}`);
          else problems.push(...checkValue(doc, inner, record[name], `${at}.${name}`));
        }
        for (const name of Object.keys(record)) {
          if (!(name in schema.properties)) report('is not declared by the spec', `${at}.${name}`);
        }
      } else if (schema.format === 'uri-map') {
        for (const [name, inner] of Object.entries(record)) {
          if (typeof inner !== 'string') report(`is ${typeOf(inner)}, expected a URI string`, `${at}.${name}`);
        }
      }
      break;
    }
    case 'array':
      if (!Array.isArray(value)) {
        report(`is ${typeOf(value)}, expected array`);
        break;
      }
      if (!schema.items) report('array schema without items');
      else value.forEach((item, i) => problems.push(...checkValue(doc, schema.items!, item, `${at}[${i}]`)));
      break;
    case 'string':
      if (typeof value !== 'string') {
        report(`is ${typeOf(value)}, expected string`);
        break;
      }
      if (schema.minLength !== undefined && value.length < schema.minLength) report(`is shorter than ${schema.minLength}`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) report(`is longer than ${schema.maxLength}`);
      if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
        report(`"${value}" does not match ${schema.pattern}`);
      }
      const date = schema.format === undefined ? undefined : DATE_FORMATS[schema.format];
      if (date && !date.pattern.test(value)) report(`"${value}" is not ${date.name}`);
      break;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) {
        report(`is ${typeOf(value)} ${JSON.stringify(value)}, expected ${schema.type}`);
        break;
      }
      if (schema.minimum !== undefined && value < schema.minimum) report(`is below ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) report(`is above ${schema.maximum}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') report(`is ${typeOf(value)}, expected boolean`);
      break;
    default:
      report(`checker does not support type ${JSON.stringify(schema.type)}`);
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    report(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  return problems;
}
