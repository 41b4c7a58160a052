/* seg-expr.c — the recursive-descent parser of the expression language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tokenizer lives in seg-expr-lexer.c, the type checks and the evaluation
 * in seg-expr-eval.c; this file turns tokens into a tree (seg-expr-private.h)
 * and owns the public SegExpr object.
 */
#define G_LOG_DOMAIN "seg-expr"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "seg-error.h"
#include "seg-expr.h"
#include "seg-expr-private.h"

/* Deeper trees are refused so that evaluation and freeing never run out of stack. */
#define MAX_TREE_DEPTH 256

static const struct
{
  const char *name;
  guint       min_args;
  guint       max_args;
} functions[SEG_EXPR_N_FUNCS] = {
  [SEG_EXPR_FN_LOG1P]        = { "log1p", 1, 1 },
  [SEG_EXPR_FN_SQRT]         = { "sqrt", 1, 1 },
  [SEG_EXPR_FN_ABS]          = { "abs", 1, 1 },
  [SEG_EXPR_FN_MIN]          = { "min", 2, G_MAXUINT },
  [SEG_EXPR_FN_MAX]          = { "max", 2, G_MAXUINT },
  [SEG_EXPR_FN_DAYS_BETWEEN] = { "days_between", 2, 2 },
  [SEG_EXPR_FN_IF]           = { "if", 3, 3 },
  [SEG_EXPR_FN_IS_MISSING]   = { "is_missing", 1, 1 },
};


/* ----------------------------------------------------------------- parsing */

static SegExprNode *
node_new (SegExprNodeKind kind,
          guint           position,
          guint           n_args)
{
  SegExprNode *node = g_new0 (SegExprNode, 1);

  node->kind = kind;
  node->position = position;
  node->n_args = n_args;
  node->args = n_args ? g_new0 (SegExprNode *, n_args) : NULL;
  node->depth = 1;
  return node;
}

static gboolean
adopt_args (SegExprNode *node,
            GError     **error)
{
  for (guint i = 0; i < node->n_args; i++)
    node->depth = MAX (node->depth, node->args[i]->depth + 1);
  if (node->depth <= MAX_TREE_DEPTH)
    return TRUE;
  seg_expr_set_error (error, node->position,
                      _("the expression is too long or nested too deeply"));
  return FALSE;
}

static SegExprNode *
binary_node (SegExprNodeKind kind,
             guint           op,
             guint           position,
             SegExprNode    *left,
             SegExprNode    *right,
             GError        **error)
{
  g_autoptr(SegExprNode) node = node_new (kind, position, 2);

  node->op = op;
  node->args[0] = left;
  node->args[1] = right;
  if (!adopt_args (node, error))
    return NULL;
  return g_steal_pointer (&node);
}

static SegExprNode *
unary_node (SegExprNodeKind kind,
            guint           position,
            SegExprNode    *arg,
            GError        **error)
{
  g_autoptr(SegExprNode) node = node_new (kind, position, 1);

  node->args[0] = arg;
  if (!adopt_args (node, error))
    return NULL;
  return g_steal_pointer (&node);
}

static SegExprNode *parse_or (SegExprParser *ps, GError **error);

/* Every level of nesting passes here: refuse deep nesting before it
 * exhausts the stack.  The caller decrements ps->nesting afterwards. */
static gboolean
enter (SegExprParser  *ps,
       GError **error)
{
  if (ps->nesting >= MAX_TREE_DEPTH)
    {
      seg_expr_set_error (error, seg_expr_lex_position (ps),
                          _("the expression is too long or nested too deeply"));
      return FALSE;
    }
  ps->nesting++;
  return TRUE;
}

static gboolean
unexpected (SegExprParser  *ps,
            GError **error)
{
  g_autofree char *what = seg_expr_lex_token_text (&ps->tok);

  if (ps->tok.kind == TOK_END)
    seg_expr_set_error (error, seg_expr_lex_position (ps), _("the expression ends too early"));
  else
    seg_expr_set_error (error, seg_expr_lex_position (ps), _("unexpected %s"), what);
  return FALSE;
}

