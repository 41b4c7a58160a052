/* test-cli-hardening.c — numeric options and derived dates (issue 17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "seg-test-util.h"

/* Out-of-range numbers are usage errors (exit 2), never wrapped around:
 * 4294967396 was read as 100 by sscanf ("%d"), and --n-init 2147483647
 * ran for ever. */
static void
test_numeric_options (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  const char *cases[][2] = {
    { "--chart-size", "4294967396x200" },
    { "--chart-size", "200x4294967396" },
    { "--chart-size", "-1600x1000" },
    { "--chart-size", "1600x1000x" },
    { "--n-init", "2147483647" },
    { "--n-init", "1001" },
    { "--n-init", "99999999999" },
    { "--seed", "99999999999" },
    { "--k", "4294967298" },
    { "--k-range", "4294967297..4294967298" },
    { "--k-range", "2..4294967298" },
    { "--clv-months", "99999999999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = seg_test_run_cli (NULL, &err, c, "--method", "metrics", "--chart-format", "png",
                        "--out", dir, cases[i][0], cases[i][1], NULL);

      g_test_message ("%s %s: %d %s", cases[i][0], cases[i][1], status, err);
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, cases[i][0]));
    }
  /* the largest accepted values still work */
  {
    g_autofree char *err = NULL;
    g_assert_cmpint (seg_test_run_cli (NULL, &err, c, "--method", "metrics", "--chart-format", "svg",
                          "--chart-size", "100x100", "--out", dir, NULL), ==, 0);
  }
  seg_test_rmdir_recursive (dir);
}

/* --derive 'd = registration_date + 1e300' wrote the date 2030437271-06-07
 * (undefined behaviour in the day-count conversion); now an empty cell and
 * a note. */
static void
test_derived_date_overflow (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  g_autofree char *err = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *path = g_build_filename (dir, "customers.csv", NULL);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first = NULL;
  guint col = 0;

  g_assert_cmpint (seg_test_run_cli (NULL, &err, c, "--method", "metrics", "--derive",
                        "d = registration_date + 1e300", "--out", dir, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "Calculated column “d”: 300 dates fall outside the years 1 to 9999"));
  g_assert_true (g_file_get_contents (path, &customers, NULL, NULL));
  lines = g_strsplit (customers, "\n", 3);
  header = g_strsplit (lines[0], ",", -1);
  first = g_strsplit (lines[1], ",", -1);
  while (header[col] && !g_str_equal (header[col], "d"))
    col++;
  g_assert_nonnull (header[col]);
  g_assert_cmpstr (first[col], ==, "");
  seg_test_rmdir_recursive (dir);
}

