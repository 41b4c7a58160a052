/* test-csv-reader.c — dialect sniffing, typing and values of seg_csv_read()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixtures are in tests/data/good/.  The real datasets in ../shared/data are
 * used when present (skipped otherwise); their reference counts come from
 * the dataset README and were checked with pandas 1.5.3 (Debian
 * python3-pandas): read_csv row counts, isna().sum() of the empty cells.
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "seg-csv.h"
#include "seg-error.h"
#include "seg-table.h"
#include "seg-test-util.h"

static SegTable *
read_path (const char           *path,
           const SegReadOptions *options)
{
  g_autoptr(GError) error = NULL;
  SegTable *table = seg_csv_read (path, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static SegTable *
read_fixture (const char *name)
{
  g_autofree char *path = seg_test_fixture_path (name);
  return read_path (path, NULL);
}

static SegTable *
read_text (const char           *text,
           const SegReadOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  SegTable *table = seg_csv_read_bytes (bytes, "memory.csv", options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return table;
}

static const SegColumn *
column (SegTable      *table,
        const char    *name,
        SegColumnType  type)
{
  const SegColumn *c = seg_table_find_column (table, name);
  if (c == NULL)
    g_error ("no column “%s”", name);
  if (c->type != type)
    g_error ("column “%s” is %s, expected %s", name, seg_column_type_to_string (c->type),
             seg_column_type_to_string (type));
  return c;
}

static gboolean
has_notice (SegTable   *table,
            const char *needle)
{
  const SegReadReport *report = seg_table_get_report (table);
  for (guint i = 0; i < report->notices->len; i++)
    if (strstr (g_ptr_array_index (report->notices, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_counts (SegTable *table,
               guint64   rows,
               guint64   skipped,
               guint     n_columns)
{
  const SegReadReport *report = seg_table_get_report (table);
  g_assert_cmpuint (report->rows, ==, rows);
  g_assert_cmpuint (report->skipped, ==, skipped);
  g_assert_cmpuint (seg_table_get_n_rows (table), ==, rows);
  g_assert_cmpuint (seg_table_get_n_columns (table), ==, n_columns);
}

static void
test_semicolon_decimal_comma (void)
{
  g_autoptr(SegTable) t = read_fixture ("good/semicolon-decimal-comma.csv");
  const SegReadReport *r = seg_table_get_report (t);
  const SegColumn *amount, *rate, *joined;

  g_assert_cmpint (r->delimiter, ==, ';');
  g_assert_true (r->decimal_comma);
  g_assert_true (r->has_header);
  assert_counts (t, 3, 0, 4);
  amount = column (t, "amount", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (amount->num[0], ==, 1234.56);
  g_assert_cmpfloat (amount->num[1], ==, -7.25);
  g_assert_cmpfloat (amount->num[2], ==, 1e6);
  g_assert_nonnull (strstr (amount->format, "decimal comma"));
  rate = column (t, "rate", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (rate->num[0], ==, 12.5);
  g_assert_cmpfloat (rate->num[2], ==, 0.5);
  joined = column (t, "joined", SEG_COLUMN_DATE);
  g_assert_cmpstr (joined->format, ==, "DD.MM.YYYY");
  g_assert_cmpfloat (joined->num[0], ==, seg_date_from_ymd (2023, 1, 31));
  g_assert_cmpfloat (joined->num[1], ==, seg_date_from_ymd (2023, 2, 1));
  g_assert_true (has_notice (t, "“joined”: dates read as day/month/year"));
}

static void
test_tab_pipe_spaces (void)
{
  g_autoptr(SegTable) tab = read_fixture ("good/tab.tsv");
  g_autoptr(SegTable) pipe = read_fixture ("good/pipe.csv");
  g_autoptr(SegTable) spaces = read_fixture ("good/spaces.txt");
  const SegColumn *c;

  g_assert_cmpint (seg_table_get_report (tab)->delimiter, ==, '\t');
  assert_counts (tab, 3, 0, 3);
  g_assert_cmpstr (column (tab, "city", SEG_COLUMN_TEXT)->text[2], ==, "New York");
  g_assert_cmpfloat (column (tab, "balance", SEG_COLUMN_NUMBER)->num[1], ==, -3.0);

  g_assert_cmpint (seg_table_get_report (pipe)->delimiter, ==, '|');
  assert_counts (pipe, 3, 0, 3);
  c = column (pipe, "day", SEG_COLUMN_DATE);
  g_assert_cmpstr (c->format, ==, "YYYY-MM-DD");
  g_assert_cmpfloat (c->num[2], ==, seg_date_from_ymd (2024, 2, 29));

  g_assert_cmpint (seg_table_get_report (spaces)->delimiter, ==, ' ');
  assert_counts (spaces, 3, 0, 4);
  g_assert_cmpstr (column (spaces, "customer", SEG_COLUMN_TEXT)->text[0], ==, "00001");
  c = column (spaces, "date", SEG_COLUMN_DATE);
  g_assert_cmpstr (c->format, ==, "YYYYMMDD");
  g_assert_cmpfloat (c->num[0], ==, seg_date_from_ymd (1997, 1, 1));
  g_assert_cmpfloat (column (spaces, "value", SEG_COLUMN_NUMBER)->num[2], ==, 100.5);
  g_assert_cmpfloat (column (spaces, "cds", SEG_COLUMN_NUMBER)->num[2], ==, 10.0);
}

static void
test_bom_crlf (void)
{
  g_autoptr(SegTable) bom = read_fixture ("good/bom.csv");
  g_autoptr(SegTable) crlf = read_fixture ("good/crlf.csv");
  const SegReadReport *r = seg_table_get_report (bom);

  g_assert_true (r->bom);
  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  g_assert_false (r->crlf);
  g_assert_nonnull (seg_table_find_column (bom, "id"));  /* not "\ufeffid" */
  g_assert_cmpstr (column (bom, "name", SEG_COLUMN_TEXT)->text[0], ==, "Zoë");
  g_assert_cmpstr (column (bom, "name", SEG_COLUMN_TEXT)->text[1], ==, "Åsa");

  r = seg_table_get_report (crlf);
  g_assert_true (r->crlf);
  g_assert_false (r->bom);
  assert_counts (crlf, 3, 0, 2);  /* the blank line is not a row */
  g_assert_cmpfloat (column (crlf, "amount", SEG_COLUMN_NUMBER)->num[2], ==, 30.0);
}

