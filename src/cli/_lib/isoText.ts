const DAY = 86_400_000;

/** '00' to '99'. */
const TWO = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
/** '000' to '999'. */
const THREE = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/**
 * A writer of instants as `Date.prototype.toISOString` writes them (`2026-01-01T12:30:00.000Z`),
 * for many instants: each day's date part is made once by `toISOString` and kept (days are few
 * beside rows), the time of day from whole numbers and tables of digits; no `Date` per instant.
 * Instants that are not whole milliseconds, or outside years 0 to 9999 (written with a sign and
 * six digits), go through `toISOString` itself.
 */
export function isoTextWriter(): (millis: number) => string {
  const days = new Map<number, string>();
  return (millis: number): string => {
    if (
      !Number.isInteger(millis) ||
      millis < -62_167_219_200_000 ||
      millis >= 253_402_300_800_000
    ) {
      return new Date(millis).toISOString();
    }
    const day = Math.floor(millis / DAY);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 11);
      days.set(day, date);
    }
    let rest = millis - day * DAY;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1000);
    return `${date}${TWO[hours]}:${TWO[minutes]}:${TWO[seconds]}.${THREE[rest - seconds * 1000]}Z`;
  };
}
