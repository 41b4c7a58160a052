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

#define BLOCK SEG_PARALLEL_BLOCK_ROWS

/* One Lloyd step over a block of rows: assignment, and (when update) the
 * per-block sums for the new centres.  Partials live per block so that the
 * reduction order is fixed. */
typedef struct
{
  const SegMatrix *x;
  const double    *centers_t;     /* p × k, transposed */
  const double    *cnorm;
  guint            k;
  guint           *labels;
  gboolean         update;
  double          *part_sums;     /* n_blocks × k × p */
  double          *part_counts;   /* n_blocks × k */
  guint           *part_changed;  /* n_blocks */
} EStep;

typedef struct
{
  const SegMatrix *x;
  const guint     *labels;
  const double    *centers;
  double          *part;          /* n_blocks */
} InertiaJob;

/* k-means++ passes. */
typedef struct
{
  const SegMatrix *x;
  double          *d2;            /* n: squared distance to the closest centre */
  const double    *cand;          /* n_cand × p */
  guint            n_cand;
  double          *part;          /* n_blocks × n_cand */
} PlusJob;

typedef struct
{
  SegMatrix       *xc;            /* centred data */
  const SegKMeansOptions *opts;
  double           tol_abs;
  guint            n_blocks;
  double          *part_sums;
  double          *part_counts;
  guint           *part_changed;
} Ctx;


/* The assignment of rows [start, end); @K is a compile-time constant in the
 * specialised callers below, so the loops over centres unroll. */
static inline G_GNUC_UNUSED void
estep_rows (const EStep *e,
            guint        K,
            guint        block,
            guint        start,
            guint        end)
{
  const guint p = e->x->p;
  const double *ct = e->centers_t, *cnorm = e->cnorm;
  const double *data = e->x->data;
  guint *labels = e->labels;
  double *sums = e->part_sums + (gsize) block * K * p;
  double *counts = e->part_counts + (gsize) block * K;
  double dots_stack[16];
  g_autofree double *dots_heap = K > 16 ? g_new (double, K) : NULL;
  double *dots = K > 16 ? dots_heap : dots_stack;
  guint changed = 0;

  if (e->update)
    {
      memset (sums, 0, sizeof (double) * K * p);
      memset (counts, 0, sizeof (double) * K);
    }
  for (guint i = start; i < end; i++)
    {
      const double *xi = data + (gsize) i * p;
      guint best = 0;
      double best_d;

      /* All K dot products at once (centres transposed): each keeps the
       * plain j = 0 … p − 1 summation order, but the chains are independent. */
      for (guint c = 0; c < K; c++)
        dots[c] = 0.0;
      for (guint j = 0; j < p; j++)
        {
          const double xj = xi[j];
          const double *row = ct + (gsize) j * K;
          for (guint c = 0; c < K; c++)
            dots[c] += xj * row[c];
        }
      /* sklearn's ‖c‖² − 2 x·c; strict < keeps the lowest index on ties. */
      best_d = cnorm[0] + -2.0 * dots[0];
      for (guint c = 1; c < K; c++)
        {
          double d = cnorm[c] + -2.0 * dots[c];
          if (d < best_d)
            {
              best = c;
              best_d = d;
            }
        }
      changed += labels[i] != best;
      labels[i] = best;
      if (e->update)
        {
          double *s = sums + (gsize) best * p;
          for (guint j = 0; j < p; j++)
            s[j] += xi[j];
          counts[best] += 1.0;
        }
    }
  e->part_changed[block] = changed;
}

static void
estep_block (guint    block,
             guint    start,
             guint    end,
             gpointer user_data)
{
  const EStep *e = user_data;

  switch (e->k)
    {
#define CASE(K) case K: estep_rows (e, K, block, start, end); break;
    CASE (1) CASE (2) CASE (3) CASE (4) CASE (5) CASE (6) CASE (7) CASE (8)
    CASE (9) CASE (10) CASE (11) CASE (12)
#undef CASE
    default:
      estep_rows (e, e->k, block, start, end);
    }
}

static void
inertia_block (guint    block,
               guint    start,
               guint    end,
               gpointer user_data)
{
  InertiaJob *job = user_data;
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
  InertiaJob job = { x, labels, centers, NULL };
  double total = 0.0;

  g_return_val_if_fail (x != NULL && labels != NULL && centers != NULL, NAN);
  n_blocks = seg_parallel_n_blocks (x->n, BLOCK);
  job.part = part = g_new0 (double, n_blocks + 1);
  seg_parallel_blocks (x->n, BLOCK, inertia_block, &job);
  for (guint b = 0; b < n_blocks; b++)
    total += part[b];
  return total;
}

/* ---- k-means++ ---------------------------------------------------------- */

static void
plus_init_block (guint    block,
                 guint    start,
                 guint    end,
                 gpointer user_data)
{
  PlusJob *job = user_data;
  double s = 0.0;

  for (guint i = start; i < end; i++)
    {
      job->d2[i] = seg_sq_dist (seg_matrix_row (job->x, i), job->cand, job->x->p);
      s += job->d2[i];
    }
  job->part[block] = s;
}

