/* seg-analysis-file.c — writing, reading and migrating .segmenta files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document's layout is described in data/segmenta-analysis-format.md
 * and data/segmenta-analysis.schema.json.  Numbers are written with
 * json-glib's shortest round-trip form, so models read back bit for bit;
 * values that are not numbers (NAN) are written as null.
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
#include "seg-dataset-private.h"
#include "seg-error.h"
#include "seg-logistic.h"
#include "seg-rules.h"

struct _SegAnalysisFile
{
  gatomicrefcount ref_count;
  char           *path;      /* where it was read from or last saved; nullable */
  int             version;   /* as read (before migration) */
  JsonObject     *root;      /* the document, inputs and view excepted */
  GPtrArray      *inputs;    /* SegSavedInput* */
  SegAnalysisView view;
};

/* ---------------------------------------------------------- small parts */

void
seg_analysis_view_clear (SegAnalysisView *view)
{
  g_clear_pointer (&view->colour_by, g_free);
  g_clear_pointer (&view->pane, g_free);
  g_clear_pointer (&view->persona_names, g_strfreev);
  g_clear_pointer (&view->persona_actions, g_strfreev);
}

void
seg_analysis_view_copy (const SegAnalysisView *src,
                        SegAnalysisView       *dest)
{
  dest->colour_by = g_strdup (src->colour_by);
  dest->pane = g_strdup (src->pane);
  dest->persona_names = g_strdupv (src->persona_names);
  dest->persona_actions = g_strdupv (src->persona_actions);
}

static void
saved_input_free (SegSavedInput *in)
{
  g_free (in->stored_path);
  g_free (in->absolute_path);
  g_free (in->path);
  g_free (in->sha256);
  g_free (in);
}

char *
seg_file_sha256 (const char   *path,
                 guint64      *size,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (1 << 16);
  guint64 total = 0;
  gssize got;

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  while ((got = g_input_stream_read (G_INPUT_STREAM (in), buf, 1 << 16, cancellable, error)) > 0)
    {
      g_checksum_update (sum, buf, got);
      total += (guint64) got;
    }
  if (got < 0)
    return NULL;
  if (size != NULL)
    *size = total;
  return g_strdup (g_checksum_get_string (sum));
}

