/* seg-kmeans.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-kmeans"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "seg-error.h"
#include "seg-kmeans.h"
#include "seg-parallel.h"

#define BLOCK SEG_PARALLEL_BLOCK_ROWS

/* The distance kernels work on CHUNK rows at a time and take p as an
 * argument that SEG_WITH_CONSTANT_P makes a compile-time constant for the
 * usual numbers of features: the loop over the features unrolls and the
 * loop over the rows vectorises, one row per vector lane.  Each row still
 * adds up its features in the order j = 0 … p − 1 and every sum over rows
 * keeps its order, so every number is what one-row-at-a-time scalar code
 * computes (tests/engine/test-kmeans.c checks this against such code). */
#define CHUNK 256

G_STATIC_ASSERT (BLOCK % CHUNK == 0);

/* The data as the fit works on them: for every block of BLOCK rows (the
 * blocks of seg_parallel_blocks()), column j is BLOCK consecutive doubles,
 * so the kernels read the rows of one column contiguously.  The rows past n
 * in the last block are zero; the kernels compute them (whole chunks keep
 * the loops simple) but never report them. */
typedef struct
{
  guint   n, p, n_blocks;
  double *data;  /* n_blocks × p × BLOCK */
} Packed;

/* One Lloyd step over a block of rows: assignment, and (when update) the
 * per-block sums for the new centres.  Partials live per block so that the
 * reduction order is fixed, and they are kept from one step to the next
 * (see estep_rows()). */
typedef struct
{
  const Packed    *x;
  const double    *centers;       /* k × p */
  const double    *cnorm;         /* k: ‖c‖² */
  guint            k;
  guint           *labels;
  gboolean         update;
  double          *part_sums;     /* n_blocks × k × p */
  double          *part_counts;   /* n_blocks × k */
  guint           *part_changed;  /* n_blocks */
} EStep;

typedef struct
{
  const Packed    *x;
  const guint     *labels;
  const double    *centers;
  double          *part;          /* n_blocks */
} InertiaJob;

typedef struct
{
  const SegMatrix *x;
  const guint     *labels;
  const double    *centers;
  double          *part;          /* n_blocks */
} RowsInertiaJob;

/* k-means++ passes: the squared distance of every row to its closest
 * centre (d2) and, for each candidate, that distance if the candidate
 * were added (out[t]); the candidate kept simply becomes the new d2. */
typedef struct
{
  const Packed    *x;
  const double    *d2;            /* NULL in the first pass */
  const double    *cand;          /* n_cand × p */
  guint            n_cand;
  double         **out;           /* n_cand arrays of n_blocks × BLOCK */
  double          *part;          /* n_blocks × n_cand */
} PlusJob;

typedef struct
{
  Packed           xc;            /* centred data */
  const SegKMeansOptions *opts;
  double           tol_abs;
  guint            n_blocks;
  double          *part_sums;
  double          *part_counts;
  guint           *part_changed;
  double          *part_inertia;  /* n_blocks */
} Ctx;

/* ---- the packed layout --------------------------------------------------- */

static inline const double *
packed_block (const Packed *x,
              guint         block)
{
  return x->data + (gsize) block * x->p * BLOCK;
}

static void
packed_row (const Packed *x,
            guint         i,
            double       *out)
{
  const double *b = packed_block (x, i / BLOCK) + i % BLOCK;

  for (guint j = 0; j < x->p; j++)
    out[j] = b[(gsize) j * BLOCK];
}

static gsize
packed_bytes (const Packed *x)
{
  return sizeof (double) * ((gsize) x->n_blocks * x->p * BLOCK + 1);
}

static void
packed_init (Packed *x,
             guint   n,
             guint   p)
{
  x->n = n;
  x->p = p;
  x->n_blocks = seg_parallel_n_blocks (n, BLOCK);
  /* zeroed, so the padding rows of the last block hold finite numbers */
  x->data = seg_matrix_big_alloc0 (packed_bytes (x));
}

static void
packed_clear (Packed *x)
{
  seg_matrix_big_free (x->data, packed_bytes (x));
  x->data = NULL;
}

static void
packed_fill (Packed          *x,
             const SegMatrix *m)
{
  for (guint i = 0; i < m->n; i++)
    for (guint j = 0; j < m->p; j++)
      x->data[((gsize) (i / BLOCK) * m->p + j) * BLOCK + i % BLOCK] = seg_matrix_row (m, i)[j];
}

/* ---- assignment (E-step) ------------------------------------------------- */

