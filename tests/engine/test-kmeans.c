/* test-kmeans.c — k-means against scikit-learn 1.2.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-error.h"
#include "seg-kmeans.h"
#include "seg-parallel.h"
#include "seg-scale.h"
#include "seg-test-util.h"

#include "cluster-fixtures.h"

/* Labels, n_iter, inertia and centres printed by tests/reference/kmeans.py
 * (Debian python3-sklearn 1.2.1, numpy 1.24.2) for
 * KMeans(n_clusters=k, init=<first k rows or given centres>, n_init=1,
 * algorithm="lloyd"). */
typedef struct
{
  const char   *fixture;
  guint         k;
  const double *init;   /* NULL = the first k rows */
  guint         n_iter;
  double        inertia;
  const char   *labels;
  double        centers[20];
} Reference;

static const double empty_init[] = { 0, 0, 0.5, 0.2, 100, 100 };
static const double two_empty_init[] = { 0, 0, 0.5, 0.2, 100, 100, 200, 200 };

static const Reference references[] = {
  { "blobs.csv", 4, NULL, 5, 4841.32364067084,
    "012330302230231221000100030000203233000210000001000000112330001102100032101010103111031201020210100010003100010221332001120300101131300001201300003012130021100000012011020020131000000001311200010102010200201010100102110100102302310220002313311200000101200010102110000002032000032000011130211100001001",
    { 2.100269253280316, 6.452082549333184, 3.296885657226061, -8.669850362898059, 5.648941007690425,
      -1.254221521550929, 0.536488147912584, -9.649003385841548, -4.644618240032556, -0.57171299850792,
      -7.5089245347023414, -4.563725895507636 } },
  { "uniform.csv", 5, NULL, 14, 6475.51643566907,
    "0123241411242200231201101401214421111331044210111322122311400240033331430233012231034001430224404322444424420030134030422143044032413203111341304221112043434424140314004033022212014444030444400303314440234413310114320011101440001231014131323440133011200120413230411431313320133320403033433400243301111132442010043432301312003241114133323142401130403431232032204020444432440302441141041043121433312102",
    { 6.169864169631104, 7.202656691528022, 3.2679127715900416, 7.354454204519027, 7.356979722912607,
      5.038089307182866, 4.867655667580028, 1.9041748328742032, 2.2622251572947873, 2.9283834127805575,
      2.969370236523544, 3.934463498617344, 6.875182587982804, 2.2037914787030015, 6.8487985515370555,
      6.5032462466119565, 2.2884993388977666, 6.942039094533902, 7.439593625504084, 4.4459262880008446 } },
  /* The third centre gets no point in the first assignment and is moved to
   * the point farthest from its centre, (12, 1). */
  { "empty_cluster.csv", 3, empty_init, 3, 0.9124999999999999, "000011112",
    { 0.25, 0.3250000000000002, 5.175, 5.125, 12.0, 1.0 } },
  /* Two empty clusters: farthest point first. */
  { "empty_cluster.csv", 4, two_empty_init, 4, 0.7099999999999999, "001133332",
    { 0.25, 0.10000000000000009, 0.25, 0.55, 12.0, 1.0, 5.175, 5.125 } },
};

/* Mall_Customers.csv: Age, Annual Income (k$), Spending Score (1-100), raw. */
static const Reference mall_reference = {
  NULL, 5, NULL, 6, 75350.77917248776,
  "01010101010101010101010101010101010101010101014444444444444444444444444444444444444444444444444444444444444444444444444444432343232323232323234323232323232323232323232323232323232323232323232323232323",
  { 45.21739130434783, 26.304347826086982, 20.913043478260867, 25.52173913043478, 26.304347826086982,
    78.56521739130434, 40.666666666666664, 87.75000000000001, 17.583333333333314, 32.6923076923077,
    86.53846153846155, 82.12820512820511, 43.088607594936704, 55.29113924050634, 49.56962025316456 } };

