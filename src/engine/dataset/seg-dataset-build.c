/* seg-dataset-build.c — the build state: sources, --map bindings, the customer index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Binds each input to its role, prepares and classifies the transaction log,
 * and runs one build of a dataset (seg-dataset.c drives it).
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
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-txn-stream.h"
#include "seg-dataset-build-private.h"

/* ------------------------------------------------------- the build state */

static void
field_clear (SegField *field)
{
  g_clear_pointer (&field->expr, seg_expr_unref);
  field->column = NULL;
}

void
seg_dataset_source_clear (Source *src)
{
  field_clear (&src->cid);
  field_clear (&src->date);
  field_clear (&src->amount);
  field_clear (&src->txn_id);
  g_clear_pointer (&src->where, seg_expr_unref);
  g_clear_pointer (&src->derive_names, g_ptr_array_unref);
  g_clear_pointer (&src->derive_exprs, g_ptr_array_unref);
  g_clear_pointer (&src->derive_kinds, g_array_unref);
  g_clear_pointer (&src->status, g_free);
  g_clear_pointer (&src->day, g_free);
}

/* Binds "expression" text against a source's table and derived columns. */
static SegExpr *
bind_expr (Source     *src,
           const char *text,
           GError    **error)
{
  g_autoptr(SegExpr) expr = seg_expr_parse (text, error);
  ResolveCtx ctx = { src->table, src->derive_names, src->derive_kinds };

  if (expr == NULL)
    return NULL;
  if (!seg_expr_bind (expr, seg_row_ctx_resolve, &ctx, error))
    return NULL;
  return g_steal_pointer (&expr);
}

gboolean
seg_dataset_prefix_error (GError    **error,
                          const char *what,
                          const char *text)
{
  if (error && *error)
    g_prefix_error (error, _("%s “%s”: "), what, text);
  return FALSE;
}

/* The column a --map binding names ("Amount" or "`Unit Price`"), or NULL
 * when it is an expression. */
const SegColumn *
seg_dataset_map_column (const SegMapping *map,
                        const SegTable   *table)
{
  g_autofree char *bare = g_strdup (map->expr);

  if (bare[0] == '`' && g_str_has_suffix (bare, "`") && strlen (bare) > 1)
    {
      g_free (bare);
      bare = g_strndup (map->expr + 1, strlen (map->expr) - 2);
    }
  return seg_table_find_column (table, bare);
}

/* The input with @column bound to @field and @old no longer bound: a new
 * table, since the caller's table is shared and stays as it is. */
static void
rebind_roles (Source          *src,
              const SegColumn *column,
              const SegColumn *old,
              SegFieldRole     field)
{
  guint n = seg_table_get_n_columns (src->table);
  g_autofree SegFieldRole *roles = g_new (SegFieldRole, MAX (n, 1));
  SegTable *copy;

  for (guint c = 0; c < n; c++)
    {
      const SegColumn *col = seg_table_get_column (src->table, c);
      roles[c] = col == column ? field : col == old ? SEG_FIELD_NONE : col->role;
    }
  copy = seg_table_copy_with_roles (src->table, seg_table_get_role (src->table), roles);
  g_clear_pointer (&src->info->table, seg_table_unref);
  src->info->table = copy;
  src->table = copy;
}

/* Role bindings of --map: a column name sets the role; anything else becomes
 * an expression evaluated per row. */
static gboolean
apply_maps (Build   *b,
            GError **error)
{
  for (guint i = 0; i < b->options->maps->len; i++)
    {
      const SegMapping *map = g_ptr_array_index (b->options->maps, i);
      Source *src = map->role == SEG_FILE_ROLE_TRANSACTIONS ? &b->txns
                  : map->role == SEG_FILE_ROLE_ACTIVITY ? &b->activity : &b->customers;
      const SegColumn *column, *old;

      if (src->table == NULL)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                       _("--map %s.%s: no %s file was given"), seg_file_role_to_string (map->role),
                       seg_field_role_to_string (map->field), seg_file_role_to_string (map->role));
          return FALSE;
        }
      column = seg_dataset_map_column (map, src->table);
      old = seg_table_find_role (src->table, map->field);
      if ((old != NULL && old != column) || (column != NULL && column->role != map->field))
        rebind_roles (src, column, old, map->field);
      if (column != NULL)
        continue;
      {
        SegExpr *expr = bind_expr (src, map->expr, error);
        SegField *field = map->field == SEG_FIELD_AMOUNT ? &src->amount
                        : map->field == SEG_FIELD_DATE ? &src->date
                        : map->field == SEG_FIELD_CUSTOMER_ID ? &src->cid
                        : map->field == SEG_FIELD_TXN_ID ? &src->txn_id : NULL;
        if (expr == NULL)
          return seg_dataset_prefix_error (error, _("Binding"), map->expr);
        if (field == NULL)
          {
            seg_expr_unref (expr);
            g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                         _("--map %s.%s must name a column"), seg_file_role_to_string (map->role),
                         seg_field_role_to_string (map->field));
            return FALSE;
          }
        field_clear (field);
        field->expr = expr;
      }
    }
  return TRUE;
}

