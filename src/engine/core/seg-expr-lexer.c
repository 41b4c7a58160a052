/* seg-expr-lexer.c — the tokenizer of the expression language, its error
 * messages and "did you mean" suggestions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-expr"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "seg-error.h"
#include "seg-expr.h"
#include "seg-expr-private.h"

/* How much of a token an error message quotes. */
#define MAX_QUOTED_CHARS 24

static const struct
{
  const char *word;
  SegExprTokKind kind;
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

guint
seg_expr_lex_char_position (const SegExprParser *ps,
               const char   *at)
{
  return (guint) g_utf8_pointer_to_offset (ps->base, at) + 1;
}

guint
seg_expr_lex_position (const SegExprParser *ps)
{
  return seg_expr_lex_char_position (ps, ps->tok.start);
}

/* What an error message quotes for the current token. */
char *
seg_expr_lex_token_text (const SegExprToken *tok)
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

static gboolean
lex_number (SegExprParser *ps,
            GError       **error)
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
  if (!isfinite (ps->tok.num))
    {
      /* 1e400: every value is a finite number (or missing) */
      g_autofree char *shown = strlen (copy) > 24 ? g_strdup_printf ("%.24s…", copy) : g_strdup (copy);
      seg_expr_set_error (error, seg_expr_lex_char_position (ps, ps->p),
                          _("the number “%s” is too large"), shown);
      return FALSE;
    }
  ps->p = p;
  return TRUE;
}

/* '…', "…" and `…`: the closing quote doubled, or (not for backticks)
 * escaped with a backslash, stands for itself. */
static gboolean
lex_quoted (SegExprParser  *ps,
            SegExprTokKind  kind,
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
            seg_expr_set_error (error, seg_expr_lex_char_position (ps, ps->p),
                                _("this column name in backticks is never closed"));
          else
            seg_expr_set_error (error, seg_expr_lex_char_position (ps, ps->p),
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
lex_word (SegExprParser *ps)
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
lex_operator (SegExprParser  *ps,
              GError **error)
{
  const char *p = ps->p;
  SegExprTokKind kind;
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
        seg_expr_set_error (error, seg_expr_lex_char_position (ps, p), _("unexpected “%s”"), ch);
        return FALSE;
      }
    }
  ps->tok.kind = kind;
  ps->p = p + len;
  return TRUE;
}

/* Reads the next token into ps->tok. */
gboolean
seg_expr_lex_next (SegExprParser  *ps,
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
          seg_expr_set_error (error, seg_expr_lex_char_position (ps, p),
                              _("“%s” is not a date"), text);
          return FALSE;
        }
      ps->tok.kind = TOK_DATE;
      ps->p = p + 10;
    }
  else if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    ok = lex_number (ps, error);
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
gboolean
seg_expr_lex_peek_lparen (const SegExprParser *ps)
{
  const char *p = ps->p;

  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return *p == '(';
}