/* After an argument list or a parenthesised expression, expects “)”. */
static gboolean
expect_rparen (SegExprParser  *ps,
               guint    open_position,
               gboolean in_call,
               GError **error)
{
  g_autofree char *what = NULL;

  if (ps->tok.kind == TOK_RPAREN)
    return seg_expr_lex_next (ps, error);
  if (ps->tok.kind == TOK_END)
    {
      seg_expr_set_error (error, open_position, _("this “(” is never closed"));
      return FALSE;
    }
  what = seg_expr_lex_token_text (&ps->tok);
  if (in_call)
    seg_expr_set_error (error, seg_expr_lex_position (ps),
                        _("unexpected %s; expected “,” or “)”"), what);
  else
    seg_expr_set_error (error, seg_expr_lex_position (ps),
                        _("unexpected %s; expected an operator or “)”"), what);
  return FALSE;
}

const char *
seg_expr_function_name (SegExprFunc fn)
{
  g_assert (fn < SEG_EXPR_N_FUNCS);
  return functions[fn].name;
}

static int
lookup_function (const char *name)
{
  for (guint i = 0; i < SEG_EXPR_N_FUNCS; i++)
    if (g_ascii_strcasecmp (name, functions[i].name) == 0)
      return (int) i;
  return -1;
}

static gboolean
check_arg_count (const char *name,
                 int         fn,
                 guint       n_args,
                 guint       position,
                 GError    **error)
{
  guint lo = functions[fn].min_args, hi = functions[fn].max_args;

  if (n_args >= lo && n_args <= hi)
    return TRUE;
  if (hi == G_MAXUINT)
    seg_expr_set_error (error, position,
                        _("%s() needs at least %u values, not %u"), name, lo, n_args);
  else
    seg_expr_set_error (error, position,
                        ngettext ("%s() takes %u value, not %u",
                                  "%s() takes %u values, not %u", lo),
                        name, lo, n_args);
  return FALSE;
}

static gboolean
unknown_function (const char *name,
                  guint       position,
                  GError    **error)
{
  const char *names[SEG_EXPR_N_FUNCS + 1];
  const char *suggestion;

  for (guint i = 0; i < SEG_EXPR_N_FUNCS; i++)
    names[i] = functions[i].name;
  names[SEG_EXPR_N_FUNCS] = NULL;
  suggestion = seg_expr_suggest (name, names);
  if (suggestion != NULL)
    seg_expr_set_error (error, position,
                        _("unknown function “%s”; did you mean “%s”?"), name, suggestion);
  else
    seg_expr_set_error (error, position, _("unknown function “%s”"), name);
  return FALSE;
}

/* The current token is the function name, followed by “(”. */
static SegExprNode *
parse_call (SegExprParser  *ps,
            GError **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_expr_node_free);
  g_autofree char *name = g_strdup (ps->tok.str);
  guint position = seg_expr_lex_position (ps);
  guint open_position;
  int fn = lookup_function (name);
  g_autoptr(SegExprNode) node = NULL;

  if (fn < 0)
    return unknown_function (name, position, error), NULL;
  if (!seg_expr_lex_next (ps, error))
    return NULL;
  open_position = seg_expr_lex_position (ps);
  if (!seg_expr_lex_next (ps, error))
    return NULL;
  while (ps->tok.kind != TOK_RPAREN)
    {
      SegExprNode *arg = parse_or (ps, error);
      if (arg == NULL)
        return NULL;
      g_ptr_array_add (args, arg);
      if (ps->tok.kind != TOK_COMMA)
        break;
      if (!seg_expr_lex_next (ps, error))
        return NULL;
    }
  if (!expect_rparen (ps, open_position, TRUE, error)
      || !check_arg_count (name, fn, args->len, position, error))
    return NULL;
  node = node_new (SEG_EXPR_NODE_CALL, position, 0);
  node->op = (guint) fn;
  node->n_args = args->len;
  node->args = (SegExprNode **) g_ptr_array_steal (args, NULL);
  if (!adopt_args (node, error))
    return NULL;
  return g_steal_pointer (&node);
}

static SegExprNode *
column_node (SegExprParser *ps)
{
  SegExprNode *node = node_new (SEG_EXPR_NODE_COLUMN, seg_expr_lex_position (ps), 0);

  node->text = g_strdup (ps->tok.str);
  if (!g_ptr_array_find_with_equal_func (ps->columns, node->text, g_str_equal, NULL))
    g_ptr_array_add (ps->columns, g_strdup (node->text));
  return node;
}

