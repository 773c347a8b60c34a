type Json = Record<string, unknown>;

/** What build-openapi.ts lends each group of paths, so every group words its answers the same way. */
export type PathHelpers = {
  ref: (name: string) => Json;
  body: (name: string) => Json;
  jsonAnswer: (description: string, name: string, headers?: Json) => Json;
  problems: (...codes: number[]) => Json;
  idempotencyHeader: Json;
  queryParameters: (shape?: Record<string, unknown>) => Json[];
  idParam: Json;
  slugParam: Json;
};
