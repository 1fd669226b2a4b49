/**
 * The WebAssembly text of the column kernel: the blocked strategy of `accumulateColumns`
 * (columnKernel.ts), operation for operation, so that it computes the very same doubles (wasm
 * arithmetic is IEEE 754 with round-to-nearest and no fused or reordered operations, as in
 * JavaScript). `scripts/build-column-kernel-wasm.ts` assembles it with wabt into
 * `columnKernelWasm.ts`; a test checks that the committed bytes are this text's.
 *
 * The module imports its memory (`env.memory`) and exports `score8` and `score16` (behaviour
 * column of 8 or 16 bits). Both score the `n` events of one chunk laid out in memory by
 * `accumulateColumnsWasm`: customer indexes (u32) at `C`, behaviour indexes at `B`, times (f64)
 * at `A`, weights (f64) at `W` when `weighted`, into `(sum, compensation)` pairs at `ACC`. At
 * byte 0 the 1204 powers `2^(j / 128)` and `2^-j` of the exp2 table; at `K`, 64 bytes per
 * behaviour: end, halfLife, boost, the span of the linear formula, unused, the end of its
 * exponential list and of its other list (-1 when not in it); at `P` the offset of each
 * behaviour's pair within a customer (i32); at `L` the two lists of (event, accumulator address)
 * of a block of 512 events. They return 1, or 0 at the first invalid entry. The accumulators
 * at `ACC` are those of the `own` customers from `first` on (as `accumulateColumns` with `first`
 * and `customerCount`): an entry is invalid when its customer is not below `customers`, and the
 * valid events of customers outside the range are skipped.
 *
 * Differences from the JavaScript text that change no result: `f64.nearest` rounds to the
 * nearest integer, ties to even, as adding and subtracting 1.5 * 2^52 does; `select` replaces
 * `Math.max(x, -137600)` and `Math.min(1, x)`, equal for the values that reach them (never NaN);
 * list entries hold the accumulator's byte address instead of its index.
 */
export function columnKernelWat(): string {
  const c1 = Math.LN2;
  const c2 = (c1 * c1) / 2;
  const c3 = (c2 * c1) / 3;
  const c4 = (c3 * c1) / 4;
  const c5 = (c4 * c1) / 5;
  // 17 significant digits give back exactly the same double.
  const constant = (name: string, value: number) =>
    `  (global $${name} f64 (f64.const ${value.toPrecision(17)}))`;
  return `(module
  (import "env" "memory" (memory 1))
  ;; The coefficients of 2^r - 1 = sum of (r ln 2)^k / k!, as columnKernel.ts computes them.
${constant('c1', c1)}
${constant('c2', c2)}
${constant('c3', c3)}
${constant('c4', c4)}
${constant('c5', c5)}
${kernelFunctions(8)}
${kernelFunctions(16)}
)
`;
}