static SegExprNode *
constant_node (SegExprParser *ps)
{
  SegExprNode *node = node_new (SEG_EXPR_NODE_CONST, seg_expr_lex_position (ps), 0);

  switch (ps->tok.kind)
    {
    case TOK_NUMBER:
      node->value.kind = SEG_VALUE_NUMBER;
      node->value.num = ps->tok.num;
      break;
    case TOK_DATE:
      node->value.kind = SEG_VALUE_DATE;
      node->value.num = ps->tok.num;
      break;
    case TOK_TRUE:
    case TOK_FALSE:
      node->value.kind = SEG_VALUE_BOOLEAN;
      node->value.num = ps->tok.kind == TOK_TRUE ? 1.0 : 0.0;
      break;
    default:
      g_assert (ps->tok.kind == TOK_STRING);
      node->text = g_strdup (ps->tok.str);
      node->value.kind = SEG_VALUE_TEXT;
      node->value.num = NAN;
      node->value.text = node->text;
      break;
    }
  return node;
}

static SegExprNode *
parse_parenthesised (SegExprParser  *ps,
                     GError **error)
{
  guint open_position = seg_expr_lex_position (ps);
  g_autoptr(SegExprNode) inner = NULL;

  if (!seg_expr_lex_next (ps, error))
    return NULL;
  if (ps->tok.kind == TOK_RPAREN)
    {
      unexpected (ps, error);
      return NULL;
    }
  inner = parse_or (ps, error);
  if (inner == NULL || !expect_rparen (ps, open_position, FALSE, error))
    return NULL;
  return g_steal_pointer (&inner);
}

static SegExprNode *
parse_primary (SegExprParser  *ps,
               GError **error)
{
  SegExprNode *node;

  switch (ps->tok.kind)
    {
    case TOK_NUMBER:
    case TOK_DATE:
    case TOK_STRING:
    case TOK_TRUE:
    case TOK_FALSE:
      node = constant_node (ps);
      break;
    case TOK_IDENT:
      if (seg_expr_lex_peek_lparen (ps))
        return parse_call (ps, error);
      node = column_node (ps);
      break;
    case TOK_QIDENT:
      node = column_node (ps);
      break;
    case TOK_LPAREN:
      return parse_parenthesised (ps, error);
    default:
      unexpected (ps, error);
      return NULL;
    }
  if (!seg_expr_lex_next (ps, error))
    {
      seg_expr_node_free (node);
      return NULL;
    }
  return node;
}

static SegExprNode *
parse_unary (SegExprParser  *ps,
             GError **error)
{
  guint position = seg_expr_lex_position (ps);
  SegExprTokKind kind = ps->tok.kind;
  SegExprNode *arg;

  if (kind != TOK_MINUS && kind != TOK_PLUS)
    return parse_primary (ps, error);
  if (!seg_expr_lex_next (ps, error) || !enter (ps, error))
    return NULL;
  arg = parse_unary (ps, error);
  ps->nesting--;
  if (arg == NULL)
    return NULL;
  if (kind == TOK_PLUS)
    return unary_node (SEG_EXPR_NODE_POS, position, arg, error);
  return unary_node (SEG_EXPR_NODE_NEG, position, arg, error);
}

static SegExprNode *
parse_mul (SegExprParser  *ps,
           GError **error)
{
  SegExprNode *left = parse_unary (ps, error);

  while (left != NULL && (ps->tok.kind == TOK_STAR || ps->tok.kind == TOK_SLASH))
    {
      guint op = ps->tok.kind == TOK_STAR ? SEG_EXPR_MUL : SEG_EXPR_DIV;
      guint position = seg_expr_lex_position (ps);
      SegExprNode *right = NULL;

      if (seg_expr_lex_next (ps, error))
        right = parse_unary (ps, error);
      if (right == NULL)
        return seg_expr_node_free (left), NULL;
      left = binary_node (SEG_EXPR_NODE_ARITH, op, position, left, right, error);
    }
  return left;
}

static SegExprNode *
parse_add (SegExprParser  *ps,
           GError **error)
{
  SegExprNode *left = parse_mul (ps, error);

  while (left != NULL && (ps->tok.kind == TOK_PLUS || ps->tok.kind == TOK_MINUS))
    {
      guint op = ps->tok.kind == TOK_PLUS ? SEG_EXPR_ADD : SEG_EXPR_SUB;
      guint position = seg_expr_lex_position (ps);
      SegExprNode *right = NULL;

      if (seg_expr_lex_next (ps, error))
        right = parse_mul (ps, error);
      if (right == NULL)
        return seg_expr_node_free (left), NULL;
      left = binary_node (SEG_EXPR_NODE_ARITH, op, position, left, right, error);
    }
  return left;
}