static void
check_reference (const SegMatrix *x,
                 const Reference *ref)
{
  g_autoptr(SegKMeansResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = g_malloc0 (x->n + 1);
  SegKMeansOptions o;

  seg_kmeans_options_init (&o, ref->k);
  o.init_centers = ref->init != NULL ? ref->init : x->data;
  r = seg_kmeans_fit (x, &o, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < x->n; i++)
    labels[i] = (char) ('0' + r->labels[i]);
  g_assert_cmpstr (labels, ==, ref->labels);
  g_assert_cmpuint (r->n_iter, ==, ref->n_iter);
  g_assert_cmpfloat_with_epsilon (r->inertia, ref->inertia, 1e-9 * ref->inertia);
  for (guint j = 0; j < ref->k * x->p; j++)
    g_assert_cmpfloat_with_epsilon (r->centers[j], ref->centers[j],
                                    1e-9 * MAX (1.0, fabs (ref->centers[j])));
}

static void
test_explicit_centres (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (references); t++)
    {
      g_autoptr(SegMatrix) x = cluster_fixture_reference (references[t].fixture);
      check_reference (x, &references[t]);
    }
}

static void
test_explicit_mall (void)
{
  static const char * const cols[] = { "Age", "Annual Income (k$)", "Spending Score (1-100)", NULL };
  g_autofree char *path = seg_test_require_shared_data ("credit_card/Mall_Customers.csv");
  g_autoptr(SegMatrix) x = NULL;

  if (path == NULL)
    return;
  x = cluster_fixture_load (path, cols);
  g_assert_cmpuint (x->n, ==, 200);
  check_reference (x, &mall_reference);
}

/* sklearn KMeans(n_clusters=k, n_init=10, random_state=0).inertia_ on the 14
 * mean-imputed, z-scored CC GENERAL features, k = 1 … 10 (printed by
 * tests/reference/kmeans.py, scikit-learn 1.2.1). */
static const double cc_sklearn[] = {
  125300.00000000029, 104343.3457125941, 91314.02782398363, 80770.39138040939,
  73122.0165732981, 67251.19971613899, 62797.19371619083, 58692.36357708004,
  54564.710389992804, 51577.62738316192,
};