/* The nearest centre of the CHUNK rows from @x0, as sklearn measures it:
 * ‖c‖² − 2 x·c with x·c summed over j in order, strict < so that ties go to
 * the lower index.  The index is kept as a double so that the loop over the
 * rows has one element width and vectorises; it is updated by arithmetic
 * (exact on these small integers) because gcc 12 turns a second select on
 * the same condition into a branch. */
static inline G_ALWAYS_INLINE void
nearest_chunk (const EStep   *e,
               const double  *x0,
               double        *restrict best_c,
               const guint    p)
{
  double best_d[CHUNK];

  for (guint r = 0; r < CHUNK; r++)
    {
      double dot = 0.0;
      for (guint j = 0; j < p; j++)
        dot += x0[(gsize) j * BLOCK + r] * e->centers[j];
      best_d[r] = e->cnorm[0] + -2.0 * dot;
      best_c[r] = 0.0;
    }
  for (guint c = 1; c < e->k; c++)
    {
      const double *cc = e->centers + (gsize) c * p;
      const double cn = e->cnorm[c], cd = c;

      for (guint r = 0; r < CHUNK; r++)
        {
          double dot = 0.0, d, closer;
          for (guint j = 0; j < p; j++)
            dot += x0[(gsize) j * BLOCK + r] * cc[j];
          d = cn + -2.0 * dot;
          closer = (double) (d < best_d[r]);
          best_d[r] = d < best_d[r] ? d : best_d[r];
          best_c[r] += closer * (cd - best_c[r]);
        }
    }
}

/* Row by row, so that each cluster's sums add its rows in row order; two
 * features per vector addition (each lane adds as the scalar code would). */
static inline G_ALWAYS_INLINE void
sum_clusters (const double *restrict xb,
              const guint  *restrict labels,
              guint         len,
              double       *restrict sums,
              double       *restrict counts,
              const guint   p)
{
  for (guint r = 0; r < len; r++)
    {
      double *s = sums + (gsize) labels[r] * p;
      guint j = 0;

      for (; j + 2 <= p; j += 2)
        {
          SegPair v = { xb[(gsize) j * BLOCK + r], xb[(gsize) (j + 1) * BLOCK + r] };
          seg_pair_store (s + j, seg_pair_load (s + j) + v);
        }
      if (j < p)
        s[j] += xb[(gsize) j * BLOCK + r];
      counts[labels[r]] += 1.0;
    }
}

/* Stores the new labels of @m rows; returns how many changed.  Through
 * gint: x86 has no vector conversion from double to unsigned. */
static inline G_ALWAYS_INLINE guint
store_labels (const double *restrict best,
              guint        *restrict labels,
              guint                  m)
{
  guint changed = 0;

  for (guint r = 0; r < m; r++)
    {
      guint l = (guint) (gint) best[r];
      changed += labels[r] != l;
      labels[r] = l;
    }
  return changed;
}

static inline G_ALWAYS_INLINE void
estep_rows (const EStep *e,
            guint        block,
            guint        start,
            guint        end,
            const guint  p)
{
  const guint k = e->k, len = end - start;
  const double *xb = packed_block (e->x, block);
  guint *labels = e->labels + start;
  guint changed = 0;

  for (guint r0 = 0; r0 < len; r0 += CHUNK)
    {
      double best[CHUNK];

      nearest_chunk (e, xb + r0, best, p);
      changed += store_labels (best, labels + r0, MIN (CHUNK, len - r0));
    }
  e->part_changed[block] = changed;
  /* When no label of the block changed, its partial sums are still those
   * of the previous step (the same rows, in the same order); this saves the
   * sums in the last step of a run, where no label changes at all. */
  if (e->update && changed > 0)
    {
      double *sums = e->part_sums + (gsize) block * k * p;
      double *counts = e->part_counts + (gsize) block * k;

      memset (sums, 0, sizeof (double) * k * p);
      memset (counts, 0, sizeof (double) * k);
      sum_clusters (xb, labels, len, sums, counts, p);
    }
}

SEG_VECTORIZED static void
estep_block (guint    block,
             guint    start,
             guint    end,
             gpointer user_data)
{
  const EStep *e = user_data;

  SEG_WITH_CONSTANT_P (e->x->p, estep_rows, e, block, start, end);
}

/* ---- inertia ------------------------------------------------------------- */