char *
seg_relative_path (const char *base,
                   const char *target)
{
  g_autofree char *abs_base = g_canonicalize_filename (base, NULL);
  g_autofree char *abs_target = g_canonicalize_filename (target, NULL);
  g_auto(GStrv) b = g_strsplit (abs_base, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) t = g_strsplit (abs_target, G_DIR_SEPARATOR_S, -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint nb = g_strv_length (b), nt = g_strv_length (t), common = 0;

  while (common < nb && common < nt - 1 && g_str_equal (b[common], t[common]))
    common++;
  /* only the root in common ("/"): an absolute path says it better */
  if (common <= 1 && nb > 1)
    return NULL;
  for (guint i = common; i < nb; i++)
    if (*b[i] != '\0')
      g_string_append (out, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; i < nt; i++)
    {
      g_string_append (out, t[i]);
      if (i + 1 < nt)
        g_string_append_c (out, G_DIR_SEPARATOR);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------- JSON helpers */

void
seg_json_add_number (JsonBuilder *b,
                     const char  *name,
                     double       v)
{
  if (name != NULL)
    json_builder_set_member_name (b, name);
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

void
seg_json_add_numbers (JsonBuilder  *b,
                      const char   *name,
                      const double *v,
                      gsize         n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n; i++)
    seg_json_add_number (b, NULL, v[i]);
  json_builder_end_array (b);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *v)
{
  json_builder_set_member_name (b, name);
  if (v != NULL)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
add_strv (JsonBuilder        *b,
          const char         *name,
          const char * const *v,
          gssize              n)
{
  json_builder_set_member_name (b, name);
  if (v == NULL && n != 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (gssize i = 0; v != NULL && (n < 0 ? v[i] != NULL : i < n); i++)
    if (v[i] != NULL)
      json_builder_add_string_value (b, v[i]);
    else
      json_builder_add_null_value (b);
  json_builder_end_array (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

static gboolean
bad_member (const char *path,
            const char *member,
            GError    **error)
{
  g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
               _("%s: this analysis file is damaged: “%s” is missing or has the wrong kind of value"),
               path ? path : _("analysis file"), member);
  return FALSE;
}

/* A member that must be a number (null = NAN). */
gboolean
seg_json_get_number (JsonObject *o,
                     const char *member,
                     double     *out)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;

  if (n == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (n))
    {
      *out = NAN;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || (json_node_get_value_type (n) != G_TYPE_DOUBLE &&
                                     json_node_get_value_type (n) != G_TYPE_INT64))
    return FALSE;
  *out = json_node_get_double (n);
  return TRUE;
}

/* An array of @n numbers (null = NAN); @n 0 = any length, given in *@n_out. */
double *
seg_json_get_numbers (JsonObject *o,
                      const char *member,
                      gsize       n,
                      gsize      *n_out)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;
  JsonArray *a;
  double *v;
  guint len;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  a = json_node_get_array (node);
  len = json_array_get_length (a);
  if (n != 0 && len != n)
    return NULL;
  v = g_new (double, MAX (len, 1));
  for (guint i = 0; i < len; i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      if (JSON_NODE_HOLDS_NULL (e))
        v[i] = NAN;
      else if (JSON_NODE_HOLDS_VALUE (e) && (json_node_get_value_type (e) == G_TYPE_DOUBLE ||
                                             json_node_get_value_type (e) == G_TYPE_INT64))
        v[i] = json_node_get_double (e);
      else
        {
          g_free (v);
          return NULL;
        }
    }
  if (n_out != NULL)
    *n_out = len;
  return v;
}

/* An array of strings (null elements kept as NULL only when @allow_null). */
char **
seg_json_get_strv (JsonObject *o,
                   const char *member,
                   gsize      *n_out)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;
  JsonArray *a;
  char **v;
  guint len;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  a = json_node_get_array (node);
  len = json_array_get_length (a);
  v = g_new0 (char *, len + 1);
  for (guint i = 0; i < len; i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
        v[i] = g_strdup (json_node_get_string (e));
      else
        v[i] = g_strdup ("");
    }
  if (n_out != NULL)
    *n_out = len;
  return v;
}

const char *
seg_json_get_string (JsonObject *o,
                     const char *member)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

JsonObject *
seg_json_get_object (JsonObject *o,
                     const char *member)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static gint64
get_int (JsonObject *o,
         const char *member,
         gint64      fallback)
{
  double v;

  return seg_json_get_number (o, member, &v) && isfinite (v) ? (gint64) v : fallback;
}

/* ------------------------------------------------------- the settings */

static char *
format_day (double day)
{
  int y, m, d;

  seg_date_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static gboolean
parse_day (const char *text,
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

static const char *
rfm_method_name (SegRfmMethod m)
{
  return m == SEG_RFM_METHOD_QCUT ? "qcut" : m == SEG_RFM_METHOD_RANK_FIRST ? "rank-first" : "ntile";
}

static SegRfmMethod
rfm_method_parse (const char *s)
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
      json_builder_add_string_value (b, seg_method_name (all[i]));
  json_builder_end_array (b);
}

static SegMethods
get_methods (JsonObject *o,
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

static void
add_rfm_map (JsonBuilder     *b,
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

SegRfmMap *
seg_json_get_rfm_map (JsonObject *o,
                      const char *member,
                      guint       bins)
{
  JsonNode *n = json_object_get_member (o, member);
  JsonArray *rows;
  g_autoptr(SegRfmMap) map = NULL;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n) || (bins != 4 && bins != 5))
    return NULL;
  rows = json_node_get_array (n);
  if (json_array_get_length (rows) != bins)
    return NULL;
  map = seg_rfm_map_new_default (bins);
  for (guint r = 0; r < bins; r++)
    {
      JsonNode *row = json_array_get_element (rows, r);
      JsonArray *a;
      if (!JSON_NODE_HOLDS_ARRAY (row) || json_array_get_length (a = json_node_get_array (row)) != bins)
        return NULL;
      for (guint f = 0; f < bins; f++)
        {
          const char *s = json_array_get_string_element (a, f);
          if (s == NULL)
            return NULL;
          seg_rfm_map_set_name (map, r + 1, f + 1, s);
        }
    }
  return g_steal_pointer (&map);
}

static void
add_dataset_settings (JsonBuilder             *b,
                      const SegDataset        *ds)
{
  const SegDatasetOptions *o = seg_dataset_get_options (ds);
  const SegReadOptions *ro = &o->read_options;

  json_builder_set_member_name (b, "dataset");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "maps");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->maps->len; i++)
    {
      const SegMapping *m = g_ptr_array_index (o->maps, i);
      g_autofree char *text = g_strdup_printf ("%s.%s=%s", seg_file_role_to_string (m->role),
                                               seg_field_role_to_string (m->field), m->expr);
      json_builder_add_string_value (b, text);
    }
  json_builder_end_array (b);
  add_string (b, "where", o->where);
  add_strv (b, "txn_derives", (const char * const *) o->txn_derives->pdata, o->txn_derives->len);
  add_strv (b, "derives", (const char * const *) o->derives->pdata, o->derives->len);
  json_builder_set_member_name (b, "as_of");
  json_builder_begin_object (b);
  if (isnan (o->as_of))
    add_string (b, "mode", "latest");
  else
    {
      g_autofree char *day = format_day (o->as_of);
      add_string (b, "mode", "fixed");
      add_string (b, "date", day);
    }
  {
    g_autofree char *used = format_day (seg_dataset_get_as_of (ds));
    add_string (b, "used", used);
  }
  json_builder_end_object (b);
  add_string (b, "time_unit", o->time_unit == SEG_TIME_UNIT_WEEKS ? "weeks" : "days");
  json_builder_set_member_name (b, "read");
  json_builder_begin_object (b);
  if (ro->delimiter != 0)
    {
      char d[2] = { ro->delimiter, 0 };
      add_string (b, "delimiter", d);
    }
  add_int (b, "has_header", ro->has_header);
  add_string (b, "encoding", ro->encoding);
  add_int (b, "day_first", ro->day_first);
  if (ro->column_types != NULL)
    {
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (ro->column_types), (GCompareFunc) g_strcmp0);
      json_builder_set_member_name (b, "column_types");
      json_builder_begin_object (b);
      for (GList *l = keys; l; l = l->next)
        add_string (b, l->data,
                    seg_column_type_to_string (GPOINTER_TO_INT (g_hash_table_lookup (ro->column_types, l->data)) - 1));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_analysis_settings (JsonBuilder *b,
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
      add_string (b, "rules", text);
    }
  else
    add_string (b, "rules", NULL);
  add_strv (b, "features", (const char * const *) o->features, -1);
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
  add_int (b, "k_min", o->k_min);
  add_int (b, "k_max", o->k_max);
  add_int (b, "n_init", o->n_init);
  add_int (b, "seed", (gint64) o->seed);
  json_builder_set_member_name (b, "rfm");
  json_builder_begin_object (b);
  add_int (b, "bins", o->rfm_bins);
  add_string (b, "method", rfm_method_name (o->rfm_method));
  if (o->rfm_map != NULL)
    add_rfm_map (b, "map", o->rfm_map);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "churn");
  json_builder_begin_object (b);
  seg_json_add_number (b, "days", o->churn_days);
  add_string (b, "label", o->churn_label);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "clv");
  json_builder_begin_object (b);
  add_string (b, "method", seg_clv_method_to_string (o->clv_method));
  add_string (b, "formula", o->clv_formula);
  add_int (b, "months", o->clv_months);
  seg_json_add_number (b, "discount", o->clv_discount);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* --------------------------------------------------------- the models */

/* What each column of the k-means matrix is: a numeric column, or one value
 * of a text column ("city=Mumbai"). */
static void
add_feature_columns (JsonBuilder       *b,
                     const SegTable    *t,
                     const SegClusters *c)
{
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint j = 0; j < c->p; j++)
    {
      const char *name = c->features[j];
      const SegColumn *col = seg_table_find_column (t, name);

      json_builder_begin_object (b);
      add_string (b, "name", name);
      if (col != NULL && col->type != SEG_COLUMN_TEXT)
        {
          add_string (b, "column", name);
          add_string (b, "level", NULL);
        }
      else
        {
          /* the longest text column the name starts with, then "=" */
          const SegColumn *best = NULL;
          for (guint k = 0; k < seg_table_get_n_columns (t); k++)
            {
              const SegColumn *tc = seg_table_get_column ((SegTable *) t, k);
              gsize len = strlen (tc->name);
              if (tc->type == SEG_COLUMN_TEXT && g_str_has_prefix (name, tc->name) && name[len] == '=' &&
                  (best == NULL || len > strlen (best->name)))
                best = tc;
            }
          add_string (b, "column", best ? best->name : name);
          add_string (b, "level", best ? name + strlen (best->name) + 1 : NULL);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_matrix (JsonBuilder  *b,
            const char   *name,
            const double *v,
            guint         rows,
            guint         cols)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows; i++)
    {
      json_builder_begin_array (b);
      for (guint j = 0; j < cols; j++)
        seg_json_add_number (b, NULL, v[(gsize) i * cols + j]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

double *
seg_json_get_matrix (JsonObject *o,
                     const char *member,
                     guint       rows,
                     guint       cols)
{
  JsonNode *n = o ? json_object_get_member (o, member) : NULL;
  JsonArray *a;
  g_autofree double *v = NULL;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n) || json_array_get_length (a = json_node_get_array (n)) != rows)
    return NULL;
  v = g_new (double, MAX ((gsize) rows * cols, 1));
  for (guint i = 0; i < rows; i++)
    {
      JsonNode *row = json_array_get_element (a, i);
      JsonArray *ra;
      if (!JSON_NODE_HOLDS_ARRAY (row) || json_array_get_length (ra = json_node_get_array (row)) != cols)
        return NULL;
      for (guint j = 0; j < cols; j++)
        {
          JsonNode *e = json_array_get_element (ra, j);
          if (JSON_NODE_HOLDS_NULL (e))
            v[(gsize) i * cols + j] = NAN;
          else if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) != G_TYPE_STRING &&
                   json_node_get_value_type (e) != G_TYPE_BOOLEAN)
            v[(gsize) i * cols + j] = json_node_get_double (e);
          else
            return NULL;
        }
    }
  return g_steal_pointer (&v);
}