static gboolean
is_comparison (SegExprTokKind kind)
{
  return kind >= TOK_LT && kind <= TOK_NE;
}

static SegExprNode *
parse_cmp (SegExprParser  *ps,
           GError **error)
{
  g_autoptr(SegExprNode) left = parse_add (ps, error);
  SegExprNode *right = NULL;
  guint op, position;

  if (left == NULL || !is_comparison (ps->tok.kind))
    return g_steal_pointer (&left);
  op = (guint) (ps->tok.kind - TOK_LT);
  position = seg_expr_lex_position (ps);
  if (seg_expr_lex_next (ps, error))
    right = parse_add (ps, error);
  if (right == NULL)
    return NULL;
  if (is_comparison (ps->tok.kind))
    {
      seg_expr_node_free (right);
      seg_expr_set_error (error, seg_expr_lex_position (ps),
                          _("comparisons cannot be chained; join them with “and”"));
      return NULL;
    }
  return binary_node (SEG_EXPR_NODE_CMP, op, position, g_steal_pointer (&left), right, error);
}

static SegExprNode *
parse_not (SegExprParser  *ps,
           GError **error)
{
  guint position = seg_expr_lex_position (ps);
  SegExprNode *arg;

  if (ps->tok.kind != TOK_NOT)
    return parse_cmp (ps, error);
  if (!seg_expr_lex_next (ps, error) || !enter (ps, error))
    return NULL;
  arg = parse_not (ps, error);
  ps->nesting--;
  if (arg == NULL)
    return NULL;
  return unary_node (SEG_EXPR_NODE_NOT, position, arg, error);
}

static SegExprNode *
parse_and (SegExprParser  *ps,
           GError **error)
{
  SegExprNode *left = parse_not (ps, error);

  while (left != NULL && ps->tok.kind == TOK_AND)
    {
      guint position = seg_expr_lex_position (ps);
      SegExprNode *right = NULL;

      if (seg_expr_lex_next (ps, error))
        right = parse_not (ps, error);
      if (right == NULL)
        return seg_expr_node_free (left), NULL;
      left = binary_node (SEG_EXPR_NODE_AND, 0, position, left, right, error);
    }
  return left;
}

static SegExprNode *
parse_or_chain (SegExprParser  *ps,
                GError **error)
{
  SegExprNode *left = parse_and (ps, error);

  while (left != NULL && ps->tok.kind == TOK_OR)
    {
      guint position = seg_expr_lex_position (ps);
      SegExprNode *right = NULL;

      if (seg_expr_lex_next (ps, error))
        right = parse_and (ps, error);
      if (right == NULL)
        return seg_expr_node_free (left), NULL;
      left = binary_node (SEG_EXPR_NODE_OR, 0, position, left, right, error);
    }
  return left;
}

/* Every “(” and function argument passes here. */
static SegExprNode *
parse_or (SegExprParser  *ps,
          GError **error)
{
  SegExprNode *node;

  if (!enter (ps, error))
    return NULL;
  node = parse_or_chain (ps, error);
  ps->nesting--;
  return node;
}

/* The whole text from @start: one expression and nothing after it. */
static SegExprNode *
parse_all (SegExprParser  *ps,
           GError **error)
{
  g_autoptr(SegExprNode) root = NULL;
  g_autofree char *what = NULL;

  if (!seg_expr_lex_next (ps, error))
    return NULL;
  if (ps->tok.kind == TOK_END)
    {
      seg_expr_set_error (error, seg_expr_lex_position (ps), _("the expression is empty"));
      return NULL;
    }
  root = parse_or (ps, error);
  if (root == NULL || ps->tok.kind == TOK_END)
    return g_steal_pointer (&root);
  what = seg_expr_lex_token_text (&ps->tok);
  if (ps->tok.kind == TOK_RPAREN)
    seg_expr_set_error (error, seg_expr_lex_position (ps), _("“)” without a matching “(”"));
  else
    seg_expr_set_error (error, seg_expr_lex_position (ps),
                        _("unexpected %s after a complete expression"), what);
  return NULL;
}

/* --------------------------------------------------------------- SegExpr */

