/* test-cohort.c — cohort retention (seg-cohort.c and the dataset's fold)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference tables were produced once with Debian's /usr/bin/python3
 * (pandas 1.5.3) by tests/reference/cohorts.py — groupby(first-purchase
 * month, month offset).customer.nunique() over the full triangle — and are
 * recorded in tests/data/cohorts/:
 *   cohorts-pandas.csv        from tests/data/cohorts/cohorts.csv
 *   online-retail-pandas.csv  from ../shared/data/online_retail (Quantity > 0)
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "seg-cohort.h"
#include "seg-dataset.h"
#include "seg-table.h"
#include "seg-test-util.h"

static gint32
ym (int y,
    int m)
{
  return y * 12 + m - 1;
}

/* ---- month sets --------------------------------------------------------- */

static SegCohorts *
cohorts_of (SegMonthSet  *sets,
            guint         n,
            SegMonthWide *wide)
{
  SegMonthSetsView view = { (const guint8 *) sets, sizeof *sets, n, wide };
  return seg_cohorts_compute (&view, 1);
}

static void
test_month_sets (void)
{
  g_autoptr(GHashTable) wide = seg_month_wide_new ();
  SegMonthSet s[4];
  g_autoptr(SegCohorts) c = NULL;
  const guint64 *row;

  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    seg_month_set_init (&s[i]);
  /* 0: out of order, shifted down within one word; repeats count once */
  seg_month_set_add (&s[0], ym (2024, 4), wide, 0);
  seg_month_set_add (&s[0], ym (2024, 2), wide, 0);
  seg_month_set_add (&s[0], ym (2024, 4), wide, 0);
  seg_month_set_add (&s[0], ym (2024, 3), wide, 0);
  g_assert_cmpint (s[0].lo, ==, ym (2024, 2));
  g_assert_cmphex (s[0].bits, ==, 0x7);
  /* 1: a span of 65 months upwards goes wide */
  seg_month_set_add (&s[1], ym (2019, 1), wide, 1);
  seg_month_set_add (&s[1], ym (2024, 6), wide, 1);
  g_assert_cmphex (s[1].bits, ==, 0);
  seg_month_set_add (&s[1], ym (2019, 1), wide, 1);
  seg_month_set_add (&s[1], ym (2020, 1), wide, 1);
  g_assert_cmpuint (((GArray *) g_hash_table_lookup (wide, GUINT_TO_POINTER (1)))->len, ==, 3);
  /* 2: and downwards, past a word that is not empty at its top */
  seg_month_set_add (&s[2], ym (2024, 2), wide, 2);
  seg_month_set_add (&s[2], ym (2024, 3), wide, 2);
  seg_month_set_add (&s[2], ym (2019, 2), wide, 2);   /* bits 0, 60, 61 */
  seg_month_set_add (&s[2], ym (2018, 12), wide, 2);  /* bits 0, 2, 62, 63: still one word */
  g_assert_cmphex (s[2].bits, ==, G_GUINT64_CONSTANT (0xc000000000000005));
  g_assert_cmpint (s[2].lo, ==, ym (2018, 12));
  seg_month_set_add (&s[2], ym (2018, 11), wide, 2);  /* 65 months: wide */
  g_assert_cmphex (s[2].bits, ==, 0);
  g_assert_cmpint (s[2].lo, ==, ym (2018, 11));
  /* 3: never bought */

  c = cohorts_of (s, G_N_ELEMENTS (s), wide);
  g_assert_nonnull (c);
  g_assert_cmpuint (c->n_cohorts, ==, 3);      /* 2018-11, 2019-01, 2024-02 */
  g_assert_cmpint (c->month[0], ==, ym (2018, 11));
  g_assert_cmpint (c->month[1], ==, ym (2019, 1));
  g_assert_cmpint (c->month[2], ==, ym (2024, 2));
  g_assert_cmpint (c->last_month, ==, ym (2024, 6));
  g_assert_cmpuint (c->n_offsets, ==, (guint) (ym (2024, 6) - ym (2018, 11) + 1));
  g_assert_cmpuint (seg_cohorts_n_offsets_of (c, 2), ==, 5);
  row = c->active + 2 * c->n_offsets;
  g_assert_cmpuint (c->size[2], ==, 1);
  g_assert_cmpuint (row[0], ==, 1);
  g_assert_cmpuint (row[1], ==, 1);
  g_assert_cmpuint (row[2], ==, 1);
  g_assert_cmpuint (row[3], ==, 0);
  row = c->active + 1 * c->n_offsets;
  g_assert_cmpuint (row[0], ==, 1);
  g_assert_cmpuint (row[12], ==, 1);
  g_assert_cmpuint (row[65], ==, 1);
  g_assert_cmpuint (row[64], ==, 0);
  row = c->active;
  g_assert_cmpuint (row[0], ==, 1);    /* 2018-11 */
  g_assert_cmpuint (row[1], ==, 1);    /* 2018-12 */
  g_assert_cmpuint (row[3], ==, 1);    /* 2019-02 */
  g_assert_cmpuint (row[63], ==, 1);   /* 2024-02 */
  g_assert_cmpuint (row[64], ==, 1);   /* 2024-03 */
  g_assert_cmpuint (row[2], ==, 0);
  {
    guint64 sum = 0;
    for (guint k = 0; k < c->n_offsets; k++)
      sum += row[k];
    g_assert_cmpuint (sum, ==, 5);
  }
}

