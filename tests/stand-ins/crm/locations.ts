import type { CrmManagedBy } from './wire';

/** A CRM location (sub-account) as the stand-in's backend holds it. */
export interface CrmLocation {
  /** HighLevel-style location id: 20 letters and digits. */
  id: string;
  name: string;
  sid: string | null;
  managedBy: CrmManagedBy;
  /** "1200 Main St, Springfield": two locations may share a name and differ only here. */
  address: string;
}

/** What a test passes; the id is generated when missing, managedBy follows the SID when missing. */
export interface CrmLocationSeed {
  id?: string;
  name: string;
  sid?: string | null;
  managedBy?: CrmManagedBy;
  /** Default: made up from the id (and the city in the name, when it has one). */
  address?: string;
}

export interface GenerateOptions {
  /** Same seed, same list (default 1). */
  seed?: number;
  /** Add two locations with exactly the same name (DUPLICATE_NAME). */
  duplicates?: boolean;
  /** Add NEAR_DUPLICATE_NAMES ("Acme Dental - Austin" and its look-alikes). */
  nearDuplicates?: boolean;
  /** Add ACCENTED_NAMES. */
  accented?: boolean;
  /** Add LONG_NAMES (120+ characters). */
  longNames?: boolean;
  /** Explicit locations mixed into the generated ones (they count towards n). */
  include?: CrmLocationSeed[];
  /** Share of generated rows on LC Phone (default 0.15). */
  lcPhoneShare?: number;
  /** Share of generated rows with no phone provider and no SID (default 0.25). */
  noSidShare?: number;
}

export const DUPLICATE_NAME = 'Sunrise Family Dental - Denver';
export const NEAR_DUPLICATE_NAMES = ['Acme Dental - Austin', 'Acme Dental Austin', 'Acme Dental - Austin TX'] as const;
export const ACCENTED_NAMES = [
  'Café Crème - Montréal',
  "Zoë's Bäckerei - München",
  'Peña Plumbing & Heating - San José',
  'Crêperie Élodie - Québec',
] as const;
export const LONG_NAMES = [
  'The Extraordinarily Comprehensive Family, Cosmetic and Implant Dentistry Center of Greater Northwest Austin and Surrounding Communities - Round Rock',
  'Northern Lights Premium Residential and Commercial Heating, Ventilation, Air Conditioning and Indoor Air Quality Specialists of the Twin Cities - Minneapolis',
] as const;

