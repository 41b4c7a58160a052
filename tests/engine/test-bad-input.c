/* test-bad-input.c — broken files: a clear message or a clear report, never a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One test per file in tests/data/bad/ (plus a few generated in a temporary
 * directory, like a 10 MB field).  Fatal cases check the GError code and the
 * "FILE:LINE:COLUMN: message" text; recoverable ones check rows, skipped
 * rows and each problem's line, column and message.  Every file must be read
 * in under a second.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "seg-csv.h"
#include "seg-error.h"
#include "seg-table.h"
#include "seg-test-util.h"

#define MAX_SECONDS 1.0

static SegTable *
timed_read (const char           *path,
            const SegReadOptions *options,
            GError              **error)
{
  gint64 start = g_get_monotonic_time ();
  SegTable *table = seg_csv_read (path, options, NULL, NULL, NULL, error);
  double seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  if (seconds > MAX_SECONDS)
    g_error ("%s took %.2f s", path, seconds);
  return table;
}

/* Fails with @code and the message "PATH@where: ..." containing @phrase. */
static void
assert_fatal (const char  *name,
              SegErrorCode code,
              const char  *where,
              const char  *phrase)
{
  g_autofree char *path = seg_test_fixture_path (name);
  g_autofree char *prefix = g_strconcat (path, where, ": ", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SegTable) table = timed_read (path, NULL, &error);

  g_assert_null (table);
  g_assert_error (error, SEG_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, phrase) == NULL)
    g_error ("%s: unexpected message “%s”, expected “%s…%s…”", name, error->message, prefix, phrase);
}

static SegTable *
assert_read (const char *name,
             guint64     rows,
             guint64     skipped)
{
  g_autofree char *path = seg_test_fixture_path (name);
  g_autoptr(GError) error = NULL;
  SegTable *table = timed_read (path, NULL, &error);
  const SegReadReport *r;

  g_assert_no_error (error);
  r = seg_table_get_report (table);
  g_assert_cmpuint (r->rows, ==, rows);
  g_assert_cmpuint (r->skipped, ==, skipped);
  return table;
}

