/* seg-clusters.c — the k-means part of a SegResult, as the charts read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SegClusters keeps the scaled feature matrix and the raw k-means fit to
 * itself; callers get k, the labels and the figures they draw, among them
 * the per-cluster profile that the profile chart and the persona names
 * share.
 */
#define G_LOG_DOMAIN "seg-clusters"

#include "config.h"

#include <math.h>

#include "seg-analysis-private.h"

void
seg_clusters_free (SegClusters *c)
{
  if (c == NULL)
    return;
  g_strfreev (c->features);
  g_clear_pointer (&c->scale, seg_scale_report_free);
  g_clear_pointer (&c->scaled, seg_matrix_free);
  /* the kept fit belongs to the sweep when there is one */
  if (c->sweep == NULL)
    g_clear_pointer (&c->fit, seg_kmeans_result_free);
  g_clear_pointer (&c->sweep, seg_ksweep_free);
  g_free (c->centroids);
  g_free (c->profile);
  g_strfreev (c->names);
  g_strfreev (c->actions);
  g_free (c->silhouette);
  g_free (c);
}

void
seg_clusters_measure_profile (SegClusters *c)
{
  guint k, p, n;
  double *z;

  g_return_if_fail (c != NULL && c->fit != NULL && c->scaled != NULL);

  k = c->fit->k;
  p = c->p;
  n = c->scaled->n;
  z = g_new0 (double, MAX ((gsize) k * p, 1));
  /* the scaled features have mean 0 and SD 1, so a cluster's mean is its z */
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < p; j++)
      z[(gsize) c->fit->labels[i] * p + j] += c->scaled->data[(gsize) i * p + j];
  for (guint l = 0; l < k; l++)
    for (guint j = 0; j < p; j++)
      z[(gsize) l * p + j] = c->fit->sizes[l] ? z[(gsize) l * p + j] / c->fit->sizes[l] : NAN;
  g_free (c->profile);
  c->profile = z;
}

guint
seg_clusters_get_k (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, 0);
  return clusters->fit ? clusters->fit->k : 0;
}

guint64
seg_clusters_get_n_customers (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, 0);
  return clusters->fit ? clusters->fit->n : 0;
}

guint
seg_clusters_get_n_features (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, 0);
  return clusters->p;
}

const char * const *
seg_clusters_get_features (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return (const char * const *) clusters->features;
}

const guint *
seg_clusters_get_labels (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return clusters->fit ? clusters->fit->labels : NULL;
}

const guint *
seg_clusters_get_sizes (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return clusters->fit ? clusters->fit->sizes : NULL;
}

double
seg_clusters_get_inertia (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NAN);
  return clusters->fit ? clusters->fit->inertia : NAN;
}

guint
seg_clusters_get_n_iter (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, 0);
  return clusters->fit ? clusters->fit->n_iter : 0;
}

const double *
seg_clusters_get_centroids (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return clusters->centroids;
}

const double *
seg_clusters_get_profile (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return clusters->profile;
}

const char * const *
seg_clusters_get_names (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return (const char * const *) clusters->names;
}

const char * const *
seg_clusters_get_actions (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return (const char * const *) clusters->actions;
}

const double *
seg_clusters_get_silhouette (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return clusters->silhouette;
}

gboolean
seg_clusters_get_silhouette_sampled (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, FALSE);
  return clusters->silhouette_sampled;
}

const SegKSweep *
seg_clusters_get_sweep (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return clusters->sweep;
}

const SegScaleReport *
seg_clusters_get_scaling (const SegClusters *clusters)
{
  g_return_val_if_fail (clusters != NULL, NULL);
  return clusters->scale;
}