static void
test_credit_card_plusplus (void)
{
  static const char * const cols[] = {
    "BALANCE", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE",
    "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY",
    "CASH_ADVANCE_FREQUENCY", "CREDIT_LIMIT", "PAYMENTS", "MINIMUM_PAYMENTS",
    "PRC_FULL_PAYMENT", "TENURE", NULL };
  g_autofree char *path = seg_test_require_shared_data ("credit_card/CC GENERAL.csv");
  g_autoptr(SegMatrix) raw = NULL, z = NULL;
  g_autoptr(GError) error = NULL;
  /* k = 1, 3 and 6 (a fifth of the work); every k from 1 to 10 with -m slow
   * (the slow suite) */
  gboolean quick = !g_test_slow ();

  if (path == NULL)
    return;
  raw = cluster_fixture_load (path, cols);
  g_assert_cmpuint (raw->n, ==, 8950);
  z = seg_scale_features (raw, NULL, NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  for (guint k = 1; k <= 10; k++)
    {
      g_autoptr(SegKMeansResult) r = NULL;
      SegKMeansOptions o;

      if (quick && k != 1 && k != 3 && k != 6)
        continue;
      seg_kmeans_options_init (&o, k);
      r = seg_kmeans_fit (z, &o, &error);
      g_assert_no_error (error);
      g_test_message ("k = %u: inertia %.6f, sklearn %.6f (%+.4f %%)", k, r->inertia,
                      cc_sklearn[k - 1], 100 * (r->inertia / cc_sklearn[k - 1] - 1));
      g_assert_cmpfloat (r->inertia, <=, cc_sklearn[k - 1] * 1.01);
      if (k == 1)
        g_assert_cmpfloat_with_epsilon (r->inertia, 8950.0 * 14, 1e-9 * 125300);
    }
}

static SegMatrix *
random_matrix (guint   n,
               guint   p,
               guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  SegMatrix *x = seg_matrix_new (n, p);

  for (gsize i = 0; i < (gsize) n * p; i++)
    x->data[i] = g_rand_double_range (rand, -1, 1) + (i % 7 == 0 ? 3.0 * (i % 3) : 0.0);
  return x;
}

/* ---- a plain reference ------------------------------------------------- */

/* The algorithm of ALGORITHMS.md §3.2 written the simple way: row-major
 * data, one row and one centre at a time, no threads, no vectors, but the
 * same order of additions as the engine (sums per block of
 * SEG_PARALLEL_BLOCK_ROWS rows, then the blocks in order).  It is how the
 * engine computed k-means before its kernels were vectorised, so the engine
 * must agree with it bit for bit. */
#define REF_BLOCK SEG_PARALLEL_BLOCK_ROWS

typedef struct
{
  guint  *labels;
  double *centers;   /* centred units */
  double  inertia;
  guint   n_iter;
  guint   best_run;
} RefFit;

static double
ref_sq_dist (const double *a,
             const double *b,
             guint         p)
{
  double s = 0.0;

  for (guint j = 0; j < p; j++)
    s += (a[j] - b[j]) * (a[j] - b[j]);
  return s;
}

static void
ref_plusplus (const SegMatrix *x,
              guint            k,
              GRand           *rand,
              double          *centers)
{
  guint n = x->n, p = x->p, n_trials = 2 + (guint) floor (log ((double) k));
  g_autofree double *d2 = g_new (double, n), *cumsum = g_new (double, n);
  g_autofree double *cand = g_new (double, (gsize) n_trials * p);
  double pot = 0.0;

  memcpy (centers, seg_matrix_row (x, (guint) g_rand_int_range (rand, 0, (gint32) n)),
          sizeof (double) * p);
  for (guint b = 0; b * REF_BLOCK < n; b++)
    {
      double s = 0.0;
      for (guint i = b * REF_BLOCK; i < MIN (n, (b + 1) * REF_BLOCK); i++)
        s += d2[i] = ref_sq_dist (seg_matrix_row (x, i), centers, p);
      pot += s;
    }
  for (guint c = 1; c < k; c++)
    {
      guint best = 0;
      double best_pot = 0.0, run = 0.0;

      for (guint i = 0; i < n; i++)
        cumsum[i] = run += d2[i];
      for (guint t = 0; t < n_trials; t++)
        {
          double r = g_rand_double (rand) * pot;
          guint i = 0;
          while (i < n - 1 && cumsum[i] < r)
            i++;
          memcpy (cand + (gsize) t * p, seg_matrix_row (x, i), sizeof (double) * p);
        }
      for (guint t = 0; t < n_trials; t++)
        {
          double tp = 0.0;
          for (guint b = 0; b * REF_BLOCK < n; b++)
            {
              double s = 0.0;
              for (guint i = b * REF_BLOCK; i < MIN (n, (b + 1) * REF_BLOCK); i++)
                s += MIN (d2[i], ref_sq_dist (seg_matrix_row (x, i), cand + (gsize) t * p, p));
              tp += s;
            }
          if (t == 0 || tp < best_pot)
            {
              best = t;
              best_pot = tp;
            }
        }
      memcpy (centers + (gsize) c * p, cand + (gsize) best * p, sizeof (double) * p);
      for (guint i = 0; i < n; i++)
        d2[i] = MIN (d2[i], ref_sq_dist (seg_matrix_row (x, i), centers + (gsize) c * p, p));
      pot = best_pot;
    }
}

/* sklearn's assignment: argmin ‖c‖² − 2 x·c, ties to the lower centre; with
 * @sums, the cluster sums (per block, then the blocks in order). */
static guint
ref_assign (const SegMatrix *x,
            const double    *centers,
            guint            k,
            guint           *labels,
            double          *sums,
            double          *counts)
{
  guint n = x->n, p = x->p, changed = 0;
  g_autofree double *cnorm = g_new (double, k);
  g_autofree double *bs = g_new (double, (gsize) k * p), *bc = g_new (double, k);

  for (guint c = 0; c < k; c++)
    {
      cnorm[c] = 0.0;
      for (guint j = 0; j < p; j++)
        cnorm[c] += centers[(gsize) c * p + j] * centers[(gsize) c * p + j];
    }
  if (sums != NULL)
    {
      memset (sums, 0, sizeof (double) * k * p);
      memset (counts, 0, sizeof (double) * k);
    }
  for (guint b = 0; b * REF_BLOCK < n; b++)
    {
      memset (bs, 0, sizeof (double) * k * p);
      memset (bc, 0, sizeof (double) * k);
      for (guint i = b * REF_BLOCK; i < MIN (n, (b + 1) * REF_BLOCK); i++)
        {
          const double *xi = seg_matrix_row (x, i);
          guint best = 0;
          double best_d = 0.0;

          for (guint c = 0; c < k; c++)
            {
              double dot = 0.0, d;
              for (guint j = 0; j < p; j++)
                dot += xi[j] * centers[(gsize) c * p + j];
              d = cnorm[c] + -2.0 * dot;
              if (c == 0 || d < best_d)
                {
                  best = c;
                  best_d = d;
                }
            }
          changed += labels[i] != best;
          labels[i] = best;
          for (guint j = 0; j < p; j++)
            bs[(gsize) best * p + j] += xi[j];
          bc[best] += 1.0;
        }
      if (sums != NULL)
        {
          for (gsize j = 0; j < (gsize) k * p; j++)
            sums[j] += bs[j];
          for (guint c = 0; c < k; c++)
            counts[c] += bc[c];
        }
    }
  return changed;
}

static double
ref_inertia (const SegMatrix *x,
             const guint     *labels,
             const double    *centers)
{
  double total = 0.0;

  for (guint b = 0; b * REF_BLOCK < x->n; b++)
    {
      double s = 0.0;
      for (guint i = b * REF_BLOCK; i < MIN (x->n, (b + 1) * REF_BLOCK); i++)
        s += ref_sq_dist (seg_matrix_row (x, i), centers + (gsize) labels[i] * x->p, x->p);
      total += s;
    }
  return total;
}

/* Empty clusters take the rows farthest from their old centre (farthest
 * first, the lower row on ties), which leave their clusters' sums; a
 * cluster still empty takes the heaviest one's centre; means by
 * multiplying with the reciprocal. */
static void
ref_update (const SegMatrix *x,
            const guint     *labels,
            const double    *old,
            guint            k,
            double          *sums,
            double          *counts)
{
  guint p = x->p, heaviest = 0;
  g_autofree gboolean *taken = g_new0 (gboolean, x->n);
  g_autofree guint *empty = g_new (guint, k);
  guint n_empty = 0;

  for (guint c = 0; c < k; c++)
    if (counts[c] == 0.0)
      empty[n_empty++] = c;
  for (guint e = 0; e < n_empty; e++)
    {
      guint far = 0;
      double far_d = -1.0;

      for (guint i = 0; i < x->n; i++)
        {
          double d = ref_sq_dist (seg_matrix_row (x, i), old + (gsize) labels[i] * p, p);
          if (!taken[i] && d > far_d)
            {
              far = i;
              far_d = d;
            }
        }
      taken[far] = TRUE;
      for (guint j = 0; j < p; j++)
        {
          sums[(gsize) labels[far] * p + j] -= seg_matrix_row (x, far)[j];
          sums[(gsize) empty[e] * p + j] = seg_matrix_row (x, far)[j];
        }
      counts[empty[e]] = 1.0;
      counts[labels[far]] -= 1.0;
    }
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

/* One Lloyd run; sklearn's convergence rules. */
static guint
ref_lloyd (const SegMatrix *x,
           guint            k,
           guint            max_iter,
           double           tol_abs,
           double          *centers,
           guint           *labels)
{
  guint p = x->p, i;
  g_autofree double *sums = g_new (double, (gsize) k * p), *counts = g_new (double, k);
  gboolean strict = FALSE;

  for (guint r = 0; r < x->n; r++)
    labels[r] = G_MAXUINT;
  for (i = 0; i < max_iter; i++)
    {
      guint changed = ref_assign (x, centers, k, labels, sums, counts);
      double shift = 0.0;

      ref_update (x, labels, centers, k, sums, counts);
      for (guint c = 0; c < k; c++)
        {
          double d = sqrt (ref_sq_dist (centers + (gsize) c * p, sums + (gsize) c * p, p));
          shift += d * d;
        }
      memcpy (centers, sums, sizeof (double) * k * p);
      if (changed == 0)
        {
          strict = TRUE;
          break;
        }
      if (shift <= tol_abs)
        break;
    }
  if (!strict)
    ref_assign (x, centers, k, labels, NULL, NULL);
  return MIN (i + 1, max_iter);
}

static gboolean
ref_same_clustering (const guint *a,
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

/* The whole fit: centring, tolerance, restarts, the best run.  Returns
 * centres in the units of @x. */
static RefFit
ref_fit (const SegMatrix        *x,
         const SegKMeansOptions *o)
{
  guint n = x->n, p = x->p, k = o->k;
  guint n_init = o->init_centers != NULL ? 1 : MAX (o->n_init, 1);
  g_autoptr(SegMatrix) xc = seg_matrix_copy (x);
  g_autofree double *mean = g_new0 (double, p), *centers = g_new (double, (gsize) k * p);
  g_autofree guint *labels = g_new (guint, n);
  guint32 seed[2] = { (guint32) o->seed, (guint32) (o->seed >> 32) };
  g_autoptr(GRand) master = g_rand_new_with_seed_array (seed, 2);
  RefFit best = { g_new (guint, n), g_new (double, (gsize) k * p), 0.0, 0, 0 };
  double var_sum = 0.0, tol_abs;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < p; j++)
      mean[j] += seg_matrix_row (x, i)[j];
  for (guint j = 0; j < p; j++)
    mean[j] /= n;
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < p; j++)
      {
        double v = seg_matrix_row (xc, i)[j] -= mean[j];
        var_sum += v * v;
      }
  tol_abs = o->tol * (var_sum / n / p);
  for (guint run = 0; run < n_init; run++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (g_rand_int (master));
      guint n_iter;
      double inertia;

      if (o->init_centers != NULL)
        for (gsize j = 0; j < (gsize) k * p; j++)
          centers[j] = o->init_centers[j] - mean[j % p];
      else
        ref_plusplus (xc, k, rand, centers);
      n_iter = ref_lloyd (xc, k, o->max_iter, tol_abs, centers, labels);
      inertia = ref_inertia (xc, labels, centers);
      if (run == 0 || (inertia < best.inertia && !ref_same_clustering (labels, best.labels, n, k)))
        {
          best.inertia = inertia;
          best.n_iter = n_iter;
          best.best_run = run;
          memcpy (best.labels, labels, sizeof (guint) * n);
          memcpy (best.centers, centers, sizeof (double) * k * p);
        }
    }
  for (gsize j = 0; j < (gsize) k * p; j++)
    best.centers[j] += mean[j % p];
  return best;
}

/* The engine against the reference: everything bit for bit. */
static void
check_against_reference (const SegMatrix        *x,
                         const SegKMeansOptions *o)
{
  g_autoptr(SegKMeansResult) r = NULL;
  g_autoptr(GError) error = NULL;
  RefFit ref;

  r = seg_kmeans_fit (x, o, &error);
  g_assert_no_error (error);
  ref = ref_fit (x, o);
  g_assert_cmpuint (r->n_iter, ==, ref.n_iter);
  g_assert_cmpuint (r->best_run, ==, ref.best_run);
  g_assert_true (memcmp (r->labels, ref.labels, sizeof (guint) * x->n) == 0);
  g_assert_true (memcmp (r->centers, ref.centers, sizeof (double) * o->k * x->p) == 0);
  g_assert_true (memcmp (&r->inertia, &ref.inertia, sizeof (double)) == 0);
  g_free (ref.labels);
  g_free (ref.centers);
}

static void
test_matches_reference (void)
{
  /* Sizes around the block and chunk widths; feature counts with a
   * specialised kernel (1 … 12) and without (13, 20); k = 1 included. */
  static const guint shapes[][3] = {  /* n, p, k */
    { 2, 1, 1 }, { 3, 1, 2 }, { 7, 2, 3 }, { 257, 3, 4 }, { 1023, 8, 4 }, { 1025, 5, 6 },
    { 2049, 12, 3 }, { 1500, 13, 5 }, { 600, 20, 2 }, { 3000, 8, 1 }, { 900, 4, 9 },
  };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(SegMatrix) x = random_matrix (shapes[s][0], shapes[s][1], 100 + s);
      SegKMeansOptions o;

      seg_kmeans_options_init (&o, shapes[s][2]);
      o.n_init = 3;
      o.seed = 7 * s;
      check_against_reference (x, &o);
      /* from given centres, and stopped early (the last assignment after
       * max_iter) */
      o.init_centers = x->data;
      check_against_reference (x, &o);
      o.max_iter = 2;
      check_against_reference (x, &o);
    }
}

