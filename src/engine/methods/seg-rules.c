/* seg-rules.c — rule sets, their text format, segmentation and segment summaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-rules"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "seg-error.h"
#include "seg-job.h"
#include "seg-expr.h"
#include "seg-publish.h"
#include "seg-rules.h"

typedef struct
{
  char    *name;
  char    *condition;
  SegExpr *expr;        /* parsed, unbound */
} Rule;

struct _SegRuleSet
{
  gatomicrefcount ref_count;
  GPtrArray      *rules;          /* Rule* */
  char           *default_name;
};

/* SPEC.md §3, in order.  The names are translated: a German analyst
 * presents "Neukunde", not "New Customer". */
static const struct
{
  const char *name;
  const char *condition;
} fintech_rules[] = {
  { N_("New Customer"), "days_since_registration <= 30 and txn_count < 2" },
  { N_("Inactive Customer"), "days_since_login > 90" },
  { N_("Power User"), "txn_count > 20" },
  { N_("High-Value Customer"), "total_spent >= 10000 and txn_count >= 5" },
  { N_("Budget Customer"), "total_spent >= 1000 and total_spent <= 5000" },
};

static void
rule_free (Rule *rule)
{
  g_free (rule->name);
  g_free (rule->condition);
  g_clear_pointer (&rule->expr, seg_expr_unref);
  g_free (rule);
}

static Rule *
get_rule (const SegRuleSet *set,
          guint             index)
{
  return g_ptr_array_index (set->rules, index);
}

static gboolean
names_equal (const char *a,
             const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return strcmp (fa, fb) == 0;
}

/* ---------------------------------------------------------------- editing */

SegRuleSet *
seg_rule_set_new (void)
{
  SegRuleSet *set = g_new0 (SegRuleSet, 1);

  g_atomic_ref_count_init (&set->ref_count);
  set->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  set->default_name = g_strdup (_(SEG_RULES_DEFAULT_SEGMENT));
  return set;
}

SegRuleSet *
seg_rule_set_new_default (void)
{
  SegRuleSet *set = seg_rule_set_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fintech_rules); i++)
    {
      gboolean ok = seg_rule_set_add (set, _(fintech_rules[i].name),
                                      fintech_rules[i].condition, NULL);
      g_assert (ok);
    }
  return set;
}

SegRuleSet *
seg_rule_set_ref (SegRuleSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_atomic_ref_count_inc (&set->ref_count);
  return set;
}

void
seg_rule_set_unref (SegRuleSet *set)
{
  g_return_if_fail (set != NULL);
  if (!g_atomic_ref_count_dec (&set->ref_count))
    return;
  g_ptr_array_unref (set->rules);
  g_free (set->default_name);
  g_free (set);
}

SegRuleSet *
seg_rule_set_copy (const SegRuleSet *set)
{
  SegRuleSet *copy;

  g_return_val_if_fail (set != NULL, NULL);
  copy = seg_rule_set_new ();
  g_free (copy->default_name);
  copy->default_name = g_strdup (set->default_name);
  for (guint i = 0; i < set->rules->len; i++)
    {
      const Rule *rule = get_rule (set, i);
      Rule *dup = g_new0 (Rule, 1);

      dup->name = g_strdup (rule->name);
      dup->condition = g_strdup (rule->condition);
      dup->expr = seg_expr_ref (rule->expr);   /* never bound: safe to share */
      g_ptr_array_add (copy->rules, dup);
    }
  return copy;
}

guint
seg_rule_set_get_n_rules (const SegRuleSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->rules->len;
}

const char *
seg_rule_set_get_name (const SegRuleSet *set,
                       guint             index)
{
  g_return_val_if_fail (set != NULL && index < set->rules->len, NULL);
  return get_rule (set, index)->name;
}

const char *
seg_rule_set_get_condition (const SegRuleSet *set,
                            guint             index)
{
  g_return_val_if_fail (set != NULL && index < set->rules->len, NULL);
  return get_rule (set, index)->condition;
}

