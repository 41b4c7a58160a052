/* seg-rfm.c — recency, frequency and monetary scores and the R×F segment map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exact definitions (checked against SQLite and pandas 1.5.3 in
 * tests/engine/test-rfm.c and tests/reference/rfm.py):
 *
 * NTILE: sort the scored rows by (value, id), or for reversed measures by
 *   (value descending, id ascending) — i.e. for recency
 *   `NTILE(b) OVER (ORDER BY recency_days DESC, customer_id)`, the usual SQL
 *   idiom "ORDER BY last purchase date" — so the most recent customers land in
 *   the last bucket and get score b, and tied customers always follow ascending
 *   id.  Row k (0-based) of n goes to bucket k / (q + 1) + 1 while
 *   k < r (q + 1), else r + (k − r (q + 1)) / q + 1, with q = n / b, r = n mod b;
 *   fewer rows than buckets give 1..n.
 *
 * QCUT: edges e_j = numpy's linear (type-7) quantile of the values at
 *   p_j = j · (1 / b) (j < b; p_b = 1), with numpy's own rounding (h = (n − 1) p,
 *   lerp from below when the weight is < 0.5, from above otherwise).  Duplicate
 *   edges are dropped, then score = #{kept edges e : e < v}, or 1 when v equals
 *   the smallest edge.  That is `pd.qcut(v, b, labels=False,
 *   duplicates="drop") + 1`.  When every value is equal pandas returns NaN for
 *   all; we give every customer score 1.  Reversed: score = b + 1 − score, as
 *   `labels=[5, 4, 3, 2, 1]` does (the best bin keeps score b when bins merge).
 *
 * RANK_FIRST: the same qcut on `rank(method="first")`, ranks 1..n given in row
 *   order among equal values; reversed like QCUT.
 */
#define G_LOG_DOMAIN "seg-rfm"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "seg-error.h"
#include "seg-rfm.h"

struct _SegRfmMap
{
  guint  bins;
  char **names;   /* bins × bins, index (r − 1) · bins + (f − 1) */
};

typedef struct
{
  const double      *values;
  const char *const *ids;
  gboolean           descending;
} OrderContext;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const OrderContext *ctx = user_data;
  gsize i = *(const gsize *) a;
  gsize j = *(const gsize *) b;
  double vi = ctx->values[i];
  double vj = ctx->values[j];
  int c;

  if (vi != vj)
    {
      c = vi < vj ? -1 : 1;
      return ctx->descending ? -c : c;
    }
  if (ctx->ids != NULL)
    {
      c = strcmp (ctx->ids[i] ? ctx->ids[i] : "", ctx->ids[j] ? ctx->ids[j] : "");
      if (c != 0)
        return c;
    }
  return i < j ? -1 : (i > j ? 1 : 0);
}

/* Indices of the finite values, sorted. */
static gsize *
sorted_rows (const double      *values,
             const char *const *ids,
             gsize              n,
             gboolean           descending,
             gsize             *n_rows)
{
  OrderContext ctx = { values, ids, descending };
  gsize *rows = g_new (gsize, MAX (n, 1));
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]))
      rows[m++] = i;
  g_qsort_with_data (rows, (int) m, sizeof (gsize), compare_rows, &ctx);
  *n_rows = m;
  return rows;
}

static void
score_ntile (const double      *values,
             const char *const *ids,
             gsize              n,
             guint              bins,
             gboolean           reverse,
             guint8            *scores)
{
  gsize m;
  g_autofree gsize *rows = sorted_rows (values, ids, n, reverse, &m);
  gsize q = m / bins;
  gsize r = m % bins;

  for (gsize k = 0; k < m; k++)
    {
      gsize bucket;

      if (k < r * (q + 1))
        bucket = k / (q + 1) + 1;
      else
        bucket = r + (k - r * (q + 1)) / q + 1;
      scores[rows[k]] = (guint8) bucket;
    }
}

