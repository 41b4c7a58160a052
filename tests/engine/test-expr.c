/* test-expr.c — the expression language: parsing, types, errors, evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values are computed by hand in the comments next to them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "seg-error.h"
#include "seg-expr.h"
#include "seg-table.h"

#define EPS 1e-12

static SegTable *table;   /* built once by make_table() */

static void
add_numbers (SegTable     *t,
             const char   *name,
             SegColumnType type,
             const double *values,
             guint         n)
{
  seg_table_add_column (t, name, type, n, g_memdup2 (values, n * sizeof (double)), NULL);
}

static void
add_texts (SegTable          *t,
           const char        *name,
           const char * const *values,
           guint              n)
{
  char **text = g_new0 (char *, n);

  for (guint i = 0; i < n; i++)
    text[i] = g_strdup (values[i]);
  seg_table_add_column (t, name, SEG_COLUMN_TEXT, n, NULL, text);
}

static double
day (int y, int m, int d)
{
  return seg_date_from_ymd (y, m, d);
}

/* Four rows; NAN / NULL are missing cells. */
static SegTable *
make_table (void)
{
  SegTable *t = seg_table_new ("/tmp/expr-test.csv");
  const double quantity[] = { 2, 0, NAN, 5 };
  const double unit_price[] = { 1.5, 3, 2, NAN };
  const double unit_price_spaced[] = { 10, 20, 30, 40 };
  const char *country[] = { "DE", "FR", NULL, "de" };
  const char *names[] = { "Ann", "Bob", "Cy", "Dee" };
  const double signup[] = { day (2025, 1, 10), day (2025, 1, 15), NAN, day (2025, 2, 1) };
  const double last_login[] = { day (2025, 3, 1) + 0.75, day (2025, 1, 15) + 0.25,
                                day (2025, 1, 20), NAN };
  const double active[] = { 1, 0, NAN, 1 };
  const double monthly[] = { 500, 1200, 300, 0 };
  const double income[] = { 2000, 4000, 0, NAN };
  const double usage[] = { 7, 3.5, 9, NAN };
  const double calls[] = { 2, 0, 5, 1 };

  add_numbers (t, "Quantity", SEG_COLUMN_NUMBER, quantity, 4);
  add_numbers (t, "UnitPrice", SEG_COLUMN_NUMBER, unit_price, 4);
  add_numbers (t, "Unit Price", SEG_COLUMN_NUMBER, unit_price_spaced, 4);
  add_texts (t, "Country", country, 4);
  add_texts (t, "Customer Name", names, 4);
  add_numbers (t, "signup", SEG_COLUMN_DATE, signup, 4);
  add_numbers (t, "last_login", SEG_COLUMN_DATE, last_login, 4);
  add_numbers (t, "active", SEG_COLUMN_BOOLEAN, active, 4);
  add_numbers (t, "MonthlySpending", SEG_COLUMN_NUMBER, monthly, 4);
  add_numbers (t, "Income", SEG_COLUMN_NUMBER, income, 4);
  add_numbers (t, "AppUsageScore", SEG_COLUMN_NUMBER, usage, 4);
  add_numbers (t, "SupportCalls", SEG_COLUMN_NUMBER, calls, 4);
  add_numbers (t, "weird`name", SEG_COLUMN_NUMBER, calls, 4);
  return t;
}

/* Parses, binds to the test table and evaluates row @row. */
static SegValue
eval_row (const char *text,
          guint64     row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegExpr) expr = seg_expr_parse (text, &error);
  SegValue v;

  g_assert_no_error (error);
  g_assert_nonnull (expr);
  seg_expr_bind_table (expr, table, &error);
  g_assert_no_error (error);
  seg_expr_eval_table_row (expr, table, row, &v);
  return v;
}