static inline G_ALWAYS_INLINE void
inertia_rows (InertiaJob *job,
              guint       block,
              guint       start,
              guint       end,
              const guint p)
{
  const guint len = end - start;
  const double *xb = packed_block (job->x, block);
  const guint *labels = job->labels + start;
  double s = 0.0;

  for (guint r0 = 0; r0 < len; r0 += CHUNK)
    {
      guint m = MIN (CHUNK, len - r0);
      double acc[CHUNK];

      for (guint r = 0; r < m; r++)
        {
          const double *c = job->centers + (gsize) labels[r0 + r] * p;
          double a = 0.0;
          for (guint j = 0; j < p; j++)
            {
              double d = xb[(gsize) j * BLOCK + r0 + r] - c[j];
              a += d * d;
            }
          acc[r] = a;
        }
      /* in row order, as seg_kmeans_inertia() adds them */
      for (guint r = 0; r < m; r++)
        s += acc[r];
    }
  job->part[block] = s;
}

SEG_VECTORIZED static void
inertia_block (guint    block,
               guint    start,
               guint    end,
               gpointer user_data)
{
  InertiaJob *job = user_data;

  SEG_WITH_CONSTANT_P (job->x->p, inertia_rows, job, block, start, end);
}

static double
packed_inertia (const Packed *x,
                const guint  *labels,
                const double *centers,
                double       *part)
{
  InertiaJob job = { x, labels, centers, part };
  double total = 0.0;

  seg_parallel_blocks (x->n, BLOCK, inertia_block, &job);
  for (guint b = 0; b < x->n_blocks; b++)
    total += part[b];
  return total;
}

/* The same sums on the caller's row-major matrix (tests use it to check
 * the reported inertia). */
static void
inertia_rows_block (guint    block,
                    guint    start,
                    guint    end,
                    gpointer user_data)
{
  RowsInertiaJob *job = user_data;
  guint p = job->x->p;
  double s = 0.0;

  for (guint i = start; i < end; i++)
    s += seg_sq_dist (seg_matrix_row (job->x, i), job->centers + (gsize) job->labels[i] * p, p);
  job->part[block] = s;
}

double
seg_kmeans_inertia (const SegMatrix *x,
                    const guint     *labels,
                    const double    *centers)
{
  guint n_blocks;
  g_autofree double *part = NULL;
  RowsInertiaJob job = { x, labels, centers, NULL };
  double total = 0.0;

  g_return_val_if_fail (x != NULL && labels != NULL && centers != NULL, NAN);
  n_blocks = seg_parallel_n_blocks (x->n, BLOCK);
  job.part = part = g_new0 (double, n_blocks + 1);
  seg_parallel_blocks (x->n, BLOCK, inertia_rows_block, &job);
  for (guint b = 0; b < n_blocks; b++)
    total += part[b];
  return total;
}

/* ---- k-means++ ----------------------------------------------------------- */

/* out = the squared distances of the CHUNK rows from @x0 to @c (summed over
 * j in order, as seg_sq_dist()), or MIN (d2, that) when @d2 is set. */
static inline G_ALWAYS_INLINE double
cand_sq_dist (const double *x0,
              const double *restrict c,
              guint         r,
              const guint   p)
{
  double acc = 0.0;

  for (guint j = 0; j < p; j++)
    {
      double d = x0[(gsize) j * BLOCK + r] - c[j];
      acc += d * d;
    }
  return acc;
}

static inline G_ALWAYS_INLINE void
cand_chunk (const double *x0,
            const double *restrict c,
            const double *restrict d2,
            double       *restrict out,
            const guint   p)
{
  if (d2 == NULL)
    for (guint r = 0; r < CHUNK; r++)
      out[r] = cand_sq_dist (x0, c, r, p);
  else
    for (guint r = 0; r < CHUNK; r++)
      out[r] = MIN (d2[r], cand_sq_dist (x0, c, r, p));
}

/* part[q] = Σ rows of out[q][offset … offset + len), each in row order.
 * The sums of different candidates do not depend on each other, so @m of
 * them run side by side instead of one long chain of additions after
 * another. */
static inline G_ALWAYS_INLINE void
sum_rows_m (double * const *out,
            guint           offset,
            guint           len,
            double         *part,
            const guint     m)
{
  double s[4] = { 0.0, 0.0, 0.0, 0.0 };

  for (guint r = 0; r < len; r++)
    for (guint q = 0; q < m; q++)
      s[q] += out[q][offset + r];
  for (guint q = 0; q < m; q++)
    part[q] = s[q];
}

