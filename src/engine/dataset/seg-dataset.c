/* seg-dataset.c — join the input tables into one row per customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts and dates follow DESIGN.md "Precise meanings":
 *  - transaction rows are dropped, in this order, for failing --where
 *    (filtered), having no customer id (no_customer_id), having no usable
 *    date (no_date), having a placeholder date such as 9999-12-31
 *    (placeholder_dates, seg-date-spread.c) or being dated after the as-of
 *    date (after_as_of);
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

#include "seg-table-private.h"
#include "seg-cohort.h"
#include "seg-dataset-private.h"
#include "seg-job.h"
#include "seg-engine.h"
#include "seg-error.h"
#include "seg-hash.h"
#include "seg-parse.h"
#include "seg-source.h"
#include "seg-txn-stream.h"
#include "seg-dataset-build-private.h"


G_DEFINE_BOXED_TYPE (SegDataset, seg_dataset, seg_dataset_ref, seg_dataset_unref)

/* ---------------------------------------------------------------- helpers */

char *
seg_dataset_key_of_cell (const SegColumn *column,
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
    seg_txn_stream_number_key_append (key, v);
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

SegColumnType
seg_dataset_type_of_kind (SegValueKind kind)
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
        *type = seg_dataset_type_of_kind (g_array_index (ctx->kinds, SegValueKind, k));
        return TRUE;
      }
  return FALSE;
}