static void
fill_field (SegField       *field,
            const SegTable *table,
            SegFieldRole    role)
{
  if (field->expr == NULL && field->column == NULL)
    field->column = seg_table_find_role (table, role);
}

static gboolean
require (Source      *src,
         SegField    *field,
         const char  *what,
         const char  *hint,
         GError     **error)
{
  if (field->column != NULL || field->expr != NULL)
    return TRUE;
  seg_error_set_at (error, SEG_ERROR_ROLE, seg_table_get_path (src->table), 0, 0,
                    _("no %s column was found in this %s file; %s"), what,
                    seg_file_role_to_string (seg_table_get_role (src->table)), hint);
  return FALSE;
}

static gboolean
prepare_transactions (Build   *b,
                      GError **error)
{
  Source *src = &b->txns;
  SegTable *t = src->table;

  src->derive_names = g_ptr_array_new_with_free_func (g_free);
  src->derive_exprs = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_expr_unref);
  src->derive_kinds = g_array_new (FALSE, FALSE, sizeof (SegValueKind));

  for (guint i = 0; i < b->options->txn_derives->len; i++)
    {
      const char *text = g_ptr_array_index (b->options->txn_derives, i);
      g_autofree char *name = NULL;
      g_autoptr(SegExpr) parsed = NULL;
      ResolveCtx ctx = { t, src->derive_names, src->derive_kinds };
      SegValueKind kind;

      if (!seg_expr_parse_assignment (text, &name, &parsed, error) ||
          !seg_expr_bind (parsed, seg_row_ctx_resolve, &ctx, error))
        return seg_dataset_prefix_error (error, _("Calculated column"), text);
      if (seg_table_find_column (t, name) != NULL ||
          g_ptr_array_find_with_equal_func (src->derive_names, name, g_str_equal, NULL))
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                       _("Calculated column “%s”: there is already a column “%s”; give the "
                         "new column another name"), text, name);
          return FALSE;
        }
      kind = seg_expr_get_kind (parsed);
      g_ptr_array_add (src->derive_names, g_steal_pointer (&name));
      g_ptr_array_add (src->derive_exprs, g_steal_pointer (&parsed));
      g_array_append_val (src->derive_kinds, kind);
    }

  fill_field (&src->cid, t, SEG_FIELD_CUSTOMER_ID);
  fill_field (&src->date, t, SEG_FIELD_DATE);
  fill_field (&src->amount, t, SEG_FIELD_AMOUNT);
  fill_field (&src->txn_id, t, SEG_FIELD_TXN_ID);

  if (src->amount.column == NULL && src->amount.expr == NULL)
    {
      const SegColumn *qty = seg_table_find_role (t, SEG_FIELD_QUANTITY);
      const SegColumn *price = seg_table_find_role (t, SEG_FIELD_UNIT_PRICE);
      if (qty != NULL && price != NULL)
        {
          g_autofree char *q = seg_expr_quote_name (qty->name);
          g_autofree char *p = seg_expr_quote_name (price->name);
          g_autofree char *text = g_strdup_printf ("%s * %s", q, p);

          src->amount.expr = bind_expr (src, text, error);
          if (src->amount.expr == NULL)
            return FALSE;
          g_free (src->info->proposal);
          src->info->proposal = g_strdup_printf ("amount = %s", text);
          notice (b, _("%s has no amount column: using amount = %s"), seg_table_get_name (t), text);
        }
    }

  if (!require (src, &src->cid, _("customer id"),
                _("bind one with --map transactions.customer_id=COLUMN"), error) ||
      !require (src, &src->date, _("date"),
                _("bind one with --map transactions.date=COLUMN"), error) ||
      !require (src, &src->amount, _("amount"),
                _("bind one with --map transactions.amount=COLUMN or an expression such as Quantity * UnitPrice"), error))
    return FALSE;

  if (b->options->where != NULL)
    {
      src->where = bind_expr (src, b->options->where, error);
      if (src->where == NULL)
        return seg_dataset_prefix_error (error, _("Filter"), b->options->where);
    }
  return TRUE;
}