static void
plus_trial_block (guint    block,
                  guint    start,
                  guint    end,
                  gpointer user_data)
{
  PlusJob *job = user_data;
  guint p = job->x->p;

  for (guint t = 0; t < job->n_cand; t++)
    {
      const double *c = job->cand + (gsize) t * p;
      double s = 0.0;

      for (guint i = start; i < end; i++)
        s += MIN (job->d2[i], seg_sq_dist (seg_matrix_row (job->x, i), c, p));
      job->part[(gsize) block * job->n_cand + t] = s;
    }
}

static void
plus_update_block (guint    block,
                   guint    start,
                   guint    end,
                   gpointer user_data)
{
  PlusJob *job = user_data;

  for (guint i = start; i < end; i++)
    job->d2[i] = MIN (job->d2[i], seg_sq_dist (seg_matrix_row (job->x, i), job->cand, job->x->p));
}

/* First index i with cumsum[i] ≥ r (numpy searchsorted, side "left"), clipped to n − 1. */
static guint
search_sorted (const double *cumsum,
               guint         n,
               double        r)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (cumsum[mid] < r)
        lo = mid + 1;
      else
        hi = mid;
    }
  return MIN (lo, n - 1);
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

void
seg_kmeans_plusplus (const SegMatrix *x,
                     guint            k,
                     GRand           *rand,
                     double          *centers)
{
  guint n, p, n_trials, n_blocks;
  g_autofree double *d2 = NULL, *cumsum = NULL, *cand = NULL, *part = NULL;
  g_autofree guint *cand_idx = NULL;
  PlusJob job;
  double pot;

  g_return_if_fail (x != NULL && x->n > 0 && rand != NULL && centers != NULL);
  g_return_if_fail (k >= 1 && k <= x->n);
  n = x->n;
  p = x->p;
  n_trials = 2 + (guint) floor (log ((double) k));
  n_blocks = seg_parallel_n_blocks (n, BLOCK);
  d2 = g_new (double, n);
  cumsum = g_new (double, n);
  cand = g_new (double, (gsize) n_trials * p + 1);
  cand_idx = g_new (guint, n_trials);
  part = g_new0 (double, (gsize) n_blocks * n_trials + 1);

  memcpy (centers, seg_matrix_row (x, (guint) g_rand_int_range (rand, 0, (gint32) n)),
          sizeof (double) * p);
  job = (PlusJob) { x, d2, centers, 1, part };
  seg_parallel_blocks (n, BLOCK, plus_init_block, &job);
  pot = sum_parts (part, n_blocks, 1, 0);

  for (guint c = 1; c < k; c++)
    {
      guint best = 0;
      double best_pot = 0.0, run = 0.0;

      for (guint i = 0; i < n; i++)
        cumsum[i] = run += d2[i];
      for (guint t = 0; t < n_trials; t++)
        {
          cand_idx[t] = search_sorted (cumsum, n, g_rand_double (rand) * pot);
          memcpy (cand + (gsize) t * p, seg_matrix_row (x, cand_idx[t]), sizeof (double) * p);
        }
      job = (PlusJob) { x, d2, cand, n_trials, part };
      seg_parallel_blocks (n, BLOCK, plus_trial_block, &job);
      for (guint t = 0; t < n_trials; t++)
        {
          double tp = sum_parts (part, n_blocks, n_trials, t);
          if (t == 0 || tp < best_pot)
            {
              best = t;
              best_pot = tp;
            }
        }
      memcpy (centers + (gsize) c * p, cand + (gsize) best * p, sizeof (double) * p);
      job = (PlusJob) { x, d2, centers + (gsize) c * p, 1, part };
      seg_parallel_blocks (n, BLOCK, plus_update_block, &job);
      pot = best_pot;
    }
}

