/**
 * The translator's architecture: a recurrent encoder–decoder with attention (Sutskever et al. 2014; Bahdanau et al.
 * 2015; Luong et al. 2015). Only the architecture and the data settings it is built from; training settings
 * (optimiser, schedule, batch, epochs, seed…) are shared by every family and live elsewhere.
 */
import { z } from './zod.ts';
import { userText } from './user-text.ts';

export const Seq2SeqArch = z
  .strictObject({
    family: z.literal('seq2seq'),
    /** Recurrent cell of the encoder and the decoder. @default 'gru' */
    cell: z.enum(['gru', 'lstm']).default('gru'),
    /** The encoder reads the source both ways; its states are both directions concatenated (2 × hidden). @default true */
    bidirectional: z.boolean().default(true),
    /** Stacked recurrent layers, in the encoder and in the decoder. @default 1 */
    layers: z.number().int().min(1).max(4).default(1),
    /** Embedding size (source and target). @default 128 */
    emb: z.number().int().min(1).max(2048).default(128),
    /** Hidden units per recurrent layer (per direction in the encoder). @default 256 */
    hidden: z.number().int().min(1).max(4096).default(256),
    /**
     * How the decoder scores the source positions: additive `vᵀ tanh(W_q h + W_k s)` (Bahdanau et al. 2015), or
     * multiplicative `hᵀ s` / `hᵀ W s` (Luong et al. 2015, "dot" and "general"). "dot" needs encoder states the
     * size of the decoder's: a unidirectional encoder. @default 'bahdanau'
     */
    attention: z.enum(['bahdanau', 'luong-dot', 'luong-general']).default('bahdanau'),
    /** Feed the previous attentional vector to the decoder's next step (Luong et al. 2015, §3.3). @default true */
    inputFeeding: z.boolean().default(true),
    /** Share of decoder steps fed the reference token while training; the others get the model's own previous prediction. @default 1 */
    teacherForcing: z.number().min(0).max(1).default(1),
    /** Dropout on embeddings, between layers and on the attentional vector. @default 0.2 */
    dropout: z.number().min(0).max(0.9).default(0.2),
    /** Tokens are words (from the tokenizer) or characters. @default 'word' */
    level: z.enum(['word', 'char']).default('word'),
    /** Largest vocabulary per side, most frequent first; the rest become `<unk>`. @default 8000 */
    vocab: z.number().int().min(5).max(1_000_000).default(8000),
    /** One vocabulary built from both sides instead of one per side. @default false */
    sharedVocab: z.boolean().default(false),
    /**
     * Beam width of the translations the test set is scored on at the end of training (1 = greedy). Validation
     * after every epoch stays greedy, to keep epochs cheap. @default 1
     */
    beam: z.number().int().min(1).max(32).default(1),
    /** Pairs with a side longer than this many tokens are left out of training. @default 50 */
    maxLength: z.number().int().min(1).max(10_000).default(50),
    /** Source-side embeddings initialised from a word2vec or pretrained-vectors run (its size must equal `emb`). */
    embeddings: z
      .strictObject({
        /** The run whose vectors are used. */
        runId: z.string().min(1),
        /** Keep training the vectors (true) or freeze them. @default true */
        trainable: z.boolean().default(true),
      })
      .optional(),
  })
  .superRefine((arch, ctx) => {
    if (arch.attention === 'luong-dot' && arch.bidirectional) {
      ctx.addIssue({
        code: 'custom',
        path: ['attention'],
        message: userText(
          'luong-dot compares decoder and encoder states directly, so they must be the same size: use a unidirectional encoder (bidirectional: false) or luong-general',
        ),
      });
    }
  });
export type Seq2SeqArch = z.output<typeof Seq2SeqArch>;
export type Seq2SeqArchInput = z.input<typeof Seq2SeqArch>;