void
seg_dataset_eval_derived (Source    *src,
                          SegRowCtx *ctx)
{
  for (guint k = 0; k < src->derive_exprs->len; k++)
    seg_expr_eval (g_ptr_array_index (src->derive_exprs, k), seg_row_ctx_fetch, ctx,
                   &ctx->derived[k]);
}

/* Pass 1 over the transaction log: why each row is dropped, and its day. */
gboolean
seg_dataset_classify_transactions (Build   *b,
                                   double  *latest,
                                   GError **error)
{
  Source *src = &b->txns;
  guint64 n = seg_table_get_n_rows (src->table);
  g_autofree SegValue *derived = g_new0 (SegValue, MAX (src->derive_exprs->len, 1));
  SegRowCtx ctx = { src->table, 0, derived, seg_table_get_n_columns (src->table) };
  g_autoptr(GString) scratch = g_string_sized_new (32);

  src->status = g_new0 (guint8, MAX (n, 1));
  src->day = g_new (double, MAX (n, 1));

  for (guint64 r = 0; r < n; r++)
    {
      g_autofree char *key = NULL;
      const char *id;
      SegValue v;

      if (r % CHECK_EVERY == 0)
        {
          if (!check_cancel (b, error))
            return FALSE;
          report (b, 0.80 + 0.08 * (double) r / (double) n, _("Filtering transactions"));
        }
      ctx.row = r;
      seg_dataset_eval_derived (src, &ctx);
      if (src->where != NULL)
        {
          seg_expr_eval (src->where, seg_row_ctx_fetch, &ctx, &v);
          if (v.kind != SEG_VALUE_BOOLEAN || v.num == 0)
            {
              src->status[r] = ROW_FILTERED;
              src->info->filtered++;
              continue;
            }
        }
      id = field_key_lend (&src->cid, &ctx, scratch, &key);
      if (id == NULL || *id == '\0')
        {
          src->status[r] = ROW_NO_ID;
          src->info->no_customer_id++;
          continue;
        }
      src->day[r] = floor (field_number (&src->date, &ctx));
      if (isnan (src->day[r]))
        {
          src->status[r] = ROW_NO_DATE;
          src->info->no_date++;
          continue;
        }
    }
  /* 9999-12-31 and its kind: left out as rows without a date are */
  {
    guint64 first = 0;
    guint64 count = seg_dataset_find_placeholders (src->day, n, src->status, ROW_KEPT, src->status,
                                                   ROW_PLACEHOLDER, &first);
    if (count > 0)
      {
        src->info->placeholder_dates = count;
        seg_dataset_report_placeholders (b->dataset, src->table,
                                         src->date.column != NULL ? src->date.column->name : _("date"),
                                         count, first, src->day[first], SEG_PLACEHOLDER_ROW_LEFT_OUT);
      }
  }
  for (guint64 r = 0; r < n; r++)
    if (src->status[r] == ROW_KEPT && (isnan (*latest) || src->day[r] > *latest))
      *latest = src->day[r];
  return TRUE;
}

guint
seg_dataset_customer_take (Build   *b,
                           char    *key,
                           guint64  table_row)
{
  guint index = b->keys->len;

  g_ptr_array_add (b->keys, key);
  if (b->index != NULL)
    g_hash_table_insert (b->index, key, GUINT_TO_POINTER (index + 1));
  g_array_append_val (b->cust_rows, table_row);
  return index;
}

guint
seg_dataset_customer_add (Build      *b,
                          const char *key,
                          guint64     table_row)
{
  return seg_dataset_customer_take (b, g_strdup (key), table_row);
}

/* The index is made at the first look-up: a streamed log's customers (all
 * different, merged from the fold's workers) are added without one, and
 * most runs never look one up afterwards. */
