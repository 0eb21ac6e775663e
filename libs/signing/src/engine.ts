import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

/** pkijs looks its crypto up globally; Node's WebCrypto is the one engine it uses here. */
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });
pkijs.setEngine('node', engine);

export { pkijs };
export const subtle = webcrypto.subtle;
