/* seg-dataset.c — join the input tables into one row per customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts and dates follow DESIGN.md "Precise meanings":
 *  - transaction rows are dropped, in this order, for failing --where
 *    (filtered), having no customer id (no_customer_id), having no usable
 *    date (no_date) or being dated after the as-of date (after_as_of);
 *  - with a txn_id column, txn_count counts distinct ids per customer, and a
 *    row identical in every cell to an earlier row is a duplicate that counts
 *    once (invoice lines that share an id but differ are summed into it);
 *  - timestamps are floored to the calendar day before any day count.
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

#include "seg-cohort.h"
#include "seg-dataset-private.h"
#include "seg-progress.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-hash.h"
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-txn-stream.h"

#define CHECK_EVERY 65536

G_DEFINE_BOXED_TYPE (SegDataset, seg_dataset, seg_dataset_ref, seg_dataset_unref)

/* ---------------------------------------------------------------- helpers */

char *
seg_key_of_cell (const SegColumn *column,
                 guint64          row)
{
  double v;

  if (column->type == SEG_COLUMN_TEXT)
    return column->text[row] ? g_strdup (column->text[row]) : NULL;
  v = column->num[row];
  if (isnan (v))
    return NULL;
  if (column->type == SEG_COLUMN_DATE)
    return seg_date_format_iso (v);
  {
    GString *key = g_string_sized_new (24);
    seg_number_key_append (key, v);
    return g_string_free (key, FALSE);
  }
}

static SegValueKind
kind_of_type (SegColumnType type)
{
  switch (type)
    {
    case SEG_COLUMN_NUMBER: return SEG_VALUE_NUMBER;
    case SEG_COLUMN_DATE: return SEG_VALUE_DATE;
    case SEG_COLUMN_BOOLEAN: return SEG_VALUE_BOOLEAN;
    case SEG_COLUMN_TEXT:
    default: return SEG_VALUE_TEXT;
    }
}

static SegColumnType
type_of_kind (SegValueKind kind)
{
  switch (kind)
    {
    case SEG_VALUE_DATE: return SEG_COLUMN_DATE;
    case SEG_VALUE_BOOLEAN: return SEG_COLUMN_BOOLEAN;
    case SEG_VALUE_TEXT: return SEG_COLUMN_TEXT;
    case SEG_VALUE_NUMBER:
    case SEG_VALUE_MISSING:
    default: return SEG_COLUMN_NUMBER;
    }
}

void
seg_row_ctx_fetch (guint     index,
                   gpointer  row,
                   SegValue *out)
{
  SegRowCtx *ctx = row;
  const SegColumn *column;

  if (index >= ctx->n_columns)
    {
      *out = ctx->derived[index - ctx->n_columns];
      return;
    }
  column = seg_table_get_column (ctx->table, index);
  if (seg_column_is_missing (column, ctx->row))
    {
      out->kind = SEG_VALUE_MISSING;
      return;
    }
  out->kind = kind_of_type (column->type);
  if (column->type == SEG_COLUMN_TEXT)
    out->text = column->text[ctx->row];
  else
    out->num = column->num[ctx->row];
}

/* Resolves table columns first, then the derived columns defined so far. */
typedef struct
{
  const SegTable *table;
  GPtrArray      *names;    /* derived names */
  GArray         *kinds;    /* SegValueKind of each derived */
} ResolveCtx;

gboolean
seg_row_ctx_resolve (const char    *name,
                     guint         *index,
                     SegColumnType *type,
                     gpointer       user_data)
{
  ResolveCtx *ctx = user_data;
  int i = seg_table_find_column_index (ctx->table, name);

  if (i >= 0)
    {
      *index = (guint) i;
      *type = seg_table_get_column (ctx->table, (guint) i)->type;
      return TRUE;
    }
  for (guint k = 0; ctx->names && k < ctx->names->len; k++)
    if (g_strcmp0 (g_ptr_array_index (ctx->names, k), name) == 0)
      {
        *index = seg_table_get_n_columns (ctx->table) + k;
        *type = type_of_kind (g_array_index (ctx->kinds, SegValueKind, k));
        return TRUE;
      }
  return FALSE;
}

static double
field_number (const SegField *field,
              SegRowCtx      *ctx)
{
  SegValue v;

  if (field->column != NULL)
    return field->column->type == SEG_COLUMN_TEXT ? NAN : field->column->num[ctx->row];
  if (field->expr == NULL)
    return NAN;
  seg_expr_eval (field->expr, seg_row_ctx_fetch, ctx, &v);
  if (v.kind == SEG_VALUE_NUMBER || v.kind == SEG_VALUE_DATE || v.kind == SEG_VALUE_BOOLEAN)
    return v.num;
  return NAN;
}

static char *
field_key (const SegField *field,
           SegRowCtx      *ctx)
{
  SegValue v;

  if (field->column != NULL)
    return seg_key_of_cell (field->column, ctx->row);
  if (field->expr == NULL)
    return NULL;
  seg_expr_eval (field->expr, seg_row_ctx_fetch, ctx, &v);
  switch (v.kind)
    {
    case SEG_VALUE_TEXT: return g_strdup (v.text);
    case SEG_VALUE_NUMBER:
      return v.num == floor (v.num) ? g_strdup_printf ("%.0f", v.num) : g_strdup_printf ("%.15g", v.num);
    case SEG_VALUE_DATE: return seg_date_format_iso (v.num);
    case SEG_VALUE_BOOLEAN: return g_strdup (v.num != 0 ? "true" : "false");
    case SEG_VALUE_MISSING:
    default: return NULL;
    }
}

/* Like field_key, but a text cell is lent, not copied: *owned holds the
 * string to free when one had to be made (the hot loops call this per row). */
static const char *
field_key_lend (const SegField *field,
                SegRowCtx      *ctx,
                char          **owned)
{
  if (field->column != NULL && field->column->type == SEG_COLUMN_TEXT)
    {
      *owned = NULL;
      return field->column->text[ctx->row];
    }
  *owned = field_key (field, ctx);
  return *owned;
}

/* "<cust>\x1f<txn>" without printf: the key of a transaction id per customer. */
static char *
txn_key (guint       cust,
         const char *txn)
{
  char digits[16];
  int n = 0;
  gsize len = strlen (txn);
  char *key;

  do
    digits[n++] = (char) ('0' + cust % 10);
  while ((cust /= 10) > 0);
  key = g_malloc ((gsize) n + 2 + len);
  for (int i = 0; i < n; i++)
    key[i] = digits[n - 1 - i];
  key[n] = '\x1f';
  memcpy (key + n + 1, txn, len + 1);
  return key;
}

static void
field_clear (SegField *field)
{
  g_clear_pointer (&field->expr, seg_expr_unref);
  field->column = NULL;
}

static void
input_info_clear (SegInputInfo *info)
{
  g_clear_pointer (&info->table, seg_table_unref);
  g_clear_pointer (&info->role_reason, g_free);
  g_clear_pointer (&info->proposal, g_free);
}

/* ------------------------------------------------------- the build state */

typedef struct
{
  SegTable      *table;
  SegInputInfo  *info;
  SegField       cid;
  SegField       date;
  SegField       amount;
  SegField       txn_id;
  SegExpr       *where;
  GPtrArray     *derive_names;   /* char* */
  GPtrArray     *derive_exprs;   /* SegExpr* */
  GArray        *derive_kinds;   /* SegValueKind */
  guint8        *status;         /* per row: 0 kept, else the reason it was dropped */
  double        *day;            /* per row: floored date */
} Source;

enum { ROW_KEPT, ROW_FILTERED, ROW_NO_ID, ROW_NO_DATE, ROW_AFTER };

typedef struct
{
  const SegDatasetOptions *options;
  GCancellable            *cancellable;
  SegProgressFunc          progress;
  gpointer                 progress_data;
  SegDataset              *dataset;
  Source                   customers;
  Source                   txns;
  Source                   activity;
  GHashTable              *index;     /* key → customer index + 1 */
  GPtrArray               *keys;      /* char*, owned */
  GArray                  *cust_rows; /* customers-table row of each customer */
  gboolean                 keys_from_table;
  gboolean                 read_whole;  /* the log's preview will not do: read it all, build again */
} Build;

static void
source_clear (Source *src)
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

static gboolean
check_cancel (Build   *b,
              GError **error)
{
  return !g_cancellable_set_error_if_cancelled (b->cancellable, error);
}

static void
report (Build      *b,
        double      fraction,
        const char *message)
{
  if (b->progress)
    b->progress (fraction, message, b->progress_data);
}