const BRANDS = [
  'Acme', 'Bright Smile', 'Summit', 'Evergreen', 'Blue Ridge', 'Harbor', 'Pinnacle', 'Lakeside', 'Redwood',
  'Golden Gate', 'Silverline', 'Northstar', 'Oak Hill', 'Riverbend', 'Cedar Creek', 'Maple Leaf', 'Ironwood',
  'Sunset', 'Clearwater', 'Highland', 'Brookside', 'Granite', 'Willow', 'Coastal', 'Prairie', 'Liberty',
  'Keystone', 'Heritage', 'Frontier', 'Magnolia', 'Aspen', 'Bayview', 'Copper Canyon', 'Desert Rose',
  'Elm Street', 'Fairway', 'Greenfield', 'Hilltop', 'Juniper', 'Kingsley', 'Lighthouse', 'Meadowbrook',
  'Nova', 'Orchard', 'Parkside', 'Quail Run', 'Rosewood', 'Stonebridge', 'Timberline', 'Urban Edge',
  'Valley View', 'Westgate', 'Yellowstone', 'Zenith', 'Apex', 'Beacon', 'Crestview', 'Driftwood', 'Eastwood',
  'Foxglove', 'Glacier', 'Horizon', 'Indigo', 'Jade', 'Kensington', 'Lotus', 'Monarch', 'Noble', 'Oasis',
];
const CATEGORIES = [
  'Dental', 'Family Dental', 'Orthodontics', 'Chiropractic', 'Med Spa', 'Roofing', 'HVAC', 'Plumbing',
  'Electric', 'Law Group', 'Realty', 'Fitness', 'Auto Repair', 'Salon', 'Veterinary Clinic', 'Pest Control',
  'Landscaping', 'Physical Therapy', 'Insurance', 'Solar', 'Pool Service', 'Dermatology', 'Pediatrics',
  'Home Care', 'Movers', 'Cleaning Co.', 'Yoga Studio', 'Martial Arts', 'Optometry', 'Wellness Center',
];
const CITIES = [
  'Austin', 'Dallas', 'Houston', 'San Antonio', 'Denver', 'Boulder', 'Phoenix', 'Tucson', 'Miami', 'Tampa',
  'Orlando', 'Atlanta', 'Charlotte', 'Raleigh', 'Nashville', 'Memphis', 'Chicago', 'Naperville', 'Detroit',
  'Columbus', 'Cleveland', 'Indianapolis', 'Minneapolis', 'St. Paul', 'Kansas City', 'St. Louis', 'Omaha',
  'Seattle', 'Tacoma', 'Portland', 'Boise', 'Salt Lake City', 'Las Vegas', 'Reno', 'Sacramento', 'San Diego',
  'Los Angeles', 'Irvine', 'San Jose', 'Oakland', 'Fresno', 'Albuquerque', 'El Paso', 'Oklahoma City', 'Tulsa',
  'New Orleans', 'Baton Rouge', 'Birmingham', 'Louisville', 'Lexington', 'Cincinnati', 'Pittsburgh',
  'Philadelphia', 'Baltimore', 'Richmond', 'Boston', 'Providence', 'Hartford', 'Buffalo', 'Albany',
  'Newark', 'Jersey City', 'Scottsdale', 'Mesa', 'Fort Worth', 'Plano', 'Frisco', 'Round Rock', 'Madison',
  'Milwaukee', 'Des Moines', 'Anchorage', 'Honolulu', 'Spokane', 'Savannah', 'Charleston', 'Knoxville',
];
const STREETS = [
  'Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Elm St', 'Park Blvd', 'Lakeview Rd', 'Washington Ave',
  'Sunset Blvd', 'Highland Ave', 'River Rd', 'Church St', 'Mill Rd', 'Pine St', 'Broadway', 'Market St',
  'Commerce Dr', 'Industrial Pkwy', 'College Ave', 'Ridge Rd', 'Spring St', 'Harbor Way', 'Valley Rd',
];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** mulberry32: a tiny deterministic PRNG, so a seed always gives the same list. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function chars(random: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

export function randomLocationId(random: () => number): string {
  return chars(random, ALNUM, 20);
}

export function randomAccountSid(random: () => number): string {
  return `AC${chars(random, HEX, 32)}`;
}

function businessName(random: () => number): string {
  const brand = pick(random, BRANDS);
  const category = pick(random, CATEGORIES);
  const city = pick(random, CITIES);
  const form = random();
  if (form < 0.8) return `${brand} ${category} - ${city}`;
  if (form < 0.9) return `${brand} ${category} of ${city}`;
  return `${brand} ${category}`;
}

/** FNV-1a: a stable number per string, to seed a location's own made-up details. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * "1200 Main St, Springfield", derived from the id alone (its own PRNG, so adding addresses left the
 * ids and names that existing seeds give unchanged). The city is the one the name ends with when
 * it ends with a known city, so the address agrees with "Acme Dental - Austin".
 */
export function addressFor(id: string, name: string): string {
  const random = seededRandom(hashString(id));
  const number = 100 + Math.floor(random() * 9800);
  const street = pick(random, STREETS);
  const city = CITIES.find((c) => name.endsWith(` ${c}`)) ?? pick(random, CITIES);
  return `${number} ${street}, ${city}`;
}

/** Fills in what a seed leaves out. Ids come from `random` so explicit lists stay deterministic too. */
export function locationFromSeed(seed: CrmLocationSeed, random: () => number): CrmLocation {
  const sid = seed.sid ?? null;
  const id = seed.id ?? randomLocationId(random);
  return {
    id,
    name: seed.name,
    sid,
    managedBy: seed.managedBy ?? (sid ? 'twilio' : 'not-available'),
    address: seed.address ?? addressFor(id, seed.name),
  };
}

/**
 * `n` locations with realistic business names ("Acme Dental - Austin"), unique unless `duplicates`
 * asks for a pair, plus the special names the options ask for. Deterministic for a seed.
 */
export function generateLocations(n: number, options: GenerateOptions = {}): CrmLocation[] {
  const random = seededRandom(options.seed ?? 1);
  const lcPhoneShare = options.lcPhoneShare ?? 0.15;
  const noSidShare = options.noSidShare ?? 0.25;
  const specials: CrmLocationSeed[] = [...(options.include ?? [])];
  const twilio = (name: string): CrmLocationSeed => ({ name, sid: randomAccountSid(random) });
  if (options.duplicates) specials.push(twilio(DUPLICATE_NAME), twilio(DUPLICATE_NAME));
  if (options.nearDuplicates) specials.push(...NEAR_DUPLICATE_NAMES.map(twilio));
  if (options.accented) specials.push(...ACCENTED_NAMES.map(twilio));
  if (options.longNames) specials.push(...LONG_NAMES.map(twilio));

  const taken = new Set(specials.map((s) => s.name));
  const out = specials.map((s) => locationFromSeed(s, random));
  const ids = new Set(out.map((l) => l.id));
  let guard = 0;
  while (out.length < n) {
    if (++guard > n * 50) throw new Error(`generateLocations: cannot make ${n} unique names`);
    const name = businessName(random);
    if (taken.has(name)) continue;
    taken.add(name);
    const kind = random();
    const managedBy: CrmManagedBy = kind < lcPhoneShare ? 'lc-phone' : kind < lcPhoneShare + noSidShare ? 'not-available' : 'twilio';
    let id = randomLocationId(random);
    while (ids.has(id)) id = randomLocationId(random);
    ids.add(id);
    out.push({ id, name, sid: managedBy === 'twilio' ? randomAccountSid(random) : null, managedBy, address: addressFor(id, name) });
  }
  return out;
}
