/* seg-expr-eval.c — type checks, binding and evaluation of expression trees
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-expr"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "seg-error.h"
#include "seg-expr.h"
#include "seg-expr-private.h"

/* The static type of a node whose columns are not bound yet. */
#define UNKNOWN SEG_VALUE_MISSING

typedef struct
{
  SegExprFetchFunc fetch;     /* NULL: read @table */
  gpointer         row;
  const SegTable  *table;
  guint64          row_index;
  gboolean         cached;    /* @table is the one the columns were cached from */
} EvalCtx;

void
seg_expr_node_free (SegExprNode *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; i < node->n_args; i++)
    seg_expr_node_free (node->args[i]);
  g_free (node->args);
  g_free (node->text);
  g_free (node);
}

/* ------------------------------------------------------------ type checks */

static const char *
kind_phrase (SegValueKind kind)
{
  switch (kind)
    {
    case SEG_VALUE_NUMBER:
      return _("a number");
    case SEG_VALUE_BOOLEAN:
      return _("a true/false value");
    case SEG_VALUE_DATE:
      return _("a date");
    case SEG_VALUE_TEXT:
      return _("text");
    case SEG_VALUE_MISSING:
    default:
      return _("a missing value");
    }
}

static gboolean
is_numeric (SegValueKind kind)
{
  return kind == SEG_VALUE_NUMBER || kind == SEG_VALUE_BOOLEAN;
}

static SegValueKind
column_kind (SegColumnType type)
{
  switch (type)
    {
    case SEG_COLUMN_NUMBER:
      return SEG_VALUE_NUMBER;
    case SEG_COLUMN_DATE:
      return SEG_VALUE_DATE;
    case SEG_COLUMN_BOOLEAN:
      return SEG_VALUE_BOOLEAN;
    case SEG_COLUMN_TEXT:
    default:
      return SEG_VALUE_TEXT;
    }
}

/* A text literal, which may still be read as a date once the other side's
 * type is known. */
static gboolean
is_text_literal (const SegExprNode *node)
{
  return node->kind == SEG_EXPR_NODE_CONST && node->type == SEG_VALUE_TEXT;
}

/* A text literal where a date is wanted is read as a date. */
static gboolean
coerce_to_date (SegExprNode *node,
                GError     **error)
{
  if (node->kind != SEG_EXPR_NODE_CONST || node->type != SEG_VALUE_TEXT)
    return TRUE;
  if (!seg_expr_parse_date (node->text, &node->value.num))
    {
      seg_expr_set_error (error, node->position,
                          _("“%s” is not a date; write dates as YYYY-MM-DD"), node->text);
      return FALSE;
    }
  node->value.kind = SEG_VALUE_DATE;
  node->value.text = NULL;
  node->type = SEG_VALUE_DATE;
  return TRUE;
}

static void
check_const (SegExprNode *n)
{
  /* undo an earlier binding's reading of a text literal as a date */
  if (n->text != NULL)
    {
      n->value.kind = SEG_VALUE_TEXT;
      n->value.num = NAN;
      n->value.text = n->text;
    }
  n->type = n->value.kind;
}

static gboolean
check_sign (SegExprNode *n,
            GError     **error)
{
  SegValueKind t = n->args[0]->type;

  n->type = SEG_VALUE_NUMBER;
  if (t == UNKNOWN || is_numeric (t))
    return TRUE;
  seg_expr_set_error (error, n->position, _("“%s” needs a number, not %s"),
                      n->kind == SEG_EXPR_NODE_NEG ? "-" : "+", kind_phrase (t));
  return FALSE;
}