/* numpy.quantile(sorted, p, method="linear") for a sorted array. */
static double
quantile_linear (const double *sorted,
                 gsize         n,
                 double        p)
{
  double h = (double) (n - 1) * p;
  double lo_d = floor (h);
  gsize lo, hi;
  double g, a, b, diff;

  if (h >= (double) (n - 1))
    return sorted[n - 1];
  if (h <= 0)
    return sorted[0];
  lo = (gsize) lo_d;
  hi = lo + 1;
  g = h - lo_d;
  a = sorted[lo];
  b = sorted[hi];
  diff = b - a;
  if (g >= 0.5)
    return b - diff * (1.0 - g);
  return a + diff * g;
}

/* qcut scores of the values at @rows (sorted ascending by value). */
static void
score_qcut_sorted (const double *values,
                   const gsize  *rows,
                   gsize         m,
                   guint         bins,
                   guint8       *scores)
{
  g_autofree double *sorted = g_new (double, m);
  double edges[16];
  guint n_edges = 0;
  double step = 1.0 / bins;

  for (gsize k = 0; k < m; k++)
    sorted[k] = values[rows[k]];

  for (guint j = 0; j <= bins; j++)
    {
      /* np.linspace(0, 1, b + 1): arange · step, last element exactly 1. */
      double p = j == bins ? 1.0 : (double) j * step;
      double e = quantile_linear (sorted, m, p);

      if (n_edges == 0 || e != edges[n_edges - 1])
        edges[n_edges++] = e;
    }

  for (gsize k = 0; k < m; k++)
    {
      double v = sorted[k];
      guint s = 0;

      if (n_edges == 1)
        s = 1;      /* all values equal: pandas gives NaN, we give 1 */
      else if (v == edges[0])
        s = 1;
      else
        while (s < n_edges && edges[s] < v)
          s++;
      scores[rows[k]] = (guint8) s;
    }
}

static void
score_qcut (const double *values,
            gsize         n,
            guint         bins,
            gboolean      rank_first,
            gboolean      reverse,
            guint8       *scores)
{
  gsize m;
  /* Without ids the sort is stable in row order, which is exactly
   * rank(method="first"). */
  g_autofree gsize *rows = sorted_rows (values, NULL, n, FALSE, &m);

  if (rank_first)
    {
      g_autofree double *ranks = g_new0 (double, MAX (n, 1));

      for (gsize k = 0; k < m; k++)
        ranks[rows[k]] = (double) (k + 1);
      score_qcut_sorted (ranks, rows, m, bins, scores);
    }
  else
    score_qcut_sorted (values, rows, m, bins, scores);

  if (reverse)
    for (gsize k = 0; k < m; k++)
      scores[rows[k]] = (guint8) (bins + 1 - scores[rows[k]]);
}

gboolean
seg_rfm_score_values (const double      *values,
                      const char *const *ids,
                      gsize              n,
                      guint              bins,
                      SegRfmMethod       method,
                      gboolean           reverse,
                      guint8            *scores,
                      GError           **error)
{
  g_return_val_if_fail (values != NULL || n == 0, FALSE);
  g_return_val_if_fail (scores != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bins != 4 && bins != 5)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("RFM scores use 4 or 5 bins, not %u."), bins);
      return FALSE;
    }

  memset (scores, 0, n);
  switch (method)
    {
    case SEG_RFM_METHOD_NTILE:
      score_ntile (values, ids, n, bins, reverse, scores);
      break;
    case SEG_RFM_METHOD_QCUT:
    case SEG_RFM_METHOD_RANK_FIRST:
      score_qcut (values, n, bins, method == SEG_RFM_METHOD_RANK_FIRST, reverse, scores);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  return TRUE;
}

void
seg_rfm_scores_free (SegRfmScores *scores)
{
  if (scores == NULL)
    return;
  g_free (scores->r);
  g_free (scores->f);
  g_free (scores->m);
  g_free (scores);
}

/* Copies the values of the scored customers, NAN for the others. */
static double *
masked_copy (const double   *values,
             const gboolean *scored,
             gsize           n)
{
  double *out = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    out[i] = scored[i] ? values[i] : NAN;
  return out;
}

