/* seg-cluster-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-cluster-metrics"

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <glib/gi18n.h>

#include "seg-cluster-metrics.h"
#include "seg-error.h"
#include "seg-parallel.h"

#define SIL_BLOCK 32

/* Rows whose silhouettes are worked out together: their distances to every
 * row are stored side by side, so that one vector addition adds the next
 * distance to the sums of several rows.  Each row's sums still add the
 * rows in the order of the sample, so the numbers are those of one row at a
 * time. */
#define SIL_ROWS 8

G_STATIC_ASSERT (SIL_BLOCK % SIL_ROWS == 0);

/* Labels of some rows renumbered 0 … n_labels − 1 in order of value. */
typedef struct
{
  guint *code;     /* per used row */
  guint *count;    /* per cluster */
  guint  n_labels;
  guint  offset;   /* into the per-row accumulator */
  guint *order;    /* the used rows grouped by cluster, ascending within */
  guint *first;    /* n_labels + 1: where each cluster starts in order */
} Coding;

typedef struct
{
  const SegMatrix *xs;      /* the rows used, copied contiguous */
  const double    *xt;      /* the same, transposed: p × m_pad, zero padded */
  guint            m_pad;
  Coding          *codings;
  guint            n_codings;
  guint            acc_width;
  double         **values;  /* per coding: n_used */
  GCancellable    *cancellable;
  gint             cancelled;
} SilJob;

static inline double
distance (const double *a,
          const double *b,
          guint         p)
{
  return sqrt (seg_sq_dist (a, b, p));
}

/* Renumbers @labels of @rows (or all @n rows) densely; FALSE when a label
 * is out of range (≥ n). */
static gboolean
encode_labels (const guint *labels,
               guint        n,
               const guint *rows,
               guint        n_used,
               Coding      *c)
{
  g_autofree guint *map = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    map[i] = G_MAXUINT;
  for (guint u = 0; u < n_used; u++)
    {
      guint l = labels[rows ? rows[u] : u];
      if (l >= n)
        return FALSE;
      map[l] = 0;
    }
  c->n_labels = 0;
  for (guint l = 0; l < n; l++)
    if (map[l] == 0)
      map[l] = c->n_labels++;
  c->code = g_new (guint, n_used);
  c->count = g_new0 (guint, c->n_labels + 1);
  for (guint u = 0; u < n_used; u++)
    {
      c->code[u] = map[labels[rows ? rows[u] : u]];
      c->count[c->code[u]]++;
    }
  return TRUE;
}

static gboolean
check_labels (const SegMatrix *x,
              const guint     *labels,
              Coding          *c,
              GError         **error)
{
  if (!encode_labels (labels, x->n, NULL, x->n, c))
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           _("A cluster number is out of range"));
      return FALSE;
    }
  if (c->n_labels < 2 || c->n_labels > x->n - 1)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("Cluster quality scores need between 2 and %u clusters; there are %u"),
                   x->n > 0 ? x->n - 1 : 0, c->n_labels);
      return FALSE;
    }
  return TRUE;
}

/* Groups the rows by cluster (a counting sort, so ascending within). */
static void
coding_group (Coding *c,
              guint   n_used)
{
  g_autofree guint *fill = NULL;

  c->first = g_new0 (guint, c->n_labels + 1);
  for (guint l = 0; l < c->n_labels; l++)
    c->first[l + 1] = c->first[l] + c->count[l];
  fill = g_memdup2 (c->first, sizeof (guint) * (c->n_labels + 1));
  c->order = g_new (guint, MAX (n_used, 1));
  for (guint u = 0; u < n_used; u++)
    c->order[fill[c->code[u]]++] = u;
}

static void
coding_clear (Coding *c)
{
  g_clear_pointer (&c->code, g_free);
  g_clear_pointer (&c->count, g_free);
  g_clear_pointer (&c->order, g_free);
  g_clear_pointer (&c->first, g_free);
}

static double
silhouette_of (const double *acc,
               const Coding *c,
               guint         own)
{
  double a, b = INFINITY, s;

  if (c->count[own] < 2)
    return 0.0;
  a = acc[own] / (c->count[own] - 1);
  for (guint l = 0; l < c->n_labels; l++)
    if (l != own)
      b = MIN (b, acc[l] / c->count[l]);
  s = (b - a) / MAX (a, b);
  return isnan (s) ? 0.0 : s;
}

/* out[j · SIL_ROWS] = ‖xi − row j‖² for the m_pad rows of @xt, summed over
 * the features in order as seg_sq_dist() does. */