static void
test_windows_1252 (void)
{
  g_autoptr(SegTable) t = read_fixture ("good/windows-1252.csv");
  const SegReadReport *r = seg_table_get_report (t);
  const SegColumn *price;

  g_assert_cmpstr (r->encoding, ==, "Windows-1252");
  g_assert_true (has_notice (t, "converted from Windows-1252"));
  g_assert_cmpstr (column (t, "name", SEG_COLUMN_TEXT)->text[0], ==, "José");
  g_assert_cmpstr (column (t, "name", SEG_COLUMN_TEXT)->text[1], ==, "Renée");
  g_assert_cmpstr (column (t, "city", SEG_COLUMN_TEXT)->text[0], ==, "München");
  /* 0x80 is the euro sign in Windows-1252 */
  price = column (t, "price", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (price->num[1], ==, 7.5);
  g_assert_cmpstr (price->format, ==, "currency");
}

static void
test_excel_separator_line (void)
{
  g_autoptr(SegTable) t = read_fixture ("good/excel-sep.csv");
  const SegReadReport *r = seg_table_get_report (t);
  SegProblem *p;

  /* the first line "sep=;" names the delimiter and is not the header */
  g_assert_cmpint (r->delimiter, ==, ';');
  g_assert_true (r->decimal_comma);
  assert_counts (t, 3, 1, 2);
  g_assert_cmpfloat (column (t, "amount", SEG_COLUMN_NUMBER)->num[1], ==, 3.25);
  /* line numbers still count the "sep=" line */
  p = g_ptr_array_index (r->problems, 0);
  g_assert_cmpuint (p->line, ==, 4);
  g_assert_cmpuint (p->column, ==, 2);
}

static void
test_no_header (void)
{
  g_autoptr(SegTable) t = read_fixture ("good/no-header.csv");

  g_assert_false (seg_table_get_report (t)->has_header);
  assert_counts (t, 3, 0, 3);
  g_assert_cmpfloat (column (t, "column_1", SEG_COLUMN_NUMBER)->num[0], ==, 1.0);
  g_assert_cmpfloat (column (t, "column_2", SEG_COLUMN_DATE)->num[0], ==, seg_date_from_ymd (2023, 1, 5));
  g_assert_cmpfloat (column (t, "column_3", SEG_COLUMN_NUMBER)->num[0], ==, 10.5);
}

static void
test_quoted (void)
{
  g_autoptr(SegTable) t = read_fixture ("good/quoted.csv");
  const SegColumn *comment;

  g_assert_cmpint (seg_table_get_report (t)->quote, ==, '"');
  assert_counts (t, 4, 0, 3);
  comment = column (t, "comment", SEG_COLUMN_TEXT);
  g_assert_cmpstr (comment->text[0], ==, "Hello, world");
  g_assert_cmpstr (comment->text[1], ==, "Line one\nline two");
  g_assert_cmpstr (comment->text[2], ==, "She said \"hi\"");
  g_assert_null (comment->text[3]);
  g_assert_cmpfloat (column (t, "amount", SEG_COLUMN_NUMBER)->num[3], ==, 40.0);
  g_assert_cmpuint (seg_table_get_report (t)->n_problems, ==, 0);
}

static void
test_date_orders (void)
{
  g_autoptr(SegTable) dmy = read_fixture ("good/dates-dmy.csv");
  g_autoptr(SegTable) mdy = read_fixture ("good/dates-mdy.csv");
  g_autoptr(SegTable) amb = read_fixture ("good/dates-ambiguous.csv");
  g_autoptr(SegTable) amb_dmy = NULL;
  g_autofree char *path = seg_test_fixture_path ("good/dates-ambiguous.csv");
  SegReadOptions options;
  const SegColumn *c;

  c = column (dmy, "signup", SEG_COLUMN_DATE);
  g_assert_cmpstr (c->format, ==, "DD/MM/YYYY");
  g_assert_cmpfloat (c->num[1], ==, seg_date_from_ymd (2023, 2, 1));
  g_assert_true (has_notice (dmy, "“signup”: dates read as day/month/year because values such as “25/12/2022”"));

  c = column (mdy, "signup", SEG_COLUMN_DATE);
  g_assert_cmpstr (c->format, ==, "MM/DD/YYYY");
  g_assert_cmpfloat (c->num[1], ==, seg_date_from_ymd (2023, 1, 2));
  g_assert_cmpfloat (c->num[2], ==, seg_date_from_ymd (2024, 2, 29));
  g_assert_true (has_notice (mdy, "“signup”: dates read as month/day/year because values such as “12/25/2022”"));

  c = column (amb, "when", SEG_COLUMN_DATE);
  g_assert_cmpstr (c->format, ==, "MM/DD/YYYY");
  g_assert_cmpfloat (c->num[0], ==, seg_date_from_ymd (2023, 1, 2));
  g_assert_true (has_notice (amb, "“when”: no value tells day and month apart"));

  seg_read_options_init (&options);
  options.day_first = 1;
  amb_dmy = read_path (path, &options);
  c = column (amb_dmy, "when", SEG_COLUMN_DATE);
  g_assert_cmpstr (c->format, ==, "DD/MM/YYYY");
  g_assert_cmpfloat (c->num[0], ==, seg_date_from_ymd (2023, 2, 1));
  g_assert_cmpfloat (c->num[2], ==, seg_date_from_ymd (2023, 12, 11));
}

static void
test_formats (void)
{
  g_autoptr(SegTable) t = read_fixture ("good/formats.csv");
  const SegColumn *c;

  assert_counts (t, 3, 0, 7);
  c = column (t, "account", SEG_COLUMN_TEXT);
  g_assert_cmpstr (c->text[0], ==, "00123");
  g_assert_true (has_notice (t, "“account” has values with leading zeros, such as “00123”"));
  c = column (t, "balance", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (c->num[0], ==, 1234.5);
  g_assert_cmpfloat (c->num[1], ==, 12345678.9);
  g_assert_cmpfloat (c->num[2], ==, -0.75);
  g_assert_cmpstr (c->format, ==, "thousands separators");
  c = column (t, "fee", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (c->num[0], ==, 12.0);
  g_assert_cmpfloat (c->num[1], ==, 3.5);
  g_assert_cmpfloat (c->num[2], ==, 7.0);
  g_assert_cmpstr (c->format, ==, "currency");
  c = column (t, "change", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (c->num[0], ==, -12.5);
  g_assert_cmpfloat (c->num[2], ==, -0.25);
  g_assert_cmpstr (c->format, ==, "accounting negatives");
  c = column (t, "share", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (c->num[0], ==, 0.125);
  g_assert_cmpfloat (c->num[1], ==, -0.03);
  g_assert_cmpfloat (c->num[2], ==, 1.0);
  g_assert_cmpstr (c->format, ==, "percent");
  c = column (t, "active", SEG_COLUMN_BOOLEAN);
  g_assert_cmpfloat (c->num[0], ==, 1.0);
  g_assert_cmpfloat (c->num[1], ==, 0.0);
  g_assert_cmpfloat (c->num[2], ==, 1.0);
  c = column (t, "opened", SEG_COLUMN_DATE);
  g_assert_cmpstr (c->format, ==, "YYYY-MM-DD HH:MM:SS");
  g_assert_cmpfloat (c->num[0], ==, seg_date_from_ymd (2023, 1, 5) + 10.5 / 24);
  g_assert_cmpfloat (floor (c->num[2]), ==, seg_date_from_ymd (2023, 2, 28));
}

static void
test_missing_values (void)
{
  g_autoptr(SegTable) t = read_fixture ("good/missing.csv");
  const SegColumn *score = column (t, "score", SEG_COLUMN_NUMBER);
  const SegColumn *label = column (t, "label", SEG_COLUMN_TEXT);

  /* NA, N/A, null, -, empty and NaN are missing, not problems */
  g_assert_cmpuint (score->n_missing, ==, 6);
  g_assert_cmpfloat (score->num[0], ==, 10.0);
  g_assert_cmpfloat (score->num[7], ==, 2.5);
  g_assert_true (isnan (score->num[3]));
  g_assert_cmpuint (label->n_missing, ==, 2);
  g_assert_null (label->text[3]);
  g_assert_cmpuint (seg_table_get_report (t)->n_problems, ==, 0);
}

/* 200 numbers and one unreadable cell: still a number column, the cell is a problem */
static void
test_few_bad_cells (void)
{
  g_autoptr(GString) csv = g_string_new ("id,amount,code\n");
  g_autoptr(SegTable) t = NULL;
  const SegReadReport *r;
  SegProblem *p;
  const SegColumn *amount;

  for (int i = 1; i <= 200; i++)
    g_string_append_printf (csv, "%d,%s,%s\n", i, i == 120 ? "twelve" : "1.5",
                            i % 50 == 0 ? "C100" : "100");
  t = read_text (csv->str, NULL);
  r = seg_table_get_report (t);
  amount = column (t, "amount", SEG_COLUMN_NUMBER);
  g_assert_true (isnan (amount->num[119]));
  g_assert_cmpfloat (amount->num[118], ==, 1.5);
  g_assert_cmpuint (amount->n_missing, ==, 1);
  g_assert_cmpuint (r->n_problems, ==, 1);
  p = g_ptr_array_index (r->problems, 0);
  g_assert_cmpuint (p->line, ==, 121);
  g_assert_cmpuint (p->column, ==, 2);
  g_assert_cmpstr (p->message, ==, "expected a number, found “twelve”; the cell is left empty");
  /* codes like C100 among numbers keep the column as text, even at 2 % */
  g_assert_cmpstr (column (t, "code", SEG_COLUMN_TEXT)->text[49], ==, "C100");
}

static void
test_forced_types (void)
{
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(SegTable) t = NULL;
  SegReadOptions options;

  seg_read_options_init (&options);
  g_hash_table_insert (types, (gpointer) "id", GINT_TO_POINTER (SEG_COLUMN_TEXT + 1));
  g_hash_table_insert (types, (gpointer) "value", GINT_TO_POINTER (SEG_COLUMN_NUMBER + 1));
  options.column_types = types;
  options.delimiter = ';';
  options.has_header = 1;
  t = read_text ("id;value\n1;5\n2;x\n3;7\n", &options);
  g_assert_cmpstr (column (t, "id", SEG_COLUMN_TEXT)->text[0], ==, "1");
  g_assert_true (isnan (column (t, "value", SEG_COLUMN_NUMBER)->num[1]));
  g_assert_cmpuint (seg_table_get_report (t)->n_problems, ==, 1);
}

typedef struct
{
  guint  calls;
  double last;
} Progress;

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *p = user_data;
  g_assert_cmpfloat (fraction, >=, p->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_nonnull (strstr (message, "memory.csv"));
  p->last = fraction;
  p->calls++;
}

static GBytes *
big_csv (guint n_rows)
{
  GString *csv = g_string_new ("customer_id,txn_date,amount\n");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "%u,2024-%02u-%02u,%u.%02u\n", i % 500, i % 12 + 1, i % 28 + 1, i % 997, i % 100);
  return g_string_free_to_bytes (csv);
}

static void
test_progress_and_cancel (void)
{
  /* 40,000 rows, 0.9 MB: 14 chunks of 64 KiB, a progress call after each */
  g_autoptr(GBytes) bytes = big_csv (40000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SegTable) t = NULL;
  Progress p = { 0, 0.0 };

  t = seg_csv_read_bytes (bytes, "memory.csv", NULL, NULL, on_progress, &p, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seg_table_get_n_rows (t), ==, 40000);
  g_assert_cmpfloat (column (t, "amount", SEG_COLUMN_NUMBER)->num[1234], ==, 237.34);
  g_test_message ("%" G_GSIZE_FORMAT " bytes, %u progress calls", g_bytes_get_size (bytes), p.calls);
  g_assert_cmpuint (p.calls, >=, 10);
  g_assert_cmpuint (p.calls, <=, 102);
  g_assert_cmpfloat (p.last, ==, 1.0);

  g_cancellable_cancel (cancellable);
  g_assert_null (seg_csv_read_bytes (bytes, "memory.csv", NULL, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- real datasets -------------------------------------------------------- */

static SegTable *
read_shared (const char *relative)
{
  g_autofree char *path = seg_test_require_shared_data (relative);
  if (path == NULL)
    return NULL;
  return read_path (path, NULL);
}

static void
test_fintech (void)
{
  g_autoptr(SegTable) t = read_shared ("fintech/transactions.csv");
  const SegColumn *amount;

  if (t == NULL)
    return;
  assert_counts (t, 3000, 0, 5);
  g_assert_cmpfloat (column (t, "txn_date", SEG_COLUMN_DATE)->num[0], ==, seg_date_from_ymd (2025, 3, 31));
  amount = column (t, "amount", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (amount->num[0], ==, 7389.0);
  g_assert_cmpuint (amount->n_missing, ==, 0);
  column (t, "category", SEG_COLUMN_TEXT);
}

static void
test_cc_general (void)
{
  g_autoptr(SegTable) t = read_shared ("credit_card/CC GENERAL.csv");

  if (t == NULL)
    return;
  assert_counts (t, 8950, 0, 18);
  g_assert_cmpuint (column (t, "MINIMUM_PAYMENTS", SEG_COLUMN_NUMBER)->n_missing, ==, 313);
  g_assert_cmpuint (column (t, "CREDIT_LIMIT", SEG_COLUMN_NUMBER)->n_missing, ==, 1);
  g_assert_cmpstr (column (t, "CUST_ID", SEG_COLUMN_TEXT)->text[0], ==, "C10001");
  g_assert_cmpfloat (column (t, "BALANCE", SEG_COLUMN_NUMBER)->num[0], ==, 40.900749);
}

static void
test_banking (void)
{
  g_autoptr(SegTable) t = read_shared ("banking/finance_customers.csv");

  if (t == NULL)
    return;
  assert_counts (t, 1500, 0, 10);
  for (guint i = 0; i < seg_table_get_n_columns (t); i++)
    g_assert_cmpint (seg_table_get_column (t, i)->type, ==, SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (column (t, "Income", SEG_COLUMN_NUMBER)->num[0], ==, 58619.54970007545);
}

static void
test_retail_dw (void)
{
  g_autoptr(SegTable) c = read_shared ("retail_dw/raw/customers.csv");
  g_autoptr(SegTable) t = read_shared ("retail_dw/raw/transactions.csv");
  g_autoptr(SegTable) e = read_shared ("retail_dw/raw/engagements.csv");
  const SegColumn *col;

  if (c == NULL || t == NULL || e == NULL)
    return;
  assert_counts (c, 1000, 0, 14);
  col = column (c, "signup_date", SEG_COLUMN_DATE);
  g_assert_cmpstr (col->format, ==, "MM/DD/YYYY");
  g_assert_cmpfloat (col->num[0], ==, seg_date_from_ymd (2024, 7, 4));
  g_assert_true (has_notice (c, "“signup_date”: dates read as month/day/year"));
  column (c, "is_active", SEG_COLUMN_BOOLEAN);
  column (c, "phone_number", SEG_COLUMN_TEXT);
  assert_counts (t, 1000, 0, 10);
  col = column (t, "transaction_date", SEG_COLUMN_DATE);
  g_assert_cmpstr (col->format, ==, "MM/DD/YYYY");
  g_assert_cmpfloat (col->num[0], ==, seg_date_from_ymd (2020, 4, 14));
  assert_counts (e, 1000, 0, 10);
  g_assert_cmpstr (column (e, "engagement_date", SEG_COLUMN_DATE)->format, ==, "MM/DD/YYYY");
}

static void
test_cdnow (void)
{
  g_autoptr(SegTable) t = read_shared ("cdnow/CDNOW_master.txt");
  const SegReadReport *r;
  const SegColumn *date;

  if (t == NULL)
    return;
  r = seg_table_get_report (t);
  g_assert_cmpint (r->delimiter, ==, ' ');
  g_assert_true (r->has_header);
  assert_counts (t, 69659, 0, 4);
  date = column (t, "date", SEG_COLUMN_DATE);
  g_assert_cmpstr (date->format, ==, "YYYYMMDD");
  g_assert_cmpfloat (date->num[0], ==, seg_date_from_ymd (1997, 1, 1));
  g_assert_cmpstr (column (t, "customer_id", SEG_COLUMN_TEXT)->text[0], ==, "00001");
  g_assert_cmpfloat (column (t, "dollar_value", SEG_COLUMN_NUMBER)->num[0], ==, 11.77);
}

static void
test_online_retail (void)
{
  g_autofree char *gz = seg_test_require_shared_data ("online_retail/online_retail.csv.gz");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SegTable) t = NULL;
  const SegReadReport *r;
  const SegColumn *c;

  if (gz == NULL)
    return;
  dir = seg_test_mkdtemp ();
  path = seg_test_gunzip_to (gz, dir, "online_retail.csv");
  t = read_path (path, NULL);
  r = seg_table_get_report (t);
  /* every data line is either a row or reported */
  g_assert_cmpuint (r->rows + r->skipped, ==, 541909);
  g_assert_cmpuint (seg_table_get_n_columns (t), ==, 8);
  c = column (t, "InvoiceDate", SEG_COLUMN_DATE);
  g_assert_cmpfloat (floor (c->num[0]), ==, seg_date_from_ymd (2010, 12, 1));
  g_assert_cmpfloat_with_epsilon (c->num[0] - floor (c->num[0]), (8 * 60 + 26) / 1440.0, 1e-9);
  /* pandas: df.CustomerID.isna().sum() == 135080 */
  c = column (t, "CustomerID", SEG_COLUMN_NUMBER);
  g_assert_cmpuint (c->n_missing, ==, 135080);
  g_assert_cmpfloat (c->num[0], ==, 17850.0);
  /* invoice numbers keep their "C" (cancellation) prefix */
  column (t, "InvoiceNo", SEG_COLUMN_TEXT);
  column (t, "StockCode", SEG_COLUMN_TEXT);
  column (t, "Quantity", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (column (t, "UnitPrice", SEG_COLUMN_NUMBER)->num[0], ==, 2.55);
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv-reader/semicolon-decimal-comma", test_semicolon_decimal_comma);
  g_test_add_func ("/csv-reader/tab-pipe-spaces", test_tab_pipe_spaces);
  g_test_add_func ("/csv-reader/bom-crlf", test_bom_crlf);
  g_test_add_func ("/csv-reader/windows-1252", test_windows_1252);
  g_test_add_func ("/csv-reader/excel-sep-line", test_excel_separator_line);
  g_test_add_func ("/csv-reader/no-header", test_no_header);
  g_test_add_func ("/csv-reader/quoted", test_quoted);
  g_test_add_func ("/csv-reader/date-orders", test_date_orders);
  g_test_add_func ("/csv-reader/formats", test_formats);
  g_test_add_func ("/csv-reader/missing", test_missing_values);
  g_test_add_func ("/csv-reader/few-bad-cells", test_few_bad_cells);
  g_test_add_func ("/csv-reader/forced-types", test_forced_types);
  g_test_add_func ("/csv-reader/progress-cancel", test_progress_and_cancel);
  g_test_add_func ("/csv-reader/data/fintech", test_fintech);
  g_test_add_func ("/csv-reader/data/cc-general", test_cc_general);
  g_test_add_func ("/csv-reader/data/banking", test_banking);
  g_test_add_func ("/csv-reader/data/retail-dw", test_retail_dw);
  g_test_add_func ("/csv-reader/data/cdnow", test_cdnow);
  g_test_add_func ("/csv-reader/data/online-retail", test_online_retail);
  return g_test_run ();
}