static void
sum_rows (double * const *out,
          guint           offset,
          guint           len,
          guint           n_out,
          double         *part)
{
  for (guint t0 = 0; t0 < n_out; t0 += 4)
    switch (MIN (4, n_out - t0))
      {
      case 1: sum_rows_m (out + t0, offset, len, part + t0, 1); break;
      case 2: sum_rows_m (out + t0, offset, len, part + t0, 2); break;
      case 3: sum_rows_m (out + t0, offset, len, part + t0, 3); break;
      default: sum_rows_m (out + t0, offset, len, part + t0, 4); break;
      }
}

static inline G_ALWAYS_INLINE void
plus_rows (PlusJob     *job,
           guint        block,
           guint        start,
           guint        end,
           const guint  p)
{
  const double *xb = packed_block (job->x, block);

  /* whole chunks: the distance arrays are padded to whole blocks */
  for (guint t = 0; t < job->n_cand; t++)
    for (guint r0 = 0; r0 < end - start; r0 += CHUNK)
      cand_chunk (xb + r0, job->cand + (gsize) t * p,
                  job->d2 != NULL ? job->d2 + start + r0 : NULL,
                  job->out[t] + start + r0, p);
  sum_rows (job->out, start, end - start, job->n_cand,
            job->part + (gsize) block * job->n_cand);
}

SEG_VECTORIZED static void
plus_block (guint    block,
            guint    start,
            guint    end,
            gpointer user_data)
{
  PlusJob *job = user_data;

  SEG_WITH_CONSTANT_P (job->x->p, plus_rows, job, block, start, end);
}

static double
sum_parts (const double *part,
           guint         n_blocks,
           guint         stride,
           guint         offset)
{
  double s = 0.0;

  for (guint b = 0; b < n_blocks; b++)
    s += part[(gsize) b * stride + offset];
  return s;
}

/* numpy's searchsorted(cumsum(d2), r[t]) (the first row whose running sum
 * reaches r[t], clipped to n − 1) for all @m draws in one pass: the running
 * sum is added up in row order, so it is rounded exactly as cumsum's, and it
 * stops at the row the largest draw needs. */
static void
pick_rows (const double *d2,
           guint         n,
           const double *r,
           guint         m,
           guint        *order,
           guint        *rows)
{
  double run = 0.0;  /* the running sum of d2[0 … i − 1] */
  guint i = 0;

  for (guint t = 0; t < m; t++)
    {
      guint pos = t;
      for (; pos > 0 && r[order[pos - 1]] > r[t]; pos--)
        order[pos] = order[pos - 1];
      order[pos] = t;
    }
  for (guint next = 0; next < m; next++)
    {
      const double target = r[order[next]];

      /* the sum through row i is recomputed for the next draw, identically */
      while (i < n && run + d2[i] < target)
        run += d2[i++];
      rows[order[next]] = MIN (i, n - 1);
    }
}

/* Scratch space of the seeding, kept across restarts. */
typedef struct
{
  guint    n_trials;
  double **dist;       /* n_trials + 1 arrays of n_blocks × BLOCK */
  double  *part;       /* n_blocks × n_trials */
  double  *cand;       /* n_trials × p */
  double  *draws;      /* n_trials */
  guint   *rows;       /* n_trials */
  guint   *order;      /* n_trials */
} PlusScratch;

static void
plus_scratch_init (PlusScratch  *s,
                   const Packed *x,
                   guint         k)
{
  s->n_trials = 2 + (guint) floor (log ((double) k));
  s->dist = g_new0 (double *, s->n_trials + 1);
  /* with k = 1 there is no trial */
  for (guint t = k > 1 ? 0 : s->n_trials; t <= s->n_trials; t++)
    s->dist[t] = g_new0 (double, (gsize) x->n_blocks * BLOCK);
  s->part = g_new0 (double, (gsize) x->n_blocks * s->n_trials + 1);
  s->cand = g_new (double, (gsize) s->n_trials * x->p + 1);
  s->draws = g_new (double, s->n_trials);
  s->rows = g_new (guint, s->n_trials);
  s->order = g_new (guint, s->n_trials);
}

static void
plus_scratch_clear (PlusScratch *s)
{
  if (s->dist != NULL)
    for (guint t = 0; t <= s->n_trials; t++)
      g_free (s->dist[t]);
  g_clear_pointer (&s->dist, g_free);
  g_clear_pointer (&s->part, g_free);
  g_clear_pointer (&s->cand, g_free);
  g_clear_pointer (&s->draws, g_free);
  g_clear_pointer (&s->rows, g_free);
  g_clear_pointer (&s->order, g_free);
}

