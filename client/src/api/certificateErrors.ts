/**
 * Node's codes for a server certificate that TLS does not trust, with what each means in a
 * person's words. Such a failure happens during the handshake, before the request is written:
 * neither the key nor the document has left the machine.
 */
const CERTIFICATE_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it was issued by a self-signed authority this machine does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is not known to this machine',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is not known to this machine',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not known to this machine',
  CERT_UNTRUSTED: 'its issuer is not trusted',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  CERT_REVOKED: 'it was revoked',
  CERT_SIGNATURE_FAILURE: 'its signature does not verify',
  CERT_REJECTED: 'it was rejected',
  INVALID_CA: 'its issuer is not a certificate authority',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it is issued for another host name',
};

/** What is wrong with the server's certificate, or `undefined` when `code` is not about trust. */
export function certificateProblem(code: string | undefined): string | undefined {
  return code === undefined ? undefined : CERTIFICATE_PROBLEMS[code];
}
