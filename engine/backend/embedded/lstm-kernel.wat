;; The LSTM's gate math for one time step, four units at a time in WebAssembly SIMD (lstm-kernel.ts instantiates
;; it; lstm-sequence.ts runs the steps and the matrix products). Hochreiter & Schmidhuber 1997, with the forget gate
;; of Gers et al. 2000, gates in tfjs's order i, f, g (the cell candidate), o. The arithmetic is tfjs's, op by op in
;; float32 (the agreement tests in test/engine/backend/ compare it bit for bit):
;;
;;   i = σ(zᵢ), f = σ(z_f), g = tanh(z_g), o = σ(z_o);  c' = f·c + i·g;  h' = o·tanh(c');  padded rows keep c, h.
;;
;; Pointers are byte offsets into the imported memory. H must be a multiple of 4 (lstm-sequence.ts keeps plain
;; JavaScript otherwise). A row of a [B, 4H] array is the four gates' [H] slices one after the other.
(module
  (import "env" "mem" (memory 0))

  ;; #include "simd-math.wat"

  ;; forward(z, hu, c, h, gates, mask, B, H): z and hu [B, 4H] (x·W + b and h·U), c and h [B, H] updated in place,
  ;; gates [B, 4H] written (after their activations), mask [B] (0 = padding).
  (func (export "forward")
    (param $z i32) (param $hu i32) (param $c i32) (param $h i32) (param $gates i32) (param $mask i32)
    (param $B i32) (param $H i32)
    (local $gate i32)  ;; bytes of one gate's slice of a row, H·4; also the bytes of a [B, H] row
    (local $b i32)     ;; the row (batch entry)
    (local $j i32)     ;; byte offset of the current 4 units within a slice
    (local $zRow i32) (local $uRow i32) (local $gRow i32) (local $cRow i32) (local $hRow i32)
    (local $zp i32) (local $up i32) (local $gp i32) ;; zRow + j, uRow + j, gRow + j: gate k is at + k·gate
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $cNew v128)
    (local.set $gate (i32.mul (local.get $H) (i32.const 4)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $B)))
        ;; [B, 4H] rows are 4·gate bytes apart, [B, H] rows gate bytes
        (local.set $zRow (i32.add (local.get $z) (i32.mul (local.get $b) (i32.mul (local.get $gate) (i32.const 4)))))
        (local.set $uRow (i32.add (local.get $hu) (i32.mul (local.get $b) (i32.mul (local.get $gate) (i32.const 4)))))
        (local.set $gRow (i32.add (local.get $gates) (i32.mul (local.get $b) (i32.mul (local.get $gate) (i32.const 4)))))
        (local.set $cRow (i32.add (local.get $c) (i32.mul (local.get $b) (local.get $gate))))
        (local.set $hRow (i32.add (local.get $h) (i32.mul (local.get $b) (local.get $gate))))
        (local.set $j (i32.const 0))
        (block $unitsDone
          (loop $units
            (br_if $unitsDone (i32.ge_u (local.get $j) (local.get $gate)))
            (local.set $zp (i32.add (local.get $zRow) (local.get $j)))
            (local.set $up (i32.add (local.get $uRow) (local.get $j)))
            (local.set $gp (i32.add (local.get $gRow) (local.get $j)))
            ;; each gate: its activation of z + hu, kept for the backward pass
            (local.set $i (call $sigmoid (f32x4.add (v128.load (local.get $zp)) (v128.load (local.get $up)))))
            (v128.store (local.get $gp) (local.get $i))
            (local.set $zp (i32.add (local.get $zp) (local.get $gate)))
            (local.set $up (i32.add (local.get $up) (local.get $gate)))
            (local.set $gp (i32.add (local.get $gp) (local.get $gate)))
            (local.set $f (call $sigmoid (f32x4.add (v128.load (local.get $zp)) (v128.load (local.get $up)))))
            (v128.store (local.get $gp) (local.get $f))
            (local.set $zp (i32.add (local.get $zp) (local.get $gate)))
            (local.set $up (i32.add (local.get $up) (local.get $gate)))
            (local.set $gp (i32.add (local.get $gp) (local.get $gate)))
            (local.set $g (call $tanh (f32x4.add (v128.load (local.get $zp)) (v128.load (local.get $up)))))
            (v128.store (local.get $gp) (local.get $g))
            (local.set $zp (i32.add (local.get $zp) (local.get $gate)))
            (local.set $up (i32.add (local.get $up) (local.get $gate)))
            (local.set $gp (i32.add (local.get $gp) (local.get $gate)))
            (local.set $o (call $sigmoid (f32x4.add (v128.load (local.get $zp)) (v128.load (local.get $up)))))
            (v128.store (local.get $gp) (local.get $o))
            ;; padded rows (mask 0) keep their state
            (if (f32.ne (f32.load (i32.add (local.get $mask) (i32.mul (local.get $b) (i32.const 4)))) (f32.const 0))
              (then
                ;; c' = f·c + i·g;  h' = o·tanh(c')
                (local.set $cNew (f32x4.add (f32x4.mul (local.get $f) (v128.load (i32.add (local.get $cRow) (local.get $j))))
                                            (f32x4.mul (local.get $i) (local.get $g))))
                (v128.store (i32.add (local.get $cRow) (local.get $j)) (local.get $cNew))
                (v128.store (i32.add (local.get $hRow) (local.get $j))
                            (f32x4.mul (local.get $o) (call $tanh (local.get $cNew))))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $units)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $rows))))

  ;; backward(dh, dc, gates, c, cPrev, mask, dz, through, B, H): dh [B, H] the gradient reaching h after the step,
  ;; dc [B, H] the one reaching c, updated in place to the one reaching the step before; gates [B, 4H] from the
  ;; forward pass, c and cPrev [B, H] the cell after and before the step; dz [B, 4H] written (gradients of the
  ;; pre-activations), through [B, H] written (what padded rows pass back unchanged, 0 elsewhere).
  (func (export "backward")
    (param $dh i32) (param $dc i32) (param $gates i32) (param $c i32) (param $cPrev i32) (param $mask i32)
    (param $dz i32) (param $through i32) (param $B i32) (param $H i32)
    (local $gate i32)  ;; bytes of one gate's slice of a row, H·4; also the bytes of a [B, H] row
    (local $b i32) (local $j i32)
    (local $gRow i32) (local $dzRow i32)
    (local $at i32)    ;; b·gate + j: the current 4 units in the [B, H] arrays
    (local $gp i32) (local $dzp i32) ;; gRow + j, dzRow + j: gate k is at + k·gate
    (local $i v128) (local $f v128) (local $g v128) (local $o v128)
    (local $tanhC v128) (local $dhNow v128) (local $dcNow v128)
    (local.set $gate (i32.mul (local.get $H) (i32.const 4)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $B)))
        (local.set $gRow (i32.add (local.get $gates) (i32.mul (local.get $b) (i32.mul (local.get $gate) (i32.const 4)))))
        (local.set $dzRow (i32.add (local.get $dz) (i32.mul (local.get $b) (i32.mul (local.get $gate) (i32.const 4)))))
        (local.set $j (i32.const 0))
        (block $unitsDone
          (loop $units
            (br_if $unitsDone (i32.ge_u (local.get $j) (local.get $gate)))
            (local.set $at (i32.add (i32.mul (local.get $b) (local.get $gate)) (local.get $j)))
            (local.set $gp (i32.add (local.get $gRow) (local.get $j)))
            (local.set $dzp (i32.add (local.get $dzRow) (local.get $j)))
            (local.set $dhNow (v128.load (i32.add (local.get $dh) (local.get $at))))
            (if (f32.eq (f32.load (i32.add (local.get $mask) (i32.mul (local.get $b) (i32.const 4)))) (f32.const 0))
              (then
                ;; padded: h and c were carried over, so are their gradients; no gate gradients
                (v128.store (i32.add (local.get $through) (local.get $at)) (local.get $dhNow))
                (v128.store (local.get $dzp) (v128.const i32x4 0 0 0 0))
                (v128.store (i32.add (local.get $dzp) (local.get $gate)) (v128.const i32x4 0 0 0 0))
                (v128.store (i32.add (local.get $dzp) (i32.mul (local.get $gate) (i32.const 2))) (v128.const i32x4 0 0 0 0))
                (v128.store (i32.add (local.get $dzp) (i32.mul (local.get $gate) (i32.const 3))) (v128.const i32x4 0 0 0 0)))
              (else
                (local.set $i (v128.load (local.get $gp)))
                (local.set $f (v128.load (i32.add (local.get $gp) (local.get $gate))))
                (local.set $g (v128.load (i32.add (local.get $gp) (i32.mul (local.get $gate) (i32.const 2)))))
                (local.set $o (v128.load (i32.add (local.get $gp) (i32.mul (local.get $gate) (i32.const 3)))))
                (local.set $tanhC (call $tanh (v128.load (i32.add (local.get $c) (local.get $at)))))
                ;; dc' = dh·o·(1 − tanh²c') + dc
                (local.set $dcNow
                  (f32x4.add (f32x4.mul (f32x4.mul (local.get $dhNow) (local.get $o))
                                        (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $tanhC) (local.get $tanhC))))
                             (v128.load (i32.add (local.get $dc) (local.get $at)))))
                ;; dzᵢ = dc'·g·i(1 − i)
                (v128.store (local.get $dzp)
                  (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dcNow) (local.get $g)) (local.get $i))
                             (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $i))))
                ;; dz_f = dc'·c·f(1 − f), c the cell before the step
                (v128.store (i32.add (local.get $dzp) (local.get $gate))
                  (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dcNow) (v128.load (i32.add (local.get $cPrev) (local.get $at))))
                                        (local.get $f))
                             (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $f))))
                ;; dz_g = dc'·i·(1 − g²)
                (v128.store (i32.add (local.get $dzp) (i32.mul (local.get $gate) (i32.const 2)))
                  (f32x4.mul (f32x4.mul (local.get $dcNow) (local.get $i))
                             (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $g) (local.get $g)))))
                ;; dz_o = dh·tanh(c')·o(1 − o)
                (v128.store (i32.add (local.get $dzp) (i32.mul (local.get $gate) (i32.const 3)))
                  (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dhNow) (local.get $tanhC)) (local.get $o))
                             (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $o))))
                ;; the gradient reaching the step before: dc = dc'·f (through dh it goes by the products h·U)
                (v128.store (i32.add (local.get $dc) (local.get $at)) (f32x4.mul (local.get $dcNow) (local.get $f)))
                (v128.store (i32.add (local.get $through) (local.get $at)) (v128.const i32x4 0 0 0 0))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $units)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $rows))))
)
