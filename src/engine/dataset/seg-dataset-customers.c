/* seg-dataset-customers.c — activity logs and the assembled customer table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-dataset"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "seg-table-private.h"
#include "seg-cohort.h"
#include "seg-dataset-private.h"
#include "seg-progress.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-hash.h"
#include "seg-matrix.h"
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-txn-stream.h"
#include "seg-dataset-build-private.h"

/* ------------------------------------------------------- activity logs */


void
seg_dataset_aggregate_activity (Build  *b,
                                ActAgg *act)
{
  Source *src = &b->activity;
  SegTable *t = src->table;
  guint n_cust = b->keys->len;
  SegRowCtx ctx = { t, 0, NULL, seg_table_get_n_columns (t) };

  act->latest = g_new (double, MAX (n_cust, 1));
  act->rows = g_new0 (guint64, MAX (n_cust, 1));
  for (guint i = 0; i < n_cust; i++)
    act->latest[i] = NAN;
  act->means = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_dataset_extra_free);
  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      g_autofree char *lower = g_ascii_strdown (col->name, -1);
      Extra *e;

      if (col->type != SEG_COLUMN_NUMBER || col->role != SEG_FIELD_NONE ||
          g_str_has_suffix (lower, "_id") || g_str_equal (lower, "id"))
        continue;
      e = g_new0 (Extra, 1);
      e->name = g_strdup (col->name);
      e->column = col;
      e->sum = g_new0 (double, MAX (n_cust, 1));
      e->n = g_new0 (guint64, MAX (n_cust, 1));
      g_ptr_array_add (act->means, e);
    }

  for (guint64 r = 0; r < seg_table_get_n_rows (t); r++)
    {
      g_autofree char *key = NULL;
      int cust;
      double day;

      ctx.row = r;
      key = seg_dataset_field_key (&src->cid, &ctx);
      if (key == NULL)
        {
          src->info->no_customer_id++;
          continue;
        }
      cust = seg_dataset_customer_find (b, key);
      if (cust < 0)
        {
          src->info->unknown_customers++;
          continue;
        }
      day = act->date && !(b->act_placeholder != NULL && b->act_placeholder[r]) ? floor (act->date->num[r]) : NAN;
      if (!isnan (day) && day > b->dataset->as_of)
        {
          src->info->after_as_of++;
          continue;
        }
      act->rows[cust]++;
      act->max_rows = MAX (act->max_rows, act->rows[cust]);
      if (!isnan (day) && (isnan (act->latest[cust]) || day > act->latest[cust]))
        act->latest[cust] = day;
      for (guint i = 0; i < act->means->len; i++)
        {
          Extra *e = g_ptr_array_index (act->means, i);
          if (!isnan (e->column->num[r]))
            {
              e->sum[cust] += e->column->num[r];
              e->n[cust]++;
            }
        }
    }
}

void
seg_dataset_act_agg_clear (ActAgg *act)
{
  g_clear_pointer (&act->latest, g_free);
  g_clear_pointer (&act->rows, g_free);
  g_clear_pointer (&act->means, g_ptr_array_unref);
}

/* ------------------------------------------------ the customer table */

static double *
new_numbers (guint n)
{
  double *v = seg_matrix_big_malloc (sizeof (double) * MAX (n, 1));
  for (guint i = 0; i < n; i++)
    v[i] = NAN;
  return v;
}

static SegColumn *
add_numbers (SegTable     *t,
             const char   *name,
             SegColumnType type,
             double       *values)
{
  if (seg_table_find_column (t, name) != NULL)
    {
      g_autofree char *renamed = g_strdup_printf ("%s_2", name);
      return seg_table_add_column (t, renamed, type, seg_table_get_n_rows (t), values, NULL);
    }
  return seg_table_add_column (t, name, type, seg_table_get_n_rows (t), values, NULL);
}

static void
copy_customer_columns (Build    *b,
                       SegTable *out)
{
  const SegTable *t = b->customers.table;
  guint n = b->keys->len;

  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      SegColumn *copy;

      if (col == b->customers.cid.column)
        continue;
      if (col->type == SEG_COLUMN_TEXT)
        {
          /* the customers table's own cells, kept alive with its text:
           * not copied one by one */
          char **text = seg_matrix_big_malloc0 (sizeof (char *) * MAX (n, 1));
          for (guint i = 0; i < n; i++)
            text[i] = col->text[g_array_index (b->cust_rows, guint64, i)];
          copy = seg_table_add_column (out, col->name, SEG_COLUMN_TEXT, n, NULL, text);
          copy->interned = TRUE;
          seg_table_keep_cells_of (out, t);
        }
      else
        {
          const guint8 *placeholder = g_ptr_array_index (b->cust_placeholder, c);
          double *num = seg_matrix_big_malloc (sizeof (double) * MAX (n, 1));
          for (guint i = 0; i < n; i++)
            {
              guint64 r = g_array_index (b->cust_rows, guint64, i);
              /* a placeholder date (9999-12-31…) is read as missing */
              num[i] = placeholder != NULL && placeholder[r] ? NAN : col->num[r];
            }
          copy = seg_table_add_column (out, col->name, col->type, n, num, NULL);
        }
      seg_column_set_role (copy, col->role);
      copy->format = g_strdup (col->format);
    }
}

