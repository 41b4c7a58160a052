/* seg-sniff.c — dialect guessing: delimiter, quoting, header, decimal comma
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The delimiter is the candidate whose count per line (outside quotes) is
 * the same on the most lines; among equally consistent candidates the order
 * of preference is tab, ';', '|', ',' (a decimal comma or a comma in text is
 * likelier than a stray tab or semicolon).  Runs of spaces are tried only
 * when no single character splits the lines consistently.
 */
#define G_LOG_DOMAIN "seg-sniff"

#include "config.h"

#include <string.h>

#include "seg-parse.h"
#include "seg-sniff.h"

#define MAX_SNIFF_LINES 200
#define MAX_TYPED_LINES 50
#define MIN_CONSISTENCY 0.9

typedef struct
{
  const char *start;
  const char *end;
} Span;

static gboolean
span_is_blank (const char *p,
               const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t')
      return FALSE;
  return TRUE;
}

/* Non-blank lines of the sample, with quoted line breaks kept inside. */
static GArray *
split_lines (const char *text,
             gsize       len,
             gboolean    truncated)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *p = text, *end = text + len, *start = text;
  gboolean in_quote = FALSE;

  for (; p <= end && lines->len < MAX_SNIFF_LINES + 1; p++)
    {
      if (p < end && *p == '"')
        in_quote = !in_quote;
      if (p == end || (!in_quote && (*p == '\n' || *p == '\r')))
        {
          Span s = { start, p };
          if (p == end && truncated)
            break;
          if (!span_is_blank (start, p))
            g_array_append_val (lines, s);
          start = p + 1;
        }
    }
  return lines;
}

static guint
count_char (const Span *s,
            char        c)
{
  gboolean in_quote = FALSE;
  guint n = 0;

  for (const char *p = s->start; p < s->end; p++)
    {
      if (*p == '"')
        in_quote = !in_quote;
      else if (*p == c && !in_quote)
        n++;
    }
  return n;
}

static guint
count_space_fields (const Span *s)
{
  gboolean in_quote = FALSE, in_field = FALSE;
  guint n = 0;

  for (const char *p = s->start; p < s->end; p++)
    {
      gboolean space = !in_quote && (*p == ' ' || *p == '\t');
      if (*p == '"')
        in_quote = !in_quote;
      if (!space && !in_field)
        n++;
      in_field = !space;
    }
  return n;
}

/* Most common value of @counts and the share of lines that have it. */
static double
consistency (const guint *counts,
             guint        n,
             guint       *mode)
{
  guint best = 0, best_n = 0;

  for (guint i = 0; i < n; i++)
    {
      guint same = 0;
      for (guint j = 0; j < n; j++)
        same += counts[j] == counts[i];
      if (same > best_n || (same == best_n && counts[i] > best))
        {
          best = counts[i];
          best_n = same;
        }
    }
  *mode = best;
  return n > 0 ? (double) best_n / n : 0.0;
}

static char
pick_delimiter (GArray *lines,
                guint  *n_fields)
{
  static const char candidates[] = { '\t', ';', '|', ',' };
  g_autofree guint *counts = g_new0 (guint, MAX (lines->len, 1));
  double best_score = 0;
  char best = 0;
  guint mode;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      double score;
      for (guint i = 0; i < lines->len; i++)
        counts[i] = count_char (&g_array_index (lines, Span, i), candidates[c]);
      score = consistency (counts, lines->len, &mode);
      if (mode >= 1 && score > best_score + 1e-9)
        {
          best_score = score;
          best = candidates[c];
          *n_fields = mode + 1;
        }
    }
  if (best != 0 && best_score >= MIN_CONSISTENCY)
    return best;

  for (guint i = 0; i < lines->len; i++)
    counts[i] = count_space_fields (&g_array_index (lines, Span, i));
  if (consistency (counts, lines->len, &mode) >= MIN_CONSISTENCY && mode >= 2)
    {
      *n_fields = mode;
      return ' ';
    }
  if (best != 0)
    return best;
  *n_fields = 1;
  return ',';
}

