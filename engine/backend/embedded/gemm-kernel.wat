;; The GEMM's micro-kernel (gemm-kernel.ts has the why; gemm.ts packs the panels, gemm-part.ts cuts C into strips).
;; Goto & van de Geijn, "Anatomy of High-Performance Matrix Multiplication" (2008), as in BLIS: A is packed into
;; panels of MR = 4 rows and B into panels of NR = 8 columns, each k-major (one k step of a panel is MR, or NR,
;; consecutive floats), zero-padded to a multiple of K_UNROLL = 2 steps. A 4 × 8 tile of C stays in 8 vector
;; registers ($cRV: row R, columns 4V … 4V + 3) while k is walked: per step 2 vectors of B and, for each row of A,
;; one float broadcast to 4 lanes, multiplied and added (WebAssembly SIMD has no fused multiply-add). These
;; constants are gemm-kernel.ts's MR, NR and K_UNROLL; change them together.
;;
;; The memory is shared with the worker threads that compute other strips of C (gemm-worker.ts).
(module
  (import "env" "mem" (memory 0 65536 shared))

  ;; tiles(ap, bp, cp, ldc, kcp, ip0, ip1, jp0, jp1, accumulate): for every A panel ip in [ip0, ip1) and B panel
  ;; jp in [jp0, jp1) (both ranges non-empty), C tile (ip, jp) = A panel ip · B panel jp over one block of kcp k
  ;; steps (a multiple of 2), or += when `accumulate` (the blocks of k after the first). ap, bp: the packed blocks;
  ;; cp: C, row-major, ldc bytes a row, padded to whole tiles. Addresses in bytes.
  (func (export "tiles")
    (param $ap i32) (param $bp i32) (param $cp i32) (param $ldc i32) (param $kcp i32)
    (param $ip0 i32) (param $ip1 i32) (param $jp0 i32) (param $jp1 i32) (param $accumulate i32)
    (local $ip i32) (local $jp i32)
    (local $pa i32)  ;; the current k step in A's panel
    (local $pb i32)  ;; the current k step in B's panel
    (local $end i32) ;; the end of A's panel
    (local $c i32)   ;; the tile's first row in C; rows are ldc bytes apart
    (local $a v128)  ;; a float of A in all four lanes
    (local $b0 v128) (local $b1 v128) ;; B's 8 floats of the step
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $jp (local.get $jp0))
    (loop $bPanels
      (local.set $ip (local.get $ip0))
      (loop $aPanels
        ;; pa = ap + ip·kcp·MR·4, end = pa + kcp·MR·4, pb = bp + jp·kcp·NR·4
        (local.set $pa (i32.add (local.get $ap) (i32.mul (i32.mul (local.get $ip) (local.get $kcp)) (i32.const 16))))
        (local.set $end (i32.add (local.get $pa) (i32.mul (local.get $kcp) (i32.const 16))))
        (local.set $pb (i32.add (local.get $bp) (i32.mul (i32.mul (local.get $jp) (local.get $kcp)) (i32.const 32))))
        (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
        (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
        (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
        (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
        (loop $k
          ;; k step 0: B's 8 floats, then each of A's 4 rows times them
          (local.set $b0 (v128.load offset=0 (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $a (v128.load32_splat offset=0 (local.get $pa)))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=4 (local.get $pa)))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=8 (local.get $pa)))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=12 (local.get $pa)))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
          ;; k step 1
          (local.set $b0 (v128.load offset=32 (local.get $pb)))
          (local.set $b1 (v128.load offset=48 (local.get $pb)))
          (local.set $a (v128.load32_splat offset=16 (local.get $pa)))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=20 (local.get $pa)))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=24 (local.get $pa)))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (v128.load32_splat offset=28 (local.get $pa)))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
          ;; two steps on: 2 · MR and 2 · NR floats
          (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
          (br_if $k (i32.lt_u (local.tee $pa (i32.add (local.get $pa) (i32.const 32))) (local.get $end))))
        ;; c = cp + ip·MR·ldc + jp·NR·4
        (local.set $c (i32.add (i32.add (local.get $cp) (i32.mul (i32.mul (local.get $ip) (i32.const 4)) (local.get $ldc)))
                               (i32.mul (local.get $jp) (i32.const 32))))
        (if (local.get $accumulate)
          (then
            (local.set $c00 (f32x4.add (local.get $c00) (v128.load offset=0 (local.get $c))))
            (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $c))))
            (local.set $c10 (f32x4.add (local.get $c10) (v128.load offset=0 (i32.add (local.get $c) (local.get $ldc)))))
            (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldc)))))
            (local.set $c20 (f32x4.add (local.get $c20) (v128.load offset=0 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 2))))))
            (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 2))))))
            (local.set $c30 (f32x4.add (local.get $c30) (v128.load offset=0 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))
            (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))))
        (v128.store offset=0 (local.get $c) (local.get $c00))
        (v128.store offset=16 (local.get $c) (local.get $c01))
        (v128.store offset=0 (i32.add (local.get $c) (local.get $ldc)) (local.get $c10))
        (v128.store offset=16 (i32.add (local.get $c) (local.get $ldc)) (local.get $c11))
        (v128.store offset=0 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c20))
        (v128.store offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c21))
        (v128.store offset=0 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30))
        (v128.store offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c31))
        (br_if $aPanels (i32.lt_u (local.tee $ip (i32.add (local.get $ip) (i32.const 1))) (local.get $ip1))))
      (br_if $bPanels (i32.lt_u (local.tee $jp (i32.add (local.get $jp) (i32.const 1))) (local.get $jp1)))))
)