typedef struct
{
  const double      *values;
  const char *const *ids;
  gboolean           descending;
  gboolean           use_ids;
} RfmOrder;

int
seg_rfm_order_compare (double      va,
                       const char *ida,
                       double      vb,
                       const char *idb,
                       gboolean    descending,
                       gboolean    use_ids)
{
  if (va != vb)
    {
      int c = va < vb ? -1 : 1;
      return descending ? -c : c;
    }
  return use_ids ? strcmp (ida ? ida : "", idb ? idb : "") : 0;
}

static int
rfm_order_rows (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const RfmOrder *o = user_data;
  gsize i = *(const gsize *) a, j = *(const gsize *) b;
  int c = seg_rfm_order_compare (o->values[i], o->ids[i], o->values[j], o->ids[j], o->descending, o->use_ids);

  return c != 0 ? c : (i < j ? -1 : i > j);
}

/* Per score s = 2..bins, the first customer in the scoring order with a
 * score of s or more: its value and (NTILE) its id.  Scores do not fall
 * along that order, so these thresholds give every customer the same score
 * again (seg-apply.c), and place new customers the way the fit would. */
static void
add_rfm_thresholds (JsonBuilder       *b,
                    const char        *name,
                    const double      *values,
                    const char *const *ids,
                    const guint8      *scores,
                    gsize              n,
                    guint              bins,
                    gboolean           reverse,
                    gboolean           use_ids)
{
  RfmOrder o = { values, ids, reverse, use_ids };
  g_autofree gsize *rows = g_new (gsize, MAX (n, 1));
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (scores[i] > 0)
      rows[m++] = i;
  g_qsort_with_data (rows, (int) m, sizeof (gsize), rfm_order_rows, &o);
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint s = 2; s <= bins; s++)
    {
      gsize k = 0;
      while (k < m && scores[rows[k]] < s)
        k++;
      if (k == m)
        {
          json_builder_add_null_value (b);
          continue;
        }
      json_builder_begin_object (b);
      seg_json_add_number (b, "value", values[rows[k]]);
      add_string (b, "id", use_ids ? ids[rows[k]] : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_rfm_model (JsonBuilder *b,
               SegResult   *result)
{
  const SegRfmScores *s = seg_result_get_rfm_scores (result);
  SegTable *t = seg_result_get_customers (result);
  const SegColumn *rec = seg_table_find_column (t, "recency_days");
  const SegColumn *freq = seg_table_find_column (t, "txn_count");
  const SegColumn *mon = seg_table_find_column (t, "total_spent");
  const SegColumn *ids = seg_table_find_column (t, "customer_id");
  gboolean use_ids = s->method != SEG_RFM_METHOD_QCUT;

  json_builder_set_member_name (b, "rfm");
  json_builder_begin_object (b);
  add_int (b, "bins", s->bins);
  add_string (b, "method", rfm_method_name (s->method));
  add_rfm_map (b, "map", seg_result_get_rfm_map (result));
  json_builder_set_member_name (b, "thresholds");
  json_builder_begin_object (b);
  add_rfm_thresholds (b, "recency", rec->num, (const char * const *) ids->text, s->r, s->n, s->bins, TRUE, use_ids);
  add_rfm_thresholds (b, "frequency", freq->num, (const char * const *) ids->text, s->f, s->n, s->bins, FALSE, use_ids);
  add_rfm_thresholds (b, "monetary", mon->num, (const char * const *) ids->text, s->m, s->n, s->bins, FALSE, use_ids);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
add_models (JsonBuilder *b,
            SegResult   *result)
{
  const SegClusters *c = seg_result_get_clusters (result);
  const SegPca *pca = seg_result_get_pca (result);
  const SegChurn *churn = seg_result_get_churn (result);
  const SegClv *clv = seg_result_get_clv (result);
  SegTable *t = seg_result_get_customers (result);

  json_builder_set_member_name (b, "models");
  json_builder_begin_object (b);
  if (seg_result_get_rfm (result) != NULL && seg_result_get_rfm_scores (result) != NULL)
    add_rfm_model (b, result);
  if (c != NULL)
    {
      json_builder_set_member_name (b, "scaling");
      json_builder_begin_object (b);
      add_feature_columns (b, t, c);
      json_builder_set_member_name (b, "log1p");
      json_builder_begin_array (b);
      for (guint j = 0; j < c->p; j++)
        json_builder_add_boolean_value (b, c->scale->log1p[j]);
      json_builder_end_array (b);
      seg_json_add_numbers (b, "mean", c->scale->mean, c->p);
      seg_json_add_numbers (b, "scale", c->scale->scale, c->p);
      json_builder_end_object (b);
    }
  if (c != NULL && c->fit != NULL && seg_result_get_kmeans (result) != NULL)
    {
      json_builder_set_member_name (b, "kmeans");
      json_builder_begin_object (b);
      add_int (b, "k", c->fit->k);
      add_matrix (b, "centers", c->fit->centers, c->fit->k, c->p);
      add_matrix (b, "centroids", c->centroids, c->fit->k, c->p);
      add_strv (b, "names", (const char * const *) c->names, c->fit->k);
      add_strv (b, "actions", (const char * const *) c->actions, c->fit->k);
      seg_json_add_number (b, "inertia", c->fit->inertia);
      json_builder_end_object (b);
    }
  if (pca != NULL)
    {
      json_builder_set_member_name (b, "pca");
      json_builder_begin_object (b);
      add_int (b, "n_components", pca->n_components);
      seg_json_add_numbers (b, "mean", pca->mean, pca->p);
      add_matrix (b, "components", pca->components, pca->n_components, pca->p);
      seg_json_add_numbers (b, "explained_variance", pca->explained_variance, pca->n_components);
      seg_json_add_numbers (b, "explained_variance_ratio", pca->explained_variance_ratio, pca->n_components);
      seg_json_add_number (b, "total_variance", pca->total_variance);
      json_builder_end_object (b);
    }
  if (churn != NULL && churn->fit != NULL)
    {
      const SegLogisticResult *fit = churn->fit;
      json_builder_set_member_name (b, "churn");
      json_builder_begin_object (b);
      add_string (b, "label", churn->label);
      add_strv (b, "features", (const char * const *) churn->features, churn->p);
      seg_json_add_numbers (b, "mean", fit->model->mean, churn->p);
      seg_json_add_numbers (b, "scale", fit->model->scale, churn->p);
      seg_json_add_numbers (b, "coef", churn->coef, churn->p);
      seg_json_add_number (b, "intercept", churn->intercept);
      seg_json_add_number (b, "threshold", churn->threshold);
      seg_json_add_number (b, "test_auc", churn->test.auc);
      json_builder_end_object (b);
    }
  if (clv != NULL)
    {
      json_builder_set_member_name (b, "clv");
      json_builder_begin_object (b);
      add_string (b, "method", seg_clv_method_to_string (clv->method));
      add_string (b, "formula", clv->formula);
      add_int (b, "months", clv->months);
      seg_json_add_number (b, "discount", clv->discount);
      if (clv->method == SEG_CLV_METHOD_BGNBD)
        {
          json_builder_set_member_name (b, "bgnbd");
          json_builder_begin_object (b);
          seg_json_add_number (b, "r", clv->bgnbd.r);
          seg_json_add_number (b, "alpha", clv->bgnbd.alpha);
          seg_json_add_number (b, "a", clv->bgnbd.a);
          seg_json_add_number (b, "b", clv->bgnbd.b);
          json_builder_end_object (b);
          json_builder_set_member_name (b, "gamma_gamma");
          if (clv->has_gamma_gamma)
            {
              json_builder_begin_object (b);
              seg_json_add_number (b, "p", clv->gamma_gamma.p);
              seg_json_add_number (b, "q", clv->gamma_gamma.q);
              seg_json_add_number (b, "v", clv->gamma_gamma.v);
              json_builder_end_object (b);
            }
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* Each customer's segment per method, for migration; k-means segments carry
 * the persona names of the view. */
static void
add_segments (JsonBuilder           *b,
              SegResult             *result,
              const SegAnalysisView *view)
{
  SegTable *t = seg_result_get_customers (result);
  guint64 n = seg_table_get_n_rows (t);
  const SegColumn *ids = seg_table_find_column (t, "customer_id");
  const SegColumn *spent = seg_table_find_column (t, "total_spent");
  static const char *methods[] = { "rules", "rfm", "kmeans" };

  json_builder_set_member_name (b, "segments");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "customer_ids");
  json_builder_begin_array (b);
  for (guint64 i = 0; i < n; i++)
    if (ids != NULL && ids->text[i] != NULL)
      json_builder_add_string_value (b, ids->text[i]);
    else
      json_builder_add_null_value (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "total_spent");
  json_builder_begin_array (b);
  for (guint64 i = 0; i < n; i++)
    seg_json_add_number (b, NULL, spent ? spent->num[i] : NAN);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "methods");
  json_builder_begin_object (b);
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      const SegSegmentation *seg = seg_result_get_segmentation (result, methods[m]);
      if (seg == NULL)
        continue;
      json_builder_set_member_name (b, methods[m]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "names");
      json_builder_begin_array (b);
      for (guint s = 0; s < seg->n_segments; s++)
        {
          const char *name = seg->segments[s].name;
          if (m == 2 && view != NULL && view->persona_names != NULL &&
              s < g_strv_length (view->persona_names) && *view->persona_names[s] != '\0')
            name = view->persona_names[s];
          json_builder_add_string_value (b, name);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "labels");
      json_builder_begin_array (b);
      for (guint64 i = 0; i < n; i++)
        json_builder_add_int_value (b, seg->labels[i] < seg->n_segments ? (gint64) seg->labels[i] : -1);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* ------------------------------------------------------------- the file */

static SegAnalysisFile *
file_new (void)
{
  SegAnalysisFile *f = g_new0 (SegAnalysisFile, 1);

  g_atomic_ref_count_init (&f->ref_count);
  f->version = SEG_ANALYSIS_FILE_VERSION;
  f->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) saved_input_free);
  return f;
}

SegAnalysisFile *
seg_analysis_file_ref (SegAnalysisFile *file)
{
  g_atomic_ref_count_inc (&file->ref_count);
  return file;
}

void
seg_analysis_file_unref (SegAnalysisFile *f)
{
  if (f == NULL || !g_atomic_ref_count_dec (&f->ref_count))
    return;
  g_free (f->path);
  g_clear_pointer (&f->root, json_object_unref);
  g_ptr_array_unref (f->inputs);
  seg_analysis_view_clear (&f->view);
  g_free (f);
}

static void
set_view (SegAnalysisFile       *f,
          const SegAnalysisView *view)
{
  SegAnalysisView copy = { 0 };

  if (view != NULL)
    seg_analysis_view_copy (view, &copy);
  seg_analysis_view_clear (&f->view);
  f->view = copy;
}

SegAnalysisFile *
seg_analysis_file_new_from_result (SegResult             *result,
                                   const SegAnalysisView *view,
                                   GCancellable          *cancellable,
                                   GError               **error)
{
  g_autoptr(SegAnalysisFile) f = file_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  SegDataset *ds = seg_result_get_dataset (result);
  const SegDatasetOptions *o = seg_dataset_get_options (ds);

  for (guint i = 0; i < seg_dataset_get_n_inputs (ds); i++)
    {
      const SegInputInfo *info = seg_dataset_get_input (ds, i);
      const SegInputSpec *spec = i < o->inputs->len ? g_ptr_array_index (o->inputs, i) : NULL;
      const char *path = spec ? spec->path : seg_table_get_report (info->table)->path;
      SegSavedInput *in = g_new0 (SegSavedInput, 1);

      g_ptr_array_add (f->inputs, in);
      in->absolute_path = g_canonicalize_filename (path, NULL);
      in->path = g_strdup (in->absolute_path);
      in->role = spec ? spec->role : SEG_FILE_ROLE_UNKNOWN;
      in->detected_role = info->role;
      in->sha256 = seg_file_sha256 (in->absolute_path, &in->size, cancellable, error);
      if (in->sha256 == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
    }
  set_view (f, view);

  json_builder_begin_object (b);
  add_dataset_settings (b, ds);
  add_analysis_settings (b, result);
  add_models (b, result);
  add_segments (b, result, view);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  f->root = json_object_ref (json_node_get_object (node));
  return g_steal_pointer (&f);
}

JsonNode *
seg_analysis_file_to_json (SegAnalysisFile *f,
                           const char      *path)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *canonical = path ? g_canonicalize_filename (path, NULL) : NULL;
  g_autofree char *dir = canonical ? g_path_get_dirname (canonical) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  JsonNode *root;
  JsonObject *obj;
  static const char *order[] = { "dataset", "analysis", "models", "segments" };

  json_builder_begin_object (b);
  add_string (b, "format", SEG_ANALYSIS_FILE_FORMAT);
  add_int (b, "version", SEG_ANALYSIS_FILE_VERSION);
  add_string (b, "generator", "Segmenta " PACKAGE_VERSION);
  add_string (b, "saved", stamp);
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->inputs->len; i++)
    {
      SegSavedInput *in = g_ptr_array_index (f->inputs, i);
      const char *where = in->path ? in->path : in->absolute_path;
      g_autofree char *rel = dir ? seg_relative_path (dir, where) : NULL;
      g_autofree char *abs = g_canonicalize_filename (where, NULL);

      json_builder_begin_object (b);
      add_string (b, "path", rel ? rel : abs);
      add_string (b, "absolute_path", abs);
      add_string (b, "role", in->role != SEG_FILE_ROLE_UNKNOWN ? seg_file_role_to_string (in->role) : NULL);
      add_string (b, "detected_role", seg_file_role_to_string (in->detected_role));
      add_int (b, "size", (gint64) in->size);
      add_string (b, "sha256", in->sha256);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "view");
  json_builder_begin_object (b);
  add_string (b, "colour_by", f->view.colour_by);
  add_string (b, "pane", f->view.pane);
  add_strv (b, "persona_names", (const char * const *) f->view.persona_names, -1);
  add_strv (b, "persona_actions", (const char * const *) f->view.persona_actions, -1);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  obj = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      JsonNode *m = json_object_get_member (f->root, order[i]);
      if (m != NULL)
        json_object_set_member (obj, order[i], json_node_copy (m));
    }
  return root;
}

static GBytes *
gzip_bytes (const char *data,
            gsize       len,
            GError    **error)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (z));

  if (!g_output_stream_write_all (out, data, len, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

gboolean
seg_analysis_file_save (SegAnalysisFile *f,
                        const char      *path,
                        GError         **error)
{
  g_autoptr(JsonNode) root = seg_analysis_file_to_json (f, path);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize len;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 1);
  text = json_generator_to_data (gen, &len);
  if (len > SEG_ANALYSIS_FILE_GZIP_BYTES)
    {
      bytes = gzip_bytes (text, len, error);
      if (bytes == NULL)
        return FALSE;
    }
  else
    bytes = g_bytes_new_take (g_steal_pointer (&text), len);
  if (!seg_write_file_atomic (path, bytes, NULL, error))
    return FALSE;
  g_free (f->path);
  f->path = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < f->inputs->len; i++)
    {
      SegSavedInput *in = g_ptr_array_index (f->inputs, i);
      g_autofree char *dir = g_path_get_dirname (f->path);
      g_free (in->stored_path);
      in->stored_path = seg_relative_path (dir, in->path ? in->path : in->absolute_path);
    }
  return TRUE;
}

