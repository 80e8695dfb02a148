import type { z } from 'zod';
import type { ZDistributionEntry } from '../../analysis/index.ts';

export type TDistributionEntry = z.infer<typeof ZDistributionEntry>;
