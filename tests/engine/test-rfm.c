/* test-rfm.c — RFM scores (SQL NTILE, pandas qcut, rank-first) and the R×F map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected scores were produced by tests/reference/rfm.py with Debian's
 * /usr/bin/python3 (pandas 1.5.3, numpy 1.24.2, SQLite 3.40.1).  NTILE is
 *
 *   SELECT id,
 *     NTILE(b) OVER (ORDER BY recency DESC, id) AS r,
 *     NTILE(b) OVER (ORDER BY frequency, id) AS f,
 *     NTILE(b) OVER (ORDER BY monetary, id) AS m
 *   FROM c WHERE recency IS NOT NULL;
 *
 * (id TEXT, so "10" < "2"), which the `sqlite3` 3.40.1 CLI gives identically,
 * e.g. for fixture B with b = 5: r 1,2,5,2,1,5,3,4,1,4,2,3  f 2,3,3,1,1,4,5,4,1,2,5,2
 * m 2,3,2,4,1,2,5,4,1,1,5,3.  QCUT is `pd.qcut(x, b, labels=False,
 * duplicates="drop") + 1` (recency: b − code), RANK_FIRST the same on
 * `x.rank(method="first")`.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-error.h"
#include "seg-rfm.h"

#define NA NAN

/* Fixture A: 25 customers, shuffled rows, heavy ties, the last two never bought. */
static const char *a_ids[] = {
  "C07", "C12", "C03", "C21", "C15", "C01", "C19", "C09", "C23", "C05",
  "C17", "C11", "C02", "C20", "C14", "C06", "C22", "C10", "C04", "C18",
  "C08", "C16", "C13", "C24", "C25",
};
static const double a_rec[] = { 5, 30, 30, 5, 90, 200, 30, 5, 365, 90, 30, 12, 200, 5, 30, 90, 12,
                                365, 30, 5, 200, 60, 12, NA, NA };
static const double a_freq[] = { 1, 1, 2, 1, 3, 1, 1, 5, 1, 2, 1, 1, 8, 2, 1, 1, 3, 1, 2, 1, 1, 4, 1,
                                 NA, NA };
static const double a_mon[] = { 20, 35.5, 80, 20, 150, 10, 35.5, 400, 15, 90, 25, 20, 990, 60, 35.5,
                                12, 210, 9.99, 75, 20, 18, 300, 22, NA, NA };

