;; Transcendental functions on four float32 lanes for the WebAssembly SIMD kernels (WebAssembly has no exp
;; instruction). A library: kernels take these functions in with `;; #include "simd-math.wat"` (scripts/build-wat.mjs)
;; and call them; it has no module around it and exports nothing.
;;
;; exp is Cephes' expf: x = n·ln2 + r with n = round(x·log₂e) and |r| ≤ ln2/2 (ln2 split in two parts so r is
;; exact), exp(r) by its degree-7 minimax polynomial, and 2ⁿ built directly in the exponent bits. Relative error
;; ≤ 2e-7 (float32 rounding is 6e-8). Inputs are clamped to [−87.3, 88.3], where float32 exp neither under- nor
;; overflows. sigmoid and tanh are built on it: σ(x) = 1 / (1 + e⁻ˣ), tanh(x) = 2σ(2x) − 1 (absolute error ~1e-7
;; near 0, where tanh's own value is small). The operations and their order are part of the contract: the kernels'
;; agreement tests compare them bit for bit with the JavaScript they replaced.

;; eˣ, lane by lane.
(func $exp (@inline) (param $x v128) (result v128)
  (local $n v128) ;; round(x·log₂e), as floats
  (local $r v128) ;; x − n·ln2
  (local $p v128) ;; the polynomial
  (local.set $x (f32x4.min (f32x4.max (local.get $x) (v128.const f32x4 -87.3 -87.3 -87.3 -87.3))
                           (v128.const f32x4 88.3 88.3 88.3 88.3)))
  (local.set $n (f32x4.nearest (f32x4.mul (local.get $x)
                                          (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))))
  ;; r = x − n·C1 − n·C2, C1 + C2 = ln 2 and C1 short enough that n·C1 is exact
  (local.set $r (f32x4.sub (f32x4.sub (local.get $x)
                                      (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
                           (f32x4.mul (local.get $n) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
  ;; p(r) by Horner
  (local.set $p (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
  (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
  (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
  (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
  (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
  (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
  ;; e^r = p·r² + r + 1, times 2ⁿ: (n + 127) << 23 read as float bits
  (f32x4.mul
    (f32x4.add (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
               (v128.const f32x4 1 1 1 1))
    (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (v128.const i32x4 127 127 127 127))
               (i32.const 23))))

;; σ(x) = 1 / (1 + e⁻ˣ). (0 − x rather than neg: the JavaScript it replaced subtracted.)
(func $sigmoid (@inline) (param $x v128) (result v128)
  (f32x4.div (v128.const f32x4 1 1 1 1)
             (f32x4.add (call $exp (f32x4.sub (v128.const f32x4 0 0 0 0) (local.get $x)))
                        (v128.const f32x4 1 1 1 1))))

;; tanh(x) = 2σ(2x) − 1.
(func $tanh (@inline) (param $x v128) (result v128)
  (f32x4.sub (f32x4.mul (call $sigmoid (f32x4.mul (local.get $x) (v128.const f32x4 2 2 2 2)))
                        (v128.const f32x4 2 2 2 2))
             (v128.const f32x4 1 1 1 1)))