static inline G_ALWAYS_INLINE void
sq_distances (const double *restrict xt,
              guint                  m_pad,
              const double *restrict xi,
              double       *restrict out,
              const guint            p)
{
  for (guint j = 0; j < m_pad; j++)
    {
      double acc = 0.0;
      for (guint k = 0; k < p; k++)
        {
          double d = xi[k] - xt[(gsize) k * m_pad + j];
          acc += d * d;
        }
      out[(gsize) j * SIL_ROWS] = acc;
    }
}

/* sqrt() of n values in place.  sqrtpd rounds exactly as sqrt() does; the
 * compiler does not vectorise sqrt() itself because of errno. */
static void
sqrt_in_place (double *v,
               gsize   n)
{
  gsize i = 0;

#ifdef __SSE2__
  for (; i + 2 <= n; i += 2)
    _mm_storeu_pd (v + i, _mm_sqrt_pd (_mm_loadu_pd (v + i)));
#endif
  for (; i < n; i++)
    v[i] = sqrt (v[i]);
}

/* acc[g · width + l] = Σ over the rows of cluster l, in order, of the
 * distances dist[j · SIL_ROWS + g], for the SIL_ROWS rows g at once. */
static void
cluster_sums (const Coding *c,
              const double *dist,
              double       *acc,
              guint         width)
{
  G_STATIC_ASSERT (SIL_ROWS == 8);

  for (guint l = 0; l < c->n_labels; l++)
    {
      SegPair s0 = { 0.0, 0.0 }, s1 = { 0.0, 0.0 }, s2 = { 0.0, 0.0 }, s3 = { 0.0, 0.0 };

      for (guint t = c->first[l]; t < c->first[l + 1]; t++)
        {
          const double *d = dist + (gsize) c->order[t] * SIL_ROWS;
          s0 += seg_pair_load (d);
          s1 += seg_pair_load (d + 2);
          s2 += seg_pair_load (d + 4);
          s3 += seg_pair_load (d + 6);
        }
      for (guint g = 0; g < 2; g++)
        {
          acc[(gsize) g * width + l] = s0[g];
          acc[(gsize) (g + 2) * width + l] = s1[g];
          acc[(gsize) (g + 4) * width + l] = s2[g];
          acc[(gsize) (g + 6) * width + l] = s3[g];
        }
    }
}

SEG_VECTORIZED static void
sil_distances (const SilJob *job,
               guint         i0,
               guint         n_rows,
               double       *dist)
{
  for (guint g = 0; g < SIL_ROWS; g++)
    {
      /* the lanes past the last row repeat it; they are not used */
      const double *xi = seg_matrix_row (job->xs, i0 + MIN (g, n_rows - 1));
      SEG_WITH_CONSTANT_P (job->xs->p, sq_distances, job->xt, job->m_pad, xi, dist + g);
    }
}

static void
sil_block (guint    block,
           guint    start,
           guint    end,
           gpointer user_data)
{
  SilJob *job = user_data;
  guint m = job->xs->n;
  g_autofree double *acc = NULL;
  double *dist;

  if (g_atomic_int_get (&job->cancelled) || g_cancellable_is_cancelled (job->cancellable))
    {
      g_atomic_int_set (&job->cancelled, 1);
      return;
    }
  /* one cache line per sample row */
  dist = g_aligned_alloc (job->m_pad, sizeof (double) * SIL_ROWS, 64);
  acc = g_new (double, (gsize) job->acc_width * SIL_ROWS);
  for (guint i0 = start; i0 < end; i0 += SIL_ROWS)
    {
      guint n_rows = MIN (SIL_ROWS, end - i0);

      sil_distances (job, i0, n_rows, dist);
      sqrt_in_place (dist, (gsize) m * SIL_ROWS);
      for (guint l = 0; l < job->n_codings; l++)
        {
          Coding *c = &job->codings[l];

          /* a labelling without a valid score needs no sums */
          if (job->values[l] == NULL)
            continue;
          cluster_sums (c, dist, acc + c->offset, job->acc_width);
          for (guint g = 0; g < n_rows; g++)
            job->values[l][i0 + g] = silhouette_of (acc + (gsize) g * job->acc_width + c->offset,
                                                    c, c->code[i0 + g]);
        }
    }
  g_aligned_free (dist);
}

static int
cmp_guint (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return (x > y) - (x < y);
}