static SegExpr *
parse_from (const char *base,
            const char *start,
            GError    **error)
{
  SegExprParser ps = { base, start, { 0 }, NULL, 0 };
  g_autoptr(SegExprNode) root = NULL;
  SegExpr *expr;

  ps.columns = g_ptr_array_new_with_free_func (g_free);
  root = parse_all (&ps, error);
  g_free (ps.tok.str);
  if (root == NULL || !seg_expr_check (root, FALSE, error))
    {
      g_ptr_array_unref (ps.columns);
      return NULL;
    }
  expr = g_new0 (SegExpr, 1);
  g_atomic_ref_count_init (&expr->ref_count);
  expr->text = g_strstrip (g_strdup (start));
  expr->root = g_steal_pointer (&root);
  expr->columns = ps.columns;
  /* nothing to bind: usable at once */
  expr->bound = expr->columns->len == 0;
  return expr;
}

static gboolean
validate_text (const char *text,
               GError    **error)
{
  const char *end;

  if (g_utf8_validate (text, -1, &end))
    return TRUE;
  seg_expr_set_error (error, (guint) g_utf8_pointer_to_offset (text, end) + 1,
                      _("the expression is not valid text (UTF-8)"));
  return FALSE;
}

SegExpr *
seg_expr_parse (const char *text,
                GError    **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate_text (text, error))
    return NULL;
  return parse_from (text, text, error);
}

gboolean
seg_expr_parse_assignment (const char *text,
                           char      **name,
                           SegExpr   **expr,
                           GError    **error)
{
  SegExprParser ps = { text, text, { 0 }, NULL, 0 };
  g_autofree char *target = NULL;
  SegExpr *result;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (name != NULL && expr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_text (text, error) || !seg_expr_lex_next (&ps, error))
    return g_free (ps.tok.str), FALSE;
  if (ps.tok.kind != TOK_IDENT && ps.tok.kind != TOK_QIDENT)
    {
      seg_expr_set_error (error, seg_expr_lex_position (&ps),
                          _("expected the name of the new column, then “=” and an expression"));
      return g_free (ps.tok.str), FALSE;
    }
  target = g_steal_pointer (&ps.tok.str);
  if (!seg_expr_lex_next (&ps, error) || ps.tok.kind != TOK_EQ || ps.tok.len != 1)
    {
      if (error == NULL || *error == NULL)
        seg_expr_set_error (error, seg_expr_lex_position (&ps),
                            _("expected “=” after the name “%s”"), target);
      return g_free (ps.tok.str), FALSE;
    }
  g_free (ps.tok.str);
  result = parse_from (text, ps.p, error);
  if (result == NULL)
    return FALSE;
  *name = g_steal_pointer (&target);
  *expr = result;
  return TRUE;
}

SegExpr *
seg_expr_ref (SegExpr *expr)
{
  g_return_val_if_fail (expr != NULL, NULL);
  g_atomic_ref_count_inc (&expr->ref_count);
  return expr;
}

void
seg_expr_unref (SegExpr *expr)
{
  g_return_if_fail (expr != NULL);
  if (!g_atomic_ref_count_dec (&expr->ref_count))
    return;
  seg_expr_node_free (expr->root);
  g_clear_pointer (&expr->table, seg_table_unref);
  g_ptr_array_unref (expr->columns);
  g_free (expr->text);
  g_free (expr);
}

const char *
seg_expr_get_text (const SegExpr *expr)
{
  g_return_val_if_fail (expr != NULL, NULL);
  return expr->text;
}

GPtrArray *
seg_expr_get_columns (const SegExpr *expr)
{
  GPtrArray *names;

  g_return_val_if_fail (expr != NULL, NULL);
  names = g_ptr_array_new_full (expr->columns->len, g_free);
  for (guint i = 0; i < expr->columns->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (expr->columns, i)));
  return names;
}

char *
seg_expr_quote_name (const char *name)
{
  GString *out;
  SegExprParser ps = { name, name, { 0 }, NULL, 0 };
  gboolean plain;

  g_return_val_if_fail (name != NULL, NULL);
  /* plain when it reads back as one identifier that is not a keyword */
  plain = g_utf8_validate (name, -1, NULL) && seg_expr_lex_next (&ps, NULL)
          && ps.tok.kind == TOK_IDENT && ps.tok.start == name && *ps.p == '\0';
  g_free (ps.tok.str);
  if (plain)
    return g_strdup (name);
  out = g_string_new ("`");
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '`')
        g_string_append_c (out, '`');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '`');
  return g_string_free (out, FALSE);
}