int
seg_dataset_customer_find (Build      *b,
                           const char *key)
{
  gpointer v;

  if (b->index == NULL)
    {
      b->index = g_hash_table_new (seg_hash_str_key, g_str_equal);
      for (guint i = 0; i < b->keys->len; i++)
        g_hash_table_insert (b->index, g_ptr_array_index (b->keys, i), GUINT_TO_POINTER (i + 1));
    }
  v = g_hash_table_lookup (b->index, key);
  return v ? (int) GPOINTER_TO_UINT (v) - 1 : -1;
}

/* "line 12" when the reader knew the row's line, else "row 11" (of the data). */
static char *
row_place (const SegTable *t,
           guint64         row)
{
  guint64 line = seg_table_get_row_line (t, row);

  return line > 0 ? g_strdup_printf (_("line %" PRIu64), line) : g_strdup_printf (_("row %" PRIu64), row + 1);
}

static void
index_customers_table (Build *b)
{
  Source *src = &b->customers;
  guint64 n = seg_table_get_n_rows (src->table);
  guint64 duplicates = 0, distinct_repeated = 0, most = 0;
  int most_index = -1;
  g_autoptr(GArray) extra = g_array_new (FALSE, TRUE, sizeof (guint64)); /* extra rows per customer */
  g_autoptr(GArray) second = g_array_new (FALSE, TRUE, sizeof (guint64)); /* row of the first repeat */
  SegRowCtx ctx = { src->table, 0, NULL, seg_table_get_n_columns (src->table) };
  g_autoptr(GString) scratch = g_string_sized_new (32);

  fill_field (&src->cid, src->table, SEG_FIELD_CUSTOMER_ID);
  b->keys_from_table = TRUE;
  /* ids of a text column are the table's cells, which outlive the build:
   * kept as they are, not copied; other ids are kept in one store, not
   * allocated one by one (seg_dataset_assemble () copies them) */
  if (b->keys->len == 0)
    {
      b->keys_lent = src->cid.column != NULL && src->cid.column->type == SEG_COLUMN_TEXT;
      if (!b->keys_lent)
        b->key_store = g_string_chunk_new (64 * 1024);
      g_ptr_array_set_free_func (b->keys, NULL);
    }
  for (guint64 r = 0; r < n; r++)
    {
      g_autofree char *owned = NULL;
      const char *key;
      int index;

      ctx.row = r;
      /* a text cell is looked up in place, and kept without a copy */
      if (src->cid.column != NULL || src->cid.expr != NULL)
        key = field_key_lend (&src->cid, &ctx, scratch, &owned);
      else
        key = owned = g_strdup_printf ("%" G_GUINT64_FORMAT, r + 1);
      if (key == NULL)
        {
          src->info->no_customer_id++;
          continue;
        }
      if ((index = seg_dataset_customer_find (b, key)) >= 0)
        {
          guint64 *e;

          if ((guint) index >= extra->len)
            {
              g_array_set_size (extra, b->keys->len);
              g_array_set_size (second, b->keys->len);
            }
          e = &g_array_index (extra, guint64, index);
          if (*e == 0)
            {
              distinct_repeated++;
              g_array_index (second, guint64, index) = r;
            }
          if (++*e > most)
            {
              most = *e;
              most_index = index;
            }
          duplicates++;
          continue;
        }
      if (b->keys_lent)
        seg_dataset_customer_take (b, (char *) key, r);
      else if (b->key_store != NULL)
        seg_dataset_customer_take (b, g_string_chunk_insert (b->key_store, key), r);
      else
        seg_dataset_customer_add (b, key, r);
    }
  if (src->cid.column == NULL && src->cid.expr == NULL)
    notice (b, _("%s has no customer id column: rows are numbered 1 to %" PRIu64 " as ids"),
            seg_table_get_name (src->table), n);
  /* say how many ids repeat, and which most, where: "9999 customer ids
   * more than once" for one id on 10,000 rows was wrong */
  if (distinct_repeated > 0)
    {
      const SegTable *t = src->table;
      guint64 first_row = g_array_index (b->cust_rows, guint64, most_index);
      guint64 second_row = g_array_index (second, guint64, most_index);
      g_autofree char *where = seg_error_format_location (seg_table_get_name (t), seg_table_get_row_line (t, second_row), 0);
      g_autofree char *first = row_place (t, first_row);
      g_autofree char *next = row_place (t, second_row);
      const char *id = g_ptr_array_index (b->keys, most_index);

      if (distinct_repeated == 1)
        notice (b, _("%s: customer id “%s” appears %" PRIu64 " times (first on %s and %s): its first row is "
                     "used and the other %" PRIu64 " rows are left out"),
                where, id, most + 1, first, next, duplicates);
      else
        notice (b, _("%s: %" PRIu64 " customer ids appear more than once; “%s” most often, %" PRIu64 " times "
                     "(first on %s and %s): the first row of each id is used and %" PRIu64 " extra rows are "
                     "left out"),
                where, distinct_repeated, id, most + 1, first, next, duplicates);
    }
  if (src->info->no_customer_id > 0)
    notice (b, _("%s has %" PRIu64 " rows without a customer id: they are left out"),
            seg_table_get_name (src->table), src->info->no_customer_id);
}

