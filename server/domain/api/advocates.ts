import { z } from 'zod';
import { Advocate, AdvocateVersion } from '../advocate.js';

// GET /api/advocates
export const AdvocateList = z.object({ items: z.array(Advocate) });
export type AdvocateList = z.infer<typeof AdvocateList>;

// GET /api/advocates/:id
export const AdvocateDetail = Advocate.extend({ versions: z.array(AdvocateVersion) });
export type AdvocateDetail = z.infer<typeof AdvocateDetail>;