static void
notice (Build      *b,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
notice (Build      *b,
        const char *format,
        ...)
{
  va_list args;
  va_start (args, format);
  g_ptr_array_add (b->dataset->notices, g_strdup_vprintf (format, args));
  va_end (args);
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

static gboolean
prefix_error (GError    **error,
              const char *what,
              const char *text)
{
  if (error && *error)
    g_prefix_error (error, _("%s “%s”: "), what, text);
  return FALSE;
}

/* The column a --map binding names ("Amount" or "`Unit Price`"), or NULL
 * when it is an expression. */
static SegColumn *
map_column (const SegMapping *map,
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
      SegColumn *column, *old;

      if (src->table == NULL)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                       _("--map %s.%s: no %s file was given"), seg_file_role_to_string (map->role),
                       seg_field_role_to_string (map->field), seg_file_role_to_string (map->role));
          return FALSE;
        }
      column = map_column (map, src->table);
      old = seg_table_find_role (src->table, map->field);
      if (old != NULL && old != column)
        old->role = SEG_FIELD_NONE;
      if (column != NULL)
        {
          column->role = map->field;
          continue;
        }
      {
        SegExpr *expr = bind_expr (src, map->expr, error);
        SegField *field = map->field == SEG_FIELD_AMOUNT ? &src->amount
                        : map->field == SEG_FIELD_DATE ? &src->date
                        : map->field == SEG_FIELD_CUSTOMER_ID ? &src->cid
                        : map->field == SEG_FIELD_TXN_ID ? &src->txn_id : NULL;
        if (expr == NULL)
          return prefix_error (error, _("Binding"), map->expr);
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
  seg_set_error_at (error, SEG_ERROR_ROLE, seg_table_get_path (src->table), 0, 0,
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
        return prefix_error (error, _("Calculated column"), text);
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
      SegColumn *qty = seg_table_find_role (t, SEG_FIELD_QUANTITY);
      SegColumn *price = seg_table_find_role (t, SEG_FIELD_UNIT_PRICE);
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
        return prefix_error (error, _("Filter"), b->options->where);
    }
  return TRUE;
}

static void
eval_derived (Source    *src,
              SegRowCtx *ctx)
{
  for (guint k = 0; k < src->derive_exprs->len; k++)
    seg_expr_eval (g_ptr_array_index (src->derive_exprs, k), seg_row_ctx_fetch, ctx,
                   &ctx->derived[k]);
}

/* Pass 1 over the transaction log: why each row is dropped, and its day. */
static gboolean
classify_transactions (Build   *b,
                       double  *latest,
                       GError **error)
{
  Source *src = &b->txns;
  guint64 n = seg_table_get_n_rows (src->table);
  g_autofree SegValue *derived = g_new0 (SegValue, MAX (src->derive_exprs->len, 1));
  SegRowCtx ctx = { src->table, 0, derived, seg_table_get_n_columns (src->table) };

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
      eval_derived (src, &ctx);
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
      id = field_key_lend (&src->cid, &ctx, &key);
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
      if (isnan (*latest) || src->day[r] > *latest)
        *latest = src->day[r];
    }
  return TRUE;
}

static guint
customer_add (Build      *b,
              const char *key,
              guint64     table_row)
{
  guint index = b->keys->len;

  g_ptr_array_add (b->keys, g_strdup (key));
  g_hash_table_insert (b->index, g_ptr_array_index (b->keys, index), GUINT_TO_POINTER (index + 1));
  g_array_append_val (b->cust_rows, table_row);
  return index;
}

static int
customer_find (Build      *b,
               const char *key)
{
  gpointer v = g_hash_table_lookup (b->index, key);
  return v ? (int) GPOINTER_TO_UINT (v) - 1 : -1;
}

static void
index_customers_table (Build *b)
{
  Source *src = &b->customers;
  guint64 n = seg_table_get_n_rows (src->table);
  guint64 duplicates = 0, distinct_repeated = 0, most = 0;
  int most_index = -1;
  g_autoptr(GArray) extra = g_array_new (FALSE, TRUE, sizeof (guint64)); /* extra rows per customer */
  SegRowCtx ctx = { src->table, 0, NULL, seg_table_get_n_columns (src->table) };

  fill_field (&src->cid, src->table, SEG_FIELD_CUSTOMER_ID);
  b->keys_from_table = TRUE;
  for (guint64 r = 0; r < n; r++)
    {
      g_autofree char *key = NULL;
      int index;

      ctx.row = r;
      if (src->cid.column != NULL || src->cid.expr != NULL)
        key = field_key (&src->cid, &ctx);
      else
        key = g_strdup_printf ("%" G_GUINT64_FORMAT, r + 1);
      if (key == NULL)
        {
          src->info->no_customer_id++;
          continue;
        }
      if ((index = customer_find (b, key)) >= 0)
        {
          guint64 *e;

          if ((guint) index >= extra->len)
            g_array_set_size (extra, b->keys->len);
          e = &g_array_index (extra, guint64, index);
          distinct_repeated += *e == 0;
          if (++*e > most)
            {
              most = *e;
              most_index = index;
            }
          duplicates++;
          continue;
        }
      customer_add (b, key, r);
    }
  if (src->cid.column == NULL && src->cid.expr == NULL)
    notice (b, _("%s has no customer id column: rows are numbered 1 to %" PRIu64 " as ids"),
            seg_table_get_name (src->table), n);
  /* say how many ids repeat and how many rows that is: "9999 customer ids
   * more than once" for one id on 10,000 rows was wrong */
  if (distinct_repeated == 1)
    notice (b, _("%s: 1 customer id (“%s”) appears %" PRIu64 " times: its first row is used "
                 "and the other %" PRIu64 " rows are left out"),
            seg_table_get_name (src->table), (const char *) g_ptr_array_index (b->keys, most_index),
            most + 1, duplicates);
  else if (distinct_repeated > 1)
    notice (b, _("%s: %" PRIu64 " customer ids appear more than once (“%s” most often, %" PRIu64
                 " times): the first row of each is used and %" PRIu64 " extra rows are left out"),
            seg_table_get_name (src->table), distinct_repeated,
            (const char *) g_ptr_array_index (b->keys, most_index), most + 1, duplicates);
  if (src->info->no_customer_id > 0)
    notice (b, _("%s has %" PRIu64 " rows without a customer id: they are left out"),
            seg_table_get_name (src->table), src->info->no_customer_id);
}

/* ------------------------------------------------------------ aggregation */

/* Every cell of row @r, mixed (seg-hash.h): numbers by their bits, which
 * FNV-style multiplication alone left out of the low 32 bits for
 * integer-valued doubles. */
static guint64
row_hash (const SegTable *t,
          guint64         r)
{
  guint64 h = 1469598103934665603ull;

  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      guint64 v;

      if (col->type == SEG_COLUMN_TEXT)
        v = col->text[r] ? g_str_hash (col->text[r]) : 0x9e3779b97f4a7c15ull;
      else
        v = seg_hash_double_bits (col->num[r]);
      h = seg_hash_combine (h, v);
    }
  return h;
}

static gboolean
rows_equal (const SegTable *t,
            guint64         a,
            guint64         b)
{
  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);

      if (col->type == SEG_COLUMN_TEXT)
        {
          if (g_strcmp0 (col->text[a], col->text[b]) != 0)
            return FALSE;
        }
      else if (memcmp (&col->num[a], &col->num[b], sizeof (double)) != 0)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  guint64 count;
  guint64 n_amount;
  double  total;
  double  first;
  double  last;
  SegMonthSet months;   /* the calendar months bought in (cohorts) */
} Acc;

#define ACC_ZERO { 0, 0, 0.0, NAN, NAN, { 0, SEG_MONTH_NONE } }

typedef struct
{
  char      *name;       /* avg_<column> */
  SegColumn *column;     /* a numeric column of the log, or NULL */
  guint      derived;    /* else: index of a numeric derived column */
  double    *sum;        /* per customer */
  guint64   *n;
} Extra;

static void
extra_free (Extra *extra)
{
  g_free (extra->name);
  g_free (extra->sum);
  g_free (extra->n);
  g_free (extra);
}