/* Fixture B: ids "1".."12" (text order 1,10,11,12,2,…). */
static const char *b_ids[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12" };
static const double b_rec[] = { 10, 10, 3, 10, 45, 3, 10, 7, 45, 3, 10, 7 };
static const double b_freq[] = { 2, 2, 2, 1, 1, 2, 6, 2, 1, 2, 3, 2 };
static const double b_mon[] = { 50, 50, 40, 50, 10, 40, 300, 50, 10, 40, 70, 50 };

typedef struct
{
  const char *const *ids;
  const double      *rec, *freq, *mon;
  gsize              n;
  guint              bins;
  SegRfmMethod       method;
  guint8             r[25], f[25], m[25];
} Case;

static const Case cases[] = {
  /* fixture A, 4 bins */
  { a_ids, a_rec, a_freq, a_mon, 25, 4, SEG_RFM_METHOD_NTILE,
    { 4, 2, 2, 4, 2, 1, 3, 4, 1, 1, 3, 3, 1, 4, 3, 2, 3, 1, 2, 4, 1, 2, 3, 0, 0 },
    { 1, 2, 3, 3, 4, 1, 2, 4, 3, 3, 2, 1, 4, 3, 2, 1, 4, 1, 3, 2, 1, 4, 2, 0, 0 },
    { 1, 2, 3, 2, 4, 1, 3, 4, 1, 3, 2, 2, 4, 3, 3, 1, 4, 1, 3, 2, 1, 4, 2, 0, 0 } },
  { a_ids, a_rec, a_freq, a_mon, 25, 4, SEG_RFM_METHOD_QCUT,
    { 4, 3, 3, 4, 2, 1, 3, 4, 1, 2, 3, 4, 1, 4, 3, 2, 4, 1, 3, 4, 1, 2, 4, 0, 0 },
    { 1, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 2, 1, 1, 1, 2, 1, 1, 1, 1, 2, 1, 0, 0 },
    { 1, 2, 3, 1, 4, 1, 2, 4, 1, 4, 2, 1, 4, 3, 2, 1, 4, 1, 3, 1, 1, 4, 2, 0, 0 } },
  { a_ids, a_rec, a_freq, a_mon, 25, 4, SEG_RFM_METHOD_RANK_FIRST,
    { 4, 3, 3, 4, 2, 1, 3, 4, 1, 2, 3, 4, 1, 4, 2, 1, 3, 1, 2, 4, 1, 2, 3, 0, 0 },
    { 1, 1, 3, 1, 4, 1, 1, 4, 1, 3, 2, 2, 4, 3, 2, 2, 4, 2, 4, 2, 3, 4, 3, 0, 0 },
    { 1, 2, 3, 2, 4, 1, 3, 4, 1, 4, 2, 2, 4, 3, 3, 1, 4, 1, 3, 2, 1, 4, 2, 0, 0 } },
  /* fixture A, 5 bins */
  { a_ids, a_rec, a_freq, a_mon, 25, 5, SEG_RFM_METHOD_NTILE,
    { 4, 3, 2, 5, 2, 1, 3, 5, 1, 2, 3, 4, 1, 5, 3, 2, 4, 1, 3, 5, 1, 2, 4, 0, 0 },
    { 1, 2, 3, 3, 4, 1, 3, 5, 3, 4, 2, 2, 5, 4, 2, 1, 5, 1, 4, 3, 1, 5, 2, 0, 0 },
    { 2, 3, 4, 2, 4, 1, 3, 5, 1, 4, 3, 2, 5, 3, 3, 1, 5, 1, 4, 2, 1, 5, 2, 0, 0 } },
  { a_ids, a_rec, a_freq, a_mon, 25, 5, SEG_RFM_METHOD_QCUT,
    { 5, 4, 4, 5, 2, 1, 4, 5, 1, 2, 4, 4, 1, 5, 4, 2, 4, 1, 4, 5, 1, 2, 4, 0, 0 },
    { 1, 1, 2, 1, 3, 1, 1, 3, 1, 2, 1, 1, 3, 2, 1, 1, 3, 1, 2, 1, 1, 3, 1, 0, 0 },
    { 2, 3, 4, 2, 5, 1, 3, 5, 1, 4, 3, 2, 5, 4, 3, 1, 5, 1, 4, 2, 1, 5, 3, 0, 0 } },
  { a_ids, a_rec, a_freq, a_mon, 25, 5, SEG_RFM_METHOD_RANK_FIRST,
    { 5, 4, 3, 5, 2, 1, 3, 5, 1, 2, 3, 4, 1, 5, 3, 2, 4, 1, 3, 5, 1, 2, 4, 0, 0 },
    { 1, 1, 4, 1, 5, 1, 1, 5, 2, 4, 2, 2, 5, 4, 2, 3, 5, 3, 4, 3, 3, 5, 3, 0, 0 },
    { 2, 3, 4, 2, 5, 1, 3, 5, 1, 4, 3, 2, 5, 4, 3, 1, 5, 1, 4, 2, 1, 5, 3, 0, 0 } },
  /* fixture B, 4 bins */
  { b_ids, b_rec, b_freq, b_mon, 12, 4, SEG_RFM_METHOD_NTILE,
    { 1, 2, 4, 2, 1, 4, 3, 3, 1, 4, 2, 3 },
    { 2, 3, 3, 1, 1, 3, 4, 4, 1, 2, 4, 2 },
    { 2, 3, 2, 3, 1, 2, 4, 4, 1, 1, 4, 3 } },
  { b_ids, b_rec, b_freq, b_mon, 12, 4, SEG_RFM_METHOD_QCUT,
    { 3, 3, 4, 3, 2, 4, 3, 3, 2, 4, 3, 3 },
    { 2, 2, 2, 1, 1, 2, 3, 2, 1, 2, 3, 2 },
    { 2, 2, 1, 2, 1, 1, 3, 2, 1, 1, 3, 2 } },
  { b_ids, b_rec, b_freq, b_mon, 12, 4, SEG_RFM_METHOD_RANK_FIRST,
    { 3, 2, 4, 2, 1, 4, 2, 3, 1, 4, 1, 3 },
    { 2, 2, 2, 1, 1, 3, 4, 3, 1, 3, 4, 4 },
    { 2, 3, 1, 3, 1, 2, 4, 3, 1, 2, 4, 4 } },
  /* fixture B, 5 bins */
  { b_ids, b_rec, b_freq, b_mon, 12, 5, SEG_RFM_METHOD_NTILE,
    { 1, 2, 5, 2, 1, 5, 3, 4, 1, 4, 2, 3 },
    { 2, 3, 3, 1, 1, 4, 5, 4, 1, 2, 5, 2 },
    { 2, 3, 2, 4, 1, 2, 5, 4, 1, 1, 5, 3 } },
  { b_ids, b_rec, b_freq, b_mon, 12, 5, SEG_RFM_METHOD_QCUT,
    { 3, 3, 5, 3, 2, 5, 3, 4, 2, 5, 3, 4 },
    { 2, 2, 2, 1, 1, 2, 3, 2, 1, 2, 3, 2 },
    { 3, 3, 1, 3, 1, 1, 4, 3, 1, 1, 4, 3 } },
  { b_ids, b_rec, b_freq, b_mon, 12, 5, SEG_RFM_METHOD_RANK_FIRST,
    { 3, 3, 5, 2, 1, 5, 2, 4, 1, 5, 1, 4 },
    { 2, 2, 3, 1, 1, 3, 5, 4, 1, 4, 5, 5 },
    { 3, 3, 1, 4, 1, 2, 5, 4, 1, 2, 5, 5 } },
};

static void
test_reference_scores (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *k = &cases[c];
      g_autoptr(GError) error = NULL;
      g_autoptr(SegRfmScores) s = seg_rfm_score (k->ids, k->rec, k->freq, k->mon, k->n,
                                                 k->bins, k->method, &error);

      g_assert_no_error (error);
      g_assert_nonnull (s);
      g_assert_cmpuint (s->n, ==, k->n);
      g_assert_cmpuint (s->n_scored, ==, k->n == 25 ? 23 : 12);
      for (gsize i = 0; i < k->n; i++)
        {
          if (s->r[i] != k->r[i] || s->f[i] != k->f[i] || s->m[i] != k->m[i])
            g_test_message ("case %u customer %s differs", c, k->ids[i]);
          g_assert_cmpuint (s->r[i], ==, k->r[i]);
          g_assert_cmpuint (s->f[i], ==, k->f[i]);
          g_assert_cmpuint (s->m[i], ==, k->m[i]);
        }
    }
}