/* Greedy k-means++ (ALGORITHMS.md §3.2).  dist[n_trials] holds the current
 * closest distances; a trial pass fills dist[0 … n_trials − 1] with the
 * distances each candidate would leave, and the winner's array is swapped
 * in, so no separate update pass is needed. */
static void
plusplus (const Packed *x,
          guint         k,
          GRand        *rand,
          PlusScratch  *s,
          double       *centers)
{
  guint n = x->n, p = x->p, n_trials = s->n_trials;
  PlusJob job;
  double pot;

  packed_row (x, (guint) g_rand_int_range (rand, 0, (gint32) n), centers);
  job = (PlusJob) { x, NULL, centers, 1, s->dist + n_trials, s->part };
  seg_parallel_blocks (n, BLOCK, plus_block, &job);
  pot = sum_parts (s->part, x->n_blocks, 1, 0);

  for (guint c = 1; c < k; c++)
    {
      guint best = 0;
      double best_pot = 0.0, *swap;

      for (guint t = 0; t < n_trials; t++)
        s->draws[t] = g_rand_double (rand) * pot;
      pick_rows (s->dist[n_trials], n, s->draws, n_trials, s->order, s->rows);
      for (guint t = 0; t < n_trials; t++)
        packed_row (x, s->rows[t], s->cand + (gsize) t * p);
      job = (PlusJob) { x, s->dist[n_trials], s->cand, n_trials, s->dist, s->part };
      seg_parallel_blocks (n, BLOCK, plus_block, &job);
      for (guint t = 0; t < n_trials; t++)
        {
          double tp = sum_parts (s->part, x->n_blocks, n_trials, t);
          if (t == 0 || tp < best_pot)
            {
              best = t;
              best_pot = tp;
            }
        }
      memcpy (centers + (gsize) c * p, s->cand + (gsize) best * p, sizeof (double) * p);
      swap = s->dist[best];
      s->dist[best] = s->dist[n_trials];
      s->dist[n_trials] = swap;
      pot = best_pot;
    }
}

void
seg_kmeans_plusplus (const SegMatrix *x,
                     guint            k,
                     GRand           *rand,
                     double          *centers)
{
  Packed packed;
  PlusScratch scratch = { 0 };

  g_return_if_fail (x != NULL && x->n > 0 && rand != NULL && centers != NULL);
  g_return_if_fail (k >= 1 && k <= x->n);
  packed_init (&packed, x->n, x->p);
  packed_fill (&packed, x);
  plus_scratch_init (&scratch, &packed, k);
  plusplus (&packed, k, rand, &scratch, centers);
  plus_scratch_clear (&scratch);
  packed_clear (&packed);
}

/* ---- Lloyd --------------------------------------------------------------- */

static void
center_norms (const double *centers,
              guint         k,
              guint         p,
              double       *cnorm)
{
  for (guint c = 0; c < k; c++)
    {
      double s = 0.0;
      for (guint j = 0; j < p; j++)
        s += centers[(gsize) c * p + j] * centers[(gsize) c * p + j];
      cnorm[c] = s;
    }
}

/* Runs one assignment step; with @sums/@counts also reduces the block
 * partials.  Returns the number of labels that changed. */
static guint
assign (Ctx          *ctx,
        const double *centers,
        guint        *labels,
        double       *sums,
        double       *counts)
{
  guint k = ctx->opts->k, p = ctx->xc.p, changed = 0;
  g_autofree double *cnorm = g_new (double, k);
  EStep e = { &ctx->xc, centers, cnorm, k, labels, sums != NULL,
              ctx->part_sums, ctx->part_counts, ctx->part_changed };

  center_norms (centers, k, p, cnorm);
  seg_parallel_blocks (ctx->xc.n, BLOCK, estep_block, &e);
  for (guint b = 0; b < ctx->n_blocks; b++)
    changed += ctx->part_changed[b];
  if (sums == NULL)
    return changed;
  memset (sums, 0, sizeof (double) * k * p);
  memset (counts, 0, sizeof (double) * k);
  for (guint b = 0; b < ctx->n_blocks; b++)
    {
      const double *ps = ctx->part_sums + (gsize) b * k * p;
      const double *pc = ctx->part_counts + (gsize) b * k;
      for (gsize j = 0; j < (gsize) k * p; j++)
        sums[j] += ps[j];
      for (guint c = 0; c < k; c++)
        counts[c] += pc[c];
    }
  return changed;
}

