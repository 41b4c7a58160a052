/* seg-expr.c — tokenizer and recursive-descent parser of the expression language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree, the type checks and the evaluation live in seg-expr-eval.c; this
 * file turns text into a tree (seg-expr-private.h) and owns the public
 * SegExpr object.
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
/* How much of a token an error message quotes. */
#define MAX_QUOTED_CHARS 24

typedef enum
{
  TOK_END,
  TOK_NUMBER,
  TOK_STRING,
  TOK_DATE,
  TOK_IDENT,
  TOK_QIDENT,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_COMMA,
  TOK_PLUS,
  TOK_MINUS,
  TOK_STAR,
  TOK_SLASH,
  /* in the order of SegExprCmp */
  TOK_LT,
  TOK_LE,
  TOK_GT,
  TOK_GE,
  TOK_EQ,
  TOK_NE,
  /* keywords */
  TOK_AND,
  TOK_OR,
  TOK_NOT,
  TOK_TRUE,
  TOK_FALSE,
} TokKind;

typedef struct
{
  TokKind     kind;
  const char *start;   /* into the parsed text */
  gsize       len;     /* bytes */
  double      num;     /* NUMBER, DATE */
  char       *str;     /* STRING, IDENT, QIDENT: the unescaped text (owned) */
} Token;

typedef struct
{
  const char *base;      /* positions count characters from here */
  const char *p;         /* next byte to read */
  Token       tok;       /* the current token */
  GPtrArray  *columns;   /* char*, names in order of appearance */
  guint       nesting;   /* parse_or() calls in progress */
} Parser;

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

static const struct
{
  const char *word;
  TokKind     kind;
} keywords[] = {
  { "and", TOK_AND },
  { "or", TOK_OR },
  { "not", TOK_NOT },
  { "true", TOK_TRUE },
  { "false", TOK_FALSE },
};

/* ------------------------------------------------------------------ errors */

void
seg_expr_set_error (GError    **error,
                    guint       position,
                    const char *format,
                    ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: keep %u before %s: seg_expr_error_position() reads the number back */
  g_set_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION, _("at character %u: %s"),
               position, detail);
}

/* Splits the translated "at character %u: %s" around its %u. */
static gboolean
position_format_parts (char **before,
                       char **after)
{
  const char *format = _("at character %u: %s");
  const char *u = strstr (format, "%u");
  const char *s = u ? strstr (u, "%s") : NULL;

  if (u == NULL || s == NULL)
    return FALSE;
  *before = g_strndup (format, (gsize) (u - format));
  *after = g_strndup (u + 2, (gsize) (s - u - 2));
  return TRUE;
}

static const char *
find_position (const char *message,
               guint      *position)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *at;
  char *end;
  guint64 value;

  if (message == NULL || !position_format_parts (&before, &after))
    return NULL;
  at = strstr (message, before);
  if (at == NULL || !g_ascii_isdigit (at[strlen (before)]))
    return NULL;
  value = g_ascii_strtoull (at + strlen (before), &end, 10);
  if (!g_str_has_prefix (end, after) || value > G_MAXUINT)
    return NULL;
  *position = (guint) value;
  return end + strlen (after);
}

guint
seg_expr_error_position (const GError *error)
{
  guint position = 0;

  if (error == NULL || !g_error_matches (error, SEG_ERROR, SEG_ERROR_EXPRESSION))
    return 0;
  if (find_position (error->message, &position) == NULL)
    return 0;
  return position;
}

const char *
seg_expr_error_detail (const GError *error)
{
  guint position;
  const char *detail;

  g_return_val_if_fail (error != NULL, NULL);
  detail = find_position (error->message, &position);
  return detail ? detail : error->message;
}

/* ------------------------------------------------------------- suggestions */

