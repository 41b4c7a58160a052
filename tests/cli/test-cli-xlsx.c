/* test-cli-xlsx.c — segmenta-cli --xlsx, the workbook read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 16 "Done when": --xlsx writes the three sheets, read back with
 * numbers as numbers.  An .xlsx file is a zip of XML parts: `unzip -p`
 * (Debian's unzip, build-aux/deps.sh) takes a part out and GMarkup reads
 * it.  The expected values come from customers.csv and segments.csv of the
 * same run.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "seg-test-util.h"

typedef struct
{
  char *t;       /* the cell type attribute; NULL = a number */
  int   style;   /* s attribute, 0 when absent */
  char *value;   /* <v> or inline <is><t> text */
} Cell;

typedef struct
{
  GHashTable *cells;     /* "B2" → Cell */
  char       *ref, *t;
  int         style;
  GString    *text;
  gboolean    in_value;
  gboolean    has_formula;
  gboolean    frozen_row;
  gboolean    autofilter;
  char       *dimension;
  /* styles.xml */
  GHashTable *num_fmts;  /* numFmtId → code */
  GArray     *xf_fmt;    /* cellXfs index → numFmtId */
  gboolean    in_cell_xfs;
  GPtrArray  *sheet_names;
} Part;

static void
cell_free (Cell *c)
{
  g_free (c->t);
  g_free (c->value);
  g_free (c);
}

static const char *
attr (const char **names,
      const char **values,
      const char  *name)
{
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static void
start_cb (GMarkupParseContext *ctx,
          const char          *element,
          const char         **names,
          const char         **values,
          gpointer             user_data,
          GError             **error)
{
  Part *p = user_data;

  if (g_str_equal (element, "c"))
    {
      const char *s = attr (names, values, "s");
      g_free (p->ref);
      g_free (p->t);
      p->ref = g_strdup (attr (names, values, "r"));
      p->t = g_strdup (attr (names, values, "t"));
      p->style = s ? atoi (s) : 0;
      g_string_truncate (p->text, 0);
    }
  else if (g_str_equal (element, "v") || g_str_equal (element, "t"))
    p->in_value = TRUE;
  else if (g_str_equal (element, "f"))
    p->has_formula = TRUE;
  else if (g_str_equal (element, "pane"))
    p->frozen_row = g_strcmp0 (attr (names, values, "state"), "frozen") == 0 &&
                    g_strcmp0 (attr (names, values, "ySplit"), "1") == 0;
  else if (g_str_equal (element, "autoFilter"))
    p->autofilter = TRUE;
  else if (g_str_equal (element, "dimension"))
    p->dimension = g_strdup (attr (names, values, "ref"));
  else if (g_str_equal (element, "numFmt"))
    g_hash_table_insert (p->num_fmts, GINT_TO_POINTER (atoi (attr (names, values, "numFmtId"))),
                         g_strdup (attr (names, values, "formatCode")));
  else if (g_str_equal (element, "cellXfs"))
    p->in_cell_xfs = TRUE;
  else if (g_str_equal (element, "xf") && p->in_cell_xfs)
    {
      int id = atoi (attr (names, values, "numFmtId"));
      g_array_append_val (p->xf_fmt, id);
    }
  else if (g_str_equal (element, "sheet"))
    g_ptr_array_add (p->sheet_names, g_strdup (attr (names, values, "name")));
}

static void
end_cb (GMarkupParseContext *ctx,
        const char          *element,
        gpointer             user_data,
        GError             **error)
{
  Part *p = user_data;

  if (g_str_equal (element, "v") || g_str_equal (element, "t"))
    p->in_value = FALSE;
  else if (g_str_equal (element, "cellXfs"))
    p->in_cell_xfs = FALSE;
  else if (g_str_equal (element, "c") && p->ref != NULL)
    {
      Cell *c = g_new0 (Cell, 1);
      c->t = g_steal_pointer (&p->t);
      c->style = p->style;
      c->value = g_strdup (p->text->str);
      g_hash_table_replace (p->cells, g_steal_pointer (&p->ref), c);
    }
}

static void
text_cb (GMarkupParseContext *ctx,
         const char          *text,
         gsize                len,
         gpointer             user_data,
         GError             **error)
{
  Part *p = user_data;

  if (p->in_value)
    g_string_append_len (p->text, text, (gssize) len);
}

static void
part_free (Part *p)
{
  g_hash_table_unref (p->cells);
  g_free (p->ref);
  g_free (p->t);
  g_string_free (p->text, TRUE);
  g_free (p->dimension);
  g_hash_table_unref (p->num_fmts);
  g_array_unref (p->xf_fmt);
  g_ptr_array_unref (p->sheet_names);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Part, part_free)

static Part *
read_part (const char *xlsx,
           const char *name)
{
  const GMarkupParser parser = { start_cb, end_cb, text_cb, NULL, NULL };
  const char *argv[] = { "unzip", "-p", xlsx, name, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) ctx = NULL;
  Part *p = g_new0 (Part, 1);
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  p->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cell_free);
  p->text = g_string_new (NULL);
  p->num_fmts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  p->xf_fmt = g_array_new (FALSE, FALSE, sizeof (int));
  p->sheet_names = g_ptr_array_new_with_free_func (g_free);
  ctx = g_markup_parse_context_new (&parser, 0, p, NULL);
  g_assert_true (g_markup_parse_context_parse (ctx, out, -1, &error));
  g_assert_no_error (error);
  return p;
}

