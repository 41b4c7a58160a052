/* test-ksweep.c — the sweep over k, its scores and the suggested k
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-error.h"
#include "seg-ksweep.h"
#include "seg-parallel.h"
#include "seg-test-util.h"

#include "cluster-fixtures.h"

/* Printed by tests/reference/ksweep.py (scikit-learn 1.2.1): k, inertia of
 * KMeans(n_clusters=k, n_init=10, random_state=0) on blobs.csv, then
 * silhouette, Calinski–Harabasz and Davies–Bouldin of its labels. */
static const double sklearn_sweep[][5] = {
  { 1, 26719.814007131346, NAN, NAN, NAN },
  { 2, 11816.431751191254, 0.5739806129210872, 375.8501725211938, 0.5620091801009413 },
  { 3, 4948.777279420352, 0.633569973602289, 653.2924743874835, 0.5583142392540884 },
  { 4, 1864.921507806656, 0.7003047977061908, 1314.987994401396, 0.43204198375481156 },
  { 5, 1706.9786058699603, 0.6058792406633692, 1080.6793972106514, 0.7851174655535016 },
  { 6, 1577.6002656643977, 0.5060227326776328, 937.0955369202173, 1.049355952762356 },
};

static void
test_blobs_sweep (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("blobs.csv");
  g_autoptr(SegKSweep) sweep = NULL;
  g_autoptr(GError) error = NULL;
  SegKSweepOptions o;

  seg_ksweep_options_init (&o);
  o.k_max = 6;
  sweep = seg_ksweep_run (x, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sweep->n_points, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      const SegKSweepPoint *pt = &sweep->points[i];
      const double *sk = sklearn_sweep[i];

      g_assert_cmpuint (pt->k, ==, (guint) sk[0]);
      g_assert_cmpuint (sweep->fits[i]->k, ==, pt->k);
      /* As good as sklearn or better; up to k = 4 (the real structure)
       * both find the same partition, so every score agrees.  Above, the
       * partitions may differ (at k = 6 ours is lower: 1576.80). */
      g_assert_cmpfloat (pt->inertia, <=, sk[1] * (1 + 1e-9));
      if (pt->k <= 4)
        g_assert_cmpfloat_with_epsilon (pt->inertia, sk[1], 1e-9 * sk[1]);
      if (fabs (pt->inertia - sk[1]) > 1e-9 * sk[1])
        continue;
      if (i == 0)
        {
          g_assert_true (isnan (pt->silhouette));
          g_assert_true (isnan (pt->calinski_harabasz));
          g_assert_true (isnan (pt->davies_bouldin));
          continue;
        }
      g_assert_cmpfloat_with_epsilon (pt->silhouette, sk[2], 1e-9);
      g_assert_cmpfloat_with_epsilon (pt->calinski_harabasz, sk[3], 1e-9 * sk[3]);
      g_assert_cmpfloat_with_epsilon (pt->davies_bouldin, sk[4], 1e-9);
    }
  g_assert_false (sweep->silhouette_sampled);
  g_assert_cmpuint (sweep->silhouette_sample_size, ==, 300);
  /* Best silhouette at 4; knee by hand from the inertias above: distances to
   * the chord on [0,1]² are 0.393, 0.466, 0.389, … for k = 2, 3, 4. */
  g_assert_cmpuint (sweep->suggested_k, ==, 4);
  g_assert_cmpuint (sweep->elbow_k, ==, 3);
  g_assert_cmpstr (sweep->reason, ==,
                   "k = 4: best silhouette (0.70) among k = 2…6; the elbow of the inertia curve is at k = 3");
}

static void
test_sampled_and_capped (void)
{
  static const double few[] = { 0, 0, 1, 1, 0, 0, 5, 5, 1, 1, 5, 5 };
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("blobs.csv");
  g_autoptr(SegMatrix) dup = seg_matrix_new_from (6, 2, few);
  g_autoptr(SegKSweep) sampled = NULL, capped = NULL, single = NULL;
  SegKSweepOptions o;

  seg_ksweep_options_init (&o);
  o.k_min = 2;
  o.k_max = 5;
  o.silhouette_limit = 120;
  sampled = seg_ksweep_run (x, &o, NULL);
  g_assert_true (sampled->silhouette_sampled);
  g_assert_cmpuint (sampled->silhouette_sample_size, ==, 120);
  g_assert_cmpuint (sampled->suggested_k, ==, 4);
  g_assert_true (g_str_has_suffix (sampled->reason,
                                   "(silhouette estimated on a random sample of 120 customers)"));

  seg_ksweep_options_init (&o);
  capped = seg_ksweep_run (dup, &o, NULL);
  g_assert_cmpuint (capped->n_points, ==, 3);   /* only 3 distinct rows */
  g_assert_cmpuint (capped->points[2].k, ==, 3);
  g_assert_cmpfloat_with_epsilon (capped->points[2].inertia, 0.0, 1e-12);

  o.k_max = 1;
  single = seg_ksweep_run (dup, &o, NULL);
  g_assert_cmpuint (single->suggested_k, ==, 1);
  g_assert_cmpuint (single->elbow_k, ==, 0);
}

