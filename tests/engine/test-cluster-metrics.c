/* test-cluster-metrics.c — silhouette, Calinski–Harabasz, Davies–Bouldin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-cluster-metrics.h"
#include "seg-error.h"
#include "seg-parallel.h"
#include "seg-test-util.h"

#include "cluster-fixtures.h"

/* Labels of tests/data/reference/{blobs,uniform}.csv from k-means with the
 * first k rows as initial centres (scikit-learn 1.2.1, see
 * tests/reference/kmeans.py). */
static const char blobs_labels[] = "012330302230231221000100030000203233000210000001000000112330001102100032101010103111031201020210100010003100010221332001120300101131300001201300003012130021100000012011020020131000000001311200010102010200201010100102110100102302310220002313311200000101200010102110000002032000032000011130211100001001";
static const char uniform_labels[] = "0123241411242200231201101401214421111331044210111322122311400240033331430233012231034001430224404322444424420030134030422143044032413203111341304221112043434424140314004033022212014444030444400303314440234413310114320011101440001231014131323440133011200120413230411431313320133320403033433400243301111132442010043432301312003241114133323142401130403431232032204020444432440302441141041043121433312102";

/* Printed by tests/reference/cluster_metrics.py (scikit-learn 1.2.1):
 * silhouette_score, calinski_harabasz_score, davies_bouldin_score and
 * silhouette_samples[0:4].  "singleton" is the blobs labelling with row 0
 * moved to a cluster of its own (label 7). */
typedef struct
{
  const char *fixture;
  const char *labels;
  gboolean    singleton;
  double      silhouette, ch, db;
  double      samples[4];
} Reference;

static const Reference references[] = {
  { "blobs.csv", blobs_labels, FALSE, 0.486750910360952, 445.8858519647156, 1.1038276561461995,
    { 0.5706981775442244, 0.6684193482696175, 0.14652205903515733, 0.37427134536144685 } },
  { "uniform.csv", uniform_labels, FALSE, 0.21986881426641972, 98.47843639847628, 1.2711627123561593,
    { 0.19197009821806943, 0.13866232175885726, 0.3852027390690919, 0.362765555754784 } },
  { "blobs.csv", blobs_labels, TRUE, 0.1632032543267087, 334.93585533336466, 1.21067356081318,
    { 0.0, 0.6680832383816244, 0.14652205903515733, 0.37427134536144685 } },
};

static guint *
decode (const char *s,
        gboolean    singleton)
{
  guint n = strlen (s);
  guint *labels = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    labels[i] = (guint) (s[i] - '0');
  if (singleton)
    labels[0] = 7;
  return labels;
}

static void
test_sklearn_figures (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (references); t++)
    {
      const Reference *ref = &references[t];
      g_autoptr(SegMatrix) x = cluster_fixture_reference (ref->fixture);
      g_autofree guint *labels = decode (ref->labels, ref->singleton);
      g_autoptr(SegSilhouette) s = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (strlen (ref->labels), ==, x->n);
      s = seg_silhouette (x, labels, 0, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (s->sampled);
      g_assert_cmpuint (s->n_used, ==, x->n);
      g_assert_cmpfloat_with_epsilon (s->score, ref->silhouette, 1e-9);
      for (guint i = 0; i < 4; i++)
        g_assert_cmpfloat_with_epsilon (s->values[i], ref->samples[i], 1e-9);
      g_assert_cmpfloat_with_epsilon (seg_cluster_metrics_calinski_harabasz (x, labels, &error), ref->ch, 1e-9 * ref->ch);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (seg_cluster_metrics_davies_bouldin (x, labels, &error), ref->db, 1e-9);
      g_assert_no_error (error);
    }
}

static void
test_hand_computed (void)
{
  /* Points 0, 1 | 10, 11 on a line: a(0) = 1, b(0) = (10 + 11) / 2. */
  static const double pts[] = { 0, 1, 10, 11 };
  static const guint labels[] = { 0, 0, 1, 1 };
  g_autoptr(SegMatrix) x = seg_matrix_new_from (4, 1, pts);
  g_autoptr(SegSilhouette) s = seg_silhouette (x, labels, 0, 0, NULL, NULL);
  double s0 = (10.5 - 1) / 10.5, s1 = (9.5 - 1) / 9.5;

  g_assert_cmpfloat_with_epsilon (s->values[0], s0, 1e-15);
  g_assert_cmpfloat_with_epsilon (s->values[1], s1, 1e-15);
  g_assert_cmpfloat_with_epsilon (s->score, (s0 + s1) / 2, 1e-15);
  /* CH: between = 2·5² + 2·5² = 100 over 1; within = 4 × 0.25 = 1 over 2. */
  g_assert_cmpfloat_with_epsilon (seg_cluster_metrics_calinski_harabasz (x, labels, NULL), 200.0, 1e-12);
  /* DB: s = 0.5 each, centroid distance 10 → (0.5 + 0.5) / 10. */
  g_assert_cmpfloat_with_epsilon (seg_cluster_metrics_davies_bouldin (x, labels, NULL), 0.1, 1e-15);
}