/* A text result borrows from the expression: copy it before it goes. */
static char *
text_at (const char *text,
         guint64     row)
{
  g_autoptr(SegExpr) expr = seg_expr_parse (text, NULL);
  SegValue v;

  g_assert_true (seg_expr_bind_table (expr, table, NULL));
  seg_expr_eval_table_row (expr, table, row, &v);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_TEXT);
  return g_strdup (v.text);
}

static double
number_at (const char *text,
           guint64     row)
{
  SegValue v = eval_row (text, row);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_NUMBER);
  return v.num;
}

static double
calc (const char *text)
{
  return number_at (text, 0);
}

static gboolean
truth (const char *text,
       guint64     row)
{
  SegValue v = eval_row (text, row);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_BOOLEAN);
  return v.num != 0.0;
}

static void
assert_missing (const char *text,
                guint64     row)
{
  SegValue v = eval_row (text, row);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_MISSING);
}

/* Parses and binds @text, which must fail at @position with a message that
 * contains @fragment. */
static void
assert_error (const char *text,
              guint       position,
              const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegExpr) expr = seg_expr_parse (text, &error);
  g_autofree char *prefix = g_strdup_printf ("at character %u: ", position);

  if (expr != NULL)
    g_assert_false (seg_expr_bind_table (expr, table, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, fragment) == NULL)
    g_error ("“%s”: got “%s”, wanted “%s…%s”", text, error->message, prefix, fragment);
  g_assert_cmpuint (seg_expr_error_position (error), ==, position);
  g_assert_cmpstr (seg_expr_error_detail (error), ==, error->message + strlen (prefix));
}

static void
test_precedence (void)
{
  g_assert_cmpfloat (calc ("1 + 2 * 3"), ==, 7);
  g_assert_cmpfloat (calc ("(1 + 2) * 3"), ==, 9);
  g_assert_cmpfloat (calc ("-2 * 3"), ==, -6);
  g_assert_cmpfloat (calc ("2 - 3 - 4"), ==, -5);        /* left to right */
  g_assert_cmpfloat (calc ("8 / 4 / 2"), ==, 1);
  g_assert_cmpfloat (calc ("10 - -2"), ==, 12);
  g_assert_cmpfloat (calc ("-(-3) + +4"), ==, 7);
  g_assert_cmpfloat (calc ("2 * 3 + 4 * 5"), ==, 26);
  /* not binds tighter than and: (not false) and false = false,
   * not (false and false) would be true */
  g_assert_false (truth ("not false and false", 0));
  g_assert_true (truth ("not (false and false)", 0));
  /* and binds tighter than or: true or (true and false) = true,
   * (true or true) and false would be false */
  g_assert_true (truth ("true or true and false", 0));
  g_assert_false (truth ("(true or true) and false", 0));
  /* comparisons bind tighter than not / and */
  g_assert_true (truth ("not 1 > 2", 0));
  g_assert_true (truth ("1 + 1 = 2 and 3 * 2 >= 6", 0));
  /* keywords are case-insensitive */
  g_assert_true (truth ("NOT FALSE And TRUE Or false", 0));
}

static void
test_arithmetic (void)
{
  g_assert_cmpfloat (calc ("1e3"), ==, 1000);
  g_assert_cmpfloat (calc (".5 + .25"), ==, 0.75);
  g_assert_cmpfloat_with_epsilon (calc ("2.5E-1 * 4"), 1.0, EPS);
  g_assert_cmpfloat (calc ("7 / 2"), ==, 3.5);
  g_assert_cmpfloat (calc ("1.5e+2"), ==, 150);
  /* division by zero and non-finite results are missing */
  assert_missing ("1 / 0", 0);
  assert_missing ("0 / 0", 0);
  assert_missing ("1 / (2 - 2) + 5", 0);
  /* booleans count as 0/1 */
  g_assert_cmpfloat (calc ("true + true * 2"), ==, 3);
  g_assert_true (truth ("active = 1", 0));
  /* comparisons of numbers */
  g_assert_true (truth ("2 <> 3", 0));
  g_assert_true (truth ("2 != 3", 0));
  g_assert_true (truth ("2 == 2", 0));
  g_assert_true (truth ("2 <= 2 and 2 >= 2 and 1 < 2 and 3 > 2", 0));
}