/* ------------------------------------------------------------ reading */

/* Version n → n + 1, for every n below SEG_ANALYSIS_FILE_VERSION.  Version 1
 * is the first, so the list is empty; a step is added here (and a test with
 * a file of the old version) whenever the format changes. */
typedef gboolean (*MigrateStep) (JsonObject *root, GError **error);
static const MigrateStep migrate_steps[SEG_ANALYSIS_FILE_VERSION] = { NULL };

gboolean
seg_analysis_file_migrate (JsonObject *root,
                           const char *path,
                           GError    **error)
{
  const char *format = seg_json_get_string (root, "format");
  double v;
  int version;

  if (g_strcmp0 (format, SEG_ANALYSIS_FILE_FORMAT) != 0)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("%s: this is not a Segmenta analysis file"), path ? path : _("analysis file"));
      return FALSE;
    }
  if (!seg_json_get_number (root, "version", &v) || !(v >= 1) || v != floor (v))
    return bad_member (path, "version", error);
  version = (int) v;
  if (version > SEG_ANALYSIS_FILE_VERSION)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("%s was saved by a newer Segmenta (analysis file version %d; this one reads up to "
                     "version %d): update Segmenta to open it"),
                   path ? path : _("The analysis file"), version, SEG_ANALYSIS_FILE_VERSION);
      return FALSE;
    }
  for (int from = version; from < SEG_ANALYSIS_FILE_VERSION; from++)
    {
      if (migrate_steps[from] == NULL || !migrate_steps[from] (root, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                         _("%s: analysis file version %d cannot be read"), path ? path : "", from);
          return FALSE;
        }
      json_object_set_int_member (root, "version", from + 1);
    }
  return TRUE;
}

