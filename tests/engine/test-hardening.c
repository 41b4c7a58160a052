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

#include "seg-csv.h"
#include "seg-dataset.h"
#include "seg-error.h"
#include "seg-roles.h"
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

/* A customer table of 200 customers in which one id (42) is on 10,000 rows:
 * before, it was taken for an activity log (its ids repeat and it has a
 * date), and forced as customers it said "9999 customer ids more than
 * once".  Now the few repeated ids (1 of 201) leave it a customer table, and
 * the notice counts the ids that repeat, names the one most repeated with
 * its count and its first two lines.  Lines: the header is line 1, ids 0 to
 * 99 lines 2 to 101, then 42 on lines 102 to 10,101, ids 100 to 199 after. */
static char *
repeated_id_table (const char *dir,
                   gboolean    second)
{
  g_autoptr(GString) csv = g_string_new ("customer_id,signup_date,income\n");

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (csv, "%u,2024-%02u-%02u,%u\n", i, 1 + i % 12, 1 + i % 28, 1000 + i);
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "42,2024-05-05,%u\n", i);
  for (guint i = 100; i < 200; i++)
    g_string_append_printf (csv, "%u,2024-%02u-%02u,%u\n", i, 1 + i % 12, 1 + i % 28, 1000 + i);
  /* a second id repeated, on the last two lines */
  if (second)
    g_string_append (csv, "150,2024-06-06,1\n150,2024-06-07,2\n");
  return write_fixture (dir, "customers.csv", csv->str);
}

static void
test_repeated_customer_id (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = repeated_id_table (dir, FALSE);
  const char *files[] = { path, NULL };
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(SegDataset) guessed = NULL;
  g_autoptr(GError) error = NULL;
  const SegInputInfo *info;

  /* detected: a customer table, the repeats said in the reason */
  guessed = load_files (files, NULL, &error);
  g_assert_no_error (error);
  info = seg_dataset_get_input (guessed, 0);
  g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_CUSTOMERS);
  g_assert_cmpstr (info->role_reason, ==, "one row per customer, identified by “customer_id”; 1 id repeats");
  dump_notices (seg_dataset_get_notices (guessed));
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (guessed)), ==, 200);
  g_assert_true (has_notice (seg_dataset_get_notices (guessed),
                             "customers.csv:102: customer id “42” appears 10001 times (first on line 44 and "
                             "line 102): its first row is used and the other 10000 rows are left out"));

  /* forced: the same */
  seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_CUSTOMERS);
  ds = seg_dataset_load (options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seg_table_get_n_rows (seg_dataset_get_customers (ds)), ==, 200);
  g_assert_true (has_notice (seg_dataset_get_notices (ds),
                             "customers.csv:102: customer id “42” appears 10001 times"));
  seg_test_rmdir_recursive (dir);
}

/* Two ids repeat: counted as two, the most repeated named. */
static void
test_repeated_customer_ids (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = repeated_id_table (dir, TRUE);
  const char *files[] = { path, NULL };
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;

  ds = load_files (files, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seg_dataset_get_input (ds, 0)->role, ==, SEG_FILE_ROLE_CUSTOMERS);
  dump_notices (seg_dataset_get_notices (ds));
  g_assert_true (has_notice (seg_dataset_get_notices (ds),
                             "customers.csv:102: 2 customer ids appear more than once; “42” most often, "
                             "10001 times (first on line 44 and line 102): the first row of each id is used "
                             "and 10002 extra rows are left out"));
  seg_test_rmdir_recursive (dir);
}

/* A log whose ids mostly repeat is still a log: 40 customers on 400 rows. */
static void
test_repeating_ids_stay_a_log (void)
{
  g_autoptr(GString) csv = g_string_new ("customer_id,visit_date\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SegTable) t = NULL;
  g_autoptr(GError) error = NULL;
  SegRoleGuess guess = { 0 };

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (csv, "%u,2025-%02u-%02u\n", i % 40, 1 + i % 12, 1 + i % 28);
  bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  t = seg_csv_read_bytes (bytes, "visits.csv", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  seg_roles_detect (t, &guess);
  g_assert_cmpint (guess.role, ==, SEG_FILE_ROLE_ACTIVITY);
  seg_role_guess_clear (&guess);
}

/* ---- placeholder dates -------------------------------------------------- */

/* 400 purchases of 40 customers over 300 days from 2025-01-01; row 350
 * (line 352, customer 30) is dated 9999-12-31 and row 360 (line 362,
 * customer 0) 1900-01-01.  Before, the as-of date was 9999-12-31 and every
 * recency about 2.9 million days. */
static double
log_day (guint i)
{
  return seg_date_from_ymd (2025, 1, 1) + i % 300;
}

static char *
placeholder_log (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("customer_id,txn_date,amount\n");

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *date = i == 350 ? g_strdup ("9999-12-31") : i == 360 ? g_strdup ("1900-01-01")
                                                                            : seg_date_format_iso (log_day (i));
      g_string_append_printf (csv, "%u,%s,%u.5\n", i % 40, date, i);
    }
  return write_fixture (dir, "log.csv", csv->str);
}

static SegDataset *
load_log (const char *path,
          gboolean    streamed,
          GError    **error)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();

  seg_dataset_options_add_input (options, path, SEG_FILE_ROLE_UNKNOWN);
  /* 1 byte: every log is streamed (a preview of its first half, then a pass) */
  seg_dataset_options_set_streaming (options, streamed ? 1 : 0);
  return seg_dataset_load (options, NULL, NULL, NULL, error);
}