static void
test_sampled (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("blobs.csv");
  g_autofree guint *labels = decode (blobs_labels, FALSE);
  g_autoptr(SegSilhouette) a = seg_silhouette (x, labels, 150, 3, NULL, NULL);
  g_autoptr(SegSilhouette) b = seg_silhouette (x, labels, 150, 3, NULL, NULL);
  g_autoptr(SegSilhouette) exact = seg_silhouette (x, labels, G_MAXUINT, 3, NULL, NULL);

  g_assert_true (a->sampled);
  g_assert_cmpuint (a->n_used, ==, 150);
  g_assert_false (exact->sampled);
  g_assert_cmpfloat (a->score, ==, b->score);
  g_assert_true (memcmp (a->rows, b->rows, sizeof (guint) * 150) == 0);
  for (guint u = 1; u < 150; u++)
    g_assert_cmpuint (a->rows[u - 1], <, a->rows[u]);
  g_assert_cmpfloat_with_epsilon (a->score, exact->score, 0.05);
}

static void
test_many_and_threads (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("blobs.csv");
  g_autofree guint *l1 = decode (blobs_labels, FALSE);
  g_autofree guint *l2 = decode (blobs_labels, TRUE);
  g_autofree guint *l3 = g_new0 (guint, x->n);  /* one cluster: not valid */
  const guint *all[] = { l1, l2, l3 };
  SegSilhouette *many[3];
  g_autoptr(SegSilhouette) one = NULL, serial = NULL;

  g_assert_true (seg_silhouette_many (x, 3, all, 0, 0, many, NULL, NULL));
  one = seg_silhouette (x, l2, 0, 0, NULL, NULL);
  seg_parallel_set_threads (1);
  serial = seg_silhouette (x, l2, 0, 0, NULL, NULL);
  seg_parallel_set_threads (2);
  g_assert_cmpfloat (many[1]->score, ==, one->score);
  g_assert_cmpfloat (serial->score, ==, one->score);
  g_assert_true (memcmp (serial->values, one->values, sizeof (double) * x->n) == 0);
  g_assert_cmpfloat_with_epsilon (many[0]->score, references[0].silhouette, 1e-9);
  g_assert_true (isnan (many[2]->score));
  for (guint i = 0; i < 3; i++)
    seg_silhouette_free (many[i]);
}

/* The silhouette the simple way: every pair, row by row, the distances
 * added to their cluster's sum in row order (the order the engine must
 * keep), s(i) as ALGORITHMS.md §3.4.  Labels are below @n_values. */
static double *
ref_silhouettes (const SegMatrix *x,
                 const guint     *labels,
                 guint            n_values)
{
  g_autofree double *acc = g_new (double, n_values);
  g_autofree guint *count = g_new0 (guint, n_values);
  double *s = g_new (double, x->n);

  for (guint i = 0; i < x->n; i++)
    count[labels[i]]++;
  for (guint i = 0; i < x->n; i++)
    {
      double a, b = INFINITY, v;

      for (guint l = 0; l < n_values; l++)
        acc[l] = 0.0;
      for (guint j = 0; j < x->n; j++)
        {
          double d2 = 0.0;
          for (guint k = 0; k < x->p; k++)
            {
              double d = seg_matrix_row (x, i)[k] - seg_matrix_row (x, j)[k];
              d2 += d * d;
            }
          acc[labels[j]] += sqrt (d2);
        }
      if (count[labels[i]] < 2)
        {
          s[i] = 0.0;
          continue;
        }
      a = acc[labels[i]] / (count[labels[i]] - 1);
      for (guint l = 0; l < n_values; l++)
        if (l != labels[i] && count[l] > 0)
          b = MIN (b, acc[l] / count[l]);
      v = (b - a) / MAX (a, b);
      s[i] = isnan (v) ? 0.0 : v;
    }
  return s;
}

static guint *
random_labels (guint        n,
               const guint *values,
               guint        n_values,
               GRand       *rand)
{
  guint *l = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    l[i] = values[g_rand_int_range (rand, 0, (gint32) n_values)];
  return l;
}

/* The engine works on several rows at once and vectorises the distances;
 * the per-row values must still be those of the simple computation, bit for
 * bit, whatever the number of features (specialised kernels for 1 … 12, a
 * generic one above) or of rows (not a multiple of the row groups). */