/* Where a saved input is now: the stored (relative) path, the absolute one,
 * or the same name next to the analysis file. */
static void
check_input (SegSavedInput *in,
             const char    *dir)
{
  g_autofree char *rel = dir && in->stored_path && !g_path_is_absolute (in->stored_path)
                           ? g_canonicalize_filename (in->stored_path, dir) : NULL;
  g_autofree char *base = g_path_get_basename (in->absolute_path ? in->absolute_path : in->stored_path);
  g_autofree char *beside = dir ? g_build_filename (dir, base, NULL) : NULL;
  const char *candidates[] = { rel, in->stored_path && g_path_is_absolute (in->stored_path) ? in->stored_path : NULL,
                               in->absolute_path, beside };

  g_clear_pointer (&in->path, g_free);
  in->state = SEG_INPUT_MISSING;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *sum = NULL;
      guint64 size = 0;

      if (candidates[i] == NULL || !g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
        continue;
      sum = seg_file_sha256 (candidates[i], &size, NULL, NULL);
      if (sum == NULL)
        continue;
      if (i == 3 && g_strcmp0 (sum, in->sha256) != 0)
        continue;   /* a different file of the same name: not this input */
      in->path = g_canonicalize_filename (candidates[i], NULL);
      if (g_strcmp0 (sum, in->sha256) != 0 || size != in->size)
        in->state = SEG_INPUT_CHANGED;
      else
        in->state = i == 3 && (rel == NULL || !g_str_equal (in->path, rel)) &&
                    g_strcmp0 (in->path, in->absolute_path) != 0 ? SEG_INPUT_MOVED : SEG_INPUT_UNCHANGED;
      return;
    }
}

