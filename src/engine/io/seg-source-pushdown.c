/* seg-source-pushdown.c — database inputs: the push-down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The push-down computes, per customer key, what the dataset's fold adds up
 * row by row.  Sums of floating-point amounts depend on their order, so the
 * server adds them in the relation's own row order (row_number() OVER () of
 * a plain scan), which for a table loaded from a file is the file's order.
 * Every value reaches the SQL as a bound parameter; identifiers are quoted.
 */
#define G_LOG_DOMAIN "seg-source"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-error.h"
#include "seg-expr-private.h"
#include "seg-parse.h"
#include "seg-source-private.h"
#include "seg-txn-stream.h"

/* ----------------------------------------------------------- push-down */

static gboolean
column_native (GPtrArray     *names,
               GArray        *types,
               const char    *name,
               SegNativeType *out)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      {
        *out = g_array_index (types, SegNativeType, i);
        return TRUE;
      }
  return FALSE;
}

static char *where_sql (SegSource *source, const SegSourceAggSpec *spec, GPtrArray *names,
                        GArray *types, GPtrArray *params, GString *param_types);
static char *day_sql (gboolean pg, SegNativeType type, const char *q);
static char *number_sql (gboolean pg, const char *q);

static gboolean
can_aggregate (SegSource              *source,
               const SegSourceAggSpec *spec,
               GPtrArray              *names,
               GArray                 *types,
               char                  **why)
{
  const SegTable *t = spec->preview;
  gboolean pg = source->backend->kind == SEG_SOURCE_POSTGRESQL;
  SegNativeType nt;
  const SegColumn *col;

  if (spec->cid < 0 || spec->date < 0)
    {
      *why = g_strdup (_("the customer id or the date is not a plain column"));
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    if (g_array_index (types, SegNativeType, i) == SEG_NATIVE_OTHER && pg)
      {
        *why = g_strdup_printf (_("column “%s” has a type the server cannot compare"),
                                (char *) g_ptr_array_index (names, i));
        return FALSE;
      }
  col = seg_table_get_column (t, spec->cid);
  if (col->type != SEG_COLUMN_TEXT && col->type != SEG_COLUMN_NUMBER)
    {
      *why = g_strdup (_("the customer id is neither text nor a number"));
      return FALSE;
    }
  col = seg_table_get_column (t, spec->date);
  if (!column_native (names, types, col->name, &nt)
      || (pg && nt != SEG_NATIVE_DATE && nt != SEG_NATIVE_TIMESTAMP && nt != SEG_NATIVE_TIMESTAMPTZ)
      || (!pg && (col->format == NULL || !g_str_has_prefix (col->format, "YYYY-MM-DD"))))
    {
      *why = g_strdup_printf (_("the dates in “%s” are not stored as dates"), col->name);
      return FALSE;
    }
  for (guint k = 0; k <= spec->n_extras; k++)
    {
      int c = k < spec->n_extras ? spec->extras[k] : spec->amount;
      if (c < 0)
        continue;
      col = seg_table_get_column (t, c);
      if (!column_native (names, types, col->name, &nt) || (pg && nt != SEG_NATIVE_NUMBER))
        {
          *why = g_strdup_printf (_("the numbers in “%s” are not stored as numbers"), col->name);
          return FALSE;
        }
    }
  if (spec->where != NULL)
    {
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) types_out = g_string_new (NULL);
      g_autofree char *sql = where_sql (source, spec, names, types, params, types_out);

      if (sql == NULL)
        {
          *why = g_strdup (_("the filter uses something the server cannot compute exactly as Segmenta does "
                             "(division, functions, booleans or text order)"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
seg_source_can_aggregate (SegSource              *source,
                          const SegSourceAggSpec *spec,
                          char                  **why)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) types = NULL;
  g_autofree char *relation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (source != NULL && spec != NULL && spec->preview != NULL, FALSE);
  g_return_val_if_fail (why != NULL && *why == NULL, FALSE);
  names = g_ptr_array_new_with_free_func (g_free);
  relation = seg_source_relation_sql (source, source->table, source->query);
  types = source->backend->describe (source, relation, names, NULL, &error);
  if (types == NULL)
    {
      *why = g_strdup (error->message);
      return FALSE;
    }
  return can_aggregate (source, spec, names, types, why);
}

static char *
day_sql (gboolean       pg,
         SegNativeType  type,
         const char    *q)
{
  if (!pg)
    return g_strdup_printf ("CAST(julianday(date(%s)) - 2440587.5 AS INTEGER)", q);
  if (type == SEG_NATIVE_TIMESTAMPTZ)
    return g_strdup_printf ("((%s AT TIME ZONE 'UTC')::date - DATE '1970-01-01')", q);
  if (type == SEG_NATIVE_TIMESTAMP)
    return g_strdup_printf ("(%s::date - DATE '1970-01-01')", q);
  return g_strdup_printf ("(%s - DATE '1970-01-01')", q);
}

static char *
number_sql (gboolean    pg,
            const char *q)
{
  if (pg)
    return g_strdup_printf ("%s::float8", q);
  return g_strdup_printf ("(CASE WHEN typeof(%s) IN ('integer', 'real') THEN CAST(%s AS REAL) END)", q, q);
}

static char *
col_ident (const SegTable *t,
           int             c)
{
  return seg_source_quote_ident (seg_table_get_column (t, c)->name);
}

/* ------------------------------------------- --where as SQL, when it can be */

typedef struct
{
  gboolean        pg;
  const SegTable *table;
  GPtrArray      *params;   /* char* */
  GString        *types;    /* 'n' or 't' per parameter */
  GPtrArray      *names;    /* the relation's columns and their stored types */
  GArray         *natives;
} Where;

static void
add_param (Where      *w,
           GString    *out,
           char       *value,
           char        type)
{
  g_ptr_array_add (w->params, value);
  g_string_append_c (w->types, type);
  /* numbered from 1 in the order added; $1 / ?1 is the as-of date */
  if (w->pg)
    g_string_append_printf (out, type == 't' ? "$%u::text" : "$%u::float8", w->params->len);
  else
    g_string_append_printf (out, "?%u", w->params->len);
}

/* A text column as the CSV reader would see it: missing-value markers are
 * missing, not text. */
static void
append_text_column (Where      *w,
                    GString    *out,
                    const char *q)
{
  g_string_append_printf (out, "(CASE WHEN trim(%s) IN ('', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', "
                          "'None', '#N/A', '<NA>', '-') THEN NULL ELSE %s END)", q, q);
}

static gboolean translate (Where *w, const SegExprNode *n, GString *out);

static gboolean
translate_value (Where             *w,
                 const SegExprNode *n,
                 SegValueKind       want,
                 GString           *out)
{
  if (n->kind == SEG_EXPR_NODE_CONST)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (n->value.kind == SEG_VALUE_TEXT && want == SEG_VALUE_TEXT)
        add_param (w, out, g_strdup (n->value.text), 't');
      else if (n->value.kind == SEG_VALUE_NUMBER && want == SEG_VALUE_NUMBER)
        add_param (w, out, g_strdup (g_ascii_dtostr (buf, sizeof buf, n->value.num)), 'n');
      else if (n->value.kind == SEG_VALUE_DATE && want == SEG_VALUE_DATE)
        add_param (w, out, g_strdup (g_ascii_dtostr (buf, sizeof buf, floor (n->value.num))), 'n');
      else
        return FALSE;
      return TRUE;
    }
  if (n->kind == SEG_EXPR_NODE_COLUMN)
    {
      const SegColumn *col = seg_table_find_column (w->table, n->text);
      g_autofree char *q = NULL;
      SegNativeType nt = SEG_NATIVE_OTHER;

      if (col == NULL || !column_native (w->names, w->natives, col->name, &nt))
        return FALSE;
      q = seg_source_quote_ident (col->name);
      if (want == SEG_VALUE_NUMBER && col->type == SEG_COLUMN_NUMBER && (!w->pg || nt == SEG_NATIVE_NUMBER))
        {
          g_autofree char *num = number_sql (w->pg, q);
          g_string_append (out, num);
          return TRUE;
        }
      if (want == SEG_VALUE_TEXT && col->type == SEG_COLUMN_TEXT && nt == SEG_NATIVE_TEXT)
        {
          append_text_column (w, out, q);
          return TRUE;
        }
      if (want == SEG_VALUE_DATE && col->type == SEG_COLUMN_DATE
          && (w->pg ? (nt == SEG_NATIVE_DATE || nt == SEG_NATIVE_TIMESTAMP || nt == SEG_NATIVE_TIMESTAMPTZ)
                    : (col->format != NULL && g_str_has_prefix (col->format, "YYYY-MM-DD"))))
        {
          g_autofree char *day = day_sql (w->pg, nt, q);
          g_string_append (out, day);
          return TRUE;
        }
      return FALSE;
    }
  if (want != SEG_VALUE_NUMBER)
    return FALSE;
  if (n->kind == SEG_EXPR_NODE_NEG || n->kind == SEG_EXPR_NODE_POS)
    {
      g_string_append (out, n->kind == SEG_EXPR_NODE_NEG ? "(-" : "(+");
      if (!translate_value (w, n->args[0], SEG_VALUE_NUMBER, out))
        return FALSE;
      g_string_append_c (out, ')');
      return TRUE;
    }
  /* + - *: missing in, missing out, as NULL does; division is left to
   * Segmenta (its division by zero is not the server's) */
  if (n->kind == SEG_EXPR_NODE_ARITH && n->op != SEG_EXPR_DIV)
    {
      static const char *const ops[] = { " + ", " - ", " * " };
      g_string_append_c (out, '(');
      if (!translate_value (w, n->args[0], SEG_VALUE_NUMBER, out))
        return FALSE;
      g_string_append (out, ops[n->op]);
      if (!translate_value (w, n->args[1], SEG_VALUE_NUMBER, out))
        return FALSE;
      g_string_append_c (out, ')');
      return TRUE;
    }
  return FALSE;
}

/* A condition that is never NULL: a comparison with a missing value is
 * false, as in the expression language. */
static gboolean
translate (Where             *w,
           const SegExprNode *n,
           GString           *out)
{
  static const char *const cmp[] = { " < ", " <= ", " > ", " >= ", " = ", " <> " };

  switch (n->kind)
    {
    case SEG_EXPR_NODE_NOT:
      g_string_append (out, "(NOT ");
      if (!translate (w, n->args[0], out))
        return FALSE;
      g_string_append_c (out, ')');
      return TRUE;
    case SEG_EXPR_NODE_AND:
    case SEG_EXPR_NODE_OR:
      g_string_append_c (out, '(');
      if (!translate (w, n->args[0], out))
        return FALSE;
      g_string_append (out, n->kind == SEG_EXPR_NODE_AND ? " AND " : " OR ");
      if (!translate (w, n->args[1], out))
        return FALSE;
      g_string_append_c (out, ')');
      return TRUE;
    case SEG_EXPR_NODE_CMP:
      {
        SegValueKind kind = n->floor_dates ? SEG_VALUE_DATE
                          : n->args[0]->type == SEG_VALUE_TEXT ? SEG_VALUE_TEXT : SEG_VALUE_NUMBER;

        if (kind != SEG_VALUE_DATE && (n->args[0]->type == SEG_VALUE_DATE || n->args[1]->type == SEG_VALUE_DATE))
          return FALSE;
        g_string_append (out, "coalesce(");
        if (!translate_value (w, n->args[0], kind, out))
          return FALSE;
        g_string_append (out, cmp[n->op]);
        if (!translate_value (w, n->args[1], kind, out))
          return FALSE;
        g_string_append (out, ", false)");
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* The filter as SQL over the relation's columns, with its constants added
 * to @params; NULL when some part of it has no exact SQL form. */
static char *
where_sql (SegSource              *source,
           const SegSourceAggSpec *spec,
           GPtrArray              *names,
           GArray                 *types,
           GPtrArray              *params,
           GString                *param_types)
{
  Where w = { source->backend->kind == SEG_SOURCE_POSTGRESQL, spec->preview, params, param_types, names, types };
  GString *out = g_string_new (NULL);

  if (spec->where == NULL || spec->where->root == NULL || !translate (&w, spec->where->root, out))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The rows the aggregates read: k (key), d (day), a (amount), x (txn id),
 * e0… (extras), o (row order), dup (1 for the first of identical rows),
 * kp (dated, not after the as-of date). */
static char *
rows_sql (SegSource              *source,
          const SegSourceAggSpec *spec,
          const char             *relation,
          const char             *where,
          GPtrArray              *names,
          GArray                 *types)
{
  gboolean pg = source->backend->kind == SEG_SOURCE_POSTGRESQL;
  const SegTable *t = spec->preview;
  g_autofree char *qk = col_ident (t, spec->cid);
  g_autofree char *qd = col_ident (t, spec->date);
  g_autofree char *day = NULL;
  SegNativeType dt = SEG_NATIVE_DATE;
  GString *s = g_string_new ("SELECT ");

  column_native (names, types, seg_table_get_column (t, spec->date)->name, &dt);
  day = day_sql (pg, dt, qd);
  g_string_append_printf (s, "%s AS k, %s AS d", qk, day);
  if (spec->amount >= 0)
    {
      g_autofree char *qa = col_ident (t, spec->amount);
      g_autofree char *num = number_sql (pg, qa);
      g_string_append_printf (s, ", %s AS a", num);
    }
  else
    g_string_append (s, pg ? ", NULL::float8 AS a" : ", NULL AS a");
  if (spec->txn_id >= 0)
    {
      g_autofree char *qx = col_ident (t, spec->txn_id);
      g_string_append_printf (s, ", %s AS x", qx);
    }
  for (guint k = 0; k < spec->n_extras; k++)
    {
      g_autofree char *qe = col_ident (t, spec->extras[k]);
      g_autofree char *num = number_sql (pg, qe);
      g_string_append_printf (s, ", %s AS e%u", num, k);
    }
  g_string_append (s, ", o");
  if (spec->txn_id >= 0)
    {
      /* a row identical in every cell to an earlier one is a duplicate */
      g_string_append (s, ", row_number() OVER (PARTITION BY ");
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *qc = seg_source_quote_ident (g_ptr_array_index (names, i));
          g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", qc);
        }
      g_string_append (s, " ORDER BY o) AS dup");
    }
  else
    g_string_append (s, ", 1 AS dup");
  if (where == NULL)
    where = pg ? "true" : "1";
  g_string_append_printf (s, ", (%s) AS w", where);
  g_string_append_printf (s, ", ((%s) AND %s IS NOT NULL AND NOT coalesce(%s > %s, false)) AS kp",
                          where, day, day, pg ? "$1::float8" : "?1");
  g_string_append_printf (s, " FROM (SELECT seg_t.*, row_number() OVER () AS o FROM %s AS seg_t) AS seg_t", relation);
  return g_string_free (s, FALSE);
}

/* sum(x) in the rows' own order */
static void
append_sum (GString    *s,
            gboolean    ordered,
            const char *x)
{
  g_string_append_printf (s, ", sum(%s%s) FILTER (WHERE kp AND dup = 1), count(%s) FILTER (WHERE kp AND dup = 1)",
                          x, ordered ? " ORDER BY o" : "", x);
}

static char *
customers_sql (SegSource              *source,
               const SegSourceAggSpec *spec,
               const char             *rows)
{
  gboolean pg = source->backend->kind == SEG_SOURCE_POSTGRESQL;
  /* PostgreSQL adds a group's values in arrival order; after the window that
   * finds duplicates that order is not the table's, so ask for it */
  gboolean ordered = pg && spec->txn_id >= 0;
  GString *s = g_string_new ("SELECT k, count(*), count(*) FILTER (WHERE NOT w), "
                             "count(*) FILTER (WHERE w AND d IS NULL), max(d) FILTER (WHERE w), "
                             "count(*) FILTER (WHERE w AND d IS NOT NULL AND NOT kp), "
                             "count(*) FILTER (WHERE kp), count(*) FILTER (WHERE kp AND dup > 1), ");

  if (spec->txn_id >= 0)
    g_string_append (s, "count(DISTINCT x) FILTER (WHERE kp AND dup = 1) + count(*) FILTER (WHERE kp AND dup = 1 AND x IS NULL)");
  else
    g_string_append (s, "count(*) FILTER (WHERE kp)");
  g_string_append (s, ", min(d) FILTER (WHERE kp), max(d) FILTER (WHERE kp)");
  append_sum (s, ordered, "a");
  for (guint k = 0; k < spec->n_extras; k++)
    {
      char name[16];
      g_snprintf (name, sizeof name, "e%u", k);
      append_sum (s, ordered, name);
    }
  /* customers found only in the log come in the order of their first kept row */
  if (pg)
    g_string_append_printf (s, " FROM (%s) AS r GROUP BY k", rows);
  else /* SQLite groups rows in the order its subquery gives them */
    g_string_append_printf (s, " FROM (SELECT * FROM (%s) ORDER BY k, o) AS r GROUP BY k", rows);
  g_string_append (s, " ORDER BY coalesce(min(o) FILTER (WHERE kp), 9e18)");
  return g_string_free (s, FALSE);
}

/* The days each customer bought on, and whether it is the first. */
static char *
days_sql (SegSource  *source,
          const char *rows)
{
  return g_strdup_printf ("SELECT k, d, CASE WHEN d = min(d) OVER (PARTITION BY k) THEN 1 ELSE 0 END "
                          "FROM (SELECT k, d FROM (%s) AS r WHERE kp AND dup = 1 AND k IS NOT NULL "
                          "GROUP BY k, d) AS g", rows);
}

/* Each customer's spend after the first day, added in the order of
 * (day, amount) as the CLV summary adds it. */
static char *
repeat_sql (SegSource  *source,
            const char *rows)
{
  g_autofree char *first = g_strdup_printf ("SELECT k, d, a, min(d) OVER (PARTITION BY k) AS f FROM (%s) AS r "
                                            "WHERE kp AND dup = 1 AND k IS NOT NULL", rows);

  if (source->backend->kind == SEG_SOURCE_POSTGRESQL)
    return g_strdup_printf ("SELECT k, sum(a ORDER BY d, a) FROM (%s) AS w WHERE d > f GROUP BY k", first);
  return g_strdup_printf ("SELECT k, sum(a) FROM (SELECT * FROM (%s) WHERE d > f ORDER BY k, d, a) AS w GROUP BY k",
                          first);
}

typedef struct
{
  const SegSourceAggSpec *spec;
  SegColumnType           key_type;
  SegSourceCustomerFunc   customer;
  SegSourceDayFunc        day;
  gpointer                user_data;
  GString                *key;
  GHashTable             *repeat;     /* key → double*: spend after the first day */
  double                 *extra_sum;
  guint64                *extra_n;
} AggRun;

static guint64
cell_count (const char *cell)
{
  return cell != NULL ? g_ascii_strtoull (cell, NULL, 10) : 0;
}

static double
cell_number (const char *cell)
{
  double v;

  if (cell == NULL || !seg_parse_number (cell, FALSE, &v))
    return NAN;
  return v;
}

/* The key the dataset would have made of the cell. */
static const char *
cell_key (AggRun     *run,
          const char *cell)
{
  double v;

  if (cell == NULL || seg_parse_is_missing (cell))
    return NULL;
  if (run->key_type == SEG_COLUMN_TEXT)
    return cell;
  if (!seg_parse_number (cell, FALSE, &v))
    return NULL;
  g_string_truncate (run->key, 0);
  seg_txn_stream_number_key_append (run->key, v);
  return run->key->str;
}

static gboolean
customer_row_cb (guint               n,
                 const char * const *cells,
                 gpointer            user_data)
{
  AggRun *run = user_data;
  SegSourceCustomer c = { 0 };
  guint i = 13;

  g_assert (n == 13 + 2 * run->spec->n_extras);
  c.key = cell_key (run, cells[0]);
  c.rows = cell_count (cells[1]);
  c.filtered = cell_count (cells[2]);
  c.no_date = cell_count (cells[3]);
  c.latest = cell_number (cells[4]);
  c.after_as_of = cell_count (cells[5]);
  c.kept = cell_count (cells[6]);
  c.duplicates = cell_count (cells[7]);
  c.count = cell_count (cells[8]);
  c.first = cell_number (cells[9]);
  c.last = cell_number (cells[10]);
  c.total = cells[11] != NULL ? cell_number (cells[11]) : 0.0;
  c.n_amount = cell_count (cells[12]);
  for (guint k = 0; k < run->spec->n_extras; k++, i += 2)
    {
      run->extra_sum[k] = cells[i] != NULL ? cell_number (cells[i]) : 0.0;
      run->extra_n[k] = cell_count (cells[i + 1]);
    }
  c.extra_sum = run->extra_sum;
  c.extra_n = run->extra_n;
  run->customer (&c, run->user_data);
  return TRUE;
}

static gboolean
repeat_row_cb (guint               n,
               const char * const *cells,
               gpointer            user_data)
{
  AggRun *run = user_data;
  const char *key = cell_key (run, cells[0]);
  double *sum;

  if (key == NULL || cells[1] == NULL)
    return TRUE;
  sum = g_new (double, 1);
  *sum = cell_number (cells[1]);
  g_hash_table_replace (run->repeat, g_strdup (key), sum);
  return TRUE;
}

/* A later day carries the customer's whole repeat spend once (NAN on the
 * others): the CLV summary adds 0 + that sum, which is that sum exactly. */
static gboolean
day_row_cb (guint               n,
            const char * const *cells,
            gpointer            user_data)
{
  AggRun *run = user_data;
  SegSourceDay d;
  double *sum;

  d.key = cell_key (run, cells[0]);
  if (d.key == NULL)
    return TRUE;
  d.day = cell_number (cells[1]);
  d.amount = NAN;
  if (g_strcmp0 (cells[2], "1") != 0 && (sum = g_hash_table_lookup (run->repeat, d.key)) != NULL)
    {
      d.amount = *sum;
      g_hash_table_remove (run->repeat, d.key);
    }
  run->day (&d, run->user_data);
  return TRUE;
}

gboolean
seg_source_aggregate (SegSource              *source,
                      const SegSourceAggSpec *spec,
                      SegSourceCustomerFunc   customer,
                      SegSourceDayFunc        day,
                      gpointer                user_data,
                      GCancellable           *cancellable,
                      GError                **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) types = NULL;
  g_autofree char *relation = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *why = NULL;
  g_autofree char *as_of = NULL;
  g_autofree double *extra_sum = NULL;
  g_autofree guint64 *extra_n = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GString) param_types = NULL;
  g_autofree char *where = NULL;
  AggRun run;
  gboolean ok;

  g_return_val_if_fail (source != NULL && spec != NULL && customer != NULL, FALSE);
  g_return_val_if_fail (spec->preview != NULL, FALSE);
  g_return_val_if_fail (spec->cid >= 0 && (guint) spec->cid < seg_table_get_n_columns (spec->preview), FALSE);
  g_return_val_if_fail (spec->n_extras == 0 || spec->extras != NULL, FALSE);
  g_return_val_if_fail (!spec->days || day != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  names = g_ptr_array_new_with_free_func (g_free);
  relation = seg_source_relation_sql (source, source->table, source->query);
  extra_sum = g_new0 (double, spec->n_extras + 1);
  extra_n = g_new0 (guint64, spec->n_extras + 1);
  params = g_ptr_array_new_with_free_func (g_free);
  param_types = g_string_new (NULL);
  run = (AggRun) { spec, seg_table_get_column (spec->preview, spec->cid)->type, customer, day, user_data,
                   NULL, NULL, extra_sum, extra_n };
  types = source->backend->describe (source, relation, names, cancellable, error);
  if (types == NULL)
    return FALSE;
  if (!can_aggregate (source, spec, names, types, &why))
    {
      seg_source_set_error (source, error, SEG_ERROR_INVALID_INPUT, "%s", why);
      return FALSE;
    }
  if (!isnan (spec->as_of))
    as_of = g_strdup_printf ("%.0f", floor (spec->as_of));
  g_ptr_array_add (params, g_steal_pointer (&as_of));
  g_string_append_c (param_types, 'n');
  if (spec->where != NULL)
    where = where_sql (source, spec, names, types, params, param_types);
  rows = rows_sql (source, spec, relation, where, names, types);
  run.key = g_string_new (NULL);
  sql = customers_sql (source, spec, rows);
  g_debug ("%s: %s", source->display, sql);
  ok = source->backend->query (source, sql, params->len, (const char * const *) params->pdata, param_types->str,
                               NULL, customer_row_cb, &run, cancellable, error);
  if (ok && spec->days && day != NULL)
    {
      run.repeat = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_free (sql);
      sql = repeat_sql (source, rows);
      ok = source->backend->query (source, sql, params->len, (const char * const *) params->pdata,
                                   param_types->str, NULL, repeat_row_cb, &run, cancellable, error);
      g_free (sql);
      sql = days_sql (source, rows);
      ok = ok && source->backend->query (source, sql, params->len, (const char * const *) params->pdata,
                                         param_types->str, NULL, day_row_cb, &run, cancellable, error);
      g_hash_table_unref (run.repeat);
    }
  g_string_free (run.key, TRUE);
  return ok;
}
