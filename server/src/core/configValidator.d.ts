// The validator scripts/build.mjs makes from schemas/policy-trace.schema.json with ajv (its
// standalone code): configValidator.js, written by every build.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction;
export default validate;