SegRfmScores *
seg_rfm_score (const char *const *ids,
               const double      *recency_days,
               const double      *frequency,
               const double      *monetary,
               gsize              n,
               guint              bins,
               SegRfmMethod       method,
               GError           **error)
{
  g_autoptr(SegRfmScores) scores = NULL;
  g_autofree gboolean *scored = NULL;
  g_autofree double *rec = NULL, *freq = NULL, *mon = NULL;
  gsize n_scored = 0;

  g_return_val_if_fail (n == 0 || (recency_days && frequency && monetary), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  scored = g_new (gboolean, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      scored[i] = isfinite (recency_days[i]) && isfinite (frequency[i])
                  && isfinite (monetary[i]);
      n_scored += scored[i] ? 1 : 0;
    }
  if (n_scored == 0)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("No customer has any purchases, so there is nothing to score."));
      return NULL;
    }

  scores = g_new0 (SegRfmScores, 1);
  scores->n = n;
  scores->n_scored = n_scored;
  scores->bins = bins;
  scores->method = method;
  scores->r = g_new0 (guint8, n);
  scores->f = g_new0 (guint8, n);
  scores->m = g_new0 (guint8, n);

  rec = masked_copy (recency_days, scored, n);
  freq = masked_copy (frequency, scored, n);
  mon = masked_copy (monetary, scored, n);
  if (!seg_rfm_score_values (rec, ids, n, bins, method, TRUE, scores->r, error)
      || !seg_rfm_score_values (freq, ids, n, bins, method, FALSE, scores->f, error)
      || !seg_rfm_score_values (mon, ids, n, bins, method, FALSE, scores->m, error))
    return NULL;
  return g_steal_pointer (&scores);
}

/* The 5×5 grid of ALGORITHMS §4.2, rows R = 5..1, columns F = 1..5. */
static const char *default_map_5[5][5] = {
  { N_("New Customers"), N_("Potential Loyalists"), N_("Potential Loyalists"), N_("Champions"), N_("Champions") },
  { N_("Promising"), N_("Potential Loyalists"), N_("Potential Loyalists"), N_("Loyal Customers"), N_("Loyal Customers") },
  { N_("About To Sleep"), N_("About To Sleep"), N_("Need Attention"), N_("Loyal Customers"), N_("Loyal Customers") },
  { N_("Hibernating"), N_("Hibernating"), N_("At Risk"), N_("At Risk"), N_("Can't Lose Them") },
  { N_("Hibernating"), N_("Hibernating"), N_("At Risk"), N_("At Risk"), N_("Can't Lose Them") },
};

/* Our 4×4 version keeps all ten names with the same shape: the top row is
 * new → potential → champions, R3 promising → potential → loyal, R2 the
 * slipping customers (about to sleep, need attention) whose higher-F cells
 * are at risk / can't lose, and R1 hibernating → at risk → can't lose.
 * Rows R = 4..1, columns F = 1..4. */
static const char *default_map_4[4][4] = {
  { N_("New Customers"), N_("Potential Loyalists"), N_("Champions"), N_("Champions") },
  { N_("Promising"), N_("Potential Loyalists"), N_("Loyal Customers"), N_("Loyal Customers") },
  { N_("About To Sleep"), N_("Need Attention"), N_("At Risk"), N_("Can't Lose Them") },
  { N_("Hibernating"), N_("Hibernating"), N_("At Risk"), N_("Can't Lose Them") },
};

SegRfmMap *
seg_rfm_map_new_default (guint bins)
{
  SegRfmMap *map;

  g_return_val_if_fail (bins == 4 || bins == 5, NULL);

  map = g_new0 (SegRfmMap, 1);
  map->bins = bins;
  map->names = g_new0 (char *, bins * bins);
  for (guint r = 1; r <= bins; r++)
    for (guint f = 1; f <= bins; f++)
      {
        const char *name = bins == 5 ? default_map_5[5 - r][f - 1]
                                     : default_map_4[4 - r][f - 1];
        map->names[(r - 1) * bins + (f - 1)] = g_strdup (_(name));
      }
  return map;
}

SegRfmMap *
seg_rfm_map_copy (const SegRfmMap *map)
{
  SegRfmMap *copy;

  g_return_val_if_fail (map != NULL, NULL);

  copy = g_new0 (SegRfmMap, 1);
  copy->bins = map->bins;
  copy->names = g_new0 (char *, map->bins * map->bins);
  for (guint k = 0; k < map->bins * map->bins; k++)
    copy->names[k] = g_strdup (map->names[k]);
  return copy;
}