/** The two strategies for a behaviour column of `bits` bits: `blocked${bits}` and `plain${bits}`. */
function kernelFunctions(bits: 8 | 16): string {
  const load = bits === 8 ? 'i32.load8_u' : 'i32.load16_u';
  const shift = bits === 8 ? 0 : 1;
  const behaviourAt = (event: string) =>
    `(${load} (i32.add (local.get $B) (i32.shl ${event} (i32.const ${shift}))))`;
  const f64At = (base: string, event: string) =>
    `(f64.load (i32.add (local.get ${base}) (i32.shl ${event} (i32.const 3))))`;
  const entry = (list: string) =>
    `(i32.add (local.get $L) (i32.shl (local.get ${list}) (i32.const 3)))`;
  // value = (weighted ? weight * boost : boost) * factor, then Knuth's TwoSum into the pair.
  const addValue = (factor: string) => `
          (local.set $value (f64.load offset=16 (local.get $kb)))
          (if (local.get $weighted) (then
            (local.set $value (f64.mul ${f64At('$W', '(local.get $i)')} (local.get $value)))))
          (local.set $value (f64.mul (local.get $value) ${factor}))
          (local.set $sum (f64.load (local.get $addr)))
          (local.set $next (f64.add (local.get $sum) (local.get $value)))
          (local.set $virtual (f64.sub (local.get $next) (local.get $sum)))
          (f64.store offset=8 (local.get $addr) (f64.add (f64.load offset=8 (local.get $addr))
            (f64.add (f64.sub (local.get $sum) (f64.sub (local.get $next) (local.get $virtual)))
                     (f64.sub (local.get $value) (local.get $virtual)))))
          (f64.store (local.get $addr) (local.get $next))`;
  // $s + $s * $q = 2^t for the event $i of behaviour $kb: t = -elapsed / halfLife.
  const exp2 = `
          (local.set $scaled (f64.div
            (f64.mul (f64.const -128) (f64.sub (local.get $now) ${f64At('$A', '(local.get $i)')}))
            (f64.load offset=8 (local.get $kb))))
          (local.set $scaled (select (local.get $scaled) (f64.const -137600)
            (f64.gt (local.get $scaled) (f64.const -137600))))
          (local.set $whole (f64.nearest (local.get $scaled)))
          (local.set $r (f64.mul (f64.sub (local.get $scaled) (local.get $whole)) (f64.const 0.0078125)))
          (local.set $whole32 (i32.trunc_f64_s (local.get $whole)))
          (local.set $s (f64.mul
            (f64.load (i32.shl (i32.and (local.get $whole32) (i32.const 127)) (i32.const 3)))
            (f64.load (i32.shl (i32.sub (i32.const 128) (i32.shr_s (local.get $whole32) (i32.const 7)))
                               (i32.const 3)))))
          (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
          (local.set $q (f64.add
            (f64.add (f64.mul (local.get $r) (global.get $c1))
                     (f64.mul (local.get $r2) (f64.add (global.get $c2) (f64.mul (local.get $r) (global.get $c3)))))
            (f64.mul (f64.mul (local.get $r2) (local.get $r2))
                     (f64.add (global.get $c4) (f64.mul (local.get $r) (global.get $c5))))))`;
  // Reads event $i into $b, $c, $t and $kb (its behaviour's constants); returns 0 when invalid.
  const check = `
          (local.set $b ${behaviourAt('(local.get $i)')})
          (local.set $c (i32.load (i32.add (local.get $C) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $t ${f64At('$A', '(local.get $i)')})
          (if (i32.or (i32.or (i32.ge_u (local.get $b) (local.get $count))
                              (i32.ge_u (local.get $c) (local.get $customers)))
                      (i32.eqz (f64.le (f64.abs (local.get $t)) (f64.const 8.64e15))))
            (then (return (i32.const 0))))
          (local.set $kb (i32.add (local.get $K) (i32.shl (local.get $b) (i32.const 6))))
          (if (local.get $weighted) (then
            (local.set $wb (f64.mul ${f64At('$W', '(local.get $i)')} (f64.load offset=16 (local.get $kb))))
            (if (f64.ne (f64.sub (local.get $wb) (local.get $wb)) (f64.const 0))
              (then (return (i32.const 0))))))`;
  // Reads entry m of a list into $i (the event) and $addr, and $kb (its behaviour's constants).
  const readEntry = `
          (local.set $i (i32.load ${entry('$m')}))
          (local.set $addr (i32.load offset=4 ${entry('$m')}))
          (local.set $kb (i32.add (local.get $K) (i32.shl ${behaviourAt('(local.get $i)')} (i32.const 6))))`;
  const blocked = `
  (func (export "blocked${bits}")
    (param $n i32) (param $now f64) (param $customers i32) (param $count i32) (param $pairs i32)
    (param $weighted i32) (param $touch i32) (param $K i32) (param $P i32) (param $L i32)
    (param $C i32) (param $B i32) (param $A i32) (param $W i32) (param $ACC i32)
    (param $first i32) (param $own i32) (result i32)
    (local $start i32) (local $stop i32) (local $i i32) (local $b i32) (local $c i32)
    (local $e i32) (local $o i32) (local $m i32) (local $kb i32) (local $addr i32)
    (local $started i32) (local $whole32 i32)
    (local $t f64) (local $elapsed f64) (local $wb f64) (local $touched f64)
    (local $scaled f64) (local $whole f64) (local $r f64) (local $r2 f64)
    (local $s f64) (local $q f64) (local $value f64) (local $sum f64) (local $next f64)
    (local $virtual f64)
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $start) (local.get $n)))
        (local.set $stop (select (local.get $n) (i32.add (local.get $start) (i32.const 512))
          (i32.lt_u (i32.sub (local.get $n) (local.get $start)) (i32.const 512))))
        ;; Check each entry; list every live event (0 <= elapsed < end) as exponential (from
        ;; entry 0) or other (from entry 512), without a branch: write it to both lists and
        ;; advance each by 0 or 1.
        (local.set $e (i32.const 0))
        (local.set $o (i32.const 512))
        (local.set $i (local.get $start))
        (loop $scan
${check}
          (local.set $elapsed (f64.sub (local.get $now) (local.get $t)))
          ;; Live only for a customer of the range: c - first below own, unsigned.
          (local.set $started (i32.and (f64.ge (local.get $elapsed) (f64.const 0))
            (i32.lt_u (i32.sub (local.get $c) (local.get $first)) (local.get $own))))
          (local.set $addr (i32.add (local.get $ACC) (i32.shl
            (i32.add (i32.mul (i32.sub (local.get $c) (local.get $first)) (local.get $pairs))
                     (i32.load (i32.add (local.get $P) (i32.shl (local.get $b) (i32.const 2)))))
            (i32.const 3))))
          (i32.store ${entry('$e')} (local.get $i))
          (i32.store offset=4 ${entry('$e')} (local.get $addr))
          (i32.store ${entry('$o')} (local.get $i))
          (i32.store offset=4 ${entry('$o')} (local.get $addr))
          (local.set $e (i32.add (local.get $e) (i32.and (local.get $started)
            (f64.lt (local.get $elapsed) (f64.load offset=40 (local.get $kb))))))
          (local.set $o (i32.add (local.get $o) (i32.and (local.get $started)
            (f64.lt (local.get $elapsed) (f64.load offset=48 (local.get $kb))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $scan (i32.lt_u (local.get $i) (local.get $stop))))
        ;; Accumulators beyond the cache: read each listed one first, so that many misses are in
        ;; flight at once.
        (if (local.get $touch) (then
          (local.set $m (i32.const 0))
          (block $exponentialsTouched (loop $touchExponentials
            (br_if $exponentialsTouched (i32.ge_u (local.get $m) (local.get $e)))
            (local.set $touched (f64.add (local.get $touched) (f64.load (i32.load offset=4 ${entry('$m')}))))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))
            (br $touchExponentials)))
          (local.set $m (i32.const 512))
          (block $othersTouched (loop $touchOthers
            (br_if $othersTouched (i32.ge_u (local.get $m) (local.get $o)))
            (local.set $touched (f64.add (local.get $touched) (f64.load (i32.load offset=4 ${entry('$m')}))))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))
            (br $touchOthers)))))
        ;; Exponential events: 2^t, t = -elapsed / halfLife, by the table method of exp2.
        (local.set $m (i32.const 0))
        (block $exponentialsDone (loop $exponentials
          (br_if $exponentialsDone (i32.ge_u (local.get $m) (local.get $e)))${readEntry}
${exp2}${addValue('(f64.add (local.get $s) (f64.mul (local.get $s) (local.get $q)))')}
          (local.set $m (i32.add (local.get $m) (i32.const 1)))
          (br $exponentials)))
        ;; The others: min(1, (end - elapsed) / span).
        (local.set $m (i32.const 512))
        (block $othersDone (loop $others
          (br_if $othersDone (i32.ge_u (local.get $m) (local.get $o)))${readEntry}
          (local.set $r (f64.div
            (f64.sub (f64.load (local.get $kb)) (f64.sub (local.get $now) ${f64At('$A', '(local.get $i)')}))
            (f64.load offset=24 (local.get $kb))))
          (local.set $r (select (local.get $r) (f64.const 1) (f64.lt (local.get $r) (f64.const 1))))${addValue('(local.get $r)')}
          (local.set $m (i32.add (local.get $m) (i32.const 1)))
          (br $others)))
        (local.set $start (local.get $stop))
        (br $blocks)))
    ;; Keeps the reads of the touch loops (changes nothing: the lists are rebuilt per block).
    (f64.store (local.get $L) (local.get $touched))
    (i32.const 1))`;
  // One plain pass, for models whose behaviours all decay exponentially without cutoff
  // (decays = 1) or are all permanent (decays = 0), with accumulators that fit the cache.
  const plain = `
  (func (export "plain${bits}")
    (param $n i32) (param $now f64) (param $customers i32) (param $count i32) (param $pairs i32)
    (param $weighted i32) (param $decays i32) (param $K i32) (param $P i32)
    (param $C i32) (param $B i32) (param $A i32) (param $W i32) (param $ACC i32)
    (param $first i32) (param $own i32) (result i32)
    (local $i i32) (local $b i32) (local $c i32) (local $kb i32) (local $addr i32)
    (local $whole32 i32)
    (local $t f64) (local $wb f64) (local $factor f64)
    (local $scaled f64) (local $whole f64) (local $r f64) (local $r2 f64)
    (local $s f64) (local $q f64) (local $value f64) (local $sum f64) (local $next f64)
    (local $virtual f64)
    (block $done
      (loop $events
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))${check}
        (if (i32.and (f64.ge (f64.sub (local.get $now) (local.get $t)) (f64.const 0))
                     (i32.lt_u (i32.sub (local.get $c) (local.get $first)) (local.get $own))) (then
          (local.set $addr (i32.add (local.get $ACC) (i32.shl
            (i32.add (i32.mul (i32.sub (local.get $c) (local.get $first)) (local.get $pairs))
                     (i32.load (i32.add (local.get $P) (i32.shl (local.get $b) (i32.const 2)))))
            (i32.const 3))))
          (local.set $factor (f64.const 1))
          (if (local.get $decays) (then${exp2}
            (local.set $factor (f64.add (local.get $s) (f64.mul (local.get $s) (local.get $q))))))${addValue('(local.get $factor)')}))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $events)))
    (i32.const 1))`;
  return blocked + plain;
}
