import { MODEL_JSON_SCHEMA_TEXT } from './_lib/modelJsonSchemaText.js';

/**
 * The JSON Schema (draft 2020-12) of a model configuration, for editors and configuration UIs.
 *
 * @remarks
 * Generated from {@link modelSchema} with zod's `toJSONSchema` at build time (so the converter is
 * not shipped; a test checks the two never differ), describing the input side: durations
 * as milliseconds or date-fns `Duration` objects. Rules JSON Schema cannot express (`high > low`,
 * `grace < duration`) are still checked by {@link parseModel}.
 *
 * @returns A fresh JSON Schema object.
 *
 * @example
 * ```ts
 * import { modelJsonSchema } from 'engagekit';
 *
 * const schema = modelJsonSchema();
 * schema.type; // => 'object'
 * schema.required; // => ['behaviours']
 * ```
 * @category Model
 */
export function modelJsonSchema(): Record<string, unknown> & {
  type?: unknown;
  required?: unknown;
} {
  return JSON.parse(MODEL_JSON_SCHEMA_TEXT) as Record<string, unknown>;
}