static void
test_matches_reference (void)
{
  static const guint shapes[][2] = { { 5, 1 }, { 37, 3 }, { 301, 8 }, { 64, 12 }, { 99, 13 }, { 50, 20 } };
  static const guint values[] = { 0, 3, 1, 4 };  /* below n (5 or more rows) */
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint t = 0; t < G_N_ELEMENTS (shapes); t++)
    {
      g_autoptr(SegMatrix) x = seg_matrix_new (shapes[t][0], shapes[t][1]);
      g_autofree guint *two = random_labels (x->n, values, 2, rand);
      g_autofree guint *four = random_labels (x->n, values, 4, rand);
      g_autofree guint *one = g_new0 (guint, x->n);
      g_autofree double *ref_two = NULL, *ref_four = NULL;
      const guint *all[] = { two, one, four };
      SegSilhouette *many[3];
      double sum = 0.0;

      for (gsize c = 0; c < (gsize) x->n * x->p; c++)
        x->data[c] = g_rand_double_range (rand, -2, 2) + (c % 5 == 0 ? 3.0 : 0.0);
      four[0] = 2;  /* a cluster of one row */
      ref_two = ref_silhouettes (x, two, 5);
      ref_four = ref_silhouettes (x, four, 5);
      g_assert_true (seg_silhouette_many (x, 3, all, 0, 0, many, NULL, NULL));
      g_assert_nonnull (many[0]->values);
      g_assert_nonnull (many[2]->values);
      g_assert_true (memcmp (many[0]->values, ref_two, sizeof (double) * x->n) == 0);
      g_assert_true (memcmp (many[2]->values, ref_four, sizeof (double) * x->n) == 0);
      g_assert_null (many[1]->values);
      g_assert_cmpfloat (many[2]->values[0], ==, 0.0);
      for (guint i = 0; i < x->n; i++)
        sum += ref_four[i];
      g_assert_cmpfloat (many[2]->score, ==, sum / x->n);
      for (guint i = 0; i < 3; i++)
        seg_silhouette_free (many[i]);
    }
}

/* A sample: the values are those of the sampled rows among themselves. */
static void
test_sample_matches_reference (void)
{
  static const guint values[] = { 1, 2, 5 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(SegMatrix) x = seg_matrix_new (700, 6);
  g_autofree guint *labels = random_labels (x->n, values, 3, rand);
  g_autoptr(SegSilhouette) s = NULL;
  g_autoptr(SegMatrix) xs = NULL;
  g_autofree guint *ls = NULL;
  g_autofree double *ref = NULL;

  for (gsize c = 0; c < (gsize) x->n * x->p; c++)
    x->data[c] = g_rand_double (rand) + labels[c / x->p];
  s = seg_silhouette (x, labels, 123, 4, NULL, NULL);
  g_assert_nonnull (s);
  g_assert_true (s->sampled);
  xs = seg_matrix_new (s->n_used, x->p);
  ls = g_new (guint, s->n_used);
  for (guint u = 0; u < s->n_used; u++)
    {
      memcpy (seg_matrix_row (xs, u), seg_matrix_row (x, s->rows[u]), sizeof (double) * x->p);
      ls[u] = labels[s->rows[u]];
    }
  ref = ref_silhouettes (xs, ls, 6);
  g_assert_true (memcmp (s->values, ref, sizeof (double) * s->n_used) == 0);
}

static void
test_invalid_labels (void)
{
  static const double pts[] = { 0, 1, 2 };
  static const guint one_cluster[] = { 0, 0, 0 };
  static const guint all_apart[] = { 0, 1, 2 };
  g_autoptr(SegMatrix) x = seg_matrix_new_from (3, 1, pts);
  GError *error = NULL;

  g_assert_null (seg_silhouette (x, one_cluster, 0, 0, NULL, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (isnan (seg_cluster_metrics_calinski_harabasz (x, all_apart, &error)));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (isnan (seg_cluster_metrics_davies_bouldin (x, one_cluster, &error)));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

static void
test_cancel (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("blobs.csv");
  g_autofree guint *labels = decode (blobs_labels, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (seg_silhouette (x, labels, 0, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cluster-metrics/sklearn-figures", test_sklearn_figures);
  g_test_add_func ("/cluster-metrics/hand-computed", test_hand_computed);
  g_test_add_func ("/cluster-metrics/sampled", test_sampled);
  g_test_add_func ("/cluster-metrics/many-and-threads", test_many_and_threads);
  g_test_add_func ("/cluster-metrics/matches-reference", test_matches_reference);
  g_test_add_func ("/cluster-metrics/sample-matches-reference", test_sample_matches_reference);
  g_test_add_func ("/cluster-metrics/invalid-labels", test_invalid_labels);
  g_test_add_func ("/cluster-metrics/cancel", test_cancel);
  return g_test_run ();
}