static guint
edit_distance (const gunichar *a,
               glong           la,
               const gunichar *b,
               glong           lb)
{
  g_autofree guint *row = g_new (guint, lb + 1);

  for (glong j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= la; i++)
    {
      guint diagonal = row[0];
      row[0] = (guint) i;
      for (glong j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint best = MIN (row[j] + 1, row[j - 1] + 1);
          best = MIN (best, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
          diagonal = above;
          row[j] = best;
        }
    }
  return row[lb];
}

const char *
seg_expr_suggest (const char         *name,
                  const char * const *candidates)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree gunichar *a = NULL;
  glong la;
  guint best = G_MAXUINT;
  const char *suggestion = NULL;

  if (candidates == NULL)
    return NULL;
  a = g_utf8_to_ucs4_fast (folded, -1, &la);
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (candidates[i], -1);
      g_autofree gunichar *b = NULL;
      glong lb;
      guint d;

      b = g_utf8_to_ucs4_fast (other, -1, &lb);
      d = edit_distance (a, la, b, lb);
      if (d < best)
        {
          best = d;
          suggestion = candidates[i];
        }
    }
  /* a typo or two, not a different word */
  if (suggestion == NULL || best > MIN (3, 1 + (guint) la / 4))
    return NULL;
  return suggestion;
}

/* ------------------------------------------------------------------ lexing */

static guint
char_position (const Parser *ps,
               const char   *at)
{
  return (guint) g_utf8_pointer_to_offset (ps->base, at) + 1;
}

static guint
token_position (const Parser *ps)
{
  return char_position (ps, ps->tok.start);
}

/* What an error message quotes for the current token. */
static char *
token_text (const Token *tok)
{
  g_autofree char *raw = NULL;

  if (tok->kind == TOK_END)
    return g_strdup (_("the end"));
  raw = g_strndup (tok->start, tok->len);
  if (g_utf8_strlen (raw, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (raw, 0, MAX_QUOTED_CHARS);
      return g_strdup_printf ("“%s…”", cut);
    }
  return g_strdup_printf ("“%s”", raw);
}

static gboolean
is_name_char (const char *p)
{
  gunichar c = g_utf8_get_char (p);
  return c == '_' || g_unichar_isalnum (c);
}

/* YYYY-MM-DD at @p (10 bytes, possibly followed by more). */
static gboolean
date_pattern (const char *p)
{
  static const char pattern[] = "dddd-dd-dd";

  for (guint i = 0; i < sizeof pattern - 1; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (p[i]) : p[i] != pattern[i])
        return FALSE;
    }
  return TRUE;
}

/* A date literal token: the pattern, not glued to a longer word or number. */
static gboolean
looks_like_date (const char *p)
{
  return date_pattern (p) && !is_name_char (p + 10) && p[10] != '.';
}

static gboolean
parse_ymd (const char *p,
           double     *days)
{
  int y = atoi (p), m = atoi (p + 5), d = atoi (p + 8);
  int yy, mm, dd;

  if (m < 1 || m > 12 || d < 1 || d > 31)
    return FALSE;
  *days = seg_date_from_ymd (y, m, d);
  return seg_date_to_ymd (*days, &yy, &mm, &dd) && yy == y && mm == m && dd == d;
}

/* Reads exactly two digits at *p into *value (at most @max) and moves on. */
static gboolean
two_digits (const char **p,
            int          max,
            int         *value)
{
  const char *s = *p;

  if (!g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]))
    return FALSE;
  *value = (s[0] - '0') * 10 + (s[1] - '0');
  *p = s + 2;
  return *value <= max;
}

/* " HH:MM[:SS]" or "THH:MM[:SS]" as a fraction of a day. */
static gboolean
parse_time_of_day (const char **p,
                   double      *fraction)
{
  const char *t = *p + 1;
  int h, m, s = 0;

  if (!two_digits (&t, 23, &h) || *t++ != ':' || !two_digits (&t, 59, &m))
    return FALSE;
  if (*t == ':' && (t++, !two_digits (&t, 59, &s)))
    return FALSE;
  *fraction = (h * 3600.0 + m * 60.0 + s) / 86400.0;
  *p = t;
  return TRUE;
}