SegAnalysisFile *
seg_analysis_file_new_from_json (JsonNode   *node,
                                 const char *path,
                                 GError    **error)
{
  g_autoptr(SegAnalysisFile) f = file_new ();
  g_autofree char *canonical = path ? g_canonicalize_filename (path, NULL) : NULL;
  g_autofree char *dir = canonical ? g_path_get_dirname (canonical) : NULL;
  JsonObject *root, *view;
  JsonNode *inputs;
  double v;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("%s: this is not a Segmenta analysis file"), path ? path : _("analysis file"));
      return NULL;
    }
  root = json_node_get_object (node);
  seg_json_get_number (root, "version", &v);
  f->version = isfinite (v) ? (int) v : 0;
  if (!seg_analysis_file_migrate (root, path, error))
    return NULL;
  f->path = path ? g_canonicalize_filename (path, NULL) : NULL;
  inputs = json_object_get_member (root, "inputs");
  if (inputs == NULL || !JSON_NODE_HOLDS_ARRAY (inputs))
    {
      bad_member (path, "inputs", error);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (inputs)); i++)
    {
      JsonObject *o = json_array_get_object_element (json_node_get_array (inputs), i);
      SegSavedInput *in;
      double size;

      if (o == NULL || seg_json_get_string (o, "path") == NULL || seg_json_get_string (o, "sha256") == NULL ||
          !seg_json_get_number (o, "size", &size))
        {
          bad_member (path, "inputs", error);
          return NULL;
        }
      in = g_new0 (SegSavedInput, 1);
      g_ptr_array_add (f->inputs, in);
      in->stored_path = g_strdup (seg_json_get_string (o, "path"));
      in->absolute_path = g_strdup (seg_json_get_string (o, "absolute_path"));
      in->sha256 = g_strdup (seg_json_get_string (o, "sha256"));
      in->size = (guint64) size;
      if (!seg_file_role_from_string (seg_json_get_string (o, "role"), &in->role))
        in->role = SEG_FILE_ROLE_UNKNOWN;
      if (!seg_file_role_from_string (seg_json_get_string (o, "detected_role"), &in->detected_role))
        in->detected_role = SEG_FILE_ROLE_UNKNOWN;
      check_input (in, dir);
    }
  if (seg_json_get_object (root, "dataset") == NULL)
    {
      bad_member (path, "dataset", error);
      return NULL;
    }
  if (seg_json_get_object (root, "analysis") == NULL)
    {
      bad_member (path, "analysis", error);
      return NULL;
    }
  view = seg_json_get_object (root, "view");
  if (view != NULL)
    {
      f->view.colour_by = g_strdup (seg_json_get_string (view, "colour_by"));
      f->view.pane = g_strdup (seg_json_get_string (view, "pane"));
      f->view.persona_names = seg_json_get_strv (view, "persona_names", NULL);
      f->view.persona_actions = seg_json_get_strv (view, "persona_actions", NULL);
    }
  f->root = json_object_ref (root);
  return g_steal_pointer (&f);
}

