/** The fields a `PATCH /v1/documents/{id}` may change (the SDK's `DocumentUpdateRequest`). */
export declare const UPDATABLE_FIELDS: string[];
/** A valid DocumentCreate as the FHIR Composition ClinikAPI stores and returns. */
export declare function toComposition(id: string, body: unknown, createdAt: string): { resourceType: 'Composition'; id: string } & Record<string, unknown>;
/** A new Composition with the fields of `update` applied and the version one up. */
export declare function applyUpdate<T>(composition: T, update: Record<string, unknown>, now: string): T;