static int
customer_row (const SegTable *c,
              const char     *id)
{
  const SegColumn *ids = seg_table_find_column (c, "customer_id");

  for (guint64 r = 0; r < seg_table_get_n_rows (c); r++)
    if (g_strcmp0 (ids->text[r], id) == 0)
      return (int) r;
  g_assert_not_reached ();
  return -1;
}

static guint
count_notices (GPtrArray  *notices,
               const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < notices->len; i++)
    n += strstr (g_ptr_array_index (notices, i), needle) != NULL;
  return n;
}

static void
check_placeholder_log (gboolean streamed)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = placeholder_log (dir);
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  const SegTable *c;
  const SegInputInfo *info;
  GPtrArray *notes;
  const SegFutureDates *f;
  double total30 = 0, total0 = 0, count30 = 0, first0 = NAN;
  int r30, r0;

  ds = load_log (path, streamed, &error);
  g_assert_no_error (error);
  info = seg_dataset_get_input (ds, 0);
  g_assert_cmpint (info->role, ==, SEG_FILE_ROLE_TRANSACTIONS);
  /* the latest real date: row 299 */
  g_assert_cmpfloat (seg_dataset_get_as_of (ds), ==, log_day (299));
  g_assert_cmpuint (info->placeholder_dates, ==, 2);
  g_assert_cmpuint (info->after_as_of, ==, 0);

  /* by hand: customer 30 has rows 30, 70, …, 390 but for 350; customer 0
   * rows 0, 40, …, 360 but for 360 */
  for (guint i = 30; i < 400; i += 40)
    if (i != 350)
      {
        total30 += i + 0.5;
        count30++;
      }
  for (guint i = 0; i < 400; i += 40)
    if (i != 360)
      {
        total0 += i + 0.5;
        first0 = isnan (first0) ? log_day (i) : MIN (first0, log_day (i));
      }
  c = seg_dataset_get_customers (ds);
  r30 = customer_row (c, "30");
  r0 = customer_row (c, "0");
  g_assert_cmpfloat (seg_table_find_column (c, "total_spent")->num[r30], ==, total30);
  g_assert_cmpfloat (seg_table_find_column (c, "txn_count")->num[r30], ==, count30);
  g_assert_cmpfloat (seg_table_find_column (c, "total_spent")->num[r0], ==, total0);
  g_assert_cmpfloat (seg_table_find_column (c, "first_txn_date")->num[r0], ==, first0);
  for (guint64 r = 0; r < seg_table_get_n_rows (c); r++)
    g_assert_cmpfloat (seg_table_find_column (c, "recency_days")->num[r], <, 300);

  /* said once, with the count, the column and the first line */
  notes = seg_dataset_get_notices (ds);
  dump_notices (notes);
  g_assert_cmpuint (count_notices (notes, "placeholder"), ==, 1);
  g_assert_true (has_notice (notes, "log.csv:352: 2 dates in “txn_date” (the first: 9999-12-31) lie far "
                                    "outside the others and look like placeholders: their rows are left out, "
                                    "as rows without a date are"));
  /* and for the window */
  g_assert_cmpuint (seg_dataset_get_future_dates (ds)->len, ==, 1);
  f = g_ptr_array_index (seg_dataset_get_future_dates (ds), 0);
  g_assert_cmpint (f->kind, ==, SEG_DATE_NOTE_PLACEHOLDER);
  g_assert_cmpstr (f->column, ==, "txn_date");
  g_assert_cmpuint (f->count, ==, 2);
  g_assert_true (strstr (f->message, "log.csv:352: ") == f->message);
  seg_test_rmdir_recursive (dir);
}

static void
test_placeholder_dates_log (void)
{
  check_placeholder_log (FALSE);
}

/* The same log streamed: the pass counts the dates as it goes, finds the
 * placeholders at its end, and the log is then read whole for their lines. */
static void
test_placeholder_dates_streamed (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autoptr(GString) csv = g_string_new ("customer_id,txn_date,amount\n");
  g_autofree char *path = NULL;
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;

  /* the control: a clean log is streamed with these options */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *date = seg_date_format_iso (log_day (i));
      g_string_append_printf (csv, "%u,%s,%u.5\n", i % 40, date, i);
    }
  path = write_fixture (dir, "clean.csv", csv->str);
  ds = load_log (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (seg_table_get_report (seg_dataset_get_input (ds, 0)->table)->streamed);
  g_assert_cmpuint (seg_dataset_get_input (ds, 0)->placeholder_dates, ==, 0);
  seg_test_rmdir_recursive (dir);

  check_placeholder_log (TRUE);
}