static GPtrArray *
collect_extras (Source *src)
{
  GPtrArray *extras = g_ptr_array_new_with_free_func ((GDestroyNotify) extra_free);

  for (guint c = 0; c < seg_table_get_n_columns (src->table); c++)
    {
      SegColumn *col = seg_table_get_column (src->table, c);
      Extra *e;

      if (col->type != SEG_COLUMN_NUMBER || col == src->cid.column || col == src->txn_id.column ||
          col == src->amount.column || col->role == SEG_FIELD_CUSTOMER_ID || col->role == SEG_FIELD_TXN_ID)
        continue;
      e = g_new0 (Extra, 1);
      e->name = g_strdup_printf ("avg_%s", col->name);
      e->column = col;
      g_ptr_array_add (extras, e);
    }
  for (guint k = 0; src->derive_names && k < src->derive_names->len; k++)
    {
      Extra *e;

      if (g_array_index (src->derive_kinds, SegValueKind, k) != SEG_VALUE_NUMBER)
        continue;
      e = g_new0 (Extra, 1);
      e->name = g_strdup_printf ("avg_%s", (char *) g_ptr_array_index (src->derive_names, k));
      e->derived = k;
      g_ptr_array_add (extras, e);
    }
  return extras;
}

static void
extras_grow (GPtrArray *extras,
             guint      n_customers)
{
  for (guint i = 0; i < extras->len; i++)
    {
      Extra *e = g_ptr_array_index (extras, i);
      e->sum = g_renew (double, e->sum, MAX (n_customers, 1));
      e->n = g_renew (guint64, e->n, MAX (n_customers, 1));
    }
}

typedef struct
{
  GArray       *acc;        /* Acc per customer */
  GPtrArray    *extras;     /* Extra* */
  guint         capacity;
  SegMonthWide *wide;       /* months of customers buying over more than 64 months */
} TxnAgg;

/* A customer first seen in the log, with empty accumulators. */
static guint
txn_customer_new (Build      *b,
                  TxnAgg     *agg,
                  const char *key)
{
  Acc zero = ACC_ZERO;
  guint found = customer_add (b, key, 0);

  g_array_append_val (agg->acc, zero);
  if (found >= agg->capacity)
    {
      agg->capacity = MAX (64, agg->capacity * 2);
      extras_grow (agg->extras, agg->capacity);
    }
  for (guint i = 0; i < agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (agg->extras, i);
      e->sum[found] = 0;
      e->n[found] = 0;
    }
  return found;
}

static guint
txn_customer (Build      *b,
              TxnAgg     *agg,
              const char *key)
{
  int found = customer_find (b, key);

  if (found >= 0)
    return (guint) found;
  if (b->keys_from_table)
    return G_MAXUINT;
  return txn_customer_new (b, agg, key);
}

static void
accumulate (Source    *src,
            TxnAgg    *agg,
            guint      cust,
            SegRowCtx *ctx,
            double     amount,
            gboolean   new_txn)
{
  Acc *a = &g_array_index (agg->acc, Acc, cust);
  double day = src->day[ctx->row];
  gint32 month;

  if (new_txn)
    a->count++;
  if (!isnan (amount))
    {
      a->total += amount;
      a->n_amount++;
    }
  if (isnan (a->first) || day < a->first)
    a->first = day;
  if (isnan (a->last) || day > a->last)
    a->last = day;
  month = seg_month_of_day (day);
  if (month != SEG_MONTH_NONE)
    seg_month_set_add (&a->months, month, agg->wide, cust);
  for (guint i = 0; i < agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (agg->extras, i);
      double v;

      if (e->column != NULL)
        v = e->column->num[ctx->row];
      else
        v = ctx->derived[e->derived].kind == SEG_VALUE_NUMBER ? ctx->derived[e->derived].num : NAN;
      if (!isnan (v))
        {
          e->sum[cust] += v;
          e->n[cust]++;
        }
    }
}

/* Pass 2: per-customer sums, counts and dates of the kept rows. */
static gboolean
aggregate_transactions (Build   *b,
                        TxnAgg  *agg,
                        GError **error)
{
  Source *src = &b->txns;
  guint64 n = seg_table_get_n_rows (src->table);
  g_autofree SegValue *derived = g_new0 (SegValue, MAX (src->derive_exprs->len, 1));
  SegRowCtx ctx = { src->table, 0, derived, seg_table_get_n_columns (src->table) };
  g_autoptr(GHashTable) seen_rows = NULL;
  g_autoptr(GHashTable) seen_txn = NULL;
  g_autoptr(GArray) kept_customer = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) kept_day = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kept_amount = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean has_txn_id = src->txn_id.column != NULL || src->txn_id.expr != NULL;

  if (has_txn_id)
    {
      seen_rows = g_hash_table_new_full (seg_hash_int64_key, g_int64_equal, g_free, NULL);
      seen_txn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  for (guint64 r = 0; r < n; r++)
    {
      g_autofree char *key = NULL;
      const char *id;
      gboolean new_txn = TRUE;
      double amount;
      gsize kept_cust;
      guint cust;

      if (r % CHECK_EVERY == 0)
        {
          if (!check_cancel (b, error))
            return FALSE;
          report (b, 0.88 + 0.08 * (double) r / (double) n, _("Computing customer metrics"));
        }
      if (src->status[r] != ROW_KEPT)
        continue;
      if (src->day[r] > b->dataset->as_of)
        {
          src->status[r] = ROW_AFTER;
          src->info->after_as_of++;
          continue;
        }
      ctx.row = r;
      id = field_key_lend (&src->cid, &ctx, &key);
      cust = txn_customer (b, agg, id);
      if (cust == G_MAXUINT)
        {
          src->info->unknown_customers++;
          continue;
        }
      if (has_txn_id)
        {
          gint64 h = (gint64) row_hash (src->table, r);
          gpointer first = g_hash_table_lookup (seen_rows, &h);
          g_autofree char *txn_owned = NULL;
          const char *txn = field_key_lend (&src->txn_id, &ctx, &txn_owned);

          if (first != NULL && rows_equal (src->table, GPOINTER_TO_SIZE (first) - 1, r))
            {
              src->info->duplicate_ids++;
              continue;
            }
          if (first == NULL)
            g_hash_table_insert (seen_rows, g_memdup2 (&h, sizeof h), GSIZE_TO_POINTER (r + 1));
          if (txn != NULL)
            {
              new_txn = g_hash_table_add (seen_txn, txn_key (cust, txn));
            }
        }
      eval_derived (src, &ctx);
      amount = field_number (&src->amount, &ctx);
      accumulate (src, agg, cust, &ctx, amount, new_txn);
      kept_cust = cust;
      g_array_append_val (kept_customer, kept_cust);
      g_array_append_val (kept_day, src->day[r]);
      g_array_append_val (kept_amount, amount);
    }
  b->dataset->kept = g_new0 (SegKeptTransactions, 1);
  b->dataset->kept->n = kept_day->len;
  b->dataset->kept->customer = (gsize *) (gpointer) g_array_free (g_steal_pointer (&kept_customer), FALSE);
  b->dataset->kept->day = (double *) (gpointer) g_array_free (g_steal_pointer (&kept_day), FALSE);
  b->dataset->kept->amount = (double *) (gpointer) g_array_free (g_steal_pointer (&kept_amount), FALSE);
  return TRUE;
}

/* ------------------------------------------- streaming a large log */

/* A transaction log read as a preview can be streamed when every value the
 * metrics need is a plain column the preview typed: no filter, no
 * calculated column, no expression binding, and a date order that does not
 * depend on values further down the file. */
static gboolean
stream_eligible (Build *b)
{
  const SegTable *t = b->txns.table;
  gboolean amount = seg_table_find_role (t, SEG_FIELD_AMOUNT) != NULL;

  /* a database translates a filter to SQL itself, or says why not */
  if ((b->options->where != NULL && !seg_source_is_uri (seg_table_get_path (t))) || b->options->txn_derives->len > 0
      || b->options->read_options.column_types != NULL || !seg_stream_dialect_ok (t))
    return FALSE;
  for (guint i = 0; i < b->options->maps->len; i++)
    {
      const SegMapping *map = g_ptr_array_index (b->options->maps, i);

      if (map->role != SEG_FILE_ROLE_TRANSACTIONS)
        continue;
      if (map_column (map, t) == NULL)
        return FALSE;
      if (map->field == SEG_FIELD_AMOUNT)
        amount = TRUE;
    }
  return amount;   /* without one the full path proposes quantity * price, or explains */
}

/* Open addressing with linear probing for the pass's tables: a power of two
 * of slots, at most three quarters full. */
static gsize
table_size (gsize expected)
{
  gsize size = 1024;

  while (size * 3 < expected * 4)
    size *= 2;
  return size;
}

/* Hash 0 marks an empty slot. */
static inline guint64
nonzero (guint64 h)
{
  return h != 0 ? h : 1;
}

