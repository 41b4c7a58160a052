/* fuzz-expr.c — the expression language: parse, bind, evaluate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is an expression (and, as written after "x = ", a derived
 * column) over a small table with a column of every type, missing cells
 * and a name that needs backticks.  A parsed expression is bound to the
 * table and evaluated on every row.  The input is also read as a date
 * literal, and as a column name: a quoted name must parse back to itself.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-csv.h"
#include "seg-error.h"
#include "seg-expr.h"
#include "seg-table.h"

#include "seg-fuzz.h"

static const char fixture[] =
  "customer_id,Quantity,Unit Price,Country,signup,last_login,active,note\n"
  "C1,2,1.5,DE,2025-01-10,2025-03-01 18:00,true,a\n"
  "C2,0,3,FR,2025-01-15,2025-01-15 06:00,false,\n"
  "C3,,2,,,2025-01-20 00:00,,it's\n"
  "C4,-5,,de,2025-02-01,,true,`x`\n";

static SegTable *table;

static void
check_value (const SegValue *v)
{
  switch (v->kind)
    {
    case SEG_VALUE_MISSING:
      break;
    case SEG_VALUE_NUMBER:
      g_assert_true (isfinite (v->num));
      break;
    case SEG_VALUE_DATE:
      /* a derived date column is written as YYYY-MM-DD */
      g_assert_true (isfinite (v->num));
      g_free (seg_date_format_iso (v->num));
      break;
    case SEG_VALUE_BOOLEAN:
      g_assert_true (v->num == 0.0 || v->num == 1.0);
      break;
    case SEG_VALUE_TEXT:
      g_assert_nonnull (v->text);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
run (SegExpr *expr)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (seg_expr_get_text (expr));
  g_ptr_array_unref (seg_expr_get_columns (expr));
  if (!seg_expr_bind_table (expr, table, &error))
    {
      g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
      seg_expr_error_detail (error);
      return;
    }
  seg_expr_get_kind (expr);
  for (guint64 row = 0; row < seg_table_get_n_rows (table); row++)
    {
      SegValue v;

      seg_expr_eval_table_row (expr, table, row, &v);
      check_value (&v);
      seg_expr_test_table_row (expr, table, row);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = seg_fuzz_strndup (data, size);
  g_autofree char *assignment = g_strconcat ("x = ", text, NULL);
  g_autoptr(SegExpr) expr = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *quoted;
  double days;

  seg_fuzz_init ();
  if (table == NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (fixture, sizeof fixture - 1);
      table = seg_csv_read_bytes (bytes, "fixture.csv", NULL, NULL, NULL, NULL, NULL);
      g_assert_nonnull (table);
    }

  expr = seg_expr_parse (text, &error);
  if (expr != NULL)
    run (expr);
  else
    {
      g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
      seg_expr_error_position (error);
      seg_expr_error_detail (error);
    }
  g_clear_pointer (&expr, seg_expr_unref);
  g_clear_error (&error);

  if (seg_expr_parse_assignment (assignment, &name, &expr, &error))
    run (expr);
  else
    g_assert_true (error != NULL && error->domain == SEG_ERROR);
  g_clear_pointer (&expr, seg_expr_unref);
  g_clear_error (&error);

  seg_expr_parse_date (text, &days);

  /* a column name, however odd, can be written in an expression */
  quoted = seg_expr_quote_name (text);
  if (*text != '\0' && g_utf8_validate (text, -1, NULL))
    {
      g_autoptr(GPtrArray) columns = NULL;

      expr = seg_expr_parse (quoted, &error);
      g_assert_no_error (error);
      columns = seg_expr_get_columns (expr);
      g_assert_cmpuint (columns->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (columns, 0), ==, text);
    }
  g_free (quoted);
  return 0;
}