static void
test_ntile_small (void)
{
  /* Fewer rows than buckets: NTILE gives 1..n.  Seven rows in 5 buckets:
   * sizes 2, 2, 1, 1, 1.  Ties of value 1 follow ascending id. */
  const char *ids[] = { "b", "a", "c", "e", "d", "g", "f" };
  const double v3[] = { 9, 3, 5 };
  const double v7[] = { 1, 1, 1, 1, 2, 2, 3 };
  const guint8 want7[] = { 1, 1, 2, 2, 3, 4, 5 };
  const guint8 want7_rev[] = { 3, 2, 4, 5, 1, 2, 1 };
  guint8 s[7];

  g_assert_true (seg_rfm_score_values (v3, ids, 3, 5, SEG_RFM_METHOD_NTILE, FALSE, s, NULL));
  g_assert_cmpuint (s[0], ==, 3);
  g_assert_cmpuint (s[1], ==, 1);
  g_assert_cmpuint (s[2], ==, 2);

  /* Sorted by (value, id): a b c e | d g | f → a1 b1 c2 e2 d3 g4 f5. */
  g_assert_true (seg_rfm_score_values (v7, ids, 7, 5, SEG_RFM_METHOD_NTILE, FALSE, s, NULL));
  for (guint i = 0; i < 7; i++)
    g_assert_cmpuint (s[i], ==, want7[i]);
  /* Reversed: ORDER BY value DESC, id → f1 d1 g2 a2 b3 c4 e5. */
  g_assert_true (seg_rfm_score_values (v7, ids, 7, 5, SEG_RFM_METHOD_NTILE, TRUE, s, NULL));
  for (guint i = 0; i < 7; i++)
    g_assert_cmpuint (s[i], ==, want7_rev[i]);
}