/* The @n_far rows farthest from their centre, farthest first (lower row on ties). */
static void
farthest_rows (const Packed *x,
               const guint  *labels,
               const double *centers,
               guint         n_far,
               guint        *rows)
{
  g_autofree double *best = g_new (double, n_far);
  g_autofree double *xi = g_new (double, x->p);
  guint have = 0;

  for (guint i = 0; i < x->n; i++)
    {
      double d;
      guint pos = have;

      packed_row (x, i, xi);
      d = seg_sq_dist (xi, centers + (gsize) labels[i] * x->p, x->p);
      while (pos > 0 && d > best[pos - 1])
        pos--;
      if (pos >= n_far)
        continue;
      have = MIN (have + 1, n_far);
      memmove (best + pos + 1, best + pos, sizeof (double) * (have - 1 - pos));
      memmove (rows + pos + 1, rows + pos, sizeof (guint) * (have - 1 - pos));
      best[pos] = d;
      rows[pos] = i;
    }
}

/* sklearn's _relocate_empty_clusters_dense: each empty cluster takes one of
 * the farthest points, which leaves its old cluster's sums. */
static void
relocate_empty (Ctx          *ctx,
                const guint  *labels,
                const double *centers_old,
                double       *sums,
                double       *counts)
{
  guint k = ctx->opts->k, p = ctx->xc.p, n_empty = 0;
  g_autofree guint *empty = g_new (guint, k);
  g_autofree guint *far = NULL;
  g_autofree double *xi = NULL;

  for (guint c = 0; c < k; c++)
    if (counts[c] == 0.0)
      empty[n_empty++] = c;
  if (n_empty == 0)
    return;
  far = g_new (guint, n_empty);
  xi = g_new (double, p);
  farthest_rows (&ctx->xc, labels, centers_old, n_empty, far);
  for (guint e = 0; e < n_empty; e++)
    {
      guint old = labels[far[e]];

      packed_row (&ctx->xc, far[e], xi);
      for (guint j = 0; j < p; j++)
        {
          sums[(gsize) old * p + j] -= xi[j];
          sums[(gsize) empty[e] * p + j] = xi[j];
        }
      counts[empty[e]] = 1.0;
      counts[old] -= 1.0;
    }
}

/* Means from sums (multiplying by the reciprocal, as sklearn does); a
 * cluster still empty takes the centre of the heaviest cluster. */
static void
average_centers (double       *sums,
                 const double *counts,
                 guint         k,
                 guint         p)
{
  guint heaviest = 0;

  for (guint c = 0; c < k; c++)
    {
      if (counts[c] > counts[heaviest])
        heaviest = c;
      if (counts[c] > 0.0)
        {
          double alpha = 1.0 / counts[c];
          for (guint j = 0; j < p; j++)
            sums[(gsize) c * p + j] *= alpha;
        }
    }
  for (guint c = 0; c < k; c++)
    if (counts[c] <= 0.0)
      memcpy (sums + (gsize) c * p, sums + (gsize) heaviest * p, sizeof (double) * p);
}

static double
center_shift_total (const double *a,
                    const double *b,
                    guint         k,
                    guint         p)
{
  double tot = 0.0;

  for (guint c = 0; c < k; c++)
    {
      double shift = sqrt (seg_sq_dist (a + (gsize) c * p, b + (gsize) c * p, p));
      tot += shift * shift;
    }
  return tot;
}

/* One Lloyd run from @centers (k × p, replaced by the final centres).
 * Returns FALSE when cancelled. */
static gboolean
lloyd_run (Ctx     *ctx,
           double  *centers,
           guint   *labels,
           guint   *n_iter,
           GError **error)
{
  guint k = ctx->opts->k, p = ctx->xc.p, i;
  g_autofree double *centers_new = g_new0 (double, (gsize) k * p);
  g_autofree double *counts = g_new0 (double, k);
  gboolean strict = FALSE;

  for (guint r = 0; r < ctx->xc.n; r++)
    labels[r] = G_MAXUINT;
  for (i = 0; i < ctx->opts->max_iter; i++)
    {
      guint changed;
      double shift;

      if (g_cancellable_set_error_if_cancelled (ctx->opts->cancellable, error))
        return FALSE;
      changed = assign (ctx, centers, labels, centers_new, counts);
      relocate_empty (ctx, labels, centers, centers_new, counts);
      average_centers (centers_new, counts, k, p);
      shift = center_shift_total (centers, centers_new, k, p);
      memcpy (centers, centers_new, sizeof (double) * k * p);
      if (changed == 0)
        {
          strict = TRUE;
          break;
        }
      if (shift <= ctx->tol_abs)
        break;
    }
  if (!strict)
    assign (ctx, centers, labels, NULL, NULL);
  *n_iter = MIN (i + 1, ctx->opts->max_iter);
  return TRUE;
}