static GBytes *
gunzip_bytes (GBytes  *bytes,
              GError **error)
{
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (mem, G_CONVERTER (z));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

SegAnalysisFile *
seg_analysis_file_load (const char   *path,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  const guint8 *data;
  gsize len;

  bytes = g_file_load_bytes (file, cancellable, NULL, &local);
  if (bytes == NULL)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_IO, _("%s: cannot read the analysis file: %s"), path, local->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b)
    {
      GBytes *plain = gunzip_bytes (bytes, &local);
      if (plain == NULL)
        {
          g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                       _("%s: the compressed analysis file is damaged: %s"), path, local->message);
          return NULL;
        }
      g_bytes_unref (bytes);
      bytes = plain;
      data = g_bytes_get_data (bytes, &len);
    }
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) len, &local))
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("%s: this is not a Segmenta analysis file (%s)"), path, local->message);
      return NULL;
    }
  return seg_analysis_file_new_from_json (json_parser_get_root (parser), path, error);
}

/* ------------------------------------------------------------- getters */

const char *seg_analysis_file_get_path (SegAnalysisFile *f) { return f->path; }
int seg_analysis_file_get_version (SegAnalysisFile *f) { return f->version; }
guint seg_analysis_file_get_n_inputs (SegAnalysisFile *f) { return f->inputs->len; }
const SegAnalysisView *seg_analysis_file_get_view (SegAnalysisFile *f) { return &f->view; }
JsonObject *seg_analysis_file_get_models (SegAnalysisFile *f) { return seg_json_get_object (f->root, "models"); }
JsonObject *seg_analysis_file_get_segments (SegAnalysisFile *f) { return seg_json_get_object (f->root, "segments"); }

