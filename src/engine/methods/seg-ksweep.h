/* seg-ksweep.h — k-means over a range of k, with quality scores and a suggestion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every k in [k_min, k_max]: k-means (k-means++, n_init restarts, the
 * same seed for every k), inertia (WCSS), silhouette, Calinski–Harabasz and
 * Davies–Bouldin (NAN at k = 1, where they are not defined).  k_max is
 * lowered to the number of distinct rows.
 *
 * Suggested k (documented rule): the k ≥ 2 with the highest silhouette
 * (the smaller k on ties); with no k ≥ 2 in the range, the smallest k.
 * The elbow shown beside it is the knee of the inertia curve: both axes are
 * scaled to [0, 1] and the knee is the point farthest from the chord
 * joining the first and last points (the smaller k on ties); it needs at
 * least 3 points and a curve that is not flat.
 */
#pragma once

#include <gio/gio.h>

#include "seg-cluster-metrics.h"
#include "seg-kmeans.h"
#include "seg-matrix.h"
#include "seg-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint            k_min;             /* default 1 */
  guint            k_max;             /* default 10 */
  guint            n_init;            /* default 10 */
  guint            max_iter;          /* default 300 */
  double           tol;               /* default 1e-4 */
  guint64          seed;              /* default 0 */
  guint            silhouette_limit;  /* 0 = SEG_SILHOUETTE_EXACT_LIMIT */
  GCancellable    *cancellable;
  SegProgressFunc  progress;
  gpointer         progress_data;
} SegKSweepOptions;

typedef struct
{
  guint  k;
  double inertia;
  double silhouette;         /* NAN for k = 1 */
  double calinski_harabasz;  /* NAN for k = 1 */
  double davies_bouldin;     /* NAN for k = 1 */
  guint  n_iter;
} SegKSweepPoint;

typedef struct
{
  guint             n_points;
  SegKSweepPoint   *points;
  SegKMeansResult **fits;                   /* n_points, one per k */
  SegSilhouette   **silhouettes;             /* n_points: per-customer values of each k */
  guint             suggested_k;
  guint             elbow_k;                /* 0 when there is no elbow */
  char             *reason;                 /* the suggestion in words */
  gboolean          silhouette_sampled;
  guint             silhouette_sample_size; /* rows the silhouettes used */
} SegKSweep;

/**
 * seg_ksweep_options_init:
 * @options: (out caller-allocates): the options to fill with the defaults
 */
void       seg_ksweep_options_init (SegKSweepOptions *options);

/**
 * seg_ksweep_run:
 * @x: n × p, the rows to cluster (no NAN allowed)
 * @options: the options, from seg_ksweep_options_init ()
 * @error: return location for a #GError, or %NULL
 *
 * Fits k-means for every k from k_min to k_max (no more than the distinct
 * rows) and suggests one.
 *
 * Returns: (transfer full) (nullable): the sweep, or %NULL with @error set
 *   (a bad range, input errors as seg_kmeans_fit (), G_IO_ERROR_CANCELLED)
 */
SegKSweep *seg_ksweep_run          (const SegMatrix        *x,
                                    const SegKSweepOptions *options,
                                    GError                **error);
/**
 * seg_ksweep_free:
 * @sweep: (transfer full) (nullable): a sweep
 */
void       seg_ksweep_free         (SegKSweep *sweep);

/**
 * seg_ksweep_knee:
 * @x: (array length=n): the abscissae, ascending
 * @y: (array length=n): the values
 * @n: how many points
 *
 * Returns: the index of the knee of (x[i], y[i]) by the rule above, or -1
 *   when there is none
 */
int        seg_ksweep_knee         (const double *x,
                                    const double *y,
                                    guint         n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegKSweep, seg_ksweep_free)

G_END_DECLS