static void
test_missing (void)
{
  /* row 2: Quantity missing */
  assert_missing ("Quantity * UnitPrice", 2);
  assert_missing ("-Quantity", 2);
  g_assert_false (truth ("Quantity > 0", 2));
  g_assert_false (truth ("Quantity <= 0", 2));
  g_assert_false (truth ("Quantity != 1", 2));
  g_assert_true (truth ("not (Quantity > 0)", 2));     /* the comparison is false */
  g_assert_true (truth ("is_missing(Quantity)", 2));
  g_assert_false (truth ("is_missing(Quantity)", 0));
  /* three-valued and / or on a missing boolean (row 2) */
  g_assert_false (truth ("active and false", 2));
  g_assert_true (truth ("active or true", 2));
  g_assert_true (truth ("true or active", 2));
  assert_missing ("active and true", 2);
  assert_missing ("active or false", 2);
  assert_missing ("not active", 2);
  /* test_row: missing is not true */
  {
    g_autoptr(SegExpr) e = seg_expr_parse ("active and true", NULL);
    g_assert_true (seg_expr_bind_table (e, table, NULL));
    g_assert_true (seg_expr_test_table_row (e, table, 0));
    g_assert_false (seg_expr_test_table_row (e, table, 1));
    g_assert_false (seg_expr_test_table_row (e, table, 2));
  }
}

static void
test_dates (void)
{
  SegValue v;

  g_assert_cmpfloat (calc ("2025-01-31 - 2025-01-01"), ==, 30);
  v = eval_row ("2025-01-31 + 1", 0);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_DATE);
  g_assert_cmpfloat (v.num, ==, day (2025, 2, 1));
  v = eval_row ("2024-03-01 - 1", 0);                  /* leap year */
  g_assert_cmpint (v.kind, ==, SEG_VALUE_DATE);
  g_assert_cmpfloat (v.num, ==, day (2024, 2, 29));
  v = eval_row ("1 + 2025-12-31", 0);
  g_assert_cmpfloat (v.num, ==, day (2026, 1, 1));
  /* 2025-01-10 → 2025-03-01: 21 days left in January + 28 in February + 1 = 50;
   * the login at 18:00 counts as its calendar day */
  g_assert_cmpfloat (number_at ("days_between(signup, last_login)", 0), ==, 50);
  g_assert_cmpfloat (number_at ("last_login - signup", 0), ==, 50);
  g_assert_cmpfloat (number_at ("days_between(signup, last_login)", 1), ==, 0);
  assert_missing ("days_between(signup, last_login)", 2);
  g_assert_cmpfloat (calc ("days_between('2025-01-01', '2025-03-01')"), ==, 59);
  g_assert_cmpfloat (calc ("days_between(2024-01-01, 2025-01-01)"), ==, 366);
  /* text compared with a date column is read as a date */
  g_assert_false (truth ("signup > '2025-01-15'", 0));
  g_assert_false (truth ("signup > '2025-01-15'", 1));
  g_assert_false (truth ("signup > '2025-01-15'", 2));
  g_assert_true (truth ("signup > '2025-01-15'", 3));
  g_assert_true (truth ("signup >= 2025-01-15", 1));
  g_assert_true (truth ("'2025-01-15' = signup", 1));
  g_assert_true (truth ("last_login = 2025-03-01", 0));   /* 18:00 on that day */
  g_assert_true (truth ("last_login < '2025-03-02 00:00'", 0));
  g_assert_cmpfloat (number_at ("last_login - '2025-02-28'", 0), ==, 1);
  v = eval_row ("min(signup, 2025-01-12)", 0);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_DATE);
  g_assert_cmpfloat (v.num, ==, day (2025, 1, 10));
  v = eval_row ("max(signup, '2025-01-12')", 0);
  g_assert_cmpfloat (v.num, ==, day (2025, 1, 12));
}

