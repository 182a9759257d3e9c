;; The analogy benchmark's hot loop in WebAssembly SIMD (scores4.ts instantiates it; nearest.ts calls it): the dot
;; products of 4 queries with a block of rows. Each row is loaded once for the 4 queries, and the 4 products go to
;; 4 independent accumulators instead of one dependent chain per dot product: ~2.5× the throughput of calling the
;; word2vec `dot` kernel per (query, row). Sums are float32, like BLAS's sdot.
(module
  (import "env" "mem" (memory 0))

  ;; scores4(q, rows, n, rowBytes, out): for r < n, j < 4: out[r·4 + j] = Σ_c q_j[c] · row_r[c]. Query j starts at
  ;; q + j·rowBytes, row r at rows + r·rowBytes; rowBytes is a multiple of 16 (rows are zero-padded). Byte offsets.
  (func (export "scores4") (param $q i32) (param $rows i32) (param $n i32) (param $rowBytes i32) (param $out i32)
    (local $r i32)
    (local $i i32)                      ;; byte offset within the rows
    (local $p i32)                      ;; row r
    (local $q1 i32) (local $q2 i32) (local $q3 i32) ;; queries 1 to 3 (query 0 is $q)
    (local $o i32)                      ;; out[r·4]
    (local $x v128)                     ;; 4 floats of row r
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) ;; per query, 4 partial sums
    (local.set $q1 (i32.add (local.get $q) (local.get $rowBytes)))
    (local.set $q2 (i32.add (local.get $q1) (local.get $rowBytes)))
    (local.set $q3 (i32.add (local.get $q2) (local.get $rowBytes)))
    (local.set $p (local.get $rows))
    (local.set $o (local.get $out))
    (block $rowsDone
      (loop $nextRow
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $a0 (v128.const i32x4 0 0 0 0))
        (local.set $a1 (v128.const i32x4 0 0 0 0))
        (local.set $a2 (v128.const i32x4 0 0 0 0))
        (local.set $a3 (v128.const i32x4 0 0 0 0))
        (local.set $i (i32.const 0))
        (block $rowDone
          (loop $next4
            (br_if $rowDone (i32.ge_u (local.get $i) (local.get $rowBytes)))
            (local.set $x (v128.load (i32.add (local.get $p) (local.get $i))))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $q) (local.get $i))))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $q1) (local.get $i))))))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $q2) (local.get $i))))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $x) (v128.load (i32.add (local.get $q3) (local.get $i))))))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $next4)))
        ;; each query's 4 partial sums: (lane 0 + lane 1) + (lane 2 + lane 3)
        (f32.store offset=0 (local.get $o) (call $sum (local.get $a0)))
        (f32.store offset=4 (local.get $o) (call $sum (local.get $a1)))
        (f32.store offset=8 (local.get $o) (call $sum (local.get $a2)))
        (f32.store offset=12 (local.get $o) (call $sum (local.get $a3)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextRow))))

  ;; (lane 0 + lane 1) + (lane 2 + lane 3)
  (func $sum (@inline) (param $v v128) (result f32)
    (f32.add (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
             (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))
)