static void
assert_problem (SegTable   *table,
                guint       index,
                guint64     line,
                guint       column,
                const char *phrase)
{
  const SegReadReport *r = seg_table_get_report (table);
  SegProblem *p;

  g_assert_cmpuint (index, <, r->problems->len);
  p = g_ptr_array_index (r->problems, index);
  g_assert_cmpuint (p->line, ==, line);
  g_assert_cmpuint (p->column, ==, column);
  if (strstr (p->message, phrase) == NULL)
    g_error ("problem “%s” does not say “%s”", p->message, phrase);
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

static const SegColumn *
column (SegTable     *table,
        const char   *name,
        SegColumnType type)
{
  const SegColumn *c = seg_table_find_column (table, name);
  g_assert_nonnull (c);
  g_assert_cmpint (c->type, ==, type);
  return c;
}

/* ---- fatal: nothing to read ------------------------------------------------ */

static void
test_empty (void)
{
  assert_fatal ("bad/empty.csv", SEG_ERROR_PARSE, "", "the file is empty");
  assert_fatal ("bad/blank-lines.csv", SEG_ERROR_PARSE, "", "only blank lines");
  assert_fatal ("bad/header-only.csv", SEG_ERROR_PARSE, ":2", "header row but no data rows");
  assert_fatal ("bad/header-and-blank-lines.csv", SEG_ERROR_PARSE, ":2", "header row but no data rows");
  assert_fatal ("bad/single-line-header.csv", SEG_ERROR_PARSE, ":2", "header row but no data rows");
}

static void
test_quotes (void)
{
  assert_fatal ("bad/unterminated-quote.csv", SEG_ERROR_PARSE, ":4:2",
                "closing quote (\") is missing");
  /* the quote opened on line 3 swallows the rest of the file */
  assert_fatal ("bad/unbalanced-quote-mid.csv", SEG_ERROR_PARSE, ":3:2",
                "closing quote (\") is missing");
}

static void
test_stray_quote (void)
{
  g_autoptr(SegTable) t = assert_read ("bad/stray-quote.csv", 2, 0);

  /* a quote inside an unquoted field (inches) is kept as it is */
  g_assert_cmpstr (column (t, "product", SEG_COLUMN_TEXT)->text[0], ==, "5\" screen");
  g_assert_cmpuint (seg_table_get_report (t)->n_problems, ==, 0);
}

static void
test_binary (void)
{
  assert_fatal ("bad/nul-bytes.csv", SEG_ERROR_ENCODING, ":3", "contains NUL bytes");
  assert_fatal ("bad/image.csv", SEG_ERROR_PARSE, ":1", "this is a PNG image, not a CSV text file");
  assert_fatal ("bad/workbook.xlsx.csv", SEG_ERROR_PARSE, ":1", "ZIP archive (an Excel .xlsx workbook");
  assert_fatal ("bad/compressed.csv.csv", SEG_ERROR_PARSE, ":1", "gzip-compressed file");
  assert_fatal ("bad/document.json.csv", SEG_ERROR_PARSE, ":1:1", "this is a JSON document, not a CSV table");
  assert_fatal ("bad/webpage.csv", SEG_ERROR_PARSE, ":1:1", "an HTML or XML document");
}

static void
test_encodings (void)
{
  g_autoptr(SegTable) bom = NULL;
  g_autoptr(SegTable) utf16 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = seg_test_fixture_path ("good/windows-1252.csv");
  SegReadOptions options;

  /* 0x81 and 0x8D are not characters in Windows-1252 either */
  assert_fatal ("bad/invalid-encoding.csv", SEG_ERROR_ENCODING, ":3",
                "byte 0x81 (character 3 of the line) is not text in UTF-8 or Windows-1252");

  bom = assert_read ("bad/bom-windows-1252.csv", 2, 0);
  g_assert_true (seg_table_get_report (bom)->bom);
  g_assert_cmpstr (seg_table_get_report (bom)->encoding, ==, "Windows-1252");
  g_assert_true (has_notice (bom, "byte order mark, but line 2 is not UTF-8"));
  g_assert_cmpstr (column (bom, "name", SEG_COLUMN_TEXT)->text[0], ==, "José");

  utf16 = assert_read ("bad/utf16le.csv", 1, 0);
  g_assert_cmpstr (seg_table_get_report (utf16)->encoding, ==, "UTF-16LE");
  g_assert_cmpfloat (column (utf16, "id", SEG_COLUMN_NUMBER)->num[0], ==, 1.0);
  g_assert_cmpstr (column (utf16, "n", SEG_COLUMN_TEXT)->text[0], ==, "x");

  /* asked for UTF-8, given Windows-1252 bytes */
  seg_read_options_init (&options);
  options.encoding = "UTF-8";
  g_assert_null (timed_read (path, &options, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, ":2: byte 0xE9 (character 4 of the line) is not UTF-8 text"));

  /* asked for Windows-1252: converted, whatever the bytes look like */
  {
    g_autoptr(SegTable) t = NULL;
    g_autofree char *bom_path = seg_test_fixture_path ("good/bom.csv");
    g_clear_error (&error);
    options.encoding = "Windows-1252";
    t = timed_read (bom_path, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (seg_table_get_report (t)->encoding, ==, "Windows-1252");
    g_assert_true (has_notice (t, "as set in the import options"));
    /* UTF-8 "ë" (C3 AB) read as Windows-1252 is "Ã«" */
    g_assert_cmpstr (column (t, "name", SEG_COLUMN_TEXT)->text[0], ==, "Zo\xc3\x83\xc2\xab");
  }
}

/* ---- recoverable: rows skipped and reported ----------------------------------- */

static void
test_ragged_rows (void)
{
  g_autoptr(SegTable) t = assert_read ("bad/ragged-rows.csv", 10, 2);

  g_assert_cmpuint (seg_table_get_report (t)->n_problems, ==, 2);
  assert_problem (t, 0, 5, 3, "expected 3 fields, found 2; row skipped");
  assert_problem (t, 1, 8, 4, "expected 3 fields, found 4; row skipped");
  g_assert_cmpfloat (column (t, "id", SEG_COLUMN_NUMBER)->num[3], ==, 5.0);
}

static void
test_thousand_fields (void)
{
  g_autoptr(SegTable) t = assert_read ("bad/thousand-fields.csv", 4, 1);
  assert_problem (t, 0, 4, 4, "expected 3 fields, found 1000");
}

static void
test_trailing_garbage (void)
{
  g_autoptr(SegTable) t = assert_read ("bad/trailing-garbage.csv", 5, 2);
  assert_problem (t, 0, 7, 2, "expected 2 fields, found 1");
  assert_problem (t, 1, 8, 2, "expected 2 fields, found 1");
  g_assert_cmpfloat (column (t, "amount", SEG_COLUMN_NUMBER)->num[4], ==, 50.0);
}

static void
test_mixed_delimiters (void)
{
  g_autoptr(SegTable) t = assert_read ("bad/mixed-delimiters.csv", 6, 2);
  g_assert_cmpint (seg_table_get_report (t)->delimiter, ==, ',');
  assert_problem (t, 0, 8, 2, "seems to be separated by “;”, not “,”");
  assert_problem (t, 1, 9, 2, "expected 3 fields, found 1");
}

static void
test_cr_only (void)
{
  g_autoptr(SegTable) t = assert_read ("bad/cr-only.csv", 3, 1);
  g_assert_false (seg_table_get_report (t)->crlf);
  g_assert_true (has_notice (t, "carriage return only"));
  assert_problem (t, 0, 3, 2, "expected 2 fields, found 1");
  g_assert_cmpfloat (column (t, "amount", SEG_COLUMN_NUMBER)->num[2], ==, 40.0);
}

static void
test_mostly_malformed (void)
{
  assert_fatal ("bad/mostly-malformed.csv", SEG_ERROR_PARSE, ":2:3",
                "4 of 5 rows have the wrong number of fields (expected 3, found 2 here)");
  assert_fatal ("bad/header-too-short.csv", SEG_ERROR_PARSE, ":2:3",
                "3 of 3 rows have the wrong number of fields (expected 2, found 3 here)");
}

static void
test_trailing_delimiter (void)
{
  g_autoptr(SegTable) t = assert_read ("bad/trailing-delimiter.csv", 3, 0);

  /* a trailing empty field (or white space) is not an extra field */
  g_assert_cmpuint (seg_table_get_report (t)->n_problems, ==, 0);
  g_assert_cmpfloat (column (t, "amount", SEG_COLUMN_NUMBER)->num[2], ==, 30.0);
  g_assert_cmpuint (column (t, "column_3", SEG_COLUMN_TEXT)->n_missing, ==, 3);
}

static void
test_single_line_and_column (void)
{
  g_autoptr(SegTable) line = assert_read ("bad/single-line-data.csv", 1, 0);
  g_autoptr(SegTable) one = assert_read ("bad/one-column.csv", 3, 0);

  g_assert_false (seg_table_get_report (line)->has_header);
  g_assert_cmpuint (seg_table_get_n_columns (line), ==, 3);
  g_assert_cmpfloat (column (line, "column_3", SEG_COLUMN_NUMBER)->num[0], ==, 3.0);
  g_assert_cmpuint (seg_table_get_n_columns (one), ==, 1);
  g_assert_cmpstr (column (one, "name", SEG_COLUMN_TEXT)->text[2], ==, "Carol");
}

/* ---- headers ----------------------------------------------------------------- */

static void
test_headers (void)
{
  g_autoptr(SegTable) dup = assert_read ("bad/duplicate-headers.csv", 2, 0);
  g_autoptr(SegTable) empty = assert_read ("bad/empty-header-names.csv", 2, 0);

  g_assert_cmpfloat (column (dup, "amount", SEG_COLUMN_NUMBER)->num[0], ==, 2.0);
  g_assert_cmpfloat (column (dup, "amount_2", SEG_COLUMN_NUMBER)->num[0], ==, 3.0);
  g_assert_cmpfloat (column (dup, "amount_3", SEG_COLUMN_NUMBER)->num[1], ==, 8.0);
  g_assert_true (has_notice (dup, "Two columns are called “amount”; column 3 is renamed “amount_2”"));
  g_assert_cmpstr (seg_table_get_column (empty, 1)->name, ==, "column_2");
  g_assert_cmpstr (seg_table_get_column (empty, 2)->name, ==, "name");
  g_assert_cmpstr (seg_table_get_column (empty, 3)->name, ==, "column_4");
  g_assert_cmpfloat (column (empty, "column_4", SEG_COLUMN_NUMBER)->num[1], ==, 6.0);
}

/* ---- cells ------------------------------------------------------------------- */

static void
test_bad_cells (void)
{
  g_autoptr(SegTable) few = assert_read ("bad/mixed-dates-few.csv", 151, 0);
  g_autoptr(SegTable) mixed = assert_read ("bad/mixed-dates.csv", 20, 0);
  g_autoptr(SegTable) dates = assert_read ("bad/unparsable-dates.csv", 4, 0);
  g_autoptr(SegTable) junk = assert_read ("bad/numbers-with-junk.csv", 151, 0);
  const SegColumn *c;

  c = column (few, "paid_on", SEG_COLUMN_DATE);
  g_assert_true (isnan (c->num[150]));
  assert_problem (few, 0, 152, 2, "expected a date like YYYY-MM-DD, found “05/01/2023”; the cell is left empty");
  g_assert_true (has_notice (few, "Column “paid_on”: 1 value is not a date"));

  g_assert_cmpstr (column (mixed, "paid_on", SEG_COLUMN_TEXT)->text[1], ==, "01/01/2023");
  g_assert_true (has_notice (mixed, "Column “paid_on” mixes date formats"));

  g_assert_cmpstr (column (dates, "signup_date", SEG_COLUMN_TEXT)->text[0], ==, "2023-02-30");
  g_assert_true (has_notice (dates, "“signup_date” looks like dates, but many values do not read as YYYY-MM-DD"));

  c = column (junk, "amount", SEG_COLUMN_NUMBER);
  g_assert_cmpfloat (c->num[149], ==, 150.5);
  g_assert_true (isnan (c->num[150]));
  assert_problem (junk, 0, 152, 2, "expected a number, found “n.a.”");
}

/* ---- generated: huge fields, missing files ------------------------------------ */

static char *
write_temp (const char *dir,
            const char *name,
            const char *head,
            gsize       n_fill,
            const char *tail)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) s = g_string_new (head);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < n_fill; i++)
    g_string_append_c (s, (char) ('a' + i % 26));
  g_string_append (s, tail);
  g_file_set_contents (path, s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
assert_path_fatal (const char  *path,
                   SegErrorCode code,
                   const char  *where,
                   const char  *phrase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strconcat (path, where, ": ", NULL);

  /* No wall-clock limit here: a busy machine must not fail the test.  A
   * reader that hung on the field would meet the test's meson timeout. */
  g_assert_null (seg_csv_read (path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SEG_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, phrase) == NULL)
    g_error ("unexpected message “%s”, expected “%s…%s…”", error->message, prefix, phrase);
}

static void
test_huge_fields (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *quoted = write_temp (dir, "quoted.csv", "id,note\n1,\"", 10 * 1024 * 1024, "\"\n2,x\n");
  g_autofree char *bare = write_temp (dir, "bare.csv", "id,note\n1,ok\n2,", 10 * 1024 * 1024, "\n");
  g_autofree char *long_line = write_temp (dir, "long.csv", "id,note\n1,", 500 * 1024, "\n2,short\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SegTable) t = NULL;

  /* 10 MB in one field: refused quickly, not read into memory first.
   * (The 2 s bound leaves room for sanitizer builds.) */
  assert_path_fatal (quoted, SEG_ERROR_PARSE, ":2:2", "a field is longer than 1 MiB");
  assert_path_fatal (bare, SEG_ERROR_PARSE, ":3:2", "a field is longer than 1 MiB");

  /* a 500 KiB line is long but fine */
  t = seg_csv_read (long_line, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (column (t, "note", SEG_COLUMN_TEXT)->text[0]), ==, 500 * 1024);
  g_assert_cmpstr (column (t, "note", SEG_COLUMN_TEXT)->text[1], ==, "short");
  seg_test_rmdir_recursive (dir);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "nope.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (seg_csv_read (path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "cannot open the file: it does not exist"));
  g_clear_error (&error);

  g_assert_null (seg_csv_read (dir, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "this is a folder, not a file"));
  seg_test_rmdir_recursive (dir);
}

/* Every file in tests/data/bad/ is read without a crash, in time. */
static void
test_all_bad_files (void)
{
  g_autofree char *dir_path = seg_test_fixture_path ("bad");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SegTable) t = timed_read (path, NULL, &error);
      g_assert_true ((t == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_true (g_str_has_prefix (error->message, path));
      n++;
    }
  g_assert_cmpuint (n, >=, 25);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bad-input/empty", test_empty);
  g_test_add_func ("/bad-input/quotes", test_quotes);
  g_test_add_func ("/bad-input/stray-quote", test_stray_quote);
  g_test_add_func ("/bad-input/binary", test_binary);
  g_test_add_func ("/bad-input/encodings", test_encodings);
  g_test_add_func ("/bad-input/ragged-rows", test_ragged_rows);
  g_test_add_func ("/bad-input/thousand-fields", test_thousand_fields);
  g_test_add_func ("/bad-input/trailing-garbage", test_trailing_garbage);
  g_test_add_func ("/bad-input/mixed-delimiters", test_mixed_delimiters);
  g_test_add_func ("/bad-input/cr-only", test_cr_only);
  g_test_add_func ("/bad-input/mostly-malformed", test_mostly_malformed);
  g_test_add_func ("/bad-input/trailing-delimiter", test_trailing_delimiter);
  g_test_add_func ("/bad-input/single-line-and-column", test_single_line_and_column);
  g_test_add_func ("/bad-input/headers", test_headers);
  g_test_add_func ("/bad-input/bad-cells", test_bad_cells);
  g_test_add_func ("/bad-input/huge-fields", test_huge_fields);
  g_test_add_func ("/bad-input/missing-file", test_missing_file);
  g_test_add_func ("/bad-input/all-files", test_all_bad_files);
  return g_test_run ();
}
