;; One step of a GRU cell as PyTorch's GRUCell computes it (Cho et al. 2014, the reset gate applied after the
;; recurrent product), four units at a time in WebAssembly SIMD (gru-cell-kernel.ts instantiates it; gru-cell.ts is
;; the op). Gates in the order r, z, n; a row of a [B, 3H] array is the three gates' [H] slices one after the other:
;;
;;   r = σ(gi_r + gh_r)   z = σ(gi_z + gh_z)   n = tanh(gi_n + r · gh_n)   h' = n + z · (h − n)
;;
;; gi = x·W_ih + b_ih and gh = h·W_hh + b_hh come from matrix products outside. Arrays are float32 at byte offsets
;; into the imported memory. Units past the last whole vector (H not a multiple of 4) run through the same vector
;; code with the value in all four lanes (v128.load32_splat), and their result is lane 0.
(module
  (import "env" "mem" (memory 0))

  ;; #include "simd-math.wat"

  ;; forward(gi, gh, h, gates, out, B, H): gi, gh [B, 3H] and h [B, H] in; gates [B, 3H] (r, z, n, kept for the
  ;; backward pass) and out [B, H] (h') written.
  (func (export "forward")
    (param $gi i32) (param $gh i32) (param $h i32) (param $gates i32) (param $out i32) (param $B i32) (param $H i32)
    (local $row i32)     ;; bytes of an [H] row
    (local $end4 i32)    ;; bytes of an [H] row's whole vectors
    (local $b i32)
    (local $j i32)       ;; byte offset within an [H] slice
    (local $g3 i32)      ;; byte offset of row b in the [B, 3H] arrays
    (local $p i32)       ;; g3 + j
    (local $q i32)       ;; byte offset of (b, j) in the [B, H] arrays
    (local $r v128) (local $z v128) (local $n v128) (local $hv v128)
    (local.set $row (i32.shl (local.get $H) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $H) (i32.const -4)) (i32.const 2)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $g3 (i32.mul (local.get $b) (i32.mul (local.get $row) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $done (loop $vectors
        (br_if $done (i32.ge_u (local.get $j) (local.get $end4)))
        (local.set $p (i32.add (local.get $g3) (local.get $j)))
        (local.set $q (i32.add (i32.mul (local.get $b) (local.get $row)) (local.get $j)))
        (local.set $r (call $sigmoid (f32x4.add (v128.load (i32.add (local.get $gi) (local.get $p)))
                                                (v128.load (i32.add (local.get $gh) (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (local.set $z (call $sigmoid (f32x4.add (v128.load (i32.add (local.get $gi) (local.get $p)))
                                                (v128.load (i32.add (local.get $gh) (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (local.set $n (call $tanh (f32x4.add (v128.load (i32.add (local.get $gi) (local.get $p)))
                                             (f32x4.mul (local.get $r) (v128.load (i32.add (local.get $gh) (local.get $p)))))))
        (v128.store (i32.add (local.get $gates) (i32.sub (local.get $p) (i32.shl (local.get $row) (i32.const 1)))) (local.get $r))
        (v128.store (i32.add (local.get $gates) (i32.sub (local.get $p) (local.get $row))) (local.get $z))
        (v128.store (i32.add (local.get $gates) (local.get $p)) (local.get $n))
        (local.set $hv (v128.load (i32.add (local.get $h) (local.get $q))))
        (v128.store (i32.add (local.get $out) (local.get $q))
                    (f32x4.add (local.get $n) (f32x4.mul (local.get $z) (f32x4.sub (local.get $hv) (local.get $n)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $vectors)))
      (block $done (loop $tail
        (br_if $done (i32.ge_u (local.get $j) (local.get $row)))
        (local.set $p (i32.add (local.get $g3) (local.get $j)))
        (local.set $q (i32.add (i32.mul (local.get $b) (local.get $row)) (local.get $j)))
        (local.set $r (call $sigmoid (f32x4.add (v128.load32_splat (i32.add (local.get $gi) (local.get $p)))
                                                (v128.load32_splat (i32.add (local.get $gh) (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (local.set $z (call $sigmoid (f32x4.add (v128.load32_splat (i32.add (local.get $gi) (local.get $p)))
                                                (v128.load32_splat (i32.add (local.get $gh) (local.get $p))))))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (local.set $n (call $tanh (f32x4.add (v128.load32_splat (i32.add (local.get $gi) (local.get $p)))
                                             (f32x4.mul (local.get $r) (v128.load32_splat (i32.add (local.get $gh) (local.get $p)))))))
        (f32.store (i32.add (local.get $gates) (i32.sub (local.get $p) (i32.shl (local.get $row) (i32.const 1)))) (f32x4.extract_lane 0 (local.get $r)))
        (f32.store (i32.add (local.get $gates) (i32.sub (local.get $p) (local.get $row))) (f32x4.extract_lane 0 (local.get $z)))
        (f32.store (i32.add (local.get $gates) (local.get $p)) (f32x4.extract_lane 0 (local.get $n)))
        (local.set $hv (v128.load32_splat (i32.add (local.get $h) (local.get $q))))
        (f32.store (i32.add (local.get $out) (local.get $q))
                   (f32x4.extract_lane 0 (f32x4.add (local.get $n) (f32x4.mul (local.get $z) (f32x4.sub (local.get $hv) (local.get $n))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $tail)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rows))))

  ;; backward(dy, gh, h, gates, dgi, dgh, dh, B, H): dy [B, H] the gradient reaching h', gh [B, 3H] and h [B, H] the
  ;; forward inputs, gates [B, 3H] the forward pass's r, z, n; written:
  ;;   dn = dy · (1 − z) · (1 − n²)              dgi_n = dn        dgh_n = dn · r
  ;;   dz = dy · (h − n) · z (1 − z)             dgi_z = dgh_z = dz
  ;;   dr = dn · gh_n · r (1 − r)                dgi_r = dgh_r = dr
  ;;   dh = dy · z
  (func (export "backward")
    (param $dy i32) (param $gh i32) (param $h i32) (param $gates i32) (param $dgi i32) (param $dgh i32) (param $dh i32)
    (param $B i32) (param $H i32)
    (local $row i32) (local $end4 i32) (local $b i32) (local $j i32) (local $g3 i32)
    (local $pr i32) (local $pz i32) (local $pn i32) ;; byte offsets of gate r, z, n at (b, j) in the [B, 3H] arrays
    (local $q i32)
    (local $r v128) (local $z v128) (local $n v128) (local $d v128) (local $dn v128) (local $dz v128) (local $dr v128)
    (local.set $row (i32.shl (local.get $H) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $H) (i32.const -4)) (i32.const 2)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $g3 (i32.mul (local.get $b) (i32.mul (local.get $row) (i32.const 3))))
      (local.set $j (i32.const 0))
      (block $done (loop $vectors
        (br_if $done (i32.ge_u (local.get $j) (local.get $end4)))
        (local.set $pr (i32.add (local.get $g3) (local.get $j)))
        (local.set $pz (i32.add (local.get $pr) (local.get $row)))
        (local.set $pn (i32.add (local.get $pz) (local.get $row)))
        (local.set $q (i32.add (i32.mul (local.get $b) (local.get $row)) (local.get $j)))
        (local.set $r (v128.load (i32.add (local.get $gates) (local.get $pr))))
        (local.set $z (v128.load (i32.add (local.get $gates) (local.get $pz))))
        (local.set $n (v128.load (i32.add (local.get $gates) (local.get $pn))))
        (local.set $d (v128.load (i32.add (local.get $dy) (local.get $q))))
        (local.set $dn (f32x4.mul (f32x4.mul (local.get $d) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $z)))
                                  (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $n) (local.get $n)))))
        (local.set $dz (f32x4.mul (f32x4.mul (local.get $d) (f32x4.sub (v128.load (i32.add (local.get $h) (local.get $q))) (local.get $n)))
                                  (f32x4.mul (local.get $z) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $z)))))
        (local.set $dr (f32x4.mul (f32x4.mul (local.get $dn) (v128.load (i32.add (local.get $gh) (local.get $pn))))
                                  (f32x4.mul (local.get $r) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $r)))))
        (v128.store (i32.add (local.get $dgi) (local.get $pr)) (local.get $dr))
        (v128.store (i32.add (local.get $dgh) (local.get $pr)) (local.get $dr))
        (v128.store (i32.add (local.get $dgi) (local.get $pz)) (local.get $dz))
        (v128.store (i32.add (local.get $dgh) (local.get $pz)) (local.get $dz))
        (v128.store (i32.add (local.get $dgi) (local.get $pn)) (local.get $dn))
        (v128.store (i32.add (local.get $dgh) (local.get $pn)) (f32x4.mul (local.get $dn) (local.get $r)))
        (v128.store (i32.add (local.get $dh) (local.get $q)) (f32x4.mul (local.get $d) (local.get $z)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $vectors)))
      (block $done (loop $tail
        (br_if $done (i32.ge_u (local.get $j) (local.get $row)))
        (local.set $pr (i32.add (local.get $g3) (local.get $j)))
        (local.set $pz (i32.add (local.get $pr) (local.get $row)))
        (local.set $pn (i32.add (local.get $pz) (local.get $row)))
        (local.set $q (i32.add (i32.mul (local.get $b) (local.get $row)) (local.get $j)))
        (local.set $r (v128.load32_splat (i32.add (local.get $gates) (local.get $pr))))
        (local.set $z (v128.load32_splat (i32.add (local.get $gates) (local.get $pz))))
        (local.set $n (v128.load32_splat (i32.add (local.get $gates) (local.get $pn))))
        (local.set $d (v128.load32_splat (i32.add (local.get $dy) (local.get $q))))
        (local.set $dn (f32x4.mul (f32x4.mul (local.get $d) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $z)))
                                  (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $n) (local.get $n)))))
        (local.set $dz (f32x4.mul (f32x4.mul (local.get $d) (f32x4.sub (v128.load32_splat (i32.add (local.get $h) (local.get $q))) (local.get $n)))
                                  (f32x4.mul (local.get $z) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $z)))))
        (local.set $dr (f32x4.mul (f32x4.mul (local.get $dn) (v128.load32_splat (i32.add (local.get $gh) (local.get $pn))))
                                  (f32x4.mul (local.get $r) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $r)))))
        (f32.store (i32.add (local.get $dgi) (local.get $pr)) (f32x4.extract_lane 0 (local.get $dr)))
        (f32.store (i32.add (local.get $dgh) (local.get $pr)) (f32x4.extract_lane 0 (local.get $dr)))
        (f32.store (i32.add (local.get $dgi) (local.get $pz)) (f32x4.extract_lane 0 (local.get $dz)))
        (f32.store (i32.add (local.get $dgh) (local.get $pz)) (f32x4.extract_lane 0 (local.get $dz)))
        (f32.store (i32.add (local.get $dgi) (local.get $pn)) (f32x4.extract_lane 0 (local.get $dn)))
        (f32.store (i32.add (local.get $dgh) (local.get $pn)) (f32x4.extract_lane 0 (f32x4.mul (local.get $dn) (local.get $r))))
        (f32.store (i32.add (local.get $dh) (local.get $q)) (f32x4.extract_lane 0 (f32x4.mul (local.get $d) (local.get $z))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $tail)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rows))))
)