/* Rows on an integer grid with many copies: distances to two centres tie
 * exactly, and ties must go to the lower centre as in the reference. */
static void
test_ties_match_reference (void)
{
  g_autoptr(SegMatrix) x = seg_matrix_new (3001, 2);
  static const double init[] = { -1, 0, 1, 0, 0, 2 };
  double centres[6];
  SegKMeansOptions o;

  for (guint i = 0; i < x->n; i++)
    {
      x->data[2 * i] = (double) (i % 3);          /* mean 1 (after centring: −1, 0, 1) */
      x->data[2 * i + 1] = (double) ((i / 3) % 2) * 2.0;
    }
  seg_kmeans_options_init (&o, 3);
  o.seed = 3;
  check_against_reference (x, &o);
  for (guint j = 0; j < 6; j++)
    centres[j] = init[j] + (j % 2 == 0 ? 1.0 : 0.0);
  o.init_centers = centres;
  check_against_reference (x, &o);
  o.k = 2;
  check_against_reference (x, &o);
}

/* A centre far from every row gets no row and takes the farthest one. */
static void
test_empty_clusters_match_reference (void)
{
  g_autoptr(SegMatrix) x = random_matrix (2500, 3, 17);
  g_autoptr(SegMatrix) e = cluster_fixture_reference ("empty_cluster.csv");
  double init[4 * 3];
  SegKMeansOptions o;

  memcpy (init, x->data, sizeof (double) * 2 * 3);
  for (guint j = 6; j < 12; j++)
    init[j] = 100.0 + j;
  seg_kmeans_options_init (&o, 4);
  o.init_centers = init;
  check_against_reference (x, &o);
  for (guint t = 2; t < G_N_ELEMENTS (references); t++)
    {
      o.k = references[t].k;
      o.init_centers = references[t].init;
      check_against_reference (e, &o);
    }
}

