/* seg-analysis-rules.c — the rule segmentation step of an analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "seg-analysis-private.h"
#include "seg-rules.h"

gboolean
seg_analysis_run_rules (SegRun  *run,
                        GError **error)
{
  SegResult *r = run->result;
  SegTable *t = seg_dataset_get_customers (r->dataset);
  g_autoptr(SegRuleResult) applied = NULL;
  guint n_rules, n_skipped = 0;

  r->rule_set = r->options.rules ? seg_rule_set_copy (r->options.rules) : seg_rule_set_new_default ();
  applied = seg_rule_set_apply (r->rule_set, t, error);
  if (applied == NULL)
    return FALSE;

  n_rules = seg_rule_set_get_n_rules (r->rule_set);
  for (guint i = 0; i < n_rules; i++)
    n_skipped += applied->skipped[i] ? 1 : 0;
  if (n_rules > 0 && n_skipped == n_rules)
    return seg_run_cannot (run, SEG_METHOD_RULES,
                           _("none of the rules can be evaluated: the columns they use are not in the data"),
                           error);
  for (guint i = 0; i < applied->notices->len; i++)
    g_ptr_array_add (r->notices, g_strdup (g_ptr_array_index (applied->notices, i)));

  r->rules = seg_segmentation_new (r, "rules", applied->n_segments,
                                   g_strdupv (applied->names),
                                   g_steal_pointer (&applied->labels));
  return TRUE;
}