gboolean
seg_expr_parse_date (const char *text,
                     double     *days)
{
  const char *t;
  double value, fraction = 0.0;

  g_return_val_if_fail (text != NULL, FALSE);
  while (g_ascii_isspace (*text))
    text++;
  if (!date_pattern (text) || !parse_ymd (text, &value))
    return FALSE;
  t = text + 10;
  if ((*t == ' ' || *t == 'T') && g_ascii_isdigit (t[1])
      && !parse_time_of_day (&t, &fraction))
    return FALSE;
  while (g_ascii_isspace (*t))
    t++;
  if (*t != '\0')
    return FALSE;
  if (days != NULL)
    *days = value + fraction;
  return TRUE;
}

static void
lex_number (Parser *ps)
{
  const char *p = ps->p;
  g_autofree char *copy = NULL;

  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      ;
  if ((*p == 'e' || *p == 'E')
      && (g_ascii_isdigit (p[1]) || ((p[1] == '+' || p[1] == '-') && g_ascii_isdigit (p[2]))))
    for (p += 2; g_ascii_isdigit (*p); p++)
      ;
  copy = g_strndup (ps->p, (gsize) (p - ps->p));
  ps->tok.kind = TOK_NUMBER;
  ps->tok.num = g_ascii_strtod (copy, NULL);
  ps->p = p;
}

/* '…', "…" and `…`: the closing quote doubled, or (not for backticks)
 * escaped with a backslash, stands for itself. */
static gboolean
lex_quoted (Parser  *ps,
            TokKind  kind,
            GError **error)
{
  char quote = *ps->p;
  const char *p = ps->p + 1;
  GString *out = g_string_new (NULL);

  for (;; p++)
    {
      if (*p == '\0')
        {
          g_string_free (out, TRUE);
          if (kind == TOK_QIDENT)
            seg_expr_set_error (error, char_position (ps, ps->p),
                                _("this column name in backticks is never closed"));
          else
            seg_expr_set_error (error, char_position (ps, ps->p),
                                _("this text in quotes is never closed"));
          return FALSE;
        }
      if (*p == quote && p[1] == quote)
        p++;
      else if (*p == quote)
        break;
      else if (*p == '\\' && kind == TOK_STRING && (p[1] == quote || p[1] == '\\'))
        p++;
      g_string_append_c (out, *p);
    }
  ps->tok.kind = kind;
  ps->tok.str = g_string_free (out, FALSE);
  ps->p = p + 1;
  return TRUE;
}

static void
lex_word (Parser *ps)
{
  const char *p = ps->p;

  while (*p != '\0' && is_name_char (p))
    p = g_utf8_next_char (p);
  ps->tok.kind = TOK_IDENT;
  ps->tok.str = g_strndup (ps->p, (gsize) (p - ps->p));
  ps->p = p;
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (g_ascii_strcasecmp (ps->tok.str, keywords[i].word) == 0)
      ps->tok.kind = keywords[i].kind;
}