/* Days from each date to the as-of date; a date after the as-of date has
 * no age (left empty, not negative).  Returns how many were left out. */
static guint64
add_days_since (SegTable   *out,
                const char *name,
                const double *dates,
                double      as_of)
{
  guint n = (guint) seg_table_get_n_rows (out);
  double *days = new_numbers (n);
  guint64 after = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (dates[i]) && !isnan (as_of))
      {
        if (floor (dates[i]) > as_of)
          after++;
        else
          days[i] = as_of - floor (dates[i]);
      }
  add_numbers (out, name, SEG_COLUMN_NUMBER, days);
  return after;
}

void
seg_dataset_future_dates_free (SegFutureDates *f)
{
  g_free (f->column);
  g_free (f->message);
  g_free (f);
}

/* Records (and says once) that @count values of @column are after the
 * as-of date and were left out. */
static void
report_future_dates (Build      *b,
                     const char *column,
                     guint64     count,
                     char       *message)
{
  SegFutureDates *f = g_new0 (SegFutureDates, 1);

  f->column = g_strdup (column);
  f->count = count;
  f->message = message;
  g_ptr_array_add (b->dataset->future_dates, f);
  g_ptr_array_add (b->dataset->notices, g_strdup (message));
}

static void
add_activity_columns (Build    *b,
                      ActAgg   *act,
                      SegTable *out)
{
  guint n = b->keys->len;
  gboolean many = act->max_rows > 1;
  SegColumn *c;

  c = add_numbers (out, "last_login_date", SEG_COLUMN_DATE, g_memdup2 (act->latest, sizeof (double) * MAX (n, 1)));
  seg_column_set_role (c, SEG_FIELD_LAST_LOGIN_DATE);
  add_days_since (out, "days_since_login", act->latest, b->dataset->as_of);
  if (many)
    {
      double *rows = g_new (double, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        rows[i] = (double) act->rows[i];
      add_numbers (out, "activity_rows", SEG_COLUMN_NUMBER, rows);
    }
  for (guint k = 0; k < act->means->len; k++)
    {
      Extra *e = g_ptr_array_index (act->means, k);
      double *mean = new_numbers (n);
      g_autofree char *name = many ? g_strdup_printf ("avg_%s", e->name) : g_strdup (e->name);

      for (guint i = 0; i < n; i++)
        if (e->n[i] > 0)
          mean[i] = e->sum[i] / (double) e->n[i];
      add_numbers (out, name, SEG_COLUMN_NUMBER, mean);
    }
}

static void
add_transaction_columns (Build    *b,
                         TxnAgg   *agg,
                         SegTable *out)
{
  guint n = b->keys->len;
  double as_of = b->dataset->as_of;
  double *count = new_numbers (n), *total = new_numbers (n), *avg = new_numbers (n);
  double *first = new_numbers (n), *last = new_numbers (n);
  double *recency = new_numbers (n), *tenure = new_numbers (n);

  for (guint i = 0; i < n; i++)
    {
      const Acc *a = &g_array_index (agg->acc, Acc, i);

      count[i] = (double) a->count;
      total[i] = a->total;
      /* the mean amount of a transaction: invoice lines sharing a txn_id
       * make one transaction */
      if (a->count > 0)
        avg[i] = a->total / (double) a->count;
      first[i] = a->first;
      last[i] = a->last;
      if (!isnan (a->last))
        {
          recency[i] = as_of - a->last;
          tenure[i] = as_of - a->first;
        }
    }
  add_numbers (out, "txn_count", SEG_COLUMN_NUMBER, count);
  add_numbers (out, "total_spent", SEG_COLUMN_NUMBER, total);
  add_numbers (out, "avg_spent", SEG_COLUMN_NUMBER, avg);
  add_numbers (out, "first_txn_date", SEG_COLUMN_DATE, first);
  add_numbers (out, "last_txn_date", SEG_COLUMN_DATE, last);
  add_numbers (out, "recency_days", SEG_COLUMN_NUMBER, recency);
  add_numbers (out, "tenure_days", SEG_COLUMN_NUMBER, tenure);

  for (guint k = 0; k < agg->extras->len; k++)
    {
      Extra *e = g_ptr_array_index (agg->extras, k);
      double *mean = new_numbers (n);

      for (guint i = 0; i < n; i++)
        if (e->n[i] > 0)
          mean[i] = e->sum[i] / (double) e->n[i];
      add_numbers (out, e->name, SEG_COLUMN_NUMBER, mean);
    }
}

static gboolean
add_derived_columns (Build    *b,
                     SegTable *out,
                     GError  **error)
{
  guint64 n = seg_table_get_n_rows (out);

  for (guint i = 0; i < b->options->derives->len; i++)
    {
      const char *text = g_ptr_array_index (b->options->derives, i);
      g_autofree char *name = NULL;
      g_autoptr(SegExpr) expr = NULL;
      SegValueKind kind;
      SegColumnType type;
      double *num = NULL;
      char **strs = NULL;
      guint64 after = 0;

      guint64 n_out_of_range = 0;

      if (!seg_expr_parse_assignment (text, &name, &expr, error) ||
          !seg_expr_bind_table (expr, out, error))
        return seg_dataset_prefix_error (error, _("Calculated column"), text);
      /* "income = income * 2" or a name given twice would add a second
       * column of the same name that nothing could tell apart */
      if (seg_table_find_column (out, name) != NULL)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                       _("Calculated column “%s”: there is already a column “%s”; give the "
                         "new column another name"), text, name);
          return FALSE;
        }
      kind = seg_expr_get_kind (expr);
      type = seg_dataset_type_of_kind (kind);
      if (type == SEG_COLUMN_TEXT)
        strs = g_new0 (char *, MAX (n, 1));
      else
        num = new_numbers ((guint) n);
      for (guint64 r = 0; r < n; r++)
        {
          SegValue v;
          seg_expr_eval_table_row (expr, out, r, &v);
          if (v.kind == SEG_VALUE_MISSING)
            continue;
          if (type == SEG_COLUMN_TEXT)
            strs[r] = v.kind == SEG_VALUE_TEXT ? g_strdup (v.text) : NULL;
          else if (type == SEG_COLUMN_DATE && !seg_date_in_range (v.num))
            n_out_of_range++;
          else if (type == SEG_COLUMN_DATE && !isnan (b->dataset->as_of) && floor (v.num) > b->dataset->as_of)
            after++;   /* a date after the as-of date is left out, as transactions are */
          else if (v.kind != SEG_VALUE_TEXT)
            num[r] = v.num;
        }
      if (n_out_of_range > 0)
        notice (b, g_dngettext (GETTEXT_PACKAGE,
                                "Calculated column “%s”: %" PRIu64 " date falls outside the years 1 to 9999 and is left empty.",
                                "Calculated column “%s”: %" PRIu64 " dates fall outside the years 1 to 9999 and are left empty.",
                                (gulong) MIN (n_out_of_range, G_MAXULONG)),
                name, n_out_of_range);
      seg_table_add_column (out, name, type, n, num, strs);
      if (after > 0)
        {
          g_autofree char *as_of = seg_date_format_iso (b->dataset->as_of);
          report_future_dates (b, name, after,
                               g_strdup_printf (_("Calculated column “%s”: %" PRIu64 " dates are after the "
                                                  "as-of date (%s) and are left out"), name, after, as_of));
        }
    }
  return TRUE;
}

