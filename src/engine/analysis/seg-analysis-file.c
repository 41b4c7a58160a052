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
#include "seg-error.h"
#include "seg-job.h"
#include "seg-logistic.h"
#include "seg-publish.h"
#include "seg-rules.h"

/* ---------------------------------------------------------- small parts */

void
seg_analysis_view_clear (SegAnalysisView *view)
{
  g_return_if_fail (view != NULL);
  g_clear_pointer (&view->colour_by, g_free);
  g_clear_pointer (&view->pane, g_free);
  g_clear_pointer (&view->persona_names, g_strfreev);
  g_clear_pointer (&view->persona_actions, g_strfreev);
}

void
seg_analysis_view_copy (const SegAnalysisView *src,
                        SegAnalysisView       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);
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

/* Hex SHA-256 and size of a file. */
static char *
file_sha256 (const char   *path,
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
seg_analysis_file_relative_path (const char *base,
                                 const char *target)
{
  g_autofree char *abs_base = NULL;
  g_autofree char *abs_target = NULL;
  g_auto(GStrv) b = NULL;
  g_auto(GStrv) t = NULL;
  g_autoptr(GString) out = NULL;
  guint nb, nt, common = 0;

  g_return_val_if_fail (base != NULL && target != NULL, NULL);

  abs_base = g_canonicalize_filename (base, NULL);
  abs_target = g_canonicalize_filename (target, NULL);
  b = g_strsplit (abs_base, G_DIR_SEPARATOR_S, -1);
  t = g_strsplit (abs_target, G_DIR_SEPARATOR_S, -1);
  out = g_string_new (NULL);
  nb = g_strv_length (b);
  nt = g_strv_length (t);
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
  g_return_val_if_fail (file != NULL, NULL);
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
  g_autoptr(SegAnalysisFile) f = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;
  SegDataset *ds;
  const SegDatasetOptions *o;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  f = file_new ();
  b = json_builder_new ();
  ds = seg_result_get_dataset (result);
  o = seg_dataset_get_options (ds);
  for (guint i = 0; i < seg_dataset_get_n_inputs (ds); i++)
    {
      const SegInputInfo *info = seg_dataset_get_input (ds, i);
      SegFileRole role = SEG_FILE_ROLE_UNKNOWN;
      gboolean given = i < seg_dataset_options_get_n_inputs (o);
      const char *path = given ? seg_dataset_options_get_input (o, i, &role)
                               : seg_table_get_report (info->table)->path;
      SegSavedInput *in = g_new0 (SegSavedInput, 1);

      g_ptr_array_add (f->inputs, in);
      in->absolute_path = g_canonicalize_filename (path, NULL);
      in->path = g_strdup (in->absolute_path);
      in->role = role;
      in->detected_role = info->role;
      in->sha256 = file_sha256 (in->absolute_path, &in->size, cancellable, error);
      if (in->sha256 == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
    }
  set_view (f, view);

  json_builder_begin_object (b);
  seg_analysis_file_add_dataset_settings (b, ds);
  seg_analysis_file_add_analysis_settings (b, result);
  seg_analysis_file_add_models (b, result);
  seg_analysis_file_add_segments (b, result, view);
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

  g_return_val_if_fail (f != NULL, NULL);
  json_builder_begin_object (b);
  seg_json_add_string (b, "format", SEG_ANALYSIS_FILE_FORMAT);
  seg_json_add_int (b, "version", SEG_ANALYSIS_FILE_VERSION);
  seg_json_add_string (b, "generator", "Segmenta " PACKAGE_VERSION);
  seg_json_add_string (b, "saved", stamp);
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->inputs->len; i++)
    {
      SegSavedInput *in = g_ptr_array_index (f->inputs, i);
      const char *where = in->path ? in->path : in->absolute_path;
      g_autofree char *rel = dir ? seg_analysis_file_relative_path (dir, where) : NULL;
      g_autofree char *abs = g_canonicalize_filename (where, NULL);

      json_builder_begin_object (b);
      seg_json_add_string (b, "path", rel ? rel : abs);
      seg_json_add_string (b, "absolute_path", abs);
      seg_json_add_string (b, "role", in->role != SEG_FILE_ROLE_UNKNOWN ? seg_file_role_to_string (in->role) : NULL);
      seg_json_add_string (b, "detected_role", seg_file_role_to_string (in->detected_role));
      seg_json_add_int (b, "size", (gint64) in->size);
      seg_json_add_string (b, "sha256", in->sha256);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "view");
  json_builder_begin_object (b);
  seg_json_add_string (b, "colour_by", f->view.colour_by);
  seg_json_add_string (b, "pane", f->view.pane);
  seg_json_add_strv (b, "persona_names", (const char * const *) f->view.persona_names, -1);
  seg_json_add_strv (b, "persona_actions", (const char * const *) f->view.persona_actions, -1);
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
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize len;

  g_return_val_if_fail (f != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root = seg_analysis_file_to_json (f, path);
  gen = json_generator_new ();
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
  if (!seg_publish_file (path, bytes, error))
    return FALSE;
  g_free (f->path);
  f->path = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < f->inputs->len; i++)
    {
      SegSavedInput *in = g_ptr_array_index (f->inputs, i);
      g_autofree char *dir = g_path_get_dirname (f->path);
      g_free (in->stored_path);
      in->stored_path = seg_analysis_file_relative_path (dir, in->path ? in->path : in->absolute_path);
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
  const char *format;
  double v;
  int version;

  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = seg_json_get_string (root, "format");
  if (g_strcmp0 (format, SEG_ANALYSIS_FILE_FORMAT) != 0)
    {
      g_set_error (error, SEG_ERROR, SEG_ERROR_INVALID_INPUT,
                   _("%s: this is not a Segmenta analysis file"), path ? path : _("analysis file"));
      return FALSE;
    }
  if (!seg_json_get_number (root, "version", &v) || !(v >= 1) || v != floor (v))
    return seg_json_bad_member (path, "version", error);
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
      sum = file_sha256 (candidates[i], &size, NULL, NULL);
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
  g_autoptr(SegAnalysisFile) f = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *dir = NULL;
  JsonObject *root, *view;
  JsonNode *inputs;
  double v;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  f = file_new ();
  canonical = path ? g_canonicalize_filename (path, NULL) : NULL;
  dir = canonical ? g_path_get_dirname (canonical) : NULL;
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
      seg_json_bad_member (path, "inputs", error);
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
          seg_json_bad_member (path, "inputs", error);
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
      seg_json_bad_member (path, "dataset", error);
      return NULL;
    }
  if (seg_json_get_object (root, "analysis") == NULL)
    {
      seg_json_bad_member (path, "analysis", error);
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
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  parser = json_parser_new ();
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
  g_return_if_fail (f != NULL);
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
  sum = file_sha256 (in->path, &size, NULL, NULL);
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
  GPtrArray *out;

  g_return_val_if_fail (f != NULL, NULL);
  out = g_ptr_array_new_with_free_func (g_free);

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

/* --- on a worker ------------------------------------------------------------ */

typedef struct
{
  SegResult      *result;
  SegAnalysisView view;
  char           *path;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  seg_result_unref (job->result);
  seg_analysis_view_clear (&job->view);
  g_free (job->path);
  g_free (job);
}

static gpointer
save_job (gpointer         data,
          GCancellable    *cancellable,
          SegProgressFunc  progress,
          gpointer         progress_data,
          GError         **error)
{
  SaveJob *job = data;
  g_autoptr(SegAnalysisFile) file = seg_analysis_file_new_from_result (job->result, &job->view, cancellable, error);

  if (file == NULL || !seg_analysis_file_save (file, job->path, error))
    return NULL;
  return g_steal_pointer (&file);
}

void
seg_analysis_file_save_result_async (SegResult             *result,
                                     const SegAnalysisView *view,
                                     const char            *path,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  SaveJob *job;

  g_return_if_fail (result != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (SaveJob, 1);
  job->result = seg_result_ref (result);
  seg_analysis_view_copy (view, &job->view);
  job->path = g_strdup (path);
  seg_job_run_lasting_async (save_job, job, (GDestroyNotify) save_job_free, (GDestroyNotify) seg_analysis_file_unref,
                             seg_analysis_file_save_result_async, cancellable, NULL, NULL, callback, user_data);
}

SegAnalysisFile *
seg_analysis_file_save_result_finish (GAsyncResult  *result,
                                      GError       **error)
{
  return seg_job_run_finish (result, seg_analysis_file_save_result_async, error);
}

static gpointer
load_job (gpointer         data,
          GCancellable    *cancellable,
          SegProgressFunc  progress,
          gpointer         progress_data,
          GError         **error)
{
  return seg_analysis_file_load (data, cancellable, error);
}

void
seg_analysis_file_load_async (const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  seg_job_run_async (load_job, g_strdup (path), g_free, (GDestroyNotify) seg_analysis_file_unref,
                     seg_analysis_file_load_async, cancellable, NULL, NULL, callback, user_data);
}

SegAnalysisFile *
seg_analysis_file_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  return seg_job_run_finish (result, seg_analysis_file_load_async, error);
}
