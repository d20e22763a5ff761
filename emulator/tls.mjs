// The emulator's HTTPS identity: a self-signed certificate for 127.0.0.1 and localhost, made
// fresh at each start (nothing is kept on disk unless the caller writes the certificate out so a
// client can trust it, e.g. through NODE_EXTRA_CA_CERTS). The private key never leaves memory.
import { generate } from 'selfsigned';

/**
 * A new key pair and a self-signed certificate valid for a day, for `127.0.0.1` and `localhost`.
 * @returns {Promise<{ key: string, cert: string }>} both PEM
 */
export async function makeCertificate() {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'ClinikAPI emulator (127.0.0.1)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 24 * 60 * 60 * 1000),
    extensions: [
      // Its own trust anchor: a client that trusts this certificate trusts exactly this server.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
