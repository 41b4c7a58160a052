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
 * Keywords (and, or, not, true, false) and function names are case-insensitive.
 *
 * Lexical details: numbers are 12, 1.5, .5, 1e3, 2.5E-2; a date literal is
 * exactly YYYY-MM-DD (so write `2025 - 1 - 31` with spaces for arithmetic);
 * strings take '…' or "…", with the quote doubled ('it''s') or escaped with a
 * backslash; identifiers are letters, digits and “_” (any Unicode letter);
 * other column names are written in backticks (`Unit Price`, a backtick
 * doubled inside).  A name followed by “(” is a function call.
 *
 * Values: number, boolean, date (days since 1970-01-01), text, or missing.
 * Arithmetic with a missing operand is missing; a comparison with a missing
 * operand is false (so a rule on a missing value does not match); date − date
 * is a number of days (both floored to the calendar day); date ± number is a
 * date.  Division by zero, and any result that is not a finite number
 * (sqrt(-1), log1p(-1)), is missing.  Booleans count as 0/1 in arithmetic and
 * may be compared with numbers.  Dates compare by calendar day.  Text compares
 * only with text and only with = / != (exact, case-sensitive); a text literal
 * compared with (or subtracted from, or passed with) a date is read as a date
 * (YYYY-MM-DD, optionally followed by a time) and is an error otherwise.
 * and / or / not use three-valued logic (false and missing = false, true or
 * missing = true, otherwise missing).  min() / max() skip missing arguments
 * (missing only when all are); if() with a missing condition takes the else
 * branch; is_missing() is never missing.
 *
 * Types are checked as far as they are known: at parse time for the literals
 * ("text" + 1), at bind time for columns (amount > 'x').
 *
 * Errors are GErrors in SEG_ERROR / SEG_ERROR_EXPRESSION whose message names
 * the 1-based character position ("at character 12: unknown column “foo”"),
 * and seg_expr_error_position() returns it.  Positions count characters
 * (not bytes) from the start of the text given to the parse function (for
 * seg_expr_parse_assignment(), the whole "NAME = EXPR" text), also for the
 * errors found later by seg_expr_bind().
 *
 * A SegExpr is ref-counted.  Binding changes it, evaluation does not: a bound
 * expression may be evaluated from several threads at once, but do not bind
 * an expression that another thread is evaluating (parse a second copy).
 * Evaluation allocates nothing.
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

/* Returns: (transfer full). */
SegExpr     *seg_expr_parse          (const char *text,
                                      GError    **error);
/* Returns: (transfer full). */
SegExpr     *seg_expr_ref            (SegExpr    *expr);
void         seg_expr_unref          (SegExpr    *expr);
const char  *seg_expr_get_text       (const SegExpr *expr);

/* Names of the columns the expression refers to (in order of appearance, no
 * duplicates), as written.  Returns: (transfer full) (element-type utf8). */
GPtrArray   *seg_expr_get_columns    (const SegExpr *expr);

gboolean     seg_expr_bind           (SegExpr           *expr,
                                      SegExprResolveFunc resolve,
                                      gpointer           user_data,
                                      GError           **error);
/* Like seg_expr_bind(); when a column is unknown, the error suggests the
 * closest of @known_names (NULL-terminated, may be NULL): "did you mean …?". */
gboolean     seg_expr_bind_full      (SegExpr            *expr,
                                      SegExprResolveFunc  resolve,
                                      gpointer            user_data,
                                      const char * const *known_names,
                                      GError            **error);
/* Binds the column names to the columns of @table: the exact name first, then
 * the first column whose name matches ignoring case.  Evaluate the expression
 * only against @table (or a table with the same columns in the same order). */
gboolean     seg_expr_bind_table     (SegExpr        *expr,
                                      const SegTable *table,
                                      GError        **error);
/* The column of @table that the name @name refers to, as seg_expr_bind_table()
 * finds it, or -1. */
int          seg_expr_find_table_column (const SegTable *table,
                                         const char     *name);

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
/* The message of an expression error without its "at character N: " part
 * (the whole message when there is none).  Returns: (transfer none). */
const char  *seg_expr_error_detail   (const GError *error);

/* @name as it must be written in an expression: unchanged when it is a plain
 * identifier, else in backticks.  Returns: (transfer full). */
char        *seg_expr_quote_name     (const char *name);

/* Reads "YYYY-MM-DD" (optionally followed by " HH:MM[:SS]" or "THH:MM[:SS]")
 * as days since 1970-01-01, the way text literals compared with dates are
 * read.  FALSE when @text is not such a date. */
gboolean     seg_expr_parse_date     (const char *text,
                                      double     *days);

/* "NAME = EXPR" as used by --derive / --txn-derive; NAME is an identifier or
 * a `backticked name`.  On success @name and @expr are (transfer full). */
gboolean     seg_expr_parse_assignment (const char *text,
                                        char      **name,
                                        SegExpr   **expr,
                                        GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegExpr, seg_expr_unref)

G_END_DECLS
