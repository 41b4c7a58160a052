/* test-cli.c — segmenta-cli as scripts use it (DESIGN.md "The CLI contract")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "seg-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  run->status = seg_test_run_cli_valist (&run->out, &run->err, first, args);
  va_end (args);
}
static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static guint
count_lines (const char *text)
{
  guint n = 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_samples_outputs (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "report", NULL);
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  g_autofree char *t = g_build_filename (seg_test_source_root (), "data/samples/fintech/transactions.csv", NULL);
  g_autofree char *a = g_build_filename (seg_test_source_root (), "data/samples/fintech/activity.csv", NULL);
  g_autofree char *customers = NULL, *segments = NULL, *summary = NULL;
  g_autofree char *customers2 = NULL, *summary2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  JsonObject *root;

  run_cli (&run, c, t, a, "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  customers = read_file (out, "customers.csv");
  segments = read_file (out, "segments.csv");
  summary = read_file (out, "summary.json");
  g_assert_true (g_str_has_prefix (customers, "customer_id,"));
  g_assert_cmpuint (count_lines (customers), ==, 301);   /* header + 300 customers */
  g_assert_nonnull (strstr (segments, "rules,Power User,"));

  json_parser_load_from_data (parser, summary, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2025-09-14");
  g_assert_cmpint (json_object_get_int_member (root, "customers"), ==, 300);
  g_assert_true (json_object_has_member (root, "rules"));
  g_assert_true (json_object_has_member (root, "rfm"));
  g_assert_true (json_object_has_member (root, "kmeans"));
  g_assert_true (json_object_has_member (root, "pca"));
  /* a dated transaction log: cohort retention, the same in both files */
  {
    g_autofree char *cohorts = read_file (out, "cohorts.csv");
    JsonObject *first = json_array_get_object_element (json_object_get_array_member (root, "cohorts"), 0);
    g_autofree char *row = g_strdup_printf ("\n%s,0,%" G_GINT64_FORMAT ",1\n",
                                            json_object_get_string_member (first, "cohort"),
                                            json_object_get_int_member (first, "customers"));

    g_assert_true (g_str_has_prefix (cohorts, "cohort,months_since_first,customers,retention\n"));
    g_assert_nonnull (strstr (cohorts, row));
  }
  /* the sample's dirty rows are warnings that name file, line and column */
  g_assert_nonnull (strstr (run.err, "transactions.csv:"));
  g_assert_nonnull (strstr (run.err, "warning"));

  /* same inputs and seed: byte-identical outputs */
  run_cli (&again, c, t, a, "--out", out, NULL);
  g_assert_cmpint (again.status, ==, 0);
  customers2 = read_file (out, "customers.csv");
  summary2 = read_file (out, "summary.json");
  g_assert_cmpstr (customers, ==, customers2);
  g_assert_cmpstr (summary, ==, summary2);
  seg_test_rmdir_recursive (dir);
}