static void
test_text (void)
{
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autofree char *country = NULL;
  SegValue v;

  g_assert_true (truth ("Country = 'DE'", 0));
  g_assert_false (truth ("Country = 'DE'", 1));
  g_assert_false (truth ("Country = 'DE'", 2));        /* missing */
  g_assert_false (truth ("Country = 'DE'", 3));        /* exact: "de" is not "DE" */
  g_assert_true (truth ("Country != \"DE\"", 1));
  g_assert_false (truth ("Country != 'DE'", 2));       /* missing: comparison false */
  g_assert_true (truth ("Country <> 'DE'", 3));
  g_assert_true (truth ("'it''s' = \"it's\"", 0));
  g_assert_true (truth ("'a\\'b' = \"a'b\"", 0));
  big = text_at ("if(Quantity > 1, 'big', 'small')", 0);
  small = text_at ("if(Quantity > 1, 'big', 'small')", 1);
  country = text_at ("Country", 1);
  g_assert_cmpstr (big, ==, "big");
  g_assert_cmpstr (small, ==, "small");
  g_assert_cmpstr (country, ==, "FR");
  v = eval_row ("Country", 2);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_MISSING);
}

static void
test_functions (void)
{
  g_assert_cmpfloat (calc ("log1p(0)"), ==, 0);
  g_assert_cmpfloat_with_epsilon (calc ("log1p(1.718281828459045)"), 1.0, 1e-12);
  g_assert_cmpfloat (calc ("sqrt(16)"), ==, 4);
  assert_missing ("sqrt(-1)", 0);
  assert_missing ("log1p(-1)", 0);                     /* −∞ */
  g_assert_cmpfloat (calc ("abs(-3.5)"), ==, 3.5);
  g_assert_cmpfloat (calc ("abs(2)"), ==, 2);
  g_assert_cmpfloat (calc ("min(3, 1, 2)"), ==, 1);
  g_assert_cmpfloat (calc ("max(3, 1, 2)"), ==, 3);
  g_assert_cmpfloat (calc ("max(-1, -5)"), ==, -1);
  /* min / max skip missing arguments */
  g_assert_cmpfloat (number_at ("max(Quantity, 1)", 2), ==, 1);
  g_assert_cmpfloat (number_at ("min(Quantity, UnitPrice, 9)", 0), ==, 1.5);
  assert_missing ("min(Quantity, UnitPrice * Quantity)", 2);
  g_assert_cmpfloat (calc ("if(true, 1, 2)"), ==, 1);
  g_assert_cmpfloat (calc ("if(1 > 2, 1, 2)"), ==, 2);
  g_assert_cmpfloat (number_at ("if(Quantity > 1, 10, 20)", 2), ==, 20); /* missing → else */
  g_assert_cmpfloat (number_at ("if(active, 1, true)", 1), ==, 1);      /* true as 1 */
  g_assert_true (truth ("is_missing(UnitPrice)", 3));
  g_assert_true (truth ("is_missing(1 / 0)", 0));
  /* function names are case-insensitive */
  g_assert_cmpfloat (calc ("SQRT(9) + Abs(-1) + MAX(1, 2) + Log1P(0)"), ==, 6);
  g_assert_cmpfloat (calc ("IF(TRUE, 5, 6)"), ==, 5);
}

