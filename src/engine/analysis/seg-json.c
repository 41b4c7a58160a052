/* seg-json.c — JSON helpers of the .segmenta document and the saved models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers are written in json-glib's shortest round-trip form; NAN is null.
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
#include "seg-json-private.h"
#include "seg-logistic.h"
#include "seg-rules.h"

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

void
seg_json_add_string (JsonBuilder *b,
                     const char  *name,
                     const char  *v)
{
  json_builder_set_member_name (b, name);
  if (v != NULL)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

void
seg_json_add_strv (JsonBuilder        *b,
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

void
seg_json_add_int (JsonBuilder *b,
                  const char  *name,
                  gint64       v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

gboolean
seg_json_bad_member (const char *path,
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

gint64
seg_json_get_int (JsonObject *o,
                  const char *member,
                  gint64      fallback)
{
  double v;

  return seg_json_get_number (o, member, &v) && isfinite (v) ? (gint64) v : fallback;
}

/* ------------------------------------------------------- the settings */

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
