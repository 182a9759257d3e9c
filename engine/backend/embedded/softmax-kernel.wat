;; The exponentials of softmax cross-entropy, four lanes at a time in WebAssembly SIMD (softmax-kernel.ts
;; instantiates it; softmax-cross-entropy.ts is the op). Rows are logits [rows, C], float32, at byte offsets into the
;; imported memory. A row's tail that does not fill a vector runs through the same vector code with the value in all
;; four lanes (v128.load32_splat), and its result is lane 0. The order of the float32 sums is part of the contract:
;; the agreement tests in test/engine/backend/ compare with the kernel this text replaced.
(module
  (import "env" "mem" (memory 0))

  ;; #include "simd-math.wat"

  ;; maxSum(z, rows, C, out): per row, out[row] = [max, Σ exp(z − max)] (two floats; the caller adds log of the sum
  ;; to the max for the log-sum-exp).
  (func (export "maxSum") (param $z i32) (param $rows i32) (param $C i32) (param $out i32)
    (local $row i32)
    (local $p i32)       ;; the current logit(s)
    (local $start i32)   ;; the row's first logit
    (local $end4 i32)    ;; the end of the row's whole vectors
    (local $end i32)     ;; the end of the row
    (local $max f32)
    (local $tailSum f32) ;; Σ exp over the tail
    (local $acc v128)    ;; per lane: the running max, then the running Σ exp
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $start (i32.add (local.get $z) (i32.mul (i32.mul (local.get $row) (local.get $C)) (i32.const 4))))
        (local.set $end4 (i32.add (local.get $start) (i32.mul (i32.and (local.get $C) (i32.const -4)) (i32.const 4))))
        (local.set $end (i32.add (local.get $start) (i32.mul (local.get $C) (i32.const 4))))

        ;; the max: per lane, then over the lanes
        (local.set $acc (v128.const f32x4 -inf -inf -inf -inf))
        (local.set $p (local.get $start))
        (block $done (loop $vectors
          (br_if $done (i32.ge_u (local.get $p) (local.get $end4)))
          (local.set $acc (f32x4.max (local.get $acc) (v128.load (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $vectors)))
        (block $done (loop $tail
          (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $acc (f32x4.max (local.get $acc) (v128.load32_splat (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $tail)))
        (local.set $max (f32.max (f32.max (f32.max (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                                          (f32x4.extract_lane 2 (local.get $acc)))
                                 (f32x4.extract_lane 3 (local.get $acc))))

        ;; Σ exp(z − max): per lane over the vectors, the tail on its own
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $tailSum (f32.const 0))
        (local.set $p (local.get $start))
        (block $done (loop $vectors
          (br_if $done (i32.ge_u (local.get $p) (local.get $end4)))
          (local.set $acc (f32x4.add (local.get $acc)
                                     (call $exp (f32x4.sub (v128.load (local.get $p)) (f32x4.splat (local.get $max))))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $vectors)))
        (block $done (loop $tail
          (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
          (local.set $tailSum (f32.add (local.get $tailSum)
                                    (f32x4.extract_lane 0 (call $exp (f32x4.sub (v128.load32_splat (local.get $p))
                                                                                (f32x4.splat (local.get $max)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (br $tail)))

        ;; out[row] = [max, ((lane 0 + lane 1) + lane 2) + lane 3 + tail]
        (f32.store offset=0 (i32.add (local.get $out) (i32.mul (local.get $row) (i32.const 8))) (local.get $max))
        (f32.store offset=4 (i32.add (local.get $out) (i32.mul (local.get $row) (i32.const 8)))
          (f32.add (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                                     (f32x4.extract_lane 2 (local.get $acc)))
                            (f32x4.extract_lane 3 (local.get $acc)))
                   (local.get $tailSum)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows))))

  ;; scaledExp(z, dst, rows, C, shift, scale): dst[row, c] = scale[row] · exp(z[row, c] − shift[row]); rows whose
  ;; scale is 0 are set to 0 (their exp is not taken). shift and scale are [rows].
  (func (export "scaledExp") (param $z i32) (param $dst i32) (param $rows i32) (param $C i32) (param $shift i32) (param $scale i32)
    (local $row i32)
    (local $p i32)       ;; the current logit(s)
    (local $q i32)       ;; where their result goes
    (local $end4 i32) (local $end i32) ;; the end of the row's whole vectors, of the row
    (local $g f32)       ;; the row's scale
    (local $sh v128)     ;; the row's shift in every lane
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $p (i32.add (local.get $z) (i32.mul (i32.mul (local.get $row) (local.get $C)) (i32.const 4))))
        (local.set $end4 (i32.add (local.get $p) (i32.mul (i32.and (local.get $C) (i32.const -4)) (i32.const 4))))
        (local.set $end (i32.add (local.get $p) (i32.mul (local.get $C) (i32.const 4))))
        (local.set $q (i32.add (local.get $dst) (i32.mul (i32.mul (local.get $row) (local.get $C)) (i32.const 4))))
        (local.set $g (f32.load (i32.add (local.get $scale) (i32.mul (local.get $row) (i32.const 4)))))
        (local.set $sh (f32x4.splat (f32.load (i32.add (local.get $shift) (i32.mul (local.get $row) (i32.const 4))))))
        (if (f32.eq (local.get $g) (f32.const 0))
          (then
            (block $done (loop $zeros
              (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
              (f32.store (local.get $q) (f32.const 0))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (local.set $q (i32.add (local.get $q) (i32.const 4)))
              (br $zeros))))
          (else
            (block $done (loop $vectors
              (br_if $done (i32.ge_u (local.get $p) (local.get $end4)))
              (v128.store (local.get $q)
                (f32x4.mul (call $exp (f32x4.sub (v128.load (local.get $p)) (local.get $sh))) (f32x4.splat (local.get $g))))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (local.set $q (i32.add (local.get $q) (i32.const 16)))
              (br $vectors)))
            (block $done (loop $tail
              (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
              (f32.store (local.get $q)
                (f32.mul (f32x4.extract_lane 0 (call $exp (f32x4.sub (v128.load32_splat (local.get $p)) (local.get $sh))))
                         (local.get $g)))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (local.set $q (i32.add (local.get $q) (i32.const 4)))
              (br $tail)))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows))))
)