static gboolean
lex_operator (Parser  *ps,
              GError **error)
{
  const char *p = ps->p;
  TokKind kind;
  gsize len = 1;

  switch (*p)
    {
    case '(': kind = TOK_LPAREN; break;
    case ')': kind = TOK_RPAREN; break;
    case ',': kind = TOK_COMMA; break;
    case '+': kind = TOK_PLUS; break;
    case '-': kind = TOK_MINUS; break;
    case '*': kind = TOK_STAR; break;
    case '/': kind = TOK_SLASH; break;
    case '<':
      kind = p[1] == '=' ? TOK_LE : p[1] == '>' ? TOK_NE : TOK_LT;
      len = kind == TOK_LT ? 1 : 2;
      break;
    case '>':
      kind = p[1] == '=' ? TOK_GE : TOK_GT;
      len = kind == TOK_GE ? 2 : 1;
      break;
    case '=':
      kind = TOK_EQ;
      len = p[1] == '=' ? 2 : 1;
      break;
    case '!':
      if (p[1] == '=')
        {
          kind = TOK_NE;
          len = 2;
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      {
        g_autofree char *ch = g_strndup (p, (gsize) (g_utf8_next_char (p) - p));
        seg_expr_set_error (error, char_position (ps, p), _("unexpected “%s”"), ch);
        return FALSE;
      }
    }
  ps->tok.kind = kind;
  ps->p = p + len;
  return TRUE;
}

/* Reads the next token into ps->tok. */
static gboolean
next (Parser  *ps,
      GError **error)
{
  const char *p = ps->p;
  gboolean ok = TRUE;

  g_clear_pointer (&ps->tok.str, g_free);
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  ps->p = p;
  ps->tok.start = p;
  if (*p == '\0')
    ps->tok.kind = TOK_END;
  else if (looks_like_date (p))
    {
      if (!parse_ymd (p, &ps->tok.num))
        {
          g_autofree char *text = g_strndup (p, 10);
          seg_expr_set_error (error, char_position (ps, p),
                              _("“%s” is not a date"), text);
          return FALSE;
        }
      ps->tok.kind = TOK_DATE;
      ps->p = p + 10;
    }
  else if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    lex_number (ps);
  else if (*p == '\'' || *p == '"')
    ok = lex_quoted (ps, TOK_STRING, error);
  else if (*p == '`')
    ok = lex_quoted (ps, TOK_QIDENT, error);
  else if (is_name_char (p))
    lex_word (ps);
  else
    ok = lex_operator (ps, error);
  ps->tok.len = (gsize) (ps->p - ps->tok.start);
  return ok;
}

/* TRUE when the next non-space character is “(”, without reading it. */
static gboolean
peek_lparen (const Parser *ps)
{
  const char *p = ps->p;

  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return *p == '(';
}

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

static SegExprNode *parse_or (Parser *ps, GError **error);

/* Every level of nesting passes here: refuse deep nesting before it
 * exhausts the stack.  The caller decrements ps->nesting afterwards. */
static gboolean
enter (Parser  *ps,
       GError **error)
{
  if (ps->nesting >= MAX_TREE_DEPTH)
    {
      seg_expr_set_error (error, token_position (ps),
                          _("the expression is too long or nested too deeply"));
      return FALSE;
    }
  ps->nesting++;
  return TRUE;
}

static gboolean
unexpected (Parser  *ps,
            GError **error)
{
  g_autofree char *what = token_text (&ps->tok);

  if (ps->tok.kind == TOK_END)
    seg_expr_set_error (error, token_position (ps), _("the expression ends too early"));
  else
    seg_expr_set_error (error, token_position (ps), _("unexpected %s"), what);
  return FALSE;
}

/* After an argument list or a parenthesised expression, expects “)”. */
static gboolean
expect_rparen (Parser  *ps,
               guint    open_position,
               gboolean in_call,
               GError **error)
{
  g_autofree char *what = NULL;

  if (ps->tok.kind == TOK_RPAREN)
    return next (ps, error);
  if (ps->tok.kind == TOK_END)
    {
      seg_expr_set_error (error, open_position, _("this “(” is never closed"));
      return FALSE;
    }
  what = token_text (&ps->tok);
  if (in_call)
    seg_expr_set_error (error, token_position (ps),
                        _("unexpected %s; expected “,” or “)”"), what);
  else
    seg_expr_set_error (error, token_position (ps),
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
parse_call (Parser  *ps,
            GError **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_expr_node_free);
  g_autofree char *name = g_strdup (ps->tok.str);
  guint position = token_position (ps);
  guint open_position;
  int fn = lookup_function (name);
  g_autoptr(SegExprNode) node = NULL;

  if (fn < 0)
    return unknown_function (name, position, error), NULL;
  if (!next (ps, error))
    return NULL;
  open_position = token_position (ps);
  if (!next (ps, error))
    return NULL;
  while (ps->tok.kind != TOK_RPAREN)
    {
      SegExprNode *arg = parse_or (ps, error);
      if (arg == NULL)
        return NULL;
      g_ptr_array_add (args, arg);
      if (ps->tok.kind != TOK_COMMA)
        break;
      if (!next (ps, error))
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
column_node (Parser *ps)
{
  SegExprNode *node = node_new (SEG_EXPR_NODE_COLUMN, token_position (ps), 0);

  node->text = g_strdup (ps->tok.str);
  if (!g_ptr_array_find_with_equal_func (ps->columns, node->text, g_str_equal, NULL))
    g_ptr_array_add (ps->columns, g_strdup (node->text));
  return node;
}

static SegExprNode *
constant_node (Parser *ps)
{
  SegExprNode *node = node_new (SEG_EXPR_NODE_CONST, token_position (ps), 0);

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
parse_parenthesised (Parser  *ps,
                     GError **error)
{
  guint open_position = token_position (ps);
  g_autoptr(SegExprNode) inner = NULL;

  if (!next (ps, error))
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
parse_primary (Parser  *ps,
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
      if (peek_lparen (ps))
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
  if (!next (ps, error))
    {
      seg_expr_node_free (node);
      return NULL;
    }
  return node;
}

static SegExprNode *
parse_unary (Parser  *ps,
             GError **error)
{
  guint position = token_position (ps);
  TokKind kind = ps->tok.kind;
  SegExprNode *arg;

  if (kind != TOK_MINUS && kind != TOK_PLUS)
    return parse_primary (ps, error);
  if (!next (ps, error) || !enter (ps, error))
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
parse_mul (Parser  *ps,
           GError **error)
{
  SegExprNode *left = parse_unary (ps, error);

  while (left != NULL && (ps->tok.kind == TOK_STAR || ps->tok.kind == TOK_SLASH))
    {
      guint op = ps->tok.kind == TOK_STAR ? SEG_EXPR_MUL : SEG_EXPR_DIV;
      guint position = token_position (ps);
      SegExprNode *right = NULL;

      if (next (ps, error))
        right = parse_unary (ps, error);
      if (right == NULL)
        return seg_expr_node_free (left), NULL;
      left = binary_node (SEG_EXPR_NODE_ARITH, op, position, left, right, error);
    }
  return left;
}

static SegExprNode *
parse_add (Parser  *ps,
           GError **error)
{
  SegExprNode *left = parse_mul (ps, error);

  while (left != NULL && (ps->tok.kind == TOK_PLUS || ps->tok.kind == TOK_MINUS))
    {
      guint op = ps->tok.kind == TOK_PLUS ? SEG_EXPR_ADD : SEG_EXPR_SUB;
      guint position = token_position (ps);
      SegExprNode *right = NULL;

      if (next (ps, error))
        right = parse_mul (ps, error);
      if (right == NULL)
        return seg_expr_node_free (left), NULL;
      left = binary_node (SEG_EXPR_NODE_ARITH, op, position, left, right, error);
    }
  return left;
}

static gboolean
is_comparison (TokKind kind)
{
  return kind >= TOK_LT && kind <= TOK_NE;
}

static SegExprNode *
parse_cmp (Parser  *ps,
           GError **error)
{
  g_autoptr(SegExprNode) left = parse_add (ps, error);
  SegExprNode *right = NULL;
  guint op, position;

  if (left == NULL || !is_comparison (ps->tok.kind))
    return g_steal_pointer (&left);
  op = (guint) (ps->tok.kind - TOK_LT);
  position = token_position (ps);
  if (next (ps, error))
    right = parse_add (ps, error);
  if (right == NULL)
    return NULL;
  if (is_comparison (ps->tok.kind))
    {
      seg_expr_node_free (right);
      seg_expr_set_error (error, token_position (ps),
                          _("comparisons cannot be chained; join them with “and”"));
      return NULL;
    }
  return binary_node (SEG_EXPR_NODE_CMP, op, position, g_steal_pointer (&left), right, error);
}

static SegExprNode *
parse_not (Parser  *ps,
           GError **error)
{
  guint position = token_position (ps);
  SegExprNode *arg;

  if (ps->tok.kind != TOK_NOT)
    return parse_cmp (ps, error);
  if (!next (ps, error) || !enter (ps, error))
    return NULL;
  arg = parse_not (ps, error);
  ps->nesting--;
  if (arg == NULL)
    return NULL;
  return unary_node (SEG_EXPR_NODE_NOT, position, arg, error);
}

static SegExprNode *
parse_and (Parser  *ps,
           GError **error)
{
  SegExprNode *left = parse_not (ps, error);

  while (left != NULL && ps->tok.kind == TOK_AND)
    {
      guint position = token_position (ps);
      SegExprNode *right = NULL;

      if (next (ps, error))
        right = parse_not (ps, error);
      if (right == NULL)
        return seg_expr_node_free (left), NULL;
      left = binary_node (SEG_EXPR_NODE_AND, 0, position, left, right, error);
    }
  return left;
}

static SegExprNode *
parse_or_chain (Parser  *ps,
                GError **error)
{
  SegExprNode *left = parse_and (ps, error);

  while (left != NULL && ps->tok.kind == TOK_OR)
    {
      guint position = token_position (ps);
      SegExprNode *right = NULL;

      if (next (ps, error))
        right = parse_and (ps, error);
      if (right == NULL)
        return seg_expr_node_free (left), NULL;
      left = binary_node (SEG_EXPR_NODE_OR, 0, position, left, right, error);
    }
  return left;
}

/* Every “(” and function argument passes here. */
static SegExprNode *
parse_or (Parser  *ps,
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
parse_all (Parser  *ps,
           GError **error)
{
  g_autoptr(SegExprNode) root = NULL;
  g_autofree char *what = NULL;

  if (!next (ps, error))
    return NULL;
  if (ps->tok.kind == TOK_END)
    {
      seg_expr_set_error (error, token_position (ps), _("the expression is empty"));
      return NULL;
    }
  root = parse_or (ps, error);
  if (root == NULL || ps->tok.kind == TOK_END)
    return g_steal_pointer (&root);
  what = token_text (&ps->tok);
  if (ps->tok.kind == TOK_RPAREN)
    seg_expr_set_error (error, token_position (ps), _("“)” without a matching “(”"));
  else
    seg_expr_set_error (error, token_position (ps),
                        _("unexpected %s after a complete expression"), what);
  return NULL;
}

/* --------------------------------------------------------------- SegExpr */

static SegExpr *
parse_from (const char *base,
            const char *start,
            GError    **error)
{
  Parser ps = { base, start, { 0 }, NULL, 0 };
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
  Parser ps = { text, text, { 0 }, NULL, 0 };
  g_autofree char *target = NULL;
  SegExpr *result;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (name != NULL && expr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_text (text, error) || !next (&ps, error))
    return g_free (ps.tok.str), FALSE;
  if (ps.tok.kind != TOK_IDENT && ps.tok.kind != TOK_QIDENT)
    {
      seg_expr_set_error (error, token_position (&ps),
                          _("expected the name of the new column, then “=” and an expression"));
      return g_free (ps.tok.str), FALSE;
    }
  target = g_steal_pointer (&ps.tok.str);
  if (!next (&ps, error) || ps.tok.kind != TOK_EQ || ps.tok.len != 1)
    {
      if (error == NULL || *error == NULL)
        seg_expr_set_error (error, token_position (&ps),
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
  Parser ps = { name, name, { 0 }, NULL, 0 };
  gboolean plain;

  g_return_val_if_fail (name != NULL, NULL);
  /* plain when it reads back as one identifier that is not a keyword */
  plain = g_utf8_validate (name, -1, NULL) && next (&ps, NULL)
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