/* Transaction ids seen so far: a 64-bit hash of (customer, id) and 32 bits
 * of the hash of the first row with that id — 12 bytes per id, the only
 * state of the pass that grows with rows.  (Two different rows of one id
 * pass for the same row with a chance of 1 in 4 billion.) */
typedef struct
{
  guint64 *keys;    /* 0 = empty */
  guint32 *tags;
  gsize    mask;
  gsize    used;
} IdSet;

static void
ids_init (IdSet *t,
          gsize  expected)
{
  gsize size = table_size (expected);

  t->keys = g_new0 (guint64, size);
  t->tags = g_new (guint32, size);
  t->mask = size - 1;
  t->used = 0;
}

static void
ids_clear (IdSet *t)
{
  g_free (t->keys);
  g_free (t->tags);
}

static void
ids_grow (IdSet *t)
{
  IdSet old = *t;

  ids_init (t, (old.mask + 1) * 3 / 2 + 1);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.keys[i] != 0)
      {
        gsize j = old.keys[i] & t->mask;
        while (t->keys[j] != 0)
          j = (j + 1) & t->mask;
        t->keys[j] = old.keys[i];
        t->tags[j] = old.tags[i];
      }
  t->used = old.used;
  ids_clear (&old);
}

/* TRUE when @key was there (its tag in *tag); else adds it with @tag. */
static gboolean
ids_find_or_add (IdSet   *t,
                 guint64  key,
                 guint32 *tag)
{
  gsize j = key & t->mask;

  for (; t->keys[j] != 0; j = (j + 1) & t->mask)
    if (t->keys[j] == key)
      {
        *tag = t->tags[j];
        return TRUE;
      }
  t->keys[j] = key;
  t->tags[j] = *tag;
  if (++t->used * 4 > (t->mask + 1) * 3)
    ids_grow (t);
  return FALSE;
}

/* Customer keys → index.  Keys of up to 16 bytes (nearly all ids) are kept
 * in the slot itself, so a lookup touches one cache line, not the key's
 * string somewhere in the heap as well. */
typedef struct
{
  guint64 hash;          /* 0 = empty */
  guint32 index;
  guint32 len;
  char    prefix[16];
} KeySlot;

typedef struct
{
  KeySlot *slots;
  gsize    mask;
  gsize    used;
} KeyTable;

typedef struct
{
  Build     *b;
  TxnAgg    *agg;
  KeyTable   customers;
  IdSet      txns;
  IdSet      repeats;     /* (id, row) pairs seen after the first row of an id */
  gboolean   has_txn_id;
  GArray    *kept_customer;
  GArray    *kept_day;
  GArray    *kept_amount;
  double     latest;
  double     as_of;       /* explicit --as-of, else NAN */
} StreamFold;

static void
keys_init (KeyTable *t,
           gsize     expected)
{
  gsize size = table_size (expected);

  t->slots = g_new0 (KeySlot, size);
  t->mask = size - 1;
  t->used = 0;
}

static void
keys_put (KeyTable      *t,
          const KeySlot *slot)
{
  gsize j = slot->hash & t->mask;

  while (t->slots[j].hash != 0)
    j = (j + 1) & t->mask;
  t->slots[j] = *slot;
  t->used++;
}

static void
stream_index_customer (StreamFold *f,
                       guint       index,
                       const char *key,
                       gsize       len,
                       guint64     hash)
{
  KeyTable *t = &f->customers;
  KeySlot slot = { hash, index, (guint32) len, { 0 } };

  if ((t->used + 1) * 4 > (t->mask + 1) * 3)
    {
      KeyTable old = *t;
      keys_init (t, (old.mask + 1) * 3 / 2 + 1);
      for (gsize i = 0; i <= old.mask; i++)
        if (old.slots[i].hash != 0)
          keys_put (t, &old.slots[i]);
      g_free (old.slots);
    }
  memcpy (slot.prefix, key, MIN (len, sizeof slot.prefix));
  keys_put (t, &slot);
}

static guint
stream_customer (StreamFold         *f,
                 const SegStreamRow *row)
{
  KeyTable *t = &f->customers;
  guint64 h = nonzero (row->cid_hash);
  gsize j = h & t->mask;
  guint index;

  for (; t->slots[j].hash != 0; j = (j + 1) & t->mask)
    {
      const KeySlot *s = &t->slots[j];

      if (s->hash != h || s->len != row->cid_len)
        continue;
      if (s->len <= sizeof s->prefix ? memcmp (s->prefix, row->cid, s->len) == 0
                                     : memcmp (g_ptr_array_index (f->b->keys, s->index), row->cid, s->len) == 0)
        return s->index;
    }
  if (f->b->keys_from_table)
    return G_MAXUINT;
  index = txn_customer_new (f->b, f->agg, row->cid);
  stream_index_customer (f, index, row->cid, row->cid_len, h);
  return index;
}

static inline guint64
mix_pair (guint64 a,
          guint64 b)
{
  return seg_hash_combine (a, b);
}

/* The id of a transaction: its customer and its txn_id (rows without one
 * share a per-customer id, so that only exact repeats are duplicates). */
static inline guint64
txn_slot_key (gboolean has_txn,
              guint64  txn_hash,
              guint64  cid_hash)
{
  return nonzero (mix_pair (has_txn ? txn_hash : G_GUINT64_CONSTANT (0x7f4a7c159e3779b9), cid_hash));
}

static void
stream_prefetch (guint64  cid_hash,
                 gboolean has_txn,
                 guint64  txn_hash,
                 gpointer user_data)
{
  StreamFold *f = user_data;

  __builtin_prefetch (&f->customers.slots[nonzero (cid_hash) & f->customers.mask]);
  if (f->has_txn_id)
    {
      gsize j = txn_slot_key (has_txn, txn_hash, cid_hash) & f->txns.mask;
      __builtin_prefetch (&f->txns.keys[j]);
      __builtin_prefetch (&f->txns.tags[j]);
    }
}

static void
stream_fold (const SegStreamRow *row,
             gpointer            user_data)
{
  StreamFold *f = user_data;
  Source *src = &f->b->txns;
  Acc *a;
  guint cust;
  gboolean new_txn = TRUE;
  gsize kept_cust;
  gint32 month;

  if (row->cid == NULL || row->cid_len == 0)
    {
      src->info->no_customer_id++;
      return;
    }
  if (isnan (row->day))
    {
      src->info->no_date++;
      return;
    }
  if (isnan (f->latest) || row->day > f->latest)
    f->latest = row->day;
  if (!isnan (f->as_of) && row->day > f->as_of)
    {
      src->info->after_as_of++;
      return;
    }
  cust = stream_customer (f, row);
  if (cust == G_MAXUINT)
    {
      src->info->unknown_customers++;
      return;
    }
  if (f->has_txn_id)
    {
      /* a row identical to an earlier one has its id: compare it with the
       * first row of the id, then with the later ones that differed */
      guint64 id = txn_slot_key (row->has_txn, row->txn_hash, row->cid_hash);
      guint32 first = (guint32) row->row_hash;

      if (ids_find_or_add (&f->txns, id, &first))
        {
          guint32 unused = 0;

          if (first == (guint32) row->row_hash
              || ids_find_or_add (&f->repeats, nonzero (mix_pair (id, row->row_hash)), &unused))
            {
              src->info->duplicate_ids++;
              return;
            }
          new_txn = !row->has_txn;
        }
    }
  a = &g_array_index (f->agg->acc, Acc, cust);
  if (new_txn)
    a->count++;
  if (!isnan (row->amount))
    {
      a->total += row->amount;
      a->n_amount++;
    }
  if (isnan (a->first) || row->day < a->first)
    a->first = row->day;
  if (isnan (a->last) || row->day > a->last)
    a->last = row->day;
  month = seg_month_of_day (row->day);
  if (month != SEG_MONTH_NONE)
    seg_month_set_add (&a->months, month, f->agg->wide, cust);
  for (guint i = 0; i < f->agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (f->agg->extras, i);
      double v = row->extras[i];
      if (!isnan (v))
        {
          e->sum[cust] += v;
          e->n[cust]++;
        }
    }
  if (f->kept_day != NULL)
    {
      kept_cust = cust;
      g_array_append_val (f->kept_customer, kept_cust);
      g_array_append_val (f->kept_day, row->day);
      g_array_append_val (f->kept_amount, row->amount);
    }
}

static int
column_index (const SegTable  *t,
              const SegColumn *column)
{
  return column != NULL ? seg_table_find_column_index (t, column->name) : -1;
}

