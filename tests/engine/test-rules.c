/* test-rules.c — rule sets: the fintech rules, first match, notices, the text
 * format, editing and the per-segment summaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected segments and figures are worked out by hand in the comments.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "seg-error.h"
#include "seg-rules.h"
#include "seg-table-private.h"
#include "seg-test-util.h"

#define EPS 1e-9
#define N_ROWS 12

enum { NEW, INACTIVE, POWER, HIGH_VALUE, BUDGET, OTHERS };

/* customer id, days since registration, transactions, total spent, days since login, age */
static const double customers_data[N_ROWS][6] = {
  { 101, 10, 1, 50, 5, 25 },            /* New Customer */
  { 102, 10, 2, 50, 100, 35 },          /* not new (2 txns); inactive (100 > 90) */
  { 103, 400, 25, 20000, 100, 45 },     /* inactive wins over power user: first match */
  { 104, 400, 25, 20000, 10, 30 },      /* Power User */
  { 105, 400, 5, 10000, 10, 50 },       /* High-Value: 10000 and 5, both boundaries */
  { 106, 400, 4, 12000, 10, 40 },       /* 4 txns: not high value; > 5000: not budget */
  { 107, 400, 3, 1000, 10, 28 },        /* Budget, lower boundary */
  { 108, 400, 3, 5000, 10, 33 },        /* Budget, upper boundary */
  { 109, 400, 3, 5000.01, 10, NAN },    /* just over budget: Others; age missing */
  { 110, NAN, 0, 0, NAN, 60 },          /* missing dates: no comparison holds → Others */
  { 111, 30, 0, 0, 95, 22 },            /* New (30 ≤ 30) before Inactive */
  { 112, 31, 0, 999.99, 90, 41 },       /* 31 days, 90 is not > 90, under 1000: Others */
};

static const guint expected_segments[N_ROWS] = {
  NEW, INACTIVE, INACTIVE, POWER, HIGH_VALUE, OTHERS,
  BUDGET, BUDGET, OTHERS, OTHERS, NEW, OTHERS,
};

static SegTable *
make_customers (gboolean with_login)
{
  static const char *names[] = {
    "customer_id", "days_since_registration", "txn_count", "total_spent",
    "days_since_login", "age",
  };
  SegTable *t = seg_table_new ("customers.csv");
  char **text = g_new0 (char *, N_ROWS);

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      double *v = g_new (double, N_ROWS);
      SegColumn *column;

      if (c == 4 && !with_login)
        {
          g_free (v);
          continue;
        }
      for (guint r = 0; r < N_ROWS; r++)
        v[r] = customers_data[r][c];
      column = seg_table_add_column (t, names[c], SEG_COLUMN_NUMBER, N_ROWS, v, NULL);
      if (c == 0)
        seg_column_set_role (column, SEG_FIELD_CUSTOMER_ID);
    }
  for (guint r = 0; r < N_ROWS; r++)
    text[r] = g_strdup_printf ("Customer %u", r + 1);
  seg_table_add_column (t, "customer_name", SEG_COLUMN_TEXT, N_ROWS, NULL, text);
  return t;
}

static void
test_default_set (void)
{
  g_autoptr(SegRuleSet) set = seg_rule_set_new_default ();

  g_assert_cmpuint (seg_rule_set_get_n_rules (set), ==, 5);
  g_assert_cmpstr (seg_rule_set_get_name (set, 0), ==, "New Customer");
  g_assert_cmpstr (seg_rule_set_get_condition (set, 0), ==,
                   "days_since_registration <= 30 and txn_count < 2");
  g_assert_cmpstr (seg_rule_set_get_name (set, 1), ==, "Inactive Customer");
  g_assert_cmpstr (seg_rule_set_get_condition (set, 1), ==, "days_since_login > 90");
  g_assert_cmpstr (seg_rule_set_get_name (set, 2), ==, "Power User");
  g_assert_cmpstr (seg_rule_set_get_condition (set, 2), ==, "txn_count > 20");
  g_assert_cmpstr (seg_rule_set_get_name (set, 3), ==, "High-Value Customer");
  g_assert_cmpstr (seg_rule_set_get_condition (set, 3), ==,
                   "total_spent >= 10000 and txn_count >= 5");
  g_assert_cmpstr (seg_rule_set_get_name (set, 4), ==, "Budget Customer");
  g_assert_cmpstr (seg_rule_set_get_condition (set, 4), ==,
                   "total_spent >= 1000 and total_spent <= 5000");
  g_assert_cmpstr (seg_rule_set_get_default_name (set), ==, "Others");
}