static void
test_names (void)
{
  g_autoptr(SegExpr) e = seg_expr_parse ("b + a * b + `c d` - `Unit Price`", NULL);
  g_autoptr(GPtrArray) columns = seg_expr_get_columns (e);
  g_autofree char *plain = seg_expr_quote_name ("amount");
  g_autofree char *spaced = seg_expr_quote_name ("Unit Price");
  g_autofree char *keyword = seg_expr_quote_name ("And");
  g_autofree char *tick = seg_expr_quote_name ("weird`name");

  g_assert_cmpuint (columns->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (columns, 0), ==, "b");
  g_assert_cmpstr (g_ptr_array_index (columns, 1), ==, "a");
  g_assert_cmpstr (g_ptr_array_index (columns, 2), ==, "c d");
  g_assert_cmpstr (g_ptr_array_index (columns, 3), ==, "Unit Price");
  g_assert_cmpuint (seg_expr_get_kind (e), ==, SEG_VALUE_MISSING);   /* not bound */

  g_assert_cmpfloat (number_at ("`Unit Price` * 2", 1), ==, 40);
  g_assert_true (truth ("`Customer Name` = 'Bob'", 1));
  g_assert_cmpfloat (number_at ("`weird``name` + 1", 0), ==, 3);
  /* case-insensitive fallback */
  g_assert_cmpfloat (number_at ("quantity * UNITPRICE", 0), ==, 3);

  g_assert_cmpstr (plain, ==, "amount");
  g_assert_cmpstr (spaced, ==, "`Unit Price`");
  g_assert_cmpstr (keyword, ==, "`And`");
  g_assert_cmpstr (tick, ==, "`weird``name`");
  g_assert_cmpfloat (number_at (tick, 0), ==, 2);
}

static void
test_errors (void)
{
  assert_error ("", 1, "the expression is empty");
  assert_error ("   ", 4, "the expression is empty");
  assert_error ("1 +", 4, "ends too early");
  assert_error ("Quantity > 0 and", 17, "ends too early");
  assert_error ("min(1,", 7, "ends too early");
  assert_error ("(1 + 2", 1, "this “(” is never closed");
  assert_error ("((1 + 2) * 3", 1, "never closed");
  assert_error ("sqrt(4", 5, "never closed");
  assert_error ("1 + 2)", 6, "“)” without a matching “(”");
  assert_error ("()", 2, "unexpected “)”");
  assert_error ("1 2", 3, "unexpected “2” after a complete expression");
  assert_error ("Quantity > 0 Country", 14, "unexpected “Country”");
  assert_error ("(1 2)", 4, "expected an operator or “)”");
  assert_error ("sqrt(1 2)", 8, "expected “,” or “)”");
  assert_error ("1 # 2", 3, "unexpected “#”");
  assert_error ("1 ! 2", 3, "unexpected “!”");
  assert_error ("'abc", 1, "never closed");
  assert_error ("`abc", 1, "never closed");
  assert_error ("foo(1)", 1, "unknown function “foo”");
  assert_error ("2 * sqr(4)", 5, "unknown function “sqr”; did you mean “sqrt”?");
  assert_error ("sqrt(1, 2)", 1, "sqrt() takes 1 value, not 2");
  assert_error ("if(true, 1)", 1, "if() takes 3 values, not 2");
  assert_error ("min(1)", 1, "min() needs at least 2 values, not 1");
  assert_error ("log1p()", 1, "log1p() takes 1 value, not 0");
  assert_error ("Quantity + Quantit", 12,
                "unknown column “Quantit”; did you mean “Quantity”?");
  assert_error ("zzz_unrelated > 1", 1, "unknown column “zzz_unrelated”");
  /* characters, not bytes: “é” is one character but two bytes */
  assert_error ("'é' = Quantit", 7, "unknown column “Quantit”");
  assert_error ("1 < 2 < 3", 7, "comparisons cannot be chained");
  assert_error ("1 = 1 = 1", 7, "chained");
  /* type errors found at parse time … */
  assert_error ("\"text\" + 1", 8, "“+” cannot be used with text");
  assert_error ("not 5", 1, "“not” needs conditions");
  assert_error ("5 and true", 3, "“and” needs conditions");
  assert_error ("if(1, 2, 3)", 1, "must be a condition");
  assert_error ("if(true, 1, 'a')", 1, "one kind");
  assert_error ("2025-01-01 * 2", 12, "dates cannot be multiplied");
  assert_error ("2025-01-01 + 2025-01-02", 12, "two dates cannot be added");
  assert_error ("1 - 2025-01-01", 3, "subtracted from a number");
  assert_error ("2025-02-30 > 1", 1, "“2025-02-30” is not a date");
  assert_error ("sqrt('x')", 1, "sqrt() needs a number, not text");
  assert_error ("-'x'", 1, "needs a number");
  assert_error ("'a' < 'b'", 5, "text can only be compared with = or !=");
  /* a literal beyond the largest double is an error, not an infinite value
   * (found by build-aux/fuzz: tests/fuzz/corpus/expr/number-too-large) */
  assert_error ("Quantity * 1e400", 12, "the number “1e400” is too large");
  assert_error (".52621E644", 1, "the number “.52621E644” is too large");
  assert_error ("2 > 1234567890123456789012345e300", 5,
                "the number “123456789012345678901234…” is too large");
  /* … and at bind time */
  assert_error ("Quantity > 'x'", 10, "cannot compare a number with text");
  assert_error ("Country = 1", 9, "cannot compare text with a number");
  assert_error ("Country + 1", 9, "cannot be used with text");
  assert_error ("signup > 'yesterday'", 10, "“yesterday” is not a date");
  assert_error ("signup > 5", 8, "cannot compare a date with a number");
  assert_error ("days_between(signup, 3)", 1, "needs two dates");
  assert_error ("max(signup, 3)", 1, "cannot mix dates and numbers");
  assert_error ("Quantity and true", 10, "needs conditions");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) long_sum = g_string_new ("1");
  g_autoptr(GError) error = NULL;
  g_autoptr(SegExpr) e = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (deep, '(');
  g_string_append_c (deep, '1');
  e = seg_expr_parse (deep->str, &error);
  g_assert_null (e);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_clear_error (&error);

  for (guint i = 0; i < 5000; i++)
    g_string_append (long_sum, " + 1");
  e = seg_expr_parse (long_sum->str, &error);
  g_assert_null (e);
  g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
  g_clear_error (&error);

  /* a hundred terms are fine */
  g_string_truncate (long_sum, 1 + 99 * 4);
  g_assert_cmpfloat (calc (long_sum->str), ==, 100);
}