/* ------------------------------------------------------------- the build */

gboolean
seg_dataset_assign_sources (Build     *b,
                            GPtrArray *tables,
                            GError   **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      SegTable *t = g_ptr_array_index (tables, i);
      SegFileRole role = seg_table_get_role (t);
      Source *src = role == SEG_FILE_ROLE_TRANSACTIONS ? &b->txns
                  : role == SEG_FILE_ROLE_ACTIVITY ? &b->activity : &b->customers;
      SegInputInfo *info = &g_array_index (b->dataset->inputs, SegInputInfo, i);

      if (src->table != NULL)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_ROLE,
                       _("%s and %s are both %s files: open one of them, or set another role"),
                       seg_table_get_path (src->table), seg_table_get_path (t),
                       seg_file_role_to_string (role == SEG_FILE_ROLE_UNKNOWN ? SEG_FILE_ROLE_CUSTOMERS : role));
          return FALSE;
        }
      src->table = t;
      src->info = info;
    }
  return TRUE;
}

static gboolean
prepare_activity (Build   *b,
                  GError **error)
{
  Source *src = &b->activity;

  fill_field (&src->cid, src->table, SEG_FIELD_CUSTOMER_ID);
  if (!require (src, &src->cid, _("customer id"),
                _("bind one with --map activity.customer_id=COLUMN"), error))
    return FALSE;
  if (seg_table_find_role (src->table, SEG_FIELD_LAST_LOGIN_DATE) == NULL)
    {
      seg_error_set_at (error, SEG_ERROR_ROLE, seg_table_get_path (src->table), 0, 0,
                        _("no activity date column was found; bind one with --map activity.last_login_date=COLUMN"));
      return FALSE;
    }
  return TRUE;
}

static double
latest_activity (Build *b)
{
  const SegColumn *date = seg_table_find_role (b->activity.table, SEG_FIELD_LAST_LOGIN_DATE);
  double latest = NAN;

  for (guint64 r = 0; r < seg_table_get_n_rows (b->activity.table); r++)
    if (!isnan (date->num[r]) && (isnan (latest) || floor (date->num[r]) > latest)
        && !(b->act_placeholder != NULL && b->act_placeholder[r]))
      latest = floor (date->num[r]);
  return latest;
}

static double
latest_customer_date (Build *b)
{
  const SegTable *t = b->customers.table;
  double latest = NAN;

  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      const guint8 *placeholder = g_ptr_array_index (b->cust_placeholder, c);

      if (col->type != SEG_COLUMN_DATE)
        continue;
      for (guint64 r = 0; r < seg_table_get_n_rows (t); r++)
        if (!isnan (col->num[r]) && (isnan (latest) || floor (col->num[r]) > latest)
            && !(placeholder != NULL && placeholder[r]))
          latest = floor (col->num[r]);
    }
  return latest;
}

static void
choose_as_of (Build *b,
              double txn_latest)
{
  double as_of = txn_latest;

  if (!isnan (b->options->as_of))
    {
      b->dataset->as_of = floor (b->options->as_of);
      return;
    }
  if (b->activity.table != NULL)
    {
      double a = latest_activity (b);
      if (!isnan (a) && (isnan (as_of) || a > as_of))
        as_of = a;
    }
  if (isnan (as_of) && b->customers.table != NULL)
    {
      as_of = latest_customer_date (b);
      if (!isnan (as_of))
        notice (b, _("There are no transaction or activity dates: the as-of date is the latest date in %s"),
                seg_table_get_name (b->customers.table));
    }
  b->dataset->as_of = as_of;
}

