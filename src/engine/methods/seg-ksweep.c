/* seg-ksweep.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-ksweep"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "seg-cluster-metrics.h"
#include "seg-error.h"
#include "seg-ksweep.h"

void
seg_ksweep_options_init (SegKSweepOptions *options)
{
  g_return_if_fail (options != NULL);
  *options = (SegKSweepOptions) { 0 };
  options->k_min = 1;
  options->k_max = 10;
  options->n_init = 10;
  options->max_iter = 300;
  options->tol = 1e-4;
}

void
seg_ksweep_free (SegKSweep *sweep)
{
  if (sweep == NULL)
    return;
  for (guint i = 0; i < sweep->n_points; i++)
    {
      seg_kmeans_result_free (sweep->fits[i]);
      if (sweep->silhouettes != NULL)
        g_clear_pointer (&sweep->silhouettes[i], seg_silhouette_free);
    }
  g_free (sweep->silhouettes);
  g_free (sweep->fits);
  g_free (sweep->points);
  g_free (sweep->reason);
  g_free (sweep);
}

int
seg_ksweep_knee (const double *x,
                 const double *y,
                 guint         n)
{
  double y_min = INFINITY, y_max = -INFINITY, x_span, y_span, best = 0.0;
  double x0, y0, x1, y1, len;
  int arg = -1;

  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), -1);
  if (n < 3)
    return -1;
  for (guint i = 0; i < n; i++)
    {
      y_min = MIN (y_min, y[i]);
      y_max = MAX (y_max, y[i]);
    }
  x_span = x[n - 1] - x[0];
  y_span = y_max - y_min;
  if (!(x_span != 0.0) || !(y_span > 0.0))
    return -1;
  x0 = 0.0;
  y0 = (y[0] - y_min) / y_span;
  x1 = 1.0;
  y1 = (y[n - 1] - y_min) / y_span;
  len = hypot (x1 - x0, y1 - y0);
  for (guint i = 1; i + 1 < n; i++)
    {
      double xi = (x[i] - x[0]) / x_span, yi = (y[i] - y_min) / y_span;
      double d = fabs ((x1 - x0) * (y0 - yi) - (x0 - xi) * (y1 - y0)) / len;
      if (d > best)
        {
          best = d;
          arg = (int) i;
        }
    }
  return arg;
}

static gboolean
fit_all (const SegMatrix        *x,
         const SegKSweepOptions *o,
         SegKSweep              *sweep,
         GError                **error)
{
  for (guint i = 0; i < sweep->n_points; i++)
    {
      SegKMeansOptions ko;
      SegKSweepPoint *pt = &sweep->points[i];

      seg_kmeans_options_init (&ko, o->k_min + i);
      ko.n_init = o->n_init;
      ko.max_iter = o->max_iter;
      ko.tol = o->tol;
      ko.seed = o->seed;
      ko.cancellable = o->cancellable;
      sweep->fits[i] = seg_kmeans_fit (x, &ko, error);
      if (sweep->fits[i] == NULL)
        return FALSE;
      pt->k = ko.k;
      pt->inertia = sweep->fits[i]->inertia;
      pt->n_iter = sweep->fits[i]->n_iter;
      pt->silhouette = pt->calinski_harabasz = pt->davies_bouldin = NAN;
      if (pt->k >= 2 && pt->k < x->n)
        {
          pt->calinski_harabasz = seg_cluster_metrics_calinski_harabasz (x, sweep->fits[i]->labels, NULL);
          pt->davies_bouldin = seg_cluster_metrics_davies_bouldin (x, sweep->fits[i]->labels, NULL);
        }
      if (o->progress != NULL)
        o->progress (0.8 * (i + 1) / sweep->n_points, _("Trying numbers of clusters"),
                     o->progress_data);
    }
  return TRUE;
}

static gboolean
add_silhouettes (const SegMatrix        *x,
                 const SegKSweepOptions *o,
                 SegKSweep              *sweep,
                 GError                **error)
{
  g_autofree const guint **labelings = g_new0 (const guint *, sweep->n_points + 1);
  SegSilhouette **sil = g_new0 (SegSilhouette *, sweep->n_points + 1);

  for (guint i = 0; i < sweep->n_points; i++)
    labelings[i] = sweep->fits[i]->labels;
  if (!seg_silhouette_many (x, sweep->n_points, labelings, o->silhouette_limit, o->seed,
                            sil, o->cancellable, error))
    {
      g_free (sil);
      return FALSE;
    }
  for (guint i = 0; i < sweep->n_points; i++)
    {
      if (sweep->points[i].k >= 2)
        sweep->points[i].silhouette = sil[i]->score;
      sweep->silhouette_sampled = sil[i]->sampled;
      sweep->silhouette_sample_size = sil[i]->n_used;
    }
  /* kept: the silhouette plot of the chosen k needs the per-customer values */
  sweep->silhouettes = sil;
  return TRUE;
}

