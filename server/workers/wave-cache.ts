/**
 * Results per wave (analyses, charts, reports), kept until the wave's data changes. The
 * truth about "changed" is in PostgreSQL (`wave_data_version`, raised by triggers), so
 * every instance behind a load balancer sees an import or a new response at once; only
 * the results themselves are held in this process's memory. Parallel asks for the same
 * key share one computation.
 */
import type { DB } from '../db/kysely.ts';

export async function waveDataVersions(db: DB, waveIds: readonly number[]): Promise<string> {
  const rows = await db
    .selectFrom('wave_data_version')
    .select(['wave_id', 'version'])
    .where('wave_id', 'in', [...waveIds])
    .execute();
  const byWave = new Map(rows.map((r) => [r.wave_id, String(r.version)]));
  return waveIds.map((id) => `${id}:${byWave.get(id) ?? '0'}`).join(',');
}

interface Entry {
  versions: string;
  value: Promise<unknown>;
}

export class WaveResultCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 64) {}

  /**
   * The cached result for `key` if none of `waveIds` changed since it was computed, else
   * `compute()`'s. The key names everything else the result depends on (options).
   */
  async get<T>(db: DB, key: string, waveIds: readonly number[], compute: () => Promise<T>): Promise<T> {
    const versions = await waveDataVersions(db, waveIds);
    const hit = this.entries.get(key);
    if (hit && hit.versions === versions) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, { versions, value });
    // A failure is not kept: the next ask tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