static void
report_counts (Build *b)
{
  for (guint i = 0; i < b->dataset->inputs->len; i++)
    {
      SegInputInfo *info = &g_array_index (b->dataset->inputs, SegInputInfo, i);
      const char *name = seg_table_get_name (info->table);

      if (info->no_customer_id > 0 && info->role != SEG_FILE_ROLE_CUSTOMERS)
        notice (b, _("%s: %" PRIu64 " rows have no customer id and are left out"),
                name, info->no_customer_id);
      if (info->no_date > 0)
        notice (b, _("%s: %" PRIu64 " rows have no usable date and are left out"),
                name, info->no_date);
      if (info->after_as_of > 0)
        notice (b, _("%s: %" PRIu64 " rows are dated after the as-of date and are left out"),
                name, info->after_as_of);
      if (info->duplicate_ids > 0)
        notice (b, _("%s: %" PRIu64 " rows repeat an earlier transaction exactly and count once"),
                name, info->duplicate_ids);
      if (info->unknown_customers > 0)
        notice (b, _("%s: %" PRIu64 " rows belong to customers that are not in the customers table"),
                name, info->unknown_customers);
    }
}

/* Placeholder dates (seg-date-spread.c) in the activity log's date and in
 * the customer table's date columns: read as missing from here on, so that
 * none sets the as-of date or an age.  Each column's count is said once. */
static void
find_table_placeholders (Build *b)
{
  if (b->activity.table != NULL)
    {
      const SegTable *t = b->activity.table;
      const SegColumn *date = seg_table_find_role (t, SEG_FIELD_LAST_LOGIN_DATE);
      guint64 n = seg_table_get_n_rows (t), first = 0, count;

      b->act_placeholder = g_new0 (guint8, MAX (n, 1));
      count = seg_dataset_find_placeholders (date->num, n, NULL, 0, b->act_placeholder, 1, &first);
      if (count > 0)
        {
          b->activity.info->placeholder_dates = count;
          seg_dataset_report_placeholders (b->dataset, t, date->name, count, first, date->num[first],
                                           SEG_PLACEHOLDER_ROW_UNDATED);
        }
      else
        g_clear_pointer (&b->act_placeholder, g_free);
    }
  b->cust_placeholder = g_ptr_array_new_with_free_func (g_free);
  if (b->customers.table != NULL)
    {
      const SegTable *t = b->customers.table;
      guint64 n = seg_table_get_n_rows (t);

      for (guint c = 0; c < seg_table_get_n_columns (t); c++)
        {
          const SegColumn *col = seg_table_get_column (t, c);
          guint8 *mask = NULL;
          guint64 first = 0, count = 0;

          if (col->type == SEG_COLUMN_DATE)
            {
              mask = g_new0 (guint8, MAX (n, 1));
              count = seg_dataset_find_placeholders (col->num, n, NULL, 0, mask, 1, &first);
            }
          if (count > 0)
            {
              b->customers.info->placeholder_dates += count;
              seg_dataset_report_placeholders (b->dataset, t, col->name, count, first, col->num[first],
                                               SEG_PLACEHOLDER_CELL_MISSING);
            }
          else
            g_clear_pointer (&mask, g_free);
          g_ptr_array_add (b->cust_placeholder, mask);
        }
    }
}

/* Activity alone: its customer ids, in order of first appearance. */
static void
index_activity_customers (Build *b)
{
  Source *src = &b->activity;
  SegRowCtx ctx = { src->table, 0, NULL, seg_table_get_n_columns (src->table) };
  g_autoptr(GString) scratch = g_string_sized_new (32);

  for (guint64 r = 0; r < seg_table_get_n_rows (src->table); r++)
    {
      g_autofree char *owned = NULL;
      const char *key;

      ctx.row = r;
      key = field_key_lend (&src->cid, &ctx, scratch, &owned);
      if (key != NULL && seg_dataset_customer_find (b, key) < 0)
        seg_dataset_customer_add (b, key, r);
    }
}

