/* test-guards.c — public engine functions refuse bad arguments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 14: every public engine function checks its pointer and range
 * arguments first (g_return_val_if_fail ()), so a caller's mistake is a
 * critical warning naming the function and the documented failure value,
 * not a crash somewhere inside, a leak, or a result made of garbage.  Each
 * case here crashed, leaked or returned something before its check.
 */
#include "config.h"

#include <math.h>

#include "seg-test-util.h"
#include "seg-cohort.h"
#include "seg-csv.h"
#include "seg-csv-writer.h"
#include "seg-dataset.h"
#include "seg-expr.h"
#include "seg-date-spread.h"
#include "seg-parse.h"
#include "seg-roles.h"
#include "seg-sniff.h"
#include "seg-source.h"
#include "seg-txn-stream.h"
static void
test_io_writer (void)
{
  g_autoptr(GString) out = g_string_new ("x");

  /* the table's getters warned and the writer returned a CSV of nothing */
  seg_test_expect_check ("seg-csv-writer", "table != NULL");
  g_assert_null (seg_csv_format_table (NULL, NULL, 0));
  g_test_assert_expected_messages ();

  /* these read the text before */
  seg_test_expect_check ("seg-csv-writer", "text != NULL");
  seg_csv_append_text (out, NULL);
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-csv-writer", "text != NULL");
  g_assert_false (seg_csv_needs_neutralising (NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpstr (out->str, ==, "x");
}

static void
test_io_parse (void)
{
  int first = 0, second = 0;
  SegSniff sniff = { 0 };

  seg_test_expect_check ("seg-parse", "text != NULL");
  g_assert_false (seg_parse_is_missing (NULL));
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-parse", "text != NULL");
  g_assert_false (seg_parse_looks_iso (NULL));
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-parse", "sep != NULL");
  g_assert_false (seg_parse_date_parts ("1/2/2024", &first, &second, NULL));
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-parse", "out != NULL");
  g_assert_false (seg_parse_boolean ("yes", NULL));
  g_test_assert_expected_messages ();
  /* a cell that is not a date names the format it should have had */
  seg_test_expect_check ("seg-csv", "format != NULL");
  g_assert_null (seg_csv_bad_cell_message (SEG_COLUMN_DATE, NULL, "x"));
  g_test_assert_expected_messages ();

  /* -1, 0 and 1 are the only header settings; 2 was read as "yes" */
  seg_test_expect_check ("seg-sniff", "forced_header");
  seg_sniff_dialect ("a,b\n1,2\n", 8, FALSE, 0, 2, &sniff);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (sniff.n_lines, ==, 0);
  seg_sniff_dialect ("a,b\n1,2\n", 8, FALSE, 0, 1, &sniff);
  g_assert_cmpuint (sniff.n_lines, ==, 2);
  g_assert_cmpint (sniff.delimiter, ==, ',');
}

static void
test_io_source (void)
{
  char *why = NULL;
  SegStreamResult result = SEG_STREAM_OK;
  g_autofree char *uri = NULL;

  /* both dereferenced the source before their checks */
  seg_test_expect_check ("seg-source", "source != NULL");
  g_assert_false (seg_source_aggregate (NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-source", "source != NULL");
  g_assert_false (seg_source_can_aggregate (NULL, NULL, &why));
  g_test_assert_expected_messages ();
  g_assert_null (why);

  /* a table or a query, not neither: this made "…#query=(null)" */
  seg_test_expect_check ("seg-source", "table == NULL");
  g_assert_null (seg_source_uri_with ("sqlite:/tmp/shop.db", NULL, NULL));
  g_test_assert_expected_messages ();
  uri = seg_source_uri_with ("sqlite:/tmp/shop.db#table=a", "b c", NULL);
  g_assert_cmpstr (uri, ==, "sqlite:/tmp/shop.db#table=b%20c");

  seg_test_expect_check ("seg-source", "uri != NULL");
  g_assert_null (seg_source_display_name (NULL));
  g_test_assert_expected_messages ();

  /* the streaming pass read the preview's report first */
  seg_test_expect_check ("seg-txn-stream", "preview != NULL");
  g_assert_null (seg_txn_stream_table (NULL, NULL, NULL, NULL, &result, NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpint (result, ==, SEG_STREAM_OK);
  seg_test_expect_check ("seg-txn-stream", "preview != NULL");
  g_assert_false (seg_txn_stream_dialect_ok (NULL));
  g_test_assert_expected_messages ();
}

static void
test_dataset_options (void)
{
  g_autoptr(SegDatasetOptions) options = seg_dataset_options_new ();
  g_auto(GStrv) derives = NULL;
  SegFileRole role = SEG_FILE_ROLE_UNKNOWN;

  /* allocated the input, then read the options */
  seg_test_expect_check ("seg-dataset", "options != NULL");
  seg_dataset_options_add_input (NULL, "shop.csv", SEG_FILE_ROLE_UNKNOWN);
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-dataset", "text != NULL");
  g_assert_false (seg_dataset_options_add_map (options, NULL, NULL));
  g_test_assert_expected_messages ();
  /* a NULL calculated column was kept, and failed when it was parsed */
  seg_test_expect_check ("seg-dataset", "assignment != NULL");
  seg_dataset_options_add_derive (options, NULL);
  g_test_assert_expected_messages ();
  derives = seg_dataset_options_dup_derives (options);
  g_assert_cmpuint (g_strv_length (derives), ==, 0);
  seg_test_expect_check ("seg-dataset", "options != NULL");
  g_assert_null (seg_dataset_options_get_input (NULL, 0, NULL));
  g_test_assert_expected_messages ();

  seg_dataset_options_add_input (options, "shop.csv", SEG_FILE_ROLE_TRANSACTIONS);
  g_assert_cmpstr (seg_dataset_options_get_input (options, 0, &role), ==, "shop.csv");
  g_assert_cmpint (role, ==, SEG_FILE_ROLE_TRANSACTIONS);
  seg_test_expect_check ("seg-dataset", "index < options->inputs->len");
  g_assert_null (seg_dataset_options_get_input (options, 1, NULL));
  g_test_assert_expected_messages ();

  seg_test_expect_check ("seg-dataset", "dataset != NULL");
  g_assert_null (seg_dataset_get_input (NULL, 0));
  g_test_assert_expected_messages ();
}

static void
test_dataset_parts (void)
{
  g_autoptr(GHashTable) wide = seg_month_wide_new ();
  g_autoptr(SegDateSpread) spread = seg_date_spread_new ();
  SegMonthSet set;
  guint n_roles = 0;

  seg_month_set_init (&set);
  seg_month_set_add (&set, seg_cohort_month_of_day (0.0), wide, 0);
  /* "no month" was stored as the month −178,956,971 */
  seg_test_expect_check ("seg-cohort", "month != SEG_MONTH_NONE");
  seg_month_set_add_wide (&set, SEG_MONTH_NONE, wide, 0);
  g_test_assert_expected_messages ();
  g_assert_cmpint (set.lo, ==, 1970 * 12);
  g_assert_cmpuint (set.bits, ==, 1);

  seg_test_expect_check ("seg-cohort", "cohorts != NULL");
  g_assert_cmpuint (seg_cohorts_n_offsets_of (NULL, 0), ==, 0);
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-date-spread", "s != NULL");
  seg_date_spread_add (NULL, 0.0);
  g_test_assert_expected_messages ();
  seg_date_spread_add (spread, 0.0);
  g_assert_cmpuint (seg_date_spread_finish (spread), ==, 0);

  seg_test_expect_check ("seg-roles", "n_roles != NULL");
  g_assert_null (seg_roles_for_file (SEG_FILE_ROLE_ACTIVITY, NULL));
  g_test_assert_expected_messages ();
  g_assert_nonnull (seg_roles_for_file (SEG_FILE_ROLE_ACTIVITY, &n_roles));
  g_assert_cmpuint (n_roles, ==, 3);
  seg_test_expect_check ("seg-roles", "guess != NULL");
  seg_role_guess_clear (NULL);
  g_test_assert_expected_messages ();
}

/* The core's entry points that answered through a callee's check: the
 * expression test read an unset value after it. */
static void
test_core (void)
{
  g_autoptr(SegTable) table = seg_table_new ("t.csv");

  seg_test_expect_check ("seg-expr", "expr != NULL && table != NULL");
  g_assert_false (seg_expr_test_table_row (NULL, table, 0));
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-table", "table != NULL && name != NULL");
  g_assert_null (seg_table_find_column (table, NULL));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/guards/core", test_core);
  g_test_add_func ("/guards/io/writer", test_io_writer);
  g_test_add_func ("/guards/io/parse", test_io_parse);
  g_test_add_func ("/guards/io/source", test_io_source);
  g_test_add_func ("/guards/dataset/options", test_dataset_options);
  g_test_add_func ("/guards/dataset/parts", test_dataset_parts);
  return g_test_run ();
}