/* A seeded sample of @m of @n rows, ascending (partial Fisher–Yates). */
static guint *
sample_rows (guint   n,
             guint   m,
             guint64 seed)
{
  guint32 s[2] = { (guint32) seed, (guint32) (seed >> 32) };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (s, 2);
  guint *idx = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    idx[i] = i;
  for (guint i = 0; i < m; i++)
    {
      guint j = (guint) g_rand_int_range (rand, (gint32) i, (gint32) n);
      guint t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
  g_qsort_with_data (idx, (gint) m, sizeof (guint), cmp_guint, NULL);
  return idx;
}

static SegMatrix *
gather_rows (const SegMatrix *x,
             const guint     *rows,
             guint            m)
{
  SegMatrix *xs = seg_matrix_new (m, x->p);

  for (guint u = 0; u < m; u++)
    memcpy (seg_matrix_row (xs, u), seg_matrix_row (x, rows[u]), sizeof (double) * x->p);
  return xs;
}

/* @xs transposed (p × m_pad), zero padded to whole vectors. */
static double *
transpose_rows (const SegMatrix *xs,
                guint            m_pad)
{
  double *xt = g_new0 (double, (gsize) xs->p * m_pad + 1);

  for (guint u = 0; u < xs->n; u++)
    for (guint k = 0; k < xs->p; k++)
      xt[(gsize) k * m_pad + u] = seg_matrix_row (xs, u)[k];
  return xt;
}

static void
finish_result (SegSilhouette *s)
{
  double sum = 0.0;

  if (s->values == NULL)
    {
      s->score = NAN;
      return;
    }
  for (guint u = 0; u < s->n_used; u++)
    sum += s->values[u];
  s->score = sum / s->n_used;
}

gboolean
seg_silhouette_many (const SegMatrix     *x,
                     guint                n_labelings,
                     const guint * const *labelings,
                     guint                sample_limit,
                     guint64              seed,
                     SegSilhouette      **out,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autofree guint *rows = NULL;
  g_autoptr(SegMatrix) xs = NULL;
  g_autofree double *xt = NULL;
  g_autofree Coding *codings = NULL;
  g_autofree double **values = NULL;
  SilJob job = { 0 };
  guint m, width = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (x != NULL && out != NULL, FALSE);
  g_return_val_if_fail (n_labelings == 0 || labelings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (sample_limit == 0)
    sample_limit = SEG_SILHOUETTE_EXACT_LIMIT;
  m = MIN (x->n, sample_limit);
  rows = m < x->n ? sample_rows (x->n, m, seed) : NULL;
  if (rows == NULL)
    {
      rows = g_new (guint, x->n + 1);
      for (guint i = 0; i < x->n; i++)
        rows[i] = i;
    }
  xs = gather_rows (x, rows, m);
  codings = g_new0 (Coding, n_labelings + 1);
  values = g_new0 (double *, n_labelings + 1);
  for (guint l = 0; l < n_labelings; l++)
    {
      out[l] = g_new0 (SegSilhouette, 1);
      out[l]->sampled = m < x->n;
      out[l]->n_used = m;
      out[l]->rows = g_memdup2 (rows, sizeof (guint) * (m + 1));
      if (!encode_labels (labelings[l], x->n, rows, m, &codings[l]))
        {
          g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                               _("A cluster number is out of range"));
          ok = FALSE;
          break;
        }
      codings[l].offset = width;
      width += codings[l].n_labels;
      coding_group (&codings[l], m);
      if (codings[l].n_labels >= 2 && codings[l].n_labels <= m - 1)
        values[l] = out[l]->values = g_new0 (double, m);
    }
  if (ok)
    {
      guint m_pad = (m + 7) / 8 * 8;

      xt = transpose_rows (xs, m_pad);
      job = (SilJob) { xs, xt, m_pad, codings, n_labelings, MAX (width, 1), values, cancellable, 0 };
      seg_parallel_blocks (m, SIL_BLOCK, sil_block, &job);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  for (guint l = 0; l < n_labelings; l++)
    {
      if (ok)
        finish_result (out[l]);
      coding_clear (&codings[l]);
    }
  if (!ok)
    for (guint l = 0; l < n_labelings; l++)
      g_clear_pointer (&out[l], seg_silhouette_free);
  return ok;
}

SegSilhouette *
seg_silhouette (const SegMatrix *x,
                const guint     *labels,
                guint            sample_limit,
                guint64          seed,
                GCancellable    *cancellable,
                GError         **error)
{
  SegSilhouette *s = NULL;
  Coding c = { 0 };
  gboolean valid;

  g_return_val_if_fail (x != NULL && labels != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  valid = check_labels (x, labels, &c, error);
  coding_clear (&c);
  if (!valid || !seg_silhouette_many (x, 1, &labels, sample_limit, seed, &s,
                                      cancellable, error))
    return NULL;
  if (isnan (s->score))
    {
      g_set_error_literal (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                           _("The sample for the silhouette has fewer than 2 clusters"));
      g_clear_pointer (&s, seg_silhouette_free);
    }
  return s;
}

void
seg_silhouette_free (SegSilhouette *s)
{
  if (s == NULL)
    return;
  g_free (s->rows);
  g_free (s->values);
  g_free (s);
}

/* Per-cluster means (n_labels × p) of the rows. */
static double *
cluster_means (const SegMatrix *x,
               const Coding    *c)
{
  double *mu = g_new0 (double, (gsize) c->n_labels * x->p);

  for (guint i = 0; i < x->n; i++)
    for (guint j = 0; j < x->p; j++)
      mu[(gsize) c->code[i] * x->p + j] += seg_matrix_row (x, i)[j];
  for (guint l = 0; l < c->n_labels; l++)
    for (guint j = 0; j < x->p; j++)
      mu[(gsize) l * x->p + j] /= c->count[l];
  return mu;
}

double
seg_cluster_metrics_calinski_harabasz (const SegMatrix *x,
                                       const guint     *labels,
                                       GError         **error)
{
  Coding c = { 0 };
  g_autofree double *mu = NULL, *mean = NULL;
  double extra = 0.0, intra = 0.0, score;

  g_return_val_if_fail (x != NULL && labels != NULL, NAN);
  g_return_val_if_fail (error == NULL || *error == NULL, NAN);
  if (!check_labels (x, labels, &c, error))
    {
      coding_clear (&c);
      return NAN;
    }
  mu = cluster_means (x, &c);
  mean = g_new0 (double, x->p);
  for (guint i = 0; i < x->n; i++)
    for (guint j = 0; j < x->p; j++)
      mean[j] += seg_matrix_row (x, i)[j];
  for (guint j = 0; j < x->p; j++)
    mean[j] /= x->n;
  for (guint l = 0; l < c.n_labels; l++)
    {
      double d = distance (mu + (gsize) l * x->p, mean, x->p);
      extra += c.count[l] * (d * d);
    }
  for (guint i = 0; i < x->n; i++)
    for (guint j = 0; j < x->p; j++)
      {
        double d = seg_matrix_row (x, i)[j] - mu[(gsize) c.code[i] * x->p + j];
        intra += d * d;
      }
  score = intra == 0.0 ? 1.0
          : extra * (x->n - c.n_labels) / (intra * (c.n_labels - 1.0));
  coding_clear (&c);
  return score;
}

static gboolean
all_near_zero (const double *v,
               gsize         n)
{
  /* numpy allclose(v, 0): |v| ≤ 1e-8 */
  for (gsize i = 0; i < n; i++)
    if (!(fabs (v[i]) <= 1e-8))
      return FALSE;
  return TRUE;
}

double
seg_cluster_metrics_davies_bouldin (const SegMatrix *x,
                                    const guint     *labels,
                                    GError         **error)
{
  Coding c = { 0 };
  g_autofree double *mu = NULL, *s = NULL, *dc = NULL;
  guint k;
  double total = 0.0;

  g_return_val_if_fail (x != NULL && labels != NULL, NAN);
  g_return_val_if_fail (error == NULL || *error == NULL, NAN);
  if (!check_labels (x, labels, &c, error))
    {
      coding_clear (&c);
      return NAN;
    }
  k = c.n_labels;
  mu = cluster_means (x, &c);
  s = g_new0 (double, k);
  dc = g_new0 (double, (gsize) k * k);
  for (guint i = 0; i < x->n; i++)
    s[c.code[i]] += distance (seg_matrix_row (x, i), mu + (gsize) c.code[i] * x->p, x->p);
  for (guint l = 0; l < k; l++)
    {
      s[l] /= c.count[l];
      for (guint m = 0; m < k; m++)
        dc[(gsize) l * k + m] = distance (mu + (gsize) l * x->p, mu + (gsize) m * x->p, x->p);
    }
  if (all_near_zero (s, k) || all_near_zero (dc, (gsize) k * k))
    {
      coding_clear (&c);
      return 0.0;
    }
  for (guint l = 0; l < k; l++)
    {
      double worst = -INFINITY;
      for (guint m = 0; m < k; m++)
        {
          double d = dc[(gsize) l * k + m];
          worst = MAX (worst, (s[l] + s[m]) / (d == 0.0 ? INFINITY : d));
        }
      total += worst;
    }
  coding_clear (&c);
  return total / k;
}