static void
stream_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  Build *b = user_data;
  report (b, 0.05 + 0.9 * fraction, message);
}

/* ----------------------------------- a log in a database: push-down */

typedef struct
{
  Build   *b;
  TxnAgg  *agg;
  double   latest;
  guint64  rows;
  GArray  *kept_customer;
  GArray  *kept_day;
  GArray  *kept_amount;
} PushFold;

/* One customer's figures from the server, added as the row fold would. */
static void
push_customer (const SegSourceCustomer *c,
               gpointer                 user_data)
{
  PushFold *f = user_data;
  Source *src = &f->b->txns;
  int found;
  guint cust;
  Acc *a;

  f->rows += c->rows;
  src->info->filtered += c->filtered;
  if (c->key == NULL || c->key[0] == '\0')
    {
      src->info->no_customer_id += c->rows - c->filtered;
      return;
    }
  src->info->no_date += c->no_date;
  src->info->after_as_of += c->after_as_of;
  if (!isnan (c->latest) && (isnan (f->latest) || c->latest > f->latest))
    f->latest = c->latest;
  if (c->kept == 0)
    return;
  found = customer_find (f->b, c->key);
  if (found < 0 && f->b->keys_from_table)
    {
      src->info->unknown_customers += c->kept;
      return;
    }
  cust = found >= 0 ? (guint) found : txn_customer_new (f->b, f->agg, c->key);
  src->info->duplicate_ids += c->duplicates;
  a = &g_array_index (f->agg->acc, Acc, cust);
  a->count += c->count;
  a->total += c->total;
  a->n_amount += c->n_amount;
  if (!isnan (c->first) && (isnan (a->first) || c->first < a->first))
    a->first = c->first;
  if (!isnan (c->last) && (isnan (a->last) || c->last > a->last))
    a->last = c->last;
  for (guint i = 0; i < f->agg->extras->len; i++)
    {
      Extra *e = g_ptr_array_index (f->agg->extras, i);
      e->sum[cust] += c->extra_sum[i];
      e->n[cust] += c->extra_n[i];
    }
}

static void
push_day (const SegSourceDay *d,
          gpointer            user_data)
{
  PushFold *f = user_data;
  int cust = customer_find (f->b, d->key);
  gsize kept_cust;

  if (cust < 0)
    return;
  kept_cust = (gsize) cust;
  g_array_append_val (f->kept_customer, kept_cust);
  g_array_append_val (f->kept_day, d->day);
  g_array_append_val (f->kept_amount, d->amount);
}

/* The metrics of a log that lives in a database, computed by the server
 * (one GROUP BY); FALSE with b->read_whole when it cannot be done there. */
static gboolean
pushdown_transactions (Build   *b,
                       TxnAgg  *agg,
                       double  *latest,
                       GError **error)
{
  Source *src = &b->txns;
  SegTable *t = src->table;
  SegReadReport *rep = seg_table_get_report_mut (t);
  g_autoptr(SegSource) source = NULL;
  g_autofree int *extras = g_new0 (int, MAX (agg->extras->len, 1));
  g_autofree char *why = NULL;
  SegSourceAggSpec spec = { 0 };
  PushFold f = { b, agg, NAN, 0, NULL, NULL, NULL };

  for (guint k = 0; k < agg->extras->len; k++)
    {
      Extra *e = g_ptr_array_index (agg->extras, k);
      extras[k] = e->column != NULL ? column_index (t, e->column) : -1;
    }
  spec.preview = t;
  spec.cid = column_index (t, src->cid.column);
  spec.date = column_index (t, src->date.column);
  spec.amount = column_index (t, src->amount.column);
  spec.txn_id = column_index (t, src->txn_id.column);
  spec.extras = extras;
  spec.n_extras = agg->extras->len;
  spec.as_of = isnan (b->options->as_of) ? NAN : floor (b->options->as_of);
  spec.days = !b->options->drop_transactions;
  spec.where = src->where;

  report (b, 0.1, _("Computing customer metrics in the database"));
  source = seg_source_open (rep->path, b->cancellable, error);
  if (source == NULL)
    return FALSE;
  if (!seg_source_can_aggregate (source, &spec, &why))
    {
      g_autofree char *note = g_strdup_printf (_("every row is read from the database: %s"), why);
      seg_table_add_notice (t, note);
      b->read_whole = TRUE;
      return FALSE;
    }
  if (spec.days)
    {
      f.kept_customer = g_array_new (FALSE, FALSE, sizeof (gsize));
      f.kept_day = g_array_new (FALSE, FALSE, sizeof (double));
      f.kept_amount = g_array_new (FALSE, FALSE, sizeof (double));
    }
  if (!seg_source_aggregate (source, &spec, push_customer, push_day, &f, b->cancellable, error))
    {
      if (f.kept_day != NULL)
        {
          g_array_unref (f.kept_customer);
          g_array_unref (f.kept_day);
          g_array_unref (f.kept_amount);
        }
      return FALSE;
    }
  rep->rows = f.rows;
  rep->streamed = TRUE;
  src->info->rows = f.rows;
  src->info->skipped = 0;
  *latest = f.latest;
  b->dataset->kept = g_new0 (SegKeptTransactions, 1);
  if (f.kept_day != NULL)
    {
      b->dataset->kept->n = f.kept_day->len;
      b->dataset->kept->customer = (gsize *) (gpointer) g_array_free (f.kept_customer, FALSE);
      b->dataset->kept->day = (double *) (gpointer) g_array_free (f.kept_day, FALSE);
      b->dataset->kept->amount = (double *) (gpointer) g_array_free (f.kept_amount, FALSE);
    }
  return TRUE;
}

/* The streaming counterpart of classify_transactions + aggregate_transactions. */
static gboolean
stream_transactions (Build   *b,
                     TxnAgg  *agg,
                     double  *latest,
                     GError **error)
{
  Source *src = &b->txns;
  SegTable *t = src->table;
  const SegReadReport *rep = seg_table_get_report (t);
  guint n = seg_table_get_n_columns (t);
  g_autofree SegColumnType *types = g_new0 (SegColumnType, n);
  g_autofree SegDateFormat *formats = g_new0 (SegDateFormat, n);
  g_autofree int *extras = g_new0 (int, MAX (agg->extras->len, 1));
  SegStreamLayout layout = { 0 };
  StreamFold f = { 0 };
  SegStreamResult result;
  GStatBuf st;
  gsize expected = 1024;

  if (seg_source_is_uri (rep->path))
    return pushdown_transactions (b, agg, latest, error);
  for (guint c = 0; c < n; c++)
    {
      const SegColumn *col = seg_table_get_column (t, c);
      types[c] = col->type;
      formats[c] = col->format != NULL && strcmp (col->format, "YYYYMMDD") == 0 ? SEG_DATE_COMPACT : SEG_DATE_ISO;
    }
  for (guint k = 0; k < agg->extras->len; k++)
    extras[k] = column_index (t, ((Extra *) g_ptr_array_index (agg->extras, k))->column);
  layout.n_columns = n;
  layout.delimiter = rep->delimiter;
  layout.decimal_comma = rep->decimal_comma;
  layout.types = types;
  layout.date_formats = formats;
  layout.cid = column_index (t, src->cid.column);
  layout.date = column_index (t, src->date.column);
  layout.amount = column_index (t, src->amount.column);
  layout.txn_id = column_index (t, src->txn_id.column);
  layout.extras = extras;
  layout.n_extras = agg->extras->len;

  /* size the id table for the whole file at once: growing it doubles the peak */
  if (g_stat (rep->path, &st) == 0 && seg_table_get_n_rows (t) > 0)
    expected = (gsize) ((double) st.st_size / ((double) seg_table_get_report (t)->preview_bytes / (double) seg_table_get_n_rows (t)));
  f.b = b;
  f.agg = agg;
  f.latest = NAN;
  f.as_of = isnan (b->options->as_of) ? NAN : floor (b->options->as_of);
  f.has_txn_id = layout.txn_id >= 0;
  keys_init (&f.customers, MAX (b->keys->len, 1024));
  for (guint i = 0; i < b->keys->len; i++)
    {
      const char *key = g_ptr_array_index (b->keys, i);
      gsize len = strlen (key);
      stream_index_customer (&f, i, key, len, nonzero (seg_stream_hash (key, len, 0)));
    }
  if (f.has_txn_id)
    {
      ids_init (&f.txns, expected);
      ids_init (&f.repeats, 1024);
    }
  if (!b->options->drop_transactions)
    {
      f.kept_customer = g_array_new (FALSE, FALSE, sizeof (gsize));
      f.kept_day = g_array_new (FALSE, FALSE, sizeof (double));
      f.kept_amount = g_array_new (FALSE, FALSE, sizeof (double));
    }

  result = seg_txn_stream (rep->path, &layout, t, b->cancellable, b->progress ? stream_progress : NULL, b,
                           stream_fold, stream_prefetch, &f, error);

  g_free (f.customers.slots);
  if (f.has_txn_id)
    {
      ids_clear (&f.txns);
      ids_clear (&f.repeats);
    }
  if (result == SEG_STREAM_OK)
    {
      src->info->rows = rep->rows;
      src->info->skipped = rep->skipped;
      *latest = f.latest;
      b->dataset->kept = g_new0 (SegKeptTransactions, 1);
      if (f.kept_day != NULL)
        {
          b->dataset->kept->n = f.kept_day->len;
          b->dataset->kept->customer = (gsize *) (gpointer) g_array_free (f.kept_customer, FALSE);
          b->dataset->kept->day = (double *) (gpointer) g_array_free (f.kept_day, FALSE);
          b->dataset->kept->amount = (double *) (gpointer) g_array_free (f.kept_amount, FALSE);
        }
      return TRUE;
    }
  if (f.kept_day != NULL)
    {
      g_array_unref (f.kept_customer);
      g_array_unref (f.kept_day);
      g_array_unref (f.kept_amount);
    }
  if (result == SEG_STREAM_FALLBACK)
    b->read_whole = TRUE;
  return FALSE;
}

