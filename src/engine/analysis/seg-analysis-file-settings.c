/* seg-analysis-file-settings.c — the settings a .segmenta file keeps, written and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-analysis-file"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "seg-analysis-file.h"
#include "seg-analysis-file-private.h"
#include "seg-analysis-private.h"
#include "seg-csv-writer.h"
#include "seg-error.h"
#include "seg-logistic.h"
#include "seg-rules.h"

/* ------------------------------------------------------- the settings */

static char *
format_day (double day)
{
  int y, m, d;

  seg_date_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

gboolean
seg_analysis_file_parse_day (const char *text,
                             double     *out)
{
  int y, m, d, yy, mm, dd;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      m < 1 || m > 12 || d < 1 || d > 31)
    return FALSE;
  *out = seg_date_from_ymd (y, m, d);
  seg_date_to_ymd (*out, &yy, &mm, &dd);
  return yy == y && mm == m && dd == d;
}

const char *
seg_analysis_file_rfm_method_name (SegRfmMethod m)
{
  return m == SEG_RFM_METHOD_QCUT ? "qcut" : m == SEG_RFM_METHOD_RANK_FIRST ? "rank-first" : "ntile";
}

SegRfmMethod
seg_analysis_file_rfm_method_parse (const char *s)
{
  if (g_strcmp0 (s, "qcut") == 0)
    return SEG_RFM_METHOD_QCUT;
  if (g_strcmp0 (s, "rank-first") == 0)
    return SEG_RFM_METHOD_RANK_FIRST;
  return SEG_RFM_METHOD_NTILE;
}

static void
add_methods (JsonBuilder *b,
             const char  *name,
             SegMethods   methods)
{
  static const SegMethods all[] = { SEG_METHOD_RULES, SEG_METHOD_RFM, SEG_METHOD_KMEANS,
                                    SEG_METHOD_PCA, SEG_METHOD_CHURN, SEG_METHOD_CLV };

  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (methods & all[i])
      json_builder_add_string_value (b, seg_analysis_method_name (all[i]));
  json_builder_end_array (b);
}

SegMethods
seg_analysis_file_get_methods (JsonObject *o,
                               const char *member)
{
  g_auto(GStrv) names = seg_json_get_strv (o, member, NULL);
  g_autofree char *list = NULL;
  SegMethods m = 0;

  if (names == NULL || names[0] == NULL)
    return 0;
  list = g_strjoinv (",", names);
  if (!seg_methods_parse (list, &m, NULL))
    return 0;
  return m;
}

