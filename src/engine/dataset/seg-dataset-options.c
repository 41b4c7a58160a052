/* seg-dataset-options.c — what to load and how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-dataset"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-dataset-private.h"
#include "seg-error.h"

G_DEFINE_BOXED_TYPE (SegDatasetOptions, seg_dataset_options,
                     seg_dataset_options_copy, seg_dataset_options_free)

static void
input_spec_free (SegInputSpec *spec)
{
  g_free (spec->path);
  g_free (spec);
}

static void
mapping_free (SegMapping *map)
{
  g_free (map->expr);
  g_free (map);
}

SegDatasetOptions *
seg_dataset_options_new (void)
{
  SegDatasetOptions *options = g_new0 (SegDatasetOptions, 1);

  options->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) input_spec_free);
  options->maps = g_ptr_array_new_with_free_func ((GDestroyNotify) mapping_free);
  options->txn_derives = g_ptr_array_new_with_free_func (g_free);
  options->derives = g_ptr_array_new_with_free_func (g_free);
  options->as_of = NAN;
  options->time_unit = SEG_TIME_UNIT_DAYS;
  seg_read_options_init (&options->read_options);
  return options;
}

SegDatasetOptions *
seg_dataset_options_copy (const SegDatasetOptions *options)
{
  SegDatasetOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);
  copy = seg_dataset_options_new ();

  for (guint i = 0; i < options->inputs->len; i++)
    {
      const SegInputSpec *spec = g_ptr_array_index (options->inputs, i);
      seg_dataset_options_add_input (copy, spec->path, spec->role);
    }
  for (guint i = 0; i < options->maps->len; i++)
    {
      const SegMapping *map = g_ptr_array_index (options->maps, i);
      SegMapping *m = g_new0 (SegMapping, 1);
      *m = *map;
      m->expr = g_strdup (map->expr);
      g_ptr_array_add (copy->maps, m);
    }
  copy->where = g_strdup (options->where);
  for (guint i = 0; i < options->txn_derives->len; i++)
    g_ptr_array_add (copy->txn_derives, g_strdup (g_ptr_array_index (options->txn_derives, i)));
  for (guint i = 0; i < options->derives->len; i++)
    g_ptr_array_add (copy->derives, g_strdup (g_ptr_array_index (options->derives, i)));
  copy->as_of = options->as_of;
  copy->time_unit = options->time_unit;
  copy->stream_min_bytes = options->stream_min_bytes;
  copy->id_memory = options->id_memory;
  copy->drop_transactions = options->drop_transactions;
  copy->read_options = options->read_options;
  if (options->read_options.column_types != NULL)
    copy->read_options.column_types = g_hash_table_ref (options->read_options.column_types);
  return copy;
}

void
seg_dataset_options_free (SegDatasetOptions *options)
{
  if (options == NULL)
    return;
  g_ptr_array_unref (options->inputs);
  g_ptr_array_unref (options->maps);
  g_ptr_array_unref (options->txn_derives);
  g_ptr_array_unref (options->derives);
  g_clear_pointer (&options->read_options.column_types, g_hash_table_unref);
  g_free (options->where);
  g_free (options);
}

void
seg_dataset_options_add_input (SegDatasetOptions *options,
                               const char        *path,
                               SegFileRole        role)
{
  SegInputSpec *spec;

  g_return_if_fail (options != NULL && path != NULL);
  spec = g_new0 (SegInputSpec, 1);
  spec->path = g_strdup (path);
  spec->role = role;
  g_ptr_array_add (options->inputs, spec);
}

gboolean
seg_dataset_options_add_map (SegDatasetOptions *options,
                             const char        *text,
                             GError           **error)
{
  const char *eq, *dot;
  g_autofree char *role_name = NULL;
  g_autofree char *field_name = NULL;
  SegMapping *map;
  SegFileRole role;
  SegFieldRole field;

  g_return_val_if_fail (options != NULL && text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  eq = strchr (text, '=');
  dot = strchr (text, '.');
  if (eq == NULL || dot == NULL || dot > eq)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("“%s” is not a binding: write ROLE.FIELD=EXPRESSION, e.g. transactions.amount=Quantity * UnitPrice"),
                   text);
      return FALSE;
    }
  role_name = g_strstrip (g_strndup (text, (gsize) (dot - text)));
  field_name = g_strstrip (g_strndup (dot + 1, (gsize) (eq - dot - 1)));
  if (!seg_file_role_from_string (role_name, &role) || role == SEG_FILE_ROLE_UNKNOWN)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("Unknown file role “%s”: use customers, transactions or activity"), role_name);
      return FALSE;
    }
  if (!seg_field_role_from_string (field_name, &field) || field == SEG_FIELD_NONE)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_USAGE,
                   _("Unknown field “%s”: use customer_id, date, amount, txn_id, category, quantity, unit_price, registration_date, last_login_date, frequency, recency, T or monetary_value"),
                   field_name);
      return FALSE;
    }
  map = g_new0 (SegMapping, 1);
  map->role = role;
  map->field = field;
  map->expr = g_strstrip (g_strdup (eq + 1));
  g_ptr_array_add (options->maps, map);
  return TRUE;
}

void
seg_dataset_options_set_where (SegDatasetOptions *options,
                               const char        *expr)
{
  g_return_if_fail (options != NULL);
  g_free (options->where);
  options->where = (expr && *expr) ? g_strdup (expr) : NULL;
}

void
seg_dataset_options_add_txn_derive (SegDatasetOptions *options,
                                    const char        *assignment)
{
  g_return_if_fail (options != NULL && assignment != NULL);
  g_ptr_array_add (options->txn_derives, g_strdup (assignment));
}

void
seg_dataset_options_add_derive (SegDatasetOptions *options,
                                const char        *assignment)
{
  g_return_if_fail (options != NULL && assignment != NULL);
  g_ptr_array_add (options->derives, g_strdup (assignment));
}

void
seg_dataset_options_set_as_of (SegDatasetOptions *options,
                               double             as_of)
{
  g_return_if_fail (options != NULL);
  options->as_of = as_of;
}

void
seg_dataset_options_set_time_unit (SegDatasetOptions *options,
                                   SegTimeUnit        unit)
{
  g_return_if_fail (options != NULL);
  options->time_unit = unit;
}

const SegReadOptions *
seg_dataset_options_get_read_settings (const SegDatasetOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  return &options->read_options;
}

SegTimeUnit
seg_dataset_options_get_time_unit (const SegDatasetOptions *options)
{
  g_return_val_if_fail (options != NULL, SEG_TIME_UNIT_DAYS);
  return options->time_unit;
}

double
seg_dataset_options_get_as_of (const SegDatasetOptions *options)
{
  g_return_val_if_fail (options != NULL, NAN);
  return options->as_of;
}

const char *
seg_dataset_options_get_where (const SegDatasetOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  return options->where;
}

static GStrv
dup_strings (GPtrArray *strings)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv strv;

  for (guint i = 0; i < strings->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (strings, i));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

GStrv
seg_dataset_options_dup_maps (const SegDatasetOptions *options)
{
  GStrvBuilder *builder;
  GStrv strv;

  g_return_val_if_fail (options != NULL, NULL);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < options->maps->len; i++)
    {
      const SegMapping *m = g_ptr_array_index (options->maps, i);
      g_autofree char *text = g_strdup_printf ("%s.%s=%s", seg_file_role_to_string (m->role),
                                               seg_field_role_to_string (m->field), m->expr);
      g_strv_builder_add (builder, text);
    }
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

GStrv
seg_dataset_options_dup_txn_derives (const SegDatasetOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  return dup_strings (options->txn_derives);
}

GStrv
seg_dataset_options_dup_derives (const SegDatasetOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  return dup_strings (options->derives);
}

SegReadOptions *
seg_dataset_options_get_read_options (SegDatasetOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  return &options->read_options;
}

guint
seg_dataset_options_get_n_inputs (const SegDatasetOptions *options)
{
  g_return_val_if_fail (options != NULL, 0);
  return options->inputs->len;
}

const char *
seg_dataset_options_get_input (const SegDatasetOptions *options,
                               guint                    index,
                               SegFileRole             *role)
{
  const SegInputSpec *spec;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (index < options->inputs->len, NULL);
  spec = g_ptr_array_index (options->inputs, index);
  if (role)
    *role = spec->role;
  return spec->path;
}

void
seg_dataset_options_set_streaming (SegDatasetOptions *options,
                                   guint64            min_bytes)
{
  g_return_if_fail (options != NULL);
  options->stream_min_bytes = min_bytes;
}

void
seg_dataset_options_set_id_memory (SegDatasetOptions *options,
                                   guint64            bytes)
{
  g_return_if_fail (options != NULL);
  options->id_memory = bytes;
}

void
seg_dataset_options_set_keep_transactions (SegDatasetOptions *options,
                                           gboolean           keep)
{
  g_return_if_fail (options != NULL);
  options->drop_transactions = !keep;
}