/* ------------------------------------------------------- activity logs */

typedef struct
{
  double  *latest;    /* per customer, NAN when none */
  guint64 *rows;
  GPtrArray *means;   /* Extra* */
  guint64  max_rows;
  SegColumn *date;
} ActAgg;

static void
aggregate_activity (Build  *b,
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
  act->means = g_ptr_array_new_with_free_func ((GDestroyNotify) extra_free);
  for (guint c = 0; c < seg_table_get_n_columns (t); c++)
    {
      SegColumn *col = seg_table_get_column (t, c);
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
      key = field_key (&src->cid, &ctx);
      if (key == NULL)
        {
          src->info->no_customer_id++;
          continue;
        }
      cust = customer_find (b, key);
      if (cust < 0)
        {
          src->info->unknown_customers++;
          continue;
        }
      day = act->date ? floor (act->date->num[r]) : NAN;
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

static void
act_agg_clear (ActAgg *act)
{
  g_clear_pointer (&act->latest, g_free);
  g_clear_pointer (&act->rows, g_free);
  g_clear_pointer (&act->means, g_ptr_array_unref);
}

/* ------------------------------------------------ the customer table */

static double *
new_numbers (guint n)
{
  double *v = g_new (double, MAX (n, 1));
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
          char **text = g_new0 (char *, MAX (n, 1));
          for (guint i = 0; i < n; i++)
            text[i] = g_strdup (col->text[g_array_index (b->cust_rows, guint64, i)]);
          copy = seg_table_add_column (out, col->name, SEG_COLUMN_TEXT, n, NULL, text);
        }
      else
        {
          double *num = g_new (double, MAX (n, 1));
          for (guint i = 0; i < n; i++)
            num[i] = col->num[g_array_index (b->cust_rows, guint64, i)];
          copy = seg_table_add_column (out, col->name, col->type, n, num, NULL);
        }
      copy->role = col->role;
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

static void
future_dates_free (SegFutureDates *f)
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
  c->role = SEG_FIELD_LAST_LOGIN_DATE;
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
        return prefix_error (error, _("Calculated column"), text);
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
      type = type_of_kind (kind);
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
          if (strs != NULL)
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

static SegTable *
assemble (Build   *b,
          TxnAgg  *agg,
          ActAgg  *act,
          GError **error)
{
  guint n = b->keys->len;
  g_autoptr(SegTable) out = seg_table_new ("customers.csv");
  char **ids = g_new0 (char *, MAX (n, 1));
  SegColumn *c;

  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup (g_ptr_array_index (b->keys, i));
  c = seg_table_add_column (out, "customer_id", SEG_COLUMN_TEXT, n, NULL, ids);
  c->role = SEG_FIELD_CUSTOMER_ID;
  seg_table_set_role (out, SEG_FILE_ROLE_CUSTOMERS);

  if (b->customers.table != NULL)
    {
      SegColumn *reg;

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

/* ------------------------------------------------------------- the build */

static gboolean
assign_sources (Build     *b,
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
      seg_set_error_at (error, SEG_ERROR_ROLE, seg_table_get_path (src->table), 0, 0,
                        _("no activity date column was found; bind one with --map activity.last_login_date=COLUMN"));
      return FALSE;
    }
  return TRUE;
}

static double
latest_activity (Build *b)
{
  SegColumn *date = seg_table_find_role (b->activity.table, SEG_FIELD_LAST_LOGIN_DATE);
  double latest = NAN;

  for (guint64 r = 0; r < seg_table_get_n_rows (b->activity.table); r++)
    if (!isnan (date->num[r]) && (isnan (latest) || floor (date->num[r]) > latest))
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
      if (col->type != SEG_COLUMN_DATE)
        continue;
      for (guint64 r = 0; r < seg_table_get_n_rows (t); r++)
        if (!isnan (col->num[r]) && (isnan (latest) || floor (col->num[r]) > latest))
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

/* Activity alone: its customer ids, in order of first appearance. */
static void
index_activity_customers (Build *b)
{
  Source *src = &b->activity;
  SegRowCtx ctx = { src->table, 0, NULL, seg_table_get_n_columns (src->table) };

  for (guint64 r = 0; r < seg_table_get_n_rows (src->table); r++)
    {
      g_autofree char *key = NULL;

      ctx.row = r;
      key = field_key (&src->cid, &ctx);
      if (key != NULL && customer_find (b, key) < 0)
        customer_add (b, key, r);
    }
}

static gboolean
run_build (Build   *b,
           GError **error)
{
  double txn_latest = NAN;
  TxnAgg agg = { NULL, NULL, 0, NULL };
  ActAgg act = { 0 };
  gboolean ok = FALSE;
  gboolean streamed;

  if (b->txns.table == NULL && b->customers.table == NULL && b->activity.table == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE, _("No files to load"));
      return FALSE;
    }
  streamed = b->txns.table != NULL && seg_table_get_report (b->txns.table)->preview;
  if (streamed && !stream_eligible (b))
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
  if (streamed && (b->txns.cid.expr != NULL || b->txns.date.expr != NULL
                   || b->txns.amount.expr != NULL || b->txns.txn_id.expr != NULL))
    {
      b->read_whole = TRUE;
      return FALSE;
    }
  if (b->txns.table != NULL && !streamed && !classify_transactions (b, &txn_latest, error))
    return FALSE;
  if (!streamed)
    choose_as_of (b, txn_latest);

  if (b->customers.table != NULL)
    index_customers_table (b);

  agg.acc = g_array_new (FALSE, FALSE, sizeof (Acc));
  agg.wide = seg_month_wide_new ();
  agg.extras = b->txns.table ? collect_extras (&b->txns) : g_ptr_array_new ();
  if (b->customers.table != NULL)
    {
      Acc zero = ACC_ZERO;
      agg.capacity = MAX (b->keys->len, 1);
      extras_grow (agg.extras, agg.capacity);
      for (guint i = 0; i < b->keys->len; i++)
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
      if (!stream_transactions (b, &agg, &txn_latest, error))
        goto out;
      choose_as_of (b, txn_latest);
    }
  else if (b->txns.table != NULL && !aggregate_transactions (b, &agg, error))
    goto out;
  if (b->txns.table != NULL)
    {
      SegMonthSetsView months = { (const guint8 *) agg.acc->data + G_STRUCT_OFFSET (Acc, months),
                                  sizeof (Acc), agg.acc->len, agg.wide };
      b->dataset->cohorts = seg_cohorts_compute (&months, 1);
    }
  if (b->activity.table != NULL)
    {
      if (b->txns.table == NULL && b->customers.table == NULL)
        index_activity_customers (b);
      act.date = seg_table_find_role (b->activity.table, SEG_FIELD_LAST_LOGIN_DATE);
      aggregate_activity (b, &act);
    }
  report (b, 0.97, _("Building the customer table"));
  b->dataset->customers = assemble (b, &agg, &act, error);
  ok = b->dataset->customers != NULL;
  report_counts (b);

out:
  g_array_unref (agg.acc);
  g_ptr_array_unref (agg.extras);
  g_hash_table_unref (agg.wide);
  act_agg_clear (&act);
  return ok;
}

/* --------------------------------------------------------------- public */

static SegDataset *
dataset_new (const SegDatasetOptions *options,
             GPtrArray               *tables)
{
  SegDataset *ds = g_new0 (SegDataset, 1);

  g_atomic_ref_count_init (&ds->ref_count);
  ds->options = seg_dataset_options_copy (options);
  ds->inputs = g_array_sized_new (FALSE, TRUE, sizeof (SegInputInfo), tables->len);
  g_array_set_clear_func (ds->inputs, (GDestroyNotify) input_info_clear);
  ds->notices = g_ptr_array_new_with_free_func (g_free);
  ds->future_dates = g_ptr_array_new_with_free_func ((GDestroyNotify) future_dates_free);
  ds->as_of = NAN;
  ds->confident = TRUE;
  for (guint i = 0; i < tables->len; i++)
    {
      SegTable *t = g_ptr_array_index (tables, i);
      const SegReadReport *rep = seg_table_get_report (t);
      SegInputInfo info = { 0 };

      info.table = seg_table_ref (t);
      info.role = seg_table_get_role (t);
      info.rows = rep->rows;
      info.skipped = rep->skipped;
      info.confident = TRUE;
      g_array_append_val (ds->inputs, info);
    }
  return ds;
}

static SegDataset *
build_once (GPtrArray               *tables,
            const SegDatasetOptions *options,
            GCancellable            *cancellable,
            SegProgressFunc          progress,
            gpointer                 user_data,
            gboolean                *read_whole,
            GError                 **error)
{
  Build b = { 0 };
  gboolean ok;

  b.options = options;
  b.cancellable = cancellable;
  b.progress = progress;
  b.progress_data = user_data;
  b.dataset = dataset_new (options, tables);
  b.index = g_hash_table_new (g_str_hash, g_str_equal);
  b.keys = g_ptr_array_new_with_free_func (g_free);
  b.cust_rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  b.dataset->has_transactions = FALSE;

  ok = assign_sources (&b, tables, error) && run_build (&b, error);
  if (ok)
    b.dataset->has_transactions = b.txns.table != NULL;

  source_clear (&b.customers);
  source_clear (&b.txns);
  source_clear (&b.activity);
  g_hash_table_unref (b.index);
  g_ptr_array_unref (b.keys);
  g_array_unref (b.cust_rows);
  *read_whole = b.read_whole;
  if (!ok)
    {
      seg_dataset_unref (b.dataset);
      return NULL;
    }
  report (&b, 1.0, _("Done"));
  return b.dataset;
}

/* Replaces the preview of a transaction log by the whole file, with the
 * roles the preview's columns were given. */
static gboolean
read_whole_log (GPtrArray               *tables,
                const SegDatasetOptions *options,
                GCancellable            *cancellable,
                SegProgressFunc          progress,
                gpointer                 user_data,
                GError                 **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      SegTable *preview = g_ptr_array_index (tables, i);
      SegTable *whole;

      if (!seg_table_get_report (preview)->preview)
        continue;
      if (seg_source_is_uri (seg_table_get_path (preview)))
        whole = seg_source_read_uri (seg_table_get_path (preview), 0, &options->read_options, cancellable,
                                     progress, user_data, error);
      else
        whole = seg_csv_read (seg_table_get_path (preview), &options->read_options, cancellable,
                              progress, user_data, error);
      if (whole == NULL)
        return FALSE;
      if (seg_source_is_uri (seg_table_get_path (preview)))
        for (guint k = 0; k < seg_table_get_report (preview)->notices->len; k++)
          seg_table_add_notice (whole, g_ptr_array_index (seg_table_get_report (preview)->notices, k));
      seg_table_set_role (whole, seg_table_get_role (preview));
      for (guint c = 0; c < seg_table_get_n_columns (whole) && c < seg_table_get_n_columns (preview); c++)
        {
          SegColumn *col = seg_table_get_column (whole, c);
          const SegColumn *was = seg_table_get_column (preview, c);
          if (strcmp (col->name, was->name) == 0)
            col->role = was->role;
        }
      g_ptr_array_index (tables, i) = whole;
      seg_table_unref (preview);
    }
  return TRUE;
}

SegDataset *
seg_dataset_build (GPtrArray               *tables,
                   const SegDatasetOptions *options,
                   GCancellable            *cancellable,
                   SegProgressFunc          progress,
                   gpointer                 user_data,
                   GError                 **error)
{
  g_autoptr(SegDatasetOptions) defaults = NULL;
  gboolean read_whole = FALSE;
  SegDataset *ds;

  seg_engine_init ();
  g_return_val_if_fail (tables != NULL, NULL);

  if (options == NULL)
    options = defaults = seg_dataset_options_new ();
  ds = build_once (tables, options, cancellable, progress, user_data, &read_whole, error);
  if (ds == NULL && read_whole)
    {
      if (!read_whole_log (tables, options, cancellable, progress, user_data, error))
        return NULL;
      ds = build_once (tables, options, cancellable, progress, user_data, &read_whole, error);
    }
  return ds;
}

typedef struct
{
  SegProgressFunc progress;
  gpointer        user_data;
  double          base;
  double          span;
} ProgressSlice;

static void
slice_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  ProgressSlice *slice = user_data;
  slice->progress (slice->base + slice->span * fraction, message, slice->user_data);
}

#define PREVIEW_BYTES (256u << 10)   /* about 5,000 rows of a typical log */
#define SOURCE_PREVIEW_ROWS 5000     /* the same from a database */

/* For a long file: its first 256 KiB, read as a table of the first rows,
 * with the roles guessed; NULL to read the whole file the usual way. */
static SegTable *
read_preview (const SegInputSpec      *spec,
              const SegDatasetOptions *options,
              SegRoleGuess            *guess)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SegTable) t = NULL;
  SegReadOptions read_options = options->read_options;
  GStatBuf st;
  char *head;
  gssize got;
  gsize len, size;
  FILE *file;

  if (options->stream_min_bytes == 0 || options->read_options.column_types != NULL
      || g_stat (spec->path, &st) != 0 || !S_ISREG (st.st_mode)
      || (guint64) st.st_size < options->stream_min_bytes || st.st_size < 2)
    return NULL;
  /* at most half the file: the pass must have rows the preview did not see
   * for the preview to be worth it */
  size = MIN ((gsize) PREVIEW_BYTES, (gsize) st.st_size / 2);
  file = g_fopen (spec->path, "rb");
  if (file == NULL)
    return NULL;
  head = g_malloc (size);
  got = (gssize) fread (head, 1, size, file);
  fclose (file);
  /* whole rows only: up to the last line break */
  for (len = got > 0 ? (gsize) got : 0; len > 0 && head[len - 1] != '\n'; len--)
    ;
  if (len == 0)
    {
      g_free (head);
      return NULL;
    }
  bytes = g_bytes_new_take (head, len);
  read_options.preview = TRUE;
  t = seg_csv_read_bytes (bytes, spec->path, &read_options, NULL, NULL, NULL, NULL);
  if (t == NULL)
    return NULL;
  if (!seg_stream_dialect_ok (t))
    return NULL;
  seg_roles_detect (t, guess);
  if (spec->role != SEG_FILE_ROLE_UNKNOWN)
    seg_table_set_role (t, spec->role);
  seg_table_get_report_mut (t)->preview = TRUE;
  seg_table_get_report_mut (t)->preview_bytes = len;
  return g_steal_pointer (&t);
}