void
seg_analysis_file_add_rfm_map (JsonBuilder     *b,
                               const char      *name,
                               const SegRfmMap *map)
{
  guint bins = seg_rfm_map_get_bins (map);

  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);   /* rows R = 1..bins, columns F = 1..bins */
  for (guint r = 1; r <= bins; r++)
    {
      json_builder_begin_array (b);
      for (guint f = 1; f <= bins; f++)
        json_builder_add_string_value (b, seg_rfm_map_get_name (map, r, f));
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

void
seg_analysis_file_add_dataset_settings (JsonBuilder             *b,
                                        const SegDataset        *ds)
{
  const SegDatasetOptions *o = seg_dataset_get_options (ds);
  const SegReadOptions *ro = seg_dataset_options_get_read_settings (o);
  g_auto(GStrv) maps = seg_dataset_options_dup_maps (o);
  g_auto(GStrv) txn_derives = seg_dataset_options_dup_txn_derives (o);
  g_auto(GStrv) derives = seg_dataset_options_dup_derives (o);
  double as_of = seg_dataset_options_get_as_of (o);

  json_builder_set_member_name (b, "dataset");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "maps");
  json_builder_begin_array (b);
  for (guint i = 0; maps[i] != NULL; i++)
    json_builder_add_string_value (b, maps[i]);
  json_builder_end_array (b);
  seg_json_add_string (b, "where", seg_dataset_options_get_where (o));
  seg_json_add_strv (b, "txn_derives", (const char * const *) txn_derives, g_strv_length (txn_derives));
  seg_json_add_strv (b, "derives", (const char * const *) derives, g_strv_length (derives));
  json_builder_set_member_name (b, "as_of");
  json_builder_begin_object (b);
  if (isnan (as_of))
    seg_json_add_string (b, "mode", "latest");
  else
    {
      g_autofree char *day = format_day (as_of);
      seg_json_add_string (b, "mode", "fixed");
      seg_json_add_string (b, "date", day);
    }
  {
    g_autofree char *used = format_day (seg_dataset_get_as_of (ds));
    seg_json_add_string (b, "used", used);
  }
  json_builder_end_object (b);
  seg_json_add_string (b, "time_unit",
                       seg_dataset_options_get_time_unit (o) == SEG_TIME_UNIT_WEEKS ? "weeks" : "days");
  json_builder_set_member_name (b, "read");
  json_builder_begin_object (b);
  if (ro->delimiter != 0)
    {
      char d[2] = { ro->delimiter, 0 };
      seg_json_add_string (b, "delimiter", d);
    }
  seg_json_add_int (b, "has_header", ro->has_header);
  seg_json_add_string (b, "encoding", ro->encoding);
  seg_json_add_int (b, "day_first", ro->day_first);
  if (ro->column_types != NULL)
    {
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (ro->column_types), (GCompareFunc) g_strcmp0);
      json_builder_set_member_name (b, "column_types");
      json_builder_begin_object (b);
      for (GList *l = keys; l; l = l->next)
        seg_json_add_string (b, l->data,
                    seg_column_type_to_string (GPOINTER_TO_INT (g_hash_table_lookup (ro->column_types, l->data)) - 1));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

void
seg_analysis_file_add_analysis_settings (JsonBuilder *b,
                                         SegResult   *result)
{
  const SegAnalysisOptions *o = seg_result_get_options (result);
  const SegRuleSet *rules = seg_result_get_rule_set (result);

  json_builder_set_member_name (b, "analysis");
  json_builder_begin_object (b);
  add_methods (b, "methods", o->methods);
  add_methods (b, "required", o->required);
  if (rules != NULL || o->rules != NULL)
    {
      g_autofree char *text = seg_rule_set_to_string (rules ? rules : o->rules);
      seg_json_add_string (b, "rules", text);
    }
  else
    seg_json_add_string (b, "rules", NULL);
  seg_json_add_strv (b, "features", (const char * const *) o->features, -1);
  json_builder_set_member_name (b, "log1p");
  if (o->log1p != NULL && o->features != NULL)
    {
      json_builder_begin_array (b);
      for (guint i = 0; o->features[i]; i++)
        json_builder_add_boolean_value (b, o->log1p[i]);
      json_builder_end_array (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "k");
  if (o->k == 0)
    json_builder_add_string_value (b, "auto");
  else
    json_builder_add_int_value (b, o->k);
  seg_json_add_int (b, "k_min", o->k_min);
  seg_json_add_int (b, "k_max", o->k_max);
  seg_json_add_int (b, "n_init", o->n_init);
  seg_json_add_int (b, "seed", (gint64) o->seed);
  json_builder_set_member_name (b, "rfm");
  json_builder_begin_object (b);
  seg_json_add_int (b, "bins", o->rfm_bins);
  seg_json_add_string (b, "method", seg_analysis_file_rfm_method_name (o->rfm_method));
  if (o->rfm_map != NULL)
    seg_analysis_file_add_rfm_map (b, "map", o->rfm_map);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "churn");
  json_builder_begin_object (b);
  seg_json_add_number (b, "days", o->churn_days);
  seg_json_add_string (b, "label", o->churn_label);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "clv");
  json_builder_begin_object (b);
  seg_json_add_string (b, "method", seg_clv_method_to_string (o->clv_method));
  seg_json_add_string (b, "formula", o->clv_formula);
  seg_json_add_int (b, "months", o->clv_months);
  seg_json_add_number (b, "discount", o->clv_discount);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* --------------------------------------------------- options from it */

SegDatasetOptions *
seg_analysis_file_dataset_options (SegAnalysisFile    *f,
                                   const char * const *paths,
                                   GError            **error)
{
  g_autoptr(SegDatasetOptions) o = NULL;
  JsonObject *d, *as_of, *read;
  g_auto(GStrv) maps = NULL;
  g_auto(GStrv) txn = NULL;
  g_auto(GStrv) derives = NULL;
  const char *where;
  guint n_paths;

  g_return_val_if_fail (f != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  o = seg_dataset_options_new ();
  d = seg_json_get_object (f->root, "dataset");
  as_of = seg_json_get_object (d, "as_of");
  read = seg_json_get_object (d, "read");
  maps = seg_json_get_strv (d, "maps", NULL);
  txn = seg_json_get_strv (d, "txn_derives", NULL);
  derives = seg_json_get_strv (d, "derives", NULL);
  where = seg_json_get_string (d, "where");
  n_paths = paths ? g_strv_length ((char **) paths) : 0;
  if (paths != NULL)
    for (guint i = 0; i < n_paths; i++)
      {
        const SegSavedInput *in = n_paths == f->inputs->len ? g_ptr_array_index (f->inputs, i) : NULL;
        seg_dataset_options_add_input (o, paths[i], in ? in->role : SEG_FILE_ROLE_UNKNOWN);
      }
  else
    for (guint i = 0; i < f->inputs->len; i++)
      {
        const SegSavedInput *in = g_ptr_array_index (f->inputs, i);
        if (in->path == NULL)
          {
            g_set_error (error, SEG_ERROR, SEG_ERROR_IO,
                         _("%s: the input %s cannot be found (it was at %s); locate it or move it back"),
                         f->path ? f->path : _("analysis file"), in->stored_path,
                         in->absolute_path ? in->absolute_path : in->stored_path);
            return NULL;
          }
        seg_dataset_options_add_input (o, in->path, in->role);
      }
  for (guint i = 0; maps && maps[i]; i++)
    if (!seg_dataset_options_add_map (o, maps[i], error))
      return NULL;
  seg_dataset_options_set_where (o, where);
  for (guint i = 0; txn && txn[i]; i++)
    seg_dataset_options_add_txn_derive (o, txn[i]);
  for (guint i = 0; derives && derives[i]; i++)
    seg_dataset_options_add_derive (o, derives[i]);
  if (g_strcmp0 (seg_json_get_string (as_of, "mode"), "fixed") == 0)
    {
      double day;
      if (!seg_analysis_file_parse_day (seg_json_get_string (as_of, "date"), &day))
        {
          seg_json_bad_member (f->path, "dataset.as_of.date", error);
          return NULL;
        }
      seg_dataset_options_set_as_of (o, day);
    }
  if (g_strcmp0 (seg_json_get_string (d, "time_unit"), "weeks") == 0)
    seg_dataset_options_set_time_unit (o, SEG_TIME_UNIT_WEEKS);
  if (read != NULL)
    {
      SegReadOptions *ro = seg_dataset_options_get_read_options (o);
      const char *delim = seg_json_get_string (read, "delimiter");
      JsonObject *types = seg_json_get_object (read, "column_types");

      if (delim != NULL && strlen (delim) == 1)
        ro->delimiter = delim[0];
      ro->has_header = (int) seg_json_get_int (read, "has_header", -1);
      ro->day_first = (int) seg_json_get_int (read, "day_first", -1);
      if (seg_json_get_string (read, "encoding") != NULL)
        ro->encoding = g_intern_string (seg_json_get_string (read, "encoding"));   /* not owned by SegReadOptions */
      if (types != NULL)
        {
          g_autoptr(GList) members = json_object_get_members (types);
          if (ro->column_types == NULL)
            ro->column_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (GList *l = members; l; l = l->next)
            {
              SegColumnType type;
              if (seg_column_type_from_string (seg_json_get_string (types, l->data), &type))
                g_hash_table_insert (ro->column_types, g_strdup (l->data), GINT_TO_POINTER (type + 1));
            }
        }
    }
  return g_steal_pointer (&o);
}

gboolean
seg_analysis_file_analysis_options (SegAnalysisFile    *f,
                                    SegAnalysisOptions *o,
                                    GError            **error)
{
  JsonObject *a, *rfm, *churn, *clv;
  const char *rules;
  JsonNode *k;
  double v;

  g_return_val_if_fail (f != NULL && o != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  a = seg_json_get_object (f->root, "analysis");
  rfm = seg_json_get_object (a, "rfm");
  churn = seg_json_get_object (a, "churn");
  clv = seg_json_get_object (a, "clv");
  rules = seg_json_get_string (a, "rules");
  k = json_object_get_member (a, "k");
  seg_analysis_options_init (o);
  o->methods = seg_analysis_file_get_methods (a, "methods");
  o->required = seg_analysis_file_get_methods (a, "required");
  if (rules != NULL)
    {
      g_autoptr(GError) local = NULL;
      o->rules = seg_rule_set_parse (rules, f->path, &local);
      if (o->rules == NULL)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT, _("%s: the saved rule set: %s"),
                       f->path ? f->path : _("analysis file"), local->message);
          return FALSE;
        }
    }
  o->features = seg_json_get_strv (a, "features", NULL);
  if (o->features != NULL)
    {
      JsonNode *l = json_object_get_member (a, "log1p");
      guint p = g_strv_length (o->features);
      if (l != NULL && JSON_NODE_HOLDS_ARRAY (l) && json_array_get_length (json_node_get_array (l)) == p)
        {
          o->log1p = g_new0 (gboolean, MAX (p, 1));
          for (guint j = 0; j < p; j++)
            o->log1p[j] = json_array_get_boolean_element (json_node_get_array (l), j);
        }
    }
  if (k != NULL && JSON_NODE_HOLDS_VALUE (k) && json_node_get_value_type (k) != G_TYPE_STRING)
    o->k = (guint) json_node_get_int (k);
  o->k_min = (guint) seg_json_get_int (a, "k_min", o->k_min);
  o->k_max = (guint) seg_json_get_int (a, "k_max", o->k_max);
  o->n_init = (guint) seg_json_get_int (a, "n_init", o->n_init);
  o->seed = (guint64) seg_json_get_int (a, "seed", 0);
  if (rfm != NULL)
    {
      o->rfm_bins = (guint) seg_json_get_int (rfm, "bins", 5);
      o->rfm_method = seg_analysis_file_rfm_method_parse (seg_json_get_string (rfm, "method"));
      o->rfm_map = seg_json_get_rfm_map (rfm, "map", o->rfm_bins);
    }
  if (churn != NULL)
    {
      if (seg_json_get_number (churn, "days", &v) && isfinite (v))
        {
          o->churn_days = v;
          /* a window other than the default was asked for */
          o->churn_days_auto = o->churn_days_auto && v == 180;
        }
      o->churn_label = g_strdup (seg_json_get_string (churn, "label"));
    }
  if (clv != NULL)
    {
      const char *method = seg_json_get_string (clv, "method");
      if (method == NULL || !seg_clv_method_parse (method, &o->clv_method))
        o->clv_method = SEG_CLV_METHOD_AUTO;
      o->clv_formula = g_strdup (seg_json_get_string (clv, "formula"));
      o->clv_months = (guint) seg_json_get_int (clv, "months", 12);
      if (seg_json_get_number (clv, "discount", &v) && isfinite (v))
        o->clv_discount = v;
    }
  if (o->rfm_bins != 4 && o->rfm_bins != 5)
    return seg_json_bad_member (f->path, "analysis.rfm.bins", error);
  return TRUE;
}