static char *
cell_ref (guint col,
          guint row)
{
  char letters[8];
  int n = 0;

  col++;
  while (col > 0)
    {
      letters[n++] = (char) ('A' + (col - 1) % 26);
      col = (col - 1) / 26;
    }
  {
    GString *s = g_string_new (NULL);
    while (n > 0)
      g_string_append_c (s, letters[--n]);
    g_string_append_printf (s, "%u", row + 1);
    return g_string_free (s, FALSE);
  }
}

static const Cell *
cell_at (const Part *sheet,
         guint       col,
         guint       row)
{
  g_autofree char *ref = cell_ref (col, row);
  return g_hash_table_lookup (sheet->cells, ref);
}

static guint
column_of (const Part *sheet,
           const char *header)
{
  for (guint c = 0; c < 200; c++)
    {
      const Cell *cell = cell_at (sheet, c, 0);
      if (cell != NULL && g_str_equal (cell->value, header))
        return c;
    }
  g_error ("no column “%s”", header);
  return 0;
}

static const char *
number_format (const Part *styles,
               const Cell *cell)
{
  int id;

  g_assert_cmpint (cell->style, <, (int) styles->xf_fmt->len);
  id = g_array_index (styles->xf_fmt, int, cell->style);
  return g_hash_table_lookup (styles->num_fmts, GINT_TO_POINTER (id));
}

static void
assert_number (const Cell *cell,
               double      expected)
{
  g_assert_nonnull (cell);
  g_assert_true (cell->t == NULL || g_str_equal (cell->t, "n"));
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cell->value, NULL), expected, fabs (expected) * 1e-12 + 1e-12);
}

