/** An input file that cannot be read at all (a directory, no permission, a record too long). */
export class InputError extends Error {}