char *
seg_dataset_field_key (const SegField *field,
                       SegRowCtx      *ctx)
{
  SegValue v;

  if (field->column != NULL)
    return seg_dataset_key_of_cell (field->column, ctx->row);
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

static void
input_info_clear (SegInputInfo *info)
{
  g_clear_pointer (&info->table, seg_table_unref);
  g_clear_pointer (&info->role_reason, g_free);
  g_clear_pointer (&info->proposal, g_free);
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
  ds->future_dates = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_dataset_future_dates_free);
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
  b.index = NULL;   /* made at the first look-up */
  b.keys = g_ptr_array_new_with_free_func (g_free);
  b.cust_rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  b.dataset->has_transactions = FALSE;

  ok = seg_dataset_assign_sources (&b, tables, error) && seg_dataset_run_build (&b, error);
  if (ok)
    b.dataset->has_transactions = b.txns.table != NULL;

  seg_dataset_source_clear (&b.customers);
  seg_dataset_source_clear (&b.txns);
  seg_dataset_source_clear (&b.activity);
  g_clear_pointer (&b.index, g_hash_table_unref);
  g_ptr_array_unref (b.keys);
  g_clear_pointer (&b.key_store, g_string_chunk_free);
  g_array_unref (b.cust_rows);
  g_free (b.act_placeholder);
  g_clear_pointer (&b.cust_placeholder, g_ptr_array_unref);
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
          SegColumn *col = seg_table_get_column_mut (whole, c);
          const SegColumn *was = seg_table_get_column (preview, c);
          if (strcmp (col->name, was->name) == 0)
            seg_column_set_role (col, was->role);
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
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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
  for (;;)
    {
      file = g_fopen (spec->path, "rb");
      if (file == NULL)
        return NULL;
      head = g_malloc (size);
      got = (gssize) fread (head, 1, size, file);
      fclose (file);
      /* whole rows only: up to the last line break (all of the file is whole rows) */
      len = got > 0 ? (gsize) got : 0;
      for (; (guint64) len < (guint64) st.st_size && len > 0 && head[len - 1] != '\n'; len--)
        ;
      if (len == 0)
        {
          g_free (head);
          return NULL;
        }
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_pointer (&t, seg_table_unref);
      bytes = g_bytes_new_take (head, len);
      read_options.preview = TRUE;
      t = seg_csv_read_bytes (bytes, spec->path, &read_options, NULL, NULL, NULL, NULL);
      if (t == NULL)
        return NULL;
      /* the whole reader guesses the dialect from the file's first 64 KiB
       * (more when its first lines are longer): a preview no longer than
       * that sample may guess otherwise.  A small file is its own preview;
       * a large one with such long lines is read whole. */
      if (!seg_table_get_report (t)->sniffed_all || (guint64) len >= (guint64) st.st_size)
        break;
      if ((guint64) st.st_size > PREVIEW_BYTES * 4 || size == (gsize) st.st_size)
        return NULL;
      size = (gsize) st.st_size;
    }
  if (!seg_txn_stream_dialect_ok (t))
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
 * its role; FALSE with @error set when a file cannot be read.  The tables
 * of @done (a first reading, or NULL) that were read whole are taken over
 * with their guesses, not read again. */
static gboolean
read_inputs (const SegDatasetOptions *options,
             gboolean                 previews,
             GPtrArray               *done,
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

      if (done != NULL && i < done->len && !seg_table_get_report (g_ptr_array_index (done, i))->preview)
        {
          g_ptr_array_add (tables, seg_table_ref (g_ptr_array_index (done, i)));
          continue;
        }
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
          SegTable *whole = seg_txn_stream_table (t, cancellable, progress ? slice_progress : NULL, &slice,
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

/* Forgets the guesses of the inputs read as a preview. */
static void
clear_preview_guesses (SegRoleGuess *guess,
                       GPtrArray    *tables)
{
  for (guint i = 0; i < tables->len; i++)
    if (seg_table_get_report (g_ptr_array_index (tables, i))->preview)
      {
        seg_role_guess_clear (&guess[i]);
        memset (&guess[i], 0, sizeof guess[i]);
      }
}

/* The column roles of every table (a build's --map bindings change them). */
static GArray *
save_roles (GPtrArray *tables)
{
  GArray *roles = g_array_new (FALSE, FALSE, sizeof (SegFieldRole));

  for (guint i = 0; i < tables->len; i++)
    {
      SegTable *t = g_ptr_array_index (tables, i);
      for (guint c = 0; c < seg_table_get_n_columns (t); c++)
        g_array_append_val (roles, seg_table_get_column (t, c)->role);
    }
  return roles;
}

static void
restore_roles (GPtrArray *tables,
               GArray    *roles)
{
  guint k = 0;

  for (guint i = 0; i < tables->len; i++)
    {
      SegTable *t = g_ptr_array_index (tables, i);
      for (guint c = 0; c < seg_table_get_n_columns (t) && k < roles->len; c++)
        seg_column_set_role (seg_table_get_column_mut (t, c), g_array_index (roles, SegFieldRole, k++));
    }
}

SegDataset *
seg_dataset_load (const SegDatasetOptions *options,
                  GCancellable            *cancellable,
                  SegProgressFunc          progress,
                  gpointer                 user_data,
                  GError                 **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree SegRoleGuess *guess = NULL;
  g_autoptr(GArray) roles = NULL;
  guint n;
  gboolean read_whole = FALSE;
  SegDataset *ds = NULL;

  seg_engine_init ();
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_table_unref);
  n = options->inputs->len;
  guess = g_new0 (SegRoleGuess, MAX (n, 1));
  if (read_inputs (options, TRUE, NULL, tables, guess, cancellable, progress, user_data, error))
    {
      roles = save_roles (tables);
      ds = build_once (tables, options, cancellable, progress, user_data, &read_whole, error);
    }
  if (ds == NULL && read_whole)
    {
      /* the log broke a promise of its preview: start again from whole files,
       * exactly as without streaming (a database's preview says why); the
       * inputs read whole the first time are not read again */
      g_autoptr(GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) said_of = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GPtrArray) first = g_steal_pointer (&tables);

      for (guint i = 0; i < first->len; i++)
        {
          const SegReadReport *rep = seg_table_get_report (g_ptr_array_index (first, i));
          for (guint k = 0; seg_source_is_uri (rep->path) && rep->preview && k < rep->notices->len; k++)
            {
              g_ptr_array_add (said, g_strdup (g_ptr_array_index (rep->notices, k)));
              g_array_append_val (said_of, i);
            }
        }
      restore_roles (first, roles);
      clear_preview_guesses (guess, first);
      tables = g_ptr_array_new_with_free_func ((GDestroyNotify) seg_table_unref);
      if (read_inputs (options, FALSE, first, tables, guess, cancellable, progress, user_data, error))
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

static gpointer
load_job (gpointer         data,
          GCancellable    *cancellable,
          SegProgressFunc  progress,
          gpointer         progress_data,
          GError         **error)
{
  return seg_dataset_load (data, cancellable, progress, progress_data, error);
}

void
seg_dataset_load_async (const SegDatasetOptions *options,
                        GCancellable            *cancellable,
                        SegProgressFunc          progress,
                        gpointer                 progress_data,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_return_if_fail (options != NULL);

  seg_job_run_async (load_job, seg_dataset_options_copy (options), (GDestroyNotify) seg_dataset_options_free,
                     (GDestroyNotify) seg_dataset_unref, seg_dataset_load_async, cancellable,
                     progress, progress_data, callback, user_data);
}

SegDataset *
seg_dataset_load_finish (GAsyncResult *result,
                         GError      **error)
{
  /* seg_job_run_finish () checks the result and @error */
  return seg_job_run_finish (result, seg_dataset_load_async, error);
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
  g_return_val_if_fail (dataset != NULL, NULL);
  return dataset->customers;
}

double
seg_dataset_get_as_of (const SegDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NAN);
  return dataset->as_of;
}

gboolean
seg_dataset_has_transactions (const SegDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, FALSE);
  return dataset->has_transactions;
}

guint
seg_dataset_get_n_inputs (const SegDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, 0);
  return dataset->inputs->len;
}

const SegInputInfo *
seg_dataset_get_input (const SegDataset *dataset,
                       guint             index)
{
  g_return_val_if_fail (dataset != NULL, NULL);
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
  g_return_val_if_fail (dataset != NULL, NULL);
  return dataset->kept;
}

GPtrArray *
seg_dataset_get_notices (const SegDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NULL);
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
  g_return_val_if_fail (dataset != NULL, FALSE);
  return dataset->confident;
}

const SegDatasetOptions *
seg_dataset_get_options (const SegDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NULL);
  return dataset->options;
}