/* sklearn's _is_same_clustering: TRUE when the labellings are equal up to a
 * permutation of the labels. */
static gboolean
same_clustering (const guint *a,
                 const guint *b,
                 guint        n,
                 guint        k)
{
  g_autofree guint *map = g_new (guint, k);

  for (guint c = 0; c < k; c++)
    map[c] = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      if (map[a[i]] == G_MAXUINT)
        map[a[i]] = b[i];
      else if (map[a[i]] != b[i])
        return FALSE;
    }
  return TRUE;
}

/* sums[j] = Σ_i x[i][j], added in row order. */
static void
column_sums (const SegMatrix *x,
             double          *sums)
{
  for (guint j = 0; j < x->p; j++)
    sums[j] = 0.0;
  for (guint i = 0; i < x->n; i++)
    {
      const double *row = seg_matrix_row (x, i);
      for (guint j = 0; j < x->p; j++)
        sums[j] += row[j];
    }
}

/* Also fills @sums (p) with the column sums: they are needed for the means
 * anyway, and when they are all finite no cell can be NAN or infinite, which
 * saves a pass over the data. */
static gboolean
check_input (const SegMatrix        *x,
             const SegKMeansOptions *o,
             double                 *sums,
             GError                **error)
{
  gboolean finite = TRUE;
  guint distinct;

  if (o->k < 1)
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           _("The number of clusters must be at least 1"));
      return FALSE;
    }
  if (x->n < 2 || x->p == 0)
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           x->p == 0 ? _("Clustering needs at least one feature")
                                     : _("Clustering needs at least 2 customers"));
      return FALSE;
    }
  column_sums (x, sums);
  for (guint j = 0; j < x->p; j++)
    finite = finite && isfinite (sums[j]);
  if (!finite && seg_matrix_has_non_finite (x))
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           _("The features have missing values: fill them in (impute) before clustering"));
      return FALSE;
    }
  distinct = seg_matrix_count_distinct_rows (x, o->k);
  if (distinct < o->k)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Only %u distinct customer: choose k ≤ %u",
                                "Only %u distinct customers: choose k ≤ %u", distinct),
                   distinct, distinct);
      return FALSE;
    }
  return TRUE;
}

/* Copies @m less @mean into @x and adds up the squares of the centred
 * cells in row-major order (one sum, as before packing). */
static inline G_ALWAYS_INLINE void
pack_centred (Packed          *x,
              const SegMatrix *m,
              const double    *restrict mean,
              double          *var_sum,
              const guint      p)
{
  double vs = 0.0;

  for (guint b = 0; b < x->n_blocks; b++)
    {
      double *restrict dst = x->data + (gsize) b * p * BLOCK;
      guint start = b * BLOCK, end = MIN (m->n, start + BLOCK);

      for (guint i = start; i < end; i++)
        {
          const double *row = seg_matrix_row (m, i);
          for (guint j = 0; j < p; j++)
            {
              double v = row[j] - mean[j];
              dst[(gsize) j * BLOCK + (i - start)] = v;
              vs += v * v;
            }
        }
    }
  *var_sum = vs;
}

/* Packs @m centred (sklearn centres, for accuracy) into ctx->xc and returns
 * the column means (from @sums); sets the absolute tolerance from the
 * population variances, summed cell by cell in row-major order. */
static double *
centre_data (Ctx             *ctx,
             const SegMatrix *m,
             const double    *sums)
{
  double *mean = g_new0 (double, m->p);
  double var_sum = 0.0;

  for (guint j = 0; j < m->p; j++)
    mean[j] = sums[j] / m->n;
  packed_init (&ctx->xc, m->n, m->p);
  SEG_WITH_CONSTANT_P (m->p, pack_centred, &ctx->xc, m, mean, &var_sum);
  ctx->tol_abs = ctx->opts->tol * (var_sum / m->n / m->p);
  return mean;
}

