/**
 * The model's JSON Schema as zod's `toJSONSchema` gives it (input side), with the descriptions
 * that only the JSON Schema needs. They are added here, at build time, rather than registered on
 * the runtime schemas (`.register(z.globalRegistry, ...)`), so that a bundle that validates a
 * model carries neither the strings nor zod's registry. scripts/generate-model-json-schema.ts
 * writes it; src/model/modelJsonSchema.test.ts checks the committed text against it.
 */
import * as z from 'zod/mini';
import { modelSchema } from '../src/model/modelSchema.js';
import { durationSchema } from '../src/time/duration.js';

const DURATION = 'Milliseconds, or a date-fns Duration such as { "days": 14 }.';
const BAND =
  'Hysteresis: a customer leaves a segment downward only once the score is below its threshold minus band.';
const BEHAVIOUR_IDS = 'Written by engagekit when a model is serialised; optional on input.';

/** durationSchema itself, optional, or a copy with checks (zod keeps the original as `parent`). */
function isDuration(schema: z.core.$ZodType | undefined): boolean {
  if (schema === undefined) return false;
  if (schema === durationSchema) return true;
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType };
  return isDuration(def.type === 'optional' ? def.innerType : schema._zod.parent);
}

export function modelJsonSchemaOf(): Record<string, unknown> {
  return z.toJSONSchema(modelSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema, path }) => {
      const last = path[path.length - 1];
      const parent = path[path.length - 2];
      if (isDuration(zodSchema)) jsonSchema.description = DURATION;
      else if (parent === 'properties' && last === 'band') jsonSchema.description = BAND;
      else if (path.length === 2 && parent === 'properties' && last === 'behaviourIds')
        jsonSchema.description = BEHAVIOUR_IDS;
    },
  }) as Record<string, unknown>;
}