const SegSavedInput *
seg_analysis_file_get_input (SegAnalysisFile *f,
                             guint            index)
{
  g_return_val_if_fail (index < f->inputs->len, NULL);
  return g_ptr_array_index (f->inputs, index);
}

void
seg_analysis_file_set_view (SegAnalysisFile       *f,
                            const SegAnalysisView *view)
{
  set_view (f, view);
}

void
seg_analysis_file_relocate_input (SegAnalysisFile *f,
                                  guint            index,
                                  const char      *path)
{
  SegSavedInput *in;
  g_autofree char *sum = NULL;
  guint64 size = 0;

  g_return_if_fail (index < f->inputs->len);
  in = g_ptr_array_index (f->inputs, index);
  g_free (in->path);
  in->path = g_canonicalize_filename (path, NULL);
  sum = seg_file_sha256 (in->path, &size, NULL, NULL);
  if (sum == NULL)
    {
      g_clear_pointer (&in->path, g_free);
      in->state = SEG_INPUT_MISSING;
    }
  else
    in->state = g_strcmp0 (sum, in->sha256) == 0 && size == in->size ? SEG_INPUT_MOVED : SEG_INPUT_CHANGED;
}

GPtrArray *
seg_analysis_file_describe_inputs (SegAnalysisFile *f)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < f->inputs->len; i++)
    {
      const SegSavedInput *in = g_ptr_array_index (f->inputs, i);
      const char *name = in->stored_path ? in->stored_path : in->absolute_path;

      switch (in->state)
        {
        case SEG_INPUT_CHANGED:
          g_ptr_array_add (out, g_strdup_printf (_("%s has changed since the analysis was saved "
                                                   "(its SHA-256 differs); the analysis runs on the changed data"),
                                                 in->path));
          break;
        case SEG_INPUT_MOVED:
          g_ptr_array_add (out, g_strdup_printf (_("%s was not where the analysis saved it; the same file was "
                                                   "found at %s"), name, in->path));
          break;
        case SEG_INPUT_MISSING:
          g_ptr_array_add (out, g_strdup_printf (_("%s cannot be found (it was at %s)"), name,
                                                 in->absolute_path ? in->absolute_path : name));
          break;
        case SEG_INPUT_UNCHANGED:
        default:
          break;
        }
    }
  return out;
}

/* --------------------------------------------------- options from it */

SegDatasetOptions *
seg_analysis_file_dataset_options (SegAnalysisFile    *f,
                                   const char * const *paths,
                                   GError            **error)
{
  g_autoptr(SegDatasetOptions) o = seg_dataset_options_new ();
  JsonObject *d = seg_json_get_object (f->root, "dataset");
  JsonObject *as_of = seg_json_get_object (d, "as_of");
  JsonObject *read = seg_json_get_object (d, "read");
  g_auto(GStrv) maps = seg_json_get_strv (d, "maps", NULL);
  g_auto(GStrv) txn = seg_json_get_strv (d, "txn_derives", NULL);
  g_auto(GStrv) derives = seg_json_get_strv (d, "derives", NULL);
  const char *where = seg_json_get_string (d, "where");
  guint n_paths = paths ? g_strv_length ((char **) paths) : 0;

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
      if (!parse_day (seg_json_get_string (as_of, "date"), &day))
        {
          bad_member (f->path, "dataset.as_of.date", error);
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
      ro->has_header = (int) get_int (read, "has_header", -1);
      ro->day_first = (int) get_int (read, "day_first", -1);
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
  JsonObject *a = seg_json_get_object (f->root, "analysis");
  JsonObject *rfm = seg_json_get_object (a, "rfm");
  JsonObject *churn = seg_json_get_object (a, "churn");
  JsonObject *clv = seg_json_get_object (a, "clv");
  const char *rules = seg_json_get_string (a, "rules");
  JsonNode *k = json_object_get_member (a, "k");
  double v;

  seg_analysis_options_init (o);
  o->methods = get_methods (a, "methods");
  o->required = get_methods (a, "required");
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
  o->k_min = (guint) get_int (a, "k_min", o->k_min);
  o->k_max = (guint) get_int (a, "k_max", o->k_max);
  o->n_init = (guint) get_int (a, "n_init", o->n_init);
  o->seed = (guint64) get_int (a, "seed", 0);
  if (rfm != NULL)
    {
      o->rfm_bins = (guint) get_int (rfm, "bins", 5);
      o->rfm_method = rfm_method_parse (seg_json_get_string (rfm, "method"));
      o->rfm_map = seg_json_get_rfm_map (rfm, "map", o->rfm_bins);
    }
  if (churn != NULL)
    {
      if (seg_json_get_number (churn, "days", &v) && isfinite (v))
        o->churn_days = v;
      o->churn_label = g_strdup (seg_json_get_string (churn, "label"));
    }
  if (clv != NULL)
    {
      const char *method = seg_json_get_string (clv, "method");
      if (method == NULL || !seg_clv_method_parse (method, &o->clv_method))
        o->clv_method = SEG_CLV_METHOD_AUTO;
      o->clv_formula = g_strdup (seg_json_get_string (clv, "formula"));
      o->clv_months = (guint) get_int (clv, "months", 12);
      if (seg_json_get_number (clv, "discount", &v) && isfinite (v))
        o->clv_discount = v;
    }
  if (o->rfm_bins != 4 && o->rfm_bins != 5)
    return bad_member (f->path, "analysis.rfm.bins", error);
  return TRUE;
}