static SegKMeansResult *
result_new (guint n,
            guint p,
            guint k)
{
  SegKMeansResult *r = g_new0 (SegKMeansResult, 1);

  r->n = n;
  r->p = p;
  r->k = k;
  r->labels = g_new0 (guint, n);
  r->centers = g_new0 (double, (gsize) k * p);
  r->sizes = g_new0 (guint, k);
  return r;
}

void
seg_kmeans_result_free (SegKMeansResult *result)
{
  if (result == NULL)
    return;
  g_free (result->labels);
  g_free (result->centers);
  g_free (result->sizes);
  g_free (result);
}

void
seg_kmeans_options_init (SegKMeansOptions *options,
                         guint             k)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->k = k;
  options->n_init = 10;
  options->max_iter = 300;
  options->tol = 1e-4;
}

/* Runs the restarts; the best run ends up in @best (centred units). */
static gboolean
run_restarts (Ctx              *ctx,
              const double     *mean,
              SegKMeansResult  *best,
              GError          **error)
{
  const SegKMeansOptions *o = ctx->opts;
  guint n = ctx->xc.n, p = ctx->xc.p, k = o->k;
  guint n_init = o->init_centers != NULL ? 1 : MAX (o->n_init, 1);
  PlusScratch scratch = { 0 };
  g_autofree double *centers = g_new (double, (gsize) k * p);
  g_autofree guint *labels = g_new (guint, n);
  g_autoptr(GRand) master = NULL;
  guint32 seed[2] = { (guint32) o->seed, (guint32) (o->seed >> 32) };
  gboolean have = FALSE, ok = TRUE;

  if (o->init_centers == NULL)
    plus_scratch_init (&scratch, &ctx->xc, k);
  master = g_rand_new_with_seed_array (seed, 2);
  for (guint run = 0; run < n_init; run++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (g_rand_int (master));
      guint n_iter;
      double inertia;

      if (o->init_centers != NULL)
        for (gsize j = 0; j < (gsize) k * p; j++)
          centers[j] = o->init_centers[j] - mean[j % p];
      else
        plusplus (&ctx->xc, k, rand, &scratch, centers);
      if (!lloyd_run (ctx, centers, labels, &n_iter, error))
        {
          ok = FALSE;
          break;
        }
      inertia = packed_inertia (&ctx->xc, labels, centers, ctx->part_inertia);
      if (!have || (inertia < best->inertia && !same_clustering (labels, best->labels, n, k)))
        {
          have = TRUE;
          best->inertia = inertia;
          best->n_iter = n_iter;
          best->best_run = run;
          memcpy (best->labels, labels, sizeof (guint) * n);
          memcpy (best->centers, centers, sizeof (double) * k * p);
        }
      if (o->progress != NULL)
        o->progress ((run + 1.0) / n_init, _("Clustering"), o->progress_data);
    }
  plus_scratch_clear (&scratch);
  return ok;
}

SegKMeansResult *
seg_kmeans_fit (const SegMatrix        *x,
                const SegKMeansOptions *options,
                GError                **error)
{
  g_autoptr(SegKMeansResult) best = NULL;
  g_autofree double *mean = NULL, *sums = NULL;
  g_autofree double *part_sums = NULL, *part_counts = NULL;
  g_autofree double *part_inertia = NULL;
  g_autofree guint *part_changed = NULL;
  Ctx ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (x != NULL && options != NULL, NULL);
  g_return_val_if_fail (options->max_iter > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  sums = g_new (double, x->p + 1);
  if (!check_input (x, options, sums, error))
    return NULL;

  ctx.opts = options;
  ctx.n_blocks = seg_parallel_n_blocks (x->n, BLOCK);
  ctx.part_sums = part_sums = g_new (double, (gsize) ctx.n_blocks * options->k * x->p);
  ctx.part_counts = part_counts = g_new (double, (gsize) ctx.n_blocks * options->k);
  ctx.part_changed = part_changed = g_new (guint, ctx.n_blocks);
  ctx.part_inertia = part_inertia = g_new (double, ctx.n_blocks);
  mean = centre_data (&ctx, x, sums);
  best = result_new (x->n, x->p, options->k);
  best->tol_abs = ctx.tol_abs;
  ok = run_restarts (&ctx, mean, best, error);
  packed_clear (&ctx.xc);
  if (!ok)
    return NULL;

  for (gsize j = 0; j < (gsize) best->k * best->p; j++)
    best->centers[j] += mean[j % best->p];
  for (guint i = 0; i < best->n; i++)
    best->sizes[best->labels[i]]++;
  return g_steal_pointer (&best);
}
