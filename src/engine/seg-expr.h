/* seg-expr.h — the one small expression language of Segmenta
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used for calculated columns, row filters, role bindings and rule conditions.
 *
 *   expr    := or
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | cmp
 *   cmp     := add (("<" | "<=" | ">" | ">=" | "=" | "==" | "!=" | "<>") add)?
 *   add     := mul (("+" | "-") mul)*
 *   mul     := unary (("*" | "/") unary)*
 *   unary   := "-" unary | primary
 *   primary := NUMBER | STRING ('…' or "…") | DATE (date literal 2025-01-31)
 *            | "true" | "false" | IDENT | `quoted name` | IDENT "(" args ")" | "(" expr ")"
 *
 * Functions: log1p, sqrt, abs, min, max (2+ args), days_between(a, b) = b − a in
 * calendar days (floors both), if(cond, then, else), and is_missing(x).
 * Keywords are case-insensitive.
 *
 * Values: number, boolean, date (days since 1970-01-01), text, or missing.
 * Arithmetic with a missing operand is missing; a comparison with a missing
 * operand is false (so a rule on a missing value does not match); date − date
 * is a number of days; date ± number is a date.  Division by zero is missing.
 *
 * Errors are GErrors in SEG_ERROR / SEG_ERROR_EXPRESSION whose message names
 * the 1-based character position ("at character 12: unknown column “foo”"),
 * and seg_expr_error_position() returns it.
 */
#pragma once

#include <glib.h>

#include "seg-table.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_VALUE_MISSING,
  SEG_VALUE_NUMBER,
  SEG_VALUE_BOOLEAN,
  SEG_VALUE_DATE,
  SEG_VALUE_TEXT,
} SegValueKind;

typedef struct
{
  SegValueKind kind;
  double       num;    /* NUMBER, DATE (days), BOOLEAN (0/1) */
  const char  *text;   /* TEXT: borrowed from the table or the expression */
} SegValue;

/* Resolve a column name to an index and a type at bind time. */
typedef gboolean (*SegExprResolveFunc) (const char    *name,
                                        guint         *index,
                                        SegColumnType *type,
                                        gpointer       user_data);
/* Fetch column @index of the current row at evaluation time. */
typedef void     (*SegExprFetchFunc)   (guint     index,
                                        gpointer  row,
                                        SegValue *out);

SegExpr     *seg_expr_parse          (const char *text,
                                      GError    **error);
SegExpr     *seg_expr_ref            (SegExpr    *expr);
void         seg_expr_unref          (SegExpr    *expr);
const char  *seg_expr_get_text       (const SegExpr *expr);

/* Names of the columns the expression refers to (in order of appearance, no duplicates). */
GPtrArray   *seg_expr_get_columns    (const SegExpr *expr);

gboolean     seg_expr_bind           (SegExpr           *expr,
                                      SegExprResolveFunc resolve,
                                      gpointer           user_data,
                                      GError           **error);
gboolean     seg_expr_bind_table     (SegExpr        *expr,
                                      const SegTable *table,
                                      GError        **error);

/* The kind a bound expression yields (SEG_VALUE_MISSING when it cannot be known). */
SegValueKind seg_expr_get_kind       (const SegExpr *expr);

void         seg_expr_eval           (const SegExpr   *expr,
                                      SegExprFetchFunc fetch,
                                      gpointer         row,
                                      SegValue        *out);
void         seg_expr_eval_table_row (const SegExpr  *expr,
                                      const SegTable *table,
                                      guint64         row,
                                      SegValue       *out);
/* TRUE only for a boolean true value (missing and non-booleans are false). */
gboolean     seg_expr_test_table_row (const SegExpr  *expr,
                                      const SegTable *table,
                                      guint64         row);

/* The 1-based character position of an expression error, 0 if none. */
guint        seg_expr_error_position (const GError *error);

/* "NAME = EXPR" as used by --derive / --txn-derive. */
gboolean     seg_expr_parse_assignment (const char *text,
                                        char      **name,
                                        SegExpr   **expr,
                                        GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegExpr, seg_expr_unref)

G_END_DECLS
