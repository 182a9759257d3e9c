;; Additive (Bahdanau) attention for one decoder step, forward and backward, four lanes at a time in WebAssembly
;; SIMD (attention-kernel.ts instantiates it; additive-attention.ts is the op). Bahdanau, Cho & Bengio (2015):
;;
;;   hidden[b, s, :] = tanh(keys[b, s, :] + q[b, :])          [B, S, A]
;;   scores[b, s]    = v · hidden[b, s, :] + maskBias[b, s]    [B, S]
;;   weights[b, :]   = softmax(scores[b, :])                   [B, S]
;;   context[b, :]   = Σₛ weights[b, s] · memory[b, s, :]      [B, M]
;;
;; Arrays are float32, row-major, at byte offsets into the imported memory. A row's tail that does not fill a vector
;; (A or M not a multiple of 4) runs through the same vector code with the value in all four lanes
;; (v128.load32_splat), and its result is lane 0. Sums over A, M and S are kept per lane and added up at the end
;; (lane 0 + lane 1 + lane 2 + lane 3 + the tail): another order than tfjs's, so the agreement tests in
;; test/engine/backend/ compare with a tolerance.
(module
  (import "env" "mem" (memory 0))

  ;; #include "simd-math.wat"

  ;; The four lanes' sum.
  (func $hsum (@inline) (param $x v128) (result f32)
    (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $x)) (f32x4.extract_lane 1 (local.get $x)))
                      (f32x4.extract_lane 2 (local.get $x)))
             (f32x4.extract_lane 3 (local.get $x))))

  ;; forward(keys, q, v, maskBias, memory, hidden, weights, context, B, S, A, M): keys [B, S, A], q [B, A] (the
  ;; projected query, bias included), v [A], maskBias [B, S], memory [B, S, M] in; hidden [B, S, A] (the tanh, for
  ;; the backward pass), weights [B, S] and context [B, M] out.
  (func (export "forward")
    (param $keys i32) (param $q i32) (param $v i32) (param $maskBias i32) (param $memory i32)
    (param $hidden i32) (param $weights i32) (param $context i32)
    (param $B i32) (param $S i32) (param $A i32) (param $M i32)
    (local $rowA i32)    ;; bytes of an [A] row
    (local $rowM i32)    ;; bytes of an [M] row
    (local $endA4 i32)   ;; bytes of an [A] row's whole vectors
    (local $endM4 i32)   ;; bytes of an [M] row's whole vectors
    (local $b i32) (local $s i32)
    (local $j i32)       ;; byte offset within a row
    (local $kRow i32) (local $qRow i32) (local $hRow i32) (local $wRow i32) (local $mRow i32) (local $cRow i32)
    (local $h v128) (local $acc v128)
    (local $tail f32) (local $max f32) (local $sum f32) (local $e f32)
    (local.set $rowA (i32.shl (local.get $A) (i32.const 2)))
    (local.set $rowM (i32.shl (local.get $M) (i32.const 2)))
    (local.set $endA4 (i32.shl (i32.and (local.get $A) (i32.const -4)) (i32.const 2)))
    (local.set $endM4 (i32.shl (i32.and (local.get $M) (i32.const -4)) (i32.const 2)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $qRow (i32.add (local.get $q) (i32.mul (local.get $b) (local.get $rowA))))
      (local.set $wRow (i32.add (local.get $weights) (i32.shl (i32.mul (local.get $b) (local.get $S)) (i32.const 2))))

      ;; the scores: per position, tanh(k + q) kept, and v · tanh(k + q) + maskBias
      (local.set $s (i32.const 0))
      (block $positionsDone (loop $positions
        (br_if $positionsDone (i32.ge_u (local.get $s) (local.get $S)))
        (local.set $kRow (i32.add (local.get $keys) (i32.mul (i32.add (i32.mul (local.get $b) (local.get $S)) (local.get $s)) (local.get $rowA))))
        (local.set $hRow (i32.add (local.get $hidden) (i32.sub (local.get $kRow) (local.get $keys))))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $tail (f32.const 0))
        (local.set $j (i32.const 0))
        (block $done (loop $vectors
          (br_if $done (i32.ge_u (local.get $j) (local.get $endA4)))
          (local.set $h (call $tanh (f32x4.add (v128.load (i32.add (local.get $kRow) (local.get $j)))
                                               (v128.load (i32.add (local.get $qRow) (local.get $j))))))
          (v128.store (i32.add (local.get $hRow) (local.get $j)) (local.get $h))
          (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $h) (v128.load (i32.add (local.get $v) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $vectors)))
        (block $done (loop $tailLoop
          (br_if $done (i32.ge_u (local.get $j) (local.get $rowA)))
          (local.set $h (call $tanh (f32x4.add (v128.load32_splat (i32.add (local.get $kRow) (local.get $j)))
                                               (v128.load32_splat (i32.add (local.get $qRow) (local.get $j))))))
          (f32.store (i32.add (local.get $hRow) (local.get $j)) (f32x4.extract_lane 0 (local.get $h)))
          (local.set $tail (f32.add (local.get $tail)
                                    (f32.mul (f32x4.extract_lane 0 (local.get $h)) (f32.load (i32.add (local.get $v) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br $tailLoop)))
        (f32.store (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2)))
          (f32.add (f32.add (call $hsum (local.get $acc)) (local.get $tail))
                   (f32.load (i32.add (i32.add (local.get $maskBias) (i32.sub (local.get $wRow) (local.get $weights)))
                                      (i32.shl (local.get $s) (i32.const 2))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $positions)))

      ;; softmax over the row's S scores, in place: exp(score − max) / Σ (S is small: one position at a time). $exp
      ;; clamps its argument at −87.3 (e⁻⁸⁷·³ ≈ 1.2e-38): below that the weight is 0, so that padding (its score
      ;; lowered by 1e9) gets exactly 0, as Math.exp gives.
      (local.set $max (f32.const -inf))
      (local.set $s (i32.const 0))
      (block $done (loop $maxLoop
        (br_if $done (i32.ge_u (local.get $s) (local.get $S)))
        (local.set $max (f32.max (local.get $max) (f32.load (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $maxLoop)))
      (local.set $sum (f32.const 0))
      (local.set $s (i32.const 0))
      (block $done (loop $expLoop
        (br_if $done (i32.ge_u (local.get $s) (local.get $S)))
        (local.set $e (f32.sub (f32.load (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2)))) (local.get $max)))
        (local.set $e (select (f32.const 0)
                              (f32x4.extract_lane 0 (call $exp (f32x4.splat (local.get $e))))
                              (f32.lt (local.get $e) (f32.const -87.3))))
        (f32.store (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2))) (local.get $e))
        (local.set $sum (f32.add (local.get $sum) (local.get $e)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $expLoop)))
      (local.set $s (i32.const 0))
      (block $done (loop $divLoop
        (br_if $done (i32.ge_u (local.get $s) (local.get $S)))
        (f32.store (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2)))
                   (f32.div (f32.load (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2)))) (local.get $sum)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $divLoop)))

      ;; context = Σₛ weights[s] · memory[s, :], four memory columns at a time over all positions
      (local.set $mRow (i32.add (local.get $memory) (i32.mul (i32.mul (local.get $b) (local.get $S)) (local.get $rowM))))
      (local.set $cRow (i32.add (local.get $context) (i32.mul (local.get $b) (local.get $rowM))))
      (local.set $j (i32.const 0))
      (block $done (loop $vectors
        (br_if $done (i32.ge_u (local.get $j) (local.get $endM4)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $s (i32.const 0))
        (block $sDone (loop $sLoop
          (br_if $sDone (i32.ge_u (local.get $s) (local.get $S)))
          (local.set $acc (f32x4.add (local.get $acc)
            (f32x4.mul (v128.load32_splat (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2))))
                       (v128.load (i32.add (i32.add (local.get $mRow) (i32.mul (local.get $s) (local.get $rowM))) (local.get $j))))))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $sLoop)))
        (v128.store (i32.add (local.get $cRow) (local.get $j)) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $vectors)))
      (block $done (loop $tailLoop
        (br_if $done (i32.ge_u (local.get $j) (local.get $rowM)))
        (local.set $tail (f32.const 0))
        (local.set $s (i32.const 0))
        (block $sDone (loop $sLoop
          (br_if $sDone (i32.ge_u (local.get $s) (local.get $S)))
          (local.set $tail (f32.add (local.get $tail)
            (f32.mul (f32.load (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2))))
                     (f32.load (i32.add (i32.add (local.get $mRow) (i32.mul (local.get $s) (local.get $rowM))) (local.get $j))))))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $sLoop)))
        (f32.store (i32.add (local.get $cRow) (local.get $j)) (local.get $tail))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $tailLoop)))

      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rows))))

  ;; backward(dWeights, dContext, v, memory, weights, hidden, dKeys, dQ, dV, dMemory, dScores, B, S, A, M): the
  ;; gradients reaching the outputs, dWeights [B, S] and dContext [B, M], and what the forward pass kept (v,
  ;; memory, its weights and hidden) in; out:
  ;;   dMemory[b, s, :] = weights[b, s] · dContext[b, :]
  ;;   dScores[b, s]    = weights[b, s] · (g[s] − Σₛ' weights[b, s'] g[s']),  g[s] = dWeights[b, s] + dContext[b] · memory[b, s]
  ;;                      (also the mask bias's gradient)
  ;;   dKeys[b, s, :]   = dScores[b, s] · v ⊙ (1 − hidden[b, s, :]²)
  ;;   dQ[b, :]         = Σₛ dKeys[b, s, :]
  ;;   dV               = Σ_b Σₛ dScores[b, s] · hidden[b, s, :]
  (func (export "backward")
    (param $dWeights i32) (param $dContext i32) (param $v i32) (param $memory i32) (param $weights i32) (param $hidden i32)
    (param $dKeys i32) (param $dQ i32) (param $dV i32) (param $dMemory i32) (param $dScores i32)
    (param $B i32) (param $S i32) (param $A i32) (param $M i32)
    (local $rowA i32) (local $rowM i32) (local $endA4 i32) (local $endM4 i32)
    (local $b i32) (local $s i32) (local $j i32)
    (local $wRow i32)    ;; byte offset of row b in the [B, S] arrays (from weights)
    (local $cRow i32)    ;; byte offset of row b in dContext
    (local $mRow i32)    ;; byte offset of (b, s) in the [B, S, M] arrays (from memory)
    (local $hRow i32)    ;; byte offset of (b, 0) in the [B, S, A] arrays (from hidden)
    (local $p i32)       ;; byte offset of (b, s, j) in the [B, S, A] arrays (from hidden)
    (local $w f32) (local $g f32) (local $dot f32) (local $tail f32)
    (local $wv v128) (local $acc v128) (local $h v128) (local $d v128) (local $dq v128) (local $dv v128) (local $vv v128)
    (local.set $rowA (i32.shl (local.get $A) (i32.const 2)))
    (local.set $rowM (i32.shl (local.get $M) (i32.const 2)))
    (local.set $endA4 (i32.shl (i32.and (local.get $A) (i32.const -4)) (i32.const 2)))
    (local.set $endM4 (i32.shl (i32.and (local.get $M) (i32.const -4)) (i32.const 2)))
    ;; dV is a sum over every row: start from 0
    (local.set $j (i32.const 0))
    (block $done (loop $zero
      (br_if $done (i32.ge_u (local.get $j) (local.get $rowA)))
      (f32.store (i32.add (local.get $dV) (local.get $j)) (f32.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $zero)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $b) (local.get $B)))
      (local.set $wRow (i32.shl (i32.mul (local.get $b) (local.get $S)) (i32.const 2)))
      (local.set $cRow (i32.add (local.get $dContext) (i32.mul (local.get $b) (local.get $rowM))))

      ;; per position: g = dWeights + dContext · memory (into dScores for now), dMemory = weight · dContext
      (local.set $dot (f32.const 0))
      (local.set $s (i32.const 0))
      (block $positionsDone (loop $positions
        (br_if $positionsDone (i32.ge_u (local.get $s) (local.get $S)))
        (local.set $mRow (i32.mul (i32.add (i32.mul (local.get $b) (local.get $S)) (local.get $s)) (local.get $rowM)))
        (local.set $w (f32.load (i32.add (i32.add (local.get $weights) (local.get $wRow)) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $wv (f32x4.splat (local.get $w)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $tail (f32.const 0))
        (local.set $j (i32.const 0))
        (block $done (loop $vectors
          (br_if $done (i32.ge_u (local.get $j) (local.get $endM4)))
          (local.set $d (v128.load (i32.add (local.get $cRow) (local.get $j))))
          (local.set $acc (f32x4.add (local.get $acc)
                                     (f32x4.mul (local.get $d) (v128.load (i32.add (i32.add (local.get $memory) (local.get $mRow)) (local.get $j))))))
          (v128.store (i32.add (i32.add (local.get $dMemory) (local.get $mRow)) (local.get $j)) (f32x4.mul (local.get $wv) (local.get $d)))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $vectors)))
        (block $done (loop $tailLoop
          (br_if $done (i32.ge_u (local.get $j) (local.get $rowM)))
          (local.set $g (f32.load (i32.add (local.get $cRow) (local.get $j))))
          (local.set $tail (f32.add (local.get $tail)
                                    (f32.mul (local.get $g) (f32.load (i32.add (i32.add (local.get $memory) (local.get $mRow)) (local.get $j))))))
          (f32.store (i32.add (i32.add (local.get $dMemory) (local.get $mRow)) (local.get $j)) (f32.mul (local.get $w) (local.get $g)))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br $tailLoop)))
        (local.set $g (f32.add (f32.load (i32.add (i32.add (local.get $dWeights) (local.get $wRow)) (i32.shl (local.get $s) (i32.const 2))))
                               (f32.add (call $hsum (local.get $acc)) (local.get $tail))))
        (f32.store (i32.add (i32.add (local.get $dScores) (local.get $wRow)) (i32.shl (local.get $s) (i32.const 2))) (local.get $g))
        (local.set $dot (f32.add (local.get $dot) (f32.mul (local.get $w) (local.get $g))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $positions)))

      ;; the softmax's gradient: dScores = weights · (g − Σ weights · g)
      (local.set $s (i32.const 0))
      (block $done (loop $softmaxGrad
        (br_if $done (i32.ge_u (local.get $s) (local.get $S)))
        (local.set $j (i32.add (local.get $wRow) (i32.shl (local.get $s) (i32.const 2))))
        (f32.store (i32.add (local.get $dScores) (local.get $j))
                   (f32.mul (f32.load (i32.add (local.get $weights) (local.get $j)))
                            (f32.sub (f32.load (i32.add (local.get $dScores) (local.get $j))) (local.get $dot))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $softmaxGrad)))

      ;; through vᵀ tanh: four units at a time over all positions, so dQ's and dV's sums over s stay in registers
      (local.set $hRow (i32.mul (i32.mul (local.get $b) (local.get $S)) (local.get $rowA)))
      (local.set $j (i32.const 0))
      (block $done (loop $vectors
        (br_if $done (i32.ge_u (local.get $j) (local.get $endA4)))
        (local.set $vv (v128.load (i32.add (local.get $v) (local.get $j))))
        (local.set $dq (v128.const i32x4 0 0 0 0))
        (local.set $dv (v128.const i32x4 0 0 0 0))
        (local.set $s (i32.const 0))
        (block $sDone (loop $sLoop
          (br_if $sDone (i32.ge_u (local.get $s) (local.get $S)))
          (local.set $p (i32.add (i32.add (local.get $hRow) (i32.mul (local.get $s) (local.get $rowA))) (local.get $j)))
          (local.set $wv (v128.load32_splat (i32.add (i32.add (local.get $dScores) (local.get $wRow)) (i32.shl (local.get $s) (i32.const 2)))))
          (local.set $h (v128.load (i32.add (local.get $hidden) (local.get $p))))
          (local.set $d (f32x4.mul (f32x4.mul (local.get $wv) (local.get $vv))
                                   (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $h) (local.get $h)))))
          (v128.store (i32.add (local.get $dKeys) (local.get $p)) (local.get $d))
          (local.set $dq (f32x4.add (local.get $dq) (local.get $d)))
          (local.set $dv (f32x4.add (local.get $dv) (f32x4.mul (local.get $wv) (local.get $h))))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $sLoop)))
        (v128.store (i32.add (i32.add (local.get $dQ) (i32.mul (local.get $b) (local.get $rowA))) (local.get $j)) (local.get $dq))
        (v128.store (i32.add (local.get $dV) (local.get $j))
                    (f32x4.add (v128.load (i32.add (local.get $dV) (local.get $j))) (local.get $dv)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $vectors)))
      (block $done (loop $tailLoop
        (br_if $done (i32.ge_u (local.get $j) (local.get $rowA)))
        (local.set $vv (v128.load32_splat (i32.add (local.get $v) (local.get $j))))
        (local.set $dq (v128.const i32x4 0 0 0 0))
        (local.set $dv (v128.const i32x4 0 0 0 0))
        (local.set $s (i32.const 0))
        (block $sDone (loop $sLoop
          (br_if $sDone (i32.ge_u (local.get $s) (local.get $S)))
          (local.set $p (i32.add (i32.add (local.get $hRow) (i32.mul (local.get $s) (local.get $rowA))) (local.get $j)))
          (local.set $wv (v128.load32_splat (i32.add (i32.add (local.get $dScores) (local.get $wRow)) (i32.shl (local.get $s) (i32.const 2)))))
          (local.set $h (v128.load32_splat (i32.add (local.get $hidden) (local.get $p))))
          (local.set $d (f32x4.mul (f32x4.mul (local.get $wv) (local.get $vv))
                                   (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $h) (local.get $h)))))
          (f32.store (i32.add (local.get $dKeys) (local.get $p)) (f32x4.extract_lane 0 (local.get $d)))
          (local.set $dq (f32x4.add (local.get $dq) (local.get $d)))
          (local.set $dv (f32x4.add (local.get $dv) (f32x4.mul (local.get $wv) (local.get $h))))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $sLoop)))
        (f32.store (i32.add (i32.add (local.get $dQ) (i32.mul (local.get $b) (local.get $rowA))) (local.get $j)) (f32x4.extract_lane 0 (local.get $dq)))
        (f32.store (i32.add (local.get $dV) (local.get $j))
                   (f32.add (f32.load (i32.add (local.get $dV) (local.get $j))) (f32x4.extract_lane 0 (local.get $dv))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $tailLoop)))

      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $rows))))
)
