/* test-hardening.c — inputs that were read wrongly or crashed (issue 17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case here failed before its fix: a leaked message string, dates
 * outside the years 1-9999, calculated columns that shadow a column,
 * headers over 64 KiB, roles that can be forced, a repeated customer id,
 * sentinel dates and sums that overflow.  The fixtures are written by the
 * tests themselves so that the numbers they expect are visible here.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "seg-csv-reader.h"
#include "seg-dataset.h"
#include "seg-error.h"
#include "seg-table.h"
#include "seg-test-util.h"

static char *
write_fixture (const char *dir,
               const char *name,
               const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static SegDataset *
load_files (const char * const *paths,
            const char * const *derives,
            GError            **error)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();

  for (guint i = 0; paths[i]; i++)
    seg_dataset_options_add_input (options, paths[i], SEG_FILE_ROLE_UNKNOWN);
  for (guint i = 0; derives && derives[i]; i++)
    seg_dataset_options_add_derive (options, derives[i]);
  return seg_dataset_load (options, NULL, NULL, NULL, error);
}

static gboolean
has_notice (GPtrArray  *notices,
            const char *needle)
{
  for (guint i = 0; i < notices->len; i++)
    if (strstr (g_ptr_array_index (notices, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
dump_notices (GPtrArray *notices)
{
  for (guint i = 0; i < notices->len; i++)
    g_test_message ("notice: %s", (char *) g_ptr_array_index (notices, i));
}

/* A bad cell longer than 40 characters is shown cut, with "…"; the cut
 * substring leaked (seen by LeakSanitizer in the ASan suites). */
static void
test_long_bad_cell (void)
{
  g_autoptr(GString) csv = g_string_new ("id,amount\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SegTable) table = NULL;
  g_autoptr(GError) error = NULL;
  const char *bad = "this-is-not-a-number-and-it-is-much-longer-than-forty-characters";
  const SegReadReport *report;
  const SegProblem *p;

  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (csv, "%u,%u.5\n", i, i);
  g_string_append_printf (csv, "151,%s\n", bad);
  bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  table = seg_csv_read_bytes (bytes, "long.csv", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  report = seg_table_get_report (table);
  g_assert_cmpuint (report->problems->len, ==, 1);
  p = g_ptr_array_index (report->problems, 0);
  g_assert_cmpuint (p->line, ==, 152);
  g_assert_cmpuint (p->column, ==, 2);
  g_assert_nonnull (strstr (p->message, "“this-is-not-a-number-and-it-is-much-long…”"));
}

/* seg_date_to_ymd cast any day count to long: 1e300 days is undefined
 * behaviour and came out as the year 2030437271. */
static void
test_date_range (void)
{
  int y = 0, m = 0, d = 0;
  g_autofree char *max = seg_date_format_iso (SEG_DATE_MAX_DAYS);
  g_autofree char *min = seg_date_format_iso (SEG_DATE_MIN_DAYS);

  g_assert_cmpstr (max, ==, "9999-12-31");
  g_assert_cmpstr (min, ==, "0001-01-01");
  g_assert_cmpfloat (seg_date_from_ymd (9999, 12, 31), ==, SEG_DATE_MAX_DAYS);
  g_assert_cmpfloat (seg_date_from_ymd (1, 1, 1), ==, SEG_DATE_MIN_DAYS);
  g_assert_true (seg_date_in_range (SEG_DATE_MAX_DAYS + 0.75));
  g_assert_false (seg_date_in_range (SEG_DATE_MAX_DAYS + 1));
  g_assert_false (seg_date_in_range (SEG_DATE_MIN_DAYS - 1));
  g_assert_false (seg_date_in_range (NAN));
  g_assert_true (seg_date_to_ymd (SEG_DATE_MAX_DAYS + 0.75, &y, &m, &d));
  g_assert_cmpint (y, ==, 9999);
  g_assert_false (seg_date_to_ymd (1e300, &y, &m, &d));
  g_assert_false (seg_date_to_ymd (-1e300, &y, &m, &d));
  g_assert_false (seg_date_to_ymd (1e19, &y, &m, &d));
  g_assert_null (seg_date_format_iso (1e300));
}

static const char customers_csv[] =
  "customer_id,income,registration_date\n"
  "1,100,2024-01-10\n"
  "2,200,2024-02-10\n"
  "3,300,2024-03-10\n";

/* A calculated date outside the supported years is left empty, with a
 * notice that says how many. */
static void
test_derived_date_out_of_range (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = write_fixture (dir, "customers.csv", customers_csv);
  const char *files[] = { path, NULL };
  const char *derives[] = { "d = registration_date + 1e300", "e = registration_date - 1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = load_files (files, derives, &error);
  const SegTable *t;
  const SegColumn *d, *e;

  g_assert_no_error (error);
  t = seg_dataset_get_customers (ds);
  d = seg_table_find_column (t, "d");
  e = seg_table_find_column (t, "e");
  g_assert_nonnull (d);
  g_assert_cmpint (d->type, ==, SEG_COLUMN_DATE);
  for (guint r = 0; r < 3; r++)
    {
      g_assert_true (isnan (d->num[r]));
      g_assert_false (isnan (e->num[r]));
    }
  dump_notices (seg_dataset_get_notices (ds));
  g_assert_true (has_notice (seg_dataset_get_notices (ds),
                             "Calculated column “d”: 3 dates fall outside the years 1 to 9999"));
  seg_test_rmdir_recursive (dir);
}

/* "income = income * 2", or a name given twice, added a second column of
 * the same name. */
static void
test_derive_duplicates (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = write_fixture (dir, "customers.csv", customers_csv);
  const char *files[] = { path, NULL };
  const char *shadow[] = { "income = income * 2", NULL };
  const char *twice[] = { "x = income + 1", "x = income + 2", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) ds = NULL;

  ds = load_files (files, shadow, &error);
  g_assert_null (ds);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "there is already a column “income”"));
  g_clear_error (&error);

  ds = load_files (files, twice, &error);
  g_assert_null (ds);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "“x = income + 2”"));
  seg_test_rmdir_recursive (dir);
}