static void
test_months (void)
{
  g_autofree char *a = seg_cohort_month_format (ym (2010, 12));
  g_autofree char *b = seg_cohort_month_format (ym (2011, 1));

  g_assert_cmpstr (a, ==, "2010-12");
  g_assert_cmpstr (b, ==, "2011-01");
  g_assert_cmpint (seg_cohort_month_of_day (seg_date_from_ymd (2024, 2, 29) + 0.99), ==, ym (2024, 2));
  g_assert_cmpint (seg_cohort_month_of_day (seg_date_from_ymd (1969, 12, 31)), ==, ym (1969, 12));
  g_assert_cmpint (seg_cohort_month_of_day (NAN), ==, SEG_MONTH_NONE);
  g_assert_cmpint (seg_cohort_month_of_day (1e300), ==, SEG_MONTH_NONE);
  g_assert_null (cohorts_of (NULL, 0, NULL));
}

/* ---- against pandas ------------------------------------------------------- */

/* cohorts.csv of @c equals the recorded pandas table @reference: the same
 * rows in the same order, counts equal, retention equal as doubles. */
static void
assert_equals_reference (const SegCohorts *c,
                         const char       *reference)
{
  g_autofree char *path = seg_test_fixture_path (reference);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) bytes = seg_cohorts_format_csv (c);
  g_autofree char *ours = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) want = NULL;
  g_auto(GStrv) got = NULL;
  guint n;

  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  want = g_strsplit (expected, "\n", -1);
  got = g_strsplit (ours, "\n", -1);
  n = g_strv_length (want);
  g_assert_cmpuint (g_strv_length (got), ==, n);
  g_assert_cmpstr (got[0], ==, want[0]);
  for (guint i = 1; i < n; i++)
    {
      g_auto(GStrv) w = g_strsplit (want[i], ",", -1);
      g_auto(GStrv) o = g_strsplit (got[i], ",", -1);

      if (*want[i] == '\0')
        {
          g_assert_cmpstr (got[i], ==, "");
          continue;
        }
      g_assert_cmpuint (g_strv_length (o), ==, 4);
      g_assert_cmpstr (o[0], ==, w[0]);
      g_assert_cmpstr (o[1], ==, w[1]);
      g_assert_cmpstr (o[2], ==, w[2]);
      g_assert_cmpfloat (g_ascii_strtod (o[3], NULL), ==, g_ascii_strtod (w[3], NULL));
    }
}

static SegDataset *
load (const char *path,
      gboolean    stream,
      const char *where)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(GError) error = NULL;
  SegDataset *ds;

  seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_UNKNOWN);
  if (stream)
    seg_dataset_options_set_streaming (options, 1);
  if (where != NULL)
    seg_dataset_options_set_where (options, where);
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

static void
test_fixture (gconstpointer data)
{
  gboolean stream = GPOINTER_TO_INT (data);
  g_autofree char *path = seg_test_fixture_path ("cohorts/cohorts.csv");
  g_autoptr(SegDataset) ds = load (path, stream, NULL);
  const SegCohorts *c = seg_dataset_get_cohorts (ds);

  /* the streamed load really streamed (else both runs test the table path) */
  g_assert_cmpint (seg_table_get_report (seg_dataset_get_input (ds, 0)->table)->streamed, ==, stream);
  g_assert_nonnull (c);
  /* by hand: cohorts 2018-12 (E, F), 2024-01 (A, B), 2024-02 (C, G),
   * 2024-03 (D; its undated row is left out), 2024-05 (H) */
  g_assert_cmpuint (c->n_cohorts, ==, 5);
  g_assert_cmpuint (c->size[0], ==, 2);
  g_assert_cmpuint (c->active[0 * c->n_offsets + 64], ==, 1);   /* E in 2024-04 */
  g_assert_cmpuint (c->active[0 * c->n_offsets + 65], ==, 1);   /* F in 2024-05 */
  g_assert_cmpuint (c->active[1 * c->n_offsets + 1], ==, 1);    /* A in 2024-02 */
  g_assert_cmpuint (c->active[2 * c->n_offsets + 2], ==, 1);    /* G in 2024-04 */
  assert_equals_reference (c, "cohorts/cohorts-pandas.csv");
}

static void
test_no_dates (void)
{
  g_autofree char *path = seg_test_fixture_path ("dataset/features.csv");
  g_autoptr(SegDataset) ds = load (path, FALSE, NULL);

  g_assert_null (seg_dataset_get_cohorts (ds));
}

static void
test_online_retail (void)
{
  g_autofree char *gz = seg_test_require_shared_data ("online_retail/online_retail.csv.gz");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SegDataset) ds = NULL;
  const SegCohorts *c;

  if (gz == NULL)
    return;
  dir = seg_test_mkdtemp ();
  path = seg_test_gunzip_to (gz, dir, "online_retail.csv");
  ds = load (path, FALSE, "Quantity > 0");
  c = seg_dataset_get_cohorts (ds);
  g_assert_nonnull (c);
  /* pandas: 13 cohorts 2010-12 … 2011-12, 885 customers in the first, 324
   * of them buying again in 2011-01 */
  g_assert_cmpuint (c->n_cohorts, ==, 13);
  g_assert_cmpuint (c->size[0], ==, 885);
  g_assert_cmpuint (c->active[1], ==, 324);
  assert_equals_reference (c, "cohorts/online-retail-pandas.csv");
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cohort/month-sets", test_month_sets);
  g_test_add_func ("/cohort/months", test_months);
  g_test_add_data_func ("/cohort/fixture/table", GINT_TO_POINTER (FALSE), test_fixture);
  g_test_add_data_func ("/cohort/fixture/streamed", GINT_TO_POINTER (TRUE), test_fixture);
  g_test_add_func ("/cohort/no-dates", test_no_dates);
  g_test_add_func ("/cohort/data/online-retail", test_online_retail);
  return g_test_run ();
}