void
seg_rfm_map_free (SegRfmMap *map)
{
  if (map == NULL)
    return;
  for (guint k = 0; k < map->bins * map->bins; k++)
    g_free (map->names[k]);
  g_free (map->names);
  g_free (map);
}

guint
seg_rfm_map_get_bins (const SegRfmMap *map)
{
  g_return_val_if_fail (map != NULL, 0);
  return map->bins;
}

const char *
seg_rfm_map_get_name (const SegRfmMap *map,
                      guint            r,
                      guint            f)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (r <= map->bins && f <= map->bins, NULL);

  if (r == 0 || f == 0)
    return _("No purchases");
  return map->names[(r - 1) * map->bins + (f - 1)];
}

void
seg_rfm_map_set_name (SegRfmMap  *map,
                      guint       r,
                      guint       f,
                      const char *name)
{
  guint k;

  g_return_if_fail (map != NULL);
  g_return_if_fail (r >= 1 && r <= map->bins && f >= 1 && f <= map->bins);
  g_return_if_fail (name != NULL && *name != '\0');

  k = (r - 1) * map->bins + (f - 1);
  g_free (map->names[k]);
  map->names[k] = g_strdup (name);
}

char **
seg_rfm_map_list_names (const SegRfmMap *map)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (map != NULL, NULL);

  for (guint r = map->bins; r >= 1; r--)
    for (guint f = map->bins; f >= 1; f--)
      {
        const char *name = map->names[(r - 1) * map->bins + (f - 1)];
        gboolean seen = FALSE;

        for (guint k = 0; k < names->len && !seen; k++)
          seen = g_str_equal (g_ptr_array_index (names, k), name);
        if (!seen)
          g_ptr_array_add (names, g_strdup (name));
      }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

const char *
seg_rfm_segment_of (const SegRfmScores *scores,
                    const SegRfmMap    *map,
                    gsize               i)
{
  g_return_val_if_fail (scores != NULL && map != NULL, NULL);
  g_return_val_if_fail (i < scores->n, NULL);
  g_return_val_if_fail (map->bins == scores->bins, NULL);

  return seg_rfm_map_get_name (map, scores->r[i], scores->f[i]);
}

void
seg_rfm_cell_stats (const SegRfmScores *scores,
                    const double       *monetary,
                    guint              *counts,
                    double             *mean_monetary)
{
  guint cells;

  g_return_if_fail (scores != NULL && counts != NULL);

  cells = scores->bins * scores->bins;
  memset (counts, 0, cells * sizeof (guint));
  if (mean_monetary != NULL)
    for (guint k = 0; k < cells; k++)
      mean_monetary[k] = 0.0;

  for (gsize i = 0; i < scores->n; i++)
    {
      guint k;

      if (scores->r[i] == 0 || scores->f[i] == 0)
        continue;
      k = (scores->r[i] - 1u) * scores->bins + (scores->f[i] - 1u);
      counts[k]++;
      if (mean_monetary != NULL && monetary != NULL)
        mean_monetary[k] += monetary[i];
    }

  if (mean_monetary != NULL)
    for (guint k = 0; k < cells; k++)
      mean_monetary[k] = (counts[k] > 0 && monetary != NULL)
                         ? mean_monetary[k] / counts[k] : NAN;
}

gsize
seg_rfm_count_boundary_ties (const double *values,
                             const guint8 *scores,
                             gsize         n)
{
  gsize m, count = 0, start = 0;
  g_autofree gsize *rows = NULL;

  g_return_val_if_fail (n == 0 || (values != NULL && scores != NULL), 0);

  rows = sorted_rows (values, NULL, n, FALSE, &m);
  while (start < m)
    {
      gsize end = start + 1;
      gboolean mixed = FALSE;

      while (end < m && values[rows[end]] == values[rows[start]])
        {
          mixed |= scores[rows[end]] != scores[rows[start]];
          end++;
        }
      if (mixed)
        count += end - start;
      start = end;
    }
  return count;
}