/* Every figure of a sweep, silhouettes per customer included, must not
 * depend on the number of threads. */
static void
test_threads_bit_identical (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autoptr(SegMatrix) x = seg_matrix_new (2500, 5);
  g_autoptr(SegKSweep) one = NULL, two = NULL;
  SegKSweepOptions o;

  for (gsize c = 0; c < (gsize) x->n * x->p; c++)
    x->data[c] = g_rand_double (rand) + (double) (c / x->p % 4) * (c % 2 ? 1.5 : 0.0);
  seg_ksweep_options_init (&o);
  o.k_max = 6;
  o.n_init = 2;
  o.silhouette_limit = 701;
  seg_parallel_set_threads (1);
  one = seg_ksweep_run (x, &o, NULL);
  seg_parallel_set_threads (2);
  two = seg_ksweep_run (x, &o, NULL);
  g_assert_nonnull (one);
  g_assert_nonnull (two);
  g_assert_cmpuint (one->n_points, ==, two->n_points);
  g_assert_cmpuint (one->suggested_k, ==, two->suggested_k);
  for (guint i = 0; i < one->n_points; i++)
    {
      const SegSilhouette *a = one->silhouettes[i], *b = two->silhouettes[i];
      const SegKSweepPoint *p = &one->points[i], *q = &two->points[i];

      g_assert_cmpuint (p->k, ==, q->k);
      g_assert_cmpuint (p->n_iter, ==, q->n_iter);
      /* memcmp: NAN (k = 1) must match NAN */
      g_assert_true (memcmp (&p->inertia, &q->inertia, sizeof (double)) == 0);
      g_assert_true (memcmp (&p->silhouette, &q->silhouette, sizeof (double)) == 0);
      g_assert_true (memcmp (&p->calinski_harabasz, &q->calinski_harabasz, sizeof (double)) == 0);
      g_assert_true (memcmp (&p->davies_bouldin, &q->davies_bouldin, sizeof (double)) == 0);
      g_assert_true (memcmp (one->fits[i]->labels, two->fits[i]->labels, sizeof (guint) * x->n) == 0);
      g_assert_cmpuint (a->n_used, ==, 701);
      g_assert_true ((a->values == NULL) == (b->values == NULL));
      if (a->values != NULL)
        g_assert_true (memcmp (a->values, b->values, sizeof (double) * a->n_used) == 0);
    }
}

static void
test_knee (void)
{
  static const double ks[] = { 1, 2, 3, 4, 5 };
  static const double bent[] = { 100, 30, 20, 15, 12 };
  static const double flat[] = { 7, 7, 7, 7, 7 };
  static const double straight[] = { 5, 4, 3, 2, 1 };

  g_assert_cmpint (seg_ksweep_knee (ks, bent, 5), ==, 1);
  g_assert_cmpint (seg_ksweep_knee (ks, flat, 5), ==, -1);
  g_assert_cmpint (seg_ksweep_knee (ks, straight, 5), ==, -1);
  g_assert_cmpint (seg_ksweep_knee (ks, bent, 2), ==, -1);
}

static void
test_errors (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("blobs.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SegKSweepOptions o;
  GError *error = NULL;

  seg_ksweep_options_init (&o);
  o.k_min = 0;
  g_assert_null (seg_ksweep_run (x, &o, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  seg_ksweep_options_init (&o);
  o.cancellable = cancellable;
  g_cancellable_cancel (cancellable);
  g_assert_null (seg_ksweep_run (x, &o, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ksweep/blobs", test_blobs_sweep);
  g_test_add_func ("/ksweep/sampled-and-capped", test_sampled_and_capped);
  g_test_add_func ("/ksweep/threads-bit-identical", test_threads_bit_identical);
  g_test_add_func ("/ksweep/knee", test_knee);
  g_test_add_func ("/ksweep/errors", test_errors);
  return g_test_run ();
}
