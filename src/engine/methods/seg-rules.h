/* seg-rules.h — rule segmentation (SPEC.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SegRuleSet is an ordered list of named rules, each a condition in the
 * expression language (seg-expr.h), and the name of a default segment.
 * Applied to a customer table, the first rule whose condition is true names
 * a customer's segment; customers no rule matches fall to the default
 * segment.  A comparison with a missing value is false, so a missing value
 * never makes a rule match.  A rule that names a column the table lacks is
 * skipped with a notice and matches nobody.
 *
 * Rule set files (the --rules option, File ▸ Save Rules) are UTF-8 text, one
 * rule per line, in order:
 *
 *   # Segmenta rules: the first rule whose condition holds wins.
 *   New Customer: days_since_registration <= 30 and txn_count < 2
 *   Inactive Customer: days_since_login > 90
 *   "Ratio: high": SpendingRatio > 0.5
 *   default: Others
 *
 * - A line is "NAME: CONDITION".  NAME runs up to the first “:”; write it in
 *   double quotes (a quote inside doubled) when it contains “:” or “"”,
 *   starts with “#”, has spaces at either end, or is the word “default”.
 * - "default: NAME" (the word default, any case, unquoted) names the default
 *   segment; without such a line it is “Others”.
 * - Blank lines and lines whose first non-blank character is “#” are
 *   ignored.  There are no comments at the end of a line (“#” may appear in
 *   a condition's text, e.g. Code = '#12').
 * - A UTF-8 byte order mark and CRLF line ends are accepted.
 * - Rule names are unique, ignoring case, and differ from the default name.
 *
 * Errors in a file are reported as "FILE:LINE:COLUMN: …", where COLUMN is
 * the 1-based character within the line: for an error in a condition, the
 * character of the condition the expression parser points at.
 *
 * A SegRuleSet is ref-counted and not thread-safe while it is being edited;
 * seg_rule_set_apply() only reads it, so hand a worker a seg_rule_set_copy().
 */
#pragma once

#include <gio/gio.h>

#include "seg-expr.h"
#include "seg-table.h"

G_BEGIN_DECLS

typedef struct _SegRuleSet SegRuleSet;

/* Default segment name for sets that do not name one. */
/* Translated where it is used; N_() marks it for the catalogue. */
#define SEG_RULES_DEFAULT_SEGMENT N_("Others")

/**
 * seg_rule_set_new:
 *
 * Returns: (transfer full): a set without rules, default segment “Others”
 */
SegRuleSet  *seg_rule_set_new             (void);
/**
 * seg_rule_set_new_default:
 *
 * Returns: (transfer full): the built-in fintech rules of SPEC.md §3,
 *   default “Others”
 */
SegRuleSet  *seg_rule_set_new_default     (void);
/**
 * seg_rule_set_ref:
 * @set: a set
 *
 * Returns: (transfer full): @set
 */
SegRuleSet  *seg_rule_set_ref             (SegRuleSet       *set);
/**
 * seg_rule_set_unref:
 * @set: (transfer full): a set
 */
void         seg_rule_set_unref           (SegRuleSet       *set);
/**
 * seg_rule_set_copy:
 * @set: a set
 *
 * Returns: (transfer full): a deep copy of @set
 */
SegRuleSet  *seg_rule_set_copy            (const SegRuleSet *set);

/**
 * seg_rule_set_parse:
 * @text: rules in the text format above
 * @filename: (nullable): names the source in error messages only
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set
 */
SegRuleSet  *seg_rule_set_parse           (const char *text,
                                           const char *filename,
                                           GError    **error);
/**
 * seg_rule_set_load_file:
 * @path: a file in the text format above
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set
 */
SegRuleSet  *seg_rule_set_load_file       (const char *path,
                                           GError    **error);
/**
 * seg_rule_set_to_string:
 * @set: a set
 *
 * Returns: (transfer full): the text format above, with a short header
 *   comment
 */
char        *seg_rule_set_to_string       (const SegRuleSet *set);
/**
 * seg_rule_set_save_file:
 * @set: a set
 * @path: where to write seg_rule_set_to_string (), atomically
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean     seg_rule_set_save_file       (const SegRuleSet *set,
                                           const char       *path,
                                           GError          **error);

/**
 * seg_rule_set_get_n_rules:
 * @set: a set
 *
 * Returns: the number of rules, without the default segment
 */
guint        seg_rule_set_get_n_rules     (const SegRuleSet *set);
/**
 * seg_rule_set_get_name:
 * @set: a set
 * @index: a rule, below seg_rule_set_get_n_rules ()
 *
 * Returns: (transfer none): the rule's segment name
 */
const char  *seg_rule_set_get_name        (const SegRuleSet *set,
                                           guint             index);
/**
 * seg_rule_set_get_condition:
 * @set: a set
 * @index: a rule, below seg_rule_set_get_n_rules ()
 *
 * Returns: (transfer none): the rule's condition
 */
const char  *seg_rule_set_get_condition   (const SegRuleSet *set,
                                           guint             index);
/**
 * seg_rule_set_get_default_name:
 * @set: a set
 *
 * Returns: (transfer none): the name of the segment no rule matched
 */
const char  *seg_rule_set_get_default_name (const SegRuleSet *set);
/**
 * seg_rule_set_find:
 * @set: a set
 * @name: a segment name
 *
 * Returns: the index of the rule named @name (ignoring case), or -1
 */
int          seg_rule_set_find            (const SegRuleSet *set,
                                           const char       *name);