gboolean
seg_dataset_run_build (Build   *b,
                       GError **error)
{
  double txn_latest = NAN;
  TxnAgg agg = { NULL, NULL, 0, NULL };
  ActAgg act = { 0 };
  gboolean ok = FALSE;
  gboolean streamed, have_acc;

  if (b->txns.table == NULL && b->customers.table == NULL && b->activity.table == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("No files to load"));
      return FALSE;
    }
  streamed = b->txns.table != NULL && seg_table_get_report (b->txns.table)->preview;
  if (streamed && !seg_dataset_stream_eligible (b))
    {
      if (seg_source_is_uri (seg_table_get_path (b->txns.table)))
        seg_table_add_notice (b->txns.table, _("calculated columns or bindings to expressions are applied by "
                                               "Segmenta, so every row is read from the database"));
      b->read_whole = TRUE;
      return FALSE;
    }
  if (!apply_maps (b, error))
    return FALSE;
  if (b->txns.table != NULL && !prepare_transactions (b, error))
    return FALSE;
  if (b->activity.table != NULL && !prepare_activity (b, error))
    return FALSE;
  find_table_placeholders (b);
  if (streamed && (b->txns.cid.expr != NULL || b->txns.date.expr != NULL
                   || b->txns.amount.expr != NULL || b->txns.txn_id.expr != NULL))
    {
      b->read_whole = TRUE;
      return FALSE;
    }
  if (b->txns.table != NULL && !streamed && !seg_dataset_classify_transactions (b, &txn_latest, error))
    return FALSE;
  if (!streamed)
    choose_as_of (b, txn_latest);

  if (b->customers.table != NULL)
    index_customers_table (b);

  /* one accumulator per customer of the table when there is a log to add
   * up (only the log's columns read them), made at its full size at once:
   * grown by doubling, a million of them were copied over and over */
  have_acc = b->customers.table != NULL && b->txns.table != NULL;
  agg.acc = g_array_sized_new (FALSE, FALSE, sizeof (Acc), have_acc ? b->keys->len : 0);
  agg.wide = seg_month_wide_new ();
  agg.extras = b->txns.table ? seg_dataset_collect_extras (&b->txns) : g_ptr_array_new ();
  if (b->customers.table != NULL)
    {
      Acc zero = ACC_ZERO;
      agg.capacity = MAX (b->keys->len, 1);
      seg_dataset_extras_grow (agg.extras, agg.capacity);
      for (guint i = 0; have_acc && i < b->keys->len; i++)
        g_array_append_val (agg.acc, zero);
      for (guint k = 0; k < agg.extras->len; k++)
        {
          Extra *e = g_ptr_array_index (agg.extras, k);
          memset (e->sum, 0, sizeof (double) * agg.capacity);
          memset (e->n, 0, sizeof (guint64) * agg.capacity);
        }
    }
  if (streamed)
    {
      if (!seg_dataset_stream_transactions (b, &agg, &txn_latest, error))
        goto out;
      choose_as_of (b, txn_latest);
    }
  else if (b->txns.table != NULL && !seg_dataset_aggregate_transactions (b, &agg, error))
    goto out;
  if (b->txns.table != NULL)
    {
      /* no customers: no array to point into (an offset from NULL is undefined) */
      const guint8 *first = agg.acc->len > 0
                            ? (const guint8 *) agg.acc->data + G_STRUCT_OFFSET (Acc, months) : NULL;
      SegMonthSetsView months = { first, sizeof (Acc), agg.acc->len, agg.wide };
      b->dataset->cohorts = seg_cohorts_compute (&months, 1);
    }
  if (b->activity.table != NULL)
    {
      if (b->txns.table == NULL && b->customers.table == NULL)
        index_activity_customers (b);
      act.date = seg_table_find_role (b->activity.table, SEG_FIELD_LAST_LOGIN_DATE);
      seg_dataset_aggregate_activity (b, &act);
    }
  report (b, 0.97, _("Building the customer table"));
  b->dataset->customers = seg_dataset_assemble (b, &agg, &act, error);
  ok = b->dataset->customers != NULL;
  report_counts (b);

out:
  g_array_unref (agg.acc);
  g_ptr_array_unref (agg.extras);
  g_hash_table_unref (agg.wide);
  seg_dataset_act_agg_clear (&act);
  return ok;
}
