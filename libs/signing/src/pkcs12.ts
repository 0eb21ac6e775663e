import { createPrivateKey, KeyObject } from 'node:crypto';
import forge from 'node-forge';

export interface KeyBundle {
  privateKey: KeyObject;
  /** The signer's certificate first, then its issuers up to (not always including) the root, DER. */
  chain: Buffer[];
}

/** PKCS#12 with AES-256 (forge's default), which OpenSSL, NSS and Windows all open. */
export function toPkcs12(bundle: KeyBundle, password: string, friendlyName: string): Buffer {
  const key = forge.pki.privateKeyFromPem(bundle.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  const certificates = bundle.chain.map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')))));
  const pfx = forge.pkcs12.toPkcs12Asn1(key, certificates, password, { friendlyName, algorithm: 'aes256' });
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
}

export function readPkcs12(file: Buffer, password: string): KeyBundle {
  const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(file.toString('binary'))), password);
  const keyBag = pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0];
  if (!keyBag?.key) throw new Error('The PKCS#12 file holds no private key.');
  const certificateBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const chain = certificateBags.flatMap((bag) => (bag.cert ? [Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes(), 'binary')] : []));
  return { privateKey: createPrivateKey(forge.pki.privateKeyToPem(keyBag.key)), chain };
}
