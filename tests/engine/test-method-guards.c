/* test-method-guards.c — the methods and analysis tiers refuse bad arguments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 14: a public function of the methods and analysis tiers checks its
 * pointer and range arguments first, so that a caller's mistake is a
 * critical warning naming the check and the documented failure value.
 * Each case here crashed, leaked, returned a value as if all were well,
 * or warned from inside GLib and went on before its check.  (test-guards.c
 * does the io tier.)
 */
#include "config.h"

#include "seg-test-util.h"
#include "seg-analysis.h"
#include "seg-analysis-file.h"
#include "seg-migration.h"
#include "seg-persona.h"
#include "seg-rules.h"
#include "seg-summary.h"

static void
test_methods (void)
{
  g_autoptr(SegRuleSet) set = seg_rule_set_new ();
  const char *features[] = { "total_spent" };
  const double z[] = { 2.0 };
  g_autofree char *name = NULL;

  /* the cluster's means were read before */
  seg_test_expect_check ("seg-persona", "features != NULL && z != NULL");
  g_assert_null (seg_persona_name (NULL, NULL, 1));
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-persona", "features != NULL && z != NULL");
  g_assert_null (seg_persona_action (features, NULL, 1));
  g_test_assert_expected_messages ();
  /* no features is a valid question with a plain answer */
  name = seg_persona_name (NULL, NULL, 0);
  g_assert_cmpstr (name, ==, "Typical customers");
  g_clear_pointer (&name, g_free);
  name = seg_persona_name (features, z, 1);
  g_assert_nonnull (name);

  /* a position below -1 reached g_ptr_array_insert (), which warned and
   * dropped the rule it had been given: it leaked */
  seg_test_expect_check ("seg-rules", "position >= -1");
  g_assert_false (seg_rule_set_insert (set, -2, "Big", "total_spent > 1", NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (seg_rule_set_get_n_rules (set), ==, 0);
  g_assert_true (seg_rule_set_insert (set, -1, "Big", "total_spent > 1", NULL));
  g_assert_cmpuint (seg_rule_set_get_n_rules (set), ==, 1);
}

static void
test_analysis (void)
{
  SegMethods methods = SEG_METHOD_ALL;
  SegChurnExclusionKind kind = SEG_CHURN_EXCLUDED_EQUALS;
  g_autoptr(GError) error = NULL;

  /* these crashed on their NULL */
  seg_test_expect_check ("seg-analysis", "o != NULL");
  seg_analysis_options_clear (NULL);
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-analysis", "list != NULL && methods != NULL");
  g_assert_false (seg_methods_parse (NULL, &methods, NULL));
  g_test_assert_expected_messages ();
  g_assert_cmpint (methods, ==, SEG_METHOD_ALL);
  seg_test_expect_check ("seg-analysis", "kind != NULL");
  g_assert_false (seg_churn_exclusion_kind_from_string ("defines-label", NULL));
  g_test_assert_expected_messages ();
  g_assert_true (seg_churn_exclusion_kind_from_string ("defines-label", &kind));
  g_assert_cmpint (kind, ==, SEG_CHURN_EXCLUDED_DEFINES);

  /* these went on after GLib's own warning, with NULL paths */
  seg_test_expect_check ("seg-analysis-file", "base != NULL && target != NULL");
  g_assert_null (seg_analysis_file_relative_path (NULL, "/data/x.csv"));
  g_test_assert_expected_messages ();
  seg_test_expect_check ("seg-analysis-file", "path != NULL");
  g_assert_null (seg_analysis_file_load (NULL, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  seg_test_expect_check ("seg-summary", "root != NULL");
  g_assert_null (seg_summary_to_string (NULL));
  g_test_assert_expected_messages ();
}

/* A cell outside the migration matrix was a CSV of just the header, as if
 * the cell were empty. */
static void
test_migration_cell (void)
{
  char loyal[] = "Loyal", added[] = SEG_MIGRATION_NEW, gone[] = SEG_MIGRATION_GONE;
  char id[] = "c1", rules[] = "rules";
  char *from_names[] = { loyal, added, NULL };
  char *to_names[] = { loyal, gone, NULL };
  SegMigrationMove move = { id, 0, 0, 10.0 };
  SegMigrationMethod m = { 0 };
  g_autoptr(GBytes) cell = NULL;
  g_autofree char *text = NULL;

  m.method = rules;
  m.n_from = 2;
  m.n_to = 2;
  m.from_names = from_names;
  m.to_names = to_names;
  m.n_moves = 1;
  m.moves = &move;

  seg_test_expect_check ("seg-migration", "from < m->n_from && to < m->n_to");
  g_assert_null (seg_migration_format_cell (&m, 2, 0));
  g_test_assert_expected_messages ();

  /* the cell in the matrix: its one customer */
  cell = seg_migration_format_cell (&m, 0, 0);
  g_assert_nonnull (cell);
  text = g_strndup (g_bytes_get_data (cell, NULL), g_bytes_get_size (cell));
  g_assert_true (g_str_has_prefix (text, "customer_id,from_segment,to_segment,total_spent\nc1,Loyal,Loyal,1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/method-guards/methods", test_methods);
  g_test_add_func ("/method-guards/analysis", test_analysis);
  g_test_add_func ("/method-guards/migration-cell", test_migration_cell);
  return g_test_run ();
}