static void
test_assignment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegExpr) ratio = NULL;
  g_autoptr(SegExpr) score = NULL;
  g_autoptr(SegExpr) spaced = NULL;
  g_autofree char *ratio_name = NULL;
  g_autofree char *score_name = NULL;
  g_autofree char *spaced_name = NULL;
  SegValue v;

  g_assert_true (seg_expr_parse_assignment ("SpendingRatio = MonthlySpending / Income",
                                            &ratio_name, &ratio, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ratio_name, ==, "SpendingRatio");
  g_assert_cmpstr (seg_expr_get_text (ratio), ==, "MonthlySpending / Income");
  g_assert_true (seg_expr_bind_table (ratio, table, &error));
  g_assert_cmpint (seg_expr_get_kind (ratio), ==, SEG_VALUE_NUMBER);
  /* 500 / 2000, 1200 / 4000, 300 / 0 (missing), 0 / missing */
  seg_expr_eval_table_row (ratio, table, 0, &v);
  g_assert_cmpfloat_with_epsilon (v.num, 0.25, EPS);
  seg_expr_eval_table_row (ratio, table, 1, &v);
  g_assert_cmpfloat_with_epsilon (v.num, 0.3, EPS);
  seg_expr_eval_table_row (ratio, table, 2, &v);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_MISSING);
  seg_expr_eval_table_row (ratio, table, 3, &v);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_MISSING);

  g_assert_true (seg_expr_parse_assignment ("EngagementScore=AppUsageScore * 2 - SupportCalls",
                                            &score_name, &score, &error));
  g_assert_cmpstr (score_name, ==, "EngagementScore");
  g_assert_true (seg_expr_bind_table (score, table, &error));
  /* 7·2 − 2 = 12, 3.5·2 − 0 = 7, 9·2 − 5 = 13, missing */
  seg_expr_eval_table_row (score, table, 0, &v);
  g_assert_cmpfloat (v.num, ==, 12);
  seg_expr_eval_table_row (score, table, 1, &v);
  g_assert_cmpfloat (v.num, ==, 7);
  seg_expr_eval_table_row (score, table, 2, &v);
  g_assert_cmpfloat (v.num, ==, 13);
  seg_expr_eval_table_row (score, table, 3, &v);
  g_assert_cmpint (v.kind, ==, SEG_VALUE_MISSING);

  g_assert_true (seg_expr_parse_assignment ("`Line Total` = Quantity * UnitPrice",
                                            &spaced_name, &spaced, &error));
  g_assert_cmpstr (spaced_name, ==, "Line Total");
  g_assert_true (seg_expr_bind_table (spaced, table, &error));
  seg_expr_eval_table_row (spaced, table, 0, &v);
  g_assert_cmpfloat (v.num, ==, 3);
}