SegTable *
seg_dataset_assemble (Build   *b,
                      TxnAgg  *agg,
                      ActAgg  *act,
                      GError **error)
{
  guint n = b->keys->len;
  g_autoptr(SegTable) out = seg_table_new ("customers.csv");
  char **ids = g_new0 (char *, MAX (n, 1));
  SegColumn *c;

  /* the customers' keys move into the table: from here on the build reads
   * only their count, and the key index (when made) is only freed; keys
   * that are the customers table's cells stay where they are, and the
   * table keeps that table's text alive */
  if (b->key_store != NULL)
    for (guint i = 0; i < n; i++)
      ids[i] = (char *) seg_table_store (out, g_ptr_array_index (b->keys, i));
  else
    for (guint i = 0; i < n; i++)
      ids[i] = g_ptr_array_index (b->keys, i);
  g_ptr_array_set_free_func (b->keys, NULL);
  c = seg_table_add_column (out, "customer_id", SEG_COLUMN_TEXT, n, NULL, ids);
  c->interned = b->keys_lent || b->key_store != NULL;
  if (b->keys_lent)
    seg_table_keep_cells_of (out, b->customers.table);
  seg_column_set_role (c, SEG_FIELD_CUSTOMER_ID);
  seg_table_set_role (out, SEG_FILE_ROLE_CUSTOMERS);

  if (b->customers.table != NULL)
    {
      const SegColumn *reg;

      copy_customer_columns (b, out);
      reg = seg_table_find_role (out, SEG_FIELD_REGISTRATION_DATE);
      if (reg != NULL)
        {
          guint64 after = add_days_since (out, "days_since_registration", reg->num, b->dataset->as_of);
          if (after > 0)
            {
              g_autofree char *as_of = seg_date_format_iso (b->dataset->as_of);
              report_future_dates (b, reg->name, after,
                                   g_strdup_printf (_("%s: %" PRIu64 " registration dates in “%s” are after "
                                                      "the as-of date (%s) and are left out: those customers have "
                                                      "no days_since_registration"),
                                                    seg_table_get_name (b->customers.table), after,
                                                    reg->name, as_of));
            }
        }
    }
  if (b->activity.table != NULL)
    add_activity_columns (b, act, out);
  if (b->txns.table != NULL)
    add_transaction_columns (b, agg, out);
  if (!add_derived_columns (b, out, error))
    return NULL;
  return g_steal_pointer (&out);
}