const char *
seg_rule_set_get_default_name (const SegRuleSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);
  return set->default_name;
}

int
seg_rule_set_find (const SegRuleSet *set,
                   const char       *name)
{
  g_return_val_if_fail (set != NULL && name != NULL, -1);
  for (guint i = 0; i < set->rules->len; i++)
    if (names_equal (get_rule (set, i)->name, name))
      return (int) i;
  return -1;
}

/* A usable segment name, stripped; @except is the rule being renamed
 * (or -1), which may keep its own name. */
static char *
check_name (const SegRuleSet *set,
            const char       *name,
            int               except,
            gboolean          is_default,
            GError          **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  int other = seg_rule_set_find (set, stripped);

  if (*stripped == '\0')
    g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT, _("A segment needs a name"));
  else if (!g_utf8_validate (stripped, -1, NULL) || strpbrk (stripped, "\r\n") != NULL)
    g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                 _("A segment name must be one line of text"));
  else if (other >= 0 && other != except)
    g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                 _("There is already a segment named “%s”"), get_rule (set, other)->name);
  else if (!is_default && names_equal (stripped, set->default_name))
    g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                 _("“%s” is the name of the segment for everyone else"), stripped);
  else
    return g_steal_pointer (&stripped);
  return NULL;
}

static SegExpr *
check_condition (const char *condition,
                 GError    **error)
{
  if (strpbrk (condition, "\r\n") != NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION,
                   _("A rule’s condition must fit on one line"));
      return NULL;
    }
  return seg_expr_parse (condition, error);
}