static void
assert_assignment_error (const char *text,
                         guint       position,
                         const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegExpr) expr = NULL;
  g_autofree char *name = NULL;

  if (seg_expr_parse_assignment (text, &name, &expr, &error))
    {
      g_assert_nonnull (expr);
      g_assert_false (seg_expr_bind_table (expr, table, &error));
    }
  g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s”: got “%s”, wanted “%s”", text, error->message, fragment);
  g_assert_cmpuint (seg_expr_error_position (error), ==, position);
}

static void
test_assignment_errors (void)
{
  assert_assignment_error ("= 1", 1, "expected the name");
  assert_assignment_error ("x == 1", 3, "expected “=”");
  assert_assignment_error ("x 1", 3, "expected “=”");
  assert_assignment_error ("x =  ", 6, "empty");
  /* positions count from the start of the whole assignment */
  assert_assignment_error ("x = 1 +", 8, "ends too early");
  assert_assignment_error ("Ratio = Spend / Income", 9, "unknown column “Spend”");
}

typedef struct
{
  double x, y;
} Point;

static gboolean
resolve_point (const char    *name,
               guint         *index,
               SegColumnType *type,
               gpointer       user_data)
{
  if (strcmp (name, "x") != 0 && strcmp (name, "y") != 0)
    return FALSE;
  *index = name[0] == 'x' ? 0 : 1;
  *type = SEG_COLUMN_NUMBER;
  return TRUE;
}

static void
fetch_point (guint     index,
             gpointer  row,
             SegValue *out)
{
  const Point *p = row;

  out->kind = SEG_VALUE_NUMBER;
  out->num = index == 0 ? p->x : p->y;
}

static void
test_callbacks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegExpr) e = seg_expr_parse ("sqrt(x * x + y * y)", &error);
  g_autoptr(SegExpr) bad = seg_expr_parse ("x + zzz", &error);
  const char *known[] = { "x", "y", "zz", NULL };
  Point p = { 3, 4 }, q = { NAN, 1 };
  SegValue v;

  g_assert_true (seg_expr_bind (e, resolve_point, NULL, &error));
  g_assert_no_error (error);
  seg_expr_eval (e, fetch_point, &p, &v);
  g_assert_cmpfloat (v.num, ==, 5);
  seg_expr_eval (e, fetch_point, &q, &v);              /* NAN counts as missing */
  g_assert_cmpint (v.kind, ==, SEG_VALUE_MISSING);

  g_assert_false (seg_expr_bind_full (bad, resolve_point, NULL, known, &error));
  g_assert_cmpuint (seg_expr_error_position (error), ==, 5);
  g_assert_nonnull (strstr (error->message, "did you mean “zz”?"));
}

/* The same expression re-bound: a text literal is a date for a date column
 * and plain text for a text column. */
