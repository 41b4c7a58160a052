/* seg-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-summary"

#include "config.h"

#include <math.h>

#include "seg-summary.h"

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case '\t': return "\t";
    case ';': return ";";
    case '|': return "|";
    case ' ': return " ";
    case ',':
    default: return ",";
    }
}

static void
add_count (JsonBuilder *b,
           const char  *name,
           guint64      value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, (gint64) value);
}

static void
add_columns (JsonBuilder    *b,
             const SegTable *table)
{
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint c = 0; c < seg_table_get_n_columns (table); c++)
    {
      const SegColumn *col = seg_table_get_column (table, c);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, col->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, seg_column_type_to_string (col->type));
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, seg_field_role_to_string (col->role));
      if (col->format != NULL)
        {
          json_builder_set_member_name (b, "format");
          json_builder_add_string_value (b, col->format);
        }
      if (col->n_missing > 0)
        add_count (b, "missing", col->n_missing);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_input (JsonBuilder        *b,
           const SegInputInfo *info)
{
  const SegReadReport *rep = seg_table_get_report (info->table);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, seg_table_get_path (info->table));
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, seg_file_role_to_string (info->role));
  add_count (b, "rows", info->rows);
  add_count (b, "skipped", info->skipped);
  add_count (b, "filtered", info->filtered);
  add_count (b, "no_customer_id", info->no_customer_id);
  add_count (b, "after_as_of", info->after_as_of);
  add_count (b, "no_date", info->no_date);
  add_count (b, "duplicates", info->duplicate_ids);
  add_count (b, "unknown_customers", info->unknown_customers);
  json_builder_set_member_name (b, "delimiter");
  json_builder_add_string_value (b, delimiter_name (rep->delimiter));
  json_builder_set_member_name (b, "encoding");
  json_builder_add_string_value (b, rep->encoding ? rep->encoding : "UTF-8");
  json_builder_set_member_name (b, "header");
  json_builder_add_boolean_value (b, rep->has_header);
  json_builder_set_member_name (b, "decimal_comma");
  json_builder_add_boolean_value (b, rep->decimal_comma);
  json_builder_set_member_name (b, "confident");
  json_builder_add_boolean_value (b, info->confident);
  if (info->role_reason != NULL)
    {
      json_builder_set_member_name (b, "role_reason");
      json_builder_add_string_value (b, info->role_reason);
    }
  if (info->proposal != NULL)
    {
      json_builder_set_member_name (b, "proposal");
      json_builder_add_string_value (b, info->proposal);
    }
  add_count (b, "problems", rep->n_problems);
  add_columns (b, info->table);
  json_builder_end_object (b);
}

void
seg_summary_add_dataset (JsonBuilder      *b,
                         const SegDataset *dataset)
{
  double as_of;
  GPtrArray *notices;

  g_return_if_fail (b != NULL && dataset != NULL);

  as_of = seg_dataset_get_as_of (dataset);
  notices = seg_dataset_get_notices (dataset);
  json_builder_set_member_name (b, "as_of");
  if (isnan (as_of))
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *iso = seg_date_format_iso (as_of);
      json_builder_add_string_value (b, iso);
    }
  add_count (b, "customers", seg_table_get_n_rows (seg_dataset_get_customers (dataset)));

  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < seg_dataset_get_n_inputs (dataset); i++)
    add_input (b, seg_dataset_get_input (dataset, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "notices");
  json_builder_begin_array (b);
  for (guint i = 0; i < notices->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (notices, i));
  json_builder_end_array (b);
}

char *
seg_summary_to_string (JsonNode *root)
{
  g_autoptr(JsonGenerator) gen = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}