static void
suggest (SegKSweep *sweep)
{
  g_autofree double *ks = g_new (double, sweep->n_points);
  g_autofree double *wcss = g_new (double, sweep->n_points);
  g_autofree char *why = NULL, *elbow = NULL;
  int best = -1, knee;
  guint first_k = 0, last_k = 0;

  for (guint i = 0; i < sweep->n_points; i++)
    {
      SegKSweepPoint *pt = &sweep->points[i];
      ks[i] = pt->k;
      wcss[i] = pt->inertia;
      if (isnan (pt->silhouette))
        continue;
      if (first_k == 0)
        first_k = pt->k;
      last_k = pt->k;
      if (best < 0 || pt->silhouette > sweep->points[best].silhouette)
        best = (int) i;
    }
  knee = seg_ksweep_knee (ks, wcss, sweep->n_points);
  sweep->elbow_k = knee >= 0 ? sweep->points[knee].k : 0;
  if (best >= 0)
    {
      sweep->suggested_k = sweep->points[best].k;
      why = g_strdup_printf (_("k = %u: best silhouette (%.2f) among k = %u…%u"),
                             sweep->suggested_k, sweep->points[best].silhouette,
                             first_k, last_k);
    }
  else
    {
      sweep->suggested_k = sweep->points[0].k;
      why = g_strdup_printf (_("k = %u: no k from 2 up was possible, so the silhouette cannot choose"),
                             sweep->suggested_k);
    }
  if (sweep->elbow_k == 0)
    elbow = g_strdup (_("the inertia curve has no clear elbow"));
  else if (sweep->elbow_k == sweep->suggested_k)
    elbow = g_strdup_printf (_("the elbow of the inertia curve is also at k = %u"), sweep->elbow_k);
  else
    elbow = g_strdup_printf (_("the elbow of the inertia curve is at k = %u"), sweep->elbow_k);
  if (sweep->silhouette_sampled)
    sweep->reason = g_strdup_printf (_("%s; %s (silhouette estimated on a random sample of %u customers)"),
                                     why, elbow, sweep->silhouette_sample_size);
  else
    sweep->reason = g_strdup_printf ("%s; %s", why, elbow);
}

SegKSweep *
seg_ksweep_run (const SegMatrix        *x,
                const SegKSweepOptions *options,
                GError                **error)
{
  g_autoptr(SegKSweep) sweep = NULL;
  guint k_max;

  g_return_val_if_fail (x != NULL && options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (options->k_min < 1 || options->k_max < options->k_min)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("The range of k (%u to %u) must start at 1 or more and not run backwards"),
                   options->k_min, options->k_max);
      return NULL;
    }
  k_max = MIN (options->k_max, seg_matrix_count_distinct_rows (x, options->k_max));
  if (k_max < options->k_min)
    k_max = options->k_min; /* seg_kmeans_fit() then explains the problem */
  sweep = g_new0 (SegKSweep, 1);
  sweep->n_points = k_max - options->k_min + 1;
  sweep->points = g_new0 (SegKSweepPoint, sweep->n_points);
  sweep->fits = g_new0 (SegKMeansResult *, sweep->n_points);
  if (!fit_all (x, options, sweep, error) || !add_silhouettes (x, options, sweep, error))
    return NULL;
  suggest (sweep);
  if (options->progress != NULL)
    options->progress (1.0, _("Trying numbers of clusters"), options->progress_data);
  return g_steal_pointer (&sweep);
}
