// Types of emulator/tls.mjs.

/** A new key pair and a self-signed certificate (its own authority) for 127.0.0.1 and localhost, PEM. */
export declare function makeCertificate(): Promise<{ key: string; cert: string }>;