/* Editing.  Names are stripped of surrounding spaces; a condition must parse
 * and fit on one line.  Errors: SEG_ERROR_INVALID_INPUT for names,
 * SEG_ERROR_EXPRESSION for conditions (positions within @condition). */

/**
 * seg_rule_set_insert:
 * @set: a set
 * @position: where the rule goes, -1 for the end
 * @name: its segment name
 * @condition: its condition
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE, or %FALSE with @error set and @set unchanged
 */
gboolean     seg_rule_set_insert          (SegRuleSet *set,
                                           int         position,
                                           const char *name,
                                           const char *condition,
                                           GError    **error);
/**
 * seg_rule_set_add:
 * @set: a set
 * @name: the new rule's segment name
 * @condition: its condition
 * @error: return location for a #GError, or %NULL
 *
 * Adds a rule at the end.
 *
 * Returns: %TRUE, or %FALSE with @error set and @set unchanged
 */
gboolean     seg_rule_set_add             (SegRuleSet *set,
                                           const char *name,
                                           const char *condition,
                                           GError    **error);
/**
 * seg_rule_set_remove:
 * @set: a set
 * @index: a rule, below seg_rule_set_get_n_rules ()
 */
void         seg_rule_set_remove          (SegRuleSet *set,
                                           guint       index);
/**
 * seg_rule_set_move:
 * @set: a set
 * @from: a rule, below seg_rule_set_get_n_rules ()
 * @to: the index it ends up at, below seg_rule_set_get_n_rules ()
 */
void         seg_rule_set_move            (SegRuleSet *set,
                                           guint       from,
                                           guint       to);
/**
 * seg_rule_set_set_condition:
 * @set: a set
 * @index: a rule, below seg_rule_set_get_n_rules ()
 * @condition: its new condition
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE, or %FALSE with @error set and the rule unchanged
 */
gboolean     seg_rule_set_set_condition   (SegRuleSet *set,
                                           guint       index,
                                           const char *condition,
                                           GError    **error);
/**
 * seg_rule_set_set_name:
 * @set: a set
 * @index: a rule, below seg_rule_set_get_n_rules ()
 * @name: its new segment name
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE, or %FALSE with @error set and the rule unchanged
 */
gboolean     seg_rule_set_set_name        (SegRuleSet *set,
                                           guint       index,
                                           const char *name,
                                           GError    **error);
/**
 * seg_rule_set_set_default_name:
 * @set: a set
 * @name: the new name of the segment no rule matched
 * @error: return location for a #GError, or %NULL
 *
 * Returns: %TRUE, or %FALSE with @error set and the name unchanged
 */
gboolean     seg_rule_set_set_default_name (SegRuleSet *set,
                                            const char *name,
                                            GError    **error);

/* What seg_rule_set_apply() found.  Segment i < n_rules is rule i; segment
 * n_rules (the last) is the default segment. */
typedef struct
{
  guint64    n_rows;
  guint     *labels;       /* n_rows segment indices */
  guint      n_segments;   /* rules + 1 */
  char     **names;        /* n_segments names, NULL-terminated */
  guint64   *counts;       /* n_segments customer counts */
  gboolean  *skipped;      /* n_segments: the rule was skipped (never the default) */
  GPtrArray *notices;      /* char*, for the user: skipped rules */
} SegRuleResult;

/**
 * seg_rule_set_apply:
 * @set: a set
 * @customers: the customer table
 * @error: return location for a #GError, or %NULL
 *
 * Segments every row of @customers.  Fails (SEG_ERROR_EXPRESSION, "Rule
 * “X”: at character N: …") only when a condition does not fit the table's
 * column types, e.g. a text column compared with a number.
 *
 * Returns: (transfer full) (nullable): the segments, or %NULL with @error
 *   set
 */
SegRuleResult *seg_rule_set_apply         (const SegRuleSet *set,
                                           const SegTable   *customers,
                                           GError          **error);
/**
 * seg_rule_result_free:
 * @result: (transfer full) (nullable): segments
 */
void           seg_rule_result_free       (SegRuleResult    *result);

/**
 * seg_rule_set_apply_async:
 * @set: a set, copied now: the caller may go on editing it
 * @customers: the customer table
 * @cancellable: (nullable): checked between rules
 * @callback: (scope async): called in the caller's thread-default main
 *   context when the segments are ready
 * @user_data: (closure callback): its data
 *
 * seg_rule_set_apply () on a worker (seg_job_run_async ()).
 */
void           seg_rule_set_apply_async   (const SegRuleSet    *set,
                                           SegTable            *customers,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/**
 * seg_rule_set_apply_finish:
 * @result: the #GAsyncResult the callback got
 * @error: return location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): the segments, or %NULL with @error
 *   set (G_IO_ERROR_CANCELLED among others)
 */
SegRuleResult *seg_rule_set_apply_finish  (GAsyncResult        *result,
                                           GError             **error);

/**
 * seg_rules_segment_top_rows:
 * @customers: the customer table
 * @labels: (array): a segment number per row of @customers
 * @segment: the segment
 * @column: a numeric column's name
 * @limit: the most rows returned
 *
 * The rows of segment @segment with the largest values of @column (missing
 * values left out), largest first, ties by row.
 *
 * Returns: (transfer full) (element-type guint64) (nullable): the row
 *   numbers, %NULL when the column is absent or not a number
 */
GArray      *seg_rules_segment_top_rows   (const SegTable *customers,
                                           const guint    *labels,
                                           guint           segment,
                                           const char     *column,
                                           guint           limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegRuleSet, seg_rule_set_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegRuleResult, seg_rule_result_free)

G_END_DECLS