static guint
occurrences (const char *text,
             const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* 9999-12-31 and 1900-01-01 in the log, 1900-01-01 as a sign-up date: the
 * as-of date is the last real purchase (2021-12-30), those rows and that
 * sign-up are left out, and each column's count is said once on standard
 * error and once in summary.json, with the file and line of the first. */
static void
check_placeholder_dates (gboolean streamed)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *c = seg_test_fixture_path ("dataset/placeholder-customers.csv");
  g_autofree char *t = seg_test_fixture_path ("dataset/placeholder-transactions.csv");
  g_autofree char *err = NULL, *customers = NULL, *summary = NULL;
  g_autofree char *customers_path = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *summary_path = g_build_filename (dir, "summary.json", NULL);
  g_autoptr(GPtrArray) recency = NULL, signup = NULL, ids = NULL, days = NULL;
  const char *txn_note = "placeholder-transactions.csv:5: 2 dates in “transaction_date” (the first: 9999-12-31) "
                         "lie far outside the others and look like placeholders: their rows are left out, as "
                         "rows without a date are";
  const char *cust_note = "placeholder-customers.csv:3: 1 date in “signup_date” (1900-01-01) lies far outside "
                          "the others and looks like a placeholder: it is read as missing";
  /* by hand, to 2021-12-30: 1 → 2021-06-15, 2 → 2021-02-10 (9999-12-31
   * left out), 3 → 2021-12-30, 4 → 2021-08-08 (1900-01-01 left out) */
  const char *expected_recency[] = { "198", "323", "0", "144" };
  const char *expected_days[] = { "669", "", "344", "544" };
  const char *expected_ids[] = { "1", "2", "3", "4" };

  if (streamed)
    g_setenv ("SEGMENTA_STREAM_MIN_BYTES", "1", TRUE);
  g_assert_cmpint (seg_test_run_cli (NULL, &err, c, t, "--method", "metrics", "--out", dir, NULL), ==, 0);
  g_unsetenv ("SEGMENTA_STREAM_MIN_BYTES");
  g_test_message ("%s", err);
  g_assert_cmpuint (occurrences (err, txn_note), ==, 1);
  g_assert_cmpuint (occurrences (err, cust_note), ==, 1);
  g_assert_cmpuint (occurrences (err, "segmenta-cli: note: placeholder-"), ==, 2);

  g_assert_true (g_file_get_contents (summary_path, &summary, NULL, NULL));
  g_assert_cmpuint (occurrences (summary, txn_note), ==, 1);
  g_assert_cmpuint (occurrences (summary, cust_note), ==, 1);
  g_assert_nonnull (strstr (summary, "\"as_of\" : \"2021-12-30\""));

  g_assert_true (g_file_get_contents (customers_path, &customers, NULL, NULL));
  ids = seg_test_csv_column (customers, "customer_id");
  recency = seg_test_csv_column (customers, "recency_days");
  signup = seg_test_csv_column (customers, "signup_date");
  days = seg_test_csv_column (customers, "days_since_registration");
  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (ids, i), ==, expected_ids[i]);
      g_assert_cmpstr (g_ptr_array_index (recency, i), ==, expected_recency[i]);
      g_assert_cmpstr (g_ptr_array_index (days, i), ==, expected_days[i]);
    }
  g_assert_cmpstr (g_ptr_array_index (signup, 1), ==, "");
  seg_test_rmdir_recursive (dir);
}

static void
test_placeholder_dates (void)
{
  check_placeholder_dates (FALSE);
}

static void
test_placeholder_dates_streamed (void)
{
  check_placeholder_dates (TRUE);
}

/* Two amounts of 1e308 for customer 7 (lines 3 and 5): the run stops with
 * the file, the line and the column where the sum overflowed, and the
 * customer; before, the message named no file or line. */
static void
check_overflow (gboolean streamed)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *t = seg_test_fixture_path ("dataset/overflow-transactions.csv");
  g_autofree char *err = NULL;
  g_autofree char *where = g_strdup_printf ("%s:5:4: ", t);

  if (streamed)
    g_setenv ("SEGMENTA_STREAM_MIN_BYTES", "1", TRUE);
  g_assert_cmpint (seg_test_run_cli (NULL, &err, t, "--method", "metrics", "--out", dir, NULL), ==, 1);
  g_unsetenv ("SEGMENTA_STREAM_MIN_BYTES");
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, where));
  g_assert_nonnull (strstr (err, "the amounts of customer “7” add up to more than the largest number Segmenta "
                                 "can hold"));
  seg_test_rmdir_recursive (dir);
}

static void
test_overflow (void)
{
  check_overflow (FALSE);
}

static void
test_overflow_streamed (void)
{
  check_overflow (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/hardening/numeric-options", test_numeric_options);
  g_test_add_func ("/cli/hardening/derived-date-overflow", test_derived_date_overflow);
  g_test_add_func ("/cli/hardening/placeholder-dates", test_placeholder_dates);
  g_test_add_func ("/cli/hardening/placeholder-dates-streamed", test_placeholder_dates_streamed);
  g_test_add_func ("/cli/hardening/overflow", test_overflow);
  g_test_add_func ("/cli/hardening/overflow-streamed", test_overflow_streamed);
  return g_test_run ();
}