GPtrArray *
seg_sniff_split_line (const char *line,
                      gsize       len,
                      char        delimiter)
{
  GPtrArray *fields;
  GString *cur;
  const char *p = line, *end = line + len;
  gboolean in_quote = FALSE, started = FALSE;

  g_return_val_if_fail (line != NULL || len == 0, NULL);
  fields = g_ptr_array_new_with_free_func (g_free);
  cur = g_string_new (NULL);

  for (; p < end; p++)
    {
      gboolean sep;
      if (*p == '"')
        {
          if (in_quote && p + 1 < end && p[1] == '"')
            g_string_append_c (cur, *p++);
          else
            in_quote = !in_quote;
          started = TRUE;
          continue;
        }
      sep = !in_quote && (delimiter == ' ' ? (*p == ' ' || *p == '\t') : *p == delimiter);
      if (!sep)
        {
          g_string_append_c (cur, *p);
          started = TRUE;
        }
      else if (delimiter != ' ' || started)
        {
          g_ptr_array_add (fields, g_strdup (g_strstrip (cur->str)));
          g_string_truncate (cur, 0);
          started = FALSE;
        }
    }
  if (started || delimiter != ' ')
    g_ptr_array_add (fields, g_strdup (g_strstrip (cur->str)));
  g_string_free (cur, TRUE);
  return fields;
}

static GPtrArray *
split_span (const Span *s,
            char        delimiter)
{
  return seg_sniff_split_line (s->start, (gsize) (s->end - s->start), delimiter);
}

/* Decimal comma: more cells read only with a decimal comma than only with a point. */
static gboolean
pick_decimal_comma (GPtrArray **rows,
                    guint       n_rows)
{
  guint comma_only = 0, point_only = 0;

  for (guint r = 1; r < n_rows; r++)
    for (guint c = 0; c < rows[r]->len; c++)
      {
        const char *cell = g_ptr_array_index (rows[r], c);
        gboolean as_comma = seg_parse_number (cell, TRUE, NULL);
        gboolean as_point = seg_parse_number (cell, FALSE, NULL);
        if (as_comma && !as_point)
          comma_only++;
        else if (as_comma && strchr (cell, ',') != NULL)
          comma_only++;
        else if (as_point && !as_comma)
          point_only++;
      }
  return comma_only > 0 && comma_only >= point_only;
}

static gboolean
cell_is_data (const char *cell,
              gboolean    decimal_comma)
{
  int a, b;
  char sep;

  return seg_parse_number (cell, decimal_comma, NULL) || seg_parse_looks_iso (cell)
         || seg_parse_date_parts (cell, &a, &b, &sep);
}

/* A header is a first line with no numbers or dates in it, unless every
 * column is text and a first-line value comes back further down. */
static gboolean
pick_header (GPtrArray **rows,
             guint       n_rows,
             gboolean    decimal_comma)
{
  GPtrArray *first = rows[0];
  gboolean all_text_below = TRUE, repeats = FALSE;

  for (guint c = 0; c < first->len; c++)
    if (cell_is_data (g_ptr_array_index (first, c), decimal_comma))
      return FALSE;
  for (guint r = 1; r < n_rows; r++)
    for (guint c = 0; c < rows[r]->len && c < first->len; c++)
      {
        const char *cell = g_ptr_array_index (rows[r], c);
        const char *head = g_ptr_array_index (first, c);
        if (cell_is_data (cell, decimal_comma))
          all_text_below = FALSE;
        else if (*cell != '\0' && strcmp (cell, head) == 0)
          repeats = TRUE;
      }
  return !(all_text_below && repeats && n_rows > 1);
}

void
seg_sniff_dialect (const char *text,
                   gsize       len,
                   gboolean    truncated,
                   char        forced_delimiter,
                   int         forced_header,
                   SegSniff   *out)
{
  g_autoptr(GArray) lines = NULL;
  GPtrArray *rows[MAX_TYPED_LINES];
  guint n_rows;

  g_return_if_fail (text != NULL && out != NULL);
  g_return_if_fail (forced_header >= -1 && forced_header <= 1);

  memset (out, 0, sizeof *out);
  lines = split_lines (text, len, truncated);
  out->n_lines = lines->len;
  out->n_fields = 1;
  out->delimiter = pick_delimiter (lines, &out->n_fields);
  if (forced_delimiter != 0)
    out->delimiter = forced_delimiter;
  out->quote = memchr (text, '"', len) != NULL ? '"' : 0;

  n_rows = MIN (lines->len, MAX_TYPED_LINES);
  for (guint i = 0; i < n_rows; i++)
    rows[i] = split_span (&g_array_index (lines, Span, i), out->delimiter);
  if (forced_delimiter != 0 && n_rows > 0)
    out->n_fields = rows[n_rows > 1 ? 1 : 0]->len;

  out->decimal_comma = out->delimiter == ';' && pick_decimal_comma (rows, n_rows);
  if (forced_header >= 0)
    out->has_header = forced_header;
  else
    out->has_header = n_rows > 0 && pick_header (rows, n_rows, out->decimal_comma);

  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_unref (rows[i]);
}