static gboolean
check_logic (SegExprNode *n,
             GError     **error)
{
  const char *word = n->kind == SEG_EXPR_NODE_NOT ? "not"
                     : n->kind == SEG_EXPR_NODE_AND ? "and" : "or";

  n->type = SEG_VALUE_BOOLEAN;
  for (guint i = 0; i < n->n_args; i++)
    {
      SegValueKind t = n->args[i]->type;
      if (t != UNKNOWN && t != SEG_VALUE_BOOLEAN)
        {
          seg_expr_set_error (error, n->position,
                              _("“%s” needs conditions (true or false), not %s"),
                              word, kind_phrase (t));
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
arith_symbol (guint op)
{
  static const char *symbols[] = { "+", "-", "*", "/" };
  return symbols[op];
}

static gboolean
arith_error (SegExprNode *n,
             const char  *message,
             GError     **error)
{
  seg_expr_set_error (error, n->position, "%s", message);
  return FALSE;
}

static gboolean
check_arith (SegExprNode *n,
             GError     **error)
{
  SegExprNode *a = n->args[0], *b = n->args[1];
  SegValueKind ta, tb;
  gboolean da, db, unknown;

  if (n->op == SEG_EXPR_SUB
      && ((a->type == SEG_VALUE_DATE && !coerce_to_date (b, error))
          || (b->type == SEG_VALUE_DATE && !coerce_to_date (a, error))))
    return FALSE;
  ta = a->type;
  tb = b->type;
  if (n->op == SEG_EXPR_SUB
      && ((ta == UNKNOWN && is_text_literal (b)) || (tb == UNKNOWN && is_text_literal (a))))
    {
      /* date − '2025-01-01' once the column is known to be a date */
      n->type = UNKNOWN;
      return TRUE;
    }
  if (ta == SEG_VALUE_TEXT || tb == SEG_VALUE_TEXT)
    {
      seg_expr_set_error (error, n->position, _("“%s” cannot be used with text"),
                          arith_symbol (n->op));
      return FALSE;
    }
  da = ta == SEG_VALUE_DATE;
  db = tb == SEG_VALUE_DATE;
  unknown = ta == UNKNOWN || tb == UNKNOWN;
  switch (n->op)
    {
    case SEG_EXPR_MUL:
    case SEG_EXPR_DIV:
      if (da || db)
        return arith_error (n, _("dates cannot be multiplied or divided"), error);
      n->type = SEG_VALUE_NUMBER;
      return TRUE;
    case SEG_EXPR_ADD:
      if (da && db)
        return arith_error (n, _("two dates cannot be added; subtract them to count days"), error);
      n->type = (da || db) ? SEG_VALUE_DATE : unknown ? UNKNOWN : SEG_VALUE_NUMBER;
      return TRUE;
    case SEG_EXPR_SUB:
    default:
      if (db && !da && ta != UNKNOWN)
        return arith_error (n, _("a date cannot be subtracted from a number"), error);
      n->type = unknown ? UNKNOWN : da && db ? SEG_VALUE_NUMBER
                : da ? SEG_VALUE_DATE : SEG_VALUE_NUMBER;
      return TRUE;
    }
}

static gboolean
check_cmp (SegExprNode *n,
           GError     **error)
{
  SegExprNode *a = n->args[0], *b = n->args[1];
  SegValueKind ta, tb;

  if ((a->type == SEG_VALUE_DATE && !coerce_to_date (b, error))
      || (b->type == SEG_VALUE_DATE && !coerce_to_date (a, error)))
    return FALSE;
  ta = a->type;
  tb = b->type;
  n->type = SEG_VALUE_BOOLEAN;
  n->floor_dates = ta == SEG_VALUE_DATE && tb == SEG_VALUE_DATE;
  if (ta == UNKNOWN || tb == UNKNOWN || (is_numeric (ta) && is_numeric (tb)) || n->floor_dates)
    return TRUE;
  if (ta == SEG_VALUE_TEXT && tb == SEG_VALUE_TEXT)
    {
      if (n->op == SEG_EXPR_EQ || n->op == SEG_EXPR_NE)
        return TRUE;
      seg_expr_set_error (error, n->position, _("text can only be compared with = or !="));
      return FALSE;
    }
  seg_expr_set_error (error, n->position, _("cannot compare %s with %s"),
                      kind_phrase (ta), kind_phrase (tb));
  return FALSE;
}

static gboolean
check_min_max (SegExprNode *n,
               const char  *name,
               GError     **error)
{
  SegValueKind result = UNKNOWN;
  gboolean has_date = FALSE, unknown = FALSE;

  for (guint i = 0; i < n->n_args; i++)
    {
      has_date |= n->args[i]->type == SEG_VALUE_DATE;
      unknown |= n->args[i]->type == UNKNOWN;
    }
  for (guint i = 0; i < n->n_args; i++)
    {
      SegValueKind t;

      if (has_date && !coerce_to_date (n->args[i], error))
        return FALSE;
      t = n->args[i]->type;
      if (t == SEG_VALUE_TEXT && unknown && is_text_literal (n->args[i]))
        continue;   /* a date, perhaps, once the columns are bound */
      if (t == SEG_VALUE_TEXT)
        {
          seg_expr_set_error (error, n->position, _("%s() needs numbers or dates, not text"), name);
          return FALSE;
        }
      if (t != UNKNOWN)
        result = t == SEG_VALUE_DATE ? SEG_VALUE_DATE : SEG_VALUE_NUMBER;
    }
  if (has_date && result == SEG_VALUE_NUMBER)
    {
      seg_expr_set_error (error, n->position, _("%s() cannot mix dates and numbers"), name);
      return FALSE;
    }
  n->type = unknown ? UNKNOWN : result;
  return TRUE;
}

static gboolean
check_if (SegExprNode *n,
          GError     **error)
{
  SegExprNode *c = n->args[0], *a = n->args[1], *b = n->args[2];
  SegValueKind ta, tb;

  if (c->type != UNKNOWN && c->type != SEG_VALUE_BOOLEAN)
    {
      seg_expr_set_error (error, n->position,
                          _("the first value of if() must be a condition (true or false), not %s"),
                          kind_phrase (c->type));
      return FALSE;
    }
  if ((a->type == SEG_VALUE_DATE && !coerce_to_date (b, error))
      || (b->type == SEG_VALUE_DATE && !coerce_to_date (a, error)))
    return FALSE;
  ta = a->type;
  tb = b->type;
  if (ta == UNKNOWN || tb == UNKNOWN)
    n->type = UNKNOWN;
  else if (ta == tb)
    n->type = ta;
  else if (is_numeric (ta) && is_numeric (tb))
    n->type = SEG_VALUE_NUMBER;
  else
    {
      seg_expr_set_error (error, n->position,
                          _("the two results of if() must be of one kind, not %s and %s"),
                          kind_phrase (ta), kind_phrase (tb));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_call (SegExprNode *n,
            GError     **error)
{
  const char *name = seg_expr_function_name ((SegExprFunc) n->op);

  switch ((SegExprFunc) n->op)
    {
    case SEG_EXPR_FN_MIN:
    case SEG_EXPR_FN_MAX:
      return check_min_max (n, name, error);
    case SEG_EXPR_FN_IF:
      return check_if (n, error);
    case SEG_EXPR_FN_IS_MISSING:
      n->type = SEG_VALUE_BOOLEAN;
      return TRUE;
    case SEG_EXPR_FN_DAYS_BETWEEN:
      n->type = SEG_VALUE_NUMBER;
      for (guint i = 0; i < 2; i++)
        {
          SegValueKind t;
          if (!coerce_to_date (n->args[i], error))
            return FALSE;
          t = n->args[i]->type;
          if (t != UNKNOWN && t != SEG_VALUE_DATE)
            {
              seg_expr_set_error (error, n->position, _("%s() needs two dates, not %s"),
                                  name, kind_phrase (t));
              return FALSE;
            }
        }
      return TRUE;
    case SEG_EXPR_FN_LOG1P:
    case SEG_EXPR_FN_SQRT:
    case SEG_EXPR_FN_ABS:
    case SEG_EXPR_N_FUNCS:
    default:
      n->type = SEG_VALUE_NUMBER;
      if (n->args[0]->type == UNKNOWN || is_numeric (n->args[0]->type))
        return TRUE;
      seg_expr_set_error (error, n->position, _("%s() needs a number, not %s"),
                          name, kind_phrase (n->args[0]->type));
      return FALSE;
    }
}

gboolean
seg_expr_check (SegExprNode *n,
                gboolean     bound,
                GError     **error)
{
  for (guint i = 0; i < n->n_args; i++)
    if (!seg_expr_check (n->args[i], bound, error))
      return FALSE;

  switch (n->kind)
    {
    case SEG_EXPR_NODE_CONST:
      check_const (n);
      return TRUE;
    case SEG_EXPR_NODE_COLUMN:
      n->type = bound && n->resolved ? column_kind (n->column_type) : UNKNOWN;
      return TRUE;
    case SEG_EXPR_NODE_POS:
    case SEG_EXPR_NODE_NEG:
      return check_sign (n, error);
    case SEG_EXPR_NODE_NOT:
    case SEG_EXPR_NODE_AND:
    case SEG_EXPR_NODE_OR:
      return check_logic (n, error);
    case SEG_EXPR_NODE_ARITH:
      return check_arith (n, error);
    case SEG_EXPR_NODE_CMP:
      return check_cmp (n, error);
    case SEG_EXPR_NODE_CALL:
    default:
      return check_call (n, error);
    }
}

/* ---------------------------------------------------------------- binding */

static gboolean
resolve_columns (SegExprNode        *n,
                 SegExprResolveFunc  resolve,
                 gpointer            user_data,
                 const char * const *known_names,
                 GError            **error)
{
  const char *suggestion;

  for (guint i = 0; i < n->n_args; i++)
    if (!resolve_columns (n->args[i], resolve, user_data, known_names, error))
      return FALSE;
  if (n->kind != SEG_EXPR_NODE_COLUMN)
    return TRUE;
  n->resolved = resolve (n->text, &n->index, &n->column_type, user_data);
  if (n->resolved)
    return TRUE;
  suggestion = seg_expr_suggest (n->text, known_names);
  if (suggestion != NULL)
    seg_expr_set_error (error, n->position,
                        _("unknown column “%s”; did you mean “%s”?"), n->text, suggestion);
  else
    seg_expr_set_error (error, n->position, _("unknown column “%s”"), n->text);
  return FALSE;
}

gboolean
seg_expr_bind_full (SegExpr            *expr,
                    SegExprResolveFunc  resolve,
                    gpointer            user_data,
                    const char * const *known_names,
                    GError            **error)
{
  g_return_val_if_fail (expr != NULL, FALSE);
  g_return_val_if_fail (resolve != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  expr->bound = FALSE;
  g_clear_pointer (&expr->table, seg_table_unref);
  if (!resolve_columns (expr->root, resolve, user_data, known_names, error)
      || !seg_expr_check (expr->root, TRUE, error))
    return FALSE;
  expr->bound = TRUE;
  return TRUE;
}

gboolean
seg_expr_bind (SegExpr           *expr,
               SegExprResolveFunc resolve,
               gpointer           user_data,
               GError           **error)
{
  g_return_val_if_fail (expr != NULL, FALSE);
  return seg_expr_bind_full (expr, resolve, user_data, NULL, error);
}

int
seg_expr_find_table_column (const SegTable *table,
                            const char     *name)
{
  g_autofree char *folded = NULL;
  int index;

  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  index = seg_table_find_column_index (table, name);
  if (index >= 0)
    return index;
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < seg_table_get_n_columns (table); i++)
    {
      g_autofree char *other = g_utf8_casefold (seg_table_get_column (table, i)->name, -1);
      if (strcmp (folded, other) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
resolve_in_table (const char    *name,
                  guint         *index,
                  SegColumnType *type,
                  gpointer       user_data)
{
  const SegTable *table = user_data;
  int i = seg_expr_find_table_column (table, name);

  if (i < 0)
    return FALSE;
  *index = (guint) i;
  *type = seg_table_get_column (table, (guint) i)->type;
  return TRUE;
}

static void
cache_columns (SegExprNode    *n,
               const SegTable *table)
{
  for (guint i = 0; i < n->n_args; i++)
    cache_columns (n->args[i], table);
  if (n->kind == SEG_EXPR_NODE_COLUMN)
    n->column = seg_table_get_column (table, n->index);
}

gboolean
seg_expr_bind_table (SegExpr        *expr,
                     const SegTable *table,
                     GError        **error)
{
  guint n;
  g_autofree const char **names = NULL;

  g_return_val_if_fail (expr != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  n = seg_table_get_n_columns (table);
  names = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = seg_table_get_column (table, i)->name;
  if (!seg_expr_bind_full (expr, resolve_in_table, (gpointer) table, names, error))
    return FALSE;
  /* tables are immutable once shared: a reference keeps the columns valid */
  expr->table = seg_table_ref ((SegTable *) table);
  cache_columns (expr->root, table);
  return TRUE;
}

SegValueKind
seg_expr_get_kind (const SegExpr *expr)
{
  g_return_val_if_fail (expr != NULL, SEG_VALUE_MISSING);
  return expr->bound ? expr->root->type : SEG_VALUE_MISSING;
}

/* ------------------------------------------------------------- evaluation */

static inline void
set_missing (SegValue *out)
{
  out->kind = SEG_VALUE_MISSING;
  out->num = NAN;
  out->text = NULL;
}

/* Anything that is not a finite number counts as missing. */
static inline void
set_number (SegValue    *out,
            SegValueKind kind,
            double       v)
{
  if (!isfinite (v))
    {
      set_missing (out);
      return;
    }
  out->kind = kind;
  out->num = v;
  out->text = NULL;
}

static inline void
set_boolean (SegValue *out,
             gboolean  v)
{
  out->kind = SEG_VALUE_BOOLEAN;
  out->num = v ? 1.0 : 0.0;
  out->text = NULL;
}

static void
fetch_table (const SegExprNode *n,
             const EvalCtx     *ctx,
             SegValue          *out)
{
  const SegColumn *column = ctx->cached ? n->column
                            : seg_table_get_column (ctx->table, n->index);

  if (column == NULL)
    set_missing (out);
  else if (column->type == SEG_COLUMN_TEXT)
    {
      out->text = column->text[ctx->row_index];
      out->kind = out->text ? SEG_VALUE_TEXT : SEG_VALUE_MISSING;
      out->num = NAN;
    }
  else
    set_number (out, column_kind (column->type), column->num[ctx->row_index]);
}

static void
fetch_column (const SegExprNode *n,
              const EvalCtx     *ctx,
              SegValue          *out)
{
  if (ctx->fetch == NULL)
    {
      fetch_table (n, ctx, out);
      return;
    }
  set_missing (out);
  ctx->fetch (n->index, ctx->row, out);
  if (out->kind == SEG_VALUE_TEXT ? out->text == NULL
      : out->kind != SEG_VALUE_MISSING && !isfinite (out->num))
    set_missing (out);
}

static void eval_node (const SegExprNode *n, const EvalCtx *ctx, SegValue *out);

static void
eval_arith (const SegExprNode *n,
            const EvalCtx     *ctx,
            SegValue          *out)
{
  SegValue a, b;
  double v;

  eval_node (n->args[0], ctx, &a);
  if (a.kind == SEG_VALUE_MISSING)
    {
      set_missing (out);
      return;
    }
  eval_node (n->args[1], ctx, &b);
  if (b.kind == SEG_VALUE_MISSING)
    {
      set_missing (out);
      return;
    }
  switch (n->op)
    {
    case SEG_EXPR_ADD:
      v = a.num + b.num;
      break;
    case SEG_EXPR_SUB:
      if (a.kind == SEG_VALUE_DATE && b.kind == SEG_VALUE_DATE)
        v = floor (a.num) - floor (b.num);
      else
        v = a.num - b.num;
      break;
    case SEG_EXPR_MUL:
      v = a.num * b.num;
      break;
    case SEG_EXPR_DIV:
    default:
      if (b.num == 0.0)
        {
          set_missing (out);
          return;
        }
      v = a.num / b.num;
      break;
    }
  set_number (out, n->type, v);
}

static gboolean
compare_numbers (guint  op,
                 double x,
                 double y)
{
  switch (op)
    {
    case SEG_EXPR_LT: return x < y;
    case SEG_EXPR_LE: return x <= y;
    case SEG_EXPR_GT: return x > y;
    case SEG_EXPR_GE: return x >= y;
    case SEG_EXPR_EQ: return x == y;
    case SEG_EXPR_NE:
    default:          return x != y;
    }
}

static void
eval_cmp (const SegExprNode *n,
          const EvalCtx     *ctx,
          SegValue          *out)
{
  SegValue a, b;

  eval_node (n->args[0], ctx, &a);
  eval_node (n->args[1], ctx, &b);
  if (a.kind == SEG_VALUE_MISSING || b.kind == SEG_VALUE_MISSING)
    {
      set_boolean (out, FALSE);
      return;
    }
  if (a.kind == SEG_VALUE_TEXT || b.kind == SEG_VALUE_TEXT)
    {
      gboolean equal = a.kind == b.kind && strcmp (a.text, b.text) == 0;
      set_boolean (out, n->op == SEG_EXPR_EQ ? equal
                        : n->op == SEG_EXPR_NE ? !equal : FALSE);
      return;
    }
  if (n->floor_dates)
    {
      set_boolean (out, compare_numbers (n->op, floor (a.num), floor (b.num)));
      return;
    }
  set_boolean (out, compare_numbers (n->op, a.num, b.num));
}

/* Kleene logic: false decides an “and”, true decides an “or”. */
static void
eval_logic (const SegExprNode *n,
            const EvalCtx     *ctx,
            SegValue          *out)
{
  gboolean decisive = n->kind == SEG_EXPR_NODE_OR;
  gboolean missing = FALSE;

  for (guint i = 0; i < 2; i++)
    {
      SegValue v;
      eval_node (n->args[i], ctx, &v);
      if (v.kind == SEG_VALUE_MISSING)
        missing = TRUE;
      else if ((v.num != 0.0) == decisive)
        {
          set_boolean (out, decisive);
          return;
        }
    }
  if (missing)
    {
      set_missing (out);
      return;
    }
  set_boolean (out, !decisive);
}

static void
eval_min_max (const SegExprNode *n,
              const EvalCtx     *ctx,
              SegValue          *out)
{
  gboolean want_max = n->op == SEG_EXPR_FN_MAX;
  double best = NAN;

  for (guint i = 0; i < n->n_args; i++)
    {
      SegValue v;
      eval_node (n->args[i], ctx, &v);
      if (v.kind == SEG_VALUE_MISSING)
        continue;
      if (isnan (best) || (want_max ? v.num > best : v.num < best))
        best = v.num;
    }
  set_number (out, n->type, best);
}

static void
eval_one_number (const SegExprNode *n,
                 const EvalCtx     *ctx,
                 SegValue          *out)
{
  SegValue v;

  eval_node (n->args[0], ctx, &v);
  if (v.kind == SEG_VALUE_MISSING)
    {
      set_missing (out);
      return;
    }
  switch (n->op)
    {
    case SEG_EXPR_FN_LOG1P:
      set_number (out, SEG_VALUE_NUMBER, log1p (v.num));
      return;
    case SEG_EXPR_FN_SQRT:
      set_number (out, SEG_VALUE_NUMBER, v.num < 0 ? NAN : sqrt (v.num));
      return;
    case SEG_EXPR_FN_ABS:
    default:
      set_number (out, SEG_VALUE_NUMBER, fabs (v.num));
      return;
    }
}

static void
eval_call (const SegExprNode *n,
           const EvalCtx     *ctx,
           SegValue          *out)
{
  SegValue a, b;

  switch ((SegExprFunc) n->op)
    {
    case SEG_EXPR_FN_MIN:
    case SEG_EXPR_FN_MAX:
      eval_min_max (n, ctx, out);
      return;
    case SEG_EXPR_FN_DAYS_BETWEEN:
      eval_node (n->args[0], ctx, &a);
      eval_node (n->args[1], ctx, &b);
      if (a.kind == SEG_VALUE_MISSING || b.kind == SEG_VALUE_MISSING)
        {
          set_missing (out);
          return;
        }
      set_number (out, SEG_VALUE_NUMBER, floor (b.num) - floor (a.num));
      return;
    case SEG_EXPR_FN_IF:
      eval_node (n->args[0], ctx, &a);
      eval_node (n->args[a.kind == SEG_VALUE_BOOLEAN && a.num != 0.0 ? 1 : 2], ctx, out);
      if (out->kind == SEG_VALUE_BOOLEAN && n->type == SEG_VALUE_NUMBER)
        out->kind = SEG_VALUE_NUMBER;
      return;
    case SEG_EXPR_FN_IS_MISSING:
      eval_node (n->args[0], ctx, &a);
      set_boolean (out, a.kind == SEG_VALUE_MISSING);
      return;
    case SEG_EXPR_FN_LOG1P:
    case SEG_EXPR_FN_SQRT:
    case SEG_EXPR_FN_ABS:
    case SEG_EXPR_N_FUNCS:
    default:
      eval_one_number (n, ctx, out);
      return;
    }
}

static void
eval_node (const SegExprNode *n,
           const EvalCtx     *ctx,
           SegValue          *out)
{
  switch (n->kind)
    {
    case SEG_EXPR_NODE_CONST:
      *out = n->value;
      return;
    case SEG_EXPR_NODE_COLUMN:
      fetch_column (n, ctx, out);
      return;
    case SEG_EXPR_NODE_POS:
    case SEG_EXPR_NODE_NEG:
      eval_node (n->args[0], ctx, out);
      if (out->kind != SEG_VALUE_MISSING)
        set_number (out, SEG_VALUE_NUMBER,
                    n->kind == SEG_EXPR_NODE_NEG ? -out->num : out->num);
      return;
    case SEG_EXPR_NODE_NOT:
      eval_node (n->args[0], ctx, out);
      if (out->kind != SEG_VALUE_MISSING)
        set_boolean (out, out->num == 0.0);
      return;
    case SEG_EXPR_NODE_AND:
    case SEG_EXPR_NODE_OR:
      eval_logic (n, ctx, out);
      return;
    case SEG_EXPR_NODE_ARITH:
      eval_arith (n, ctx, out);
      return;
    case SEG_EXPR_NODE_CMP:
      eval_cmp (n, ctx, out);
      return;
    case SEG_EXPR_NODE_CALL:
    default:
      eval_call (n, ctx, out);
      return;
    }
}

void
seg_expr_eval (const SegExpr   *expr,
               SegExprFetchFunc fetch,
               gpointer         row,
               SegValue        *out)
{
  EvalCtx ctx = { fetch, row, NULL, 0, FALSE };

  g_return_if_fail (out != NULL);
  set_missing (out);
  g_return_if_fail (expr != NULL);
  g_return_if_fail (expr->bound);
  g_return_if_fail (fetch != NULL || expr->columns->len == 0);
  eval_node (expr->root, &ctx, out);
}

void
seg_expr_eval_table_row (const SegExpr  *expr,
                         const SegTable *table,
                         guint64         row,
                         SegValue       *out)
{
  EvalCtx ctx = { NULL, NULL, table, row, FALSE };

  g_return_if_fail (out != NULL);
  set_missing (out);
  g_return_if_fail (expr != NULL && table != NULL);
  g_return_if_fail (expr->bound);
  g_return_if_fail (row < seg_table_get_n_rows (table));
  ctx.cached = table == expr->table;
  eval_node (expr->root, &ctx, out);
}

gboolean
seg_expr_test_table_row (const SegExpr  *expr,
                         const SegTable *table,
                         guint64         row)
{
  SegValue v;

  /* checked here too: after a failed check below, v would be unset */
  g_return_val_if_fail (expr != NULL && table != NULL, FALSE);
  g_return_val_if_fail (expr->bound, FALSE);

  seg_expr_eval_table_row (expr, table, row, &v);
  return v.kind == SEG_VALUE_BOOLEAN && v.num != 0.0;
}