/* A table in a database: a transaction log as a preview of its first rows
 * (the server aggregates the rest), anything else whole. */
static SegTable *
read_source (const SegInputSpec      *spec,
             const SegDatasetOptions *options,
             gboolean                 previews,
             SegRoleGuess            *guess,
             GCancellable            *cancellable,
             GError                 **error)
{
  g_autoptr(SegSource) source = seg_source_open (spec->path, cancellable, error);
  g_autoptr(SegTable) t = NULL;

  if (source == NULL)
    return NULL;
  t = seg_source_read (source, NULL, previews && options->read_options.column_types == NULL ? SOURCE_PREVIEW_ROWS : 0,
                       &options->read_options, cancellable, NULL, NULL, error);
  if (t == NULL || !seg_table_get_report (t)->preview)
    return g_steal_pointer (&t);
  seg_roles_detect (t, guess);
  if (spec->role != SEG_FILE_ROLE_UNKNOWN)
    seg_table_set_role (t, spec->role);
  if (seg_table_get_role (t) == SEG_FILE_ROLE_TRANSACTIONS)
    return g_steal_pointer (&t);
  seg_role_guess_clear (guess);
  memset (guess, 0, sizeof *guess);
  g_clear_pointer (&t, seg_table_unref);
  return seg_source_read (source, NULL, 0, &options->read_options, cancellable, NULL, NULL, error);
}