gboolean
seg_rule_set_insert (SegRuleSet *set,
                     int         position,
                     const char *name,
                     const char *condition,
                     GError    **error)
{
  g_autofree char *clean = NULL;
  SegExpr *expr;
  Rule *rule;

  g_return_val_if_fail (set != NULL && name != NULL && condition != NULL, FALSE);
  g_return_val_if_fail (position >= -1 && position <= (int) set->rules->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean = check_name (set, name, -1, FALSE, error);
  if (clean == NULL || (expr = check_condition (condition, error)) == NULL)
    return FALSE;
  rule = g_new0 (Rule, 1);
  rule->name = g_steal_pointer (&clean);
  rule->condition = g_strdup (seg_expr_get_text (expr));
  rule->expr = expr;
  g_ptr_array_insert (set->rules, position, rule);
  return TRUE;
}

gboolean
seg_rule_set_add (SegRuleSet *set,
                  const char *name,
                  const char *condition,
                  GError    **error)
{
  g_return_val_if_fail (set != NULL, FALSE);
  return seg_rule_set_insert (set, -1, name, condition, error);
}

void
seg_rule_set_remove (SegRuleSet *set,
                     guint       index)
{
  g_return_if_fail (set != NULL && index < set->rules->len);
  g_ptr_array_remove_index (set->rules, index);
}

void
seg_rule_set_move (SegRuleSet *set,
                   guint       from,
                   guint       to)
{
  Rule *rule;

  g_return_if_fail (set != NULL);
  g_return_if_fail (from < set->rules->len && to < set->rules->len);
  rule = g_ptr_array_steal_index (set->rules, from);
  g_ptr_array_insert (set->rules, (int) to, rule);
}

gboolean
seg_rule_set_set_condition (SegRuleSet *set,
                            guint       index,
                            const char *condition,
                            GError    **error)
{
  SegExpr *expr;
  Rule *rule;

  g_return_val_if_fail (set != NULL && index < set->rules->len, FALSE);
  g_return_val_if_fail (condition != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((expr = check_condition (condition, error)) == NULL)
    return FALSE;
  rule = get_rule (set, index);
  g_free (rule->condition);
  rule->condition = g_strdup (seg_expr_get_text (expr));
  seg_expr_unref (rule->expr);
  rule->expr = expr;
  return TRUE;
}

gboolean
seg_rule_set_set_name (SegRuleSet *set,
                       guint       index,
                       const char *name,
                       GError    **error)
{
  char *clean;
  Rule *rule;

  g_return_val_if_fail (set != NULL && index < set->rules->len, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((clean = check_name (set, name, (int) index, FALSE, error)) == NULL)
    return FALSE;
  rule = get_rule (set, index);
  g_free (rule->name);
  rule->name = clean;
  return TRUE;
}

gboolean
seg_rule_set_set_default_name (SegRuleSet *set,
                               const char *name,
                               GError    **error)
{
  char *clean;

  g_return_val_if_fail (set != NULL && name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((clean = check_name (set, name, -1, TRUE, error)) == NULL)
    return FALSE;
  g_free (set->default_name);
  set->default_name = clean;
  return TRUE;
}

/* ------------------------------------------------------------ text format */

typedef struct
{
  const char *filename;
  guint64     line_no;
  const char *line;          /* NUL-terminated, without its line end */
  gboolean    defaults_pass; /* reading only the "default:" lines */
  gboolean    have_default;
} LineCtx;

static guint
column_of (const LineCtx *ctx,
           const char    *at)
{
  return (guint) g_utf8_pointer_to_offset (ctx->line, at) + 1;
}

/* A "quoted name" at @p: the name and the position after the closing quote. */
static char *
read_quoted_name (const char  *p,
                  const char **end)
{
  GString *name = g_string_new (NULL);

  for (p++; *p != '\0'; p++)
    {
      if (*p == '"' && p[1] == '"')
        p++;
      else if (*p == '"')
        {
          *end = p + 1;
          return g_string_free (name, FALSE);
        }
      g_string_append_c (name, *p);
    }
  g_string_free (name, TRUE);
  return NULL;
}

/* Splits the line into name and the text after the “:”. */
static gboolean
split_line (const LineCtx *ctx,
            const char    *start,
            char         **name,
            gboolean      *quoted,
            const char   **rest,
            GError       **error)
{
  const char *colon;

  *quoted = *start == '"';
  if (*quoted)
    {
      const char *end = NULL;
      if ((*name = read_quoted_name (start, &end)) == NULL)
        {
          seg_error_set_at (error, SEG_ERROR_PARSE, ctx->filename, ctx->line_no,
                            column_of (ctx, start), _("this quoted name is never closed"));
          return FALSE;
        }
      while (*end == ' ' || *end == '\t')
        end++;
      colon = *end == ':' ? end : NULL;
    }
  else
    colon = strchr (start, ':');
  if (colon == NULL)
    {
      g_clear_pointer (name, g_free);
      seg_error_set_at (error, SEG_ERROR_PARSE, ctx->filename, ctx->line_no,
                        column_of (ctx, start),
                        _("expected “Segment name: condition” or “default: Segment name”"));
      return FALSE;
    }
  if (!*quoted)
    *name = g_strstrip (g_strndup (start, (gsize) (colon - start)));
  *rest = colon + 1;
  return TRUE;
}

static gboolean
parse_default_line (SegRuleSet *set,
                    LineCtx    *ctx,
                    const char *start,
                    const char *rest,
                    GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (ctx->have_default)
    {
      seg_error_set_at (error, SEG_ERROR_PARSE, ctx->filename, ctx->line_no,
                        column_of (ctx, start), _("the default segment is named twice"));
      return FALSE;
    }
  ctx->have_default = TRUE;
  if (seg_rule_set_set_default_name (set, rest, &local))
    return TRUE;
  /* a failed precondition returns FALSE without an error */
  seg_error_set_at (error, SEG_ERROR_PARSE, ctx->filename, ctx->line_no,
                    column_of (ctx, rest), "%s",
                    local != NULL ? local->message : _("the default segment’s name cannot be read"));
  return FALSE;
}

static gboolean
parse_rule_line (SegRuleSet    *set,
                 const LineCtx *ctx,
                 const char    *start,
                 const char    *name,
                 const char    *rest,
                 GError       **error)
{
  g_autoptr(GError) local = NULL;
  guint column;

  if (seg_rule_set_add (set, name, rest, &local))
    return TRUE;
  if (!g_error_matches (local, SEG_ERROR, SEG_ERROR_EXPRESSION))
    {
      seg_error_set_at (error, SEG_ERROR_PARSE, ctx->filename, ctx->line_no,
                        column_of (ctx, start), "%s",
                        local != NULL ? local->message : _("this rule cannot be read"));
      return FALSE;
    }
  /* the expression counts from the character after the “:” */
  column = column_of (ctx, rest) - 1 + MAX (seg_expr_error_position (local), 1);
  seg_error_set_at (error, SEG_ERROR_EXPRESSION, ctx->filename, ctx->line_no, column,
                    _("rule “%s”: %s"), name, seg_expr_error_detail (local));
  return FALSE;
}

static gboolean
parse_line (SegRuleSet *set,
            LineCtx    *ctx,
            GError    **error)
{
  const char *start = ctx->line;
  const char *rest = NULL;
  g_autofree char *name = NULL;
  gboolean quoted;

  while (*start == ' ' || *start == '\t')
    start++;
  if (*start == '\0' || *start == '#')
    return TRUE;
  if (!split_line (ctx, start, &name, &quoted, &rest, error))
    return FALSE;
  /* the default first, so that rules are checked against its final name */
  if (!quoted && g_ascii_strcasecmp (name, "default") == 0)
    return !ctx->defaults_pass || parse_default_line (set, ctx, start, rest, error);
  return ctx->defaults_pass || parse_rule_line (set, ctx, start, name, rest, error);
}

SegRuleSet *
seg_rule_set_parse (const char *text,
                    const char *filename,
                    GError    **error)
{
  g_autoptr(SegRuleSet) set = seg_rule_set_new ();
  g_auto(GStrv) lines = NULL;
  const char *bad;
  LineCtx ctx = { filename, 0, NULL, TRUE, FALSE };

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, &bad))
    {
      guint64 line = 1;
      for (const char *p = text; p < bad; p++)
        line += *p == '\n';
      seg_error_set_at (error, SEG_ERROR_ENCODING, filename, line, 0,
                        _("the rules are not UTF-8 text"));
      return NULL;
    }
  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    text += 3;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);
      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }
  for (guint pass = 0; pass < 2; pass++)
    {
      ctx.defaults_pass = pass == 0;
      for (guint i = 0; lines[i] != NULL; i++)
        {
          ctx.line_no = i + 1;
          ctx.line = lines[i];
          if (!parse_line (set, &ctx, error))
            return NULL;
        }
    }
  return g_steal_pointer (&set);
}