static void
test_plusplus_matches_reference (void)
{
  g_autoptr(SegMatrix) x = random_matrix (3333, 7, 5);

  for (guint k = 1; k <= 12; k += 3)
    {
      g_autoptr(GRand) a = g_rand_new_with_seed (k);
      g_autoptr(GRand) b = g_rand_new_with_seed (k);
      g_autofree double *ours = g_new (double, k * 7), *theirs = g_new (double, k * 7);

      seg_kmeans_plusplus (x, k, a, ours);
      ref_plusplus (x, k, b, theirs);
      g_assert_true (memcmp (ours, theirs, sizeof (double) * k * 7) == 0);
      g_assert_cmpuint (g_rand_int (a), ==, g_rand_int (b));
    }
}

static void
test_threads_bit_identical (void)
{
  g_autoptr(SegMatrix) x = random_matrix (5000, 5, 11);
  g_autoptr(SegKMeansResult) one = NULL, many = NULL;
  SegKMeansOptions o;

  seg_kmeans_options_init (&o, 6);
  o.n_init = 3;
  o.seed = 42;
  seg_parallel_set_threads (1);
  one = seg_kmeans_fit (x, &o, NULL);
  seg_parallel_set_threads (4);
  many = seg_kmeans_fit (x, &o, NULL);
  seg_parallel_set_threads (2);
  g_assert_nonnull (one);
  g_assert_nonnull (many);
  g_assert_true (memcmp (&one->inertia, &many->inertia, sizeof (double)) == 0);
  g_assert_true (memcmp (one->labels, many->labels, sizeof (guint) * x->n) == 0);
  g_assert_true (memcmp (one->centers, many->centers, sizeof (double) * 6 * 5) == 0);
  g_assert_cmpuint (one->n_iter, ==, many->n_iter);
}