/* Reads every input (a long log as a preview when @previews) and guesses
 * its role; FALSE with @error set when a file cannot be read. */
static gboolean
read_inputs (const SegDatasetOptions *options,
             gboolean                 previews,
             GPtrArray               *tables,
             SegRoleGuess            *guess,
             GCancellable            *cancellable,
             SegProgressFunc          progress,
             gpointer                 user_data,
             GError                 **error)
{
  guint n = options->inputs->len;

  for (guint i = 0; i < n; i++)
    {
      const SegInputSpec *spec = g_ptr_array_index (options->inputs, i);
      ProgressSlice slice = { progress, user_data, 0.8 * i / n, 0.8 / n };
      SegTable *t;

      if (seg_source_is_uri (spec->path))
        {
          t = read_source (spec, options, previews, &guess[i], cancellable, error);
          if (t == NULL)
            return FALSE;
        }
      else
        t = previews ? read_preview (spec, options, &guess[i]) : NULL;

      if (t != NULL && !seg_source_is_uri (spec->path) && seg_table_get_role (t) != SEG_FILE_ROLE_TRANSACTIONS)
        {
          /* a customers or activity table is kept whole: read on two threads */
          SegStreamResult result;
          SegTable *whole = seg_csv_stream_table (t, cancellable, progress ? slice_progress : NULL, &slice,
                                                  &result, error);
          seg_table_unref (t);
          t = whole;
          seg_role_guess_clear (&guess[i]);
          memset (&guess[i], 0, sizeof guess[i]);
          if (whole == NULL && result == SEG_STREAM_ERROR)
            return FALSE;
        }
      if (t == NULL)
        t = seg_csv_read (spec->path, &options->read_options, cancellable,
                          progress ? slice_progress : NULL, &slice, error);
      if (t == NULL)
        return FALSE;
      if (!seg_table_get_report (t)->preview)
        seg_roles_detect (t, &guess[i]);
      /* a role the user chose: the columns are detected again for it */
      if (spec->role != SEG_FILE_ROLE_UNKNOWN && spec->role != guess[i].role)
        seg_roles_detect_as (t, spec->role, &guess[i]);
      g_ptr_array_add (tables, t);
    }
  return TRUE;
}

static void
clear_guesses (SegRoleGuess *guess,
               guint         n)
{
  for (guint i = 0; i < n; i++)
    seg_role_guess_clear (&guess[i]);
  memset (guess, 0, sizeof (SegRoleGuess) * n);
}

SegDataset *
seg_dataset_load (const SegDatasetOptions *options,
                  GCancellable            *cancellable,
                  SegProgressFunc          progress,
                  gpointer                 user_data,
                  GError                 **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_table_unref);
  g_autofree SegRoleGuess *guess = NULL;
  guint n;
  gboolean read_whole = FALSE;
  SegDataset *ds = NULL;

  seg_engine_init ();
  g_return_val_if_fail (options != NULL, NULL);

  n = options->inputs->len;
  guess = g_new0 (SegRoleGuess, MAX (n, 1));
  if (read_inputs (options, TRUE, tables, guess, cancellable, progress, user_data, error))
    ds = build_once (tables, options, cancellable, progress, user_data, &read_whole, error);
  if (ds == NULL && read_whole)
    {
      /* the log broke a promise of its preview: start again from whole files,
       * exactly as without streaming (a database's preview says why) */
      g_autoptr(GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) said_of = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < tables->len; i++)
        {
          const SegReadReport *rep = seg_table_get_report (g_ptr_array_index (tables, i));
          for (guint k = 0; seg_source_is_uri (rep->path) && rep->preview && k < rep->notices->len; k++)
            {
              g_ptr_array_add (said, g_strdup (g_ptr_array_index (rep->notices, k)));
              g_array_append_val (said_of, i);
            }
        }
      g_ptr_array_set_size (tables, 0);
      clear_guesses (guess, n);
      if (read_inputs (options, FALSE, tables, guess, cancellable, progress, user_data, error))
        {
          for (guint k = 0; k < said->len; k++)
            if (g_array_index (said_of, guint, k) < tables->len)
              seg_table_add_notice (g_ptr_array_index (tables, g_array_index (said_of, guint, k)),
                                    g_ptr_array_index (said, k));
          ds = build_once (tables, options, cancellable, progress, user_data, &read_whole, error);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      if (ds != NULL)
        {
          SegInputInfo *info = &g_array_index (ds->inputs, SegInputInfo, i);
          info->confident = guess[i].confident;
          info->role_reason = g_steal_pointer (&guess[i].reason);
          if (info->proposal == NULL)
            info->proposal = g_steal_pointer (&guess[i].proposal);
          else
            ds->confident = FALSE;
          if (!info->confident)
            ds->confident = FALSE;
        }
      seg_role_guess_clear (&guess[i]);
    }
  return ds;
}

typedef struct
{
  SegDatasetOptions *options;
  SegProgressRelay  *relay;   /* progress reaches the caller through one pending idle */
} LoadData;

static void
load_data_free (LoadData *data)
{
  seg_dataset_options_free (data->options);
  g_clear_pointer (&data->relay, seg_progress_relay_unref);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  SegDataset *ds = seg_dataset_load (data->options, cancellable,
                                     data->relay ? seg_progress_relay_report : NULL, data->relay, &error);

  if (ds == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ds, (GDestroyNotify) seg_dataset_unref);
}

void
seg_dataset_load_async (const SegDatasetOptions *options,
                        GCancellable            *cancellable,
                        SegProgressFunc          progress,
                        gpointer                 progress_data,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  data->options = seg_dataset_options_copy (options);
  if (progress != NULL)
    data->relay = seg_progress_relay_new (progress, progress_data);
  g_task_set_source_tag (task, seg_dataset_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

SegDataset *
seg_dataset_load_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

SegDataset *
seg_dataset_ref (SegDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NULL);
  g_atomic_ref_count_inc (&dataset->ref_count);
  return dataset;
}

void
seg_dataset_unref (SegDataset *dataset)
{
  g_return_if_fail (dataset != NULL);
  if (!g_atomic_ref_count_dec (&dataset->ref_count))
    return;
  seg_dataset_options_free (dataset->options);
  g_clear_pointer (&dataset->customers, seg_table_unref);
  g_array_unref (dataset->inputs);
  g_ptr_array_unref (dataset->notices);
  g_ptr_array_unref (dataset->future_dates);
  if (dataset->kept != NULL)
    {
      g_free (dataset->kept->customer);
      g_free (dataset->kept->day);
      g_free (dataset->kept->amount);
      g_free (dataset->kept);
    }
  seg_cohorts_free (dataset->cohorts);
  g_free (dataset);
}

SegTable *
seg_dataset_get_customers (const SegDataset *dataset)
{
  return dataset->customers;
}

double
seg_dataset_get_as_of (const SegDataset *dataset)
{
  return dataset->as_of;
}

gboolean
seg_dataset_has_transactions (const SegDataset *dataset)
{
  return dataset->has_transactions;
}

guint
seg_dataset_get_n_inputs (const SegDataset *dataset)
{
  return dataset->inputs->len;
}

const SegInputInfo *
seg_dataset_get_input (const SegDataset *dataset,
                       guint             index)
{
  g_return_val_if_fail (index < dataset->inputs->len, NULL);
  return &g_array_index (dataset->inputs, SegInputInfo, index);
}

const SegCohorts *
seg_dataset_get_cohorts (const SegDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NULL);

  return dataset->cohorts;
}

const SegKeptTransactions *
seg_dataset_get_transactions (const SegDataset *dataset)
{
  return dataset->kept;
}

GPtrArray *
seg_dataset_get_notices (const SegDataset *dataset)
{
  return dataset->notices;
}

GPtrArray *
seg_dataset_get_future_dates (const SegDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NULL);
  return dataset->future_dates;
}

gboolean
seg_dataset_is_confident (const SegDataset *dataset)
{
  return dataset->confident;
}

const SegDatasetOptions *
seg_dataset_get_options (const SegDataset *dataset)
{
  return dataset->options;
}
