/**
 * Objects keyed by site (kept blocks, the user's rules). A site's key is a host name, and a host
 * may be named `constructor` or `__proto__`, as every plain object's own properties are: such a
 * key would read the prototype's value, or set the prototype. These objects have none, and a
 * site's entry is read from own properties only, so every name is a site like any other.
 */

/** A new object keyed by site, without a prototype, holding `entries` in their order. */
export function bySite<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** A site's entry, or undefined: own properties only, whatever object it is given. */
export function siteEntry<T>(all: Readonly<Record<string, T>>, site: string): T | undefined {
  return Object.hasOwn(all, site) ? all[site] : undefined;
}

/** A copy with a site's entry set (in its place if it had one). */
export function withSiteEntry<T>(all: Readonly<Record<string, T>>, site: string, value: T): Record<string, T> {
  const out = bySite(Object.entries(all));
  out[site] = value;
  return out;
}