static void
test_seed_reproducible (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("uniform.csv");
  g_autoptr(SegKMeansResult) a = NULL, b = NULL, c = NULL;
  SegKMeansOptions o;
  guint total = 0;

  seg_kmeans_options_init (&o, 4);
  o.seed = 7;
  a = seg_kmeans_fit (x, &o, NULL);
  b = seg_kmeans_fit (x, &o, NULL);
  o.n_init = 1;
  o.seed = 8;
  c = seg_kmeans_fit (x, &o, NULL);
  g_assert_cmpfloat (a->inertia, ==, b->inertia);
  g_assert_true (memcmp (a->labels, b->labels, sizeof (guint) * x->n) == 0);
  /* Best of 10 is at least as good as one run, and is the reported WCSS. */
  g_assert_cmpfloat (a->inertia, <=, c->inertia);
  g_assert_cmpfloat_with_epsilon (a->inertia, seg_kmeans_inertia (x, a->labels, a->centers),
                                  1e-9 * a->inertia);
  for (guint j = 0; j < 4; j++)
    {
      g_assert_cmpuint (a->sizes[j], >, 0);
      total += a->sizes[j];
    }
  g_assert_cmpuint (total, ==, x->n);
}

static void
test_plusplus_picks_rows (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("blobs.csv");
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  double centers[4 * 3];

  seg_kmeans_plusplus (x, 4, rand, centers);
  for (guint c = 0; c < 4; c++)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < x->n && !found; i++)
        found = memcmp (seg_matrix_row (x, i), centers + c * 3, sizeof (double) * 3) == 0;
      g_assert_true (found);
      for (guint d = 0; d < c; d++)
        g_assert_false (memcmp (centers + d * 3, centers + c * 3, sizeof (double) * 3) == 0);
    }
}