/* ---- Lloyd -------------------------------------------------------------- */

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
  guint k = ctx->opts->k, p = ctx->xc->p, changed = 0;
  g_autofree double *cnorm = g_new (double, k);
  g_autofree double *ct = g_new (double, (gsize) k * p);
  EStep e = { ctx->xc, ct, cnorm, k, labels, sums != NULL,
              ctx->part_sums, ctx->part_counts, ctx->part_changed };

  center_norms (centers, k, p, cnorm);
  for (guint c = 0; c < k; c++)
    for (guint j = 0; j < p; j++)
      ct[(gsize) j * k + c] = centers[(gsize) c * p + j];
  seg_parallel_blocks (ctx->xc->n, BLOCK, estep_block, &e);
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
farthest_rows (const SegMatrix *x,
               const guint     *labels,
               const double    *centers,
               guint            n_far,
               guint           *rows)
{
  g_autofree double *best = g_new (double, n_far);
  guint have = 0;

  for (guint i = 0; i < x->n; i++)
    {
      double d = seg_sq_dist (seg_matrix_row (x, i), centers + (gsize) labels[i] * x->p, x->p);
      guint pos = have;

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
  guint k = ctx->opts->k, p = ctx->xc->p, n_empty = 0;
  g_autofree guint *empty = g_new (guint, k);
  g_autofree guint *far = NULL;

  for (guint c = 0; c < k; c++)
    if (counts[c] == 0.0)
      empty[n_empty++] = c;
  if (n_empty == 0)
    return;
  far = g_new (guint, n_empty);
  farthest_rows (ctx->xc, labels, centers_old, n_empty, far);
  for (guint e = 0; e < n_empty; e++)
    {
      const double *xi = seg_matrix_row (ctx->xc, far[e]);
      guint old = labels[far[e]];

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
  guint k = ctx->opts->k, p = ctx->xc->p, i;
  g_autofree double *centers_new = g_new0 (double, (gsize) k * p);
  g_autofree double *counts = g_new0 (double, k);
  gboolean strict = FALSE;

  for (guint r = 0; r < ctx->xc->n; r++)
    labels[r] = G_MAXUINT;
  for (i = 0; i < ctx->opts->max_iter; i++)
    {
      guint changed;

      if (g_cancellable_set_error_if_cancelled (ctx->opts->cancellable, error))
        return FALSE;
      changed = assign (ctx, centers, labels, centers_new, counts);
      relocate_empty (ctx, labels, centers, centers_new, counts);
      average_centers (centers_new, counts, k, p);
      {
        double shift = center_shift_total (centers, centers_new, k, p);
        memcpy (centers, centers_new, sizeof (double) * k * p);
        if (changed == 0)
          {
            strict = TRUE;
            break;
          }
        if (shift <= ctx->tol_abs)
          break;
      }
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

static gboolean
check_input (const SegMatrix        *x,
             const SegKMeansOptions *o,
             GError                **error)
{
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
  if (seg_matrix_has_non_finite (x))
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

/* Centres the data (sklearn does, for accuracy) and returns the column
 * means; sets the absolute tolerance from the population variances. */
static double *
centre_data (Ctx *ctx)
{
  SegMatrix *m = ctx->xc;
  double *mean = g_new0 (double, m->p);
  double var_sum = 0.0;

  for (guint i = 0; i < m->n; i++)
    for (guint j = 0; j < m->p; j++)
      mean[j] += seg_matrix_row (m, i)[j];
  for (guint j = 0; j < m->p; j++)
    mean[j] /= m->n;
  for (guint i = 0; i < m->n; i++)
    {
      double *row = seg_matrix_row (m, i);
      for (guint j = 0; j < m->p; j++)
        {
          row[j] -= mean[j];
          var_sum += row[j] * row[j];
        }
    }
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
  guint n = ctx->xc->n, p = ctx->xc->p, k = o->k;
  guint n_init = o->init_centers != NULL ? 1 : MAX (o->n_init, 1);
  g_autofree double *centers = g_new (double, (gsize) k * p);
  g_autofree guint *labels = g_new (guint, n);
  g_autoptr(GRand) master = NULL;
  guint32 seed[2] = { (guint32) o->seed, (guint32) (o->seed >> 32) };
  gboolean have = FALSE;

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
        seg_kmeans_plusplus (ctx->xc, k, rand, centers);
      if (!lloyd_run (ctx, centers, labels, &n_iter, error))
        return FALSE;
      inertia = seg_kmeans_inertia (ctx->xc, labels, centers);
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
  return TRUE;
}

SegKMeansResult *
seg_kmeans_fit (const SegMatrix        *x,
                const SegKMeansOptions *options,
                GError                **error)
{
  g_autoptr(SegKMeansResult) best = NULL;
  g_autoptr(SegMatrix) xc = NULL;
  g_autofree double *mean = NULL;
  g_autofree double *part_sums = NULL, *part_counts = NULL;
  g_autofree guint *part_changed = NULL;
  Ctx ctx = { 0 };

  g_return_val_if_fail (x != NULL && options != NULL, NULL);
  g_return_val_if_fail (options->max_iter > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_input (x, options, error))
    return NULL;

  ctx.xc = xc = seg_matrix_copy (x);
  ctx.opts = options;
  ctx.n_blocks = seg_parallel_n_blocks (x->n, BLOCK);
  ctx.part_sums = part_sums = g_new (double, (gsize) ctx.n_blocks * options->k * x->p);
  ctx.part_counts = part_counts = g_new (double, (gsize) ctx.n_blocks * options->k);
  ctx.part_changed = part_changed = g_new (guint, ctx.n_blocks);
  mean = centre_data (&ctx);
  best = result_new (x->n, x->p, options->k);
  best->tol_abs = ctx.tol_abs;
  if (!run_restarts (&ctx, mean, best, error))
    return NULL;

  for (gsize j = 0; j < (gsize) best->k * best->p; j++)
    best->centers[j] += mean[j % best->p];
  for (guint i = 0; i < best->n; i++)
    best->sizes[best->labels[i]]++;
  return g_steal_pointer (&best);
}