static void
test_qcut_degenerate (void)
{
  /* pandas returns NaN when all values are equal; we give everyone 1 (and 5
   * when reversed: the single bin is the best one). */
  const double same[] = { 7, 7, NA, 7 };
  guint8 s[4];

  g_assert_true (seg_rfm_score_values (same, NULL, 4, 5, SEG_RFM_METHOD_QCUT, FALSE, s, NULL));
  g_assert_cmpuint (s[0], ==, 1);
  g_assert_cmpuint (s[1], ==, 1);
  g_assert_cmpuint (s[2], ==, 0);
  g_assert_cmpuint (s[3], ==, 1);
  g_assert_true (seg_rfm_score_values (same, NULL, 4, 5, SEG_RFM_METHOD_QCUT, TRUE, s, NULL));
  g_assert_cmpuint (s[0], ==, 5);
  g_assert_cmpuint (s[2], ==, 0);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  const double none[] = { NA, NA };
  const double one[] = { 1, 2 };
  guint8 s[2];
  SegRfmScores *scores;

  g_assert_false (seg_rfm_score_values (one, NULL, 2, 3, SEG_RFM_METHOD_NTILE, FALSE, s, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_USAGE);
  g_clear_error (&error);

  scores = seg_rfm_score (NULL, none, one, one, 2, 5, SEG_RFM_METHOD_NTILE, &error);
  g_assert_null (scores);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "No customer has any purchases"));
}

/* The expected grid, written out cell by cell (R = 5..1 top to bottom). */
static const char *want_5[5][5] = {
  { "New Customers", "Potential Loyalists", "Potential Loyalists", "Champions", "Champions" },
  { "Promising", "Potential Loyalists", "Potential Loyalists", "Loyal Customers", "Loyal Customers" },
  { "About To Sleep", "About To Sleep", "Need Attention", "Loyal Customers", "Loyal Customers" },
  { "Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them" },
  { "Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them" },
};

static const char *want_4[4][4] = {
  { "New Customers", "Potential Loyalists", "Champions", "Champions" },
  { "Promising", "Potential Loyalists", "Loyal Customers", "Loyal Customers" },
  { "About To Sleep", "Need Attention", "At Risk", "Can't Lose Them" },
  { "Hibernating", "Hibernating", "At Risk", "Can't Lose Them" },
};

static void
test_default_maps (void)
{
  g_autoptr(SegRfmMap) m5 = seg_rfm_map_new_default (5);
  g_autoptr(SegRfmMap) m4 = seg_rfm_map_new_default (4);
  g_auto(GStrv) names5 = seg_rfm_map_list_names (m5);
  g_auto(GStrv) names4 = seg_rfm_map_list_names (m4);

  g_assert_cmpuint (seg_rfm_map_get_bins (m5), ==, 5);
  for (guint r = 1; r <= 5; r++)
    for (guint f = 1; f <= 5; f++)
      g_assert_cmpstr (seg_rfm_map_get_name (m5, r, f), ==, want_5[5 - r][f - 1]);
  for (guint r = 1; r <= 4; r++)
    for (guint f = 1; f <= 4; f++)
      g_assert_cmpstr (seg_rfm_map_get_name (m4, r, f), ==, want_4[4 - r][f - 1]);

  /* Ten names in each grid, best first. */
  g_assert_cmpuint (g_strv_length (names5), ==, 10);
  g_assert_cmpuint (g_strv_length (names4), ==, 10);
  g_assert_cmpstr (names5[0], ==, "Champions");
  g_assert_cmpstr (names4[0], ==, "Champions");
  for (guint k = 0; k < 10; k++)
    g_assert_true (g_strv_contains ((const char *const *) names5, names4[k]));

  g_assert_cmpstr (seg_rfm_map_get_name (m5, 0, 0), ==, "No purchases");
  g_assert_cmpstr (seg_rfm_map_get_name (m4, 3, 0), ==, "No purchases");
}

static void
test_edit_map (void)
{
  g_autoptr(SegRfmMap) map = seg_rfm_map_new_default (5);
  g_autoptr(SegRfmMap) copy = NULL;
  g_auto(GStrv) names = NULL;

  /* The documented "Lost" variant: R1 F1–2 become Lost. */
  seg_rfm_map_set_name (map, 1, 1, "Lost");
  seg_rfm_map_set_name (map, 1, 2, "Lost");
  copy = seg_rfm_map_copy (map);
  seg_rfm_map_set_name (map, 5, 5, "Stars");

  g_assert_cmpstr (seg_rfm_map_get_name (map, 1, 1), ==, "Lost");
  g_assert_cmpstr (seg_rfm_map_get_name (map, 2, 1), ==, "Hibernating");
  g_assert_cmpstr (seg_rfm_map_get_name (map, 5, 5), ==, "Stars");
  g_assert_cmpstr (seg_rfm_map_get_name (copy, 5, 5), ==, "Champions");
  g_assert_cmpstr (seg_rfm_map_get_name (copy, 1, 2), ==, "Lost");

  names = seg_rfm_map_list_names (map);
  g_assert_cmpuint (g_strv_length (names), ==, 12);
  g_assert_cmpstr (names[0], ==, "Stars");
  g_assert_cmpstr (names[1], ==, "Champions");
  g_assert_cmpstr (names[11], ==, "Lost");
}