static gboolean
have_unzip (void)
{
  g_autofree char *path = g_find_program_in_path ("unzip");

  if (path != NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_error ("unzip is missing (build-aux/deps.sh)");
  g_test_skip ("unzip is not installed");
  return FALSE;
}

static int
run_cli (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("SEGMENTA_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* One line of our CSV writer's output (quotes doubled inside quoted cells). */
static char **
split_csv (const char *line)
{
  GPtrArray *cells = g_ptr_array_new ();
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (cell, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0')
        {
          g_ptr_array_add (cells, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (cell, *p);
    }
  g_string_free (cell, TRUE);
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

static GPtrArray *
csv_lines (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    g_ptr_array_add (out, split_csv (lines[i]));
  return out;
}

static guint
csv_column (GPtrArray  *rows,
            const char *name)
{
  char **head = g_ptr_array_index (rows, 0);
  for (guint c = 0; head[c]; c++)
    if (g_str_equal (head[c], name))
      return c;
  g_error ("customers.csv has no %s", name);
  return 0;
}

static void
test_xlsx_fintech (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *xlsx = g_build_filename (dir, "segments.xlsx", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  g_autofree char *t = g_build_filename (seg_test_source_root (), "data/samples/fintech/transactions.csv", NULL);
  g_autofree char *a = g_build_filename (seg_test_source_root (), "data/samples/fintech/activity.csv", NULL);
  g_autofree char *customers_csv = g_build_filename (out, "customers.csv", NULL);
  g_autofree char *segments_csv = g_build_filename (out, "segments.csv", NULL);
  const char *args[] = { c, t, a, "--xlsx", xlsx, "--out", out, NULL };
  g_autoptr(Part) book = NULL, styles = NULL, summary = NULL, segments = NULL, customers = NULL;
  g_autoptr(GPtrArray) crows = NULL, srows = NULL;
  guint spent, reg, share, cust;

  if (!have_unzip ())
    return;
  g_assert_cmpint (run_cli (args), ==, 0);
  book = read_part (xlsx, "xl/workbook.xml");
  g_assert_cmpuint (book->sheet_names->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (book->sheet_names, 0), ==, "Summary");
  g_assert_cmpstr (g_ptr_array_index (book->sheet_names, 1), ==, "Segments");
  g_assert_cmpstr (g_ptr_array_index (book->sheet_names, 2), ==, "Customers");
  g_assert_false (book->has_formula);
  styles = read_part (xlsx, "xl/styles.xml");
  summary = read_part (xlsx, "xl/worksheets/sheet1.xml");
  segments = read_part (xlsx, "xl/worksheets/sheet2.xml");
  customers = read_part (xlsx, "xl/worksheets/sheet3.xml");

  /* frozen header rows everywhere; filters on the two tables; no formulas */
  g_assert_true (summary->frozen_row && segments->frozen_row && customers->frozen_row);
  g_assert_true (segments->autofilter && customers->autofilter);
  g_assert_false (summary->has_formula || segments->has_formula || customers->has_formula);

  /* Customers: every row of customers.csv, numbers as numbers, dates as dates */
  crows = csv_lines (customers_csv);
  g_assert_cmpstr (customers->dimension, ==, "A1:AL301");
  g_assert_cmpuint (crows->len, ==, 301);
  spent = column_of (customers, "total_spent");
  reg = column_of (customers, "registration_date");
  g_assert_cmpuint (spent, ==, csv_column (crows, "total_spent"));
  for (guint r = 1; r < crows->len; r++)
    {
      char **row = g_ptr_array_index (crows, r);
      const Cell *cell = cell_at (customers, spent, r);
      if (*row[spent] == '\0')
        {
          g_assert_null (cell);
          continue;
        }
      assert_number (cell, g_ascii_strtod (row[spent], NULL));
      g_assert_cmpstr (number_format (styles, cell), ==, "#,##0.00");
    }
  {
    /* 2021-02-28 is day 44255 counted from Excel's 1899-12-30 */
    char **row = g_ptr_array_index (crows, 1);
    const Cell *cell = cell_at (customers, reg, 1);
    g_assert_cmpstr (row[reg], ==, "2021-02-28");
    assert_number (cell, 44255);
    g_assert_cmpstr (number_format (styles, cell), ==, "yyyy-mm-dd");
  }
  g_assert_cmpstr (cell_at (customers, 0, 1)->value, ==, "C00001");
  g_assert_cmpstr (cell_at (customers, 0, 1)->t, ==, "inlineStr");

  /* Segments: the rows of segments.csv, shares as percentages */
  srows = csv_lines (segments_csv);
  share = column_of (segments, "share");
  cust = column_of (segments, "customers");
  for (guint r = 1; r < srows->len; r++)
    {
      char **row = g_ptr_array_index (srows, r);
      g_assert_cmpstr (cell_at (segments, 0, r)->value, ==, row[0]);
      assert_number (cell_at (segments, cust, r), g_ascii_strtod (row[cust], NULL));
      assert_number (cell_at (segments, share, r), g_ascii_strtod (row[share], NULL));
      g_assert_cmpstr (number_format (styles, cell_at (segments, share, r)), ==, "0.0%");
    }
  g_assert_null (cell_at (segments, 0, srows->len));

  /* Summary: the customer count is a number */
  {
    gboolean found = FALSE;
    for (guint r = 0; r < 40 && !found; r++)
      {
        const Cell *key = cell_at (summary, 0, r);
        if (key != NULL && g_str_equal (key->value, "Customers"))
          {
            assert_number (cell_at (summary, 1, r), 300);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
  seg_test_rmdir_recursive (dir);
}

static void
test_xlsx_formulas_neutralised (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *f = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "people.xlsx", NULL);
  const char *args[] = { f, "--method", "metrics", "--xlsx", xlsx, NULL };
  g_autoptr(Part) customers = NULL;
  guint name;

  if (!have_unzip ())
    return;
  g_assert_true (g_file_set_contents (f, "customer_id,name,income\n1,=HYPERLINK(\"x\"),5\n2,-3,7\n3,@SUM(A1),9\n", -1, NULL));
  g_assert_cmpint (run_cli (args), ==, 0);
  customers = read_part (xlsx, "xl/worksheets/sheet3.xml");
  name = column_of (customers, "name");
  g_assert_cmpstr (cell_at (customers, name, 1)->value, ==, "'=HYPERLINK(\"x\")");
  g_assert_cmpstr (cell_at (customers, name, 1)->t, ==, "inlineStr");
  g_assert_cmpstr (cell_at (customers, name, 2)->value, ==, "-3");   /* a plain number stays */
  g_assert_cmpstr (cell_at (customers, name, 3)->value, ==, "'@SUM(A1)");
  g_assert_false (customers->has_formula);
  seg_test_rmdir_recursive (dir);
}

/* A failed write leaves the old file as it was. */
static void
test_xlsx_atomic (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *f = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing-dir", "x.xlsx", NULL);
  const char *args[] = { f, "--method", "metrics", "--xlsx", bad, NULL };

  g_assert_true (g_file_set_contents (f, "customer_id,income\n1,5\n", -1, NULL));
  g_assert_cmpint (run_cli (args), ==, 1);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  seg_test_rmdir_recursive (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/xlsx/fintech", test_xlsx_fintech);
  g_test_add_func ("/cli/xlsx/formulas-neutralised", test_xlsx_formulas_neutralised);
  g_test_add_func ("/cli/xlsx/atomic", test_xlsx_atomic);
  return g_test_run ();
}
