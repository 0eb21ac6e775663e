import { z } from 'zod';

const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Variables of the sign-in through VNeID, merged into the identity service's schema. Unset issuer: no VNeID sign-in. */
export const vneidConfigSchema = z.object({
  /** VNeID's OpenID issuer URL (the simulator's in the default profile); its discovery document gives every endpoint. */
  VNEID_ISSUER: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/, error: 'phải là URL http(s)://… (must be an http(s) URL)' }).optional()),
  /** The platform's client registered with VNeID; its redirect URI is `${OIDC_ISSUER}/federation/vneid/callback`. */
  VNEID_CLIENT_ID: z.string().min(1).default('mot-cua-lang-son'),
  VNEID_CLIENT_SECRET: z.preprocess(blankAsUnset, z.string().min(1).optional()),
  /** The ID token claim that carries the personal ID number. */
  VNEID_ID_NUMBER_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'tên claim không hợp lệ (invalid claim name)').default('citizen_id'),
});