static void
test_errors (void)
{
  static const double dup[] = { 1, 1, 2, 2, 1, 1, 3, 3, 2, 2, -0.0, 0, 0, 0 };
  g_autoptr(SegMatrix) x = seg_matrix_new_from (7, 2, dup);
  g_autoptr(SegMatrix) one = seg_matrix_new_from (1, 2, dup);
  g_autoptr(SegMatrix) holes = seg_matrix_copy (x);
  g_autoptr(SegKMeansResult) ok = NULL;
  SegKMeansOptions o;
  GError *error = NULL;

  seg_kmeans_options_init (&o, 5);
  g_assert_null (seg_kmeans_fit (x, &o, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Only 4 distinct customers: choose k ≤ 4");
  g_clear_error (&error);

  o.k = 4;  /* −0 and 0 are the same customer: exactly 4 distinct rows */
  ok = seg_kmeans_fit (x, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (ok->inertia, 0.0, 1e-12);

  o.k = 0;
  g_assert_null (seg_kmeans_fit (x, &o, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The number of clusters must be at least 1");
  g_clear_error (&error);

  o.k = 1;
  g_assert_null (seg_kmeans_fit (one, &o, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Clustering needs at least 2 customers");
  g_clear_error (&error);

  holes->data[3] = NAN;
  g_assert_null (seg_kmeans_fit (holes, &o, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

static void
test_cancel (void)
{
  g_autoptr(SegMatrix) x = cluster_fixture_reference ("uniform.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SegKMeansOptions o;

  seg_kmeans_options_init (&o, 3);
  o.cancellable = cancellable;
  g_cancellable_cancel (cancellable);
  g_assert_null (seg_kmeans_fit (x, &o, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kmeans/explicit-centres", test_explicit_centres);
  g_test_add_func ("/kmeans/explicit-mall", test_explicit_mall);
  g_test_add_func ("/kmeans/credit-card-plusplus", test_credit_card_plusplus);
  g_test_add_func ("/kmeans/matches-reference", test_matches_reference);
  g_test_add_func ("/kmeans/ties-match-reference", test_ties_match_reference);
  g_test_add_func ("/kmeans/empty-clusters-match-reference", test_empty_clusters_match_reference);
  g_test_add_func ("/kmeans/plusplus-matches-reference", test_plusplus_matches_reference);
  g_test_add_func ("/kmeans/threads-bit-identical", test_threads_bit_identical);
  g_test_add_func ("/kmeans/seed-reproducible", test_seed_reproducible);
  g_test_add_func ("/kmeans/plusplus-picks-rows", test_plusplus_picks_rows);
  g_test_add_func ("/kmeans/errors", test_errors);
  g_test_add_func ("/kmeans/cancel", test_cancel);
  return g_test_run ();
}