static void
test_fintech_segments (void)
{
  g_autoptr(SegTable) t = make_customers (TRUE);
  g_autoptr(SegRuleSet) set = seg_rule_set_new_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleResult) result = seg_rule_set_apply (set, t, &error);
  const guint64 counts[] = { 2, 2, 1, 1, 2, 4 };

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->n_rows, ==, N_ROWS);
  g_assert_cmpuint (result->n_segments, ==, 6);
  g_assert_cmpstr (result->names[OTHERS], ==, "Others");
  g_assert_cmpstr (result->names[POWER], ==, "Power User");
  g_assert_null (result->names[6]);
  for (guint r = 0; r < N_ROWS; r++)
    g_assert_cmpuint (result->labels[r], ==, expected_segments[r]);
  for (guint k = 0; k < 6; k++)
    {
      g_assert_cmpuint (result->counts[k], ==, counts[k]);
      g_assert_false (result->skipped[k]);
    }
  g_assert_cmpuint (result->notices->len, ==, 0);
}

static void
got_async_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (res);
}

static GAsyncResult *
wait_for (GAsyncResult **res)
{
  while (*res == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *res;
}

/* On a worker: the same segments as the hand-checked fintech case, from a
 * copy taken at the call (removing a rule afterwards changes nothing), and a
 * cancelled count says so. */
static void
test_apply_async (void)
{
  g_autoptr(SegTable) t = make_customers (TRUE);
  g_autoptr(SegRuleSet) set = seg_rule_set_new_default ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleResult) result = NULL;
  g_autoptr(SegRuleResult) none = NULL;
  GAsyncResult *res = NULL, *res2 = NULL;
  const guint64 counts[] = { 2, 2, 1, 1, 2, 4 };

  seg_rule_set_apply_async (set, t, NULL, got_async_cb, &res);
  seg_rule_set_remove (set, 0);
  result = seg_rule_set_apply_finish (wait_for (&res), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_segments, ==, 6);
  for (guint r = 0; r < N_ROWS; r++)
    g_assert_cmpuint (result->labels[r], ==, expected_segments[r]);
  for (guint k = 0; k < 6; k++)
    g_assert_cmpuint (result->counts[k], ==, counts[k]);

  g_cancellable_cancel (cancelled);
  seg_rule_set_apply_async (set, t, cancelled, got_async_cb, &res2);
  none = seg_rule_set_apply_finish (wait_for (&res2), &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (res);
  g_object_unref (res2);
}

static void
test_first_match_wins (void)
{
  g_autoptr(SegTable) t = make_customers (TRUE);
  g_autoptr(SegRuleSet) set = seg_rule_set_new_default ();
  g_autoptr(SegRuleResult) result = NULL;

  /* Power User first: customer 103 (25 transactions, inactive) moves to it */
  seg_rule_set_move (set, 2, 0);
  g_assert_cmpstr (seg_rule_set_get_name (set, 0), ==, "Power User");
  g_assert_cmpstr (seg_rule_set_get_name (set, 1), ==, "New Customer");
  g_assert_cmpstr (seg_rule_set_get_name (set, 2), ==, "Inactive Customer");
  result = seg_rule_set_apply (set, t, NULL);
  g_assert_cmpuint (result->labels[2], ==, 0);
  g_assert_cmpuint (result->labels[3], ==, 0);
  g_assert_cmpuint (result->counts[0], ==, 2);           /* Power User */
  g_assert_cmpuint (result->counts[2], ==, 1);           /* Inactive: only 102 */
  g_clear_pointer (&result, seg_rule_result_free);

  /* an always-true rule at the front takes everyone; the default is empty */
  g_assert_true (seg_rule_set_insert (set, 0, "Everyone", "true", NULL));
  result = seg_rule_set_apply (set, t, NULL);
  g_assert_cmpuint (result->counts[0], ==, N_ROWS);
  g_assert_cmpuint (result->counts[result->n_segments - 1], ==, 0);
}

static void
test_missing_column (void)
{
  g_autoptr(SegTable) t = make_customers (FALSE);
  g_autoptr(SegRuleSet) set = seg_rule_set_new_default ();
  g_autoptr(SegRuleResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_rule_set_add (set, "Ghost", "a > 1 and txn_count > 0 or b = 2", NULL));
  result = seg_rule_set_apply (set, t, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->notices->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (result->notices, 0), ==,
                   "Rule “Inactive Customer” skipped: column “days_since_login” is not in the data");
  g_assert_cmpstr (g_ptr_array_index (result->notices, 1), ==,
                   "Rule “Ghost” skipped: columns “a”, “b” are not in the data");
  g_assert_true (result->skipped[INACTIVE]);
  g_assert_true (result->skipped[5]);
  g_assert_false (result->skipped[NEW]);
  g_assert_cmpuint (result->counts[INACTIVE], ==, 0);
  /* without the Inactive rule, 102 falls through to the default and
   * 103 becomes a Power User */
  g_assert_cmpuint (result->labels[1], ==, 6);
  g_assert_cmpuint (result->labels[2], ==, POWER);
  g_assert_cmpuint (result->labels[10], ==, NEW);
}

static void
test_type_error (void)
{
  g_autoptr(SegTable) t = make_customers (TRUE);
  g_autoptr(SegRuleSet) set = seg_rule_set_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (seg_rule_set_add (set, "Bad", "customer_name > 5", NULL));
  g_assert_null (seg_rule_set_apply (set, t, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
  g_assert_cmpstr (error->message, ==,
                   "Rule “Bad”: at character 15: cannot compare text with a number");
  g_clear_error (&error);

  /* text conditions work with = */
  g_assert_true (seg_rule_set_set_condition (set, 0, "customer_name = 'Customer 3'", NULL));
  {
    g_autoptr(SegRuleResult) result = seg_rule_set_apply (set, t, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->counts[0], ==, 1);
    g_assert_cmpuint (result->labels[2], ==, 0);
  }
}

static void
test_editing (void)
{
  g_autoptr(SegRuleSet) set = seg_rule_set_new ();
  g_autoptr(SegRuleSet) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (seg_rule_set_get_n_rules (set), ==, 0);
  g_assert_true (seg_rule_set_add (set, "  Big  ", "  total_spent > 100  ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seg_rule_set_get_name (set, 0), ==, "Big");
  g_assert_cmpstr (seg_rule_set_get_condition (set, 0), ==, "total_spent > 100");
  g_assert_true (seg_rule_set_insert (set, 0, "Small", "total_spent < 10", NULL));
  g_assert_cmpint (seg_rule_set_find (set, "big"), ==, 1);
  g_assert_cmpint (seg_rule_set_find (set, "nope"), ==, -1);

  g_assert_false (seg_rule_set_add (set, "BIG", "true", &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (seg_rule_set_add (set, "   ", "true", &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (seg_rule_set_add (set, "others", "true", &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (seg_rule_set_add (set, "Broken", "total_spent >", &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
  g_assert_cmpuint (seg_expr_error_position (error), ==, 14);
  g_clear_error (&error);
  g_assert_false (seg_rule_set_add (set, "Two lines", "a > 1\nor b", &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION);
  g_clear_error (&error);
  g_assert_cmpuint (seg_rule_set_get_n_rules (set), ==, 2);

  /* a failed change keeps the old condition */
  g_assert_false (seg_rule_set_set_condition (set, 0, "(", &error));
  g_clear_error (&error);
  g_assert_cmpstr (seg_rule_set_get_condition (set, 0), ==, "total_spent < 10");
  g_assert_true (seg_rule_set_set_condition (set, 0, "total_spent < 20", NULL));
  g_assert_cmpstr (seg_rule_set_get_condition (set, 0), ==, "total_spent < 20");

  /* renaming: a rule may keep its own name, not take another's */
  g_assert_true (seg_rule_set_set_name (set, 0, "small", NULL));
  g_assert_false (seg_rule_set_set_name (set, 0, "Big", &error));
  g_clear_error (&error);
  g_assert_cmpstr (seg_rule_set_get_name (set, 0), ==, "small");
  g_assert_false (seg_rule_set_set_default_name (set, "big", &error));
  g_clear_error (&error);
  g_assert_true (seg_rule_set_set_default_name (set, "Rest", NULL));

  copy = seg_rule_set_copy (set);
  seg_rule_set_remove (set, 0);
  seg_rule_set_move (copy, 1, 0);
  g_assert_cmpuint (seg_rule_set_get_n_rules (set), ==, 1);
  g_assert_cmpstr (seg_rule_set_get_name (set, 0), ==, "Big");
  g_assert_cmpuint (seg_rule_set_get_n_rules (copy), ==, 2);
  g_assert_cmpstr (seg_rule_set_get_name (copy, 0), ==, "Big");
  g_assert_cmpstr (seg_rule_set_get_name (copy, 1), ==, "small");
  g_assert_cmpstr (seg_rule_set_get_default_name (copy), ==, "Rest");
}

static void
assert_same_sets (const SegRuleSet *a,
                  const SegRuleSet *b)
{
  g_assert_cmpuint (seg_rule_set_get_n_rules (a), ==, seg_rule_set_get_n_rules (b));
  for (guint i = 0; i < seg_rule_set_get_n_rules (a); i++)
    {
      g_assert_cmpstr (seg_rule_set_get_name (a, i), ==, seg_rule_set_get_name (b, i));
      g_assert_cmpstr (seg_rule_set_get_condition (a, i), ==, seg_rule_set_get_condition (b, i));
    }
  g_assert_cmpstr (seg_rule_set_get_default_name (a), ==, seg_rule_set_get_default_name (b));
}

static void
test_round_trip (void)
{
  g_autoptr(SegRuleSet) set = seg_rule_set_new_default ();
  g_autoptr(SegRuleSet) back = NULL;
  g_autoptr(SegRuleSet) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "rules.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "absent.txt", NULL);

  g_assert_true (seg_rule_set_add (set, "Ratio: high", "total_spent / txn_count > 500", NULL));
  g_assert_true (seg_rule_set_add (set, "default", "txn_count = 0", NULL));
  g_assert_true (seg_rule_set_add (set, "#1 Fans", "`Fan Score` >= 9", NULL));
  g_assert_true (seg_rule_set_add (set, "Say \"hi\"", "name = 'a: \"b\" # c'", NULL));
  g_assert_true (seg_rule_set_add (set, "Others", "true", NULL) == FALSE);
  g_assert_true (seg_rule_set_set_default_name (set, "Everyone: else", NULL));
  g_assert_true (seg_rule_set_add (set, "Others", "false", NULL));

  text = seg_rule_set_to_string (set);
  g_assert_true (g_str_has_prefix (text, "# "));
  g_assert_nonnull (strstr (text, "\nNew Customer: days_since_registration <= 30 and txn_count < 2\n"));
  g_assert_nonnull (strstr (text, "\n\"Ratio: high\": total_spent / txn_count > 500\n"));
  g_assert_nonnull (strstr (text, "\n\"default\": txn_count = 0\n"));
  g_assert_nonnull (strstr (text, "\n\"#1 Fans\": `Fan Score` >= 9\n"));
  g_assert_nonnull (strstr (text, "\n\"Say \"\"hi\"\"\": name = 'a: \"b\" # c'\n"));
  g_assert_true (g_str_has_suffix (text, "\nOthers: false\ndefault: Everyone: else\n"));

  back = seg_rule_set_parse (text, "rules.txt", &error);
  g_assert_no_error (error);
  assert_same_sets (set, back);

  g_assert_true (seg_rule_set_save_file (set, path, &error));
  g_assert_no_error (error);
  loaded = seg_rule_set_load_file (path, &error);
  g_assert_no_error (error);
  assert_same_sets (set, loaded);
  g_assert_null (seg_rule_set_load_file (missing, &error));
  g_assert_error (error, SEG_ERROR, SEG_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));

  g_remove (path);
  seg_test_rmdir_recursive (dir);
}

static void
test_parse_format (void)
{
  /* BOM, CRLF, comments, blank lines, the default line first and in any case */
  const char *text = "\xEF\xBB\xBF# my rules\r\n"
                     "DEFAULT:   Rest  \r\n"
                     "\r\n"
                     "   # indented comment\r\n"
                     "Others : txn_count > 20\r\n"
                     "  Big spenders:total_spent>=10000\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleSet) set = seg_rule_set_parse (text, "r.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (seg_rule_set_get_n_rules (set), ==, 2);
  g_assert_cmpstr (seg_rule_set_get_name (set, 0), ==, "Others");
  g_assert_cmpstr (seg_rule_set_get_condition (set, 0), ==, "txn_count > 20");
  g_assert_cmpstr (seg_rule_set_get_name (set, 1), ==, "Big spenders");
  g_assert_cmpstr (seg_rule_set_get_condition (set, 1), ==, "total_spent>=10000");
  g_assert_cmpstr (seg_rule_set_get_default_name (set), ==, "Rest");
}

static void
assert_parse_error (const char *text,
                    int         code,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SegRuleSet) set = seg_rule_set_parse (text, "rules.txt", &error);

  g_assert_null (set);
  g_assert_error (error, SEG_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_parse_errors (void)
{
  assert_parse_error ("New: x >\n", SEG_ERROR_EXPRESSION,
                      "rules.txt:1:9: rule “New”: the expression ends too early");
  /* column 28 counts the whole line: the second “20” */
  assert_parse_error ("# rules\nNew: x > 1\nPower User: txn_count > 20 20\n",
                      SEG_ERROR_EXPRESSION,
                      "rules.txt:3:28: rule “Power User”: unexpected “20” after a complete expression");
  assert_parse_error ("A: foo(1)", SEG_ERROR_EXPRESSION,
                      "rules.txt:1:4: rule “A”: unknown function “foo”");
  /* characters, not bytes */
  assert_parse_error ("Café: prix >", SEG_ERROR_EXPRESSION,
                      "rules.txt:1:13: rule “Café”: the expression ends too early");
  assert_parse_error ("A:", SEG_ERROR_EXPRESSION,
                      "rules.txt:1:3: rule “A”: the expression is empty");
  assert_parse_error ("A: x > 1\n  no colon here\n", SEG_ERROR_PARSE,
                      "rules.txt:2:3: expected “Segment name: condition” or “default: Segment name”");
  assert_parse_error ("A: x > 1\na: y > 1\n", SEG_ERROR_PARSE,
                      "rules.txt:2:1: There is already a segment named “A”");
  assert_parse_error ("default: X\nA: x > 1\ndefault: Y\n", SEG_ERROR_PARSE,
                      "rules.txt:3:1: the default segment is named twice");
  assert_parse_error ("default: A\nA: x > 1\n", SEG_ERROR_PARSE,
                      "rules.txt:2:1: “A” is the name of the segment for everyone else");
  assert_parse_error ("\"A: x > 1\n", SEG_ERROR_PARSE,
                      "rules.txt:1:1: this quoted name is never closed");
  assert_parse_error ("\"A\" x > 1\n", SEG_ERROR_PARSE,
                      "rules.txt:1:1: expected “Segment name: condition” or “default: Segment name”");
  assert_parse_error ("A: x > 1\nB: \xff\n", SEG_ERROR_ENCODING,
                      "rules.txt:2: the rules are not UTF-8 text");
}

static void
test_top_rows (void)
{
  g_autoptr(SegTable) t = make_customers (TRUE);
  g_autoptr(SegRuleSet) set = seg_rule_set_new_default ();
  g_autoptr(SegRuleResult) result = seg_rule_set_apply (set, t, NULL);
  g_autoptr(GArray) top = NULL;

  /* top spenders among Others: 106 (12000), 109 (5000.01), 112 (999.99) */
  top = seg_rules_segment_top_rows (t, result->labels, OTHERS, "total_spent", 3);
  g_assert_cmpuint (top->len, ==, 3);
  g_assert_cmpuint (g_array_index (top, guint64, 0), ==, 5);
  g_assert_cmpuint (g_array_index (top, guint64, 1), ==, 8);
  g_assert_cmpuint (g_array_index (top, guint64, 2), ==, 11);
  g_assert_null (seg_rules_segment_top_rows (t, result->labels, OTHERS, "customer_name", 3));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules/default-set", test_default_set);
  g_test_add_func ("/rules/fintech-segments", test_fintech_segments);
  g_test_add_func ("/rules/first-match-wins", test_first_match_wins);
  g_test_add_func ("/rules/apply-async", test_apply_async);
  g_test_add_func ("/rules/missing-column", test_missing_column);
  g_test_add_func ("/rules/type-error", test_type_error);
  g_test_add_func ("/rules/editing", test_editing);
  g_test_add_func ("/rules/round-trip", test_round_trip);
  g_test_add_func ("/rules/parse-format", test_parse_format);
  g_test_add_func ("/rules/parse-errors", test_parse_errors);
  g_test_add_func ("/rules/top-rows", test_top_rows);
  return g_test_run ();
}