static void
test_rebind (void)
{
  g_autoptr(SegTable) dates = seg_table_new ("dates.csv");
  g_autoptr(SegTable) texts = seg_table_new ("texts.csv");
  g_autoptr(SegExpr) e = seg_expr_parse ("d = '2025-01-01'", NULL);
  const double d[] = { day (2025, 1, 1) + 0.5 };
  const char *t[] = { "2025-01-01 12:00" };

  add_numbers (dates, "d", SEG_COLUMN_DATE, d, 1);
  add_texts (texts, "d", t, 1);
  g_assert_true (seg_expr_bind_table (e, dates, NULL));
  g_assert_true (seg_expr_test_table_row (e, dates, 0));
  g_assert_true (seg_expr_bind_table (e, texts, NULL));
  g_assert_false (seg_expr_test_table_row (e, texts, 0));
  g_assert_true (seg_expr_bind_table (e, dates, NULL));
  g_assert_true (seg_expr_test_table_row (e, dates, 0));
}

static void
test_parse_date (void)
{
  double days = 0;

  g_assert_true (seg_expr_parse_date ("2025-01-31", &days));
  g_assert_cmpfloat (days, ==, day (2025, 1, 31));
  g_assert_true (seg_expr_parse_date ("2025-01-31 12:00", &days));
  g_assert_cmpfloat (days, ==, day (2025, 1, 31) + 0.5);
  g_assert_true (seg_expr_parse_date ("2025-01-31T06:00:00", &days));
  g_assert_cmpfloat (days, ==, day (2025, 1, 31) + 0.25);
  g_assert_false (seg_expr_parse_date ("2025-13-01", &days));
  g_assert_false (seg_expr_parse_date ("2023-02-29", &days));
  g_assert_false (seg_expr_parse_date ("31/01/2025", &days));
  g_assert_false (seg_expr_parse_date ("2025-01-31 25:00", &days));
  g_assert_false (seg_expr_parse_date ("2025-01-31x", &days));
}

/* A numeric filter over a million rows, against a plain loop. */
static void
test_many_rows (void)
{
  const guint64 n = 1000000;
  g_autoptr(SegTable) big = seg_table_new ("big.csv");
  g_autoptr(SegExpr) e = seg_expr_parse ("a > 0.5 and b < 3 or is_missing(a)", NULL);
  double *a = g_new (double, n), *b = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint64 expected = 0, got = 0;
  gint64 start;

  for (guint64 i = 0; i < n; i++)
    {
      a[i] = i % 97 == 0 ? NAN : g_rand_double (rand);
      b[i] = g_rand_double_range (rand, 0, 6);
      expected += isnan (a[i]) || (a[i] > 0.5 && b[i] < 3);
    }
  seg_table_add_column (big, "a", SEG_COLUMN_NUMBER, n, a, NULL);
  seg_table_add_column (big, "b", SEG_COLUMN_NUMBER, n, b, NULL);
  g_assert_true (seg_expr_bind_table (e, big, NULL));
  start = g_get_monotonic_time ();
  for (guint64 i = 0; i < n; i++)
    got += seg_expr_test_table_row (e, big, i);
  g_test_message ("1e6 rows filtered in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (got, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  table = make_table ();
  g_test_add_func ("/expr/precedence", test_precedence);
  g_test_add_func ("/expr/arithmetic", test_arithmetic);
  g_test_add_func ("/expr/missing", test_missing);
  g_test_add_func ("/expr/dates", test_dates);
  g_test_add_func ("/expr/text", test_text);
  g_test_add_func ("/expr/functions", test_functions);
  g_test_add_func ("/expr/names", test_names);
  g_test_add_func ("/expr/errors", test_errors);
  g_test_add_func ("/expr/deep-nesting", test_deep_nesting);
  g_test_add_func ("/expr/assignment", test_assignment);
  g_test_add_func ("/expr/assignment-errors", test_assignment_errors);
  g_test_add_func ("/expr/callbacks", test_callbacks);
  g_test_add_func ("/expr/rebind", test_rebind);
  g_test_add_func ("/expr/parse-date", test_parse_date);
  g_test_add_func ("/expr/many-rows", test_many_rows);
  status = g_test_run ();
  seg_table_unref (table);
  return status;
}