static void
test_metrics_only (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *f = seg_test_fixture_path ("dataset/lines.csv");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *root, *input;

  run_cli (&run, f, "--method", "metrics", "--where", "Quantity > 0", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_has_member (root, "rules"));
  g_assert_true (json_object_has_member (root, "cohorts"));
  input = json_array_get_object_element (json_object_get_array_member (root, "inputs"), 0);
  g_assert_cmpstr (json_object_get_string_member (input, "role"), ==, "transactions");
  g_assert_cmpint (json_object_get_int_member (input, "rows"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (input, "skipped"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (input, "filtered"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (input, "no_customer_id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (input, "proposal"), ==, "amount = Quantity * UnitPrice");
  seg_test_rmdir_recursive (dir);
}

static void
test_bad_file_leaves_folder (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *keep = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (keep, "old\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "id,amount\n1,\"5\n2,3\n", -1, NULL));
  run_cli (&run, bad, "--out", dir, NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* FILE:LINE:COLUMN: message */
  g_assert_true (g_str_has_prefix (run.err, bad));
  g_assert_true (g_str_has_prefix (run.err + strlen (bad), ":2:"));
  g_assert_true (g_file_get_contents (keep, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "old\n");
  seg_test_rmdir_recursive (dir);
}

static void
test_usage_errors (void)
{
  g_autofree char *f = seg_test_fixture_path ("dataset/lines.csv");
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(Run) d = { 0 };

  run_cli (&a, NULL);
  g_assert_cmpint (a.status, ==, 2);
  run_cli (&b, f, "--method", "magic", NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "magic"));
  run_cli (&c, f, "--k-range", "5..2", NULL);
  g_assert_cmpint (c.status, ==, 2);
  /* an expression error is bad input, and points at the character */
  run_cli (&d, f, "--where", "Quantty > 0", NULL);
  g_assert_cmpint (d.status, ==, 1);
  g_assert_nonnull (strstr (d.err, "Quantty"));
  g_assert_nonnull (strstr (d.err, "character 1"));
}

static void
test_formula_neutralised (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *f = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *customers = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (f, "customer_id,name,income\n1,=HYPERLINK(\"x\"),5\n2,-3,7\n3,@SUM(A1),9\n", -1, NULL));
  run_cli (&run, f, "--method", "metrics", "--out", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  customers = read_file (out, "customers.csv");
  g_assert_nonnull (strstr (customers, "\"'=HYPERLINK(\"\"x\"\")\""));
  g_assert_nonnull (strstr (customers, "'@SUM(A1)"));
  /* no transaction log: no cohorts */
  {
    g_autofree char *cohorts = g_build_filename (out, "cohorts.csv", NULL);
    g_assert_false (g_file_test (cohorts, G_FILE_TEST_EXISTS));
  }
  seg_test_rmdir_recursive (dir);
}

static void
test_churn_clv (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "report", NULL);
  g_autofree char *c = g_build_filename (seg_test_source_root (), "data/samples/fintech/customers.csv", NULL);
  g_autofree char *t = g_build_filename (seg_test_source_root (), "data/samples/fintech/transactions.csv", NULL);
  g_autofree char *a = g_build_filename (seg_test_source_root (), "data/samples/fintech/activity.csv", NULL);
  g_autofree char *customers = NULL, *summary = NULL, *header = NULL;
  g_autofree char *svg = g_build_filename (out, "charts", "kpis.svg", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *root, *churn, *clv;

  run_cli (&run, c, t, a, "--method", "rules,churn,clv", "--out", out,
           "--chart-format", "svg", "--chart-size", "800x500", NULL);
  g_assert_cmpint (run.status, ==, 0);
  customers = read_file (out, "customers.csv");
  header = g_strndup (customers, strcspn (customers, "\n"));
  g_assert_nonnull (strstr (header, ",churn_label,churn_probability,clv"));
  summary = read_file (out, "summary.json");
  json_parser_load_from_data (parser, summary, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  churn = json_object_get_object_member (root, "churn");
  g_assert_cmpstr (json_object_get_string_member (churn, "label"), ==, "recency_days > 180");
  g_assert_true (json_object_has_member (churn, "accuracy"));
  g_assert_true (json_object_has_member (churn, "auc"));
  g_assert_true (json_object_has_member (churn, "coefficients"));
  g_assert_true (json_object_has_member (json_object_get_object_member (churn, "segments"), "rules"));
  clv = json_object_get_object_member (root, "clv");
  g_assert_true (json_object_has_member (clv, "method"));
  g_assert_true (json_array_get_length (json_object_get_array_member (clv, "segments")) > 0);
  g_assert_true (json_object_has_member (json_object_get_object_member (clv, "by"), "rules"));
  /* the charts are written with the other files */
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));
  seg_test_rmdir_recursive (dir);
}

static void
test_churn_clv_usage (void)
{
  g_autofree char *f = seg_test_fixture_path ("dataset/lines.csv");
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(Run) d = { 0 };

  run_cli (&a, f, "--clv", "magic", NULL);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_nonnull (strstr (a.err, "magic"));
  run_cli (&b, f, "--chart-format", "png", NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "--out"));
  run_cli (&c, f, "--clv", "formula", NULL);
  g_assert_cmpint (c.status, ==, 2);
  run_cli (&d, f, "--churn-days", "-3", NULL);
  g_assert_cmpint (d.status, ==, 2);
}

/* The number of customers in segment @name of rules in segments.csv. */
static int
rule_segment_customers (const char *segments,
                        const char *name)
{
  g_auto(GStrv) lines = g_strsplit (segments, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("rules,%s,", name);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return atoi (lines[i] + strlen (prefix));
  return 0;
}

/* Dates after the as-of date: left out, counted, said once (issue 10 §3). */
static void
check_future_signups (const char *customers_csv,
                      const char *transactions_csv,
                      const char *column,
                      guint       expected,
                      int         expected_new)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *customers = NULL, *summary = NULL, *segments = NULL;
  g_autofree char *said = g_strdup_printf ("%u registration dates in “%s” are after the as-of date", expected, column);
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *notices;
  guint in_json = 0, empty = 0;
  const char *first;

  run_cli (&run, customers_csv, transactions_csv, "--method", "rules", "--out", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* once on standard error, as a note */
  first = strstr (run.err, said);
  g_assert_nonnull (first);
  g_assert_null (strstr (first + 1, said));
  g_assert_nonnull (strstr (run.err, "segmenta-cli: note: "));

  summary = read_file (dir, "summary.json");
  json_parser_load_from_data (parser, summary, -1, &error);
  g_assert_no_error (error);
  notices = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "notices");
  for (guint i = 0; i < json_array_get_length (notices); i++)
    in_json += strstr (json_array_get_string_element (notices, i), said) != NULL;
  g_assert_cmpuint (in_json, ==, 1);

  /* no negative age: the value is left empty */
  customers = read_file (dir, "customers.csv");
  days = seg_test_csv_column (customers, "days_since_registration");
  for (guint i = 0; i < days->len; i++)
    {
      const char *v = g_ptr_array_index (days, i);
      g_assert_false (v[0] == '-');
      empty += v[0] == '\0';
    }
  g_assert_cmpuint (empty, ==, expected);
  /* so "days_since_registration <= 30" no longer catches them */
  segments = read_file (dir, "segments.csv");
  g_assert_cmpint (rule_segment_customers (segments, "New Customer"), ==, expected_new);
  seg_test_rmdir_recursive (dir);
}

static void
test_dates_after_as_of (void)
{
  g_autofree char *c = seg_test_fixture_path ("dataset/future-customers.csv");
  g_autofree char *t = seg_test_fixture_path ("dataset/future-transactions.csv");

  /* customer 3 signed up 10 days before the as-of date and bought once */
  check_future_signups (c, t, "signup_date", 3, 1);
}

/* The exclusion of @feature in a churn.excluded array, or NULL. */
static JsonObject *
excluded_entry (JsonArray  *excluded,
                const char *feature)
{
  for (guint i = 0; i < json_array_get_length (excluded); i++)
    {
      JsonObject *x = json_array_get_object_element (excluded, i);
      if (g_strcmp0 (json_object_get_string_member (x, "feature"), feature) == 0)
        return x;
    }
  return NULL;
}

/* Issue 10 §2: summary.json's churn.excluded says which features were left
 * out and why, and the .segmenta file carries the same list.  The fixture's
 * 12 one-time buyers of 40 have tenure_days == recency_days (see
 * tests/engine/test-analysis.c). */
static void
test_churn_excluded (void)
{
  g_autofree char *dir = seg_test_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "report", NULL);
  g_autofree char *saved = g_build_filename (dir, "churn.segmenta", NULL);
  g_autofree char *f = seg_test_fixture_path ("churn/one-time-buyers.csv");
  g_autofree char *summary = NULL, *file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) file_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *churn, *tenure, *model;
  JsonArray *excluded, *features;

  run_cli (&run, f, "--method", "churn", "--churn-days", "90", "--as-of", "2024-12-31",
           "--out", out, "--save", saved, NULL);
  g_assert_cmpint (run.status, ==, 0);
  summary = read_file (out, "summary.json");
  json_parser_load_from_data (parser, summary, -1, &error);
  g_assert_no_error (error);
  churn = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "churn");
  excluded = json_object_get_array_member (churn, "excluded");
  g_assert_cmpuint (json_array_get_length (excluded), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (excluded_entry (excluded, "recency_days"), "kind"), ==,
                   "defines-label");
  tenure = excluded_entry (excluded, "tenure_days");
  g_assert_nonnull (tenure);
  g_assert_cmpstr (json_object_get_string_member (tenure, "kind"), ==, "equals-label-column");
  g_assert_cmpstr (json_object_get_string_member (tenure, "column"), ==, "recency_days");
  g_assert_cmpfloat (json_object_get_double_member (tenure, "share"), ==, 0.3);
  g_assert_cmpstr (json_object_get_string_member (tenure, "reason"), ==,
                   "equals recency_days, which defines the churn label, for 12 of the 40 labelled customers (30 %)");
  features = json_object_get_array_member (churn, "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    g_assert_cmpstr (json_array_get_string_element (features, i), !=, "tenure_days");

  /* the saved analysis says the same */
  file = read_file (dir, "churn.segmenta");
  json_parser_load_from_data (file_parser, file, -1, &error);
  g_assert_no_error (error);
  model = json_object_get_object_member (json_object_get_object_member (
            json_node_get_object (json_parser_get_root (file_parser)), "models"), "churn");
  tenure = excluded_entry (json_object_get_array_member (model, "excluded"), "tenure_days");
  g_assert_nonnull (tenure);
  g_assert_cmpstr (json_object_get_string_member (tenure, "kind"), ==, "equals-label-column");
  g_assert_cmpfloat (json_object_get_double_member (tenure, "share"), ==, 0.3);

  /* scoring new data with it shows what the model left out when it was fitted */
  {
    g_autofree char *again = g_build_filename (dir, "applied", NULL);
    g_autofree char *applied = NULL;
    g_autoptr(JsonParser) p = json_parser_new ();
    g_auto(Run) apply = { 0 };

    run_cli (&apply, "--apply", saved, f, "--as-of", "2024-12-31", "--out", again, NULL);
    g_assert_cmpint (apply.status, ==, 0);
    applied = read_file (again, "summary.json");
    json_parser_load_from_data (p, applied, -1, &error);
    g_assert_no_error (error);
    churn = json_object_get_object_member (json_node_get_object (json_parser_get_root (p)), "churn");
    tenure = excluded_entry (json_object_get_array_member (churn, "excluded"), "tenure_days");
    g_assert_nonnull (tenure);
    g_assert_cmpstr (json_object_get_string_member (tenure, "kind"), ==, "equals-label-column");
  }
  seg_test_rmdir_recursive (dir);
}

/* retail_dw/raw: every one of the 1,000 customers signed up (2023-12 to
 * 2024-12) after the last purchase (2021-12-30); before, all 1,000 were "New
 * Customer" with negative ages. */
static void
test_retail_dw_raw_signups (void)
{
  g_autofree char *c = seg_test_require_shared_data ("retail_dw/raw/customers.csv");
  g_autofree char *t = c != NULL ? seg_test_require_shared_data ("retail_dw/raw/transactions.csv") : NULL;

  if (c == NULL || t == NULL)
    return;
  check_future_signups (c, t, "signup_date", 1000, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/samples-outputs", test_samples_outputs);
  g_test_add_func ("/cli/metrics-only", test_metrics_only);
  g_test_add_func ("/cli/bad-file-leaves-folder", test_bad_file_leaves_folder);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/formula-neutralised", test_formula_neutralised);
  g_test_add_func ("/cli/churn-clv", test_churn_clv);
  g_test_add_func ("/cli/churn-clv-usage", test_churn_clv_usage);
  g_test_add_func ("/cli/churn-excluded", test_churn_excluded);
  g_test_add_func ("/cli/dates-after-as-of", test_dates_after_as_of);
  g_test_add_func ("/cli/retail-dw-raw-signups", test_retail_dw_raw_signups);
  return g_test_run ();
}