static void
test_segments_and_cells (void)
{
  g_autoptr(SegRfmScores) s = seg_rfm_score (a_ids, a_rec, a_freq, a_mon, 25, 5,
                                             SEG_RFM_METHOD_NTILE, NULL);
  g_autoptr(SegRfmMap) map = seg_rfm_map_new_default (5);
  guint counts[25];
  double mean[25];
  guint total = 0;

  g_assert_nonnull (s);
  /* C07: R4 F1 → Promising; C09: R5 F5 → Champions; C02: R1 F5 → Can't Lose Them;
   * C24 never bought. */
  g_assert_cmpstr (seg_rfm_segment_of (s, map, 0), ==, "Promising");
  g_assert_cmpstr (seg_rfm_segment_of (s, map, 7), ==, "Champions");
  g_assert_cmpstr (seg_rfm_segment_of (s, map, 12), ==, "Can't Lose Them");
  g_assert_cmpstr (seg_rfm_segment_of (s, map, 23), ==, "No purchases");

  seg_rfm_cell_stats (s, a_mon, counts, mean);
  for (guint k = 0; k < 25; k++)
    total += counts[k];
  g_assert_cmpuint (total, ==, 23);
  /* R5: C21 (F3, 20), C09 (F5, 400), C20 (F4, 60), C18 (F3, 20). */
  g_assert_cmpuint (counts[4 * 5 + 2], ==, 2);
  g_assert_cmpfloat_with_epsilon (mean[4 * 5 + 2], 20.0, 1e-12);
  g_assert_cmpuint (counts[4 * 5 + 4], ==, 1);
  g_assert_cmpfloat_with_epsilon (mean[4 * 5 + 4], 400.0, 1e-12);
  g_assert_cmpuint (counts[4 * 5 + 3], ==, 1);
  g_assert_cmpfloat_with_epsilon (mean[4 * 5 + 3], 60.0, 1e-12);
  g_assert_cmpuint (counts[4 * 5 + 0], ==, 0);
  g_assert_true (isnan (mean[4 * 5 + 0]));
  /* R1: C01 (F1, 10), C23 (F3, 15), C02 (F5, 990), C10 (F1, 9.99), C08 (F1, 18). */
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpfloat_with_epsilon (mean[0], (10 + 9.99 + 18) / 3.0, 1e-12);
}

static void
test_boundary_ties (void)
{
  /* Fixture B frequency under NTILE 5: the seven 2s span scores 2–4, the three
   * 1s all score 1 and the single 3 and 6 are alone. */
  guint8 s[12];

  g_assert_true (seg_rfm_score_values (b_freq, b_ids, 12, 5, SEG_RFM_METHOD_NTILE, FALSE, s, NULL));
  g_assert_cmpuint (seg_rfm_count_boundary_ties (b_freq, s, 12), ==, 7);
  g_assert_true (seg_rfm_score_values (b_freq, b_ids, 12, 5, SEG_RFM_METHOD_QCUT, FALSE, s, NULL));
  g_assert_cmpuint (seg_rfm_count_boundary_ties (b_freq, s, 12), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rfm/reference-scores", test_reference_scores);
  g_test_add_func ("/rfm/ntile-small", test_ntile_small);
  g_test_add_func ("/rfm/qcut-degenerate", test_qcut_degenerate);
  g_test_add_func ("/rfm/errors", test_errors);
  g_test_add_func ("/rfm/default-maps", test_default_maps);
  g_test_add_func ("/rfm/edit-map", test_edit_map);
  g_test_add_func ("/rfm/segments-and-cells", test_segments_and_cells);
  g_test_add_func ("/rfm/boundary-ties", test_boundary_ties);
  return g_test_run ();
}
