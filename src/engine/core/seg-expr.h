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

/**
 * seg_expr_parse:
 * @text: the expression, UTF-8
 * @error: a #GError in %SEG_ERROR / %SEG_ERROR_EXPRESSION naming the
 *   character position
 *
 * Parses an expression; its columns are bound later.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL with @error
 *   set
 */
SegExpr     *seg_expr_parse          (const char *text,
                                      GError    **error);
/**
 * seg_expr_ref:
 * @expr: an expression
 *
 * Returns: (transfer full): @expr
 */
SegExpr     *seg_expr_ref            (SegExpr    *expr);
/**
 * seg_expr_unref:
 * @expr: (transfer full): an expression
 */
void         seg_expr_unref          (SegExpr    *expr);
/**
 * seg_expr_get_text:
 * @expr: an expression
 *
 * Returns: (transfer none): the text it was parsed from
 */
const char  *seg_expr_get_text       (const SegExpr *expr);

/**
 * seg_expr_get_columns:
 * @expr: an expression
 *
 * Returns: (transfer full) (element-type utf8): the names of the columns
 *   the expression refers to, as written, in order of appearance, without
 *   duplicates
 */
GPtrArray   *seg_expr_get_columns    (const SegExpr *expr);

/**
 * seg_expr_bind:
 * @expr: an expression no other thread is evaluating
 * @resolve: (scope call): finds each column's index and type
 * @user_data: (closure resolve): for @resolve
 * @error: a #GError in %SEG_ERROR / %SEG_ERROR_EXPRESSION: an unknown
 *   column or a type that does not fit
 *
 * Binds the column names and checks the types.
 *
 * Returns: %TRUE when @expr can be evaluated
 */
gboolean     seg_expr_bind           (SegExpr           *expr,
                                      SegExprResolveFunc resolve,
                                      gpointer           user_data,
                                      GError           **error);
/**
 * seg_expr_bind_full:
 * @expr: an expression no other thread is evaluating
 * @resolve: (scope call): finds each column's index and type
 * @user_data: (closure resolve): for @resolve
 * @known_names: (array zero-terminated=1) (nullable): the names an unknown
 *   column may be a misspelling of
 * @error: a #GError in %SEG_ERROR / %SEG_ERROR_EXPRESSION
 *
 * Like seg_expr_bind (); when a column is unknown, the error suggests the
 * closest of @known_names: "did you mean …?".
 *
 * Returns: %TRUE when @expr can be evaluated
 */
gboolean     seg_expr_bind_full      (SegExpr            *expr,
                                      SegExprResolveFunc  resolve,
                                      gpointer            user_data,
                                      const char * const *known_names,
                                      GError            **error);
/**
 * seg_expr_bind_table:
 * @expr: an expression no other thread is evaluating
 * @table: the table it is evaluated against
 * @error: a #GError in %SEG_ERROR / %SEG_ERROR_EXPRESSION
 *
 * Binds the column names to the columns of @table: the exact name first,
 * then the first column whose name matches ignoring case.  Evaluate the
 * expression only against @table (or a table with the same columns in the
 * same order).
 *
 * Returns: %TRUE when @expr can be evaluated
 */
gboolean     seg_expr_bind_table     (SegExpr        *expr,
                                      const SegTable *table,
                                      GError        **error);
/**
 * seg_expr_find_table_column:
 * @table: a table
 * @name: a column name as written in an expression
 *
 * Returns: the column of @table that @name refers to, as
 *   seg_expr_bind_table () finds it, or -1
 */
int          seg_expr_find_table_column (const SegTable *table,
                                         const char     *name);

/**
 * seg_expr_get_kind:
 * @expr: a bound expression
 *
 * Returns: the kind of value it yields; %SEG_VALUE_MISSING when that cannot
 *   be known (or @expr is not bound)
 */
SegValueKind seg_expr_get_kind       (const SegExpr *expr);

/**
 * seg_expr_eval:
 * @expr: a bound expression
 * @fetch: (scope call) (nullable): reads a column of @row; may be %NULL
 *   when @expr refers to no column
 * @row: what @fetch reads from
 * @out: (out caller-allocates): the value; its text is borrowed from the
 *   expression or the row
 *
 * Evaluates @expr on one row; allocates nothing, and may run on several
 * threads at once.
 */
void         seg_expr_eval           (const SegExpr   *expr,
                                      SegExprFetchFunc fetch,
                                      gpointer         row,
                                      SegValue        *out);
/**
 * seg_expr_eval_table_row:
 * @expr: an expression bound to @table (seg_expr_bind_table ())
 * @table: a table
 * @row: a row of @table
 * @out: (out caller-allocates): the value; its text is borrowed from
 *   @table or the expression
 *
 * Evaluates @expr on one row of @table.
 */
void         seg_expr_eval_table_row (const SegExpr  *expr,
                                      const SegTable *table,
                                      guint64         row,
                                      SegValue       *out);
/**
 * seg_expr_test_table_row:
 * @expr: an expression bound to @table
 * @table: a table
 * @row: a row of @table
 *
 * Returns: %TRUE only when @expr is a boolean true on @row (missing values
 *   and other kinds are false)
 */
gboolean     seg_expr_test_table_row (const SegExpr  *expr,
                                      const SegTable *table,
                                      guint64         row);

/**
 * seg_expr_error_position:
 * @error: (nullable): an error
 *
 * Returns: the 1-based character position of an expression error; 0 for
 *   another error, or none
 */
guint        seg_expr_error_position (const GError *error);
/**
 * seg_expr_error_detail:
 * @error: an error
 *
 * Returns: (transfer none): the message without its "at character N: "
 *   part (the whole message when there is none)
 */
const char  *seg_expr_error_detail   (const GError *error);

/**
 * seg_expr_quote_name:
 * @name: a column name
 *
 * Returns: (transfer full): @name as it must be written in an expression:
 *   unchanged when it is a plain identifier, else in backticks
 */
char        *seg_expr_quote_name     (const char *name);

/**
 * seg_expr_parse_date:
 * @text: a text
 * @days: (out) (optional): days since 1970-01-01, a time of day as the
 *   fraction
 *
 * Reads "YYYY-MM-DD", optionally followed by " HH:MM[:SS]" or
 * "THH:MM[:SS]", the way text literals compared with dates are read.
 *
 * Returns: %TRUE when @text is such a date
 */
gboolean     seg_expr_parse_date     (const char *text,
                                      double     *days);

/**
 * seg_expr_parse_assignment:
 * @text: "NAME = EXPR", as used by --derive and --txn-derive; NAME is an
 *   identifier or a `backticked name`
 * @name: (out) (transfer full): the name, on success
 * @expr: (out) (transfer full): the expression, on success
 * @error: a #GError in %SEG_ERROR / %SEG_ERROR_EXPRESSION; positions count
 *   from the start of @text
 *
 * Returns: %TRUE on success
 */
gboolean     seg_expr_parse_assignment (const char *text,
                                        char      **name,
                                        SegExpr   **expr,
                                        GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegExpr, seg_expr_unref)

G_END_DECLS
