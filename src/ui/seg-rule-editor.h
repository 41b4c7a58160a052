/* seg-rule-editor.h — the ordered rule list with live counts and inline errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "seg-rules.h"

G_BEGIN_DECLS

#define SEG_TYPE_RULE_EDITOR (seg_rule_editor_get_type ())

G_DECLARE_FINAL_TYPE (SegRuleEditor, seg_rule_editor, SEG, RULE_EDITOR, GtkWidget)

/* Edits a copy of @rules; clears the modified flag. */
void         seg_rule_editor_set_rules     (SegRuleEditor    *self,
                                            const SegRuleSet *rules);
/* The rules as edited; conditions with an error keep their last valid text.
 * Returns: (transfer none). */
SegRuleSet  *seg_rule_editor_get_rules     (SegRuleEditor    *self);
/* The customers the live counts are taken on (nullable). */
void         seg_rule_editor_set_customers (SegRuleEditor    *self,
                                            SegTable         *customers);
/* As if the user typed @condition into rule @index: TRUE when it is valid,
 * otherwise the row shows the error (see seg_rule_editor_get_error ()). */
gboolean     seg_rule_editor_set_condition (SegRuleEditor    *self,
                                            guint             index,
                                            const char       *condition);
const char  *seg_rule_editor_get_error     (SegRuleEditor    *self,
                                            guint             index);
/* Counts now, on this thread, instead of on a worker after the typing pause. */
void         seg_rule_editor_recount       (SegRuleEditor    *self);
/* Counts already known (the analysis of these very rules), shown at once;
 * a count on its way still replaces them (with the rules' notices). */
void         seg_rule_editor_set_counts    (SegRuleEditor    *self,
                                            const guint64    *counts,
                                            guint             n_counts);
/* Customers in segment @index (rule @index, or the default segment at
 * index n_rules) at the last count; G_MAXUINT64 before any count. */
guint64      seg_rule_editor_get_count     (SegRuleEditor    *self,
                                            guint             index);
gboolean     seg_rule_editor_is_valid      (SegRuleEditor    *self);
gboolean     seg_rule_editor_is_modified   (SegRuleEditor    *self);
/* Emits "apply" (the window re-runs the analysis with the rules). */
void         seg_rule_editor_apply         (SegRuleEditor    *self);

G_END_DECLS