/* A header of 11,000 columns is longer than the sniffer's 64 KiB sample:
 * it was read as one cut line ("wrong number of fields (expected 1 …)"). */
static void
test_wide_header (void)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SegTable) table = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 11000;

  for (guint c = 0; c < n; c++)
    g_string_append_printf (csv, "%scolumn_%05u", c ? "," : "", c);
  g_string_append_c (csv, '\n');
  for (guint r = 0; r < 3; r++)
    {
      for (guint c = 0; c < n; c++)
        g_string_append_printf (csv, "%s%u", c ? "," : "", r * 10 + c % 7);
      g_string_append_c (csv, '\n');
    }
  g_assert_cmpuint (csv->len, >, 64 * 1024 * 2);
  bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  table = seg_csv_read_bytes (bytes, "wide.csv", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seg_table_get_n_columns (table), ==, n);
  g_assert_cmpuint (seg_table_get_n_rows (table), ==, 3);
  g_assert_cmpstr (seg_table_get_column (table, n - 1)->name, ==, "column_10999");
  g_assert_cmpfloat (seg_table_get_column (table, 6)->num[2], ==, 26);
}

/* 300 transactions, every 30th amount unreadable (10 cells, over 1 in
 * 100): the amount column is read as text. */
static char *
bad_amount_log (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("customer_id,txn_date,amount\n");

  for (guint i = 0; i < 300; i++)
    {
      if (i % 30 == 0)
        g_string_append_printf (csv, "%u,2025-%02u-%02u,n/a?\n", i % 40, 1 + i % 12, 1 + i % 28);
      else
        g_string_append_printf (csv, "%u,2025-%02u-%02u,%u.25\n", i % 40, 1 + i % 12, 1 + i % 28, i);
    }
  return write_fixture (dir, "log.csv", csv->str);
}

static gboolean
report_says (const SegTable *t,
             const char     *needle)
{
  return has_notice (seg_table_get_report (t)->notices, needle);
}

/* Bad cells made a transaction log an activity file without a word, and
 * --role FILE=transactions then failed with "no date column". */
static void
test_forced_role (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = bad_amount_log (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SegDataset) guessed = NULL;
  g_autoptr(SegDataset) forced = NULL;
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  const char *files[] = { path, NULL };
  const SegTable *t, *c;
  const SegColumn *total, *count;
  int row0 = -1;

  guessed = load_files (files, NULL, &error);
  g_assert_no_error (error);
  t = seg_dataset_get_input (guessed, 0)->table;
  g_assert_cmpint (seg_table_get_role (t), ==, SEG_FILE_ROLE_ACTIVITY);
  g_assert_true (report_says (t, "Column “amount” has 10 values that are not numbers"));

  seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_TRANSACTIONS);
  forced = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  t = seg_dataset_get_input (forced, 0)->table;
  g_assert_cmpint (seg_table_get_role (t), ==, SEG_FILE_ROLE_TRANSACTIONS);
  g_assert_true (report_says (t, "Column “amount”: 10 values are not numbers and are left empty."));
  g_assert_false (report_says (t, "is not taken as a transaction log"));
  c = seg_dataset_get_customers (forced);
  g_assert_cmpuint (seg_table_get_n_rows (c), ==, 40);
  /* customer 0: rows 0, 40, …, 280 (8 rows); rows 0, 120 and 240 are bad */
  for (guint64 r = 0; r < 40; r++)
    if (g_str_equal (seg_table_find_column (c, "customer_id")->text[r], "0"))
      row0 = (int) r;
  g_assert_cmpint (row0, >=, 0);
  total = seg_table_find_column (c, "total_spent");
  count = seg_table_find_column (c, "txn_count");
  g_assert_cmpfloat (total->num[row0], ==, 40.25 + 80.25 + 160.25 + 200.25 + 280.25);
  g_assert_cmpfloat (count->num[row0], ==, 8);
  seg_test_rmdir_recursive (dir);
}

/* One id on 10,000 rows was reported as "9999 customer ids more than once". */
static void
test_repeated_customer_id (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autoptr(GString) csv = g_string_new ("customer_id,income\n");
  g_autofree char *path = NULL;
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "42,%u\n", i);
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (csv, "%u,1\n", 100 + i);
  path = write_fixture (dir, "customers.csv", csv->str);
  seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_CUSTOMERS);
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  dump_notices (seg_dataset_get_notices (ds));
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (ds)), ==, 6);
  g_assert_true (has_notice (seg_dataset_get_notices (ds),
                             "customers.csv: 1 customer id (“42”) appears 10000 times: its first row "
                             "is used and the other 9999 rows are left out"));
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hardening/long-bad-cell", test_long_bad_cell);
  g_test_add_func ("/hardening/date-range", test_date_range);
  g_test_add_func ("/hardening/derived-date-out-of-range", test_derived_date_out_of_range);
  g_test_add_func ("/hardening/derive-duplicates", test_derive_duplicates);
  g_test_add_func ("/hardening/wide-header", test_wide_header);
  g_test_add_func ("/hardening/forced-role", test_forced_role);
  g_test_add_func ("/hardening/repeated-customer-id", test_repeated_customer_id);
  return g_test_run ();
}