/* A customer table: sign-up dates 1900-01-01 (line 7) and 9999-12-31 (line
 * 11) are read as missing, so they give no age and do not set the as-of
 * date (without a log, the latest date of the table). */
static void
test_placeholder_dates_customers (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autoptr(GString) csv = g_string_new ("customer_id,signup_date,income\n");
  g_autofree char *path = NULL;
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[2] = { NULL, NULL };
  const SegTable *c;
  const SegFutureDates *f;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *date = i == 5 ? g_strdup ("1900-01-01") : i == 9 ? g_strdup ("9999-12-31")
                                                                        : seg_date_format_iso (seg_date_from_ymd (2020, 1, 1) + 10 * i);
      g_string_append_printf (csv, "%u,%s,%u\n", i, date, 1000 + i);
    }
  files[0] = path = write_fixture (dir, "customers.csv", csv->str);
  ds = load_files (files, NULL, &error);
  g_assert_no_error (error);
  dump_notices (seg_dataset_get_notices (ds));
  /* the latest real sign-up: customer 29 */
  g_assert_cmpfloat (seg_dataset_get_as_of (ds), ==, seg_date_from_ymd (2020, 1, 1) + 290);
  c = seg_dataset_get_customers (ds);
  g_assert_true (isnan (seg_table_find_column (c, "signup_date")->num[customer_row (c, "5")]));
  g_assert_true (isnan (seg_table_find_column (c, "signup_date")->num[customer_row (c, "9")]));
  g_assert_true (isnan (seg_table_find_column (c, "days_since_registration")->num[customer_row (c, "5")]));
  g_assert_true (isnan (seg_table_find_column (c, "days_since_registration")->num[customer_row (c, "9")]));
  g_assert_cmpfloat (seg_table_find_column (c, "days_since_registration")->num[customer_row (c, "3")], ==, 260);
  g_assert_true (has_notice (seg_dataset_get_notices (ds),
                             "customers.csv:7: 2 dates in “signup_date” (the first: 1900-01-01) lie far outside "
                             "the others and look like placeholders: they are read as missing"));
  /* not also "after the as-of date" */
  g_assert_cmpuint (seg_dataset_get_future_dates (ds)->len, ==, 1);
  f = g_ptr_array_index (seg_dataset_get_future_dates (ds), 0);
  g_assert_cmpint (f->kind, ==, SEG_DATE_NOTE_PLACEHOLDER);
  g_assert_cmpuint (f->count, ==, 2);
  seg_test_rmdir_recursive (dir);
}

/* ---- sums that overflow --------------------------------------------------- */

/* Customer 10 has 1e308 on rows 150 and 170 (lines 152 and 172): the second
 * makes the sum infinite.  Before, the whole run stopped later with a
 * message that named no file or line. */
static void
check_overflow (gboolean streamed)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autoptr(GString) csv = g_string_new ("customer_id,txn_date,amount\n");
  g_autofree char *path = NULL;
  g_autoptr(SegDataset) ds = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *date = seg_date_format_iso (log_day (i));
      g_string_append_printf (csv, "%u,%s,%s\n", i % 20, date, i == 150 || i == 170 ? "1e308" : "12.5");
    }
  path = write_fixture (dir, "big.csv", csv->str);
  ds = load_log (path, streamed, &error);
  g_assert_null (ds);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_suffix (error->message, "big.csv:172:3: the amounts of customer “10” add up to more "
                                                   "than the largest number Segmenta can hold (about 1.8e308) "
                                                   "at this row; check “amount” for values that are corrupt or "
                                                   "in the wrong unit"));
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
  g_test_add_func ("/hardening/long-bad-cell", test_long_bad_cell);
  g_test_add_func ("/hardening/date-range", test_date_range);
  g_test_add_func ("/hardening/derived-date-out-of-range", test_derived_date_out_of_range);
  g_test_add_func ("/hardening/derive-duplicates", test_derive_duplicates);
  g_test_add_func ("/hardening/wide-header", test_wide_header);
  g_test_add_func ("/hardening/forced-role", test_forced_role);
  g_test_add_func ("/hardening/repeated-customer-id", test_repeated_customer_id);
  g_test_add_func ("/hardening/repeated-customer-ids", test_repeated_customer_ids);
  g_test_add_func ("/hardening/repeating-ids-stay-a-log", test_repeating_ids_stay_a_log);
  g_test_add_func ("/hardening/placeholder-dates-log", test_placeholder_dates_log);
  g_test_add_func ("/hardening/placeholder-dates-streamed", test_placeholder_dates_streamed);
  g_test_add_func ("/hardening/placeholder-dates-customers", test_placeholder_dates_customers);
  g_test_add_func ("/hardening/overflow", test_overflow);
  g_test_add_func ("/hardening/overflow-streamed", test_overflow_streamed);
  return g_test_run ();
}
