/* fuzz-rules.c — the rules-file parser, its writer and rule segmentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a rules file.  A set that parses is written out and must read
 * back to the same text (File ▸ Save Rules, then --rules), and is applied to
 * a small customer table with a column of every type.
 */
#include "config.h"

#include "seg-csv.h"
#include "seg-error.h"
#include "seg-rules.h"

#include "seg-fuzz.h"

static const char fixture[] =
  "customer_id,days_since_registration,txn_count,Country,signup,active,Unit Price\n"
  "C1,10,1,DE,2025-01-10,true,1.5\n"
  "C2,400,12,FR,2025-01-15,false,\n"
  "C3,,0,,,,2\n"
  "C4,31,2,de,2025-02-01,true,-1\n";

static SegTable *table;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = seg_fuzz_strndup (data, size);
  g_autoptr(SegRuleSet) set = NULL;
  g_autoptr(SegRuleSet) again = NULL;
  g_autoptr(SegRuleSet) copy = NULL;
  g_autoptr(SegRuleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  seg_fuzz_init ();
  if (table == NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (fixture, sizeof fixture - 1);
      table = seg_csv_read_bytes (bytes, "customers.csv", NULL, NULL, NULL, NULL, NULL);
      g_assert_nonnull (table);
    }

  set = seg_rule_set_parse (text, "fuzz.rules", &error);
  if (set == NULL)
    {
      g_assert_true (error != NULL && error->domain == SEG_ERROR);
      return 0;
    }
  g_assert_no_error (error);

  written = seg_rule_set_to_string (set);
  again = seg_rule_set_parse (written, "saved.rules", &error);
  if (again == NULL)
    g_error ("a saved rule set does not read back: %s\n%s", error->message, written);
  rewritten = seg_rule_set_to_string (again);
  g_assert_cmpstr (written, ==, rewritten);
  g_assert_cmpuint (seg_rule_set_get_n_rules (again), ==, seg_rule_set_get_n_rules (set));

  copy = seg_rule_set_copy (set);
  for (guint i = 0; i < seg_rule_set_get_n_rules (copy); i++)
    g_assert_cmpint (seg_rule_set_find (copy, seg_rule_set_get_name (copy, i)), ==, (int) i);

  result = seg_rule_set_apply (set, table, &error);
  if (result == NULL)
    g_assert_true (error != NULL && error->domain == SEG_ERROR);
  else
    {
      guint64 total = 0;

      g_assert_cmpuint (result->n_rows, ==, seg_table_get_n_rows (table));
      for (guint s = 0; s < result->n_segments; s++)
        total += result->counts[s];
      g_assert_cmpuint (total, ==, result->n_rows);
    }
  return 0;
}
