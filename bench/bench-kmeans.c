/* bench-kmeans.c — time k-means (k = 4, n_init = 10) on 1M × 8 N(0, 1) data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-kmeans [ROWS] [--threads N] [--dump FILE]
 * The data are standard normal (Box–Muller on GRand seed 1), z-scored
 * like the app does.  --dump writes the standardised matrix as raw
 * little-endian doubles so that scikit-learn can be timed on identical data:
 *   /usr/bin/python3 -c 'import numpy as np, time; from sklearn.cluster import KMeans;
 *     X = np.fromfile("FILE").reshape(-1, 8); t = time.time();
 *     km = KMeans(n_clusters=4, n_init=10, random_state=0).fit(X);
 *     print(time.time() - t, km.inertia_, km.n_iter_)'
 */
#define G_LOG_DOMAIN "bench-kmeans"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "seg-kmeans.h"
#include "seg-parallel.h"
#include "seg-scale.h"

static SegMatrix *
normal_matrix (guint n,
               guint p)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  SegMatrix *x = seg_matrix_new (n, p);
  gsize total = (gsize) n * p;

  for (gsize i = 0; i < total; i += 2)
    {
      double u1 = 1.0 - g_rand_double (rand), u2 = g_rand_double (rand);
      double r = sqrt (-2.0 * log (u1));
      x->data[i] = r * cos (2 * G_PI * u2);
      if (i + 1 < total)
        x->data[i + 1] = r * sin (2 * G_PI * u2);
    }
  return x;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 1000000, p = 8;
  const char *dump = NULL;
  g_autoptr(SegMatrix) raw = NULL, z = NULL;
  g_autoptr(SegKMeansResult) r = NULL;
  g_autoptr(GError) error = NULL;
  SegKMeansOptions o;
  gint64 t0, t1, t2;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--threads") && i + 1 < argc)
        seg_parallel_set_threads ((guint) atoi (argv[++i]));
      else if (g_str_equal (argv[i], "--dump") && i + 1 < argc)
        dump = argv[++i];
      else
        n = (guint) atoi (argv[i]);
    }
  raw = normal_matrix (n, p);
  t0 = g_get_monotonic_time ();
  z = seg_scale_features (raw, NULL, NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  if (dump != NULL)
    g_file_set_contents (dump, (const char *) z->data, (gssize) (sizeof (double) * n * p), &error);
  g_assert_no_error (error);
  t1 = g_get_monotonic_time ();
  seg_kmeans_options_init (&o, 4);
  r = seg_kmeans_fit (z, &o, &error);
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  printf ("rows %u × %u, threads %u: scale %.3f s, k-means (k = 4, n_init = 10) %.3f s; "
          "inertia %.6f, best run %u, n_iter %u\n",
          n, p, seg_parallel_get_threads (), (t1 - t0) / 1e6, (t2 - t1) / 1e6,
          r->inertia, r->best_run, r->n_iter);
  return 0;
}