SegRuleSet *
seg_rule_set_load_file (const char *path,
                        GError    **error)
{
  char *contents = NULL;   /* freed by hand: see seg_csv_read_bytes () */
  g_autoptr(GError) local = NULL;
  SegRuleSet *set;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      seg_error_set_at (error, SEG_ERROR_IO, path, 0, 0, "%s", local->message);
      return NULL;
    }
  set = seg_rule_set_parse (contents, path, error);
  g_free (contents);
  return set;
}

static gboolean
name_needs_quotes (const char *name)
{
  return strpbrk (name, ":\"") != NULL || name[0] == '#' || name[0] == '\0'
         || g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1])
         || g_ascii_strcasecmp (name, "default") == 0;
}

static void
append_name (GString    *out,
             const char *name)
{
  if (!name_needs_quotes (name))
    {
      g_string_append (out, name);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
seg_rule_set_to_string (const SegRuleSet *set)
{
  GString *out;

  g_return_val_if_fail (set != NULL, NULL);
  out = g_string_new ("# Segmenta rules: the first rule whose condition holds wins.\n"
                      "# One rule per line, \"Segment name: condition\"; customers that\n"
                      "# no rule matches go to the segment named on the \"default:\" line.\n");
  for (guint i = 0; i < set->rules->len; i++)
    {
      const Rule *rule = get_rule (set, i);
      append_name (out, rule->name);
      g_string_append_printf (out, ": %s\n", rule->condition);
    }
  /* the default's name may hold anything but line ends: it is the rest of the line */
  g_string_append_printf (out, "default: %s\n", set->default_name);
  return g_string_free (out, FALSE);
}

gboolean
seg_rule_set_save_file (const SegRuleSet *set,
                        const char       *path,
                        GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_val_if_fail (set != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  text = seg_rule_set_to_string (set);
  bytes = g_bytes_new_take (text, strlen (text));
  return seg_publish_file (path, bytes, error);
}

/* --------------------------------------------------------------- applying */

void
seg_rule_result_free (SegRuleResult *result)
{
  if (result == NULL)
    return;
  g_free (result->labels);
  g_strfreev (result->names);
  g_free (result->counts);
  g_free (result->skipped);
  g_clear_pointer (&result->notices, g_ptr_array_unref);
  g_free (result);
}

/* The notice for a rule whose columns are not all in the table, or NULL. */
static char *
missing_columns_notice (const Rule     *rule,
                        const SegTable *table)
{
  g_autoptr(GPtrArray) columns = seg_expr_get_columns (rule->expr);
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  for (guint i = 0; i < columns->len; i++)
    {
      const char *name = g_ptr_array_index (columns, i);
      if (seg_expr_find_table_column (table, name) >= 0)
        continue;
      g_string_append_printf (missing, "%s“%s”", n_missing ? ", " : "", name);
      n_missing++;
    }
  if (n_missing == 0)
    return NULL;
  if (n_missing == 1)
    return g_strdup_printf (_("Rule “%s” skipped: column %s is not in the data"),
                            rule->name, missing->str);
  return g_strdup_printf (_("Rule “%s” skipped: columns %s are not in the data"),
                          rule->name, missing->str);
}

/* A bound copy of each rule's condition, NULL for the skipped ones. */
static gboolean
bind_rules (const SegRuleSet *set,
            const SegTable   *table,
            SegRuleResult    *result,
            SegExpr         **bound,
            GError          **error)
{
  for (guint i = 0; i < set->rules->len; i++)
    {
      const Rule *rule = get_rule (set, i);
      char *notice = missing_columns_notice (rule, table);
      g_autoptr(GError) local = NULL;

      if (notice != NULL)
        {
          g_ptr_array_add (result->notices, notice);
          result->skipped[i] = TRUE;
          continue;
        }
      /* a private copy: binding changes an expression, the set stays untouched */
      bound[i] = seg_expr_parse (rule->condition, &local);
      if (bound[i] == NULL || !seg_expr_bind_table (bound[i], table, &local))
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_EXPRESSION, _("Rule “%s”: %s"),
                       rule->name, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

static SegRuleResult *
rule_result_new (const SegRuleSet *set,
                 guint64           n_rows)
{
  SegRuleResult *result = g_new0 (SegRuleResult, 1);
  guint n_rules = set->rules->len;

  result->n_rows = n_rows;
  result->labels = g_new0 (guint, MAX (n_rows, 1));
  result->n_segments = n_rules + 1;
  result->names = g_new0 (char *, n_rules + 2);
  for (guint i = 0; i < n_rules; i++)
    result->names[i] = g_strdup (get_rule (set, i)->name);
  result->names[n_rules] = g_strdup (set->default_name);
  result->counts = g_new0 (guint64, n_rules + 1);
  result->skipped = g_new0 (gboolean, n_rules + 1);
  result->notices = g_ptr_array_new_with_free_func (g_free);
  return result;
}

SegRuleResult *
seg_rule_set_apply (const SegRuleSet *set,
                    const SegTable   *customers,
                    GError          **error)
{
  g_autoptr(SegRuleResult) result = NULL;
  g_autofree SegExpr **bound = NULL;
  guint n_rules;
  gboolean ok;

  g_return_val_if_fail (set != NULL && customers != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_rules = set->rules->len;
  result = rule_result_new (set, seg_table_get_n_rows (customers));
  bound = g_new0 (SegExpr *, MAX (n_rules, 1));
  ok = bind_rules (set, customers, result, bound, error);
  for (guint64 r = 0; ok && r < result->n_rows; r++)
    {
      guint segment = n_rules;
      for (guint i = 0; i < n_rules && segment == n_rules; i++)
        if (bound[i] != NULL && seg_expr_test_table_row (bound[i], customers, r))
          segment = i;
      result->labels[r] = segment;
      result->counts[segment]++;
    }
  for (guint i = 0; i < n_rules; i++)
    g_clear_pointer (&bound[i], seg_expr_unref);
  return ok ? g_steal_pointer (&result) : NULL;
}

/* ---------------------------------------------------------------- reports */

static const SegColumn *
numeric_column (const SegTable *table,
                const char     *name)
{
  int index = name ? seg_expr_find_table_column (table, name) : -1;
  const SegColumn *column = index >= 0 ? seg_table_get_column (table, (guint) index) : NULL;

  return column && column->type == SEG_COLUMN_NUMBER ? column : NULL;
}

typedef struct
{
  const double *values;
} TopCtx;

static int
compare_desc (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const TopCtx *ctx = user_data;
  guint64 ra = *(const guint64 *) a, rb = *(const guint64 *) b;
  double va = ctx->values[ra], vb = ctx->values[rb];

  if (va != vb)
    return va > vb ? -1 : 1;
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

GArray *
seg_rules_segment_top_rows (const SegTable *customers,
                            const guint    *labels,
                            guint           segment,
                            const char     *column,
                            guint           limit)
{
  const SegColumn *col;
  GArray *rows;
  TopCtx ctx;

  g_return_val_if_fail (customers != NULL && column != NULL, NULL);
  g_return_val_if_fail (labels != NULL || seg_table_get_n_rows (customers) == 0, NULL);

  if ((col = numeric_column (customers, column)) == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint64 r = 0; r < seg_table_get_n_rows (customers); r++)
    if (labels[r] == segment && !isnan (col->num[r]))
      g_array_append_val (rows, r);
  ctx.values = col->num;
  g_array_sort_with_data (rows, compare_desc, &ctx);
  if (rows->len > limit)
    g_array_set_size (rows, limit);
  return rows;
}

/* -------------------------------------------------------- on a worker */

typedef struct
{
  SegRuleSet *rules;
  SegTable   *customers;
} ApplyJob;

static void
apply_job_free (ApplyJob *job)
{
  seg_rule_set_unref (job->rules);
  seg_table_unref (job->customers);
  g_free (job);
}

static gpointer
apply_job (gpointer         data,
           GCancellable    *cancellable,
           SegProgressFunc  progress,
           gpointer         progress_data,
           GError         **error)
{
  ApplyJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return seg_rule_set_apply (job->rules, job->customers, error);
}

void
seg_rule_set_apply_async (const SegRuleSet    *set,
                          SegTable            *customers,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ApplyJob *job;

  g_return_if_fail (set != NULL && customers != NULL);

  job = g_new0 (ApplyJob, 1);
  job->rules = seg_rule_set_copy (set);
  job->customers = seg_table_ref (customers);
  seg_job_run_async (apply_job, job, (GDestroyNotify) apply_job_free, (GDestroyNotify) seg_rule_result_free,
                     seg_rule_set_apply_async, cancellable, NULL, NULL, callback, user_data);
}

SegRuleResult *
seg_rule_set_apply_finish (GAsyncResult *result,
                           GError      **error)
{
  return seg_job_run_finish (result, seg_rule_set_apply_async, error);
}
